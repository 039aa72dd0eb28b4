import { filterPapers, type TrendFilter } from '../core/dataset/filters';
import { filterOptions } from '../core/dataset/filterOptions';
import { TEAM_SECTORS, type Dataset, type Paper, type TeamSector } from '../core/dataset/model';
import { countsPerYear } from '../core/trends/countsPerYear';
import { computeTrends, hasTrainingCompute, segmentIndex, segmentsFromBreaks, trendPoints, type FitRow, type TrendPoint } from '../core/trends/trends';
import { partialYears } from '../core/trends/trendsCoverage';
import { frontierColumn, frontierTrends, isFrontierFlagged, largeScaleSharesBy } from '../core/trends/largeScale';
import { PRESET_TITLES, PRESETS, presetFilter } from '../core/dataset/presets';
import type { TrendsFilters, TrendsFit, TrendsView } from '../shared/trendsProtocol';

/**
 * Everything the trends panel draws for a dataset and a set of filters, computed by the same core
 * functions as the CLI's `trends` and `shares` (so a figure made in the editor can be re-made from
 * a script with the same numbers). Pure: no vscode, no I/O.
 *
 * Besides the numbers of the three charts it gives the filter controls their choices with
 * filter-aware counts (`filterOptions` of `src/core/dataset/filterOptions.ts`, which the CLI can
 * use too), chart 3's counts (`countsPerYear` of `src/core/trends/countsPerYear.ts`) and the
 * years covered only in part (`partialYears` of
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
  const withRange = fitRanges(points, filters.breaks);
  const fits = trends.fits.map(withRange);
  const column = frontierColumn(dataset.headers);
  const frontier = filters.frontier === 'flag' && column === undefined ? undefined : filters.frontier && filters.frontier !== 'off' ? filters.frontier : undefined;
  let frontierPart: Pick<TrendsView, 'frontierFits' | 'frontierPoints'> = {};
  if (frontier) {
    const byId = new Map(plotted.map((p) => [p.id, p]));
    const flagged = column === undefined ? undefined : (id: string): boolean => isFrontierFlagged(byId.get(id)!, column);
    const result = frontierTrends(points, filters.breaks, frontier, filters.topK, flagged);
    frontierPart = { frontierFits: result.fits.map(withRange), frontierPoints: result.points };
  }
  const shares = largeScaleSharesBy(points, { definition: filters.largeScale ?? 'top-k', top: filters.topK, thresholdFlop: filters.largeScaleFlop, z: filters.largeScaleZ, breaks: filters.breaks });
  // The whole table's point count in one pass (building every point took a fifth of a redraw at 100,000 rows; issue #9).
  let totalPoints = 0;
  for (const p of dataset.papers) if (isPoint(p)) totalPoints++;
  const { domains, notability, dateRange } = filterOptions(dataset.papers, filter, sectorOf, filtered);
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
    ...frontierPart,
    hasFrontierColumn: column !== undefined,
    shares: { top: filters.topK, years: shares.years, definition: shares.large_scale, ...(shares.threshold_flop !== undefined ? { thresholdFlop: shares.threshold_flop } : {}), ...(shares.z !== undefined ? { z: shares.z } : {}) },
    counts: countsPerYear(filtered, sectorOf),
    partialYears: partialYears(dateRange?.max, filters.since, filters.until),
    options: { domains, notability, dateRange, presets: PRESETS.map((id) => ({ id, title: PRESET_TITLES[id], filters: presetFilter(id) })) },
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
 * A fit with the x range it spans: the earliest and latest decimal year among `points` of its group
 * (All: every point) in its segment, worked out for every group and segment in one pass over
 * `points` (a filter per fit took a tenth of a redraw at 100,000 rows). A fit whose group and
 * segment hold no point gets Infinity and -Infinity (no fit has such a segment: it needs 3 points).
 */
function fitRanges(points: readonly TrendPoint[], breaks: readonly string[]): (fit: FitRow) => TrendsFit {
  const segments = segmentsFromBreaks(breaks);
  const groups: readonly string[] = ['All', ...TEAM_SECTORS];
  const min = new Float64Array(groups.length * segments.length).fill(Infinity);
  const max = new Float64Array(groups.length * segments.length).fill(-Infinity);
  const cell = (group: number, segment: number, x: number): void => {
    const i = group * segments.length + segment;
    if (x < min[i]) min[i] = x;
    if (x > max[i]) max[i] = x;
  };
  for (const p of points) {
    const s = segmentIndex(p.date, segments);
    cell(0, s, p.x);
    const g = groups.indexOf(p.sector);
    if (g > 0) cell(g, s, p.x);
  }
  return (fit) => {
    const g = groups.indexOf(fit.sector);
    const s = segments.findIndex((seg) => seg.from === fit.segment.from && seg.to === fit.segment.to);
    const i = g * segments.length + s;
    return { ...fit, xMin: g < 0 || s < 0 ? Infinity : min[i], xMax: g < 0 || s < 0 ? -Infinity : max[i] };
  };
}

/** A paper that is a point of the compute chart (trendPoints' rule): a publication date and a training compute. */
function isPoint(paper: Paper): boolean {
  return paper.publicationDate !== undefined && hasTrainingCompute(paper);
}
