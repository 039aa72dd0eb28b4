/**
 * Vega-Lite specifications of the three charts, as pure functions of the host's numbers. The
 * points go in through the named data source `points` (loaded with `view.data`, never copied into
 * the spec), so a 100,000-point view compiles as fast as a small one; everything small is inline.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { TrendsCountYear, TrendsFit, TrendsShareYear, TrendsView } from '../../src/shared/trendsProtocol.js';
import { decimalYear } from './format.js';
import { SECTOR_COLOURS, SECTORS } from './sectors.js';
import type { ChartTheme } from './theme.js';

export interface ChartSize {
  /**
   * Width in CSS pixels: of the plotting area (the panel, which knows the axes' extent from its
   * previous draw), or, with `fit`, of the whole chart, axes and padding included (exports). A
   * fitted width costs Vega a second encoding pass over every point, hence not on screen.
   */
  width: number;
  fit?: boolean;
  /** Height of the plotting area. */
  height: number;
}

/** Vega-Lite's width and autosize for a ChartSize. */
function sizing(size: ChartSize): { width: number; height: number; autosize: { type: 'fit-x' | 'pad'; contains: 'padding' } } {
  return { width: size.width, height: size.height, autosize: { type: size.fit ? 'fit-x' : 'pad', contains: 'padding' } };
}

/** Width of the plotting area, exact or (for a fitted size) estimated, for choosing ticks. */
function plotWidth(size: ChartSize): number {
  return Math.max(100, size.fit ? size.width - 70 : size.width);
}

/** A title and subtitle for exports; the panel shows its own HTML headings instead. */
export interface ChartTitle {
  text: string;
  subtitle: string[];
}

/** The x domain shared by the three charts, so their year axes line up one under the other. */
export function sharedYearDomain(view: TrendsView): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const p of view.points) {
    if (p.x < lo) lo = p.x;
    if (p.x > hi) hi = p.x;
  }
  for (const y of view.shares.years) [lo, hi] = [Math.min(lo, y.year), Math.max(hi, y.year + 1)];
  for (const y of view.counts) [lo, hi] = [Math.min(lo, y.year), Math.max(hi, y.year + 1)];
  if (!Number.isFinite(lo)) return [2000, 2025];
  const from = Math.floor(lo);
  const to = Math.max(Math.ceil(hi), from + 1);
  return [from, to];
}

/** The y domain (log10 FLOP) in whole orders of magnitude, and the tick values to label. */
function computeAxis(view: TrendsView): { domain: [number, number]; ticks: number[] } {
  let lo = Infinity;
  let hi = -Infinity;
  for (const p of view.points) {
    if (p.y < lo) lo = p.y;
    if (p.y > hi) hi = p.y;
  }
  if (!Number.isFinite(lo)) [lo, hi] = [15, 25];
  const from = Math.floor(lo);
  const to = Math.max(Math.ceil(hi), from + 1);
  const span = to - from;
  const step = span <= 8 ? 1 : span <= 18 ? 2 : 3;
  const ticks: number[] = [];
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) ticks.push(t);
  return { domain: [from, to], ticks };
}

function sectorColour(symbolType: 'circle' | 'square') {
  return {
    field: 'sector',
    type: 'nominal',
    scale: { domain: [...SECTORS], range: SECTORS.map((s) => SECTOR_COLOURS[s]) },
    legend: { title: null, symbolType },
  } as const;
}

/**
 * Year ticks on round steps (1, 2, 5, 10… years) at least ~56 px apart for the chart's width, the
 * same for the three charts so that their grids line up.
 */
export function yearTicks(domain: [number, number], plot: number): number[] {
  const perYear = plot / Math.max(1, domain[1] - domain[0]);
  const step = [1, 2, 5, 10, 20, 25, 50, 100, 200, 500].find((s) => s * perYear >= 56) ?? 1000;
  const ticks: number[] = [];
  for (let t = Math.ceil(domain[0] / step) * step; t <= domain[1]; t += step) ticks.push(t);
  return ticks;
}

function yearAxis(domain: [number, number], size: ChartSize) {
  // Flush end labels keep the chart's width independent of where the last tick falls.
  return { title: null, format: 'd', values: yearTicks(domain, plotWidth(size)), grid: true, labelSeparation: 8, labelFlush: true } as const;
}

function titled(title: ChartTitle | undefined): Partial<TopLevelSpec> {
  return title ? { title: { text: title.text, subtitle: title.subtitle } } : {};
}

/** One fit as a straight segment in (decimal year, log10 FLOP) space, over its own data only. */
export interface FitSegment {
  i: number;
  sector: TrendsFit['sector'];
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

export function fitSegments(fits: readonly TrendsFit[]): FitSegment[] {
  return fits.map((f, i) => ({
    i,
    sector: f.sector,
    x0: f.xMin,
    x1: f.xMax,
    y0: f.intercept + f.slope_oom_per_year * f.xMin,
    y1: f.intercept + f.slope_oom_per_year * f.xMax,
  }));
}

/**
 * Chart 1: training compute (log scale, drawn as log10 FLOP on a linear axis labelled `1e18`…)
 * against publication date, coloured by team sector, with the fitted trends and the segment
 * breaks. Layer names (`breaks`, `points`, `fitHalos`, `fits`) become Vega mark names
 * (`<name>_marks`), which the tests and the tooltip rely on.
 */
export function computeSpec(view: TrendsView, theme: ChartTheme, size: ChartSize, xDomain: [number, number], title?: ChartTitle): TopLevelSpec {
  const y = computeAxis(view);
  const x = { scale: { domain: xDomain, nice: false, zero: false } };
  const breaks = view.filters.breaks
    .map((b) => ({ x: decimalYear(b), label: b }))
    .filter((b): b is { x: number; label: string } => b.x !== undefined && b.x > xDomain[0] && b.x < xDomain[1])
    // Alternate rows, so that labels of close breaks (2015-09-01, 2017-01-01) do not collide.
    .map((b, i) => ({ ...b, py: 2 + (i % 2) * (theme.fontSize + 1) }));
  const fits = fitSegments(view.fits);
  const fitColour = {
    condition: { test: "datum.sector === 'All'", value: theme.foreground },
    ...sectorColour('circle'),
  };
  const layers: unknown[] = [];
  if (breaks.length > 0) {
    layers.push(
      {
        name: 'breaks',
        data: { values: breaks },
        mark: { type: 'rule', strokeDash: [2, 4], color: theme.foreground, opacity: 0.55, strokeWidth: 1 },
        encoding: { x: { field: 'x', type: 'quantitative', ...x } },
      },
      {
        name: 'breakLabels',
        data: { values: breaks },
        mark: { type: 'text', align: 'left', baseline: 'top', dx: 4, color: theme.muted },
        encoding: { x: { field: 'x', type: 'quantitative', ...x }, y: { field: 'py', type: 'quantitative', scale: null }, text: { field: 'label' } },
      },
    );
  }
  layers.push({
    name: 'points',
    data: { name: 'points' },
    mark: { type: 'circle', size: view.points.length > 5000 ? 14 : 30, opacity: view.points.length > 5000 ? 0.55 : 0.78, cursor: 'pointer', aria: false, invalid: null },
    encoding: {
      x: { field: 'x', type: 'quantitative', ...x, axis: yearAxis(xDomain, size) },
      y: {
        field: 'y',
        type: 'quantitative',
        scale: { domain: y.domain, nice: false, zero: false },
        axis: { title: 'Training compute (FLOP)', values: y.ticks, labelExpr: "'1e' + datum.value" },
      },
      color: sectorColour('circle'),
    },
  });
  if (fits.length > 0) {
    const fitEncoding = {
      x: { field: 'x0', type: 'quantitative', ...x },
      x2: { field: 'x1' },
      y: { field: 'y0', type: 'quantitative' },
      y2: { field: 'y1' },
    };
    layers.push(
      {
        // A halo in the background colour keeps each trend line readable over dense points.
        name: 'fitHalos',
        data: { values: fits },
        mark: { type: 'rule', strokeWidth: 6, strokeCap: 'round', color: theme.background, opacity: 0.85, aria: false },
        encoding: fitEncoding,
      },
      {
        name: 'fits',
        data: { values: fits },
        mark: { type: 'rule', strokeCap: 'round', aria: false },
        encoding: {
          ...fitEncoding,
          color: fitColour,
          strokeDash: { condition: { test: "datum.sector === 'All'", value: [7, 4] }, value: [1, 0] },
          strokeWidth: { condition: { test: 'datum.i === highlight', value: 4.5 }, value: 2.5 },
        },
      },
    );
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    ...titled(title),
    ...sizing(size),
    params: [{ name: 'highlight', value: -1 }],
    layer: layers,
    resolve: { legend: { color: 'shared' } },
  } as TopLevelSpec;
}

/** One stacked rectangle of chart 2 or 3: a sector's part of a year, from y0 to y1. */
export interface YearStack {
  year: number;
  yearEnd: number;
  sector: string;
  value: number;
  y0: number;
  y1: number;
  n: number;
}

/** Stack the sectors of each year in the spec's order (Academia at the bottom). */
export function stackYears(rows: readonly (TrendsShareYear | TrendsCountYear)[]): YearStack[] {
  const out: YearStack[] = [];
  for (const row of rows) {
    const n = 'n' in row ? row.n : SECTORS.reduce((sum, s) => sum + row[s], 0);
    let y = 0;
    for (const sector of SECTORS) {
      const value = row[sector];
      if (value > 0) out.push({ year: row.year, yearEnd: row.year + 1, sector, value, y0: y, y1: y + value, n });
      y += value;
    }
  }
  return out;
}

function yearBarsSpec(rows: YearStack[], yAxis: object, size: ChartSize, xDomain: [number, number], yDomain: [number, number] | undefined, title?: ChartTitle, extra: object = {}): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    ...titled(title),
    ...sizing(size),
    data: { values: rows },
    name: 'bars',
    mark: { type: 'rect', cursor: 'default', aria: false },
    encoding: {
      x: { field: 'year', type: 'quantitative', scale: { domain: xDomain, nice: false, zero: false }, axis: yearAxis(xDomain, size) },
      x2: { field: 'yearEnd' },
      y: { field: 'y0', type: 'quantitative', scale: yDomain ? { domain: yDomain, nice: false } : { nice: true }, axis: yAxis },
      y2: { field: 'y1' },
      color: sectorColour('square'),
      ...extra,
    },
  };
}

/** Chart 2: share of each year's top-k models (by training compute) built by each sector. */
export function sharesSpec(view: TrendsView, theme: ChartTheme, size: ChartSize, xDomain: [number, number], title?: ChartTitle): TopLevelSpec {
  const k = view.shares.top;
  // Years with fewer than k models are drawn paler: their shares rest on few models.
  const paleSmallYears = { opacity: { condition: { test: `datum.n < ${k}`, value: theme.highContrast ? 0.6 : 0.45 }, value: 1 } };
  const spec = yearBarsSpec(stackYears(view.shares.years), { title: `Share of top-${k}`, format: '.0%', values: [0, 0.25, 0.5, 0.75, 1] }, size, xDomain, [0, 1], title, paleSmallYears);
  return withSeparators(spec, theme);
}

/** Chart 3: models per publication year, stacked by sector. */
export function countsSpec(view: TrendsView, theme: ChartTheme, size: ChartSize, xDomain: [number, number], title?: ChartTitle): TopLevelSpec {
  const spec = yearBarsSpec(stackYears(view.counts), { title: 'Models', format: 'd', tickMinStep: 1 }, size, xDomain, undefined, title);
  return withSeparators(spec, theme);
}

/** Thin background-coloured outlines separate adjacent years and stacked sectors. */
function withSeparators(spec: TopLevelSpec, theme: ChartTheme): TopLevelSpec {
  return { ...spec, config: { rect: { stroke: theme.background, strokeWidth: 0.6 } } };
}
