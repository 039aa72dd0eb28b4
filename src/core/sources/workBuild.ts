/**
 * Small builders shared by the arXiv, OpenAlex and Semantic Scholar importers: ISO dates at their
 * precision, a work with its id and empty lists filled in, and the title diagnostics.
 */
import { orderIdentifiers, workId } from './identifiers';
import type { ImportDiagnostic, Provenance, Work, WorkDate } from './work';

/**
 * The date of an ISO 8601 text at the precision it has: `2025-10-16T17:59:37Z` and `2018-02-13` →
 * day, `2018-02` → month, `1950` → year. The calendar date as written (no time-zone shift).
 * Undefined for anything else or an impossible month/day.
 */
export function isoDate(text: string | undefined | null): WorkDate | undefined {
  if (!text) return undefined;
  const m = /^\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\s*$/.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  if (m[2] === undefined) return { year };
  const month = Number(m[2]);
  if (month < 1 || month > 12) return undefined;
  if (m[3] === undefined) return { year, month };
  const day = Number(m[3]);
  if (day < 1 || day > 31) return undefined;
  return { year, month, day };
}

/** The fields an importer fills in; `buildWork` adds the rest. */
export type WorkFields = Partial<Omit<Work, 'id' | 'provenance'>> & { provenance: Provenance[] };

/**
 * A `Work` from the fields an importer read: identifiers ordered and de-duplicated
 * (`orderIdentifiers`), lists defaulted to `[]`, the title `''` when missing, undefined optional
 * fields left out, and the id from `workId` (first identifier in the order doi, arxiv, openalex,
 * s2, pmid; else `<file>#<key or index>`).
 */
export function buildWork(fields: WorkFields): Work {
  const work: Work = {
    id: '',
    title: fields.title ?? '',
    authors: fields.authors ?? [],
    identifiers: orderIdentifiers(fields.identifiers ?? []),
    links: [...new Set(fields.links ?? [])],
    keywords: fields.keywords ?? [],
    categories: [...new Set(fields.categories ?? [])],
    provenance: fields.provenance,
  };
  if (fields.date) work.date = fields.date;
  if (fields.venue) work.venue = fields.venue;
  if (fields.abstract) work.abstract = fields.abstract;
  if (fields.type) work.type = fields.type;
  if (fields.raw) work.raw = fields.raw;
  // The identifiers are in order already: the first names the work (`workId` without ordering them again).
  work.id = work.identifiers[0] ?? workId(work);
  return work;
}

/** A `missing-title` diagnostic for the record at `line` (named by `label`) when `work` has no title. */
export function checkTitle(work: Work, line: number, label: string, diagnostics: ImportDiagnostic[]): void {
  if (!work.title) diagnostics.push({ kind: 'missing-title', line, message: `${label} has no title; kept as ${work.id}` });
}

/** White space (line breaks, tabs, runs of spaces, NBSP) collapsed to single spaces and trimmed. */
export function collapseWhitespace(text: string): string {
  // Most names and titles have nothing to collapse: no white space but single inner spaces.
  return /[^\S ]| {2}|^ | $/.test(text) ? text.replace(/\s+/g, ' ').trim() : text;
}
