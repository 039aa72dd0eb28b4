/**
 * The time axis that the three charts share: which years it shows and what it leaves out. It
 * follows the date filter (`since`/`until`, within the years the dataset covers) and, unless the
 * researcher chose all years or set `since`, starts at the deep-learning era, where the compute
 * divide plays out; whatever it leaves out is counted here, so the panel and exports can say so.
 */
import type { TimeAxis, TrendsPartialYear, TrendsView } from '../../src/shared/trendsProtocol.js';
import { decimalYear, parseIsoDate } from './format.js';
import { SECTORS } from './sectors.js';

/**
 * 1 January 2010, the start of the deep-learning era after Sevilla et al. 2022, "Compute Trends
 * Across Three Eras of Machine Learning" (the first default break of `../shared/spec/trends.md`).
 */
export const DEEP_LEARNING_ERA_START = 2010;

/** The shared x domain of the charts and what it leaves out of the filtered numbers. */
export interface YearWindow {
  /** [from, to) in decimal years, on whole years, so yearly bars are never cut. */
  domain: [number, number];
  /** The first year the dataset covers (what "All years" starts from without a `since`). */
  firstYear: number;
  /** Why the axis starts where it does. */
  start: 'data' | 'since' | 'era';
  /** True when the era choice can move the axis (no `since`, data on both sides of 2010). */
  eraApplies: boolean;
  /** Models left of the axis by the era start (all of them pass the filters), if any. */
  hidden?: { models: number; withCompute: number; firstYear: number; lastYear: number };
}

function yearOf(isoDate: string): number | undefined {
  return parseIsoDate(isoDate)?.year;
}

/** Sum of the five sectors of a per-sector record. */
export function sectorTotal(row: Readonly<Record<(typeof SECTORS)[number], number>>): number {
  return SECTORS.reduce((sum, s) => sum + row[s], 0);
}

/**
 * The window for `view` under the `axis` choice. Without dates in the dataset the domain comes
 * from the plotted data, or 2000–2025 when there is none.
 */
export function yearWindow(view: TrendsView, axis: TimeAxis): YearWindow {
  let lo = Infinity;
  let hi = -Infinity;
  const range = view.options.dateRange;
  const [minYear, maxYear] = range ? [yearOf(range.min), yearOf(range.max)] : [undefined, undefined];
  if (minYear !== undefined && maxYear !== undefined) [lo, hi] = [minYear, maxYear + 1];
  else {
    for (const p of view.points) [lo, hi] = [Math.min(lo, Math.floor(p.x)), Math.max(hi, Math.floor(p.x) + 1)];
    for (const y of view.counts) [lo, hi] = [Math.min(lo, y.year), Math.max(hi, y.year + 1)];
    if (!Number.isFinite(lo)) [lo, hi] = [2000, 2025];
  }
  const firstYear = lo;
  let start: YearWindow['start'] = 'data';
  const { since, until } = view.filters;
  const sinceYear = since === undefined ? undefined : yearOf(since);
  if (sinceYear !== undefined && sinceYear > lo) [lo, start] = [sinceYear, 'since'];
  const untilYear = until === undefined ? undefined : decimalYear(until);
  if (untilYear !== undefined) hi = Math.min(hi, Math.ceil(untilYear));
  if (hi <= lo) hi = lo + 1;
  const eraApplies = sinceYear === undefined && lo < DEEP_LEARNING_ERA_START && hi > DEEP_LEARNING_ERA_START;
  if (axis === 'deep-learning' && eraApplies) [lo, start] = [DEEP_LEARNING_ERA_START, 'era'];
  const window: YearWindow = { domain: [lo, hi], firstYear, start, eraApplies };
  // Only the era start can leave rows out: the date filter removed the rest from the numbers.
  const left = view.counts.filter((row) => row.year < lo);
  if (left.length > 0) {
    window.hidden = {
      models: left.reduce((n, row) => n + sectorTotal(row), 0),
      withCompute: left.reduce((n, row) => n + sectorTotal(row.withCompute), 0),
      firstYear: left[0].year,
      lastYear: left[left.length - 1].year,
    };
  }
  return window;
}

/** True when a year's bar lies inside the window. */
export function yearInWindow(year: number, window: YearWindow): boolean {
  return year >= window.domain[0] && year < window.domain[1];
}

/** `2026 through 2026-07-15`, `2012 from 2012-06-01`, or both bounds. */
export function describePartialYear(p: TrendsPartialYear): string {
  const parts = [String(p.year)];
  if (p.from !== `${p.year}-01-01`) parts.push(`from ${p.from}`);
  if (p.through !== `${p.year}-12-31`) parts.push(`through ${p.through}`);
  return parts.join(' ');
}

/** The partial years that have a bar in the window, for marking and captions. */
export function drawnPartialYears(view: TrendsView, window: YearWindow, years: readonly { year: number }[]): TrendsPartialYear[] {
  const drawn = new Set(years.filter((y) => yearInWindow(y.year, window)).map((y) => y.year));
  return view.partialYears.filter((p) => drawn.has(p.year));
}

/**
 * One sentence on what the window leaves out, or '' when it draws everything: the models, their
 * years, and that the fits still include them (the numbers never depend on the view).
 */
export function describeHidden(window: YearWindow, formatCount: (n: number) => string): string {
  const h = window.hidden;
  if (!h) return '';
  const years = h.firstYear === h.lastYear ? `in ${h.firstYear}` : `in ${h.firstYear}–${h.lastYear}`;
  const compute = h.withCompute === h.models ? 'all with training compute' : `${formatCount(h.withCompute)} of them with training compute`;
  const models = h.models === 1 ? 'model' : 'models';
  return `Not drawn: ${formatCount(h.models)} ${models} published ${years} (${compute}), before the time axis starts in ${window.domain[0]}. They still count in the fits and the fit table.`;
}
