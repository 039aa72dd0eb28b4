/**
 * Pure rules about where the label log may live and how big it may be (issue #9): the log must stay
 * inside the workspace folder, never through a symbolic link, be a regular file, and stay under a
 * size cap. The file-system side of these rules is in `logFile.ts`; this module does no I/O.
 */
import * as path from 'node:path';

/** Above this size (100 MB, decimal) reading the log gives a `large-log` warning. */
export const LABEL_LOG_WARN_BYTES = 100_000_000;
/** Above this size (1 GB, decimal) the log is refused before a byte is read. */
export const LABEL_LOG_MAX_BYTES = 1_000_000_000;

/** Why a label log was refused. */
export type LabelLogRefusal = 'symlink' | 'not-regular' | 'outside' | 'too-large' | 'hard-link';

/**
 * A label log that is not used (neither read nor appended to): `reason` says why, `file` is the
 * log's path as configured, and the message is the one shown to the user (Problems panel and a
 * notification in the editor, stderr in the CLI).
 */
export class LabelLogRefusedError extends Error {
  constructor(
    readonly reason: LabelLogRefusal,
    readonly file: string,
    message: string,
  ) {
    super(message);
    this.name = 'LabelLogRefusedError';
  }
}

/**
 * True when `target` is `root` itself or lies below it, judged on the path strings alone (both
 * absolute; `..` segments resolved by `path.relative`). Resolving links is the caller's job
 * (`logFile.ts` compares real paths with this).
 */
export function isInsideFolder(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return relative === '' || (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative));
}

/**
 * The verdict on a log of `bytes` bytes: `ok`, `large` (over LABEL_LOG_WARN_BYTES: read, with a
 * warning) or `too-large` (over LABEL_LOG_MAX_BYTES: refused). The limits are far above any real
 * label log (one event is about 200 bytes, so 100 MB is half a million labels) and exist so that
 * a log that is not a label log (a link to a disk image, a runaway tool) cannot exhaust memory.
 */
export function sizeVerdict(bytes: number): 'ok' | 'large' | 'too-large' {
  if (bytes > LABEL_LOG_MAX_BYTES) return 'too-large';
  return bytes > LABEL_LOG_WARN_BYTES ? 'large' : 'ok';
}

/**
 * The refusal for a symbolic link: `link` is the log itself or a folder on its path.
 * Message: `Refusing the label log FILE: it is a symbolic link. …` or `… the folder LINK on its path is a symbolic link. …`.
 */
export function symlinkRefusal(file: string, link: string): LabelLogRefusedError {
  const which = link === file ? 'it is a symbolic link' : `the folder ${link} on its path is a symbolic link`;
  return new LabelLogRefusedError('symlink', file, `Refusing the label log ${file}: ${which}. Links are never followed for the label log (one could point at any file); replace the link with a regular ${link === file ? 'file' : 'folder'}.`);
}

/** The refusal for something that is not a regular file (`kind`: "a FIFO", "a character device", "a folder"…). */
export function notRegularRefusal(file: string, kind: string): LabelLogRefusedError {
  return new LabelLogRefusedError('not-regular', file, `Refusing the label log ${file}: it is ${kind}, not a regular file.`);
}

/**
 * The refusal to append to a log with several hard links: the same file has another name,
 * possibly outside the workspace (an archive can carry a hard link to `~/.bashrc`), and appending
 * would change that file too. Reading such a log is allowed; only appends are refused.
 */
export function hardLinkRefusal(file: string, links: number): LabelLogRefusedError {
  return new LabelLogRefusedError('hard-link', file, `Refusing to append to the label log ${file}: it has ${links} hard links, so the same file also has another name (perhaps outside the workspace) that a label would change too. Copy it to a new file (cp, then mv over it) to give it a single name.`);
}

/** The refusal for a log whose real path leaves the workspace folder `root`. */
export function outsideRefusal(file: string, real: string, root: string): LabelLogRefusedError {
  return new LabelLogRefusedError('outside', file, `Refusing the label log ${file}: it resolves to ${real}, outside the workspace folder ${root}.`);
}

/** The refusal for a log over LABEL_LOG_MAX_BYTES. */
export function tooLargeRefusal(file: string, bytes: number): LabelLogRefusedError {
  return new LabelLogRefusedError(
    'too-large',
    file,
    `Refusing the label log ${file}: it is ${bytes.toLocaleString('en-US')} bytes, over the 1 GB limit (${LABEL_LOG_MAX_BYTES.toLocaleString('en-US')} bytes) for a label log; nothing was read.`,
  );
}

/** The warning text for a log over LABEL_LOG_WARN_BYTES (shown as a `large-log` diagnostic on line 1). */
export function largeLogWarning(bytes: number): string {
  return `The label log is ${(bytes / 1e6).toFixed(0)} MB, over 100 MB: reading it takes time and memory, and logs over 1 GB are refused. Is this the right file?`;
}
