import { strict as assert } from 'node:assert';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { loadDataset } from '../../src/core/dataset/loadDataset';
import { TEAM_SECTORS } from '../../src/core/dataset/model';
import { BUNDLED_SCHEME } from '../../src/host/bundledSnapshot';
import { COMMAND_IDS } from '../../src/host/commandIds';
import type { ComputeDivideApi } from '../../src/extension';
import { activateExtension, waitForState, workspaceFolder } from './helpers';

/**
 * The bundled snapshot of Epoch's notable models in a real VS Code: Explore opens it (and keeps the
 * choice in the workspace settings), it has the full 2026-07 table's rows and sectors, it cannot be
 * written, labels made on it go to the workspace's label log, the labelled export goes where asked,
 * and Go to Row opens the read-only CSV. Runs last; restores the dataset setting it changed.
 */
export function registerBundledSuite(): void {
  describe('Bundled Epoch snapshot', function () {
    let api: ComputeDivideApi;
    let exportDir: string;
    let previous: string | undefined;

    before(async function () {
      api = await activateExtension();
      previous = vscode.workspace.getConfiguration('computeDivide').inspect<string>('dataset')?.workspaceValue;
      exportDir = await mkdtemp(path.join(tmpdir(), 'cd-bundled-'));
    });

    after(async function () {
      await vscode.workspace.getConfiguration('computeDivide').update('dataset', previous, vscode.ConfigurationTarget.Workspace);
      await rm(exportDir, { recursive: true, force: true });
      // The suites after this one expect the workspace's own table loaded again.
      await waitForState(api, (s) => s.kind === 'loaded' && s.uri.scheme === 'file', 30_000);
    });

    it('Explore opens it with the full table’s rows and team sectors, and keeps the choice', async function () {
      await vscode.commands.executeCommand(COMMAND_IDS.openBundledSnapshot);
      const state = await waitForState(api, (s) => s.kind === 'loaded' && s.uri.scheme === BUNDLED_SCHEME);
      assert.ok(state.kind === 'loaded');
      assert.equal(state.uri.path, '/notable_ai_models_2026-07-15.csv');
      // Rows from the data README; sectors from the Python oracle on the full table (expectedEpochCounts.json).
      // The table as read: earlier suites' labels in this workspace's log apply to the view, as they should.
      assert.equal(state.view.original.papers.length, 1036);
      const counts = Object.fromEntries(TEAM_SECTORS.map((s) => [s, state.view.original.papers.filter((p) => p.teamSector === s).length]));
      assert.deepEqual(counts, { Academia: 243, Industry: 574, Collaboration: 173, Other: 27, Unknown: 19 });
      assert.equal(vscode.workspace.getConfiguration('computeDivide').get('dataset'), 'bundled');
      assert.equal(api.papersView.description, 'bundled snapshot, 2026-07-15');
      assert.match(api.papersView.message ?? '', /Epoch AI, Data on Notable AI Models \(CC BY 4\.0\), snapshot 2026-07-15/);
      const language = api.papersTree.getChildren().find((n) => n.kind === 'group' && n.outer === 'Language');
      assert.ok(language, 'a Language topic');
      assert.equal(api.papersTree.getTreeItem(language).description, '532');
    });

    it('cannot be written: the file system refuses, the bytes stay', async function () {
      const uri = api.dataset.bundled!.uri;
      const before = await vscode.workspace.fs.readFile(uri);
      await assert.rejects(Promise.resolve(vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('x'))));
      assert.deepEqual(await vscode.workspace.fs.readFile(uri), before);
    });

    it('Go to Row in CSV opens the read-only CSV at the paper’s row', async function () {
      const paper = api.dataset.view!.dataset.papers.find((p) => p.name === 'AlphaFold 2')!;
      await vscode.commands.executeCommand(COMMAND_IDS.openPaperSource, paper.id);
      const editor = vscode.window.activeTextEditor!;
      assert.equal(editor.document.uri.scheme, BUNDLED_SCHEME);
      assert.equal(editor.selection.active.line, paper.line - 1);
      assert.match(editor.document.lineAt(paper.line - 1).text, /^AlphaFold 2,/);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    });

    it('labels go to the workspace’s label log, and the labelled export goes where asked', async function () {
      const log = path.join(workspaceFolder().fsPath, '.compute-divide', 'labels.jsonl');
      const changed = await vscode.commands.executeCommand<number>(COMMAND_IDS.labelOrganization, 'Thinking Machines', undefined, 'Academia');
      assert.equal(changed, 1);
      const last = JSON.parse((await readFile(log, 'utf8')).trim().split('\n').pop()!) as { target: { name: string }; value: string };
      assert.deepEqual([last.target.name, last.value], ['Thinking Machines', 'Academia']);
      const inkling = api.dataset.view!.byId.get('Inkling')!;
      assert.equal(inkling.teamSector, 'Academia', 'the label reached the bundled table’s view');
      const target = vscode.Uri.file(path.join(exportDir, 'bundled.labelled.csv'));
      await vscode.commands.executeCommand(COMMAND_IDS.exportLabelledDataset, target);
      const exported = loadDataset(await readFile(target.fsPath), target.fsPath);
      assert.equal(exported.papers.length, 1036);
      assert.equal(exported.papers.find((p) => p.id === 'Inkling')!.teamSector, 'Academia');
      // Retract the label so later suites see the table's own sectors.
      await vscode.commands.executeCommand(COMMAND_IDS.undoLabel);
      assert.equal(api.dataset.view!.byId.get('Inkling')!.teamSector, 'Industry');
    });
  });
}
