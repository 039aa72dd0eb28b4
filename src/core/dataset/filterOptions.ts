import { filterPapers, notabilityValues, type TrendFilter } from './filters';
import { TEAM_SECTORS, type Paper, type TeamSector } from './model';

/**
 * One choice of a multi-select filter: `count` rows match every other active filter and carry
 * the value (what ticking it would keep), `total` rows of the whole dataset carry it.
 */
export interface FilterOption<T extends string = string> {
  value: T;
  count: number;
  total: number;
}

/** What the filter bar offers for a dataset under the active filters (`filterOptions`). */
export interface FilterOptions {
  /** Every domain of the dataset, most frequent (by `total`) first, then by name. */
  domains: FilterOption[];
  /** Every notability criterion, most frequent first, spelled as `notabilityValues` does. */
  notability: FilterOption[];
  /** The five team sectors in the spec's order (TEAM_SECTORS), each with its counts. */
  sectors: FilterOption<TeamSector>[];
  /** Earliest and latest publication date of the whole dataset (unfiltered), ISO; null without a dated row. */
  dateRange: { min: string; max: string } | null;
}

/**
 * The choices of the filter bar (the Findings panel's, and the CLI's `--domain`, `--notability`,
 * `--sector`, `--since`/`--until`) for `papers` under `filter`, as faceted search shows them: a
 * domain's `count` is the number of rows that carry it among the rows passing every active filter
 * except the domain filter itself, and likewise for notability criteria and team sectors (by
 * `sectorOf`, labels applied); `total` counts over the whole dataset. Every value of the dataset
 * is listed (count 0 included), domains and criteria most frequent by `total` first, so the lists
 * keep their order while other filters change. Rows count with or without date or compute.
 * Domains are matched as written; notability criteria case-insensitively. `dateRange` is the
 * dataset's earliest and latest publication date (`YYYY-MM-DD`), whatever the filters.
 * `filtered`, when the caller has it: `filterPapers(papers, filter, sectorOf)`; when it holds every
 * row, each count is its total, and no facet is counted again.
 *
 * @throws RangeError from `filterPapers` for an impossible `since` or `until`
 */
export function filterOptions(papers: readonly Paper[], filter: TrendFilter, sectorOf: (p: Paper) => TeamSector = (p) => p.teamSector, filtered?: readonly Paper[]): FilterOptions {
  const totals = totalsOf(papers);
  const sectorTotals = sectorValues(papers, sectorOf);
  // Every row passes every filter (no filter, or none that drops a row): each facet's counts are its totals.
  if (filtered && filtered.length === papers.length) {
    const domains = [...totals.domains].map(([value, total]) => ({ value, count: total, total }));
    const notability = totals.notability.map((v) => ({ value: v.value, count: v.papers, total: v.papers }));
    const sectors = TEAM_SECTORS.map((value) => ({ value, count: sectorTotals.get(value) ?? 0, total: sectorTotals.get(value) ?? 0 }));
    return { domains, notability, sectors, dateRange: totals.dateRange };
  }
  // The rows passing every filter but one facet's: when that facet selects nothing, the rows passing
  // every filter (`filtered`, given by a caller that has them), worked out once for all such facets.
  let all: readonly Paper[] | undefined = filtered;
  const without = (facet: 'domains' | 'notability' | 'sectors'): readonly Paper[] => (filter[facet] && filter[facet].length > 0 ? filterPapers(papers, { ...filter, [facet]: [] }, sectorOf) : (all ??= filterPapers(papers, filter, sectorOf)));
  const domainCounts = domainValues(without('domains'));
  const domains = [...totals.domains].map(([value, total]) => ({ value, count: domainCounts.get(value) ?? 0, total }));
  const notabilityCounts = new Map(notabilityValues(without('notability')).map((v) => [v.value.toLowerCase(), v.papers]));
  const notability = totals.notability.map((v) => ({ value: v.value, count: notabilityCounts.get(v.value.toLowerCase()) ?? 0, total: v.papers }));
  const sectorCounts = sectorValues(without('sectors'), sectorOf);
  const sectors = TEAM_SECTORS.map((value) => ({ value, count: sectorCounts.get(value) ?? 0, total: sectorTotals.get(value) ?? 0 }));
  return { domains, notability, sectors, dateRange: totals.dateRange };
}

/** What `filterOptions` counts over the whole table whatever the filters and labels (domains, notability, dates), kept per papers array. */
interface Totals {
  domains: Map<string, number>;
  notability: ReturnType<typeof notabilityValues>;
  dateRange: { min: string; max: string } | null;
}
const totalsCache = new WeakMap<readonly Paper[], Totals>();

/**
 * Let `to` (the same table's rows after a label, differing from `from` only at `rows`) use the
 * whole-table counts kept for `from`. Labels change no notability criterion or publication date,
 * and domains only through a `topic` label on a work of the literature: when one of `rows` changed
 * its domains, nothing is shared. Sectors are counted anew in any case.
 */
export function shareFilterTotals(from: readonly Paper[], to: readonly Paper[], rows: readonly number[]): void {
  const totals = totalsCache.get(from);
  if (!totals || totalsCache.has(to)) return;
  for (const row of rows) {
    const a = from[row].domains;
    const b = to[row].domains;
    if (a.length !== b.length || a.some((d, i) => d !== b[i])) return;
  }
  totalsCache.set(to, totals);
}
function totalsOf(papers: readonly Paper[]): Totals {
  let totals = totalsCache.get(papers);
  if (!totals) totalsCache.set(papers, (totals = { domains: domainValues(papers), notability: notabilityValues(papers), dateRange: publicationDateRange(papers) }));
  return totals;
}

/**
 * The earliest and latest publication date (`YYYY-MM-DD`) among `papers`, or null when none has
 * one. ISO dates compare as text. Pure; never throws.
 */
export function publicationDateRange(papers: readonly Paper[]): { min: string; max: string } | null {
  let min: string | undefined;
  let max: string | undefined;
  for (const p of papers) {
    const date = p.publicationDate;
    if (!date) continue;
    if (min === undefined || date < min) min = date;
    if (max === undefined || date > max) max = date;
  }
  return min !== undefined && max !== undefined ? { min, max } : null;
}

/** Rows per domain (a row counts once per domain it has), most frequent first, then by name. */
function domainValues(papers: readonly Paper[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const p of papers) {
    const domains = p.domains;
    // A row counts once per domain it has (the same domain written twice counts once).
    for (let i = 0; i < domains.length; i++) if (domains.indexOf(domains[i]) === i) counts.set(domains[i], (counts.get(domains[i]) ?? 0) + 1);
  }
  return new Map([...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
}

function sectorValues(papers: readonly Paper[], sectorOf: (p: Paper) => TeamSector): Map<TeamSector, number> {
  const counts = new Map<TeamSector, number>();
  for (const p of papers) {
    const sector = sectorOf(p);
    counts.set(sector, (counts.get(sector) ?? 0) + 1);
  }
  return counts;
}
