import { strict as assert } from 'node:assert';
import { readFile, rm, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { loadDataset } from '../../src/core/dataset/loadDataset';
import { computeTrends, largeScaleShares, trendPoints } from '../../src/core/trends/trends';
import { COMMAND_IDS } from '../../src/host/commandIds';
import type { ComputeDivideApi } from '../../src/extension';
import { activateExtension, eventually, waitForState, workspaceFolder } from './helpers';

const DATASET = 'notable_ai_models_2026-07.csv';

/** Wait for the panel's next finished drawing. */
function nextRender(api: ComputeDivideApi, timeoutMs = 20_000): Promise<{ ms: number; points: number }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`the trends panel did not draw within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = api.trends.onDidRender((event) => {
      clearTimeout(timer);
      listener.dispose();
      resolve(event);
    });
  });
}

/**
 * The Compute Trends panel in a real VS Code: it opens with the workspace dataset's numbers (the
 * same as the CLI's core functions), follows a change on disk with its filters kept, and exports.
 */
export function registerTrendsSuite(): void {
  describe('Compute Trends panel', function () {
    let api: ComputeDivideApi;
    let datasetUri: vscode.Uri;
    let exportDir: string;

    before(async function () {
      api = await activateExtension();
      datasetUri = vscode.Uri.joinPath(workspaceFolder(), DATASET);
      await waitForState(api, (s) => s.kind === 'loaded' && s.uri.fsPath === datasetUri.fsPath);
      exportDir = await mkdtemp(path.join(tmpdir(), 'cd-export-'));
    });

    after(async function () {
      await rm(exportDir, { recursive: true, force: true });
    });

    it('opens beside the editor with the dataset’s points, fits and shares', async function () {
      // The first webview of the window starts its service worker: on a busy machine it may take a
      // re-creation by the ready watchdog (4 s, then 8 s) before it draws.
      this.timeout(60_000);
      const drawn = nextRender(api, 45_000);
      await vscode.commands.executeCommand(COMMAND_IDS.showTrends);
      const { points } = await drawn;
      const core = trendPoints(loadDataset(await readFile(datasetUri.fsPath), datasetUri.fsPath).papers);
      // 529 rows of the notable-models table have training compute (../shared/spec/cli.md); all are dated.
      assert.equal(points, 529);
      assert.equal(core.length, 529);
      const view = api.trends.view!;
      assert.equal(view.points.length, 529);
      assert.deepEqual(view.fits.map(({ xMin: _a, xMax: _b, ...fit }) => fit), computeTrends(core).fits);
      assert.deepEqual(view.shares, { ...largeScaleShares(core, 10), definition: 'top-k' });
      const tab = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label === 'Compute Divide: Findings');
      assert.ok(tab && tab.input instanceof vscode.TabInputWebview);
    });

    it('applies filters and keeps them when the file changes on disk', async function () {
      let drawn = nextRender(api);
      api.trends.setFilters({ ...api.trends.currentFilters, sectors: ['Academia'], topK: 5 });
      await drawn;
      const academia = api.trends.view!.points.length;
      assert.ok(academia > 0 && academia < 529);
      assert.ok(api.trends.view!.points.every((p) => p.sector === 'Academia'));

      const before = await readFile(datasetUri.fsPath, 'utf8');
      const reloaded = waitForState(api, (s) => s.kind === 'loaded' && s.view.byId.has('Transformer (renamed for the trends test)'), 5000);
      drawn = nextRender(api);
      const started = Date.now();
      await writeFile(datasetUri.fsPath, before.replace('\nTransformer,', '\nTransformer (renamed for the trends test),'));
      await reloaded;
      await drawn;
      console.log(`      (the panel followed the file in ${Date.now() - started} ms)`);
      assert.deepEqual(api.trends.currentFilters.sectors, ['Academia']);
      assert.equal(api.trends.view!.shares.top, 5);
      assert.ok(api.trends.view!.points.every((p) => p.sector === 'Academia'));
      drawn = nextRender(api);
      await writeFile(datasetUri.fsPath, before);
      await drawn;
      drawn = nextRender(api);
      api.trends.setFilters({ ...api.trends.currentFilters, sectors: [], topK: 10 });
      await drawn;
    });

    it('exports the chart as SVG and PNG, and the points, fits, shares and counts as CSV', async function () {
      const svg = vscode.Uri.file(path.join(exportDir, 'compute.svg'));
      const png = vscode.Uri.file(path.join(exportDir, 'compute.png'));
      const pointsCsv = vscode.Uri.file(path.join(exportDir, 'points.csv'));
      const fitsCsv = vscode.Uri.file(path.join(exportDir, 'fits.csv'));
      await vscode.commands.executeCommand(COMMAND_IDS.exportTrends, { chart: 'compute', format: 'svg' }, svg);
      await vscode.commands.executeCommand(COMMAND_IDS.exportTrends, { chart: 'compute', format: 'png' }, png);
      await vscode.commands.executeCommand(COMMAND_IDS.exportTrends, { chart: 'compute', format: 'csv' }, pointsCsv);
      await vscode.commands.executeCommand(COMMAND_IDS.exportTrends, { chart: 'fits', format: 'csv' }, fitsCsv);
      const svgText = await readFile(svg.fsPath, 'utf8');
      assert.match(svgText, /^<svg[\s>]/);
      assert.match(svgText, /<\/svg>\s*$/);
      const pngBytes = await readFile(png.fsPath);
      assert.deepEqual([...pngBytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      const csvLines = (await readFile(pointsCsv.fsPath, 'utf8')).trim().split('\n');
      assert.equal(csvLines.length, 1 + 529);
      const fitLines = (await readFile(fitsCsv.fsPath, 'utf8')).trim().split('\n');
      assert.equal(fitLines.length, 1 + api.trends.view!.fits.length);
      // The numbers of charts 2 and 3: a row per year and sector, from the view on show.
      const sharesCsv = vscode.Uri.file(path.join(exportDir, 'shares.csv'));
      const countsCsv = vscode.Uri.file(path.join(exportDir, 'counts.csv'));
      await vscode.commands.executeCommand(COMMAND_IDS.exportTrends, { chart: 'shares', format: 'csv' }, sharesCsv);
      await vscode.commands.executeCommand(COMMAND_IDS.exportTrends, { chart: 'counts', format: 'csv' }, countsCsv);
      const view = api.trends.view!;
      const shareLines = (await readFile(sharesCsv.fsPath, 'utf8')).trim().split('\n');
      assert.equal(shareLines[0], 'Year,Top k,Models ranked (n),Team sector,Models of the sector,Share');
      assert.equal(shareLines.length, 1 + 5 * view.shares.years.length);
      const first = view.shares.years[0];
      assert.equal(shareLines[1], `${first.year},${view.shares.top},${first.n},Academia,${Math.round(first.Academia * first.n)},${first.Academia}`);
      const countLines = (await readFile(countsCsv.fsPath, 'utf8')).trim().split('\n');
      assert.equal(countLines[0], 'Year,Team sector,Models,With training compute,Without training compute');
      assert.equal(countLines.length, 1 + 5 * view.counts.length);
      const last = view.counts[view.counts.length - 1];
      assert.equal(countLines[countLines.length - 1], `${last.year},Unknown,${last.Unknown},${last.withCompute.Unknown},${last.Unknown - last.withCompute.Unknown}`);
      await eventually(() => (api.trends.isOpen ? true : undefined), 1000, 'the panel to stay open');
    });
  });
}
