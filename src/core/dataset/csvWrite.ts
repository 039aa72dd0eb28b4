import { stringify, type Options } from 'csv-stringify/sync';

/** A cell for `stringifyCsv`: text is escaped when it could start a formula; numbers never are. */
export type CsvCell = string | number | null | undefined;

/**
 * Every CSV the product writes (labelled dataset, labels, trends points and fits) goes through
 * here: csv-stringify (RFC 4180 quoting) with `escape_formulas` on, so a text cell that begins with
 * `=`, `+`, `-`, `@`, a tab or a carriage return (or the full-width `＝＋－＠`) is written with a
 * leading `'` and a spreadsheet shows it as text instead of evaluating it (OWASP "CSV Injection").
 * Cells passed as JavaScript numbers are never escaped: numbers the product formats itself (training
 * compute, log10, slopes, CIs) may be negative and stay numbers. Returns the CSV text; `options`
 * are csv-stringify's (delimiter, record delimiter…), `escape_formulas` cannot be turned off.
 */
export function stringifyCsv(rows: readonly (readonly CsvCell[])[], options: Omit<Options, 'escape_formulas'> = {}): string {
  // A text cell holding the other common delimiter is quoted too: a spreadsheet that splits on `;`
  // (or `,`) would otherwise cut `x;=cmd…` into a second cell starting with a formula.
  return stringify(rows as CsvCell[][], { quoted_match: /[,;\t]/u, ...options, escape_formulas: true });
}

/**
 * A cell copied from the user's table, prepared for `stringifyCsv`: a plain negative number
 * (`-1.5`, `-1.2000000000004572e+21`: text that JavaScript's number formatting gives back exactly)
 * is passed as that number, so it is written unchanged and not escaped (a number is no formula);
 * any other text is returned as it is and escaped by `stringifyCsv` when it starts like a formula
 * (`=SUM(A1)` → `'=SUM(A1)`, `- note` → `'- note`, `-1.50` → `'-1.50`). Never throws.
 */
export function tableCell(text: string): string | number {
  if (text.startsWith('-')) {
    const value = Number(text);
    if (Number.isFinite(value) && String(value) === text) return value;
  }
  return text;
}
