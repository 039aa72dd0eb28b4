import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import * as vscode from 'vscode';
import { COMMAND_IDS } from '../../src/host/commandIds';
import { DEFAULT_TRENDS_FILTERS } from '../../src/shared/trendsProtocol';
import type { ComputeDivideApi } from '../../src/extension';
import { revealPaper } from '../../src/host/commands/findPaper';
import { activateExtension, waitForState, workspaceFolder } from './helpers';

/** Timings, appended to the file named by COMPUTE_DIVIDE_SCALE_TIMINGS when it is set (bench/README: measured, not asserted). */
function note(text: string): void {
  const file = process.env.COMPUTE_DIVIDE_SCALE_TIMINGS;
  if (file) appendFileSync(file, `${new Date().toISOString()} ${text}\n`);
}

/** The next drawing of the trends panel's webview. */
function nextRender(api: ComputeDivideApi, timeoutMs: number): Promise<{ ms: number; points: number }> {
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

/** The longest gap between the ticks of a 5 ms interval (this test runs in the extension host's thread). */
function stallProbe(): { stop(): number } {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 5);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(longest, performance.now() - last);
    },
  };
}

/** Labelled in the test; counts from test/tools/expected_br19_label.py (csv module on the generated file). */
const ORG = 'Placeholder University 7';
const EXPECTED = { rows: 100_000, naming: 1384, alone: 396, firstAlone: 'Protein Language Efficient Planning Transformer Reinforcement Reinforcement #000460' };

/**
 * A label at 100,000 rows in a real VS Code (issue #9, "Done when"): the br-19 field case's
 * 100,000-row table (generated in the workspace by its script) loads through the load worker, one
 * organization is labelled through the command, and the label reaches the dataset and the
 * Organizations tree with the Compute Divide views, the trends, triage and agreement panels open.
 * Runs last; puts the dataset setting back, undoes the label and removes the table.
 */
export function registerScaleSuite(): void {
  describe('A label at 100,000 rows', function () {
    this.timeout(300_000);
    let api: ComputeDivideApi;
    let file: string;
    let previous: string | undefined;

    before(async function () {
      api = await activateExtension();
      await vscode.workspace.getConfiguration('computeDivide').update('annotator', 'integration-test', vscode.ConfigurationTarget.Global);
      previous = vscode.workspace.getConfiguration('computeDivide').inspect<string>('dataset')?.workspaceValue;
      file = path.join(workspaceFolder().fsPath, 'br19_100k.csv');
      const data = process.env.COMPUTE_DIVIDE_TEST_DATA ?? path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'data');
      await promisify(execFile)('python3', [path.join(data, 'field-cases', 'br-19-make-100k-papers.py'), file]);
    });

    after(async function () {
      await vscode.workspace.getConfiguration('computeDivide').update('dataset', previous, vscode.ConfigurationTarget.Workspace);
      await waitForState(api, (s) => s.kind === 'loaded' && s.uri.fsPath !== file, 120_000).catch(() => undefined);
      await rm(file, { force: true });
    });

    it('loads the 100,000-row table and a label on one organization reaches the dataset and the Organizations tree', async function () {
      const t0 = performance.now();
      await vscode.commands.executeCommand(COMMAND_IDS.openDataset, vscode.Uri.file(file));
      const state = await waitForState(api, (s) => s.kind === 'loaded' && s.uri.fsPath === file, 180_000);
      const loadMs = performance.now() - t0;
      assert.ok(state.kind === 'loaded');
      assert.equal(state.view.dataset.papers.length, EXPECTED.rows);
      const naming = state.view.dataset.papers.filter((p) => p.organizations.includes(ORG));
      assert.equal(naming.length, EXPECTED.naming);
      const alone = naming.filter((p) => p.organizations.length === 1);
      assert.equal(alone.length, EXPECTED.alone);
      assert.equal(alone[0].name, EXPECTED.firstAlone);
      assert.ok(alone.every((p) => p.teamSector === 'Academia'));

      // Every view that follows a label, open: the side bar's trees with the paper to be relabelled
      // revealed and selected (Find Paper's way: its group's page extended to it), the trends panel
      // drawn, the triage and agreement panels.
      await vscode.commands.executeCommand('workbench.view.extension.computeDivide');
      // Earlier suites may leave a decision filter on the Papers tree or filters on the trends panel.
      api.papersTree.decisionFilter = 'all';
      // Each panel's webview started before the next is opened, as a user opens them one after another.
      const readyIn = async (panel: unknown): Promise<number> => {
        const t = performance.now();
        while (!(panel as { isReady: boolean }).isReady) {
          if (performance.now() - t > 60_000) throw new Error('a panel did not come up within 60 s');
          await new Promise((r) => setTimeout(r, 5));
        }
        return performance.now() - t;
      };
      let tp = performance.now();
      await vscode.commands.executeCommand(COMMAND_IDS.startTriage);
      await readyIn(api.triage);
      const triageReady = performance.now() - tp;
      tp = performance.now();
      await vscode.commands.executeCommand(COMMAND_IDS.showAgreement);
      await readyIn(api.agreement);
      note(`[scale] webviews started (posted ready): triage ${Math.round(triageReady)} ms, agreement ${Math.round(performance.now() - tp)} ms after their commands`);
      await revealPaper(api, EXPECTED.firstAlone);
      // Last, so that its webview is the one shown in its column (a hidden one does not draw).
      const wasOpen = api.trends.isOpen;
      const drawn = nextRender(api, 240_000);
      const t2 = performance.now();
      const readyAt = readyIn(api.trends);
      await vscode.commands.executeCommand(COMMAND_IDS.showTrends);
      // An open panel is only brought forward: the default filters make it draw.
      if (wasOpen) api.trends.setFilters(DEFAULT_TRENDS_FILTERS);
      const firstDraw = await drawn;
      note(`[scale] trends ${wasOpen ? 'brought forward and redrawn' : 'open to first drawing'} ${Math.round(performance.now() - t2)} ms (webview started at ${Math.round(await readyAt)} ms; drawing ${firstDraw.ms} ms, ${firstDraw.points} points)`);
      if (JSON.stringify(api.trends.currentFilters) !== JSON.stringify(DEFAULT_TRENDS_FILTERS)) {
        const reset = nextRender(api, 240_000);
        api.trends.setFilters(DEFAULT_TRENDS_FILTERS);
        await reset;
      }
      await new Promise((r) => setTimeout(r, 3000));

      const stall = stallProbe();
      const rendered = nextRender(api, 240_000);
      let published = 0;
      const counting = api.dataset.onDidChange(() => published++);
      const t1 = performance.now();
      const changed = await vscode.commands.executeCommand<number>(COMMAND_IDS.labelOrganization, ORG, undefined, 'Industry');
      const labelMs = performance.now() - t1;
      assert.equal(changed, 1);
      // Generous (the machine may be busy): a label used to take minutes here with the panels open.
      assert.ok(labelMs < 30_000, `the label took ${Math.round(labelMs)} ms`);
      const view = api.dataset.view!;
      for (const p of alone) assert.equal(view.byId.get(p.id)?.teamSector, 'Industry', p.id);
      const tree = api.organizationsTree;
      const industry = tree.getChildren().find((n) => n.kind === 'group' && n.group === 'Industry')!;
      const node = tree.getChildren(industry).find((n) => n.kind === 'organization' && tree.getTreeItem(n).label === ORG);
      assert.ok(node, `${ORG} is listed under Industry`);
      assert.match(String(tree.getTreeItem(node).description), /1,384 papers · labelled by integration-test/);
      const treeMs = performance.now() - t1;
      const redraw = await rendered;
      const renderedMs = performance.now() - t1;
      // The log's watcher reports our own append too (within a second or two): that re-read folds
      // nothing new and must not rebuild every view again (it did, twice per label).
      await new Promise((r) => setTimeout(r, 3000));
      counting.dispose();
      const longest = stall.stop();
      // Read after the redraw and after the stall probe: reading the numbers on show parses them on
      // the host's thread (tens of milliseconds at 100,000 rows; an export's cost, not the label's).
      assert.ok(api.trends.view?.points.some((p) => p.id === EXPECTED.firstAlone && p.sector === 'Industry'), 'the trends data has the paper as Industry');
      assert.equal(published, 1, 'one label publishes the relabelled table once');
      note(`[scale] load ${Math.round(loadMs)} ms; label command ${Math.round(labelMs)} ms; tree checked at ${Math.round(treeMs)} ms; trends redrawn at ${Math.round(renderedMs)} ms (webview ${redraw.ms} ms); longest event-loop stall from the label to 3 s after the redraw ${Math.round(longest)} ms`);
      const undone = nextRender(api, 240_000);
      assert.equal(await vscode.commands.executeCommand<boolean>(COMMAND_IDS.undoLabel), true);
      await undone;
      // Measured, not asserted: a filter change redrawn (as the webview's sector filter sends it).
      const filtered = nextRender(api, 240_000);
      const t3 = performance.now();
      api.trends.setFilters({ ...api.trends.currentFilters, sectors: ['Academia'] });
      const refilter = await filtered;
      note(`[scale] filter change (sectors: Academia) to redrawn ${Math.round(performance.now() - t3)} ms (webview ${refilter.ms} ms, ${refilter.points} points)`);
      const reset = nextRender(api, 240_000);
      api.trends.setFilters(DEFAULT_TRENDS_FILTERS);
      await reset;
      // Measured, not asserted: the panel closed and opened again a few seconds later (the table's copy long in the worker).
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await new Promise((r) => setTimeout(r, 3000));
      assert.equal(api.trends.isOpen, false);
      const reopened = nextRender(api, 240_000);
      const t4 = performance.now();
      const readyAgain = readyIn(api.trends);
      await vscode.commands.executeCommand(COMMAND_IDS.showTrends);
      const again = await reopened;
      note(`[scale] trends opened again after 3 s closed: first drawing ${Math.round(performance.now() - t4)} ms (webview started at ${Math.round(await readyAgain)} ms; drawing ${again.ms} ms)`);
    });
  });
}
