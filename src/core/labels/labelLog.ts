/**
 * The label log on disk: appends that are durable before they resolve and never interleave
 * with another process's, and reading (spec `../shared/spec/labels.md`).
 */
import { constants } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { mkdir, open, readFile, type FileHandle } from 'node:fs/promises';
import * as path from 'node:path';
import { checkEvent, serializeEvent, type Json, type LabelEvent } from './event';
import { decodeMixed } from '../csvTable';
import { clipRaw, LabelLogParser, type ParsedLabelLog, type ParseLabelLogOptions } from './parseLog';

/** The default place of the log, relative to the workspace folder (spec labels.md). */
export const DEFAULT_LABEL_LOG = path.join('.compute-divide', 'labels.jsonl');

/**
 * Append events to the label log at `file`, one JSON line each, and resolve only once they are on
 * disk (spec labels.md: an append is durable before the UI reports it saved; appends from two
 * processes at once must not interleave within a line or lose either event).
 *
 * How: the folder and file are created when missing (and the folder entry is flushed too); the
 * file is opened with O_APPEND; all the lines go out in ONE `write` call, then `fdatasync`. With
 * O_APPEND, POSIX makes "move to the end and write" one atomic step for a regular file, and Linux
 * holds the inode's lock for the whole write on local file systems, so two processes' writes land
 * one after the other, each whole (this is why an append must never be split into several writes;
 * PIPE_BUF limits apply to pipes, not to regular files; NFS gives no such guarantee). If the file
 * does not end with `\n` (a torn line left by a crash), the write starts with `\n`, so the torn
 * line stays a line of its own that the reader reports and skips, instead of swallowing this event.
 * A short write (disk full) is completed with a `\n` where possible and reported as an error: the
 * partial line is then an invalid line, never a wrong event.
 *
 * @param file path of the log (`.compute-divide/labels.jsonl` by default)
 * @param events the events to append, in order; each is checked against the event contract first
 * @throws Error for an invalid event (nothing is written) or the file system's error (ENOSPC, EACCES…)
 */
export async function appendEvents(file: string, events: readonly LabelEvent[]): Promise<void> {
  if (events.length === 0) return;
  let text = '';
  for (const event of events) {
    const line = serializeEvent(event);
    const checked = checkEvent(JSON.parse(line) as Json);
    if (!checked.ok) throw new Error(`Refusing to append an invalid label event: ${checked.message}.`);
    text += `${line}\n`;
  }
  const created = await ensureFolder(path.dirname(file));
  let handle: FileHandle;
  let newFile = false;
  try {
    handle = await open(file, constants.O_RDWR | constants.O_APPEND | constants.O_CREAT | constants.O_EXCL, 0o644);
    newFile = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    handle = await open(file, constants.O_RDWR | constants.O_APPEND);
  }
  try {
    if (!newFile && !(await endsWithNewline(handle))) text = `\n${text}`;
    const bytes = Buffer.from(text, 'utf8');
    const { bytesWritten } = await handle.write(bytes, 0, bytes.length, null);
    if (bytesWritten !== bytes.length) {
      await handle.write('\n', null, 'utf8').catch(() => undefined);
      throw new Error(`Only ${bytesWritten} of ${bytes.length} bytes reached ${file} (is the disk full?); the labels were not saved.`);
    }
    await handle.datasync();
  } finally {
    await handle.close();
  }
  if (newFile) for (const folder of [path.dirname(file), ...created]) await syncFolder(folder);
}

/** True when the file is empty or its last byte is `\n`. */
async function endsWithNewline(handle: FileHandle): Promise<boolean> {
  const { size } = await handle.stat();
  if (size === 0) return true;
  const last = Buffer.alloc(1);
  await handle.read(last, 0, 1, size - 1);
  return last[0] === 0x0a;
}

/** Create `folder` and its missing parents; returns the parents of the created folders (to flush). */
async function ensureFolder(folder: string): Promise<string[]> {
  const first = await mkdir(folder, { recursive: true });
  if (first === undefined) return [];
  const parents: string[] = [];
  for (let dir = folder; ; dir = path.dirname(dir)) {
    parents.push(path.dirname(dir));
    if (dir === first || path.dirname(dir) === dir) break;
  }
  return parents;
}

/** Flush a folder's entries, so a new file survives a power cut; a no-op where folders cannot be opened. */
async function syncFolder(folder: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(folder, 'r');
    await handle.sync();
  } catch {
    // Windows cannot open folders; fsync of a folder is a POSIX durability step only.
  } finally {
    await handle?.close();
  }
}

/** A label log as read from disk: `exists` is false for a missing file (then no events, no diagnostics). */
export interface LabelLogRead extends ParsedLabelLog {
  exists: boolean;
}

/**
 * Read and parse the label log at `file` (see `parseLabelLog`): valid events with their line
 * numbers, invalid lines as diagnostics (skipped, never removed from the file). A missing file is
 * an empty log (`exists: false`), not an error: a workspace starts without labels. The spec asks
 * for UTF-8; a line with bytes that are not UTF-8 (a tool that wrote Windows-1252) has those bytes
 * read as Windows-1252, so `Universit\xe9` still means `Université`, and gets a `not-utf8`
 * warning; its event counts.
 *
 * @param options passed to `parseLabelLog` (the reading time)
 * @throws the file system's error for anything but a missing file (EACCES, EISDIR…)
 */
export async function readLabelLog(file: string, options: ParseLabelLogOptions = {}): Promise<LabelLogRead> {
  return new LabelLogReader(file, options).read();
}

/**
 * Reads one label log again and again (the editor re-reads it on every change), parsing only the
 * lines appended since the previous read: the bytes read before are compared with the file's
 * first bytes (a memory comparison, far cheaper than parsing), and when they are unchanged only
 * the rest is parsed; any other change (an edit, a `git pull` that rewrote the file, a shorter
 * file) means a full read. A last line without `\n` is parsed afresh on every read, since an
 * append may still complete it. Every read gives what `readLabelLog` gives for the file as it is.
 */
export class LabelLogReader {
  private parser: LabelLogParser | undefined;
  /** The file's bytes up to the end of the last complete line parsed (a view of the last read). */
  private parsed: Buffer = Buffer.alloc(0);
  /** Bytes parsed by the latest read (for tests and benchmarks: shows the read was incremental). */
  lastParsedBytes = 0;

  constructor(
    readonly file: string,
    private readonly options: ParseLabelLogOptions = {},
  ) {}

  /** @throws the file system's error for anything but a missing file */
  async read(): Promise<LabelLogRead> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      this.parser = undefined;
      this.parsed = Buffer.alloc(0);
      this.lastParsedBytes = 0;
      return { source: this.file, events: [], diagnostics: [], omitted: {}, exists: false };
    }
    const lineEnd = bytes.lastIndexOf(0x0a) + 1;
    const known = this.parsed.length;
    const appended = this.parser !== undefined && lineEnd >= known && bytes.subarray(0, known).equals(this.parsed);
    if (!appended) this.parser = new LabelLogParser(this.file);
    const parser = this.parser!;
    const from = appended ? known : 0;
    try {
      feedBytes(parser, bytes.subarray(from, lineEnd));
      this.parsed = bytes.subarray(0, lineEnd);
      let last = parser;
      if (lineEnd < bytes.length) {
        last = parser.fork();
        feedBytes(last, bytes.subarray(lineEnd));
      }
      this.lastParsedBytes = bytes.length - from;
      return { ...last.result(() => decodeLines(bytes, 0).text, this.options), exists: true };
    } catch (error) {
      // Not expected (parsing never throws), but a half-fed parser must never be reused.
      this.parser = undefined;
      this.parsed = Buffer.alloc(0);
      throw error;
    }
  }
}

/** Feed a piece of the log's bytes to the parser, decoding lines that are not UTF-8 as Windows-1252 (with a warning). */
function feedBytes(parser: LabelLogParser, bytes: Buffer): void {
  if (bytes.length === 0) return;
  if (isUtf8(bytes)) {
    parser.feed(bytes.toString('utf8'));
    return;
  }
  const firstLine = parser.linesRead + 1;
  const { text, lines } = decodeLines(bytes, firstLine - 1);
  parser.feed(text);
  const textLines = text.split('\n');
  for (const { line, column } of lines) {
    let raw = textLines[line - firstLine].replace(/\r$/, '');
    // A BOM opening the file is not part of its first line (as for every other diagnostic).
    const bom = line === 1 && raw.charCodeAt(0) === 0xfeff ? 1 : 0;
    raw = raw.slice(bom);
    parser.report({
      kind: 'not-utf8',
      source: parser.source,
      line,
      column: column - bom,
      message: 'This line has bytes that are not UTF-8; they were read as Windows-1252 (é, ü, …). Re-save the log as UTF-8 so that names match exactly.',
      raw: clipRaw(raw),
      kept: true,
    });
  }
}

/**
 * Decode bytes line by line: valid lines as UTF-8, the others with their invalid bytes as
 * Windows-1252 (`decodeMixed`). Returns the text and, for each such line, its 1-based number
 * (counted after `linesBefore` lines) and the 1-based column (in characters) of its first invalid byte.
 */
function decodeLines(bytes: Buffer, linesBefore: number): { text: string; lines: { line: number; column: number }[] } {
  if (isUtf8(bytes)) return { text: bytes.toString('utf8'), lines: [] };
  const parts: string[] = [];
  const lines: { line: number; column: number }[] = [];
  let line = linesBefore;
  for (let start = 0; start <= bytes.length; ) {
    let end = bytes.indexOf(0x0a, start);
    if (end === -1) end = bytes.length;
    line++;
    const segment = bytes.subarray(start, end);
    if (isUtf8(segment)) parts.push(segment.toString('utf8'));
    else {
      const { text, firstInvalid } = decodeMixed(segment);
      parts.push(text);
      lines.push({ line, column: segment.toString('utf8', 0, firstInvalid).length + 1 });
    }
    start = end + 1;
  }
  return { text: parts.join('\n'), lines };
}
