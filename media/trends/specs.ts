/**
 * Vega-Lite specification of chart 1 (training compute over time) and the pieces the three charts
 * share (size, year axis, sector colours), as pure functions of the host's numbers and the time
 * axis (`timeAxis.ts`). The points go in through the named data source `points` (loaded with
 * `view.data`, never copied into the spec), so a 100,000-point view compiles as fast as a small
 * one; everything small is inline. Charts 2 and 3: `barSpecs.ts`.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { SectorName, TrendsFit, TrendsPoint, TrendsView } from '../../src/shared/trendsProtocol.js';
import { decimalYear } from './format.js';
import { SECTOR_COLOURS, SECTORS } from './sectors.js';
import type { ChartTheme } from './theme.js';
import type { YearWindow } from './timeAxis.js';

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
export function sizing(size: ChartSize): { width: number; height: number; autosize: { type: 'fit-x' | 'pad'; contains: 'padding' } } {
  return { width: size.width, height: size.height, autosize: { type: size.fit ? 'fit-x' : 'pad', contains: 'padding' } };
}

/** Width of the plotting area, exact or (for a fitted size) estimated, for choosing ticks. */
export function plotWidth(size: ChartSize): number {
  return Math.max(100, size.fit ? size.width - 70 : size.width);
}

/** A title and subtitle for exports; the panel shows its own HTML headings instead. */
export interface ChartTitle {
  text: string;
  subtitle: string[];
}

/**
 * The points chart 1 draws: those inside the time axis `[from, to)`, in the host's order. Points
 * outside it are not drawn at all (a clipped circle at the edge showed as half a dot in the
 * corner), and do not stretch the y axis; the fits and the fit table still use them.
 */
export function drawnPoints(view: TrendsView, window: YearWindow): TrendsPoint[] {
  const [from, to] = window.domain;
  return view.points.filter((p) => p.x >= from && p.x < to);
}

/**
 * The y domain (log10 FLOP) in whole orders of magnitude, and the tick values to label, from the
 * drawn points only (`drawnPoints`).
 */
function computeAxis(points: readonly TrendsPoint[]): { domain: [number, number]; ticks: number[] } {
  let lo = Infinity;
  let hi = -Infinity;
  for (const p of points) {
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

/**
 * The colour channel of every chart: fixed colours per sector (the scale keeps all five, so a
 * sector never changes colour), and a legend that lists only `drawn`, the sectors the chart
 * shows, in the spec's order (none: no legend).
 */
export function sectorColour(symbolType: 'circle' | 'square', drawn: readonly SectorName[]) {
  return {
    field: 'sector',
    type: 'nominal',
    scale: { domain: [...SECTORS], range: SECTORS.map((s) => SECTOR_COLOURS[s]) },
    legend: drawn.length > 0 ? { title: null, symbolType, values: SECTORS.filter((s) => drawn.includes(s)) } : null,
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

/** The x axis of every chart: whole-year ticks from `yearTicks`, no title, with a grid. */
export function yearAxis(domain: [number, number], size: ChartSize) {
  // Flush end labels keep the chart's width independent of where the last tick falls.
  return { title: null, format: 'd', values: yearTicks(domain, plotWidth(size)), grid: true, labelSeparation: 8, labelFlush: true } as const;
}

/** The Vega-Lite title of an export (the panel shows HTML headings instead: none). */
export function titled(title: ChartTitle | undefined): Partial<TopLevelSpec> {
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

/** Every fit as a line from its first to its last model's date, `i` its index in `fits`. */
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
 * breaks, over the years of `window`. The points fed to the `points` data source must be
 * `drawnPoints(view, window)`: only those inside the axis; fit lines reaching outside it are
 * clipped; the legend lists the sectors of the drawn points. Layer names (`breaks`, `points`, `fitHalos`, `fits`) become Vega mark
 * names (`<name>_marks`), which the tests and the tooltip rely on.
 */
export function computeSpec(view: TrendsView, theme: ChartTheme, size: ChartSize, window: YearWindow, title?: ChartTitle): TopLevelSpec {
  const xDomain = window.domain;
  const points = drawnPoints(view, window);
  const y = computeAxis(points);
  const x = { scale: { domain: xDomain, nice: false, zero: false } };
  const drawn = new Set<SectorName>();
  for (const p of points) drawn.add(p.sector);
  const breaks = view.filters.breaks
    .map((b) => ({ x: decimalYear(b), label: b }))
    .filter((b): b is { x: number; label: string } => b.x !== undefined && b.x > xDomain[0] && b.x < xDomain[1])
    // Alternate rows, so that labels of close breaks (2015-09-01, 2017-01-01) do not collide.
    .map((b, i) => ({ ...b, py: 2 + (i % 2) * (theme.fontSize + 1) }));
  const fits = fitSegments(view.fits);
  const fitColour = {
    condition: { test: "datum.sector === 'All'", value: theme.foreground },
    ...sectorColour('circle', [...drawn]),
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
    mark: { type: 'circle', size: points.length > 5000 ? 14 : 30, opacity: points.length > 5000 ? 0.55 : 0.78, cursor: 'pointer', aria: false, invalid: null, clip: true },
    encoding: {
      x: { field: 'x', type: 'quantitative', ...x, axis: yearAxis(xDomain, size) },
      y: {
        field: 'y',
        type: 'quantitative',
        scale: { domain: y.domain, nice: false, zero: false },
        axis: { title: 'Training compute (FLOP)', values: y.ticks, labelExpr: "'1e' + datum.value" },
      },
      color: sectorColour('circle', [...drawn]),
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
        mark: { type: 'rule', strokeWidth: 6, strokeCap: 'round', color: theme.background, opacity: 0.85, aria: false, clip: true },
        encoding: fitEncoding,
      },
      {
        name: 'fits',
        data: { values: fits },
        mark: { type: 'rule', strokeCap: 'round', aria: false, clip: true },
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
