import { lineOfOffset, type CsvRecord, type CsvTable } from './csvTable';

/**
 * Where field `fieldIndex` of a record starts in the file, as a 1-based line and character column,
 * found by re-scanning the record's bytes for delimiters outside quotes. Used only for diagnostics
 * (rare), so the scan is not on the loading hot path. Returns undefined past the record's end.
 */
export function cellPosition(table: CsvTable, record: CsvRecord, fieldIndex: number): { line: number; column: number } | undefined {
  const { bytes, lineStarts } = table;
  const delimiter = table.delimiter.charCodeAt(0);
  // RFC 4180 as csv-parse reads it with relax_quotes: a quote opens a quoted field only at the
  // field's start; inside one, "" is a literal quote; elsewhere a quote is an ordinary character.
  let field = 0;
  let quoted = false;
  let atFieldStart = true;
  let i = record.offset;
  for (; i < bytes.length && field < fieldIndex; i++) {
    const c = bytes[i];
    if (quoted) {
      if (c === 0x22) {
        if (bytes[i + 1] === 0x22) i++;
        else quoted = false;
      }
      continue;
    }
    if (c === 0x22 && atFieldStart) {
      quoted = true;
      atFieldStart = false;
    } else if (c === delimiter) {
      field++;
      atFieldStart = true;
    } else if (c === 0x0a || c === 0x0d) return undefined;
    else atFieldStart = false;
  }
  if (field < fieldIndex) return undefined;
  const line = lineOfOffset(lineStarts, i);
  return { line, column: bytes.toString('utf8', lineStarts[line - 1], i).length + 1 };
}
