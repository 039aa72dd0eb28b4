/**
 * Reading single cells: names, dates, numbers and comma-separated lists, exactly as
 * `../shared/spec/sector-and-dataset.md` ("Names and paper ids", "Rows") says.
 */

// White space per the spec: ASCII and Unicode spaces (no-break, thin, ideographic…), tabs and line
// breaks. Zero-width space (U+200B) is not white space in Unicode and is left alone.
// \s covers Unicode white space except U+0085 (NEL), which Unicode also counts as white space.
const WHITE_SPACE_RUN = /[\s\u0085]+/gu;

/** A display name / id: surrounding white space removed, inner runs folded to one space. */
export function normaliseName(raw: string): string {
  // Most names are printable ASCII with single inner spaces, already normal: returned as they are
  // (the regular expression below would copy every one of them).
  let afterSpace = true;
  let i = 0;
  for (; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 0x20) {
      if (afterSpace) break;
      afterSpace = true;
    } else if (c > 0x20 && c < 0x7f) afterSpace = false;
    else break;
  }
  if (i === raw.length && !afterSpace) return raw;
  return raw.replace(WHITE_SPACE_RUN, ' ').trim();
}

/** The most parts a list cell gives (issue #9: a cell of 10⁷ commas took 4.8 s and 1.6 GB to split). */
export const LIST_PARTS_MAX = 10_000;

/** Split a comma-separated cell: parts trimmed, empty parts dropped. `"A, ,B,"` → `["A","B"]`. At most `LIST_PARTS_MAX` parts (see `splitListCapped`). */
export function splitList(raw: string): string[] {
  return splitListCapped(raw).parts;
}

/**
 * Split a comma-separated cell as `splitList` does, keeping at most `max` (default 10,000) non-empty
 * parts, the first ones; `truncated` is true when more followed (the loader then reports
 * `list-too-long`). Empty parts cost no string: a cell of 10 MB of commas is one scan, no garbage.
 */
export function splitListCapped(raw: string, max = LIST_PARTS_MAX): { parts: string[]; truncated: boolean } {
  const parts: string[] = [];
  if (raw === '') return { parts, truncated: false };
  let start = 0;
  while (start <= raw.length) {
    let end = raw.indexOf(',', start);
    if (end === -1) end = raw.length;
    if (hasNonSpace(raw, start, end)) {
      if (parts.length === max) return { parts, truncated: true };
      parts.push(raw.slice(start, end).trim());
    }
    start = end + 1;
  }
  return { parts, truncated: false };
}

// What String.prototype.trim removes, tested without making a string.
const TRIMMED = /[\s\ufeff]/u;
function hasNonSpace(raw: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = raw.charCodeAt(i);
    if ((c > 0x20 && c < 0x7f) || !TRIMMED.test(raw[i])) return true;
  }
  return false;
}

/** Result of reading a cell: a value, empty (no diagnostic), or unreadable (diagnostic). */
export type CellResult<T> = { ok: true; value: T | undefined } | { ok: false };

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const DMY_SLASH = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const DMY_DASH = /^(\d{2})-(\d{2})-(\d{4})$/;

/**
 * Read a publication date. Accepted forms (spec "Rows"): `YYYY-MM-DD`, `DD/MM/YYYY`, `D/M/YYYY`,
 * `DD-MM-YYYY`. Returns ISO `YYYY-MM-DD`; empty cell → `{ok: true, value: undefined}`; any other
 * text or an impossible calendar date (30 February) → `{ok: false}`.
 */
export function parsePublicationDate(raw: string): CellResult<string> {
  if (raw === '') return { ok: true, value: undefined };
  let y: number, m: number, d: number;
  let match = ISO.exec(raw);
  const iso = match !== null;
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = DMY_SLASH.exec(raw) ?? DMY_DASH.exec(raw))) [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else return { ok: false };
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return { ok: false };
  // An ISO cell is already the ISO form (four-digit year, two-digit month and day): no new string.
  return { ok: true, value: iso ? raw : `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}` };
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Days in month `m` (1–12) of year `y`, proleptic Gregorian (no `Date`: it maps years 0–99 to 1900–1999). */
export function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

// Written so that no two branches can match the same digits: linear time even on a 5 MB cell.
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
const THOUSANDS_GROUPED = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
// A decimal comma only after at most three integer digits, so `2260275840,2290000001` (two values in
// one cell, seen in Epoch's tables) is not read as one number.
const DECIMAL_COMMA = /^[+-]?\d{1,3},\d+(?:e[+-]?\d+)?$/i;
const EMPTY_NUMBER = new Set(['', 'n/a', 'na']);

/**
 * Read a number in any decimal or scientific form (`1e+25`, `+1.5E+03`, `4.00E+01`,
 * `991981425600000.0`, `40`). Empty, `N/A` and `NA` → empty without a diagnostic; anything else
 * that is not a finite number → `{ok: false}` (spec "Rows"). Spreadsheet locale forms are read
 * too, because users re-save Epoch's tables (field case br-07): thousands groups (`1,200,000`)
 * and a decimal comma (`1,2e+22` → 1.2e22) after at most three integer digits when the digits
 * after the comma are not a group of three.
 */
export function parseNumber(raw: string): CellResult<number> {
  if (EMPTY_NUMBER.has(raw.toLowerCase())) return { ok: true, value: undefined };
  let text = raw;
  if (!NUMBER.test(text)) {
    if (THOUSANDS_GROUPED.test(text)) text = text.replaceAll(',', '');
    else if (DECIMAL_COMMA.test(text)) text = text.replace(',', '.');
    else return { ok: false };
  }
  const value = Number(text);
  return Number.isFinite(value) ? { ok: true, value } : { ok: false };
}

/**
 * Read training compute (FLOP): as `parseNumber`, and zero or negative counts as unreadable, so it
 * is empty with a `bad-number` diagnostic (spec "Rows" and "Diagnostics").
 */
export function parseTrainingCompute(raw: string): CellResult<number> {
  const result = parseNumber(raw);
  if (result.ok && result.value !== undefined && result.value <= 0) return { ok: false };
  return result;
}
