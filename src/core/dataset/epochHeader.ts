import { isEpochTable, resolveColumns, type ColumnMap } from './columns';
import { decodeText, detectDelimiter, NotTextError, parseCsv } from './csvTable';

/** How much of a file is read before deciding whether it is an Epoch table (issue #9: a 50 MB text file was read whole first). */
export const HEAD_BYTES = 64 * 1024;

/**
 * Why a header (its fields, trimmed) is not an Epoch table's, or undefined when it is one (spec
 * sector-and-dataset.md, "Columns": a name column and at least one other core column).
 */
export function notEpochHeaderReason(columns: ColumnMap): string | undefined {
  if (isEpochTable(columns)) return undefined;
  return columns.name === undefined
    ? 'its header has no "Model" or "System" column'
    : 'its header has a name column but none of Organization, Organization categorization, Publication date, Training compute (FLOP), Domain or Task';
}

/**
 * Judge a file from its first bytes, before the rest is read: is it an Epoch table? `head` is the
 * file's first `HEAD_BYTES` (64 KiB) or fewer; `complete` says whether it is the whole file. The
 * same rules as `loadDataset` (spec sector-and-dataset.md, "Columns"): a UTF-16 byte-order mark is
 * decoded, a NUL byte means binary, the header is the first CSV record that is not blank, and it
 * needs a name column plus one other core column. A header line longer than the head is judged by
 * the whole fields within the head (Epoch's name column comes first; its header is about 2 KB). Returns undefined for an Epoch
 * table, else the reason as a clause for "X is not an Epoch AI model table: <reason>."
 */
export function judgeHead(head: Uint8Array, complete: boolean): string | undefined {
  let decoded;
  try {
    decoded = decodeText(head);
  } catch (error) {
    if (error instanceof NotTextError) return 'it holds binary data, not CSV text';
    throw error;
  }
  let bytes = decoded.bytes;
  if (isBlank(bytes)) return complete ? 'the file is empty' : `its first ${HEAD_BYTES / 1024} KiB are blank`;
  if (!complete) {
    // The last line of the head may be cut short: judge whole lines only; a header longer than the
    // head (50,000 columns occur in tests) is judged by the whole fields it shows.
    const lastBreak = Math.max(bytes.lastIndexOf(0x0a), bytes.lastIndexOf(0x0d));
    bytes = bytes.subarray(0, lastBreak >= 0 ? lastBreak + 1 : bytes.lastIndexOf(detectDelimiter(bytes).charCodeAt(0)) + 1);
  }
  const table = parseCsv(bytes, decoded.encoding, 1);
  if (!table.header) return complete ? 'it has no header line' : `its first ${HEAD_BYTES / 1024} KiB hold no complete header field (an Epoch header is about 2 KB)`;
  return notEpochHeaderReason(resolveColumns(table.header.fields.map((h) => h.trim())));
}

/** True when the bytes hold nothing but ASCII white space. */
export function isBlank(bytes: Uint8Array): boolean {
  for (const c of bytes) if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return false;
  return true;
}
