import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import * as path from 'node:path';

/**
 * Write a file atomically: the bytes go to a temporary file in the same folder, are flushed to
 * disk (fsync), and the temporary file is renamed over the target, so a reader sees the old file
 * or the new one, never half of one. On any failure the temporary file is removed and the target
 * is untouched.
 *
 * @throws WriteError naming `target` and the reason (the file system's error as its `cause`)
 */
export async function writeFileAtomic(target: string, bytes: Uint8Array): Promise<void> {
  // The temporary name starts with (at most 40 characters of) the target's, and stays well under
  // the 255-byte limit of a name even when the target's name is at it.
  const temp = path.join(path.dirname(target), `.${path.basename(target).slice(0, 40)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx');
    try {
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
