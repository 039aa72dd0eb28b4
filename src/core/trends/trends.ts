/**
 * Compute trends and large-scale shares by team sector, as `../shared/spec/trends.md` defines them
 * and `compute-divide trends|shares --json` prints them (`../shared/spec/cli.md`). Segments and
 * default breaks follow Sevilla et al. 2022, "Compute Trends Across Three Eras of Machine Learning".
 */
import { decimalYear, parseIsoDate } from './decimalYear';
import { TEAM_SECTORS, type Paper, type TeamSector } from '../dataset/model';
import { studentTQuantile } from '../stats/studentT';

/** One model on the compute-over-time chart. */
export interface TrendPoint {
  /** The paper's id (unique within a dataset). */
  id: string;
  /** Publication date as a decimal year (UTC days; spec trends.md, "Points"). */
  x: number;
  /** log10 of training compute in FLOP. */
  y: number;
  /** Training compute, FLOP (> 0). */
  computeFlop: number;
  /** Publication date, ISO `YYYY-MM-DD`. */
  date: string;
  sector: TeamSector;
}

/** An ordinary-least-squares fit of log10 FLOP on decimal years; keys as in cli.md's JSON. */
export interface Fit {
  n: number;
  /** Slope, orders of magnitude (OOM) of training compute per year. */
  slope_oom_per_year: number;
  /** log10 FLOP at decimal year 0 (so about −1200 for recent slopes). */
  intercept: number;
  /** Coefficient of determination; null when all y are equal. */
  r2: number | null;
  /** 12·log10(2)/slope, months; null when the slope is ≤ 0. */
  doubling_time_months: number | null;
  /** Analytic 95% interval of the slope, OOM/year: [slope − t·se, slope + t·se]. */
  slope_ci95: [number, number];
}

/** A date segment [from, to): `from` inclusive, `to` exclusive, null for an open end. ISO dates. */
export interface Segment {
  from: string | null;
  to: string | null;
}

/** One row of `trends --json`'s `fits`: a group and a segment, then the fit's keys. */
export interface FitRow extends Fit {
  sector: 'All' | TeamSector;
  segment: Segment;
}

/** The JSON of `compute-divide trends --json`: the number of points and the fits that exist. */
export interface TrendsResult {
  points: number;
  fits: FitRow[];
}

/** The share of the k largest models of one calendar year built by each team sector (fractions). */
export interface ShareYear extends Record<TeamSector, number> {
  year: number;
  /** How many models were kept: k, or fewer in a year with fewer points. */
  n: number;
}

/** The JSON of `compute-divide shares --json`. */
export interface SharesResult {
  top: number;
  years: ShareYear[];
}

/**
 * Default break dates: the start of the deep-learning era and of the large-scale era, after
 * Sevilla et al. 2022 (spec trends.md, "Fits").
 */
export const DEFAULT_BREAKS: readonly string[] = ['2010-01-01', '2015-09-01'];

/**
 * The points of a set of papers (spec trends.md, "Points"): every paper with a publication date and
 * a training compute > 0, in the given order, with x the decimal year of the date (UTC days) and
 * y = log10(training compute in FLOP). `sectorOf` gives each point's team sector; by default the
 * table's (`paper.teamSector`), and label-aware callers pass the effective sector.
 *
 * @throws RangeError if a paper's publication date is not ISO `YYYY-MM-DD` (the loader never
 *   produces one)
 */
export function trendPoints(papers: readonly Paper[], sectorOf: (paper: Paper) => TeamSector = (p) => p.teamSector): TrendPoint[] {
  const points: TrendPoint[] = [];
  for (const paper of papers) {
    const date = paper.publicationDate;
    if (date === undefined || !hasTrainingCompute(paper)) continue;
    const flop = paper.trainingComputeFlop!;
    points.push({ id: paper.id, x: decimalYear(date), y: Math.log10(flop), computeFlop: flop, date, sector: sectorOf(paper) });
  }
  return points;
}

/**
 * True when a paper's training compute can be plotted (spec trends.md, "Points"): a finite number
 * of FLOP > 0. With a publication date, such a paper is a point. Never throws.
 */
export function hasTrainingCompute(paper: Paper): boolean {
  const flop = paper.trainingComputeFlop;
  return flop !== undefined && flop > 0 && Number.isFinite(flop);
}

/**
 * Fit y = intercept + slope·x by ordinary least squares (spec trends.md, "Fits"). Input: points
 * with x in decimal years and y in log10 FLOP. Output: n; the slope in OOM/year; the intercept;
 * r2 = 1 − SSE/Syy (null when all y are equal, and then slope = 0 exactly); the doubling time
 * 12·log10(2)/slope in months (null when slope ≤ 0); and the slope's 95% interval
 * [slope − t·se, slope + t·se] with se = sqrt(SSE/(n − 2)/Sxx) and t the 0.975 quantile of
 * Student's t with n − 2 degrees of freedom. Sums are taken about the means, and SSE from the
 * centred residuals, so an exact line gives SSE = 0, r2 = 1 and an interval of zero width.
 * Returns undefined when there are fewer than 3 points or all x are equal (no line is defined).
 * Never throws.
 */
export function fitLine(points: readonly { x: number; y: number }[]): Fit | undefined {
  const n = points.length;
  if (n < 3) return undefined;
  const x0 = points[0].x;
  const y0 = points[0].y;
  if (points.every((p) => p.x === x0)) return undefined;
  const allYEqual = points.every((p) => p.y === y0);
  let sumX = 0;
  let sumY = 0;
  for (const p of points) {
    sumX += p.x;
    sumY += p.y;
  }
  const meanX = sumX / n;
  const meanY = allYEqual ? y0 : sumY / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (const p of points) {
    const dx = p.x - meanX;
    const dy = p.y - meanY;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  const slope = allYEqual ? 0 : sxy / sxx;
  const intercept = meanY - slope * meanX;
  let sse = 0;
  for (const p of points) {
    const residual = p.y - meanY - slope * (p.x - meanX);
    sse += residual * residual;
  }
  const se = Math.sqrt(sse / (n - 2) / sxx);
  const halfWidth = studentTQuantile(0.975, n - 2) * se;
  return {
    n,
    slope_oom_per_year: slope,
    intercept,
    r2: allYEqual ? null : 1 - sse / syy,
    doubling_time_months: slope > 0 ? (12 * Math.log10(2)) / slope : null,
    slope_ci95: [slope - halfWidth, slope + halfWidth],
  };
}

/**
 * Date segments from break dates (spec trends.md, "Fits"): k distinct breaks give k + 1 segments
 * [from, to), `from` inclusive, `to` exclusive, the first open at its start and the last at its
 * end (null), in time order whatever the order given. No breaks: one segment, all time.
 *
 * @throws Error with a one-sentence message when a break is not a real calendar date `YYYY-MM-DD`
 *   or is given twice
 */
export function segmentsFromBreaks(breaks: readonly string[]): Segment[] {
  for (const b of breaks) {
    try {
      parseIsoDate(b);
    } catch {
      throw new Error(`break date "${b}" is not a real calendar date; expected YYYY-MM-DD`);
    }
  }
  // Valid ISO dates of four-digit years sort as strings in time order.
  const sorted = [...breaks].sort();
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i] === sorted[i - 1]) throw new Error(`break date ${sorted[i]} is given twice; break dates must be distinct`);
  }
  const bounds: (string | null)[] = [null, ...sorted, null];
  return bounds.slice(0, -1).map((from, i) => ({ from, to: bounds[i + 1] }));
}

/**
 * The index of the segment of `segments` (as `segmentsFromBreaks` gives them: in time order, each
 * starting where the previous ends, the first and last open) that holds the ISO `date`.
 */
export function segmentIndex(date: string, segments: readonly Segment[]): number {
  let s = 0;
  while (s < segments.length - 1 && date >= segments[s + 1].from!) s++;
  return s;
}

/** True when an ISO date lies in [from, to). */
export function inSegment(date: string, segment: Segment): boolean {
  return (segment.from === null || date >= segment.from) && (segment.to === null || date < segment.to);
}

/**
 * All fits of `compute-divide trends` (spec cli.md; rules in trends.md): for each group — All,
 * then the five team sectors in the spec's order (Academia, Industry, Collaboration, Other,
 * Unknown) — and each segment of `breaks` in time order, the fit of that group's points in that
 * segment, when one exists (n ≥ 3, x not all equal). `points` in the result is the number of
 * points given. Each row's keys come in the JSON contract's order.
 *
 * @throws Error from `segmentsFromBreaks` for an invalid or repeated break date
 */
export function computeTrends(points: readonly TrendPoint[], breaks: readonly string[] = DEFAULT_BREAKS): TrendsResult {
  const segments = segmentsFromBreaks(breaks);
  // Each point goes to its group's and All's bucket of its segment in one pass, in the input order
  // (the order the sums are taken in), instead of a filter per group and segment.
  const groups = ['All', ...TEAM_SECTORS] as const;
  const buckets = groups.map(() => segments.map((): TrendPoint[] => []));
  const groupIndex = new Map<string, number>(groups.map((g, i) => [g, i]));
  for (const p of points) {
    const s = segmentIndex(p.date, segments);
    buckets[0][s].push(p);
    const g = groupIndex.get(p.sector);
    if (g !== undefined && g > 0) buckets[g][s].push(p);
  }
  const fits: FitRow[] = [];
  for (const [g, group] of groups.entries()) {
    for (const [s, segment] of segments.entries()) {
      const fit = fitLine(buckets[g][s]);
      if (fit === undefined) continue;
      fits.push({
        sector: group,
        segment: { from: segment.from, to: segment.to },
        n: fit.n,
        slope_oom_per_year: fit.slope_oom_per_year,
        intercept: fit.intercept,
        r2: fit.r2,
        doubling_time_months: fit.doubling_time_months,
        slope_ci95: fit.slope_ci95,
      });
    }
  }
  return { points: points.length, fits };
}

/**
 * Compare two strings by Unicode code points (the order of UTF-32 and of UTF-8 bytes, and of
 * Python's `str`), not by UTF-16 code units as `<` and the default sort do: '\u{1F600}' (stored as
 * the surrogates D83D DE00) sorts after '\uFF21', not before. Locale plays no part. Returns a
 * negative number, zero or a positive number. Unpaired surrogates count as their own code point.
 */
export function compareByCodePoint(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === n) return a.length - b.length;
  // If the first difference is in the low half of a surrogate pair, compare whole pairs.
  if (i > 0 && isHighSurrogate(a.charCodeAt(i - 1)) && (isLowSurrogate(a.charCodeAt(i)) || isLowSurrogate(b.charCodeAt(i)))) i--;
  return (a.codePointAt(i) ?? 0) - (b.codePointAt(i) ?? 0);
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/**
 * The large-scale share by sector (spec trends.md, "Large-scale share by sector"): for each
 * calendar year of a point's date (the date's own year, which is its UTC year), sort that year's
 * points by training compute descending, then by paper id ascending by Unicode code point
 * (`compareByCodePoint`), keep the first k, and report n (how many were kept: k, or all of a
 * shorter year) and the fraction (0–1) of those in each team sector. Years without points are left
 * out; years ascend. The result is the JSON of `compute-divide shares --json` (spec cli.md).
 *
 * @throws RangeError when k is not an integer ≥ 1
 */
export function largeScaleShares(points: readonly TrendPoint[], k = 10): SharesResult {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`the number of largest models per year must be an integer ≥ 1, got ${k}`);
  const byYear = new Map<number, TrendPoint[]>();
  for (const p of points) {
    const year = Number(p.date.slice(0, 4));
    const list = byYear.get(year);
    if (list) list.push(p);
    else byYear.set(year, [p]);
  }
  const years: ShareYear[] = [];
  for (const year of [...byYear.keys()].sort((a, b) => a - b)) {
    const kept = largest(byYear.get(year) ?? [], k);
    const row: ShareYear = { year, n: kept.length, Academia: 0, Industry: 0, Collaboration: 0, Other: 0, Unknown: 0 };
    const counts = new Map<TeamSector, number>();
    for (const p of kept) counts.set(p.sector, (counts.get(p.sector) ?? 0) + 1);
    for (const sector of TEAM_SECTORS) row[sector] = (counts.get(sector) ?? 0) / kept.length;
    years.push(row);
  }
  return { top: k, years };
}

/**
 * The first `k` of `points` in the order of `largeScaleShares` (training compute descending, then
 * paper id by code point; equal ones in their input order, as a stable sort leaves them), kept
 * while reading instead of sorting the whole year: the k kept so far are a heap whose top is the
 * last of them, so most of a year's points are rejected by one comparison with it, and none costs
 * more than log k comparisons (a sorted list took up to k per point: quadratic in k, e.g. for
 * `shares --top` of a whole year, or points in ascending compute). The kept are sorted at the end.
 */
function largest(points: readonly TrendPoint[], k: number): TrendPoint[] {
  // Negative when points[i] comes first: the order of largeScaleShares, then the input order (a total order).
  const order = (i: number, j: number): number => points[j].computeFlop - points[i].computeFlop || compareByCodePoint(points[i].id, points[j].id) || i - j;
  const heap: number[] = [];
  const swap = (a: number, b: number): void => {
    [heap[a], heap[b]] = [heap[b], heap[a]];
  };
  for (let i = 0; i < points.length; i++) {
    if (heap.length < k) {
      // Up from the end while the parent comes first.
      let c = heap.push(i) - 1;
      while (c > 0 && order(heap[(c - 1) >> 1], heap[c]) < 0) {
        swap(c, (c - 1) >> 1);
        c = (c - 1) >> 1;
      }
    } else if (order(i, heap[0]) < 0) {
      // Replaces the last kept; down while a child comes after it.
      heap[0] = i;
      for (let c = 0; ; ) {
        const l = 2 * c + 1;
        if (l >= k) break;
        const later = l + 1 < k && order(heap[l], heap[l + 1]) < 0 ? l + 1 : l;
        if (order(heap[c], heap[later]) >= 0) break;
        swap(c, later);
        c = later;
      }
    }
  }
  return heap.sort(order).map((i) => points[i]);
}
