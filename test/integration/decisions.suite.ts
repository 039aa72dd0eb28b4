import { strict as assert } from 'node:assert';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import * as vscode from 'vscode';
import { COMMAND_IDS } from '../../src/host/commandIds';
import type { ComputeDivideApi } from '../../src/extension';
import { activateExtension, eventually, waitForState } from './helpers';

const DATASET = 'notable_ai_models_2026-07.csv';

/**
 * Issue #10, decisions you can see, in a real VS Code: Include on a paper shows as a badge in the
 * Papers tree, passes the tree's decision filter, and is the paper's `Decision` in the labelled export.
 */
export function registerDecisionsSuite(): void {
  describe('Decisions visible', function () {
    let api: ComputeDivideApi;
    let exportDir: string;

    before(async function () {
      api = await activateExtension();
      await vscode.workspace.getConfiguration('computeDivide').update('annotator', 'integration-test', vscode.ConfigurationTarget.Global);
      await waitForState(api, (s) => s.kind === 'loaded' && s.uri.fsPath.endsWith(DATASET));
      exportDir = await mkdtemp(path.join(tmpdir(), 'cd-decisions-'));
    });

    after(async function () {
      await vscode.commands.executeCommand(COMMAND_IDS.filterByDecision, 'all');
      await rm(exportDir, { recursive: true, force: true });
    });

    it('Include on a paper shows in the tree (badge, filter) and in the export', async function () {
      await vscode.commands.executeCommand(COMMAND_IDS.markPaperInclude, 'PaLM 2');
      const description = await eventually(
        () => {
          const paper = api.dataset.view!.byId.get('PaLM 2')!;
          const text = String(api.papersTree.getTreeItem(api.papersTree.nodeForPaper(paper)).description);
          return text.startsWith('✓ Included') ? text : undefined;
        },
        10_000,
        'the Included badge on PaLM 2',
      );
      assert.match(description, /^✓ Included · 2023-05-10/);

      await vscode.commands.executeCommand(COMMAND_IDS.filterByDecision, 'include');
      const listed: string[] = [];
      for (const group of api.papersTree.getChildren()) for (const sub of api.papersTree.getChildren(group)) for (const n of api.papersTree.getChildren(sub)) if (n.kind === 'paper') listed.push(n.paperId);
      assert.ok(listed.includes('PaLM 2'), 'the filtered tree lists it');
      assert.ok(!listed.includes('Llama 2-70B'), 'and not an undecided paper');
      assert.match(api.papersView.description ?? '', /^decision: included · /);
      await vscode.commands.executeCommand(COMMAND_IDS.filterByDecision, 'all');

      const target = vscode.Uri.file(path.join(exportDir, 'notable.labelled.csv'));
      await vscode.commands.executeCommand<vscode.Uri>(COMMAND_IDS.exportLabelledDataset, target);
      const [header, ...rows]: string[][] = parse(await readFile(target.fsPath, 'utf8'));
      const palm = rows.find((r) => r[header.indexOf('Model')] === 'PaLM 2')!;
      assert.equal(palm[header.indexOf('Decision')], 'include');
      assert.equal(palm[header.indexOf('Disputed')], '');
    });
  });
}
