import { strict as assert } from 'node:assert';
import { mkdtemp, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { COMMAND_IDS } from '../../src/host/commandIds';
import type { ComputeDivideApi } from '../../src/extension';
import { activateExtension, eventually, waitForState, workspaceFolder } from './helpers';

/**
 * A hostile folder in a real VS Code (issue: hostile folders and huge files): a label log that is
 * a symbolic link to a file outside the workspace is refused in the Problems panel and never
 * written through, and a CSV with a 12 MB record loads its other rows with a `record-too-large`
 * diagnostic. Runs last; puts the workspace's log and dataset setting back.
 */
export function registerHostileSuite(): void {
  describe('Hostile workspace', function () {
    let api: ComputeDivideApi;
    let outside: string;
    let log: string;

    before(async function () {
      api = await activateExtension();
      outside = await mkdtemp(path.join(tmpdir(), 'cd-outside-'));
      log = path.join(workspaceFolder().fsPath, '.compute-divide', 'labels.jsonl');
    });

    after(async function () {
      await rm(outside, { recursive: true, force: true });
    });

    it('a label log that is a symbolic link is refused, shown in Problems, and never written through', async function () {
      const target = path.join(outside, 'bashrc-copy');
      const original = 'export PATH="$HOME/bin:$PATH"\n';
      await writeFile(target, original);
      const aside = `${log}.aside`;
      await rename(log, aside);
      try {
        await symlink(target, log);
        await api.labels.reread();
        const logUri = vscode.Uri.file(log);
        const diagnostic = await eventually(() => vscode.languages.getDiagnostics(logUri).find((d) => d.code === 'refused-symlink'), 10_000, 'the refusal in the Problems panel');
        assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
        assert.match(diagnostic.message, /^Refusing the label log .*labels\.jsonl: it is a symbolic link\. Links are never followed/);
        await assert.rejects(Promise.resolve(vscode.commands.executeCommand(COMMAND_IDS.labelOrganization, 'DeepMind', undefined, 'Academia')), /symbolic link/);
        assert.equal(await readFile(target, 'utf8'), original, 'the file behind the link is unchanged');
      } finally {
        await rm(log, { force: true });
        await rename(aside, log);
        await api.labels.reread();
      }
      assert.equal(vscode.languages.getDiagnostics(vscode.Uri.file(log)).filter((d) => d.code === 'refused-symlink').length, 0, 'the refusal goes with the link');
    });

    it('a CSV with a 12 MB record loads its other rows, with record-too-large in Problems', async function () {
      const previous = vscode.workspace.getConfiguration('computeDivide').inspect<string>('dataset')?.workspaceValue;
      const file = path.join(workspaceFolder().fsPath, 'hostile.csv');
      const header = 'Model,Organization,Organization categorization,Publication date\n';
      await writeFile(file, `${header}Good one,MIT,Academia,2020-01-01\n${','.repeat(12 * 1024 * 1024)}\nGood two,OpenAI,Industry,2021-01-01\n`);
      try {
        await vscode.commands.executeCommand(COMMAND_IDS.openDataset, vscode.Uri.file(file));
        const state = await waitForState(api, (s) => s.kind === 'loaded' && s.uri.fsPath === file, 30_000);
        assert.ok(state.kind === 'loaded');
        assert.deepEqual(state.view.dataset.papers.map((p) => p.name), ['Good one', 'Good two']);
        const problems = await eventually(() => {
          const found = vscode.languages.getDiagnostics(vscode.Uri.file(file)).filter((d) => d.code === 'record-too-large');
          return found.length > 0 ? found : undefined;
        }, 10_000, 'record-too-large in Problems');
        assert.equal(problems[0].range.start.line, 2, 'at the record’s line (0-based 2 = line 3)');
      } finally {
        await vscode.workspace.getConfiguration('computeDivide').update('dataset', previous, vscode.ConfigurationTarget.Workspace);
        await rm(file, { force: true });
        // The suites after this one expect the workspace's table loaded again.
        await waitForState(api, (s) => s.kind === 'loaded' && s.uri.fsPath !== file, 30_000);
      }
    });
  });
}
