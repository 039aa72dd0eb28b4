/**
 * The Findings panel's host (src/host/trendsPanel.ts, on the shared panel base, with the vscode
 * stand-in) wired to its real webview script (dist/trends.js in headless Chromium): every message
 * the host posts is delivered to the page, and every message the page posts goes through the
 * base's message pump. Checks the whole handshake (ready → data → rendered) and the exports'
 * request/response end to end: two SVG exports of the same chart asked at once each write their
 * own file, drawn by the webview; an SVG export asked while the analysis worker redraws is drawn
 * from the worker's new numbers.
 */
import { FakeWebviewPanel, vscodeCalls } from '../support/vscodeStub';
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import type * as vscode from 'vscode';
import { loadDataset } from '../../src/core/dataset/loadDataset';
import type { DatasetService } from '../../src/host/datasetService';
import { TrendsPanel } from '../../src/host/trendsPanel';
import { AnalysisClient, type AnalysisResult } from '../../src/host/analysis/analysisClient';
import { DatasetView } from '../../src/host/datasetView';
import { buildTrendsView } from '../../src/host/trendsViewModel';
import { DEFAULT_TRENDS_FILTERS, type TrendsFilters } from '../../src/shared/trendsProtocol';
import { encodeTrendsUpdate } from '../../src/shared/trendsWire';
import type { Dataset } from '../../src/core/dataset/model';
import { REPO } from '../support/paths';
import { useTrendsSuite } from './helpers/trendsPage';
import type { Posted } from './helpers/webviewPage';
import { describeWithCorpus } from '../support/corpus';
import { TEST_DATA } from '../support/paths';

const FILE = 'notable_ai_models_2026-07.csv';

/** Carry messages both ways between a fake panel and the page until `stop` is called. */
function wire(panel: FakeWebviewPanel, page: Page): () => void {
  let delivered = 0;
  let running = true;
  panel.webview.postMessage = (message: unknown) => {
    panel.posted.push(message);
    void page.evaluate((m) => window.postMessage(m, '*'), message).catch(() => undefined);
    return Promise.resolve(true);
  };
  const pump = async (): Promise<void> => {
    while (running) {
      const fresh = await page.evaluate((from) => (window as unknown as { __vscodeMessages: Posted[] }).__vscodeMessages.slice(from), delivered).catch(() => []);
      delivered += fresh.length;
      for (const message of fresh) panel.receive?.(message);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  void pump();
  return () => {
    running = false;
  };
}

describeWithCorpus(
  'Findings panel host and webview together (TrendsPanel ↔ dist/trends.js)',
  function () {
    this.timeout(60_000);
    const suite = useTrendsSuite();
    let service: DatasetService;
    let dir: string;
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
      dir = mkdtempSync(path.join(tmpdir(), 'findui-host-'));
    });
    afterEach(function () {
      rmSync(dir, { recursive: true, force: true });
    });

    it('draws after the handshake, and answers two SVG exports of the same chart at once, each into its own file', async function () {
      const page = await suite.open();
      const log: string[] = [];
      const trends = new TrendsPanel({ toString: () => 'ext' } as unknown as vscode.Uri, service, () => Promise.resolve(), { log: (l) => log.push(l) });
      const rendered = new Promise<{ points: number }>((resolve) => trends.onDidRender(resolve));
      trends.show();
      const panel = vscodeCalls.panels[0];
      const stop = wire(panel, page);
      try {
        // The page posted `ready` when it loaded; the pump delivers it, the host answers with data.
        assert.equal((await rendered).points, 529);
        assert.equal(trends.view?.points.length, 529);
        const target = (name: string): vscode.Uri => ({ fsPath: path.join(dir, name), path: path.join(dir, name) }) as unknown as vscode.Uri;
        const [first, second] = await Promise.all([trends.export({ chart: 'counts', format: 'svg' }, target('a.svg')), trends.export({ chart: 'counts', format: 'svg' }, target('b.svg'))]);
        assert.equal(first?.fsPath, path.join(dir, 'a.svg'));
        assert.equal(second?.fsPath, path.join(dir, 'b.svg'));
        for (const file of ['a.svg', 'b.svg']) {
          const svg = readFileSync(path.join(dir, file), 'utf8');
          assert.match(svg, /^<svg/);
          assert.match(svg, /Y-axis titled 'Models'/);
        }
        const asked = panel.posted.filter((m) => (m as { type: string }).type === 'requestExport') as { requestId: number }[];
        assert.equal(asked.length, 2);
        assert.notEqual(asked[0].requestId, asked[1].requestId);
        assert.deepEqual(log, []);
      } finally {
        stop();
        trends.dispose();
      }
    });

    it('an SVG export asked while the analysis worker redraws is drawn from its new numbers (gzip-compressed, as large ones travel, and slow to decompress), not from the chart they replace', async function () {
      const page = await suite.open();
      const dataset = (service.state as { view: { dataset: Dataset } }).view.dataset;
      // A stand-in worker: the trends part of the filters asked, gzip-compressed, when the test says.
      const answers: (() => void)[] = [];
      let pointsBase = 0;
      const client = {
        prepare: () => undefined,
        computeParts: (_view: unknown, filters: TrendsFilters, name: string, _by: unknown, parts: readonly string[]) =>
          new Promise<Partial<AnalysisResult>>((resolve) => {
            if (parts[0] !== 'trends') return;
            answers.push(() => {
              const update = encodeTrendsUpdate(buildTrendsView(dataset, filters, name), undefined, ++pointsBase);
              resolve({ trends: new Uint8Array(gzipSync(update.json)), trendsGzip: true, pointsBase });
            });
          }),
      };
      const until = async (ready: () => boolean): Promise<void> => {
        for (const started = Date.now(); !ready(); await new Promise((resolve) => setTimeout(resolve, 10))) if (Date.now() - started > 30_000) throw new Error('timed out');
      };
      // The page decompresses as slowly as it does 100,000 rows' numbers (a few tenths of a second).
      // (Page-side code as a string: tsx would wrap the functions in `__name(…)`, which the page lacks.)
      await page.evaluate(`(function () {
        var Decompression = window.DecompressionStream;
        window.DecompressionStream = function (format) {
          var inner = new Decompression(format);
          var slow = new TransformStream({ start: function () { return new Promise(function (resolve) { setTimeout(resolve, 300); }); } });
          inner.readable.pipeTo(slow.writable);
          return { writable: inner.writable, readable: slow.readable };
        };
      })()`);
      const trends = new TrendsPanel({ toString: () => 'ext' } as unknown as vscode.Uri, service, () => Promise.resolve(), { log: () => undefined }, {}, { client: client as unknown as AnalysisClient, minRows: 1 });
      let renders = 0;
      trends.onDidRender(() => renders++);
      trends.show();
      const stop = wire(vscodeCalls.panels[0], page);
      try {
        await until(() => answers.length === 1);
        answers.shift()!();
        await until(() => renders === 1);
        // A filter change, and an export before the worker answered it.
        const academia: TrendsFilters = { ...DEFAULT_TRENDS_FILTERS, sectors: ['Academia'] };
        trends.setFilters(academia);
        const file = path.join(dir, 'compute.svg');
        const exported = trends.export({ chart: 'compute', format: 'svg' }, { fsPath: file, path: file } as unknown as vscode.Uri);
        await until(() => answers.length === 1);
        answers.shift()!();
        await exported;
        const expected = dataset.papers.filter((p) => p.teamSector === 'Academia' && p.publicationDate !== undefined && p.trainingComputeFlop !== undefined && p.trainingComputeFlop > 0).length;
        assert.ok(expected > 0 && expected < 529);
        const drawn = /([\d,]+) models with a publication date and training compute/.exec(readFileSync(file, 'utf8'))?.[1];
        assert.equal(drawn, String(expected), `the exported chart counts ${drawn} models`);
      } finally {
        stop();
        trends.dispose();
      }
    });

    it('with the analysis worker: a filter change sends the points by reference and the webview draws them; a reference to a list it lacks gets every point again', async function () {
      // Every year on the time axis: every point is drawn.
      const page = await suite.open({ state: { filters: DEFAULT_TRENDS_FILTERS, timeAxis: 'all' } });
      const log: string[] = [];
      const dataset = loadDataset(readFileSync(path.join(TEST_DATA, 'epoch', FILE)), FILE);
      const view = new DatasetView(dataset);
      const workerService = { ...service, state: { kind: 'loaded', uri: { path: `/data/${FILE}`, fsPath: `/data/${FILE}` }, view } } as unknown as DatasetService;
      const client = new AnalysisClient(path.join(REPO, 'dist', 'analysisWorker.js'));
      const trends = new TrendsPanel({ toString: () => 'ext' } as unknown as vscode.Uri, workerService, () => Promise.resolve(), { log: (l) => log.push(l) }, {}, { client, minRows: 1 });
      const renders: { points: number }[] = [];
      const nextRender = (): Promise<{ points: number }> => {
        const seen = renders.length;
        return new Promise((resolve, reject) => {
          const started = Date.now();
          const poll = setInterval(() => {
            if (renders.length > seen) resolve(renders[seen]);
            else if (Date.now() - started > 30_000) reject(new Error('no drawing within 30 s'));
            else return;
            clearInterval(poll);
          }, 20);
        });
      };
      trends.onDidRender((r) => renders.push(r));
      const drawnIds = (): Promise<string[]> => page.evaluate(() => (window as unknown as { __markItems(c: string, m: string): { datum: { id: string } }[] }).__markItems('compute', 'points_marks').map((i) => i.datum.id).sort());
      const dataJsonBytes = (): number[] => panel.posted.filter((m) => (m as { type: string }).type === 'dataJson').map((m) => (m as { json: Uint8Array }).json.byteLength);
      const expectedIds = (filters: TrendsFilters) => buildTrendsView(dataset, filters, FILE).points.map((p) => p.id).sort();
      const first = nextRender();
      trends.show();
      const panel = vscodeCalls.panels[0];
      const stop = wire(panel, page);
      try {
        assert.equal((await first).points, 529);
        assert.deepEqual(await drawnIds(), expectedIds(DEFAULT_TRENDS_FILTERS));
        const academia: TrendsFilters = { ...DEFAULT_TRENDS_FILTERS, sectors: ['Academia'] };
        const filtered = nextRender();
        trends.setFilters(academia);
        const academiaIds = expectedIds(academia);
        assert.equal((await filtered).points, academiaIds.length);
        assert.deepEqual(await drawnIds(), academiaIds);
        assert.deepStrictEqual(trends.view, JSON.parse(JSON.stringify(buildTrendsView(dataset, academia, FILE))));
        const [whole, byReference] = dataJsonBytes();
        const rest = new TextEncoder().encode(JSON.stringify({ ...buildTrendsView(dataset, academia, FILE), points: [] })).byteLength;
        assert.ok(byReference < rest + 6 * academiaIds.length + 200, `${byReference} bytes by reference (the rest of the view ${rest}), ${whole} whole`);

        // A message that refers to a list this webview does not keep: it asks, and the host sends every point.
        const again = nextRender();
        const stray = encodeTrendsUpdate(buildTrendsView(dataset, DEFAULT_TRENDS_FILTERS, FILE), { id: 999_999, points: buildTrendsView(dataset, DEFAULT_TRENDS_FILTERS, FILE).points }, 1);
        await page.evaluate((bytes) => window.postMessage({ type: 'dataJson', json: new Uint8Array(bytes) }, '*'), [...new TextEncoder().encode(stray.json)]);
        assert.equal((await again).points, academiaIds.length);
        assert.deepEqual(await drawnIds(), academiaIds);
        assert.equal(dataJsonBytes().length, 3);
        const wires = panel.posted.filter((m) => (m as { type: string }).type === 'dataJson').map((m) => JSON.parse(new TextDecoder().decode((m as { json: Uint8Array }).json)) as { pointsBase?: number; pointRefs?: unknown; pointColumns: { id: string[] } });
        assert.deepEqual(
          wires.map((w) => [w.pointsBase !== undefined, w.pointRefs !== undefined, w.pointColumns.id.length]),
          [
            [true, false, 529],
            [false, true, 0],
            [true, false, academiaIds.length],
          ],
          'whole, by reference only, whole again',
        );
        // Every point again, gzip-compressed as the worker sends large ones: the same drawing.
        const gzipped = nextRender();
        const all = encodeTrendsUpdate(buildTrendsView(dataset, DEFAULT_TRENDS_FILTERS, FILE), undefined, 1_000_001);
        await page.evaluate((bytes) => window.postMessage({ type: 'dataJson', json: new Uint8Array(bytes), gzip: true }, '*'), [...gzipSync(all.json)]);
        assert.equal((await gzipped).points, 529);
        assert.deepEqual(await drawnIds(), expectedIds(DEFAULT_TRENDS_FILTERS));
        assert.deepEqual(log, []);
      } finally {
        stop();
        trends.dispose();
        client.dispose();
      }
    });
  },
  [`epoch/${FILE}`],
);
