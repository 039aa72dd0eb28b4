/**
 * What the topic and diffusion analyses share (`../shared/spec/analyses.md`, "Common"): the
 * window, the periods, sector counts and shares with their two denominators, and the check for
 * the columns a snapshot must have.
 */
import { resolveColumns, type ColumnKey } from '../dataset/columns';
import { filterPapers, type TrendFilter } from '../dataset/filters';
import { TEAM_SECTORS, type Dataset, type Paper, type TeamSector } from '../dataset/model';

/** The default periods of analyses.md: calendar years, both ends inclusive; `2023-` is open. */
export const DEFAULT_PERIODS = '2010-2014,2015-2018,2019-2022,2023-';

/** One period: `label` as written (`2015-2018`), `from`/`to` calendar years, inclusive, null = open. */
export interface Period {
  label: string;
  from: number | null;
  to: number | null;
}

/**
 * Parse a period list such as `2010-2014,2015-2018,2023-` (analyses.md, "Periods"): parts split
 * on commas, each `YYYY-YYYY`, `YYYY-` (that year and later), `-YYYY` (up to that year) or `YYYY`
 * (one year); years of four digits, both ends inclusive. Periods keep the order given.
 *
 * @throws RangeError naming the part and what was expected for an empty list, a part of another
 *   form, a period whose end is before its start, or a period given twice
 */
export function parsePeriods(text: string): Period[] {
  const parts = text.split(',').map((p) => p.trim());
  if (parts.length === 0 || parts.every((p) => p === '')) throw new RangeError('no period given; expected e.g. 2010-2014,2015-2018,2023-');
  const periods = parts.map((part): Period => {
    const m = /^(\d{4})?\s*(-)?\s*(\d{4})?$/.exec(part);
    if (!m || (m[1] === undefined && m[3] === undefined) || (m[2] === undefined && m[3] !== undefined && m[1] !== undefined))
      throw new RangeError(`"${part}" is not a period; expected YYYY-YYYY, YYYY-, -YYYY or YYYY`);
    const from = m[1] === undefined ? null : Number(m[1]);
    const to = m[2] === undefined ? from : m[3] === undefined ? null : Number(m[3]);
    if (from !== null && to !== null && to < from) throw new RangeError(`"${part}" ends before it starts`);
    return { label: part.replace(/\s+/g, ''), from, to };
  });
  const repeated = periods.find((p, i) => periods.findIndex((q) => q.label === p.label) !== i);
  if (repeated) throw new RangeError(`the period ${repeated.label} is given twice`);
  return periods;
}

/** True when `year` is in the period (both ends inclusive). */
export function inPeriod(year: number, period: Period): boolean {
  return (period.from === null || year >= period.from) && (period.to === null || year <= period.to);
}

/** The rows of an analysis and the dated rows the window left out. */
export interface WindowRows {
  /** Rows passing the filters, with a publication date in [since, until), in table order. */
  rows: Paper[];
  /** Rows passing the other filters but without a publication date (left out, counted). */
  rowsWithoutDate: number;
}

/**
 * The window of analyses.md ("Window"): the rows that pass the trends panel's filters
 * (`filterPapers`: domain, notability, team sector…) and have a publication date in
 * [since, until) — either end open. Rows without a date are always left out (even with no bound)
 * and counted in `rowsWithoutDate`.
 *
 * @throws RangeError when `since` or `until` is not a real calendar date
 */
export function windowRows(papers: readonly Paper[], filter: TrendFilter = {}): WindowRows {
  const passing = filterPapers(papers, { ...filter, since: undefined, until: undefined });
  // filterPapers checks the dates; asked for here so that a bad bound fails whatever the data.
  filterPapers([], filter);
  const rows: Paper[] = [];
  let rowsWithoutDate = 0;
  for (const paper of passing) {
    const date = paper.publicationDate;
    if (date === undefined) rowsWithoutDate++;
    else if ((filter.since === undefined || date >= filter.since) && (filter.until === undefined || date < filter.until)) rows.push(paper);
  }
  return { rows, rowsWithoutDate };
}

export type SectorCounts = Record<TeamSector, number>;
export type SectorShares = Record<TeamSector, number | null>;
export type KnownSector = Exclude<TeamSector, 'Unknown'>;
export type KnownSectorShares = Record<KnownSector, number | null>;
const KNOWN_SECTORS = TEAM_SECTORS.filter((s): s is KnownSector => s !== 'Unknown');

/** Zero counts for the five sectors, in the spec's order. */
export function zeroCounts(): SectorCounts {
  return { Academia: 0, Industry: 0, Collaboration: 0, Other: 0, Unknown: 0 };
}

/** a / b, or null when b is 0 (analyses.md: "a share with a zero denominator is null"). */
export function share(a: number, b: number): number | null {
  return b === 0 ? null : a / b;
}

/**
 * The two share sets of analyses.md ("Shares"): `shares` over all rows (Unknown included) and
 * `shares_known_sector` over the rows whose sector is not Unknown (its keys: the four known
 * sectors). Each share is null when its denominator is 0.
 */
export function sharesOf(counts: SectorCounts): { shares: SectorShares; shares_known_sector: KnownSectorShares } {
  const all = TEAM_SECTORS.reduce((sum, s) => sum + counts[s], 0);
  const known = all - counts.Unknown;
  const shares = zeroCounts() as unknown as SectorShares;
  for (const s of TEAM_SECTORS) shares[s] = share(counts[s], all);
  const knownShares = {} as KnownSectorShares;
  for (const s of KNOWN_SECTORS) knownShares[s] = share(counts[s], known);
  return { shares, shares_known_sector: knownShares };
}

/** The header names analyses.md uses for the columns an analysis needs. */
const SPEC_NAMES: Partial<Record<ColumnKey, string>> = {
  domains: 'Domain',
  tasks: 'Task',
  publicationDate: 'Publication date',
  baseModel: 'Base model',
  categories: 'Organization categorization',
};

/**
 * The needed columns a snapshot lacks, by the names analyses.md gives them (`Domain`, `Task`,
 * `Publication date`, `Base model`, `Organization categorization`). A table with a `Team sector`
 * column instead of `Organization categorization` has its sectors, so that column is not missing
 * there. Matching of headers as the loader does it (columns.ts).
 */
export function missingColumns(dataset: Pick<Dataset, 'headers'>, needed: readonly ColumnKey[]): string[] {
  const map = resolveColumns(dataset.headers);
  return needed.filter((key) => map[key] === undefined && !(key === 'categories' && map.teamSector !== undefined)).map((key) => SPEC_NAMES[key] ?? key);
}

/** The one sentence of analyses.md for a snapshot that lacks columns. */
export function unavailableMessage(analysis: string, missing: readonly string[]): string {
  const list = missing.map((m) => `"${m}"`).join(missing.length === 2 ? ' and ' : ', ');
  return `This table has no ${list} column${missing.length === 1 ? '' : 's'}, so the ${analysis} analysis cannot be computed on it.`;
}
