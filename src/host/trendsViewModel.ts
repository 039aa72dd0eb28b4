import { filterPapers, notabilityValues, type TrendFilter } from '../core/dataset/filters';
import type { Dataset, Paper, TeamSector } from '../core/dataset/model';
import { computeTrends, hasTrainingCompute, inSegment, trendPoints } from '../core/trends/trends';
import { partialYears } from '../core/trends/trendsCoverage';
import { frontierColumn, frontierTrends, isFrontierFlagged, largeScaleSharesBy } from '../core/trends/largeScale';
import { PRESET_TITLES, PRESETS, presetFilter } from '../core/dataset/presets';
import type { TrendsCountYear, TrendsFilters, TrendsFit, TrendsOption, TrendsView } from '../shared/trendsProtocol';

/**
 * Everything the trends panel draws for a dataset and a set of filters, computed by the same core
 * functions as the CLI's `trends` and `shares` (so a figure made in the editor can be re-made from
 * a script with the same numbers). Pure: no vscode, no I/O.
 *
 * Besides the numbers of the three charts it gives the filter controls their choices with
 * filter-aware counts (`filterOptions`) and the years covered only in part (`partialYears` of
 * `src/core/trends/trendsCoverage.ts`, from the dataset's latest publication date and the date filter).
 *
 * @param dataset the loaded table
 * @param filters the panel's filters (date range, domains, sectors, notability, minimum compute,
 *   name text, screening decisions, segment breaks, top-k); decisions are read from the labels
 *   applied to `dataset` (`paperDecision`), through the same `filterPapers` as the CLI's `--decision`
 * @param sectorOf the effective team sector of a paper (labels override the table's; default the
 *   table's)
 * @throws RangeError for an impossible date in the filters or the breaks (the webview refuses
 *   them before they are sent)
 */
export function buildTrendsView(dataset: Dataset, filters: TrendsFilters, datasetName: string, sectorOf: (p: Paper) => TeamSector = (p) => p.teamSector): TrendsView {
  const filter = trendFilter(filters);
  const filtered = filterPapers(dataset.papers, filter, sectorOf);
  const points = trendPoints(filtered, sectorOf);
  const trends = computeTrends(points, filters.breaks);
  const byId = new Map(filtered.map((p) => [p.id, p]));
  const withRange = (fitPoints: typeof points) => (fit: (typeof trends.fits)[number]): TrendsFit => {
    const inFit = fitPoints.filter((p) => (fit.sector === 'All' || p.sector === fit.sector) && inSegment(p.date, fit.segment));
    let xMin = Infinity;
    let xMax = -Infinity;
    for (const p of inFit) {
      xMin = Math.min(xMin, p.x);
      xMax = Math.max(xMax, p.x);
    }
    return { ...fit, xMin, xMax };
  };
  const fits = trends.fits.map(withRange(points));
  const column = frontierColumn(dataset.headers);
  const frontier = filters.frontier === 'flag' && column === undefined ? undefined : filters.frontier && filters.frontier !== 'off' ? filters.frontier : undefined;
  let frontierPart: Pick<TrendsView, 'frontierFits' | 'frontierPoints'> = {};
  if (frontier) {
    const flagged = column === undefined ? undefined : (id: string): boolean => isFrontierFlagged(byId.get(id)!, column);
    const result = frontierTrends(points, filters.breaks, frontier, filters.topK, flagged);
    frontierPart = { frontierFits: result.fits.map(withRange(points)), frontierPoints: result.points };
  }
  const shares = largeScaleSharesBy(points, { definition: filters.largeScale ?? 'top-k', top: filters.topK, thresholdFlop: filters.largeScaleFlop, z: filters.largeScaleZ, breaks: filters.breaks });
  const allPoints = trendPoints(dataset.papers, sectorOf);
  const dates = dataset.papers.flatMap((p) => (p.publicationDate ? [p.publicationDate] : [])).sort();
  const dateRange = dates.length ? { min: dates[0], max: dates[dates.length - 1] } : null;
  return {
    datasetName,
    totalRows: dataset.papers.length,
    totalPoints: allPoints.length,
    filters,
    points: points.map((p) => ({
      id: p.id,
      name: byId.get(p.id)?.name || p.id,
      date: p.date,
      x: p.x,
      y: p.y,
      computeFlop: p.computeFlop,
      sector: p.sector,
      organizations: byId.get(p.id)?.organizations.join(', ') ?? '',
    })),
    fits,
    ...frontierPart,
    hasFrontierColumn: column !== undefined,
    shares: { top: filters.topK, years: shares.years, definition: shares.large_scale, ...(shares.threshold_flop !== undefined ? { thresholdFlop: shares.threshold_flop } : {}), ...(shares.z !== undefined ? { z: shares.z } : {}) },
    counts: countsPerYear(filtered, sectorOf),
    partialYears: partialYears(dateRange?.max, filters.since, filters.until),
    options: { ...filterOptions(dataset.papers, filter, sectorOf), dateRange, presets: PRESETS.map((id) => ({ id, title: PRESET_TITLES[id], filters: presetFilter(id) })) },
  };
}

/** The panel's filters as core's TrendFilter (breaks and top-k shape the numbers, not the rows). */
export function trendFilter(filters: TrendsFilters): TrendFilter {
  return {
    since: filters.since,
    until: filters.until,
    domains: filters.domains,
    notability: filters.notability,
    sectors: filters.sectors,
    minComputeFlop: filters.minComputeFlop,
    text: filters.text,
    ...(filters.decisions && filters.decisions.length > 0 ? { decisions: filters.decisions } : {}),
  };
}

/**
 * Models per publication year by sector (chart 3): every paper with a publication date among
 * `papers` (the rows that passed the filters), with or without training compute, and per sector
 * how many of them have a training compute (`hasTrainingCompute`: the points of charts 1 and 2).
 * Years without a dated paper are left out; years ascend. Never throws.
 */
export function countsPerYear(papers: readonly Paper[], sectorOf: (p: Paper) => TeamSector): TrendsCountYear[] {
  const years = new Map<number, TrendsCountYear>();
  for (const paper of papers) {
    if (!paper.publicationDate) continue;
    const year = Number(paper.publicationDate.slice(0, 4));
    let row = years.get(year);
    if (!row) {
      row = { year, Academia: 0, Industry: 0, Collaboration: 0, Other: 0, Unknown: 0, withCompute: { Academia: 0, Industry: 0, Collaboration: 0, Other: 0, Unknown: 0 } };
      years.set(year, row);
    }
    const sector = sectorOf(paper);
    row[sector]++;
    if (hasTrainingCompute(paper)) row.withCompute[sector]++;
  }
  return [...years.values()].sort((a, b) => a.year - b.year);
}

/**
 * The choices of the domain and notability filters, each with a filter-aware count, as faceted
 * search shows them: a domain's `count` is the number of rows that carry it among the rows
 * passing every active filter except the domain filter itself (what ticking it would keep), and
 * likewise for notability criteria; `total` is the count over the whole dataset. Every value of
 * the dataset is listed (count 0 included), most frequent by `total` first, so the lists keep
 * their order while other filters change. Rows count with or without date or compute. Domains are
 * matched as written; notability criteria case-insensitively, spelled as `notabilityValues` does.
 *
 * @throws RangeError from `filterPapers` for an impossible `since` or `until`
 */
export function filterOptions(papers: readonly Paper[], filter: TrendFilter, sectorOf: (p: Paper) => TeamSector): { domains: TrendsOption[]; notability: TrendsOption[] } {
  const domainCounts = domainValues(filterPapers(papers, { ...filter, domains: [] }, sectorOf));
  const domains = [...domainValues(papers)].map(([value, total]) => ({ value, count: domainCounts.get(value) ?? 0, total }));
  const notabilityCounts = new Map(notabilityValues(filterPapers(papers, { ...filter, notability: [] }, sectorOf)).map((v) => [v.value.toLowerCase(), v.papers]));
  const notability = notabilityValues(papers).map((v) => ({ value: v.value, count: notabilityCounts.get(v.value.toLowerCase()) ?? 0, total: v.papers }));
  return { domains, notability };
}

/** Rows per domain (a row counts once per domain it has), most frequent first, then by name. */
function domainValues(papers: readonly Paper[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const p of papers) for (const d of new Set(p.domains)) counts.set(d, (counts.get(d) ?? 0) + 1);
  return new Map([...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
}
