/**
 * The label log's path-based file I/O, kept in this one small module (DESIGN.md: core reads bytes,
 * not paths; the label log is the exception, and everything that touches its path is here):
 * opening without following links, refusing what is not a regular file, keeping the log and its
 * folders inside the workspace folder, creating the folders without following a link, and the
 * advisory lock that makes an append's "does the file end in \n" check and its write one step.
 */
import { constants, type Stats } from 'node:fs';
import { lstat, mkdir, open, realpath, type FileHandle } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { lock } from 'proper-lockfile';
import { hardLinkRefusal, isInsideFolder, notRegularRefusal, outsideRefusal, symlinkRefusal } from './logPlace';

/** Where a log is used: with `root` (the workspace folder), the log must stay inside it (issue #9). */
export interface LogPlace {
  root?: string;
}

/**
 * Check that `file` stays inside `place.root`: its path is below the root, no folder between the
 * root and the file (nor the file) is a symbolic link (each checked with lstat, so a link is never
 * followed), and the real path of its deepest existing folder is inside the real path of the root.
 * Missing parts are fine (they are created by an append). Without a root only the file itself is
 * checked later (O_NOFOLLOW when it is opened).
 *
 * @throws LabelLogRefusedError ('symlink' or 'outside')
 */
export async function checkContainment(file: string, place: LogPlace): Promise<void> {
  const { root } = place;
  if (root === undefined) return;
  const absolute = path.resolve(root, file);
  if (!isInsideFolder(root, absolute)) throw outsideRefusal(file, absolute, root);
  let deepestFolder = root;
  let at = root;
  for (const part of path.relative(root, absolute).split(path.sep).filter((p) => p !== '')) {
    at = path.join(at, part);
    let stats: Stats;
    try {
      stats = await lstat(at);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') break;
      throw error;
    }
    if (stats.isSymbolicLink()) throw symlinkRefusal(file, at === absolute ? file : at);
    if (stats.isDirectory() && at !== absolute) deepestFolder = at;
  }
  const [realRoot, realFolder] = await Promise.all([realpath(root), realpath(deepestFolder)]);
  if (!isInsideFolder(realRoot, realFolder)) throw outsideRefusal(file, realFolder, root);
}

/** What a non-regular file is, in words for a message. */
function kindOf(stats: Stats): string {
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isDirectory()) return 'a folder';
  if (stats.isSocket()) return 'a socket';
  if (stats.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

/**
 * Open the log for reading: containment checked, the file looked at with lstat first (so a FIFO
 * or a device is refused before it is opened), then opened with O_NOFOLLOW | O_NONBLOCK (a link
 * swapped in meanwhile fails with ELOOP; a FIFO could not block) and checked again with fstat
 * (regular file, the same inode lstat saw). Returns undefined when the file does not exist.
 *
 * @returns the open handle and the file's size in bytes (from fstat, before any byte is read)
 * @throws LabelLogRefusedError, or the file system's error (EACCES…)
 */
export async function openLogForRead(file: string, place: LogPlace): Promise<{ handle: FileHandle; size: number } | undefined> {
  await checkContainment(file, place);
  let before: Stats;
  try {
    before = await lstat(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  refuseIrregular(file, before);
  const handle = await openNoFollow(file, constants.O_RDONLY);
  if (!handle) return undefined;
  try {
    const stats = await handle.stat();
    refuseIrregular(file, stats, before);
    return { handle, size: stats.size };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/**
 * Open the log for appending (O_RDWR | O_APPEND | O_NOFOLLOW, created with mode 0644 when missing,
 * its folders created first without following a link: `ensureFolder`), checked like
 * `openLogForRead`; a log with several hard links is refused too (`hardLinkRefusal`). `created` is true when this call made the file, `folders` lists the folders
 * whose entries changed (to flush for durability).
 *
 * @throws LabelLogRefusedError, or the file system's error
 */
export async function openLogForAppend(file: string, place: LogPlace): Promise<{ handle: FileHandle; created: boolean; folders: string[] }> {
  await checkContainment(file, place);
  const folders = await ensureFolder(file, place);
  const flags = constants.O_RDWR | constants.O_APPEND;
  let handle: FileHandle | undefined;
  let created = false;
  try {
    handle = await open(file, flags | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o644);
    created = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  if (!handle) {
    const before = await lstat(file);
    refuseIrregular(file, before);
    handle = await openNoFollow(file, flags);
    if (!handle) throw Object.assign(new Error(`The label log ${file} vanished while it was being opened.`), { code: 'ENOENT' });
  }
  try {
    const stats = await handle.stat();
    refuseIrregular(file, stats);
    if (stats.nlink > 1) throw hardLinkRefusal(file, stats.nlink);
  } catch (error) {
    await handle.close();
    throw error;
  }
  return { handle, created, folders: created ? [path.dirname(file), ...folders] : [] };
}

async function openNoFollow(file: string, flags: number): Promise<FileHandle | undefined> {
  try {
    return await open(file, flags | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ELOOP') throw symlinkRefusal(file, file);
    throw error;
  }
}

function refuseIrregular(file: string, stats: Stats, before?: Stats): void {
  if (stats.isSymbolicLink()) throw symlinkRefusal(file, file);
  if (!stats.isFile()) throw notRegularRefusal(file, kindOf(stats));
  // A file swapped between lstat and open: judge the one that was opened, but refuse a swap to a link's target.
  if (before && (before.ino !== stats.ino || before.dev !== stats.dev)) throw symlinkRefusal(file, file);
}

/**
 * Create the folder of `file` and its missing parents. With a root, each folder below the root is made one
 * at a time (mkdir without `recursive`) and looked at with lstat, so a link in the way is refused,
 * never followed. Returns the parents of the folders created (whose entries to flush).
 */
async function ensureFolder(file: string, place: LogPlace): Promise<string[]> {
  const { root } = place;
  const folder = path.dirname(path.resolve(root ?? '', file));
  if (root === undefined || !isInsideFolder(root, folder)) {
    const first = await mkdir(folder, { recursive: true });
    if (first === undefined) return [];
    const parents: string[] = [];
    for (let dir = folder; ; dir = path.dirname(dir)) {
      parents.push(path.dirname(dir));
      if (dir === first || path.dirname(dir) === dir) break;
    }
    return parents;
  }
  const parents: string[] = [];
  let at = root;
  for (const part of path.relative(root, folder).split(path.sep).filter((p) => p !== '')) {
    const parent = at;
    at = path.join(at, part);
    try {
      await mkdir(at);
      parents.push(parent);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const stats = await lstat(at);
    if (stats.isSymbolicLink()) throw symlinkRefusal(file, at);
    if (!stats.isDirectory()) throw Object.assign(new Error(`Cannot create the label log's folder: ${at} is not a folder.`), { code: 'ENOTDIR' });
  }
  return parents;
}

/**
 * Where the lock of the log at `file` lives: outside the workspace, in this user's temporary folder,
 * named by a hash of the log's real path. A lock beside the log could be committed to a repository
 * (a `labels.jsonl.lock` folder, file or link) and block every append; one here cannot.
 */
async function lockPathOf(file: string): Promise<string> {
  const folder = await realpath(path.dirname(path.resolve(file)));
  const key = createHash('sha256').update(path.join(folder, path.basename(file))).digest('hex').slice(0, 32);
  const locks = path.join(tmpdir(), `compute-divide-locks-${process.getuid?.() ?? 'user'}`);
  await mkdir(locks, { recursive: true, mode: 0o700 });
  return path.join(locks, `${key}.lock`);
}

/**
 * Run `critical` while holding the advisory lock of the log at `file` (proper-lockfile: a folder
 * made with mkdir, which is atomic, in this user's temporary folder (`lockPathOf`); kept fresh while held; a lock whose holder died,
 * even by SIGKILL, is stale after 2 s and taken over, so a dead writer delays the others by at
 * most about 2 s and never blocks them). Waits up to about 15 s for a busy lock, polling every 1 to 5 ms (a holder keeps it for well under a millisecond).
 *
 * @throws the lock's error (ELOCKED after the wait) or `critical`'s
 */
export async function withLogLock<T>(file: string, critical: () => Promise<T>): Promise<T> {
  const release = await lock(file, {
    realpath: false,
    lockfilePath: await lockPathOf(file),
    stale: 2000,
    update: 1000,
    retries: { retries: 6000, factor: 1.2, minTimeout: 0, maxTimeout: 2, randomize: true },
    // A lock taken over while held (this process stalled for over 2 s): the append still happens
    // with O_APPEND (whole, not interleaved); only the torn-line check lost its protection.
    onCompromised: () => undefined,
  });
  try {
    return await critical();
  } finally {
    await release().catch(() => undefined);
  }
}
