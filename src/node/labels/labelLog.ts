/**
 * The label log on disk: appends that are durable before they resolve and never interleave
 * with another process's, and reading (spec `../shared/spec/labels.md`).
 */
import { isUtf8 } from 'node:buffer';
import { createHash, type Hash } from 'node:crypto';
import { readSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import * as path from 'node:path';
import { checkEvent, serializeEvent, type Json, type LabelEvent } from '../../core/labels/event';
import { decodeMixed } from '../../core/dataset/csvTable';
import { openLogForAppend, openLogForRead, withLogLock, type LogPlace } from './logFile';
import { largeLogWarning, sizeVerdict, tooLargeRefusal } from './logPlace';
import { clipRaw, LabelLogParser, type ParsedLabelLog, type ParseLabelLogOptions } from '../../core/labels/parseLog';

/** The default place of the log, relative to the workspace folder (spec labels.md). */
export const DEFAULT_LABEL_LOG = path.join('.compute-divide', 'labels.jsonl');

/**
 * Append events to the label log at `file`, one JSON line each, and resolve only once they are on
 * disk (spec labels.md: an append is durable before the UI reports it saved; appends from two
 * processes at once must not interleave within a line or lose either event).
 *
 * How: the folder and file are created when missing (and the folder entry is flushed too), never
 * through a symbolic link, and only a regular file is appended to (`openLogForAppend`: with
 * `place.root`, the log must stay inside that workspace folder); the file is opened with
 * O_APPEND; all the lines go out in ONE `write` call, then `fdatasync`. With
 * O_APPEND, POSIX makes "move to the end and write" one atomic step for a regular file, and Linux
 * holds the inode's lock for the whole write on local file systems, so two processes' writes land
 * one after the other, each whole (this is why an append must never be split into several writes;
 * PIPE_BUF limits apply to pipes, not to regular files; NFS gives no such guarantee). If the file
 * does not end with `\n` (a torn line left by a crash), the write starts with `\n`, so the torn
 * line stays a line of its own that the reader reports and skips, instead of swallowing this event.
 * That check and the write hold the log's advisory lock (`withLogLock`) so that another process's
 * append cannot land between them (which left an empty line); the lock covers no more than that,
 * and `fdatasync` runs after it is released.
 * A short write (disk full) is completed with a `\n` where possible and reported as an error: the
 * partial line is then an invalid line, never a wrong event.
 *
 * @param file path of the log (`.compute-divide/labels.jsonl` by default)
 * @param events the events to append, in order; each is checked against the event contract first
 * @param place with `root` (the workspace folder) the log must stay inside it (`checkContainment`)
 * @throws Error for an invalid event (nothing is written), LabelLogRefusedError (a link, not a
 *   regular file, outside the workspace), or the file system's error (ENOSPC, EACCES…)
 */
export async function appendEvents(file: string, events: readonly LabelEvent[], place: LogPlace = {}): Promise<void> {
  if (events.length === 0) return;
  let text = '';
  for (const event of events) {
    const line = serializeEvent(event);
    const checked = checkEvent(JSON.parse(line) as Json);
    if (!checked.ok) throw new Error(`Refusing to append an invalid label event: ${checked.message}.`);
    text += `${line}\n`;
  }
  const { handle, folders } = await openLogForAppend(file, place);
  try {
    // The check and the write are one critical section: otherwise a second writer's line can land
    // between them and this write starts with a needless \n (an empty line; issue #9).
    await withLogLock(file, async () => {
      const bytes = Buffer.from((await endsWithNewline(handle)) ? text : `\n${text}`, 'utf8');
      const { bytesWritten } = await handle.write(bytes, 0, bytes.length, null);
      if (bytesWritten !== bytes.length) {
        await handle.write('\n', null, 'utf8').catch(() => undefined);
        throw new Error(`Only ${bytesWritten} of ${bytes.length} bytes reached ${file} (is the disk full?); the labels were not saved.`);
      }
    });
    await handle.datasync();
  } finally {
    await handle.close();
  }
  for (const folder of folders) await syncFolder(folder);
}

/** True when the file is empty or its last byte is `\n`. */
async function endsWithNewline(handle: FileHandle): Promise<boolean> {
  const { size } = await handle.stat();
  if (size === 0) return true;
  const last = Buffer.alloc(1);
  await handle.read(last, 0, 1, size - 1);
  return last[0] === 0x0a;
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

/** Options of `readLabelLog` and `LabelLogReader`: the reading time, and where the log is used (`LogPlace`). */
export interface ReadLabelLogOptions extends ParseLabelLogOptions, LogPlace {}

/** Bytes read at a time: memory follows the events kept, not the file's size. */
const CHUNK_BYTES = 1 << 20;
/** A line longer than this (16 MiB) is not an event: it is skipped unread (`line-too-long`), not held in memory. */
export const MAX_LINE_BYTES = 16 << 20;

/**
 * Read and parse the label log at `file` (see `parseLabelLog`): valid events with their line
 * numbers, invalid lines as diagnostics (skipped, never removed from the file). A missing file is
 * an empty log (`exists: false`), not an error: a workspace starts without labels. The spec asks
 * for UTF-8; a line with bytes that are not UTF-8 (a tool that wrote Windows-1252) has those bytes
 * read as Windows-1252, so `Universit\xe9` still means `Université`, and gets a `not-utf8`
 * warning; its event counts.
 *
 * The file is never followed through a link and must be a regular file (`openLogForRead`; with
 * `options.root`, inside that workspace folder); its size is judged from fstat before a byte is
 * read: over 1 GB it is refused, over 100 MB it is read with a `large-log` warning on line 1
 * (`logPlace.ts`). It is read in 1 MiB chunks and parsed line by line, so memory follows the
 * events kept; a line over 16 MiB is skipped with a `line-too-long` diagnostic without being held.
 *
 * @param options the reading time (for `future-ts`) and the workspace folder
 * @throws LabelLogRefusedError (a link, not a regular file, outside the workspace, over 1 GB), or
 *   the file system's error for anything but a missing file (EACCES…)
 */
export async function readLabelLog(file: string, options: ReadLabelLogOptions = {}): Promise<LabelLogRead> {
  return new LabelLogReader(file, options).read();
}

/**
 * Reads one label log again and again (the editor re-reads it on every change), parsing only the
 * lines appended since the previous read: the bytes read before are checked against a SHA-1 of
 * them kept from the last read (hashing is far cheaper than parsing, and needs no copy of the
 * file in memory), and when they are unchanged only the rest is parsed; any other change (an
 * edit, a `git pull` that rewrote the file, a shorter file) means a full read. A last line without
 * `\n` is parsed afresh on every read, since an append may still complete it. Every read gives
 * what `readLabelLog` gives for the file as it is.
 */
export class LabelLogReader {
  private parser: LabelLogParser | undefined;
  /** Length of the file up to the end of the last complete line parsed, and the SHA-1 of those bytes. */
  private known = 0;
  private knownDigest = '';
  /** Bytes parsed by the latest read (for tests and benchmarks: shows the read was incremental). */
  lastParsedBytes = 0;

  constructor(
    readonly file: string,
    private readonly options: ReadLabelLogOptions = {},
  ) {}

  /** @throws like `readLabelLog` */
  async read(): Promise<LabelLogRead> {
    let opened: Awaited<ReturnType<typeof openLogForRead>>;
    try {
      opened = await openLogForRead(this.file, this.options);
    } catch (error) {
      this.reset();
      throw error;
    }
    if (!opened) {
      this.reset();
      return { source: this.file, events: [], diagnostics: [], omitted: {}, exists: false };
    }
    const { handle, size } = opened;
    try {
      const verdict = sizeVerdict(size);
      if (verdict === 'too-large') throw tooLargeRefusal(this.file, size);
      const read = await this.parse(handle, size);
      if (verdict === 'large') read.diagnostics.unshift({ kind: 'large-log', source: this.file, line: 1, message: largeLogWarning(size), raw: '', kept: true });
      return read;
    } catch (error) {
      // A half-fed parser must never be reused.
      this.reset();
      throw error;
    } finally {
      await handle.close();
    }
  }

  private reset(): void {
    this.parser = undefined;
    this.known = 0;
    this.knownDigest = '';
    this.lastParsedBytes = 0;
  }

  private async parse(handle: FileHandle, size: number): Promise<LabelLogRead> {
    const chunk = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, Math.max(size, 1)));
    let hash = createHash('sha1');
    let from = 0;
    if (this.parser !== undefined && size >= this.known) {
      for (let at = 0; at < this.known; ) {
        const { bytesRead } = await handle.read(chunk, 0, Math.min(chunk.length, this.known - at), at);
        if (bytesRead === 0) break;
        hash.update(chunk.subarray(0, bytesRead));
        at += bytesRead;
      }
      if (hash.copy().digest('hex') === this.knownDigest) from = this.known;
    }
    if (from === 0) {
      this.parser = new LabelLogParser(this.file);
      hash = createHash('sha1');
    }
    const parser = this.parser!;
    let atLineEnd: Hash = hash.copy();
    let lineEnd = from;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    // A line over MAX_LINE_BYTES being skipped: its number, first bytes and length so far.
    let skipping: { line: number; head: Buffer; bytes: number } | undefined;
    let at = from;
    while (at < size) {
      const { bytesRead } = await handle.read(chunk, 0, Math.min(chunk.length, size - at), at);
      if (bytesRead === 0) break;
      let piece = chunk.subarray(0, bytesRead);
      const start = at;
      at += bytesRead;
      const lastNewline = piece.lastIndexOf(0x0a);
      if (lastNewline !== -1) {
        hash.update(piece.subarray(0, lastNewline + 1));
        atLineEnd = hash.copy();
        hash.update(piece.subarray(lastNewline + 1));
        lineEnd = start + lastNewline + 1;
      } else hash.update(piece);
      if (skipping) {
        const newline = piece.indexOf(0x0a);
        skipping.bytes += newline === -1 ? piece.length : newline;
        if (newline === -1) continue;
        reportLongLine(parser, skipping);
        parser.feed('\n');
        skipping = undefined;
        piece = piece.subarray(newline + 1);
      }
      // The line that this piece completes is too long: skip it like one found over the limit earlier.
      const firstNewline = piece.indexOf(0x0a);
      if (firstNewline !== -1 && pendingBytes + firstNewline > MAX_LINE_BYTES) {
        const head = Buffer.concat([...pending, piece.subarray(0, Math.min(firstNewline, 2000))]).subarray(0, 2000);
        reportLongLine(parser, { line: parser.linesRead + 1, head: Buffer.from(head), bytes: pendingBytes + firstNewline });
        parser.feed('\n');
        piece = piece.subarray(firstNewline + 1);
        pending = [];
        pendingBytes = 0;
      }
      const newline = piece.lastIndexOf(0x0a);
      if (newline === -1) {
        pending.push(Buffer.from(piece));
        pendingBytes += piece.length;
      } else {
        feedBytes(parser, Buffer.concat([...pending, piece.subarray(0, newline + 1)]));
        pending = [Buffer.from(piece.subarray(newline + 1))];
        pendingBytes = piece.length - newline - 1;
      }
      if (pendingBytes > MAX_LINE_BYTES) {
        const head = Buffer.concat(pending).subarray(0, 2000);
        skipping = { line: parser.linesRead + 1, head: Buffer.from(head), bytes: pendingBytes };
        pending = [];
        pendingBytes = 0;
      }
    }
    this.known = lineEnd;
    this.knownDigest = atLineEnd.digest('hex');
    let last = parser;
    if (skipping || pendingBytes > 0) {
      last = parser.fork();
      if (skipping) reportLongLine(last, skipping);
      else feedBytes(last, Buffer.concat(pending));
    }
    this.lastParsedBytes = at - from;
    const lines = new LineFinder(handle, at);
    return { ...last.result((line) => lines.text(line), this.options), exists: true };
  }
}

function reportLongLine(parser: LabelLogParser, skipping: { line: number; head: Buffer; bytes: number }): void {
  const raw = decodeLines(skipping.head, 0).text.split('\n')[0];
  parser.report({
    kind: 'line-too-long',
    source: parser.source,
    line: skipping.line,
    message: `A line of ${skipping.bytes.toLocaleString('en-US')} bytes, over the ${MAX_LINE_BYTES.toLocaleString('en-US')}-byte limit for a label event; it is skipped without being read.`,
    raw: clipRaw(raw),
  });
}

/**
 * The text of single lines of the open log, for the rare results that show a line again (a
 * repeated event in a log out of time order, an event in the future): one pass finds where each
 * line starts (8 bytes a line, not the file's bytes), then each line is read on its own.
 */
class LineFinder {
  private starts: number[] | undefined;

  constructor(
    private readonly handle: FileHandle,
    private readonly size: number,
  ) {}

  text(line: number): string {
    const starts = (this.starts ??= this.index());
    if (line < 1 || line > starts.length) return '';
    const start = starts[line - 1];
    const end = line < starts.length ? starts[line] - 1 : this.size;
    const length = Math.min(end - start, MAX_LINE_BYTES);
    const bytes = Buffer.alloc(length);
    readSync(this.handle.fd, bytes, 0, length, start);
    let text = decodeLines(bytes, 0).text;
    if (line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return text;
  }

  private index(): number[] {
    const starts = [0];
    const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    for (let at = 0; at < this.size; ) {
      const n = readSync(this.handle.fd, chunk, 0, Math.min(chunk.length, this.size - at), at);
      if (n === 0) break;
      for (let i = chunk.indexOf(0x0a); i !== -1 && i < n; i = chunk.indexOf(0x0a, i + 1)) starts.push(at + i + 1);
      at += n;
    }
    return starts;
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
