import { lineOfOffset, type CsvRecord, type CsvTable } from './csvTable';

/**
 * Where field `fieldIndex` of a record starts in the file, as a 1-based line and character column,
 * found by re-scanning the record's bytes for delimiters outside quotes. Used only for diagnostics
 * (rare), so the scan is not on the loading hot path. Returns undefined past the record's end.
 */
export function cellPosition(table: CsvTable, record: CsvRecord, fieldIndex: number): { line: number; column: number } | undefined {
  const { bytes, lineStarts } = table;
  const delimiter = table.delimiter.charCodeAt(0);
  let field = 0;
  let quoted = false;
  let i = record.offset;
  for (; i < bytes.length && field < fieldIndex; i++) {
    const c = bytes[i];
    if (c === 0x22) quoted = !quoted;
    else if (!quoted && c === delimiter) field++;
    else if (!quoted && (c === 0x0a || c === 0x0d)) return undefined;
  }
  if (field < fieldIndex) return undefined;
  const line = lineOfOffset(lineStarts, i);
  return { line, column: bytes.toString('utf8', lineStarts[line - 1], i).length + 1 };
}
