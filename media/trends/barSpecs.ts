/**
 * Vega-Lite specifications of the two yearly bar charts: chart 2, the share of each year's top-k
 * models by sector, and chart 3, models per year by sector. Only the years inside the time axis
 * are drawn (`timeAxis.ts` states what is left out); a year the data covers only in part (the
 * dataset's last year, or a year the date filter cuts) is hatched, so that its short bar is not
 * read as a fall.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { SectorName, TrendsCountYear, TrendsPartialYear, TrendsShareYear, TrendsView } from '../../src/shared/trendsProtocol.js';
import { SECTORS } from './sectors.js';
import { plotWidth, sectorColour, sizing, titled, yearAxis, type ChartSize, type ChartTitle } from './specs.js';
import type { ChartTheme } from './theme.js';
import { drawnPartialYears, sectorTotal, yearInWindow, type YearWindow } from './timeAxis.js';

/** One stacked rectangle of chart 2 or 3: a sector's part of a year, from y0 to y1. */
export interface YearStack {
  year: number;
  yearEnd: number;
  sector: SectorName;
  value: number;
  y0: number;
  y1: number;
  /** The year's models: kept in the top-k (chart 2) or counted, all sectors (chart 3). */
  n: number;
  /** Chart 3: of `value`, the models with a training compute. */
  withCompute?: number;
  /** The covered part of a partial year, e.g. `through 2026-07-15`. */
  partial?: TrendsPartialYear;
}

/** Stack the sectors of each year in the spec's order (Academia at the bottom). */
export function stackYears(rows: readonly (TrendsShareYear | TrendsCountYear)[], partial: readonly TrendsPartialYear[] = []): YearStack[] {
  const partialByYear = new Map(partial.map((p) => [p.year, p]));
  const out: YearStack[] = [];
  for (const row of rows) {
    const n = 'n' in row ? row.n : sectorTotal(row);
    let y = 0;
    for (const sector of SECTORS) {
      const value = row[sector];
      if (value > 0) {
        const stack: YearStack = { year: row.year, yearEnd: row.year + 1, sector, value, y0: y, y1: y + value, n };
        if ('withCompute' in row) stack.withCompute = row.withCompute[sector];
        const p = partialByYear.get(row.year);
        if (p) stack.partial = p;
        out.push(stack);
      }
      y += value;
    }
  }
  return out;
}

/** A hatch stroke in data coordinates (years, bar units). */
export interface HatchLine {
  x: number;
  x2: number;
  y: number;
  y2: number;
}

/**
 * Diagonal hatching over the whole stack of each partial year: lines at 45° on screen, `spacing`
 * pixels apart, computed in data coordinates from the plot's size in pixels (a resize after the
 * draw tilts them a little, which no one reads). Vega has no pattern fills, hence lines.
 */
export function hatchLines(stacks: readonly YearStack[], xDomain: [number, number], yDomain: [number, number], plot: { width: number; height: number }, spacing = 5): HatchLine[] {
  const pxPerYear = plot.width / (xDomain[1] - xDomain[0]);
  const pxPerUnit = plot.height / (yDomain[1] - yDomain[0]);
  const tops = new Map<number, number>();
  for (const s of stacks) if (s.partial) tops.set(s.year, Math.max(tops.get(s.year) ?? 0, s.y1));
  const lines: HatchLine[] = [];
  for (const [year, top] of tops) {
    const w = pxPerYear;
    const h = (top - yDomain[0]) * pxPerUnit;
    // Lines u + v = c in pixels from the bar's bottom-left corner, clipped to the bar.
    for (let c = spacing / 2; c < w + h; c += spacing) {
      const [u1, v1] = c <= w ? [c, 0] : [w, c - w];
      const [u2, v2] = c <= h ? [0, c] : [c - h, h];
      lines.push({ x: year + u1 / pxPerYear, y: yDomain[0] + v1 / pxPerUnit, x2: year + u2 / pxPerYear, y2: yDomain[0] + v2 / pxPerUnit });
    }
  }
  return lines;
}

/** A round upper bound for a count axis (1, 2, 2.5, 5 × 10^k), so ticks land on whole numbers. */
export function niceCeiling(max: number): number {
  if (!(max > 0)) return 1;
  // About five steps of 1, 2, 2.5 or 5 × 10^k.
  const power = 10 ** Math.floor(Math.log10(max / 5));
  const step = [1, 2, 2.5, 5, 10].find((m) => m * power >= max / 5 - 1e-9)! * power;
  return Math.max(1, Math.ceil(max / step - 1e-9) * step);
}

function yearBarsSpec(stacks: YearStack[], yAxis: object, theme: ChartTheme, size: ChartSize, window: YearWindow, yDomain: [number, number], title?: ChartTitle, extra: object = {}): TopLevelSpec {
  const xDomain = window.domain;
  const x = { field: 'year', type: 'quantitative', scale: { domain: xDomain, nice: false, zero: false }, axis: yearAxis(xDomain, size) } as const;
  const hatch = hatchLines(stacks, xDomain, yDomain, { width: plotWidth(size), height: size.height });
  const layers: unknown[] = [
    {
      name: 'bars',
      data: { values: stacks },
      mark: { type: 'rect', cursor: 'default', aria: false, clip: true },
      encoding: {
        x,
        x2: { field: 'yearEnd' },
        y: { field: 'y0', type: 'quantitative', scale: { domain: yDomain, nice: false }, axis: yAxis },
        y2: { field: 'y1' },
        color: sectorColour('square', SECTORS.filter((s) => stacks.some((b) => b.sector === s))),
        ...extra,
      },
    },
  ];
  if (hatch.length > 0) {
    layers.push({
      // Stripes in the background colour read as hatching on any sector colour, in any theme.
      name: 'partialHatch',
      data: { values: hatch },
      mark: { type: 'rule', color: theme.background, strokeWidth: 1.4, opacity: theme.highContrast ? 1 : 0.8, aria: false, clip: true },
      encoding: { x: { field: 'x', type: 'quantitative' }, x2: { field: 'x2' }, y: { field: 'y', type: 'quantitative' }, y2: { field: 'y2' } },
    });
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    ...titled(title),
    ...sizing(size),
    layer: layers,
    config: { rect: { stroke: theme.background, strokeWidth: 0.6 } },
  } as TopLevelSpec;
}

/**
 * Chart 2: share of each year's top-k models (by training compute) built by each sector, for the
 * years inside the time axis. Years with fewer than k models are paler (their shares rest on few
 * models); partial years are hatched.
 */
export function sharesSpec(view: TrendsView, theme: ChartTheme, size: ChartSize, window: YearWindow, title?: ChartTitle): TopLevelSpec {
  const k = view.shares.top;
  const years = view.shares.years.filter((y) => yearInWindow(y.year, window));
  // Only the top-k rule has a number of models to fall short of; the other definitions keep every bar solid.
  const topK = (view.shares.definition ?? 'top-k') === 'top-k';
  const paleSmallYears = { opacity: { condition: { test: topK ? `datum.n < ${k}` : 'false', value: theme.highContrast ? 0.6 : 0.45 }, value: 1 } };
  const stacks = stackYears(years, drawnPartialYears(view, window, years));
  return yearBarsSpec(stacks, { title: topK ? `Share of top-${k}` : 'Share of large-scale models', format: '.0%', values: [0, 0.25, 0.5, 0.75, 1] }, theme, size, window, [0, 1], title, paleSmallYears);
}

/**
 * Chart 3: models per publication year, stacked by sector: every row with a publication date
 * that passes the filters, with or without training compute, for the years inside the time axis;
 * partial years are hatched.
 */
export function countsSpec(view: TrendsView, theme: ChartTheme, size: ChartSize, window: YearWindow, title?: ChartTitle): TopLevelSpec {
  const years = view.counts.filter((y) => yearInWindow(y.year, window));
  const stacks = stackYears(years, drawnPartialYears(view, window, years));
  const max = years.reduce((m, row) => Math.max(m, sectorTotal(row)), 0);
  return yearBarsSpec(stacks, { title: 'Models', format: 'd', tickMinStep: 1 }, theme, size, window, [0, niceCeiling(max)], title);
}
