/**
 * The Findings panel's tab bar and its two other tabs: *Topics* (the scatter of topics, its table,
 * the Domain / Task switch, the threshold sentence) and *Building on industry's models* (the
 * diffusion bars per year or per period, the unmatched base models). The numbers and sentences
 * come from the host (`FindingsView`); this module draws and formats them. A chart is drawn when
 * its tab is on show (a hidden tab has no width), and again when new numbers or a theme arrive.
 *
 * Test hook: the live views are on `window.__computeDivideFindings` (`{topics, topicsTime,
 * diffusion}`); each tab panel's `data-drawn` counts the draws of its main chart (the time view's
 * host `#topics-time-chart` its own), and `data-draw-ms` holds the milliseconds from the numbers'
 * (or the tab's) arrival to the finished drawing (the benchmark reads it).
 */
import type { View } from 'vega';
import { FINDINGS_TAB_TITLES, FINDINGS_TABS, TIME_VIEW_LIMIT, type DiffusionView, type FindingsChartId, type FindingsTab, type FindingsView, type TopicRow, type TopicsBy, type TopicsView } from '../../src/shared/findingsProtocol.js';
import type { TrendsFilters, TrendsToHost } from '../../src/shared/trendsProtocol.js';
import { createView } from './charts.js';
import { dataTable, hiddenTable } from './dataTables.js';
import { describeFilters } from './describe.js';
import { button, el } from './dom.js';
import { ALL_TOPICS, diffusionBars, diffusionSpec, scatterTopics, timeViewRows, topicsSpec, topicsTimeSpec, type DiffusionBar, type TimeDatum, type TopicPoint } from './findingsSpecs.js';
import { formatCount, formatFlop, formatPercent, formatScientific } from './format.js';
import { SECTOR_COLOURS } from './sectors.js';
import type { ChartSize } from './specs.js';
import { PRINT_THEME, type ChartTheme } from './theme.js';
import type { Tooltip, TooltipContent } from './tooltip.js';

declare global {
  interface Window {
    __computeDivideFindings?: Partial<Record<FindingsChartId, View>>;
  }
}

/** Above this many unmatched names the list shows the most referenced ones (the CSV has all). */
const UNMATCHED_LIMIT = 200;
const EXPORT_WIDTH = 960;

type Post = (message: TrendsToHost) => void;
type DiffusionBy = 'year' | 'period';

function share(value: number | null): string {
  return value === null ? '—' : formatPercent(value);
}

function flopOfLog(log10: number | null): string {
  return log10 === null ? '—' : formatFlop(10 ** log10);
}

/** A segmented pair of toggle buttons. */
function segmented<T extends string>(label: string, choices: readonly [T, string][], current: T, onChange: (value: T) => void): { element: HTMLElement; set(value: T): void } {
  const buttons = choices.map(([value, text]) => {
    const b = el('button', { type: 'button', class: 'toggle', 'aria-pressed': String(value === current), 'data-value': value }, text);
    b.addEventListener('click', () => {
      set(value);
      onChange(value);
    });
    return b;
  });
  const set = (value: T): void => {
    for (const b of buttons) b.setAttribute('aria-pressed', String(b.dataset.value === value));
  };
  return { element: el('div', { class: 'axis-choice', role: 'group', 'aria-label': label }, el('span', { class: 'field-label' }, label), el('span', { class: 'segmented' }, ...buttons)), set };
}

export class FindingsTabs {
  readonly tabBar: HTMLElement;
  readonly topicsPanel: HTMLElement;
  readonly diffusionPanel: HTMLElement;
  private readonly tabs: Record<FindingsTab, HTMLButtonElement>;
  private readonly panels: Record<FindingsTab, HTMLElement>;
  private tab: FindingsTab;
  private view: FindingsView | undefined;
  private context: { datasetName: string; filters: TrendsFilters } | undefined;
  private readonly drawnView: Partial<Record<FindingsChartId, unknown>> = {};
  private readonly generation: Record<FindingsChartId, number> = { topics: 0, topicsTime: 0, diffusion: 0 };
  /** When the numbers or the tab on show arrived, for `data-draw-ms`. */
  private requestedAt = 0;
  private readonly drawnWidth: Partial<Record<FindingsChartId, number>> = {};
  private readonly views: Partial<Record<FindingsChartId, View>> = {};
  private diffusionBy: DiffusionBy = 'year';
  private readonly topicsBySwitch: ReturnType<typeof segmented<TopicsBy>>;
  private readonly hosts: Record<FindingsChartId, HTMLElement> = {
    topics: el('div', { class: 'chart', id: 'topics-chart' }),
    topicsTime: el('div', { class: 'chart', id: 'topics-time-chart' }),
    diffusion: el('div', { class: 'chart', id: 'diffusion-chart' }),
  };
  private readonly topicsParts = {
    sentence: el('p', { class: 'finding-sentence' }),
    caption: el('p', { class: 'caption' }),
    srTable: el('div', { class: 'data-table-slot' }),
    timeCaption: el('p', { class: 'caption time-caption' }),
    timeSrTable: el('div', { class: 'data-table-slot time-table-slot' }),
    table: el('div', { class: 'table-scroll topics-table' }),
    notes: el('div', { class: 'notes' }),
    body: el('div', { class: 'findings-body' }),
    message: el('p', { class: 'empty', hidden: '' }),
  };
  private readonly diffusionParts = {
    caption: el('p', { class: 'caption' }),
    srTable: el('div', { class: 'data-table-slot' }),
    notes: el('div', { class: 'notes' }),
    unmatched: el('div', { class: 'table-scroll unmatched' }),
    body: el('div', { class: 'findings-body' }),
    message: el('p', { class: 'empty', hidden: '' }),
  };

  constructor(
    trendsPanel: HTMLElement,
    initial: { tab: FindingsTab; topicsBy: TopicsBy },
    private readonly post: Post,
    private readonly tooltip: Tooltip,
    private readonly theme: () => ChartTheme,
    private readonly onState: (state: { tab: FindingsTab; topicsBy: TopicsBy }) => void,
  ) {
    this.tab = initial.tab;
    let topicsBy = initial.topicsBy;
    this.tabs = {} as Record<FindingsTab, HTMLButtonElement>;
    for (const tab of FINDINGS_TABS) {
      const b = el('button', { type: 'button', role: 'tab', id: `findings-tab-${tab}`, 'aria-controls': `findings-panel-${tab}`, class: 'tab' }, FINDINGS_TAB_TITLES[tab]);
      b.addEventListener('click', () => this.choose(tab, true));
      b.addEventListener('keydown', (event) => this.arrowKeys(event, tab));
      this.tabs[tab] = b;
    }
    this.tabBar = el(
      'div',
      { class: 'tab-strip' },
      el('div', { class: 'tab-bar', role: 'tablist', 'aria-label': 'Findings' }, ...FINDINGS_TABS.map((t) => this.tabs[t])),
      button('Export Findings Report…', () => post({ type: 'exportReport' }), {
        class: 'report-button',
        id: 'export-findings-report',
        title: 'Write report.md and report.html with the three findings, their figures and tables, for the filters and labels on show',
      }),
    );
    this.topicsBySwitch = segmented<TopicsBy>('Topics from', [['domain', 'Domain'], ['task', 'Task']], topicsBy, (by) => {
      topicsBy = by;
      this.topicsParts.body.classList.add('stale');
      this.onState({ tab: this.tab, topicsBy: by });
      post({ type: 'setTopicsBy', by });
    });
    const diffusionSwitch = segmented<DiffusionBy>('Bars per', [['year', 'Year'], ['period', 'Period']], 'year', (by) => {
      this.diffusionBy = by;
      this.draw('diffusion', true);
    });
    this.topicsPanel = el(
      'section',
      { class: 'card tab-panel', id: 'findings-panel-topics', role: 'tabpanel', 'aria-labelledby': 'findings-tab-topics' },
      el('header', {}, el('h2', {}, 'Academic-only teams by topic, against the topic’s training compute'), this.exportToolbar('topics', 'Save the topics table as CSV')),
      this.topicsBySwitch.element,
      this.topicsParts.message,
      el(
        'div',
        { class: 'findings-main' },
        this.topicsParts.body,
      ),
    );
    this.topicsParts.body.append(
      this.topicsParts.sentence,
      this.topicsParts.caption,
      el('div', { class: 'topics-grid' }, el('div', { class: 'topics-chart-cell' }, this.hosts.topics, this.topicsParts.srTable), this.topicsParts.table),
      this.topicsParts.notes,
      el('header', { class: 'sub-header' }, el('h3', {}, 'Academic-only share per period, per topic'), this.exportToolbar('topicsTime', 'Save the models and academic-only models of every topic per period as CSV')),
      this.topicsParts.timeCaption,
      this.hosts.topicsTime,
      this.topicsParts.timeSrTable,
    );
    this.diffusionPanel = el(
      'section',
      { class: 'card tab-panel', id: 'findings-panel-diffusion', role: 'tabpanel', 'aria-labelledby': 'findings-tab-diffusion' },
      el('header', {}, el('h2', {}, 'Academia and collaborations building on industry’s open-weights models'), this.exportToolbar('diffusion', 'Save the shares per year and period, and the unmatched base models, as CSV')),
      diffusionSwitch.element,
      this.diffusionParts.message,
      this.diffusionParts.body,
    );
    this.diffusionParts.body.append(
      this.diffusionParts.caption,
      this.hosts.diffusion,
      this.diffusionParts.srTable,
      this.diffusionParts.notes,
      el('h3', {}, 'Base models that match no row of the table'),
      el('p', { class: 'caption' }, 'A name here counts as no parent. Click a name to label who built it and whether its weights are open; the chart follows the label at once.'),
      this.diffusionParts.unmatched,
    );
    trendsPanel.id = 'findings-panel-trends';
    trendsPanel.setAttribute('role', 'tabpanel');
    trendsPanel.setAttribute('aria-labelledby', 'findings-tab-trends');
    this.panels = { trends: trendsPanel, topics: this.topicsPanel, diffusion: this.diffusionPanel };
    window.__computeDivideFindings = this.views;
    this.choose(this.tab, false);
    new ResizeObserver(() => {
      for (const id of ['topics', 'topicsTime', 'diffusion'] as const)
        if (this.tab === tabOf(id) && this.views[id] && Math.abs(this.hostWidth(id) - (this.drawnWidth[id] ?? 0)) > 40) this.draw(id, true);
    }).observe(this.hosts.topics.parentElement ?? this.hosts.topics);
  }

  get currentTab(): FindingsTab {
    return this.tab;
  }

  /** Show `tab` (from the host or a click); `announce` tells the host and saves the state. */
  choose(tab: FindingsTab, announce: boolean): void {
    this.tab = tab;
    for (const t of FINDINGS_TABS) {
      const selected = t === tab;
      this.tabs[t].setAttribute('aria-selected', String(selected));
      this.tabs[t].tabIndex = selected ? 0 : -1;
      this.panels[t].hidden = !selected;
    }
    if (announce) {
      this.onState({ tab, topicsBy: this.currentTopicsBy() });
      this.post({ type: 'setTab', tab });
    }
    this.requestedAt = performance.now();
    this.drawTab(tab, false);
  }

  /** Draw the charts of `tab` (the scatter and the time view for Topics). */
  private drawTab(tab: FindingsTab, force: boolean): void {
    if (tab === 'topics') {
      this.draw('topics', force);
      this.draw('topicsTime', force);
    } else if (tab === 'diffusion') this.draw('diffusion', force);
  }

  private currentTopicsBy(): TopicsBy {
    return this.view?.topics.by ?? 'domain';
  }

  /** Left/Right/Home/End move between tabs (WAI-ARIA tabs pattern, automatic activation). */
  private arrowKeys(event: KeyboardEvent, tab: FindingsTab): void {
    const i = FINDINGS_TABS.indexOf(tab);
    const next = event.key === 'ArrowRight' ? (i + 1) % 3 : event.key === 'ArrowLeft' ? (i + 2) % 3 : event.key === 'Home' ? 0 : event.key === 'End' ? 2 : -1;
    if (next < 0) return;
    event.preventDefault();
    this.choose(FINDINGS_TABS[next], true);
    this.tabs[FINDINGS_TABS[next]].focus();
  }

  /** New numbers from the host: fill the tabs and redraw the one on show. */
  setFindings(view: FindingsView, context: { datasetName: string; filters: TrendsFilters }): void {
    this.requestedAt = performance.now();
    this.view = view;
    this.context = context;
    this.topicsBySwitch.set(view.topics.by);
    this.fillTopics(view.topics);
    this.fillDiffusion(view.diffusion);
    this.drawTab(this.tab, false);
  }

  /** Redraw the charts on show (a theme change). */
  redraw(): void {
    this.requestedAt = performance.now();
    this.drawTab(this.tab, true);
  }

  private exportToolbar(chart: FindingsChartId, csvTitle: string): HTMLElement {
    return el(
      'div',
      { class: 'toolbar', role: 'toolbar', 'aria-label': 'Export' },
      button('SVG', () => this.post({ type: 'export', chart, format: 'svg' }), { title: 'Save this chart as SVG (light, print-ready)' }),
      button('PNG', () => this.post({ type: 'export', chart, format: 'png' }), { title: 'Save this chart as PNG at 2× (light, print-ready)' }),
      button('CSV', () => this.post({ type: 'export', chart, format: 'csv' }), { title: csvTitle }),
    );
  }

  private fillTopics(view: TopicsView): void {
    const p = this.topicsParts;
    p.body.classList.remove('stale');
    p.message.hidden = view.available;
    p.body.hidden = !view.available;
    if (!view.available) {
      p.message.textContent = view.message ?? '';
      return;
    }
    p.sentence.textContent = view.sentence;
    p.caption.textContent = view.caption;
    const what = view.by === 'domain' ? 'Domain' : 'Task';
    const rows = view.topics.map((t) => {
      const name = button(t.topic, () => this.revealTopic(t), { class: 'link', title: this.modelsTitle(t) });
      return el(
        'tr',
        t.inCorrelation ? {} : { class: 'off-axis' },
        el('th', { scope: 'row' }, name),
        el('td', { class: 'num' }, formatCount(t.nModels)),
        el('td', { class: 'num' }, t.medianLog10Flop === null ? '—' : formatScientific(10 ** t.medianLog10Flop)),
        el('td', { class: 'num' }, share(t.academiaShare)),
        el('td', { class: 'num' }, `${formatCount(t.topAcademia)} of ${formatCount(t.topN)}`),
      );
    });
    p.table.replaceChildren(
      el(
        'table',
        { class: 'fit-table' },
        el('caption', { class: 'sr-only' }, `Topics by ${what}: models, median training compute, academic-only share, academic-only models in the top quantile`),
        el(
          'thead',
          {},
          el(
            'tr',
            {},
            el('th', { scope: 'col' }, what),
            el('th', { scope: 'col', class: 'num' }, 'Models'),
            el('th', { scope: 'col', class: 'num' }, 'Median training compute (FLOP)'),
            el('th', { scope: 'col', class: 'num' }, 'Academic-only'),
            el('th', { scope: 'col', class: 'num', title: 'Academic-only models among the topic’s models in the top quantile of training compute' }, 'Top quantile: academic-only'),
          ),
        ),
        el('tbody', {}, ...rows),
      ),
      el('p', { class: 'caption table-note' }, `Muted rows are not in ρ: fewer than ${view.correlation.minModels} models, no training compute, or no ${what.toLowerCase()}. Click a ${what.toLowerCase()} to show it in the Papers tree.`),
    );
    const points = scatterTopics(view);
    p.srTable.replaceChildren(
      hiddenTable(
        dataTable(
          `Topics scatter: the ${points.length} topics of the correlation, median training compute against academic-only share`,
          [what, 'Median training compute', 'Academic-only share', 'Models'],
          points.map((t) => [t.topic, flopOfLog(t.medianLog10Flop), share(t.academiaShare), formatCount(t.nModels)]),
        ),
      ),
    );
    p.notes.replaceChildren(...view.notes.map((n) => el('p', { class: 'caption' }, n)));
    this.fillTimeView(view);
  }

  /** The time view's caption and its accessible table (one row per small multiple, a column per period). */
  private fillTimeView(view: TopicsView): void {
    const rows = timeViewRows(view);
    const what = view.by === 'domain' ? 'domains' : 'tasks';
    const entering = view.timeView.rows.filter((r) => r.inCorrelation).length;
    const cut = entering > TIME_VIEW_LIMIT ? ` (the ${TIME_VIEW_LIMIT} with the most models of the ${entering}; the CSV has every topic)` : '';
    this.topicsParts.timeCaption.textContent =
      `Each panel is one of the ${what} of the correlation${cut}, the first all models in the window: per period, the share of its models built by academic-only teams, ` +
      `labelled academic-only/models. A period without models has no bar; the scale is the same in every panel.`;
    this.topicsParts.timeSrTable.replaceChildren(
      hiddenTable(
        dataTable(
          `Academic-only share per period, per ${view.by === 'domain' ? 'domain' : 'task'}: share (academic-only of models)`,
          [view.by === 'domain' ? 'Domain' : 'Task', ...view.timeView.periods],
          rows.map((r) => [r.topic ?? ALL_TOPICS, ...r.cells.map((c) => (c.n === 0 ? 'no models' : `${share(c.share)} (${formatCount(c.nAcademia)} of ${formatCount(c.n)})`))]),
        ),
      ),
    );
  }

  private fillDiffusion(view: DiffusionView): void {
    const p = this.diffusionParts;
    p.message.hidden = view.available;
    p.body.hidden = !view.available;
    if (!view.available) {
      p.message.textContent = view.message ?? '';
      return;
    }
    p.caption.textContent = view.caption;
    p.notes.replaceChildren(...view.notes.map((n) => el('p', { class: 'caption note' }, n)));
    const shown = view.unmatched.slice(0, UNMATCHED_LIMIT);
    const rows = shown.map((u) => {
      const others = u.sectors.Industry + u.sectors.Other + u.sectors.Unknown;
      const label = u.label ? [u.label.teamSector, u.label.openWeights && `${u.label.openWeights} weights`].filter(Boolean).join(', ') : '—';
      return el(
        'tr',
        {},
        el('th', { scope: 'row' }, button(u.name, () => this.post({ type: 'labelBaseModel', name: u.name }), { class: 'link', title: `Label ${u.name}: team sector, then open weights` })),
        el('td', { class: 'num' }, formatCount(u.count)),
        el('td', { class: 'num' }, formatCount(u.sectors.Academia)),
        el('td', { class: 'num' }, formatCount(u.sectors.Collaboration)),
        el('td', { class: 'num' }, formatCount(others)),
        el('td', {}, label),
      );
    });
    p.unmatched.replaceChildren(
      view.unmatched.length === 0
        ? el('p', { class: 'caption' }, 'Every base model named in the window matches a row of the table.')
        : el(
            'table',
            { class: 'fit-table unmatched-table' },
            el('caption', { class: 'sr-only' }, 'Base models that match no row, most referenced first'),
            el(
              'thead',
              {},
              el(
                'tr',
                {},
                el('th', { scope: 'col' }, 'Base model'),
                el('th', { scope: 'col', class: 'num' }, 'References'),
                el('th', { scope: 'col', class: 'num' }, 'From Academia'),
                el('th', { scope: 'col', class: 'num' }, 'From Collaboration'),
                el('th', { scope: 'col', class: 'num' }, 'From others'),
                el('th', { scope: 'col' }, 'Label'),
              ),
            ),
            el('tbody', {}, ...rows),
          ),
      view.unmatched.length > shown.length ? el('p', { class: 'caption' }, `The ${formatCount(shown.length)} most referenced of ${formatCount(view.unmatched.length)} names; the CSV has them all.`) : '',
    );
    this.fillDiffusionTable(view);
  }

  private fillDiffusionTable(view: DiffusionView): void {
    const bars = diffusionBars(view, this.diffusionBy);
    this.diffusionParts.srTable.replaceChildren(
      hiddenTable(
        dataTable(
          `Share of models on an industry base model${view.hasOpenWeights ? ' with open weights' : ''}, per ${this.diffusionBy}, Academia and Collaboration`,
          [this.diffusionBy === 'year' ? 'Year' : 'Period', 'Team sector', 'Share', view.hasOpenWeights ? 'On an industry open-weights base' : 'On an industry base', 'Models'],
          bars.map((b) => [b.label, b.group, share(view.hasOpenWeights ? b.share : b.value), formatCount(view.hasOpenWeights ? (b.nBaseIndustryOpen ?? 0) : b.nBaseIndustry), formatCount(b.nModels)]),
        ),
      ),
    );
  }

  private modelsTitle(t: TopicRow): string {
    const more = t.modelCount > t.models.length ? `\n… and ${formatCount(t.modelCount - t.models.length)} more` : '';
    return `${t.topic}: ${formatCount(t.modelCount)} models, most training compute first:\n${t.models.map((m) => `${m.name} (${m.sector})`).join('\n')}${more}\nClick to show the topic in the Papers tree.`;
  }

  private revealTopic(t: TopicRow): void {
    this.post({ type: 'revealTopic', topic: t.topic, by: this.currentTopicsBy() });
  }

  private hostWidth(id: FindingsChartId): number {
    return Math.max(280, Math.floor(this.hosts[id].clientWidth || 640));
  }

  private size(id: FindingsChartId): ChartSize {
    const width = this.hostWidth(id);
    if (id === 'topicsTime') return { width, fit: false, height: 0 };
    return id === 'topics' ? { width, fit: true, height: Math.round(Math.min(420, Math.max(260, width * 0.62))) } : { width, fit: true, height: Math.round(Math.min(300, Math.max(180, width * 0.3))) };
  }

  /** Draw one chart if its numbers changed since its last draw (or `force`). */
  private draw(id: FindingsChartId, force: boolean): void {
    const view = this.view;
    if (!view || (!force && this.drawnView[id] === view)) return;
    if (id === 'diffusion') this.fillDiffusionTable(view.diffusion);
    const available = id === 'diffusion' ? view.diffusion.available : id === 'topics' ? view.topics.available : view.topics.available && view.topics.timeView.rows.length > 0;
    const generation = ++this.generation[id];
    this.drawnView[id] = view;
    // The main chart of a tab counts on the tab panel; the time view on its own host.
    const counter = id === 'topicsTime' ? this.hosts.topicsTime : this.panels[tabOf(id)];
    const started = this.requestedAt;
    if (!available) {
      this.views[id]?.finalize();
      delete this.views[id];
      this.hosts[id].replaceChildren();
      counter.dataset.drawn = String(generation);
      return;
    }
    const size = this.size(id);
    this.drawnWidth[id] = this.hostWidth(id);
    const spec = id === 'topics' ? topicsSpec(view.topics, this.theme(), size) : id === 'topicsTime' ? topicsTimeSpec(view.topics, this.theme(), size) : diffusionSpec(view.diffusion, this.diffusionBy, this.theme(), size);
    const host = el('div', { class: 'vega-host' });
    createView(spec, this.theme(), 'svg', host)
      .then((v) => {
        if (generation !== this.generation[id]) {
          v.finalize();
          return;
        }
        this.views[id]?.finalize();
        this.views[id] = v;
        this.hosts[id].replaceChildren(host);
        this.listen(id, v, host);
        counter.dataset.drawMs = String(Math.round((performance.now() - started) * 10) / 10);
        counter.dataset.drawn = String(generation);
      })
      .catch((error: unknown) => {
        console.error('The chart could not be drawn', error);
        this.hosts[id].replaceChildren(el('p', { class: 'error', role: 'alert' }, `The chart could not be drawn: ${error instanceof Error ? error.message : String(error)}`));
      });
  }

  private listen(id: FindingsChartId, view: View, host: HTMLElement): void {
    view.addEventListener('mousemove', (event, item) => {
      const datum = (item as { datum?: unknown } | null | undefined)?.datum;
      const content = datum && typeof datum === 'object' ? this.describe(id, datum) : undefined;
      const mouse = event as MouseEvent;
      if (content) this.tooltip.show(content, mouse.clientX, mouse.clientY);
      else this.tooltip.hide();
      host.style.cursor = content && id === 'topics' ? 'pointer' : '';
    });
    view.addEventListener('mouseout', () => this.tooltip.hide());
    view.addEventListener('click', (_event, item) => {
      const datum = (item as { datum?: unknown } | null | undefined)?.datum as Partial<TopicPoint> | undefined;
      if (id !== 'topics' || !datum?.topic) return;
      const row = this.view?.topics.topics.find((t) => t.topic === datum.topic);
      if (row) this.revealTopic(row);
    });
  }

  private describe(id: FindingsChartId, datum: object): TooltipContent | undefined {
    if (id === 'topics' && 'topic' in datum) {
      const row = this.view?.topics.topics.find((t) => t.topic === (datum as TopicPoint).topic);
      if (!row) return undefined;
      const rows: [string, string][] = [
        ['Models', formatCount(row.nModels)],
        ['Median training compute', flopOfLog(row.medianLog10Flop)],
        ['Academic-only', share(row.academiaShare)],
        ['Academic-only in top quantile', `${formatCount(row.topAcademia)} of ${formatCount(row.topN)}`],
      ];
      row.models.forEach((m, i) => rows.push([i === 0 ? 'Largest models' : '', `${m.name} · ${m.sector}`]));
      if (row.modelCount > row.models.length) rows.push(['', `… and ${formatCount(row.modelCount - row.models.length)} more`]);
      return { title: row.topic, swatch: SECTOR_COLOURS.Academia, rows, hint: 'Click to show this topic in the Papers tree' };
    }
    if (id === 'topicsTime' && 'period' in datum) {
      const d = datum as TimeDatum;
      return {
        title: `${d.topic} · ${d.period}`,
        swatch: d.all ? undefined : SECTOR_COLOURS.Academia,
        rows: [
          ['Models', formatCount(d.n)],
          ['Academic-only', formatCount(d.nAcademia)],
          ['Share', share(d.share)],
        ],
      };
    }
    if (id === 'diffusion' && 'group' in datum) {
      const bar = datum as DiffusionBar;
      const open = this.view?.diffusion.hasOpenWeights ?? false;
      return {
        title: `${bar.label} · ${bar.group}`,
        swatch: SECTOR_COLOURS[bar.group],
        rows: [
          ['Models', formatCount(bar.nModels)],
          ['With a base model', formatCount(bar.nWithBase)],
          ['On an industry base model', formatCount(bar.nBaseIndustry)],
          ...(open ? ([['…with open weights', formatCount(bar.nBaseIndustryOpen ?? 0)]] as [string, string][]) : []),
          ['Share', share(open ? bar.share : bar.value)],
        ],
      };
    }
    return undefined;
  }

  /** A chart in the light, print-ready style, as SVG text or a PNG data URL (2× scale). */
  async exportChart(id: FindingsChartId, format: 'svg' | 'png'): Promise<string> {
    const view = this.view;
    if (!view || !this.context) throw new Error('No data to export yet.');
    const filters = describeFilters(this.context.filters);
    const name = this.context.datasetName;
    const source = `Source: ${name.startsWith('Epoch AI') ? '' : 'Epoch AI, '}${name}${filters ? ` · ${filters}` : ''}`;
    const size: ChartSize = { width: EXPORT_WIDTH, fit: id !== 'topicsTime', height: id === 'topics' ? 440 : 280 };
    const spec =
      id === 'topics'
        ? topicsSpec(view.topics, PRINT_THEME, size, { text: `Academic-only share by ${view.topics.by} against median training compute`, subtitle: [source, ...sentences(view.topics.caption), view.topics.sentence] })
        : id === 'topicsTime'
          ? topicsTimeSpec(view.topics, PRINT_THEME, size, { text: `Academic-only share per period, per ${view.topics.by}`, subtitle: [source, ...sentences(this.topicsParts.timeCaption.textContent ?? '')] })
          : diffusionSpec(view.diffusion, this.diffusionBy, PRINT_THEME, size, { text: 'Models built on an industry base model with open weights, by team sector', subtitle: [source, ...sentences(view.diffusion.caption)] });
    const chart = await createView(spec, PRINT_THEME, 'none');
    try {
      return format === 'svg' ? await chart.toSVG() : await chart.toImageURL('png', 2);
    } finally {
      chart.finalize();
    }
  }
}

/** A caption cut into sentences, one subtitle line each. */
function sentences(text: string): string[] {
  return text.split(/(?<=\.)\s+(?=[A-Z(])/u).filter((s) => s.trim() !== '');
}


/** The tab that shows a chart. */
function tabOf(id: FindingsChartId): FindingsTab {
  return id === 'diffusion' ? 'diffusion' : 'topics';
}
