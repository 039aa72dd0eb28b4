import { filterPapers, notabilityValues, type TrendFilter } from '../core/dataset/filters';
import type { Dataset, Paper, TeamSector } from '../core/dataset/model';
import { computeTrends, hasTrainingCompute, inSegment, largeScaleShares, trendPoints } from '../core/trends/trends';
import { partialYears } from '../core/trends/trendsCoverage';
import type { TrendsCountYear, TrendsFilters, TrendsOption, TrendsView } from '../shared/trendsProtocol';

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
  // The papers behind the points, in the points' order (trendPoints keeps the dated rows with compute, in order).
  const plotted = filtered.filter(isPoint);
  const fits = trends.fits.map((fit) => {
    const inFit = points.filter((p) => (fit.sector === 'All' || p.sector === fit.sector) && inSegment(p.date, fit.segment));
    let xMin = Infinity;
    let xMax = -Infinity;
    for (const p of inFit) {
      xMin = Math.min(xMin, p.x);
      xMax = Math.max(xMax, p.x);
    }
    return { ...fit, xMin, xMax };
  });
  // One pass for the whole table's point count and date range (at 100,000 rows, building every
  // point and sorting every date took a fifth of a redraw; issue #9).
  let totalPoints = 0;
  let min: string | undefined;
  let max: string | undefined;
  for (const p of dataset.papers) {
    if (isPoint(p)) totalPoints++;
    const date = p.publicationDate;
    if (!date) continue;
    if (min === undefined || date < min) min = date;
    if (max === undefined || date > max) max = date;
  }
  const dateRange = min !== undefined && max !== undefined ? { min, max } : null;
  return {
    datasetName,
    totalRows: dataset.papers.length,
    totalPoints,
    filters,
    points: points.map((p, i) => ({
      id: p.id,
      name: plotted[i].name || p.id,
      date: p.date,
      x: p.x,
      y: p.y,
      computeFlop: p.computeFlop,
      sector: p.sector,
      organizations: plotted[i].organizations.join(', '),
    })),
    fits,
    shares: largeScaleShares(points, filters.topK),
    counts: countsPerYear(filtered, sectorOf),
    partialYears: partialYears(dateRange?.max, filters.since, filters.until),
    options: { ...filterOptions(dataset.papers, filter, sectorOf), dateRange },
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

/** A paper that is a point of the compute chart (trendPoints' rule): a publication date and a training compute. */
function isPoint(paper: Paper): boolean {
  return paper.publicationDate !== undefined && hasTrainingCompute(paper);
}

/** Rows per domain (a row counts once per domain it has), most frequent first, then by name. */
function domainValues(papers: readonly Paper[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const p of papers) {
    // Most rows have one domain: no Set for them.
    if (p.domains.length === 1) counts.set(p.domains[0], (counts.get(p.domains[0]) ?? 0) + 1);
    else for (const d of new Set(p.domains)) counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  return new Map([...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
}
