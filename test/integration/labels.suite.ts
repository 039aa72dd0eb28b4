import { strict as assert } from 'node:assert';
import { appendFile, readFile } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { loadDataset } from '../../src/core/dataset/loadDataset';
import { TEAM_SECTORS } from '../../src/core/dataset/model';
import { COMMAND_IDS } from '../../src/host/commandIds';
import type { ComputeDivideApi } from '../../src/extension';
import { activateExtension, eventually, waitForState, workspaceFolder } from './helpers';

const DATASET = 'notable_ai_models_2026-07.csv';

function sectorCounts(api: ComputeDivideApi): Record<string, number> {
  const papers = api.dataset.view!.dataset.papers;
  return Object.fromEntries(TEAM_SECTORS.map((s) => [s, papers.filter((p) => p.teamSector === s).length]));
}

/**
 * Labels in a real VS Code: a label given through the command reaches the Organizations tree, the
 * Papers tree and the trends data; undo appends and restores; the labelled export reads back with
 * the same sectors. The log is the workspace's `.compute-divide/labels.jsonl` (a temp workspace).
 */
export function registerLabelsSuite(): void {
  describe('Labelling affiliations', function () {
    let api: ComputeDivideApi;
    let exportDir: string;

    before(async function () {
      api = await activateExtension();
      await vscode.workspace.getConfiguration('computeDivide').update('annotator', 'integration-test', vscode.ConfigurationTarget.Global);
      await waitForState(api, (s) => s.kind === 'loaded' && s.uri.fsPath.endsWith(DATASET));
      exportDir = await mkdtemp(path.join(tmpdir(), 'cd-labelled-'));
    });

    after(async function () {
      await rm(exportDir, { recursive: true, force: true });
    });

    it('labels an organization and every view follows: Organizations tree, Papers tree, trends data', async function () {
      // From ../shared/spec/cli.md: the table's own sectors.
      assert.deepEqual(sectorCounts(api), { Academia: 243, Industry: 574, Collaboration: 173, Other: 27, Unknown: 19 });
      const changed = await vscode.commands.executeCommand<number>(COMMAND_IDS.labelOrganization, 'DeepMind', undefined, 'Academia');
      assert.equal(changed, 1);
      // The append is flushed before the command resolves: the log holds the event now.
      const log = (await readFile(path.join(workspaceFolder().fsPath, '.compute-divide', 'labels.jsonl'), 'utf8')).trim().split('\n');
      const event = JSON.parse(log[log.length - 1]) as { annotator: string; target: { name: string }; value: string };
      assert.deepEqual([event.annotator, event.target.name, event.value], ['integration-test', 'DeepMind', 'Academia']);

      const alphaGo = api.dataset.view!.byId.get('AlphaGo Zero')!;
      assert.equal(alphaGo.teamSector, 'Academia');
      const counts = sectorCounts(api);
      // 30 rows name DeepMind alone (Industry in the table); they all become Academia.
      assert.ok(counts.Academia >= 243 + 30, JSON.stringify(counts));
      assert.equal(counts.Academia + counts.Industry + counts.Collaboration + counts.Other + counts.Unknown, 1036);

      const orgTree = api.organizationsTree;
      const academia = orgTree.getChildren().find((n) => n.kind === 'group' && n.group === 'Academia')!;
      const deepMind = orgTree.getChildren(academia).find((n) => n.kind === 'organization' && orgTree.getTreeItem(n).label === 'DeepMind');
      assert.ok(deepMind, 'DeepMind is listed under Academia');
      assert.match(String(orgTree.getTreeItem(deepMind).description), /labelled by integration-test/);
      // Its papers, newest first as in the Papers tree.
      const dates = orgTree.getChildren(deepMind).map((n) => (n.kind === 'paper' ? (api.dataset.view!.byId.get(n.paperId)?.publicationDate ?? '') : ''));
      assert.ok(dates.length >= 30, String(dates.length));
      assert.deepEqual(dates, [...dates].sort().reverse());

      const node = api.papersTree.nodeForPaper(alphaGo);
      assert.equal(node.kind === 'paper' && node.inner, 'Academia');
      assert.ok(api.papersTree.getChildren(api.papersTree.getParent(node)).some((n) => n.kind === 'paper' && n.paperId === 'AlphaGo Zero'));

      if (api.trends.isOpen) {
        const point = await eventually(() => api.trends.view?.points.find((p) => p.id === 'AlphaGo Zero' && p.sector === 'Academia'), 5000, 'the trends data');
        assert.ok(point);
      }
    });

    it('undo appends a retraction and restores the table’s sectors', async function () {
      const before = (await readFile(path.join(workspaceFolder().fsPath, '.compute-divide', 'labels.jsonl'), 'utf8')).trim().split('\n').length;
      assert.equal(await vscode.commands.executeCommand<boolean>(COMMAND_IDS.undoLabel), true);
      const lines = (await readFile(path.join(workspaceFolder().fsPath, '.compute-divide', 'labels.jsonl'), 'utf8')).trim().split('\n');
      assert.equal(lines.length, before + 1);
      assert.equal((JSON.parse(lines[lines.length - 1]) as { value: unknown }).value, null);
      assert.deepEqual(sectorCounts(api), { Academia: 243, Industry: 574, Collaboration: 173, Other: 27, Unknown: 19 });
    });

    it('overrides a paper’s sector and marks a decision', async function () {
      await vscode.commands.executeCommand(COMMAND_IDS.setTeamSector, 'Transformer', undefined, 'Collaboration', 'co-authors at a university');
      await vscode.commands.executeCommand(COMMAND_IDS.markPaperInclude, 'Transformer');
      const transformer = api.dataset.view!.byId.get('Transformer')!;
      assert.equal(transformer.teamSector, 'Collaboration');
      assert.equal(transformer.teamSectorSource, 'label');
    });

    it('exports the labelled dataset, which loads back with the same sectors', async function () {
      await vscode.commands.executeCommand(COMMAND_IDS.labelOrganization, 'DeepMind', undefined, 'Academia');
      const target = vscode.Uri.file(path.join(exportDir, 'notable.labelled.csv'));
      const written = await vscode.commands.executeCommand<vscode.Uri>(COMMAND_IDS.exportLabelledDataset, target);
      assert.equal(written.fsPath, target.fsPath);
      const reloaded = loadDataset(await readFile(target.fsPath), target.fsPath);
      assert.equal(reloaded.papers.length, 1036);
      const expected = new Map(api.dataset.view!.dataset.papers.map((p) => [p.id, p.teamSector]));
      const differing = reloaded.papers.filter((p) => expected.get(p.id) !== p.teamSector).map((p) => p.id);
      assert.deepEqual(differing, []);
      assert.ok(reloaded.headers.includes('Team sector') && reloaded.headers.includes('Label provenance'));
      const labelsCsv = await readFile(path.join(exportDir, 'notable.labelled.labels.csv'), 'utf8');
      assert.match(labelsCsv, /DeepMind/);
      // The source table is never written.
      const source = await readFile(path.join(workspaceFolder().fsPath, DATASET), 'utf8');
      assert.ok(!source.split('\n')[0].includes('Label provenance'));
    });

    it('shows the log’s bad lines in the Problems panel by line, keeps their events where it can, and never rewrites the file', async function () {
      const logFile = path.join(workspaceFolder().fsPath, '.compute-divide', 'labels.jsonl');
      const before = await readFile(logFile);
      const lineCount = before.toString('utf8').split('\n').length - 1;
      const event = (id: string, ts: string, name: string) => JSON.stringify({ v: 1, id, ts, annotator: 'colleague', target: { kind: 'organization', name }, field: 'category', value: 'Academia' });
      // What another process might leave: a hand edit, a wrong clock, a Windows-1252 tool, a crash mid-append.
      const added = Buffer.concat([
        Buffer.from(`not json at all\n${event('problems-future', '2099-01-01T00:00:00.000Z', 'Problems Future Org')}\n`, 'utf8'),
        Buffer.from(`${event('problems-latin1', '2026-01-01T00:00:00.000Z', 'Université Problems Test')}\n`, 'latin1'),
        Buffer.from('{"v":1,"id":"torn","ts":"2026-', 'utf8'),
      ]);
      await appendFile(logFile, added);
      const uri = vscode.Uri.file(logFile);
      const problems = await eventually(() => {
        const found = vscode.languages.getDiagnostics(uri);
        return found.length >= 4 ? found : undefined;
      }, 10_000, 'the label log’s problems');
      assert.deepEqual(
        problems.map((d) => [d.range.start.line, d.code, d.severity]),
        [
          [lineCount, 'bad-json', vscode.DiagnosticSeverity.Warning],
          [lineCount + 1, 'future-ts', vscode.DiagnosticSeverity.Warning],
          [lineCount + 2, 'not-utf8', vscode.DiagnosticSeverity.Warning],
          [lineCount + 3, 'torn-line', vscode.DiagnosticSeverity.Warning],
        ],
      );
      assert.match(problems[0].message, /skipped, not removed/);
      assert.doesNotMatch(problems[1].message, /skipped/);
      assert.equal(problems[2].range.start.character, event('problems-latin1', '2026-01-01T00:00:00.000Z', 'Université Problems Test').indexOf('é'), 'the column of the first byte that is not UTF-8');
      // The events of the kept lines count: the Windows-1252 line's name reads with its accent.
      const labelled = await eventually(() => api.labels.state.organizations.get('université problems test'), 5000, 'the Windows-1252 label');
      assert.equal(labelled.value, 'Academia');
      assert.equal(api.labels.state.organizations.get('problems future org')?.value, 'Academia');
      const after = await readFile(logFile);
      assert.ok(after.equals(Buffer.concat([before, added])), 'the log is exactly what was written to it');
    });
  });
}
