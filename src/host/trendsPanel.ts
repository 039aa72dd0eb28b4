import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import * as vscode from 'vscode';
import { writeFileAtomic } from '../node/atomicWrite';
import { countsCsv, fitsCsv, fitsMarkdown, pointsCsv, sharesCsv } from '../core/trends/trendsExport';
import { DEFAULT_TRENDS_FILTERS, type ExportChartId, type TrendsFilters, type TrendsPoint, type TrendsState, type TrendsToHost, type TrendsToWebview, type TrendsView } from '../shared/trendsProtocol';
import { isFindingsChart, isFindingsTab, type FindingsTab, type FindingsView, type TopicsBy } from '../shared/findingsProtocol';
import { buildFindingsView } from './findingsViewModel';
import { diffusionCsv, topicsCsv, topicsTimeCsv } from './findingsCsv';
import { RequestClient } from '../shared/requestResponse';
import { decodeTrendsWire } from '../shared/trendsWire';
import { COMMAND_IDS, PANEL_TYPES } from './commandIds';
import type { DatasetService, DatasetView } from './datasetService';
import { buildTrendsView } from './trendsViewModel';
import { countCollaborationsByLeaning } from '../core/sector/leaning';
import type { Dataset } from '../core/dataset/model';
import type { ReadyWatchdogOptions } from './readyWatchdog';
import { WebviewPanelBase, type MessageHandlers } from './webviewPanelBase';
import type { AnalysisClient, AnalysisResult } from './analysis/analysisClient';
import type { AnalysisPart } from './analysis/analysisProtocol';

/**
 * From this many rows the panel's numbers are computed in the analysis worker. Below it (every
 * real Epoch table: ≤ 5,000 rows, tens of milliseconds) the host computes them at once.
 */
export const ANALYSIS_WORKER_MIN_ROWS = 20_000;

/**
 * How long after the tab on show is drawn the worker is asked for the other tabs' numbers (a few
 * hundred milliseconds of its time at 100,000 rows): a label, a triage key or a filter change
 * within it is not queued behind numbers nobody looks at. Showing another tab asks at once.
 */
export const OTHER_TABS_DELAY_MS = 1000;
/** The longest an export waits for the analysis worker's numbers before they are computed on the host. */
const UP_TO_DATE_MS = 30_000;

/** Where the panel's numbers of large tables are computed: a worker, from `minRows` rows up. */
export interface TrendsAnalysis {
  client: AnalysisClient;
  /** Tables with fewer rows are computed on the host's thread (quicker than the trip: every real Epoch table). */
  minRows: number;
}

/** What can be exported from the panel. */
export type TrendsExport = { chart: ExportChartId; format: 'svg' | 'png' | 'csv' } | { chart: 'fits'; format: 'csv' | 'markdown' };

/** What the findings tabs ask of the rest of the extension (the Papers tree, the label log). */
export interface FindingsActions {
  /** Show a topic (a Domain, or a Task) in the Papers tree. */
  revealTopic?(topic: string, by: TopicsBy): Promise<void>;
  /** Ask for and save a base-model name's team sector and open weights (labels.md, `model` target). */
  labelBaseModel?(name: string): Promise<void>;
}

/** The panel's title (one panel, three tabs: compute trends, topics, diffusion). */
export const FINDINGS_TITLE = 'Compute Divide: Findings';

/**
 * The Findings panel: one webview beside the editor with three tabs sharing one filter bar. *Compute
 * trends*: the three charts, their filters and the fit table; *Topics* and *Building on industry's
 * models*: the paper's two other findings (`buildFindingsView`, from the core analyses, sent with
 * every data message and again when labels change). The host computes every number (`buildTrendsView`, the CLI's code) and re-sends
 * it when the dataset reloads, keeping the filters; the webview keeps the filters in its state, and
 * a `WebviewPanelSerializer` restores the panel after a window reload.
 */
export class TrendsPanel extends WebviewPanelBase<TrendsToWebview, TrendsToHost, TrendsState> {
  private filters: TrendsFilters = DEFAULT_TRENDS_FILTERS;
  private lastView: TrendsView | undefined;
  /** The view on show as the analysis worker sent it (UTF-8 JSON, gzip when `gzip`), parsed when first read. */
  private lastViewJson: WorkerJson | undefined;
  /**
   * The list of points the webview keeps (the last the worker sent whole, by its id): later views
   * refer to it instead of carrying every point again (src/shared/trendsWire.ts). Undefined for a
   * webview that keeps none yet (new, reloaded, or one that said it lacks the list).
   */
  private webviewPoints: number | undefined;
  /** The same list as the worker sent it, for reading `lastViewJson` here (its points parsed when first needed). */
  private keptPoints: { id: number; json: WorkerJson; points?: readonly TrendsPoint[] } | undefined;
  /** Bumped by every redraw: an answer of the worker for an older one is dropped. */
  private generation = 0;
  /** A redraw waits for the worker: the numbers on show are not those of the current table and filters. */
  private computing = false;
  /** Which parts of the redraw the worker is computing have arrived (the other part may still be on its way). */
  private fresh: Record<AnalysisPart, boolean> = { trends: false, findings: false };
  private lastFindings: FindingsView | undefined;
  /** The other tabs' numbers of the current redraw, asked after `OTHER_TABS_DELAY_MS` (`ask` asks at once, `drop` gives them up). */
  private otherTabs: { ask: () => void; drop: () => void } | undefined;
  /**
   * The first tab's numbers, asked of the analysis worker when `show` created the panel, while its
   * webview starts (about a second at 100,000 rows either way: the two now overlap). `post` takes
   * them when they are what it would ask for (same table, filters, tab part, topics switch).
   */
  private early: { view: DatasetView; filters: string; name: string; topicsBy: TopicsBy; part: AnalysisPart; result: Promise<Partial<AnalysisResult> | undefined> } | undefined;
  private tab: FindingsTab = 'trends';
  private topicsBy: TopicsBy = 'domain';
  /** A command chose the tab of a panel that is still coming up. */
  private tabRequested = false;
  /** Chart images asked of the webview, each answered by its own `requestId`. */
  private readonly images = new RequestClient<Extract<TrendsToWebview, { type: 'requestExport' }>, Extract<TrendsToHost, { type: 'exported' }>>((message) => void this.postMessage(message), {
    describe: (request) => `the chart's ${request.format.toUpperCase()} export`,
  });
  private readonly renderedEmitter = this.register(new vscode.EventEmitter<{ ms: number; points: number }>());
  /** Fires when the webview has drawn a data message (tests and the benchmark wait for it). */
  readonly onDidRender = this.renderedEmitter.event;

  constructor(
    extensionUri: vscode.Uri,
    private readonly service: DatasetService,
    private readonly revealPaper: (id: string, panelColumn: vscode.ViewColumn | undefined) => Promise<void>,
    watchdogOptions: ReadyWatchdogOptions = {},
    private readonly actions: FindingsActions = {},
    private readonly analysis?: TrendsAnalysis,
  ) {
    super(extensionUri, { viewType: PANEL_TYPES.trends, title: FINDINGS_TITLE, script: 'trends.js', style: 'trends/trends.css' }, watchdogOptions);
    // A label or a reload redraws once the change is published, not inside it: the label command
    // is not held up by the trends numbers (seconds at 100,000 rows), and a burst of changes (a
    // label and its undo, triage keys) is drawn once (issue #9).
    this.register(service.onDidChange(() => this.schedule()));
    // A large table just read: its copy goes to the analysis worker in the background (in slices
    // between other work), so that opening Findings later costs its numbers, not the copy too.
    let prepared: Dataset | undefined;
    this.register(
      service.onDidChange((state) => {
        if (this.panel || !analysis || state.kind !== 'loaded' || state.view.original === prepared || state.view.dataset.papers.length < analysis.minRows) return;
        prepared = state.view.original;
        analysis.client.prepare(state.view);
      }),
    );
    this.register({ dispose: () => clearTimeout(this.pending) });
    this.register({ dispose: () => this.otherTabs?.drop() });
    this.register({ dispose: () => this.images.dispose() });
  }

  private pending: NodeJS.Timeout | undefined;

  private schedule(): void {
    if (!this.panel || !this.isReady || this.pending) return;
    this.pending = setTimeout(() => this.post(), 0);
  }

  /** Open the panel beside the editor (on `tab`, default Compute trends), or bring it forward on `tab`. */
  show(tab: FindingsTab = 'trends'): void {
    this.tab = tab;
    if (this.createOrReveal({ viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { preserveFocus: true }) === 'revealed') {
      if (this.isReady) void this.postMessage({ type: 'showTab', tab });
      // As `setTab`: the webview does not announce a tab the host chose.
      this.otherTabs?.ask();
      return;
    }
    this.tabRequested = true;
    this.early = this.askEarly();
  }

  /** The tab's numbers asked of the analysis worker now (large tables only), for `post` to take when the webview is up. */
  private askEarly(): TrendsPanel['early'] {
    const state = this.service.state;
    if (state.kind !== 'loaded' || !this.analysis || state.view.dataset.papers.length < this.analysis.minRows) return undefined;
    const part = partOf(this.tab);
    const name = this.datasetName(state.uri);
    const result = this.analysis.client.computeParts(state.view, this.filters, name, this.topicsBy, [part]);
    // Not taken (the webview asked for other filters, or the panel closed): its failure is nobody's.
    result.catch(() => undefined);
    return { view: state.view, filters: JSON.stringify(this.filters), name, topicsBy: this.topicsBy, part, result };
  }

  /** The tab on show. */
  get currentTab(): FindingsTab {
    return this.tab;
  }

  /** The topics and diffusion numbers on show (for tests and exports). */
  get findings(): FindingsView | undefined {
    if (this.pending || (this.computing && !this.fresh.findings)) this.postInline();
    return this.panel ? this.lastFindings : undefined;
  }

  /** `findings`, after the analysis worker's answer to a redraw under way (see `upToDate`): for commands, which may wait. */
  async upToDateFindings(): Promise<FindingsView | undefined> {
    await this.upToDate('findings');
    return this.findings;
  }

  get isOpen(): boolean {
    return this.panel !== undefined;
  }

  /** The numbers on show (for tests and exports), brought up to date first when a redraw is due. */
  get view(): TrendsView | undefined {
    // A redraw the worker has not answered yet is computed here (exports, tests): same numbers.
    if (this.pending || (this.computing && !this.fresh.trends)) this.postInline();
    if (!this.lastView && this.lastViewJson) this.lastView = decodeTrendsWire(textOf(this.lastViewJson), (id) => this.pointsOf(id)).view;
    return this.panel ? this.lastView : undefined;
  }

  /** The points of the kept list `id` (see `keptPoints`), or undefined when it is not the one kept. */
  private pointsOf(id: number): readonly TrendsPoint[] | undefined {
    const kept = this.keptPoints;
    if (!kept || kept.id !== id) return undefined;
    return (kept.points ??= decodeTrendsWire(textOf(kept.json)).view.points);
  }

  get currentFilters(): TrendsFilters {
    return this.filters;
  }

  /** The Topics tab's Domain / Task switch (the report follows it). */
  get currentTopicsBy(): TopicsBy {
    return this.topicsBy;
  }

  protected override revived(state: TrendsState | undefined): void {
    if (state?.filters) this.filters = { ...DEFAULT_TRENDS_FILTERS, ...state.filters };
    if (isFindingsTab(state?.tab)) this.tab = state.tab;
    if (state?.topicsBy === 'task' || state?.topicsBy === 'domain') this.topicsBy = state.topicsBy;
  }

  /** Apply filters as the webview would (used by the webview's messages and by tests). */
  setFilters(filters: TrendsFilters): void {
    this.filters = { ...DEFAULT_TRENDS_FILTERS, ...filters };
    this.post();
  }

  /**
   * Export a chart (SVG/PNG drawn by the webview in a light, print-ready style), the numbers of a
   * chart as CSV (the plotted points, the top-k shares per year and sector, the models per year and
   * sector), the fit table (CSV) or copy the fit table as Markdown. Without `target` the user picks
   * the file. Writes are atomic. Returns the written file (or undefined for the clipboard/cancel).
   */
  async export(request: TrendsExport, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    // A redraw under way: its numbers from the worker (the other tabs' asked at once), not computed
    // here; a Topics or Diffusion chart needs only those tabs' numbers.
    const findingsChart = isFindingsChart(request.chart);
    await this.upToDate(findingsChart ? 'findings' : 'trends');
    const view = findingsChart ? undefined : this.view;
    if (!this.panel || !(findingsChart ? this.findings : view)) throw new Error('Open the Compute Divide: Findings panel first.');
    if (request.chart === 'fits' && request.format === 'markdown') {
      await vscode.env.clipboard.writeText(fitsMarkdown(view!.fits));
      void vscode.window.setStatusBarMessage('Fit table copied as Markdown', 3000);
      return undefined;
    }
    let bytes: Uint8Array;
    // A findings chart's numbers may still be missing after the wait (no worker): `findings` brings them up to date.
    if (request.format === 'csv') bytes = Buffer.from(csvOf(request.chart, view, findingsChart ? this.findings : undefined), 'utf8');
    else if (request.chart === 'fits') throw new Error('the fit table exports as CSV or Markdown');
    else {
      const content = await this.requestImage(request.chart, request.format);
      bytes = request.format === 'svg' ? Buffer.from(content, 'utf8') : Buffer.from(content.replace(/^data:image\/png;base64,/, ''), 'base64');
    }
    const state = this.service.state;
    // Named after the table's file (for the bundled snapshot, notable_ai_models_<date>), not its attribution.
    const base = state.kind === 'loaded' ? path.posix.basename(state.uri.path, '.csv') : path.basename((view ?? this.lastView)?.datasetName ?? 'findings', '.csv');
    const stem = `${base}-${STEMS[request.chart]}${request.format === 'csv' && request.chart === 'compute' ? '-points' : ''}`;
    const file = target ?? (await this.askForFile(`${stem}.${request.format}`, request.format));
    if (!file) return undefined;
    await writeFileAtomic(file.fsPath, bytes);
    void vscode.window.showInformationMessage(`Saved ${vscode.workspace.asRelativePath(file)}`);
    return file;
  }

  /**
   * Wait, at most `UP_TO_DATE_MS`, until the numbers of `part` are those of the filters and the
   * table on show: the analysis worker's answer to the redraw under way, the other tabs' part asked
   * at once instead of after `OTHER_TABS_DELAY_MS`. An export waits here rather than have the
   * getters compute the numbers on the host's thread (0.3–0.6 s at 100,000 rows, the editor
   * blocked meanwhile); whatever is still missing after the wait (or without a worker) they
   * compute as before.
   */
  private async upToDate(part: AnalysisPart): Promise<void> {
    const until = Date.now() + UP_TO_DATE_MS;
    while (this.panel && (this.pending !== undefined || (this.computing && !this.fresh[part])) && Date.now() < until) {
      // Exists once the first part is drawn, and is then the part still missing.
      this.otherTabs?.ask();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  private async askForFile(name: string, format: string): Promise<vscode.Uri | undefined> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    return vscode.window.showSaveDialog({
      defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
      filters: { [format.toUpperCase()]: [format] },
      title: 'Export from Compute Divide: Findings',
    });
  }

  private async requestImage(chart: ExportChartId, format: 'svg' | 'png'): Promise<string> {
    return (await this.images.request({ type: 'requestExport', chart, format })).content;
  }

  protected override detached(_panel: vscode.WebviewPanel, wasCurrent: boolean): void {
    if (!wasCurrent) return;
    this.generation++;
    this.computing = false;
    this.lastView = undefined;
    this.lastViewJson = undefined;
    this.lastFindings = undefined;
    this.early = undefined;
    this.webviewPoints = undefined;
    this.keptPoints = undefined;
    this.otherTabs?.drop();
  }

  protected readonly handlers: MessageHandlers<TrendsToHost> = {
    ready: (message) => {
      if (message.filters) this.filters = { ...DEFAULT_TRENDS_FILTERS, ...message.filters };
      if (message.topicsBy) this.topicsBy = message.topicsBy;
      // A command asked for a tab before the webview came up: that tab wins over the saved one.
      if (!this.tabRequested) this.tab = message.tab ?? 'trends';
      else if ((message.tab ?? 'trends') !== this.tab) void this.postMessage({ type: 'showTab', tab: this.tab });
      this.tabRequested = false;
      // A webview that (re)started keeps no list of points.
      this.webviewPoints = undefined;
      this.post();
    },
    // The webview read numbers that refer to a list of points it does not keep: send them whole.
    pointsMissing: () => {
      this.webviewPoints = undefined;
      this.post();
    },
    setFilters: (message) => this.setFilters(message.filters),
    // The details open beside this panel, never over it.
    revealPaper: (message) => this.revealPaper(message.id, this.panel?.viewColumn),
    export: (message) => this.exportSafely({ chart: message.chart, format: message.format }),
    exportFitsCsv: () => this.exportSafely({ chart: 'fits', format: 'csv' }),
    copyFitsMarkdown: () => this.exportSafely({ chart: 'fits', format: 'markdown' }),
    exported: (message) => {
      if (!this.images.receive(message)) this.log(`${FINDINGS_TITLE}: ignored an export answer for request ${message.requestId}, which no export waits for`);
    },
    rendered: (message) => this.renderedEmitter.fire({ ms: message.ms, points: message.points }),
    setTab: (message) => {
      this.tab = message.tab;
      // Its numbers are wanted now.
      this.otherTabs?.ask();
    },
    setTopicsBy: (message) => {
      this.topicsBy = message.by;
      this.post();
    },
    revealTopic: async (message) => {
      await this.actions.revealTopic?.(message.topic, message.by);
    },
    labelBaseModel: async (message) => {
      await this.actions.labelBaseModel?.(message.name);
    },
    // The panel's button runs the command, so both go through one path (and its error messages).
    exportReport: async () => {
      await vscode.commands.executeCommand(COMMAND_IDS.exportFindingsReport);
    },
  };

  private async exportSafely(request: TrendsExport): Promise<void> {
    try {
      await this.export(request);
    } catch (error) {
      void vscode.window.showErrorMessage(`Export failed: ${(error as Error).message}`);
    }
  }

  /** The name charts credit: "Source: Epoch AI, <name>"; the bundled snapshot is credited as CC BY 4.0 asks. */
  private datasetName(uri: vscode.Uri): string {
    const bundled = this.service.shownBundled;
    return bundled ? `${bundled.meta.title} (${bundled.meta.licence}), bundled snapshot ${bundled.meta.snapshotDate}` : path.basename(uri.fsPath);
  }

  /**
   * Redraw: for a table of `analysis.minRows` rows or more the numbers are computed in the analysis
   * worker and sent when it answers (the host's thread only sends the rows a label changed, and
   * passes the trends numbers on as bytes); otherwise here, at once.
   */
  private post(): void {
    clearTimeout(this.pending);
    this.pending = undefined;
    if (!this.panel || !this.isReady) return;
    const state = this.service.state;
    if (state.kind !== 'loaded' || !this.analysis || state.view.dataset.papers.length < this.analysis.minRows) {
      this.postInline();
      return;
    }
    const generation = ++this.generation;
    this.otherTabs?.drop();
    this.computing = true;
    this.fresh = { trends: false, findings: false };
    // The tab on show first (its numbers drawn as soon as they are ready), then the other tabs'.
    const first = partOf(this.tab);
    const second: AnalysisPart = first === 'trends' ? 'findings' : 'trends';
    const { client } = this.analysis;
    const view = state.view;
    const name = this.datasetName(state.uri);
    const filters = this.filters;
    const topicsBy = this.topicsBy;
    const current = (): boolean => generation === this.generation && this.panel !== undefined;
    const deliver = (result: Partial<AnalysisResult>): void => {
      if (result.trends) {
        this.fresh.trends = true;
        this.lastView = undefined;
        const gzip = result.trendsGzip === true;
        this.lastViewJson = { bytes: result.trends, gzip };
        // Carried every point: the list the webview keeps from now on (a reference keeps the id).
        if (result.pointsBase !== undefined && result.pointsBase !== this.keptPoints?.id) this.keptPoints = { id: result.pointsBase, json: this.lastViewJson };
        this.webviewPoints = result.pointsBase;
        void this.postMessage({ type: 'dataJson', json: result.trends, ...(gzip ? { gzip } : {}) });
      }
      if (result.findings) {
        this.fresh.findings = true;
        this.lastFindings = result.findings;
        void this.postMessage({ type: 'findings', view: result.findings });
      }
    };
    const early = this.early;
    this.early = undefined;
    const firstResult =
      early && early.view === view && early.part === first && early.name === name && early.topicsBy === topicsBy && early.filters === JSON.stringify(filters)
        ? early.result
        : client.computeParts(view, filters, name, topicsBy, [first], this.webviewPoints);
    firstResult
      .then((result) => {
        if (!result || !current()) return undefined;
        deliver(result);
        return new Promise<Partial<AnalysisResult> | undefined>((resolve) => {
          const settle = (ask: boolean): void => {
            clearTimeout(timer);
            if (this.otherTabs === other) this.otherTabs = undefined;
            resolve(ask && current() ? client.computeParts(view, filters, name, topicsBy, [second], this.webviewPoints) : undefined);
          };
          const timer = setTimeout(() => settle(true), OTHER_TABS_DELAY_MS);
          const other = { ask: () => settle(true), drop: () => settle(false) };
          this.otherTabs = other;
          // A tab of the other part was shown while the first was computed: its numbers are wanted now.
          if (partOf(this.tab) === second) settle(true);
        });
      })
      .then(
        (result) => {
          if (!result || !current()) return;
          this.computing = false;
          deliver(result);
        },
        (error: unknown) => {
          if (generation !== this.generation || !this.panel) return;
          // The same numbers (or the same error, e.g. an impossible date) on the host's thread.
          this.log(`${FINDINGS_TITLE}: the analysis worker failed (${(error as Error).message}); computing on the host`);
          try {
            this.postInline();
          } catch (inline) {
            this.log(`${FINDINGS_TITLE}: ${(inline as Error).message}`);
          }
        },
      );
  }

  private postInline(): void {
    clearTimeout(this.pending);
    this.pending = undefined;
    this.generation++;
    this.computing = false;
    if (!this.panel || !this.isReady) return;
    const state = this.service.state;
    let message: TrendsToWebview;
    this.lastViewJson = undefined;
    if (state.kind === 'loaded') {
      const name = this.datasetName(state.uri);
      // The leaning switch changes the sectors every tab counts (docs/trends.md, "Leaning").
      const dataset = this.filters.byLeaning ? countCollaborationsByLeaning(state.view.dataset) : state.view.dataset;
      this.lastView = buildTrendsView(dataset, this.filters, name);
      message = { type: 'data', view: this.lastView };
      this.lastFindings = buildFindingsView(dataset, this.filters, this.topicsBy);
      void this.postMessage(message);
      message = { type: 'findings', view: this.lastFindings };
    } else {
      this.lastView = undefined;
      this.lastFindings = undefined;
      message = { type: 'empty', message: state.kind === 'error' ? state.message : 'No dataset is loaded. Open an Epoch AI table to see compute trends.' };
    }
    void this.postMessage(message);
  }
}


/** Trends numbers as the analysis worker sent them: UTF-8 JSON, gzip-compressed when `gzip`. */
interface WorkerJson {
  bytes: Uint8Array;
  gzip: boolean;
}

/** The worker's part that holds a tab's numbers. */
function partOf(tab: FindingsTab): AnalysisPart {
  return tab === 'trends' ? 'trends' : 'findings';
}

/** The text of trends numbers as the worker sent them. */
function textOf(json: WorkerJson): string {
  return new TextDecoder().decode(json.gzip ? gunzipSync(json.bytes) : json.bytes);
}

/** File-name stems of the exports. */
const STEMS: Record<ExportChartId | 'fits', string> = { compute: 'training-compute', shares: 'shares', counts: 'counts', fits: 'fits', topics: 'topics', topicsTime: 'topics-per-period', diffusion: 'diffusion' };

/** The numbers of one chart (or of the fit table) as CSV, through core's formula-safe writer. */
function csvOf(chart: ExportChartId | 'fits', view: TrendsView | undefined, findings: FindingsView | undefined): string {
  if (!isFindingsChart(chart) && !view) throw new Error('the compute trends are not computed yet');
  switch (chart) {
    case 'topics':
      if (!findings) throw new Error('the topics are not computed yet');
      return topicsCsv(findings.topics);
    case 'topicsTime':
      if (!findings) throw new Error('the topics are not computed yet');
      return topicsTimeCsv(findings.topics);
    case 'diffusion':
      if (!findings) throw new Error('the diffusion numbers are not computed yet');
      return diffusionCsv(findings.diffusion);
    case 'fits':
      return fitsCsv(view!.fits);
    case 'compute':
      return pointsCsv(view!.points);
    case 'shares':
      return sharesCsv(view!.shares);
    case 'counts':
      return countsCsv(view!.counts);
    default: {
      const unexpected: never = chart;
      throw new Error(`unknown chart ${String(unexpected)}`);
    }
  }
}
