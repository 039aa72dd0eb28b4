/**
 * The three Vega views of the panel: built from the Vega-Lite specs, parsed with `ast: true` and
 * run by vega-interpreter, so no `new Function`/eval runs under the webview's CSP. SVG when the
 * points are few (crisp, inspectable), canvas above 5,000 points (fast to draw and to hover).
 *
 * Test hook: the live views are on `window.__computeDivideCharts` (`{compute, shares, counts}`),
 * so the webview tests can count scenegraph items when the renderer is a canvas.
 */
import { parse, View, type Spec } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { ChartId, TimeAxis, TrendsPoint, TrendsView } from '../../src/shared/trendsProtocol.js';
import { countsSpec, sharesSpec, type YearStack } from './barSpecs.js';
import { describeFilters, describeSegment } from './describe.js';
import { fastExpressionInterpreter } from './fastEncode.js';
import { formatCount, formatFixed, formatFlop, formatPercent, sharesTitle } from './format.js';
import { SECTOR_COLOURS, isSectorName } from './sectors.js';
import { computeSpec, drawnPoints, type ChartSize, type ChartTitle, type FitSegment } from './specs.js';
import { PRINT_THEME, vegaLiteConfig, type ChartTheme } from './theme.js';
import { describeHidden, describePartialYear, drawnPartialYears, yearWindow, type YearWindow } from './timeAxis.js';
import type { Tooltip, TooltipContent } from './tooltip.js';
import { PointKeyboard } from './pointKeyboard.js';

export const CHART_IDS: readonly ChartId[] = ['compute', 'shares', 'counts'];
/** Above this many points the scatter is drawn on a canvas. */
export const SVG_POINT_LIMIT = 5000;
const EXPORT_WIDTH = 960;
/** First guess of a chart's width beyond its plotting area (y axis, its title, padding). */
const AXIS_OVERHEAD = 82;

declare global {
  interface Window {
    __computeDivideCharts?: Partial<Record<ChartId, View>>;
  }
}

interface SceneItem {
  datum?: unknown;
  mark?: { name?: string };
}

type SpecBuilder = (view: TrendsView, theme: ChartTheme, size: ChartSize, window: YearWindow, title?: ChartTitle) => TopLevelSpec;
const BUILDERS: Record<ChartId, SpecBuilder> = { compute: computeSpec, shares: sharesSpec, counts: countsSpec };

/** Compile, parse (ASTs, not code) and run one chart; `points` feeds the named data source. */
export async function createView(spec: TopLevelSpec, theme: ChartTheme, renderer: 'svg' | 'canvas' | 'none', container?: HTMLElement, points?: TrendsPoint[]): Promise<View> {
  const vega = compile(spec, { config: vegaLiteConfig(theme) }).spec;
  simplifyPointEncoding(vega);
  // Hatching lies over the bars: the pointer must reach the bar (and its tooltip) through it.
  for (const mark of vega.marks ?? []) if (mark.name === 'partialHatch_marks') mark.interactive = false;
  const runtime = parse(vega, undefined, { ast: true });
  const view = new View(runtime, { expr: fastExpressionInterpreter, renderer, hover: false, ...(container ? { container } : {}) });
  if (points) view.data('points', points);
  await view.runAsync();
  return view;
}

/**
 * Vega-Lite guards x and y of the points with a per-item validity test (`!isValid(datum.x) || …`)
 * and encodes constants on every update. The host sends only finite points, so the guards go, and
 * the constants move to `enter`: what is left is the fast path of `fastEncode.ts`.
 */
function simplifyPointEncoding(spec: Spec): void {
  type Channel = Record<string, unknown> | Record<string, unknown>[];
  const mark = spec.marks?.find((m) => m.name === 'points_marks');
  const update = mark?.encode?.update as Record<string, Channel> | undefined;
  if (!mark?.encode || !update) return;
  const enter: Record<string, Channel> = { ...(mark.encode.enter as Record<string, Channel> | undefined) };
  for (const [name, channel] of Object.entries(update)) {
    if (Array.isArray(channel)) update[name] = channel[channel.length - 1];
    else if ('value' in channel) {
      enter[name] = channel;
      delete update[name];
    }
  }
  delete update.cursor;
  delete enter.cursor;
  mark.encode.enter = enter;
}

export class TrendsCharts {
  private readonly views: Partial<Record<ChartId, View>> = {};
  private data: TrendsView | undefined;
  private axis: TimeAxis = 'deep-learning';
  private generation = 0;
  private widths: Partial<Record<ChartId, number>> = {};
  /** Width beyond the plotting area, learned at each draw (`pad` autosize needs the plot width). */
  private readonly overhead: Record<ChartId, number> = { compute: AXIS_OVERHEAD, shares: AXIS_OVERHEAD, counts: AXIS_OVERHEAD };

  /** Arrow keys through the points of chart 1; its live region goes next to the chart. */
  readonly keyboard: PointKeyboard;

  constructor(
    private readonly hosts: Record<ChartId, HTMLElement>,
    private readonly tooltip: Tooltip,
    private readonly onReveal: (id: string) => void,
  ) {
    this.keyboard = new PointKeyboard(hosts.compute, tooltip, onReveal);
    window.__computeDivideCharts = this.views;
    const observer = new ResizeObserver(() => this.scheduleResize());
    for (const id of CHART_IDS) observer.observe(hosts[id]);
  }

  /**
   * Draw every chart for `view` over the time axis `axis`; resolves false when a newer render
   * superseded this one.
   */
  async render(view: TrendsView, theme: ChartTheme, axis: TimeAxis): Promise<boolean> {
    const generation = ++this.generation;
    this.data = view;
    this.axis = axis;
    const window = yearWindow(view, axis);
    const points = drawnPoints(view, window);
    const built = await Promise.all(
      CHART_IDS.map(async (id) => {
        const width = this.hostWidth(id);
        const size = this.size(id, width);
        const renderer = id === 'compute' && points.length > SVG_POINT_LIMIT ? 'canvas' : 'svg';
        const host = document.createElement('div');
        host.className = 'vega-host';
        const v = await createView(BUILDERS[id](view, theme, size, window), theme, renderer, host, id === 'compute' ? points : undefined);
        await this.fitWidth(id, v, width, size.width);
        return { id, v, host, width };
      }),
    );
    if (generation !== this.generation) {
      for (const b of built) b.v.finalize();
      return false;
    }
    this.clear();
    for (const { id, v, host, width } of built) {
      this.hosts[id].replaceChildren(host);
      this.views[id] = v;
      this.widths[id] = width;
      this.listen(id, v, host);
    }
    this.keyboard.update(points, this.views.compute);
    return true;
  }

  /** Remove every chart (empty state). */
  clear(): void {
    for (const id of CHART_IDS) {
      this.views[id]?.finalize();
      delete this.views[id];
      this.hosts[id].replaceChildren();
    }
    this.keyboard.update([], undefined);
    this.tooltip.hide();
  }

  /** Thicken one fit line (the row under the pointer in the fit table); -1 for none. */
  highlightFit(index: number): void {
    const view = this.views.compute;
    if (view) void view.signal('highlight', index).runAsync();
  }

  /** The chart in the light, print-ready style, as SVG text or a PNG data URL (2× scale). */
  async exportChart(chart: ChartId, format: 'svg' | 'png'): Promise<string> {
    const data = this.data;
    if (!data) throw new Error('No data to export yet.');
    const size = { width: EXPORT_WIDTH, fit: true, height: chart === 'compute' ? 460 : 240 };
    const window = yearWindow(data, this.axis);
    const spec = BUILDERS[chart](data, PRINT_THEME, size, window, exportTitle(chart, data, window));
    const view = await createView(spec, PRINT_THEME, 'none', undefined, chart === 'compute' ? drawnPoints(data, window) : undefined);
    try {
      return format === 'svg' ? await view.toSVG() : await view.toImageURL('png', 2);
    } finally {
      view.finalize();
    }
  }

  private hostWidth(id: ChartId): number {
    return Math.max(280, Math.floor(this.hosts[id].clientWidth || 640));
  }

  /** The plotting area for a chart `width` pixels wide, axes included. */
  private size(id: ChartId, width: number): ChartSize {
    const height = id === 'compute' ? Math.round(Math.min(460, Math.max(260, width * 0.46))) : Math.round(Math.min(240, Math.max(150, width * 0.22)));
    return { width: Math.max(120, width - this.overhead[id]), height };
  }

  /** When the axes took more or less room than guessed, learn it and fit the chart to `width`. */
  private async fitWidth(id: ChartId, view: View, width: number, plot: number): Promise<void> {
    const element = view.container()?.querySelector<HTMLElement>('svg, canvas');
    const drawn = element instanceof HTMLCanvasElement ? Number.parseFloat(element.style.width) : Number(element?.getAttribute('width'));
    if (!Number.isFinite(drawn) || Math.abs(drawn - width) <= 1) return;
    this.overhead[id] = drawn - plot;
    await view.width(Math.max(120, width - this.overhead[id])).runAsync();
  }

  private resizeQueued = false;
  private scheduleResize(): void {
    if (this.resizeQueued) return;
    this.resizeQueued = true;
    requestAnimationFrame(() => {
      this.resizeQueued = false;
      for (const id of CHART_IDS) {
        const view = this.views[id];
        const width = this.hostWidth(id);
        if (!view || !this.hosts[id].clientWidth || Math.abs(width - (this.widths[id] ?? 0)) < 2) continue;
        this.widths[id] = width;
        void view
          .width(Math.max(120, width - this.overhead[id]))
          .runAsync()
          .then(() => {
            if (id === 'compute') this.keyboard.place();
          });
      }
    });
  }

  private listen(id: ChartId, view: View, host: HTMLElement): void {
    view.addEventListener('mousemove', (event, item) => {
      const content = item ? this.describe(id, item as SceneItem) : undefined;
      const mouse = event as MouseEvent;
      if (content) this.tooltip.show(content, mouse.clientX, mouse.clientY);
      else this.tooltip.hide();
      host.style.cursor = content && isPointItem(item as SceneItem) ? 'pointer' : '';
    });
    view.addEventListener('mouseout', () => this.tooltip.hide());
    view.addEventListener('click', (_event, item) => {
      const scene = item as SceneItem | null | undefined;
      if (scene && isPointItem(scene)) this.onReveal((scene.datum as TrendsPoint).id);
    });
  }

  private describe(id: ChartId, item: SceneItem): TooltipContent | undefined {
    const datum = item.datum;
    if (!datum || typeof datum !== 'object') return undefined;
    if (isPointItem(item)) {
      const p = datum as TrendsPoint;
      return {
        title: p.name,
        swatch: SECTOR_COLOURS[p.sector],
        rows: [
          ['Publication date', p.date],
          ['Training compute', formatFlop(p.computeFlop)],
          ['Organizations', p.organizations || '—'],
          ['Team sector', p.sector],
        ],
        hint: 'Click to reveal in the Papers tree',
      };
    }
    // The halo under a line is wider than the line: hovering it counts as hovering the fit.
    if ((item.mark?.name === 'fits_marks' || item.mark?.name === 'fitHalos_marks') && this.data) {
      const fit = this.data.fits[(datum as FitSegment).i];
      if (!fit) return undefined;
      return {
        title: `${fit.sector} · ${describeSegment(fit.segment)}`,
        swatch: fit.sector === 'All' ? undefined : SECTOR_COLOURS[fit.sector],
        rows: [
          ['Models (n)', formatCount(fit.n)],
          ['Slope', `${formatFixed(fit.slope_oom_per_year, 2)} OOM/year`],
          ['Doubling time', fit.doubling_time_months === null ? '—' : `${formatFixed(fit.doubling_time_months, 1)} months`],
          ['R²', formatFixed(fit.r2, 2)],
        ],
      };
    }
    if ((id === 'shares' || id === 'counts') && 'yearEnd' in datum) {
      const bar = datum as YearStack;
      if (!isSectorName(bar.sector)) return undefined;
      const rows: [string, string][] =
        id === 'shares'
          ? [
              [`Share of top-${this.data?.shares.top ?? ''}`, formatPercent(bar.value)],
              ['Models ranked that year (n)', formatCount(bar.n)],
            ]
          : [
              ['Models', formatCount(bar.value)],
              ['With training compute', formatCount(bar.withCompute ?? 0)],
              ['All sectors', formatCount(bar.n)],
            ];
      if (bar.partial) rows.push(['Partial year', describePartialYear(bar.partial)]);
      return { title: `${bar.year} · ${bar.sector}`, swatch: SECTOR_COLOURS[bar.sector], rows };
    }
    return undefined;
  }
}

function isPointItem(item: SceneItem | null | undefined): boolean {
  return item?.mark?.name === 'points_marks';
}

/** Export titles; subtitles state the filters, what is counted, and what the axis leaves out. */
function exportTitle(chart: ChartId, data: TrendsView, window: YearWindow): ChartTitle {
  const filters = describeFilters(data.filters);
  // The bundled snapshot's name is already Epoch's attribution ("Epoch AI, Data on Notable AI Models …").
  const source = `Source: ${data.datasetName.startsWith('Epoch AI') ? '' : 'Epoch AI, '}${data.datasetName}${filters ? ` · ${filters}` : ''}`;
  const hidden = describeHidden(window, formatCount);
  const hatched = (years: readonly { year: number }[]): string[] => {
    const partial = drawnPartialYears(data, window, years);
    return partial.length > 0 ? [`Hatched: partial ${partial.length === 1 ? 'year' : 'years'} (${partial.map(describePartialYear).join('; ')}).`] : [];
  };
  const notes = (...lines: string[]): string[] => [...lines, ...(hidden ? [hidden] : [])];
  switch (chart) {
    case 'compute':
      return {
        text: 'Training compute of notable models, by team sector',
        subtitle: [`${source} · ${formatCount(data.points.length)} models with a publication date and training compute`, ...notes('Lines: least-squares fits of log10 training compute per segment; dashed: all sectors.')],
      };
    case 'shares':
      return {
        text: (data.shares.definition ?? 'top-k') === 'top-k' ? `Share of each year's top-${data.shares.top} models (by training compute), by team sector` : sharesTitle(data),
        subtitle: [source, ...notes(...((data.shares.definition ?? 'top-k') === 'top-k' ? [`Paler bars: years with fewer than ${data.shares.top} models with training compute.`] : []), ...hatched(data.shares.years))],
      };
    case 'counts':
      return {
        text: 'Models per publication year, by team sector',
        subtitle: [source, ...notes('Every model with a publication date that passes the filters, with or without training compute.', ...hatched(data.counts))],
      };
    default: {
      const unexpected: never = chart;
      throw new Error(`unknown chart ${String(unexpected)}`);
    }
  }
}
