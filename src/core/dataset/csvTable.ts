import { Buffer, isUtf8 } from 'node:buffer';
import { parse, type Options } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import type { DatasetDiagnostic } from './model';

/** A CSV record with the 1-based line where it starts and the byte offset of its first byte. */
export interface CsvRecord {
  fields: string[];
  line: number;
  offset: number;
}

/** The parsed table. `header` is the first record; `records` are the rest. */
export interface CsvTable {
  /** The file as UTF-8 bytes (re-encoded when it was read as Windows-1252), BOM dropped. */
  bytes: Buffer;
  encoding: 'utf-8' | 'windows-1252' | 'utf-16';
  delimiter: ',' | ';' | '\t';
  header: CsvRecord | undefined;
  records: CsvRecord[];
  diagnostics: DatasetDiagnostic[];
  /** Byte offsets where each line starts (lineStarts[0] = 0), for mapping offsets to lines. */
  lineStarts: number[];
}

/** Thrown when bytes are not text at all (a binary file). */
export class NotTextError extends Error {}

/**
 * Turn a file's bytes into UTF-8 without a byte-order mark (sector-and-dataset.md, "Columns").
 * - A UTF-8 BOM is dropped first; UTF-16 (LE or BE, with its BOM: Excel's "Unicode text") is
 *   decoded, with an `encoding` diagnostic.
 * - Valid UTF-8 is used as it is.
 * - Otherwise each byte that is not part of a valid UTF-8 sequence is read as Windows-1252 (a
 *   spreadsheet's re-save in a Western locale) and the valid sequences stay as they are, so one
 *   stray byte does not turn every accent of the file into mojibake; an `encoding` diagnostic names
 *   the line of the first such byte.
 * Throws `NotTextError` when the first 64 KiB hold a NUL byte (images, archives, .xlsx) and there
 * is no UTF-16 byte-order mark.
 */
export function decodeText(input: Uint8Array): { bytes: Buffer; encoding: 'utf-8' | 'windows-1252' | 'utf-16'; diagnostics: DatasetDiagnostic[] } {
  let bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const diagnostics: DatasetDiagnostic[] = [];
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    const little = bytes[0] === 0xff;
    const text = new TextDecoder(little ? 'utf-16le' : 'utf-16be').decode(bytes.subarray(2));
    diagnostics.push({ kind: 'encoding', line: 1, message: `The file is UTF-16 (${little ? 'little' : 'big'}-endian), as Excel's "Unicode text" saves it; it was read as such. "CSV UTF-8" is the safer format to save in.` });
    return { bytes: Buffer.from(text, 'utf8'), encoding: 'utf-16', diagnostics };
  }
  if (bytes.subarray(0, 65536).includes(0)) throw new NotTextError('the file holds binary data (NUL bytes), not text');
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  if (isUtf8(bytes)) return { bytes, encoding: 'utf-8', diagnostics };
  const { text, firstInvalid } = decodeMixed(bytes);
  diagnostics.push({
    kind: 'encoding',
    line: lineOfOffset(lineStartsOf(bytes.subarray(0, firstInvalid + 1)), firstInvalid),
    message: 'The file is not valid UTF-8 from here on: bytes that are not UTF-8 were read as Windows-1252 (valid UTF-8 text elsewhere is unchanged). Re-save the file as UTF-8 to be sure accented names are right.',
  });
  return { bytes: Buffer.from(text, 'utf8'), encoding: 'windows-1252', diagnostics };
}

/**
 * Decode valid UTF-8 sequences as UTF-8 and every other byte as Windows-1252 (via iconv-lite);
 * `firstInvalid` is the offset of the first byte that is not UTF-8 (0 when there is none).
 */
export function decodeMixed(bytes: Buffer): { text: string; firstInvalid: number } {
  const parts: string[] = [];
  let start = 0;
  let firstInvalid = -1;
  let i = 0;
  while (i < bytes.length) {
    const c = bytes[i];
    const width = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    if (width > 0 && i + width <= bytes.length && isUtf8(bytes.subarray(i, i + width))) {
      i += width;
      continue;
    }
    if (firstInvalid === -1) firstInvalid = i;
    parts.push(bytes.toString('utf8', start, i), iconv.decode(bytes.subarray(i, i + 1), 'win1252'));
    i += 1;
    start = i;
  }
  parts.push(bytes.toString('utf8', start));
  return { text: parts.join(''), firstInvalid: Math.max(0, firstInvalid) };
}

/**
 * Pick `,`, `;` or tab: whichever occurs most often, outside quotes, on the header line (the first
 * line that is not blank). Ties go to the comma.
 */
export function detectDelimiter(bytes: Uint8Array): ',' | ';' | '\t' {
  let comma = 0;
  let semicolon = 0;
  let tab = 0;
  let quoted = false;
  let start = 0;
  while (bytes[start] === 0x0a || bytes[start] === 0x0d || bytes[start] === 0x20 || bytes[start] === 0x09) start++;
  for (let i = start; i < bytes.length; i++) {
    const c = bytes[i];
    if (c === 0x22) quoted = !quoted;
    else if (quoted) continue;
    else if (c === 0x0a || c === 0x0d) break;
    else if (c === 0x2c) comma++;
    else if (c === 0x3b) semicolon++;
    else if (c === 0x09) tab++;
  }
  if (semicolon > comma && semicolon >= tab) return ';';
  if (tab > comma) return '\t';
  return ',';
}

/** Byte offsets at which each line starts; a line ends at CRLF, a lone LF or a lone CR. */
export function lineStartsOf(bytes: Uint8Array): number[] {
  const starts = [0];
  // No CR anywhere (every Epoch export but one): the line feeds, found by the native byte search.
  if (bytes.indexOf(0x0d) === -1) {
    for (let i = bytes.indexOf(0x0a); i !== -1; i = bytes.indexOf(0x0a, i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i];
    if (c === 0x0a) starts.push(i + 1);
    else if (c === 0x0d) {
      if (bytes[i + 1] === 0x0a) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** 1-based line of an offset, by binary search over `lineStarts`. */
export function lineOfOffset(lineStarts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

// csv-parse's own messages count lines differently from the editor; say what is wrong instead.
const SYNTAX_ERRORS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted field is never closed (an unmatched ")',
  CSV_INVALID_CLOSING_QUOTE: 'a closing quote is followed by other characters',
  CSV_MAX_RECORD_SIZE: `a field longer than ${10 * 1024 * 1024} characters`,
};

/** Thrown from csv-parse's record callback to stop reading once `maxRecords` are read. */
const ENOUGH_RECORDS = new Error('enough records');

/** The most bytes one CSV record may have (issue #9: a 120 MB record aborted V8). Epoch's longest is under 100 KB. */
export const MAX_RECORD_BYTES = 10 * 1024 * 1024;

/**
 * Byte ranges `[start, end)` of the records longer than `max` bytes, delimiters and quotes
 * included (csv-parse's own `max_record_size` counts only the fields' characters, so a line of 120
 * million commas passes it and becomes a 120-million-element array). One pass over the bytes with
 * csv-parse's rules as `parseCsv` sets them: a quote opens a quoted field only at the field's start
 * (`relax_quotes`), `""` inside one is a quote, a record ends at an unquoted CR, LF or CRLF. `end`
 * is where the record's line break starts (or the end of the bytes: an unclosed quote runs to it).
 */
export function oversizeRecords(bytes: Uint8Array, delimiter: CsvTable['delimiter'], max = MAX_RECORD_BYTES): { start: number; end: number }[] {
  const found: { start: number; end: number }[] = [];
  if (bytes.length <= max) return found;
  const sep = delimiter.charCodeAt(0);
  let recordStart = 0;
  let fieldStart = true;
  let quoted = false;
  const n = bytes.length;
  for (let i = 0; i < n; i++) {
    const c = bytes[i];
    if (quoted) {
      if (c === 0x22) {
        if (bytes[i + 1] === 0x22) i++;
        else quoted = false;
      }
    } else if (c === 0x22 && fieldStart) {
      quoted = true;
      fieldStart = false;
    } else if (c === sep) fieldStart = true;
    else if (c === 0x0a || c === 0x0d) {
      if (i - recordStart > max) found.push({ start: recordStart, end: i });
      if (c === 0x0d && bytes[i + 1] === 0x0a) i++;
      recordStart = i + 1;
      fieldStart = true;
    } else fieldStart = false;
  }
  if (n - recordStart > max) found.push({ start: recordStart, end: n });
  return found;
}

/**
 * Parse UTF-8 CSV bytes with csv-parse: RFC 4180 quoting, any mix of CRLF/LF/CR record ends,
 * blank lines between records skipped, ragged records kept (the caller reports them). If the
 * syntax breaks partway (an unterminated quote) the records before the break are kept and a
 * `csv-syntax` diagnostic names the line. Each record carries the line where it starts (csv-parse's
 * own line counter counts CR and LF inside quotes separately, so it drifts on CRLF files): for a
 * whole file in one call, from the line starts and the line breaks inside each record's fields
 * (`recordsOfWhole`); record by record (after a syntax break, around an oversize record, or with
 * `maxRecords`), from csv-parse's consumed-bytes counter. Buffers parse about a fifth faster than
 * strings.
 *
 * A record longer than `MAX_RECORD_BYTES` (10 MB) is not parsed: `oversizeRecords` finds it first,
 * the bytes before and after it are parsed as they are, and a `record-too-large` diagnostic names
 * its line and the line where reading went on. So a file of a few good rows around one runaway
 * record keeps its good rows, and no record can hold more than 10 million fields. (csv-parse's
 * `max_record_size` is set too, as a second guard; it counts field characters only.)
 *
 * `maxRecords` stops reading after that many records, header included (judging a file by its
 * header needs one, not the 64 KiB head's hundreds of rows).
 */
export function parseCsv(bytes: Buffer, encoding: CsvTable['encoding'] = 'utf-8', maxRecords = Infinity): CsvTable {
  const delimiter = detectDelimiter(bytes);
  const lineStarts = lineStartsOf(bytes);
  const hasCr = bytes.indexOf(0x0d) !== -1;
  const diagnostics: DatasetDiagnostic[] = [];
  const all: CsvRecord[] = [];
  const skipBreaks = (at: number): number => {
    let i = at;
    while (bytes[i] === 0x0a || bytes[i] === 0x0d) i++;
    return i;
  };
  const oversized = oversizeRecords(bytes, delimiter);
  const whole = oversized.length === 0 && maxRecords === Infinity ? recordsOfWhole(bytes, delimiter, lineStarts, hasCr) : undefined;
  if (whole !== undefined) {
    const [header, ...records] = whole;
    return { bytes, encoding, delimiter, header, records, diagnostics, lineStarts };
  }
  let from = 0;
  for (const oversize of [...oversized, { start: bytes.length, end: bytes.length }]) {
    if (!parseSegment(from, oversize.start)) break;
    if (oversize.start === bytes.length) break;
    const line = lineOfOffset(lineStarts, skipBreaks(oversize.start));
    const resume = lineOfOffset(lineStarts, skipBreaks(oversize.end));
    const megabytes = ((oversize.end - oversize.start) / (1024 * 1024)).toFixed(1);
    diagnostics.push({
      kind: 'record-too-large',
      line,
      raw: bytes.toString('utf8', oversize.start, Math.min(oversize.end, oversize.start + 200)),
      message: `This record is ${megabytes} MB, more than the ${MAX_RECORD_BYTES / (1024 * 1024)} MB a record may have (a quote that is never closed, or a line of nothing but delimiters?); it was skipped, and reading went on after it${oversize.end < bytes.length ? ` at line ${resume}` : ''}.`,
    });
    from = oversize.end;
  }
  const [header, ...records] = all;
  return { bytes, encoding, delimiter, header, records, diagnostics, lineStarts };

  /** Parse `bytes[start, end)`; false when its syntax broke (the rest of the file is then not read). */
  function parseSegment(start: number, end: number): boolean {
    let previousEnd = start;
    try {
      parse(bytes.subarray(start, end), {
        ...csvOptions(delimiter, hasCr),
        on_record: (fields, context) => {
          const recordStart = skipBreaks(previousEnd);
          previousEnd = start + context.bytes;
          // A line of spaces or tabs is a blank line, not a record (csv-parse only skips empty ones).
          if (fields.length === 1 && fields[0].trim() === '') return null;
          all.push({ fields, line: lineOfOffset(lineStarts, recordStart), offset: recordStart });
          if (all.length >= maxRecords) throw ENOUGH_RECORDS;
          return null;
        },
      });
      return true;
    } catch (error) {
      if (error === ENOUGH_RECORDS) return false;
      const err = error as { code?: string; message?: string };
      const at = Math.min(skipBreaks(previousEnd), bytes.length);
      const what = SYNTAX_ERRORS[err.code ?? ''] ?? err.message ?? String(error);
      diagnostics.push({
        kind: err.code === 'CSV_MAX_RECORD_SIZE' ? 'record-too-large' : 'csv-syntax',
        line: lineOfOffset(lineStarts, at),
        message: `CSV syntax breaks in the record that starts here: ${what}. The records before it were loaded; the rest of the file was not.`,
      });
      return false;
    }
  }
}

/**
 * csv-parse's options for Epoch tables (see `parseCsv`). Bytes without a CR can only end lines
 * with LF: csv-parse is then given that one record delimiter, the same records for one comparison
 * per byte instead of three (about 1 ms on a 4 MB table).
 */
function csvOptions(delimiter: CsvTable['delimiter'], hasCr: boolean): Options {
  return { delimiter, record_delimiter: hasCr ? ['\r\n', '\n', '\r'] : ['\n'], relax_column_count: true, relax_quotes: true, skip_empty_lines: true, max_record_size: MAX_RECORD_BYTES };
}
/**
 * All of `bytes` parsed in one csv-parse call without a per-record callback (with one, csv-parse
 * builds two context objects per record: 2–3 ms on a 4 MB table), each record's line found
 * afterwards from `lineStarts`: a record starts on the first line after the previous record that
 * is not empty (csv-parse skips empty lines) and spans one line more than the line breaks inside
 * its fields (a quoted break is kept verbatim in its field; CRLF is one break, as `lineStartsOf`
 * counts; an unquoted break always ends the record). A line of spaces or tabs is a blank line, not
 * a record. Undefined when the syntax breaks: the caller's record-by-record path then keeps the
 * records before the break and names its line.
 */
function recordsOfWhole(bytes: Buffer, delimiter: CsvTable['delimiter'], lineStarts: readonly number[], hasCr: boolean): CsvRecord[] | undefined {
  let rows: string[][];
  try {
    rows = parse(bytes, csvOptions(delimiter, hasCr)) satisfies string[][];
  } catch {
    return undefined;
  }
  const records: CsvRecord[] = [];
  let line = 1;
  for (const fields of rows) {
    for (let c = bytes[lineStarts[line - 1]]; c === 0x0a || c === 0x0d; c = bytes[lineStarts[line - 1]]) line++;
    if (!(fields.length === 1 && fields[0].trim() === '')) records.push({ fields, line, offset: lineStarts[line - 1] });
    line += 1 + breaksIn(fields, hasCr);
  }
  return records;
}
/** Line breaks inside a record's fields: each LF, and each CR not followed by LF (`hasCr` false: the file has no CR). */
function breaksIn(fields: readonly string[], hasCr: boolean): number {
  let n = 0;
  for (const f of fields) {
    if (f === '') continue;
    for (let i = f.indexOf('\n'); i !== -1; i = f.indexOf('\n', i + 1)) n++;
    if (hasCr) for (let i = f.indexOf('\r'); i !== -1; i = f.indexOf('\r', i + 1)) if (f.charCodeAt(i + 1) !== 0x0a) n++;
  }
  return n;
}
