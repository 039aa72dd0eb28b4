import { randomBytes } from 'node:crypto';
import { open, readdir, rename, stat, unlink } from 'node:fs/promises';
import * as path from 'node:path';

/** The marker in every temporary file name: `.<name>.cd-tmp-<pid>-<random hex>`. */
const TEMP_MARKER = '.cd-tmp-';
/** A temporary file of `writeFileAtomic`, now (`.<name>.cd-tmp-<pid>-<hex>`) or before (`.<name>.<pid>.<hex>.tmp`). */
const TEMP_NAME = /^\..*\.cd-tmp-(\d+)-[0-9a-f]+$|^\..*\.(\d+)\.[0-9a-f]{8}\.tmp$/;
/** A temporary file older than this is stale even when its pid is alive (the pid may be reused). */
const STALE_AFTER_MS = 60 * 60 * 1000;

/**
 * Write a file atomically: the bytes go to a temporary file in the same folder
 * (`.<name>.cd-tmp-<pid>-<random>`), are flushed to disk (fsync), the temporary file is renamed
 * over the target, and the folder is flushed too (so the rename survives a power cut), so a reader
 * sees the old file or the new one, never half of one. An existing target keeps its permission
 * bits (a 0600 file stays 0600); a new file gets the default mode (0666 less the umask). On any
 * failure the temporary file is removed and the target is untouched; a temporary file left by a
 * crash is removed later by `cleanStaleTempFiles`.
 *
 * @throws WriteError naming `target` and the reason (the file system's error as its `cause`)
 */
export async function writeFileAtomic(target: string, bytes: Uint8Array): Promise<void> {
  // The temporary name starts with (at most 40 characters of) the target's, and stays well under
  // the 255-byte limit of a name even when the target's name is at it.
  const folder = path.dirname(target);
  const temp = path.join(folder, `.${path.basename(target).slice(0, 40)}${TEMP_MARKER}${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    const mode = await stat(target).then(
      (s) => (s.isFile() ? s.mode & 0o7777 : undefined),
      () => undefined,
    );
    const handle = await open(temp, 'wx');
    try {
      // chmod, not open's mode argument, which the umask would reduce.
      if (mode !== undefined) await handle.chmod(mode);
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw new WriteError(target, temp, error as NodeJS.ErrnoException);
  }
  await syncFolder(folder);
}

/** fsync a folder so a rename in it is durable; where folders cannot be opened (Windows), skip. */
async function syncFolder(folder: string): Promise<void> {
  let handle;
  try {
    handle = await open(folder, 'r');
    await handle.sync();
  } catch {
    // EISDIR/EPERM/EINVAL on platforms that do not sync folders: the rename is done; nothing to add.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/**
 * Remove the temporary files that `writeFileAtomic` left in `folder` (not in its subfolders) when a
 * process crashed between writing and renaming: names `.<name>.cd-tmp-<pid>-<hex>` (and the older
 * `.<name>.<pid>.<8 hex>.tmp`) whose process is no longer alive, or that were last modified more
 * than an hour before `now` (a live pid may be a reused one). Other files are never touched; a
 * missing folder or a file that cannot be removed is skipped. Returns the paths removed.
 *
 * @param isAlive whether a process id is running (default: `process.kill(pid, 0)`; tests inject it)
 */
export async function cleanStaleTempFiles(folder: string, options: { now?: number; isAlive?: (pid: number) => boolean } = {}): Promise<string[]> {
  const now = options.now ?? Date.now();
  const isAlive = options.isAlive ?? processIsAlive;
  const names = await readdir(folder).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    const match = TEMP_NAME.exec(name);
    if (!match) continue;
    const file = path.join(folder, name);
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) continue;
    const pid = Number(match[1] ?? match[2]);
    if (isAlive(pid) && now - info.mtimeMs <= STALE_AFTER_MS) continue;
    await unlink(file).then(
      () => removed.push(file),
      () => undefined,
    );
  }
  return removed;
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A failed atomic write, named after the file the user asked for (not the temporary file the
 * error happened on): `Could not write /data/out.csv: permission denied (EACCES)`. `code` and
 * `cause` keep the file system's error.
 */
export class WriteError extends Error {
  readonly code: string | undefined;
  constructor(
    readonly target: string,
    temp: string,
    cause: NodeJS.ErrnoException,
  ) {
    const reason = cause.code && REASONS[cause.code] ? `${REASONS[cause.code]} (${cause.code})` : String(cause.message).split(temp).join(target);
    super(`Could not write ${target}: ${reason}`, { cause });
    this.name = 'WriteError';
    this.code = cause.code;
  }
}

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is exhausted',
  ENOENT: 'the folder does not exist',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'the target is a folder',
  ENAMETOOLONG: 'the name is too long',
};

/**
 * A path in `folder` for `fileName` that does not exist yet: the name itself, else with the date
 * (`notable_ai_models_2026-11-29.csv`), else with `_2`, `_3`… appended. Never returns an existing
 * file, so a download cannot overwrite the user's data.
 */
export async function freshPath(folder: string, fileName: string, date: string, exists: (p: string) => Promise<boolean>): Promise<string> {
  const ext = path.extname(fileName);
  const stem = fileName.slice(0, fileName.length - ext.length);
  const candidates = [fileName, `${stem}_${date}${ext}`];
  for (const name of candidates) if (!(await exists(path.join(folder, name)))) return path.join(folder, name);
  for (let k = 2; ; k++) {
    const candidate = path.join(folder, `${stem}_${date}_${k}${ext}`);
    if (!(await exists(candidate))) return candidate;
  }
}
