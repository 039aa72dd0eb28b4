import { strict as assert } from 'node:assert';
import { appendFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { COMMAND_IDS } from '../../src/host/commandIds';
import type { ComputeDivideApi } from '../../src/extension';
import { activateExtension, eventually, workspaceFolder } from './helpers';

const ORG = 'Agreement Suite Institute';
const line = (id: string, second: number, annotator: string, value: string): string =>
  `${JSON.stringify({ v: 1, id, ts: `2030-01-01T00:00:${String(second).padStart(2, '0')}.000Z`, annotator, target: { kind: 'organization', name: ORG }, field: 'category', value })}\n`;

/**
 * The Agreement view in a real VS Code: "Show Agreement" opens the webview panel, which lists a
 * disagreement written to the log by two other annotators and drops it by itself when the log
 * changes on disk (a colleague's label arriving by git pull); "Export Agreement Report…" writes
 * the Markdown to the chosen file.
 */
export function registerAgreementSuite(): void {
  describe('Agreement view', function () {
    let api: ComputeDivideApi;
    let dir: string;
    const log = (): string => path.join(workspaceFolder().fsPath, '.compute-divide', 'labels.jsonl');

    before(async function () {
      api = await activateExtension();
      dir = await mkdtemp(path.join(tmpdir(), 'cd-agreement-'));
      await mkdir(path.dirname(log()), { recursive: true });
    });

    after(async function () {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await rm(dir, { recursive: true, force: true });
    });

    it('opens as a webview panel and refreshes when the log changes on disk', async function () {
      await appendFile(log(), line('agreement-suite-1', 1, 'suite-ada', 'Academia') + line('agreement-suite-2', 2, 'suite-bob', 'Government'));
      await vscode.commands.executeCommand(COMMAND_IDS.showAgreement);
      assert.equal(api.agreement.isOpen, true);
      const open = await eventually(() => api.agreement.view?.open.find((d) => d.display === ORG), 20_000, 'the disagreement in the view');
      assert.deepEqual(open.choices, ['Academia', 'Government']);
      // bob changes his mind, outside this window: the view follows without being asked.
      await appendFile(log(), line('agreement-suite-3', 3, 'suite-bob', 'Academia'));
      await eventually(() => (api.agreement.view && !api.agreement.view.open.some((d) => d.display === ORG) ? true : undefined), 20_000, 'the disagreement to leave the view');
    });

    it('exports the report as Markdown to the chosen file', async function () {
      const target = vscode.Uri.file(path.join(dir, 'agreement.md'));
      const written = await vscode.commands.executeCommand<vscode.Uri>(COMMAND_IDS.exportAgreementReport, target);
      assert.equal(written?.fsPath, target.fsPath);
      const text = await readFile(target.fsPath, 'utf8');
      assert.match(text, /^# Label agreement\n/);
      // Names from the log are escaped for Markdown (suite\-ada); the two agree on the one organization.
      assert.ok(text.includes('| suite\\-ada – suite\\-bob | 1 | 1.000 | n/a |'), text);
      assert.match(text, /## Blind coding/);
      assert.ok(!text.includes('../shared') && !/spec/i.test(text), 'no reference to files the user does not have');
    });
  });
}
