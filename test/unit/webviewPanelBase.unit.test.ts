/**
 * The panel base every webview panel shares (src/host/webviewPanelBase.ts), with the stand-in
 * vscode module's fake panel: create or reveal, revive with the webview's state, the ready
 * handshake (watchdog stopped, `isReady`), the message pump (each type to its handler, unknown
 * types ignored with a log line), handlers that throw or reject reported to the user and logged,
 * never escaping as unhandled rejections. Then the real panels on it: the Findings panel's chart
 * exports matched by `requestId` (two exports of the same chart at once each write their own
 * file), a stray answer ignored with a log line, and triage's handler errors still reported as
 * `Triage: …`.
 */
import { FakeWebviewPanel, vscodeCalls } from '../support/vscodeStub';
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { loadDataset } from '../../src/core/dataset/loadDataset';
import type { DatasetService } from '../../src/host/datasetService';
import type { LabelService } from '../../src/host/labelService';
import type { WatchdogClock } from '../../src/host/readyWatchdog';
import { OTHER_TABS_DELAY_MS, TrendsPanel, type TrendsAnalysis } from '../../src/host/trendsPanel';
import type { AnalysisClient } from '../../src/host/analysis/analysisClient';
import { DEFAULT_TRENDS_FILTERS, type TrendsFilters } from '../../src/shared/trendsProtocol';
import type { TopicsBy } from '../../src/shared/findingsProtocol';
import type { Dataset } from '../../src/core/dataset/model';
import { buildFindingsView } from '../../src/host/findingsViewModel';
import { topicsCsv } from '../../src/host/findingsCsv';
import { buildTrendsView } from '../../src/host/trendsViewModel';
import { encodeTrendsView } from '../../src/shared/trendsWire';
import { TriagePanel } from '../../src/host/triage/triagePanel';
import { WebviewPanelBase, type MessageHandlers } from '../../src/host/webviewPanelBase';
import { describeWithCorpus } from '../support/corpus';
import { TEST_DATA } from '../support/paths';

type ToWebview = { type: 'hello'; text: string };
type ToHost = { type: 'ready' } | { type: 'save'; name: string } | { type: 'boom' } | { type: 'reject' };
interface State {
  name?: string;
}

class ManualClock implements WatchdogClock {
  timers = new Map<number, () => void>();
  private next = 1;
  setTimeout(callback: () => void): unknown {
    this.timers.set(this.next, callback);
    return this.next++;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
}

/** A panel on the base with a tiny protocol. */
class TestPanel extends WebviewPanelBase<ToWebview, ToHost, State> {
  readonly saved: string[] = [];
  revivedWith: State | undefined | 'never' = 'never';
  constructor(log: (line: string) => void, clock: WatchdogClock) {
    super({ toString: () => 'ext' } as unknown as vscode.Uri, { viewType: 'test.panel', title: 'Test Panel', script: 'test.js', style: 'test/test.css' }, { log, clock });
  }
  open(): 'created' | 'revealed' {
    return this.createOrReveal({ viewColumn: -2 as vscode.ViewColumn, preserveFocus: true });
  }
  get ready(): boolean {
    return this.isReady;
  }
  protected override revived(state: State | undefined): void {
    this.revivedWith = state;
  }
  protected readonly handlers: MessageHandlers<ToHost> = {
    ready: () => void this.postMessage({ type: 'hello', text: 'hi' }),
    save: (message) => void this.saved.push(message.name),
    boom: () => {
      throw new Error('the label log is read-only');
    },
    reject: () => Promise.reject(new Error('disk full')),
  };
}

/** Let pending microtasks and one macrotask run (handlers are async). */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('webview panel base (src/host/webviewPanelBase.ts)', function () {
  let log: string[];
  let clock: ManualClock;
  let unhandled: unknown[];
  const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
  beforeEach(function () {
    vscodeCalls.reset();
    log = [];
    clock = new ManualClock();
    unhandled = [];
    process.on('unhandledRejection', onUnhandled);
  });
  afterEach(function () {
    process.off('unhandledRejection', onUnhandled);
  });

  it('creates the panel once with its HTML, then reveals it; ready stops the watchdog and runs the ready handler', async function () {
    const host = new TestPanel((l) => log.push(l), clock);
    assert.equal(host.open(), 'created');
    assert.equal(host.open(), 'revealed');
    assert.equal(vscodeCalls.panels.length, 1);
    const panel = vscodeCalls.panels[0];
    assert.equal(panel.viewType, 'test.panel');
    assert.equal(panel.title, 'Test Panel');
    assert.equal(panel.htmlHistory.length, 1);
    assert.match(panel.webview.html, /<title>Test Panel<\/title>/);
    assert.match(panel.webview.html, /dist\/test\.js/);
    assert.equal(clock.timers.size, 1, 'the watchdog waits for ready');
    assert.equal(host.ready, false);
    panel.receive!({ type: 'ready' });
    await settle();
    assert.equal(host.ready, true);
    assert.equal(clock.timers.size, 0, 'ready stopped the watchdog');
    assert.deepEqual(panel.posted, [{ type: 'hello', text: 'hi' }]);
    host.dispose();
  });

  it('revives a restored panel with the state its webview kept', function () {
    const host = new TestPanel((l) => log.push(l), clock);
    const panel = new FakeWebviewPanel('test.panel', 'Test Panel');
    void host.deserializeWebviewPanel(panel as unknown as vscode.WebviewPanel, { name: 'kept' });
    assert.deepEqual(host.revivedWith, { name: 'kept' });
    assert.equal(panel.htmlHistory.length, 1);
    const options = panel.webview.options as { enableScripts?: boolean; localResourceRoots?: unknown[] };
    assert.equal(options.enableScripts, true);
    assert.deepEqual(options.localResourceRoots?.map((uri) => String(uri).replace(/^.*\//, '')), ['dist', 'media'], 'only dist/ and media/');
    host.dispose();
  });

  it('re-creates a restored panel whose webview never reports ready, in its column with its title, five times at most (issue #10)', async function () {
    const host = new TestPanel((l) => log.push(l), clock);
    const restored = new FakeWebviewPanel('test.panel', 'GPT-4');
    restored.viewColumn = 2;
    restored.active = false;
    void host.deserializeWebviewPanel(restored as unknown as vscode.WebviewPanel, { name: 'kept' });
    const fire = (): void => {
      assert.equal(clock.timers.size, 1, 'one watchdog timer');
      const [[handle, callback]] = clock.timers;
      clock.timers.delete(handle);
      callback();
    };
    fire();
    // Setting the HTML again cannot wake a frame stuck on the service worker: a new panel it is.
    assert.equal(restored.disposed, true, 'the blank panel is closed');
    assert.equal(restored.htmlHistory.length, 1, 'its HTML was not set again');
    assert.equal(vscodeCalls.panels.length, 1);
    const fresh = vscodeCalls.panels[0];
    assert.deepEqual({ viewType: fresh.viewType, title: fresh.title, showOptions: fresh.showOptions }, { viewType: 'test.panel', title: 'GPT-4', showOptions: { viewColumn: 2, preserveFocus: true } });
    assert.equal(fresh.htmlHistory.length, 1);
    assert.equal((fresh.webview.options as { enableScripts?: boolean }).enableScripts, true);
    assert.match(log[0], /^Test Panel: the webview did not report ready within 4000 ms; re-creating it \(1 of 5\)$/);
    // The count goes on across the re-created panels, and ends after five.
    for (let i = 0; i < 4; i++) fire();
    assert.equal(vscodeCalls.panels.length, 5);
    assert.deepEqual(vscodeCalls.panels.map((p) => p.disposed), [true, true, true, true, false]);
    fire();
    assert.equal(vscodeCalls.panels.length, 5, 'no sixth panel');
    assert.equal(clock.timers.size, 0);
    assert.match(log[5], /did not report ready after 5 re-creations; giving up/);
    // The last one answers: it is the panel on show, and gets its content.
    const last = vscodeCalls.panels[4];
    last.receive!({ type: 'ready' });
    await settle();
    assert.equal(host.ready, true);
    assert.deepEqual(last.posted, [{ type: 'hello', text: 'hi' }]);
    host.dispose();
    assert.equal(last.disposed, true);
  });

  it('a panel that reports ready in time is kept, and a later blank spell counts from zero', async function () {
    const host = new TestPanel((l) => log.push(l), clock);
    host.open();
    const first = vscodeCalls.panels[0];
    const [[handle, callback]] = clock.timers;
    clock.timers.delete(handle);
    callback();
    const second = vscodeCalls.panels[1];
    assert.equal(first.disposed, true);
    second.receive!({ type: 'ready' });
    await settle();
    assert.equal(clock.timers.size, 0, 'ready stopped the watchdog');
    assert.equal(second.disposed, false);
    // Hidden and shown again, the webview runs its script anew; a silence now starts at 1 of 5.
    second.setVisible(false);
    second.setVisible(true);
    const [[handle2, callback2]] = clock.timers;
    clock.timers.delete(handle2);
    callback2();
    assert.equal(second.disposed, true);
    assert.equal(vscodeCalls.panels.length, 3);
    assert.match(log[1], /re-creating it \(1 of 5\)$/);
    host.dispose();
  });

  it('sends each message to the handler of its type', async function () {
    const host = new TestPanel((l) => log.push(l), clock);
    host.open();
    vscodeCalls.panels[0].receive!({ type: 'save', name: 'GPT-4' });
    await settle();
    assert.deepEqual(host.saved, ['GPT-4']);
    assert.deepEqual(log, []);
    host.dispose();
  });

  it('reports a handler that throws or rejects (an error message and a log line), without an unhandled rejection', async function () {
    const host = new TestPanel((l) => log.push(l), clock);
    host.open();
    const panel = vscodeCalls.panels[0];
    panel.receive!({ type: 'boom' });
    panel.receive!({ type: 'reject' });
    await settle();
    await settle();
    assert.deepEqual(vscodeCalls.messages, [
      { level: 'error', text: 'Test Panel: the label log is read-only' },
      { level: 'error', text: 'Test Panel: disk full' },
    ]);
    assert.equal(log.length, 2);
    assert.match(log[0], /^Test Panel: handling the 'boom' message failed: Error: the label log is read-only/);
    assert.match(log[1], /^Test Panel: handling the 'reject' message failed: Error: disk full/);
    assert.deepEqual(unhandled, []);
    // The pump still works afterwards.
    panel.receive!({ type: 'save', name: 'after' });
    await settle();
    assert.deepEqual(host.saved, ['after']);
    host.dispose();
  });

  it('ignores messages of an unknown type, or without a type, with a log line and no error for the user', async function () {
    const host = new TestPanel((l) => log.push(l), clock);
    host.open();
    const panel = vscodeCalls.panels[0];
    panel.receive!({ type: 'deleteEverything' });
    panel.receive!({ type: 'toString' });
    panel.receive!('ready');
    panel.receive!(null);
    await settle();
    assert.deepEqual(log, [
      'Test Panel: ignored a message of unknown type "deleteEverything"',
      'Test Panel: ignored a message of unknown type "toString"',
      'Test Panel: ignored a message of unknown type "ready"',
      'Test Panel: ignored a message of unknown type null',
    ]);
    assert.deepEqual(vscodeCalls.messages, []);
    assert.deepEqual(unhandled, []);
    assert.equal(host.ready, false, 'a bare string "ready" is not the handshake');
    host.dispose();
  });

  it('triage reports its handler errors as "Triage: …", as before the base', async function () {
    const labels = { onDidChange: () => ({ dispose: () => undefined }), annotator: () => Promise.resolve('ada'), blindCoding: false } as unknown as LabelService;
    const service = { view: undefined, onDidChange: () => ({ dispose: () => undefined }) } as unknown as DatasetService;
    const triage = new TriagePanel({ toString: () => 'ext' } as unknown as vscode.Uri, service, labels, undefined, { log: (l) => log.push(l), clock });
    const panel = new FakeWebviewPanel('computeDivide.triage', 'Affiliation Triage');
    void triage.deserializeWebviewPanel(panel as unknown as vscode.WebviewPanel, undefined);
    // A handler that fails (here the blind-coding switch, made to fail as a read-only settings store would).
    (triage as unknown as { handlers: { toggleBlind: () => Promise<void> } }).handlers.toggleBlind = () => Promise.reject(new Error('settings are read-only'));
    panel.receive!({ type: 'toggleBlind' });
    await settle();
    assert.deepEqual(vscodeCalls.messages, [{ level: 'error', text: 'Triage: settings are read-only' }]);
    assert.deepEqual(unhandled, []);
    triage.dispose();
  });
});

describeWithCorpus('the Findings panel exports through the request/response helper', function () {
  const FILE = 'notable_ai_models_2026-07.csv';
  let dir: string;
  let service: DatasetService;
  before(function () {
    const dataset = loadDataset(readFileSync(path.join(TEST_DATA, 'epoch', FILE)), FILE);
    service = {
      state: { kind: 'loaded', uri: { path: `/data/${FILE}`, fsPath: `/data/${FILE}` }, view: { dataset } },
      view: { dataset },
      shownBundled: undefined,
      onDidChange: () => ({ dispose: () => undefined }),
    } as unknown as DatasetService;
  });
  beforeEach(function () {
    vscodeCalls.reset();
    dir = mkdtempSync(path.join(tmpdir(), 'findui-export-'));
  });
  afterEach(function () {
    rmSync(dir, { recursive: true, force: true });
  });

  const target = (name: string): vscode.Uri => ({ fsPath: path.join(dir, name), path: path.join(dir, name) }) as unknown as vscode.Uri;

  it('two SVG exports of the same chart at once each write their own answer', async function () {
    const log: string[] = [];
    const trends = new TrendsPanel({ toString: () => 'ext' } as unknown as vscode.Uri, service, () => Promise.resolve(), { log: (l) => log.push(l), clock: new ManualClock() });
    trends.show();
    const panel = vscodeCalls.panels[0];
    panel.receive!({ type: 'ready' });
    await settle();
    assert.ok(trends.view, 'the panel computed its view');
    panel.posted.length = 0;
    const first = trends.export({ chart: 'compute', format: 'svg' }, target('first.svg'));
    const second = trends.export({ chart: 'compute', format: 'svg' }, target('second.svg'));
    await settle();
    const asked = panel.posted as { type: string; requestId: number; chart: string; format: string }[];
    assert.deepEqual(
      asked.map((m) => [m.type, m.chart, m.format]),
      [
        ['requestExport', 'compute', 'svg'],
        ['requestExport', 'compute', 'svg'],
      ],
    );
    assert.notEqual(asked[0].requestId, asked[1].requestId, 'each request its own id');
    // The answers come in the other order, and a stray one with an unknown id comes in between.
    panel.receive!({ type: 'exported', requestId: asked[1].requestId, chart: 'compute', format: 'svg', content: '<svg>second</svg>' });
    panel.receive!({ type: 'exported', requestId: 999, chart: 'compute', format: 'svg', content: '<svg>stray</svg>' });
    panel.receive!({ type: 'exported', requestId: asked[0].requestId, chart: 'compute', format: 'svg', content: '<svg>first</svg>' });
    assert.equal((await first)?.fsPath, path.join(dir, 'first.svg'));
    assert.equal((await second)?.fsPath, path.join(dir, 'second.svg'));
    assert.equal(readFileSync(path.join(dir, 'first.svg'), 'utf8'), '<svg>first</svg>');
    assert.equal(readFileSync(path.join(dir, 'second.svg'), 'utf8'), '<svg>second</svg>');
    await settle();
    assert.deepEqual(log, ['Compute Divide: Findings: ignored an export answer for request 999, which no export waits for']);
    trends.dispose();
  });

  /** A stand-in analysis worker: records what it is asked, answers the trends part when the test says. */
  const fakeAnalysis = () => {
    const calls: { parts: readonly string[]; filters: TrendsFilters; pointsBase?: number }[] = [];
    const answers: ((result: unknown) => void)[] = [];
    const client = {
      prepare: () => undefined,
      computeParts: (_view: unknown, filters: TrendsFilters, _name: string, _by: string, parts: readonly string[], pointsBase?: number) => {
        calls.push({ parts, filters, ...(pointsBase !== undefined ? { pointsBase } : {}) });
        return new Promise((resolve) => (parts[0] === 'trends' ? answers.push(resolve) : resolve({ findings: { stand: 'in' } })));
      },
    };
    return { calls, answers, analysis: { client: client as unknown as AnalysisClient, minRows: 1 } };
  };

  /** A Findings panel on `analysis`, shown, its webview up (`ready` handled). */
  const openPanel = async (analysis: TrendsAnalysis): Promise<{ trends: TrendsPanel; panel: FakeWebviewPanel }> => {
    const trends = new TrendsPanel({ toString: () => 'ext' } as unknown as vscode.Uri, service, () => Promise.resolve(), { log: () => undefined, clock: new ManualClock() }, {}, analysis);
    trends.show();
    const panel = vscodeCalls.panels[0];
    panel.receive!({ type: 'ready' });
    await settle();
    return { trends, panel };
  };

  /** The stand-in worker answers the oldest trends request (`extra` beside its bytes), and the panel takes it. */
  const answerTrends = async (answers: ((result: unknown) => void)[], extra: object = {}): Promise<void> => {
    answers.shift()!({ trends: new TextEncoder().encode('{}'), ...extra });
    await settle();
    await settle();
  };

  it('asks the analysis worker for the first tab when it creates the panel, and draws that answer once the webview is up, without asking again', async function () {
    const { calls, answers, analysis } = fakeAnalysis();
    const trends = new TrendsPanel({ toString: () => 'ext' } as unknown as vscode.Uri, service, () => Promise.resolve(), { log: () => undefined, clock: new ManualClock() }, {}, analysis);
    trends.show();
    assert.deepEqual(calls.map((c) => c.parts), [['trends']], 'asked before the webview is up');
    const panel = vscodeCalls.panels[0];
    panel.receive!({ type: 'ready' });
    await settle();
    assert.equal(calls.length, 1, 'the early request is taken, not asked again');
    const json = new TextEncoder().encode('{"stand":"in"}');
    answers[0]({ trends: json });
    await settle();
    await settle();
    assert.deepEqual(panel.posted[0], { type: 'dataJson', json });
    // The other tabs' numbers are asked a moment later (a label or a filter change meanwhile is not queued behind them) …
    assert.deepEqual(calls.map((c) => c.parts), [['trends']]);
    await new Promise((resolve) => setTimeout(resolve, OTHER_TABS_DELAY_MS + 100));
    assert.deepEqual(calls.map((c) => c.parts), [['trends'], ['findings']]);
    trends.dispose();
  });

  it('asks for the other tabs at once when one of them is shown, and not at all when a newer redraw came first', async function () {
    const { calls, answers, analysis } = fakeAnalysis();
    const { trends, panel } = await openPanel(analysis);
    await answerTrends(answers);
    panel.receive!({ type: 'setTab', tab: 'topics' });
    await settle();
    assert.deepEqual(calls.map((c) => c.parts), [['trends'], ['findings']], 'asked when the tab was shown');
    // Back on Compute trends: a filter change, drawn; a second filter change before the delay is over.
    panel.receive!({ type: 'setTab', tab: 'trends' });
    trends.setFilters({ ...DEFAULT_TRENDS_FILTERS, sectors: ['Academia'] });
    await settle();
    await answerTrends(answers);
    trends.setFilters({ ...DEFAULT_TRENDS_FILTERS, sectors: ['Industry'] });
    await settle();
    await new Promise((resolve) => setTimeout(resolve, OTHER_TABS_DELAY_MS + 100));
    assert.deepEqual(calls.map((c) => [c.parts[0], c.filters.sectors]), [
      ['trends', DEFAULT_TRENDS_FILTERS.sectors],
      ['findings', DEFAULT_TRENDS_FILTERS.sectors],
      ['trends', ['Academia']],
      ['trends', ['Industry']],
    ], 'the Academia redraw never asked for the other tabs');
    trends.dispose();
  });

  it('asks for the other tabs at once when one of them was shown before the tab on show was drawn', async function () {
    const { calls, answers, analysis } = fakeAnalysis();
    const { trends, panel } = await openPanel(analysis);
    // Topics is shown while the worker is still on the Compute trends numbers.
    panel.receive!({ type: 'setTab', tab: 'topics' });
    await settle();
    await answerTrends(answers);
    assert.deepEqual(calls.map((c) => c.parts), [['trends'], ['findings']], 'the Topics numbers are asked as soon as the worker is free, not a second later');
    trends.dispose();
  });

  it('asks for the other tabs at once when a command shows one of them in the open panel', async function () {
    const { calls, answers, analysis } = fakeAnalysis();
    const { trends, panel } = await openPanel(analysis);
    await answerTrends(answers);
    assert.deepEqual(calls.map((c) => c.parts), [['trends']]);
    // The webview is told to show Diffusion (it does not answer with setTab): the host asks for its numbers itself.
    trends.show('diffusion');
    await settle();
    assert.ok(panel.posted.some((m) => (m as { type: string; tab?: string }).type === 'showTab' && (m as { tab?: string }).tab === 'diffusion'), 'the webview is told');
    assert.deepEqual(calls.map((c) => c.parts), [['trends'], ['findings']], 'asked when the command showed the tab');
    trends.dispose();
  });

  it('tells the worker which list of points the webview keeps: the last sent whole, none after a reload or when the webview says it lacks it', async function () {
    const { calls, answers, analysis } = fakeAnalysis();
    const { trends, panel } = await openPanel(analysis);
    const answer = (pointsBase: number): Promise<void> => answerTrends(answers, { pointsBase });
    const trendsCalls = () => calls.filter((c) => c.parts[0] === 'trends').map((c) => c.pointsBase ?? 'none');
    await answer(7);
    panel.receive!({ type: 'setTab', tab: 'topics' });
    panel.receive!({ type: 'setTab', tab: 'trends' });
    trends.setFilters({ ...DEFAULT_TRENDS_FILTERS, sectors: ['Academia'] });
    await settle();
    // The findings part (asked when its tab was shown), then the filter change: both name list 7.
    assert.deepEqual(trendsCalls(), ['none', 7]);
    assert.equal(calls.find((c) => c.parts[0] === 'findings')?.pointsBase, 7);
    await answer(7);
    // The webview lost the list (it says so): the next request names none.
    panel.receive!({ type: 'pointsMissing' });
    await settle();
    assert.deepEqual(trendsCalls(), ['none', 7, 'none']);
    await answer(12);
    trends.setFilters(DEFAULT_TRENDS_FILTERS);
    await settle();
    assert.deepEqual(trendsCalls(), ['none', 7, 'none', 12]);
    await answer(12);
    // A reloaded webview keeps nothing.
    panel.receive!({ type: 'ready' });
    await settle();
    assert.deepEqual(trendsCalls(), ['none', 7, 'none', 12, 'none']);
    trends.dispose();
  });

  it("a Topics CSV exported before the other tabs' numbers came is of the filters on show, not of the previous ones, and comes from the worker, asked at once", async function () {
    // A stand-in worker with real numbers: the trends part when the test says, the findings part at once.
    const dataset = (service.state as { view: { dataset: Dataset } }).view.dataset;
    const asked: TrendsFilters[] = [];
    const askedFindings: TrendsFilters[] = [];
    const trendsAnswers: (() => void)[] = [];
    const client = {
      prepare: () => undefined,
      computeParts: (_view: unknown, filters: TrendsFilters, name: string, by: TopicsBy, parts: readonly string[]) =>
        new Promise((resolve) => {
          if (parts[0] === 'findings') {
            askedFindings.push(filters);
            resolve({ findings: buildFindingsView(dataset, filters, by) });
          }
          else {
            asked.push(filters);
            trendsAnswers.push(() => resolve({ trends: new TextEncoder().encode(encodeTrendsView(buildTrendsView(dataset, filters, name))) }));
          }
        }),
    };
    const { trends, panel } = await openPanel({ client: client as unknown as AnalysisClient, minRows: 1 });
    trendsAnswers.shift()!();
    await settle();
    await settle();
    // Topics shown (its numbers for every sector come), then Compute trends again and a filter.
    panel.receive!({ type: 'setTab', tab: 'topics' });
    await settle();
    await settle();
    panel.receive!({ type: 'setTab', tab: 'trends' });
    const academia: TrendsFilters = { ...DEFAULT_TRENDS_FILTERS, sectors: ['Academia'] };
    trends.setFilters(academia);
    await settle();
    trendsAnswers.shift()!();
    await settle();
    await settle();
    assert.deepEqual(asked.map((f) => f.sectors), [DEFAULT_TRENDS_FILTERS.sectors, ['Academia']]);
    // The Academia trends are drawn; its topics are asked a second later. An export now:
    const exportedAt = Date.now();
    const file = await trends.export({ chart: 'topics', format: 'csv' }, target('topics.csv'));
    const written = readFileSync(file!.fsPath, 'utf8');
    const academiaTopics = topicsCsv(buildFindingsView(dataset, academia, 'domain').topics);
    assert.notEqual(academiaTopics, topicsCsv(buildFindingsView(dataset, DEFAULT_TRENDS_FILTERS, 'domain').topics), 'the two filters give other topics');
    assert.equal(written, academiaTopics);
    // The export asked the worker for them then (not a second later), and did not compute them on the host's thread.
    assert.deepEqual(askedFindings.map((f) => f.sectors), [DEFAULT_TRENDS_FILTERS.sectors, ['Academia']]);
    assert.ok(Date.now() - exportedAt < OTHER_TABS_DELAY_MS, `the export took ${Date.now() - exportedAt} ms`);
    trends.dispose();
  });

  it('a Topics CSV waits for the Topics numbers only: exported while the Compute trends numbers of the same redraw are still out', async function () {
    // A stand-in worker with real numbers: the findings part at once, the trends part never (within this test).
    const dataset = (service.state as { view: { dataset: Dataset } }).view.dataset;
    const askedTrends: TrendsFilters[] = [];
    const client = {
      prepare: () => undefined,
      computeParts: (_view: unknown, filters: TrendsFilters, _name: string, by: TopicsBy, parts: readonly string[]) =>
        new Promise((resolve) => {
          if (parts[0] === 'findings') resolve({ findings: buildFindingsView(dataset, filters, by) });
          else askedTrends.push(filters);
        }),
    };
    const trends = new TrendsPanel({ toString: () => 'ext' } as unknown as vscode.Uri, service, () => Promise.resolve(), { log: () => undefined, clock: new ManualClock() }, {}, { client: client as unknown as AnalysisClient, minRows: 1 });
    // The Topics tab on show: its numbers are the part asked first.
    trends.show('topics');
    vscodeCalls.panels[0].receive!({ type: 'ready' });
    await settle();
    const academia: TrendsFilters = { ...DEFAULT_TRENDS_FILTERS, sectors: ['Academia'] };
    trends.setFilters(academia);
    await settle();
    await settle();
    const file = await trends.export({ chart: 'topics', format: 'csv' }, target('topics-only.csv'));
    assert.equal(readFileSync(file!.fsPath, 'utf8'), topicsCsv(buildFindingsView(dataset, academia, 'domain').topics));
    // The Compute trends numbers of the Academia redraw were not waited for (nor asked for by the export).
    assert.ok(!askedTrends.some((f) => f.sectors?.includes('Academia')), 'the export asked for the trends numbers');
    trends.dispose();
  });

  it('asks again when the webview comes up with other filters than the early request had', async function () {
    const { calls, analysis } = fakeAnalysis();
    const trends = new TrendsPanel({ toString: () => 'ext' } as unknown as vscode.Uri, service, () => Promise.resolve(), { log: () => undefined, clock: new ManualClock() }, {}, analysis);
    trends.show();
    vscodeCalls.panels[0].receive!({ type: 'ready', filters: { ...DEFAULT_TRENDS_FILTERS, sectors: ['Academia'] } });
    await settle();
    assert.deepEqual(calls.map((c) => [c.parts, c.filters.sectors]), [
      [['trends'], DEFAULT_TRENDS_FILTERS.sectors],
      [['trends'], ['Academia']],
    ]);
    trends.dispose();
  });

  it("an export the webview cannot draw fails with the webview's reason", async function () {
    const trends = new TrendsPanel({ toString: () => 'ext' } as unknown as vscode.Uri, service, () => Promise.resolve(), { log: () => undefined, clock: new ManualClock() });
    trends.show();
    const panel = vscodeCalls.panels[0];
    panel.receive!({ type: 'ready' });
    await settle();
    panel.posted.length = 0;
    const png = trends.export({ chart: 'shares', format: 'png' }, target('shares.png'));
    await settle();
    const [asked] = panel.posted as { requestId: number }[];
    panel.receive!({ type: 'exported', requestId: asked.requestId, chart: 'shares', format: 'png', content: '', error: 'No data to export yet.' });
    await assert.rejects(png, /No data to export yet\./);
    trends.dispose();
  });
}, ['epoch/notable_ai_models_2026-07.csv']);
