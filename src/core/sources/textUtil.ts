/**
 * Little text helpers shared by the bibliography importers (BibTeX, RIS, CSL-JSON): UTF-8 decoding
 * without a BOM, clipping diagnostics' raw text, collapsing whitespace, turning offsets into
 * 1-based lines and columns, and reading the dates the formats write.
 */
import type { ImportDiagnostic, WorkDate } from './work';

/** The longest raw text a diagnostic carries (imports.md, work.ts `ImportDiagnostic.raw`). */
export const DIAGNOSTIC_RAW_MAX = 200;

/**
 * The bytes decoded as UTF-8 (invalid sequences become U+FFFD, never an exception) with a leading
 * byte-order mark removed, so that a BOM before the first `@` or `TY` is not part of the first record.
 */
export function decodeUtf8WithoutBom(bytes: Uint8Array): string {
  const text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** `text` cut to at most `max` characters (default 200), an ellipsis marking the cut. */
export function clip(text: string, max = DIAGNOSTIC_RAW_MAX): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Runs of whitespace (newlines, TABs, NBSP) as one space, trimmed. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * A finder of 1-based line and column for a 0-based offset into `text` (line starts computed once,
 * binary search per query), for diagnostics and provenance of formats whose parser gives offsets.
 */
export function lineFinder(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo] + 1 };
  };
}

/** A diagnostic with its raw text clipped to 200 characters. */
export function diagnostic(d: ImportDiagnostic): ImportDiagnostic {
  return d.raw === undefined ? d : { ...d, raw: clip(d.raw) };
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** A month as BibTeX and RIS write it (`3`, `03`, `mar`, `March`) as 1–12; undefined otherwise. */
export function parseMonth(text: string): number | undefined {
  const t = text.trim().toLowerCase();
  if (/^\d{1,2}$/.test(t)) {
    const m = Number(t);
    return m >= 1 && m <= 12 ? m : undefined;
  }
  const i = MONTHS.indexOf(t.slice(0, 3));
  return i >= 0 ? i + 1 : undefined;
}

/**
 * A date as the formats write it: ISO-like `2019`, `2019-06`, `2019-06-24` (BibLaTeX `date`, a
 * range `2019-06/2019-07` keeps its start), RIS `2019/06/24/` or `2019///`, at the precision given.
 * Undefined when no four-digit year leads the text or month/day are out of range.
 */
export function parseDateText(text: string): WorkDate | undefined {
  const m = /^\s*(\d{4})(?:[-/](\d{1,2})?(?:[-/](\d{1,2})?)?)?/.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const date: WorkDate = { year };
  if (m[2]) {
    const month = Number(m[2]);
    if (month < 1 || month > 12) return date;
    date.month = month;
    if (m[3]) {
      const day = Number(m[3]);
      if (day >= 1 && day <= 31) date.day = day;
    }
  }
  return date;
}

/** The number of fields set in a date (1 year, 2 month, 3 day): for picking the most precise of several. */
export function datePrecision(date: WorkDate | undefined): number {
  if (!date) return 0;
  return date.day !== undefined ? 3 : date.month !== undefined ? 2 : 1;
}

/** `2019-06-24`, `2019-06` or `2019` for a date. */
export function formatIsoDate(date: WorkDate): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return date.month === undefined ? String(date.year) : date.day === undefined ? `${date.year}-${p(date.month)}` : `${date.year}-${p(date.month)}-${p(date.day)}`;
}

/**
 * Decoded LaTeX in Unicode NFC: the parser writes `{\\'\\i}` as a dotless ı with a combining accent,
 * which NFC does not compose, so a dotless i before a combining mark becomes a plain i first (Martín).
 */
export function composeAccents(text: string): string {
  return text.replace(/\u0131(?=[\u0300-\u036f])/g, 'i').replace(/\u0237(?=[\u0300-\u036f])/g, 'j').normalize('NFC');
}

/** Whether an author name is the "and others" / "et al." placeholder rather than a person. */
export function isOthersPlaceholder(name: string): boolean {
  return /^(others|et\.?\s*al\.?)$/i.test(name.trim());
}
