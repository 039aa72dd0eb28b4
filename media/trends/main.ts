/**
 * The Findings webview: a filter bar over three tabs (`findingsTabs.ts`): compute trends (three
 * charts), topics and diffusion, over numbers the host computes (`src/shared/trendsProtocol.ts`,
 * `src/shared/findingsProtocol.ts`). The tab on show and the Topics switch are kept with
 * `setState` and sent back in `ready`. Handshake: post `ready` with the saved filters, show
 * "Loading…", draw each `data` message and answer `rendered`; every filter change posts
 * `setFilters` and is saved with `setState`. The time axis (deep-learning era or all years) is a
 * view setting: it redraws locally, is saved with `setState` and answers `rendered` too.
 */
import type { TimeAxis, TrendsFilters, TrendsPoint, TrendsState, TrendsToHost, TrendsToWebview, TrendsView } from '../../src/shared/trendsProtocol.js';
import { isFindingsChart, type FindingsTab, type FindingsView, type TopicsBy } from '../../src/shared/findingsProtocol.js';
import { FindingsTabs } from './findingsTabs.js';
import type { ChartId } from '../../src/shared/trendsProtocol.js';
import { TimeAxisBar, countsCaption, sharesCaption } from './captions.js';
import { TrendsCharts } from './charts.js';
import { button, el } from './dom.js';
import { FilterBar, cloneFilters } from './filterBar.js';
import { countsTable, pointsTable, sharesTable } from './dataTables.js';
import { fitTable } from './fitTable.js';
import { formatCount, formatScientific, parseFlop, sharesTitle } from './format.js';
import { editorTheme } from './theme.js';
import { drawnPoints } from './specs.js';
import { yearWindow } from './timeAxis.js';
import { Tooltip } from './tooltip.js';
import { answer, listen } from '../shared/messages.js';
import { webviewApi } from '../shared/vscodeApi.js';
import { decodeTrendsWire, MissingPointsBaseError } from '../../src/shared/trendsWire.js';

const vscode = webviewApi<TrendsToHost, TrendsState>();
const root = document.getElementById('root')!;
const post = (message: TrendsToHost): void => vscode.post(message);

function exportButtons(chart: ChartId, extra: HTMLElement[] = []): HTMLElement {
  return el(
    'div',
    { class: 'toolbar', role: 'toolbar', 'aria-label': 'Export' },
    button('SVG', () => post({ type: 'export', chart, format: 'svg' }), { title: 'Save this chart as SVG (light, print-ready)' }),
    button('PNG', () => post({ type: 'export', chart, format: 'png' }), { title: 'Save this chart as PNG at 2× (light, print-ready)' }),
    ...extra,
  );
}

function csvButton(chart: 'shares' | 'counts', title: string): HTMLButtonElement {
  return button('CSV', () => post({ type: 'export', chart, format: 'csv' }), { title });
}

/** The panel's DOM, built once on the first data message and kept while data keeps coming. */
class Layout {
  readonly element: HTMLElement;
  readonly filterBar: FilterBar;
  private readonly title = el('h1', {}, 'Compute trends');
  private readonly summary = el('p', { class: 'summary' });
  private readonly status = el('span', { class: 'status', 'aria-live': 'polite' });
  private readonly content = el('div', { class: 'content' });
  private readonly empty = el('div', { class: 'empty', hidden: '' });
  private readonly fits = el('div', { class: 'fits' });
  private readonly frontierFits = el('div', { class: 'fits frontier-fits' });
  private readonly frontierSelect = el(
    'select',
    { class: 'frontier', 'aria-label': 'Frontier fits' },
    el('option', { value: 'off' }, 'Off'),
    el('option', { value: 'top-k' }, "Each year's top-k"),
    el('option', { value: 'sector-top-k' }, "Each sector's top-k per year"),
    el('option', { value: 'flag' }, "Epoch's Frontier model flag"),
  );
  private readonly largeScaleSelect = el(
    'select',
    { class: 'large-scale', 'aria-label': 'Large-scale definition' },
    el('option', { value: 'top-k' }, 'Top-k per year'),
    el('option', { value: 'threshold' }, 'Above a compute threshold'),
    el('option', { value: 'residual' }, 'Above the trend (z-score)'),
  );
  private readonly largeScaleParameter = el('input', { type: 'text', class: 'large-scale-parameter', size: '6', spellcheck: 'false', 'aria-label': 'Large-scale parameter' });
  private shownDefinition = 'top-k';
  private readonly largeScaleError = el('span', { class: 'filter-error', role: 'alert', hidden: '' });
  private readonly sharesTitle = el('h2', {}, "Share of each year's top-10 models, by team sector");
  private readonly sharesCaption = el('p', { class: 'caption' });
  private readonly countsCaption = el('p', { class: 'caption' });
  private readonly axisBar: TimeAxisBar;
  /** Each chart's numbers as a visually hidden table, right after the chart. */
  private readonly tables = { compute: el('div', { class: 'data-table-slot' }), shares: el('div', { class: 'data-table-slot' }), counts: el('div', { class: 'data-table-slot' }) };
  readonly charts: TrendsCharts;
  readonly findings: FindingsTabs;

  constructor(filters: TrendsFilters, private axis: TimeAxis, onFilters: (filters: TrendsFilters) => void, onAxis: (axis: TimeAxis) => void) {
    this.filterBar = new FilterBar(filters, (f) => {
      this.status.textContent = 'Updating…';
      this.content.classList.add('stale');
      onFilters(f);
    });
    const hosts = { compute: el('div', { class: 'chart' }), shares: el('div', { class: 'chart' }), counts: el('div', { class: 'chart' }) };
    const tooltip = new Tooltip(document.body);
    this.charts = new TrendsCharts(hosts, tooltip, (id) => post({ type: 'revealPaper', id }));
    this.axisBar = new TimeAxisBar(axis, (next) => {
      this.axis = next;
      onAxis(next);
    });
    this.frontierSelect.addEventListener('change', () => this.filterBar.change({ frontier: this.frontierSelect.value === 'off' ? undefined : (this.frontierSelect.value as TrendsFilters['frontier']) }));
    this.largeScaleSelect.addEventListener('change', () =>
      this.filterBar.change({ largeScale: this.largeScaleSelect.value === 'top-k' ? undefined : (this.largeScaleSelect.value as TrendsFilters['largeScale']), largeScaleFlop: undefined, largeScaleZ: undefined }),
    );
    this.largeScaleParameter.addEventListener('change', () => this.onLargeScaleParameter());
    const pointsCsv = button('CSV of points', () => post({ type: 'export', chart: 'compute', format: 'csv' }), { title: 'Save the plotted models as CSV' });
    this.content.append(
      this.axisBar.element,
      el(
        'section',
        { class: 'card', id: 'chart-compute' },
        el('header', {}, el('h2', {}, 'Training compute over time'), exportButtons('compute', [pointsCsv])),
        el('p', { class: 'caption' }, 'Each dot is a model; lines are least-squares fits of log₁₀ training compute per segment (dashed: all sectors). Click a dot to reveal the model in the Papers tree, or focus the chart and use the arrow keys and Enter.'),
        hosts.compute,
        this.charts.keyboard.live,
        this.tables.compute,
        el(
          'header',
          { class: 'sub' },
          el('h3', {}, 'Fitted trends'),
          el(
            'div',
            { class: 'toolbar', role: 'toolbar', 'aria-label': 'Export fits' },
            button('CSV', () => post({ type: 'exportFitsCsv' }), { title: 'Save the fit table as CSV' }),
            button('Copy Markdown', () => post({ type: 'copyFitsMarkdown' }), { title: 'Copy the fit table as a Markdown table' }),
          ),
        ),
        this.fits,
        el('label', { class: 'field frontier-choice', title: 'Fit the frontier beside all models: each year\'s k largest models (k as Top-k), each sector\'s k largest, or the models Epoch flags as frontier models' }, el('span', { class: 'field-label' }, 'Frontier fits'), this.frontierSelect),
        this.frontierFits,
      ),
      el(
        'section',
        { class: 'card', id: 'chart-shares' },
        el('header', {}, this.sharesTitle, exportButtons('shares', [csvButton('shares', 'Save the top-k shares per year and team sector as CSV')])),
        el('div', { class: 'large-scale-choice' }, el('label', { class: 'field' }, el('span', { class: 'field-label' }, 'Large-scale means'), this.largeScaleSelect), this.largeScaleParameter, this.largeScaleError),
        this.sharesCaption,
        hosts.shares,
        this.tables.shares,
      ),
      el(
        'section',
        { class: 'card', id: 'chart-counts' },
        el('header', {}, el('h2', {}, 'Models per year, by team sector'), exportButtons('counts', [csvButton('counts', 'Save the models per year and team sector as CSV')])),
        this.countsCaption,
        hosts.counts,
        this.tables.counts,
      ),
    );
    const trendsPanel = el('div', { class: 'trends-tab' }, this.empty, this.content);
    this.findings = new FindingsTabs(trendsPanel, { tab, topicsBy }, post, tooltip, editorTheme, (next) => {
      tab = next.tab;
      topicsBy = next.topicsBy;
      saveState({});
    });
    this.element = el('div', { class: 'layout' }, el('header', { class: 'panel-header' }, this.title, this.summary, this.status), this.filterBar.element, this.findings.tabBar, trendsPanel, this.findings.topicsPanel, this.findings.diffusionPanel);
  }

  /** Draw `view`; resolves false when a newer data message superseded it. */
  async show(view: TrendsView): Promise<boolean> {
    this.title.textContent = `Findings — ${view.datasetName}`;
    this.title.title = view.datasetName;
    this.summary.textContent = `${formatCount(view.points.length)} of ${formatCount(view.totalPoints)} models with a publication date and training compute match the filters (${formatCount(view.totalRows)} rows in the dataset).`;
    this.status.textContent = '';
    this.content.classList.remove('stale');
    this.filterBar.setOptions(view.options, view.filters);
    if (view.points.length === 0) {
      this.charts.clear();
      this.content.hidden = true;
      this.empty.hidden = false;
      const reset = button('Reset filters', () => this.filterBar.reset(), { class: 'secondary' });
      this.empty.replaceChildren(
        el('p', {}, view.totalPoints === 0 ? 'This dataset has no model with both a publication date and a training compute, so there is nothing to plot.' : 'No model matches these filters. Widen the date range, tick more sectors or clear the name filter.'),
        view.totalPoints === 0 ? '' : reset,
      );
      return true;
    }
    this.empty.hidden = true;
    this.content.hidden = false;
    this.sharesTitle.textContent = sharesTitle(view);
    this.showChoices(view);
    return this.redraw(view);
  }

  /** The frontier and large-scale controls show the filters of `view`. */
  private showChoices(view: TrendsView): void {
    const f = view.filters;
    this.frontierSelect.value = f.frontier ?? 'off';
    const flag = this.frontierSelect.querySelector<HTMLOptionElement>('option[value="flag"]')!;
    flag.disabled = view.hasFrontierColumn !== true;
    flag.title = view.hasFrontierColumn ? '' : 'This table has no "Frontier model" column';
    this.largeScaleSelect.value = f.largeScale ?? 'top-k';
    const definition = f.largeScale ?? 'top-k';
    this.largeScaleParameter.hidden = definition === 'top-k';
    this.largeScaleParameter.setAttribute('aria-label', definition === 'threshold' ? 'Threshold, FLOP' : 'z-score above the trend');
    this.largeScaleParameter.title = definition === 'threshold' ? 'Training compute at or above which a model is large-scale, FLOP (default 1e23)' : 'Residual standard errors above the all-model trend line (default 1)';
    // Keep what the user is typing, unless the definition itself changed.
    if (document.activeElement !== this.largeScaleParameter || definition !== this.shownDefinition) this.largeScaleParameter.value = definition === 'threshold' ? formatScientific(view.shares.thresholdFlop ?? 1e23) : String(view.shares.z ?? 1);
    this.shownDefinition = definition;
    this.largeScaleError.hidden = true;
    if (!view.frontierFits) {
      this.frontierFits.replaceChildren();
      return;
    }
    const what = f.frontier === 'flag' ? "models with Epoch's Frontier model flag" : f.frontier === 'sector-top-k' ? `each team sector's ${f.topK} largest models per year` : `each year's ${f.topK} largest models`;
    this.frontierFits.replaceChildren(
      el('h3', {}, `Frontier fits: ${what} (${formatCount(view.frontierPoints ?? 0)} models)`),
      view.frontierFits.length === 0 ? el('p', { class: 'muted' }, 'No frontier fit: each needs at least 3 points with different publication dates.') : fitTable(view.frontierFits, () => undefined),
    );
  }

  private onLargeScaleParameter(): void {
    const definition = this.largeScaleSelect.value;
    const text = this.largeScaleParameter.value.trim();
    if (definition === 'threshold') {
      const flop = parseFlop(text);
      if (flop === undefined || flop === null || !(flop > 0)) return this.badParameter(`“${text}” is not a FLOP count; write it like 1e23.`);
      this.filterBar.change({ largeScaleFlop: flop });
    } else if (definition === 'residual') {
      const z = /^[+-]?[0-9]*\.?[0-9]+$/.test(text) ? Number(text) : NaN;
      if (!Number.isFinite(z)) return this.badParameter(`“${text}” is not a number; write a z-score such as 1 or 1.5.`);
      this.filterBar.change({ largeScaleZ: z });
    }
  }

  private badParameter(message: string): void {
    this.largeScaleParameter.setAttribute('aria-invalid', 'true');
    this.largeScaleError.textContent = message;
    this.largeScaleError.hidden = false;
  }

  /** Draw the charts of `view` over the current time axis, with the captions that describe them. */
  redraw(view: TrendsView): Promise<boolean> {
    const window = yearWindow(view, this.axis);
    this.axisBar.show(view, window);
    this.fits.replaceChildren(fitTable(view.fits, (i) => this.charts.highlightFit(i), window.domain[0]));
    this.largeScaleParameter.removeAttribute('aria-invalid');
    this.sharesCaption.textContent = sharesCaption(view, window);
    this.countsCaption.textContent = countsCaption(view, window);
    this.tables.compute.replaceChildren(pointsTable(drawnPoints(view, window)));
    this.tables.shares.replaceChildren(sharesTable(view, window));
    this.tables.counts.replaceChildren(countsTable(view, window));
    return this.charts.render(view, editorTheme(), this.axis);
  }
}

let layout: Layout | undefined;
let latest: TrendsView | undefined;
let receivedData = false;
const saved = vscode.getState();
let state: TrendsState | undefined = saved;
/** Where the time axis starts: the saved choice, else the deep-learning era. */
let timeAxis: TimeAxis = saved?.timeAxis ?? 'deep-learning';
/** The tab on show and the Topics tab's switch: saved, else Compute trends and Domain. */
let tab: FindingsTab = saved?.tab ?? 'trends';
let topicsBy: TopicsBy = saved?.topicsBy ?? 'domain';
/** Topics and diffusion numbers that came before the first data message drew the layout. */
let pendingFindings: FindingsView | undefined;
/** The last list of points the host sent whole, by its id: later `dataJson` messages may refer to it. */
let keptPoints: { id: number; points: readonly TrendsPoint[] } | undefined;

function saveState(next: Partial<TrendsState>): void {
  const filters = next.filters ?? state?.filters ?? latest?.filters;
  if (!filters) return;
  state = { filters: cloneFilters(filters), timeAxis: next.timeAxis ?? timeAxis, ...(tab !== 'trends' ? { tab } : {}), ...(topicsBy !== 'domain' ? { topicsBy } : {}) };
  vscode.setState(state);
}

function onFilters(filters: TrendsFilters): void {
  saveState({ filters });
  post({ type: 'setFilters', filters });
}

function onAxis(axis: TimeAxis): void {
  timeAxis = axis;
  saveState({ timeAxis: axis });
  const view = latest;
  if (!view || !layout) return;
  const started = performance.now();
  layout
    .redraw(view)
    .then((current) => rendered(current, view, started))
    .catch((error: unknown) => showError('The charts could not be drawn', error));
}

function rendered(current: boolean, view: TrendsView, started: number): void {
  if (current && latest === view) post({ type: 'rendered', ms: Math.round((performance.now() - started) * 10) / 10, points: view.points.length });
}

async function showData(view: TrendsView, started: number): Promise<void> {
  latest = view;
  if (!layout) layout = new Layout(saved?.filters ?? view.filters, timeAxis, onFilters, onAxis);
  if (!receivedData) {
    // The host applied the filters it was given in `ready` (or its defaults): show and keep those.
    receivedData = true;
    layout.filterBar.setFilters(view.filters);
    saveState({ filters: view.filters });
  }
  if (layout.element.parentElement !== root) root.replaceChildren(layout.element);
  if (pendingFindings) {
    showFindings(pendingFindings);
    pendingFindings = undefined;
  }
  rendered(await layout.show(view), view, started);
}

/** The text of gzip bytes (the browser's own decompression, off the page's thread). */
async function gunzipText(bytes: Uint8Array): Promise<string> {
  return new Response(new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'))).text();
}

/** A `dataJson` message: its points put back together from the kept list when they refer to it; a list not kept is asked for again. */
async function showDataJson(json: Uint8Array, gzip: boolean, started: number): Promise<void> {
  let decoded: ReturnType<typeof decodeTrendsWire>;
  try {
    const text = gzip ? await gunzipText(json) : new TextDecoder().decode(json);
    decoded = decodeTrendsWire(text, (id) => (keptPoints?.id === id ? keptPoints.points : undefined));
  } catch (error) {
    if (error instanceof MissingPointsBaseError) post({ type: 'pointsMissing' });
    else showError('The charts could not be drawn', error);
    return;
  }
  if (decoded.pointsBase !== undefined) keptPoints = { id: decoded.pointsBase, points: decoded.view.points };
  showData(decoded.view, started).catch((error: unknown) => showError('The charts could not be drawn', error));
}

function showFindings(view: FindingsView): void {
  if (!layout || !latest) {
    pendingFindings = view;
    return;
  }
  topicsBy = view.topics.by;
  layout.findings.setFindings(view, { datasetName: latest.datasetName, filters: latest.filters });
}

function showTab(next: FindingsTab): void {
  tab = next;
  if (layout) layout.findings.choose(next, false);
  if (state || latest) saveState({});
}

/** Draw a chart for export and answer the host's request (its `requestId`), with the image or the error. */
function answerExport(request: Extract<TrendsToWebview, { type: 'requestExport' }>): Promise<void> {
  const { chart, format } = request;
  return answer<typeof request, Extract<TrendsToHost, { type: 'exported' }>, string>(
    request,
    async () => {
      if (!layout) throw new Error('the charts are not drawn yet');
      return isFindingsChart(chart) ? layout.findings.exportChart(chart, format) : layout.charts.exportChart(chart, format);
    },
    (outcome, requestId) => ('result' in outcome ? { type: 'exported', requestId, chart, format, content: outcome.result } : { type: 'exported', requestId, chart, format, content: '', error: outcome.error }),
    post,
  );
}

/**
 * Messages are handled one after another: a `dataJson` may wait for its decompression, and what
 * comes after it (a view that refers to its points, `empty`, the findings) must not overtake it.
 */
let handled: Promise<void> = Promise.resolve();
listen<TrendsToWebview>((message) => {
  const started = performance.now();
  // An export request answers once the messages before it are read, from their numbers: the host
  // asks for an image right after the numbers it waited for (a redraw by the analysis worker), and
  // a large `dataJson` is still being decompressed then. Later messages do not wait for the image.
  if (message.type === 'requestExport') {
    void handled.then(() => answerExport(message));
    return;
  }
  handled = handled.then(() => handle(message, started)).catch((error: unknown) => showError('The charts could not be drawn', error));
});

async function handle(message: Exclude<TrendsToWebview, { type: 'requestExport' }>, started: number): Promise<void> {
  switch (message.type) {
    case 'data':
      showData(message.view, started).catch((error: unknown) => showError('The charts could not be drawn', error));
      break;
    case 'dataJson':
      await showDataJson(message.json, message.gzip === true, started);
      break;
    case 'findings':
      showFindings(message.view);
      break;
    case 'showTab':
      showTab(message.tab);
      break;
    case 'empty':
      latest = undefined;
      layout?.charts.clear();
      root.replaceChildren(el('p', { class: 'empty' }, message.message));
      break;
    default: {
      const unexpected: never = message;
      console.warn('unexpected message', unexpected);
    }
  }
}

function showError(what: string, error: unknown): void {
  console.error(what, error);
  const text = `${what}: ${error instanceof Error ? error.message : String(error)}`;
  root.prepend(el('p', { class: 'error', role: 'alert' }, text));
}

// A theme switch changes the body's class: redraw so the charts pick up the new colours.
new MutationObserver(() => {
  if (latest && layout) {
    showData(latest, performance.now()).catch((error: unknown) => showError('The charts could not be drawn', error));
    layout.findings.redraw();
  }
}).observe(document.body, { attributes: true, attributeFilter: ['class'] });

root.replaceChildren(el('p', { class: 'muted loading' }, 'Loading…'));
post({ type: 'ready', ...(saved?.filters ? { filters: saved.filters } : {}), ...(saved?.tab ? { tab: saved.tab } : {}), ...(saved?.topicsBy ? { topicsBy: saved.topicsBy } : {}) });
