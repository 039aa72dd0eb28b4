/**
 * Definitions of "large-scale" and of the frontier for the Findings panel and `compute-divide
 * shares --large-scale …` / `trends --frontier …`. The top-k rule is the spec's (trends.md,
 * "Large-scale share by sector"); the absolute threshold, the residual rule and the frontier fits
 * are not in the spec files and are documented in docs/trends.md.
 */
import { TEAM_SECTORS, type Paper, type TeamSector } from '../dataset/model';
import { compareByCodePoint, computeTrends, DEFAULT_BREAKS, inSegment, largeScaleShares, segmentsFromBreaks, fitLine, type ShareYear, type TrendPoint, type TrendsResult } from './trends';
import { LARGE_SCALE_FLOP } from '../dataset/presets';

/** How a model is called large-scale in the shares chart. */
export const LARGE_SCALE_DEFINITIONS = ['top-k', 'threshold', 'residual'] as const;
export type LargeScaleDefinition = (typeof LARGE_SCALE_DEFINITIONS)[number];

/** The default z-score of the residual rule. */
export const DEFAULT_RESIDUAL_Z = 1;

/** The parameters of a large-scale definition; each has a default. */
export interface LargeScaleOptions {
  definition: LargeScaleDefinition;
  /** k of `top-k` (default 10). */
  top?: number;
  /** FLOP of `threshold` (default 10^23, Epoch's large-scale threshold). */
  thresholdFlop?: number;
  /** z of `residual` (default 1). */
  z?: number;
  /** Segment breaks of the all-model fit of `residual` (default trends.md's). */
  breaks?: readonly string[];
}

/** The JSON of `compute-divide shares --json`: `top` for the top-k rule, the definition's parameters, the years. */
export interface LargeScaleSharesResult {
  large_scale: LargeScaleDefinition;
  top?: number;
  threshold_flop?: number;
  z?: number;
  breaks?: string[];
  years: ShareYear[];
}

/**
 * The models called large-scale under `residual`: for each segment of `breaks`, the ordinary
 * least-squares fit of all points of the segment (`fitLine`, the "All" fit of the trends), each
 * point's residual r = y − (intercept + slope·x) in log10 FLOP, and its z-score r / s with s the
 * residual standard error √(SSE/(n − 2)) of that fit; a point with z ≥ `z` is kept. A segment
 * without a fit (fewer than 3 points, one date) or with s = 0 keeps nothing. In the input's order.
 * This follows the "above the trend" rule of Epoch's earlier compute-trends explorer (the
 * definition of large-scale models in Sevilla et al. 2022 is of this kind).
 *
 * @throws Error from `segmentsFromBreaks` for an invalid or repeated break date
 */
export function aboveTrend(points: readonly TrendPoint[], z = DEFAULT_RESIDUAL_Z, breaks: readonly string[] = DEFAULT_BREAKS): TrendPoint[] {
  const keep = new Set<TrendPoint>();
  for (const segment of segmentsFromBreaks(breaks)) {
    const members = points.filter((p) => inSegment(p.date, segment));
    const fit = fitLine(members);
    if (!fit) continue;
    const residuals = members.map((p) => p.y - (fit.intercept + fit.slope_oom_per_year * p.x));
    let sse = 0;
    for (const r of residuals) sse += r * r;
    const s = Math.sqrt(sse / (members.length - 2));
    if (!(s > 0)) continue;
    members.forEach((p, i) => {
      if (residuals[i] / s >= z) keep.add(p);
    });
  }
  return points.filter((p) => keep.has(p));
}

/**
 * Per calendar year, the share of the year's large-scale models built by each team sector, under
 * one of three definitions: `top-k` — the year's k largest by training compute, ties by paper id
 * in code-point order (`largeScaleShares`, trends.md); `threshold` — every point with training
 * compute ≥ `thresholdFlop` FLOP (default 10^23); `residual` — every point at least `z` (default 1)
 * residual standard errors above the all-model trend of its segment (`aboveTrend`). Each year
 * gives n (models kept) and the fraction (0–1) of them in each of the five sectors; years that
 * keep no model are left out; years ascend. The result echoes the parameters used.
 *
 * @throws RangeError for k not an integer ≥ 1, a threshold that is not a finite number > 0 or a z
 *   that is not finite; Error for an invalid break date
 */
export function largeScaleSharesBy(points: readonly TrendPoint[], options: LargeScaleOptions): LargeScaleSharesResult {
  switch (options.definition) {
    case 'top-k': {
      const shares = largeScaleShares(points, options.top ?? 10);
      return { large_scale: 'top-k', top: shares.top, years: shares.years };
    }
    case 'threshold': {
      const flop = options.thresholdFlop ?? LARGE_SCALE_FLOP;
      if (!(Number.isFinite(flop) && flop > 0)) throw new RangeError(`the large-scale threshold must be a number of FLOP > 0, got ${flop}`);
      return { large_scale: 'threshold', threshold_flop: flop, years: sharesPerYear(points.filter((p) => p.computeFlop >= flop)) };
    }
    case 'residual': {
      const z = options.z ?? DEFAULT_RESIDUAL_Z;
      if (!Number.isFinite(z)) throw new RangeError(`the z-score must be a finite number, got ${z}`);
      const breaks = [...(options.breaks ?? DEFAULT_BREAKS)];
      return { large_scale: 'residual', z, breaks, years: sharesPerYear(aboveTrend(points, z, breaks)) };
    }
  }
}

/** Per calendar year of the points' dates, n and the fraction of each sector; years ascend. */
function sharesPerYear(points: readonly TrendPoint[]): ShareYear[] {
  const byYear = new Map<number, Map<TeamSector, number>>();
  for (const p of points) {
    const year = Number(p.date.slice(0, 4));
    let counts = byYear.get(year);
    if (!counts) byYear.set(year, (counts = new Map<TeamSector, number>()));
    counts.set(p.sector, (counts.get(p.sector) ?? 0) + 1);
  }
  return [...byYear.keys()]
    .sort((a, b) => a - b)
    .map((year) => {
      const counts = byYear.get(year)!;
      let n = 0;
      for (const c of counts.values()) n += c;
      const row: ShareYear = { year, n, Academia: 0, Industry: 0, Collaboration: 0, Other: 0, Unknown: 0 };
      for (const sector of TEAM_SECTORS) row[sector] = (counts.get(sector) ?? 0) / n;
      return row;
    });
}

/** Which models make the frontier of the frontier fits. */
export const FRONTIER_DEFINITIONS = ['top-k', 'sector-top-k', 'flag'] as const;
export type FrontierDefinition = (typeof FRONTIER_DEFINITIONS)[number];

/** The name of Epoch's frontier flag column (notable-models exports from 2025 on). */
export const FRONTIER_COLUMN = 'Frontier model';

/**
 * The header of Epoch's `Frontier model` column in `headers` (matched trimmed and
 * case-insensitively), or undefined when the table has none (every table before 2025, and the
 * large-scale table). Never throws.
 */
export function frontierColumn(headers: readonly string[]): string | undefined {
  return headers.find((h) => h.trim().toLowerCase() === FRONTIER_COLUMN.toLowerCase());
}

/**
 * True when a paper's `Frontier model` cell says so: `True`, `TRUE`, `Yes` or `1` (trimmed, any
 * case); empty and anything else is false. `column` is the header as `frontierColumn` found it.
 */
export function isFrontierFlagged(paper: Pick<Paper, 'cells'>, column: string): boolean {
  const cell = (paper.cells[column] ?? '').trim().toLowerCase();
  return cell === 'true' || cell === 'yes' || cell === '1';
}

/**
 * The frontier: `top-k` — each calendar year's k largest points by training compute over all
 * sectors (the models of the top-k shares chart; ties by paper id in code-point order);
 * `sector-top-k` — each year's k largest points of each team sector separately (each sector's own
 * frontier); `flag` — the points whose paper has Epoch's `Frontier model` flag (`flagged(id)`).
 * Returned in the input's order.
 *
 * @throws RangeError when k is not an integer ≥ 1, or for `flag` without `flagged`
 */
export function frontierPoints(points: readonly TrendPoint[], definition: FrontierDefinition, k = 10, flagged?: (id: string) => boolean): TrendPoint[] {
  if (definition === 'flag') {
    if (!flagged) throw new RangeError('the frontier flag needs a table with a "Frontier model" column');
    return points.filter((p) => flagged(p.id));
  }
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`the number of largest models per year must be an integer ≥ 1, got ${k}`);
  const groups = new Map<string, TrendPoint[]>();
  for (const p of points) {
    const key = definition === 'top-k' ? p.date.slice(0, 4) : `${p.date.slice(0, 4)}|${p.sector}`;
    const list = groups.get(key);
    if (list) list.push(p);
    else groups.set(key, [p]);
  }
  const keep = new Set<TrendPoint>();
  for (const list of groups.values()) {
    for (const p of [...list].sort((a, b) => b.computeFlop - a.computeFlop || compareByCodePoint(a.id, b.id)).slice(0, k)) keep.add(p);
  }
  return points.filter((p) => keep.has(p));
}

/**
 * The frontier fits: `computeTrends` (same groups, segments, order and keys as the fits of all
 * points) over `frontierPoints(points, definition, k, flagged)`; `points` in the result is the
 * number of frontier points.
 *
 * @throws as `frontierPoints` and `computeTrends`
 */
export function frontierTrends(points: readonly TrendPoint[], breaks: readonly string[], definition: FrontierDefinition, k = 10, flagged?: (id: string) => boolean): TrendsResult {
  return computeTrends(frontierPoints(points, definition, k, flagged), breaks);
}
