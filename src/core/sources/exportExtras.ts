/**
 * What an export adds to each work besides its bibliographic fields: the triage decision, the
 * team sector and its leaning (imports.md "Writing back"). Every writer (RIS, BibTeX, CSL-JSON)
 * puts them in the record's keywords, as `compute-divide:decision=include`,
 * `compute-divide:team-sector=Academia`, `compute-divide:leaning=…` (Zotero tags, EndNote
 * keywords: filterable), and RIS and CSL-JSON also in a note (`N1` / `note`) that starts with
 * `Compute Divide:`. On import these keywords stay in `Work.keywords`; `readExtras` reads them back.
 */
import type { Work } from './work';

/** A triage decision as written in an export. */
export type ExportDecision = 'include' | 'exclude' | 'maybe';

/** What is written per work (by work id) beside its fields. */
export interface WorkExtras {
  decision?: ExportDecision;
  teamSector?: string;
  leaning?: string;
}

/** Extras by work id (`Work.id`). */
export type ExtrasById = ReadonlyMap<string, WorkExtras> | Readonly<Record<string, WorkExtras>>;

/** The prefix of every keyword an export adds. */
export const EXTRAS_KEYWORD_PREFIX = 'compute-divide:';
/** The start of the note line an export adds (RIS `N1`, CSL `note`). */
export const EXTRAS_NOTE_PREFIX = 'Compute Divide:';

const KEYS: [keyof WorkExtras, string][] = [
  ['decision', 'decision'],
  ['teamSector', 'team-sector'],
  ['leaning', 'leaning'],
];

/** The extras of one work from a map or record by id; undefined when it has none. */
export function extrasFor(extras: ExtrasById | undefined, id: string): WorkExtras | undefined {
  if (!extras) return undefined;
  if (extras instanceof Map) return (extras as ReadonlyMap<string, WorkExtras>).get(id);
  return Object.prototype.hasOwnProperty.call(extras, id) ? (extras as Record<string, WorkExtras>)[id] : undefined;
}

/** The keywords that carry `extras` (`compute-divide:decision=include`, …), in a fixed order. */
export function extrasKeywords(extras: WorkExtras | undefined): string[] {
  if (!extras) return [];
  const out: string[] = [];
  for (const [field, name] of KEYS) {
    const value = extras[field];
    if (value !== undefined && value !== '') out.push(`${EXTRAS_KEYWORD_PREFIX}${name}=${value}`);
  }
  return out;
}

/** The one-line note that carries `extras` (`Compute Divide: decision=include; team-sector=Academia`), or undefined. */
export function extrasNote(extras: WorkExtras | undefined): string | undefined {
  const kws = extrasKeywords(extras);
  return kws.length === 0 ? undefined : `${EXTRAS_NOTE_PREFIX} ${kws.map((k) => k.slice(EXTRAS_KEYWORD_PREFIX.length)).join('; ')}`;
}

/** Whether a keyword is one an export added (so a new export replaces it instead of adding a second). */
export function isExtrasKeyword(keyword: string): boolean {
  return keyword.trim().startsWith(EXTRAS_KEYWORD_PREFIX);
}

/** Whether a note line is one an export added. */
export function isExtrasNote(line: string): boolean {
  return line.trim().startsWith(EXTRAS_NOTE_PREFIX);
}

/**
 * The decision, team sector and leaning an exported file carried for a work read back from it:
 * read from its `compute-divide:` keywords (the last value of each wins). Empty object when the
 * work carries none. Values are returned as written; a decision other than include/exclude/maybe
 * is ignored.
 */
export function readExtras(work: Pick<Work, 'keywords'>): WorkExtras {
  const out: WorkExtras = {};
  for (const kw of work.keywords) {
    const t = kw.trim();
    if (!t.startsWith(EXTRAS_KEYWORD_PREFIX)) continue;
    const eq = t.indexOf('=');
    if (eq < 0) continue;
    const name = t.slice(EXTRAS_KEYWORD_PREFIX.length, eq);
    const value = t.slice(eq + 1).trim();
    if (!value) continue;
    if (name === 'decision') {
      if (value === 'include' || value === 'exclude' || value === 'maybe') out.decision = value;
    } else if (name === 'team-sector') out.teamSector = value;
    else if (name === 'leaning') out.leaning = value;
  }
  return out;
}
