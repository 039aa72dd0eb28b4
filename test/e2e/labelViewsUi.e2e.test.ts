import { strict as assert } from 'node:assert';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { loadHarness, type Workbench } from './harness';
import { REPO } from './paths';
import { openContainer, papersPane, runCommand, screenshot, treeRow, webviewFrame } from './workbench';

/** One label event line of the log (labels.md), written as a colleague's editor would. */
function event(id: string, annotator: string, target: object, field: string, value: string, ts: string): string {
  return JSON.stringify({ v: 1, id, ts, annotator, target, field, value });
}

/**
 * What labels look like in the workbench, on the table that ships with the extension (no test
 * corpus needed): a decision badge and a disputed marker in the Papers tree (two annotators
 * disagree on Thinking Machines), and the triage panel with blind coding off and on — on, the panel
 * shows no trace of the other annotator. Screenshots in a light and a dark theme.
 */
for (const [theme, colorTheme] of [
  ['light', 'Default Light Modern'],
  ['dark', 'Default Dark Modern'],
] as const) {
  describe(`Decisions, disputes and blind triage in the workbench (${theme} theme)`, function () {
    this.timeout(240_000);
    let workbench: Workbench;
    let workspace: string;

    before(async function () {
      workspace = await mkdtemp(path.join(tmpdir(), 'cd-label-views-'));
      await writeFile(path.join(workspace, 'notable_ai_models_2026-07-15.csv'), gunzipSync(await readFile(path.join(REPO, 'data', 'epoch-notable-ai-models.csv.gz'))));
      await mkdir(path.join(workspace, '.compute-divide'));
      await writeFile(
        path.join(workspace, '.compute-divide', 'labels.jsonl'),
        [
          event('e1', 'ada', { kind: 'paper', id: 'Inkling' }, 'decision', 'include', '2026-11-01T10:00:00.000Z'),
          event('e2', 'ada', { kind: 'paper', id: 'Claude Mythos 5' }, 'decision', 'exclude', '2026-11-01T10:00:01.000Z'),
          // bob's later Industry is in force (the latest of any annotator) but disputed: Inkling stays under Industry.
          event('e3', 'ada', { kind: 'organization', name: 'Thinking Machines' }, 'category', 'Academia', '2026-11-01T10:00:02.000Z'),
          event('e4', 'bob', { kind: 'organization', name: 'Thinking Machines' }, 'category', 'Industry', '2026-11-01T10:00:03.000Z'),
          '',
        ].join('\n'),
      );
      workbench = await (await loadHarness()).openWorkbench({
        workspace,
        extensionDevelopmentPath: REPO,
        settings: { 'workbench.colorTheme': colorTheme, 'computeDivide.annotator': 'ada' },
        viewport: { width: 1500, height: 950 },
      });
    });

    after(async function () {
      await workbench?.close();
      if (workspace) await rm(workspace, { recursive: true, force: true });
    });

    it('shows the decision badges and the disputed marker in the Papers tree', async function () {
      const { page } = workbench;
      await openContainer(page);
      await treeRow(page, 'Language').waitFor({ state: 'visible', timeout: 60_000 });
      await treeRow(page, 'Language').click();
      await treeRow(page, 'Industry').click();
      const inkling = papersPane(page).locator('.monaco-list-row[aria-level="3"]', { hasText: 'Inkling' }).first();
      await inkling.waitFor({ state: 'visible', timeout: 20_000 });
      assert.match((await inkling.locator('.label-description').textContent()) ?? '', /Included/);
      assert.match((await inkling.locator('.label-description').textContent()) ?? '', /disputed/);
      const mythos = papersPane(page).locator('.monaco-list-row[aria-level="3"]', { hasText: 'Claude Mythos 5' }).first();
      assert.match((await mythos.locator('.label-description').textContent()) ?? '', /Excluded/);
      await screenshot(page, `tree-decisions-${theme}`);
    });

    it('shows triage with blind coding off, then on without any trace of the other annotator', async function () {
      const { page } = workbench;
      await runCommand(page, 'Compute Divide: Start Affiliation Triage');
      const frame = webviewFrame(page);
      const toggle = frame.locator('button.blind');
      await toggle.waitFor({ state: 'visible', timeout: 30_000 });
      assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
      await screenshot(page, `triage-blind-off-${theme}`);
      await toggle.click();
      await frame.locator('button.blind[aria-pressed="true"]').waitFor({ state: 'visible', timeout: 15_000 });
      const text = (await frame.locator('body').textContent()) ?? '';
      assert.doesNotMatch(text, /\bbob\b/);
      await screenshot(page, `triage-blind-on-${theme}`);
      await toggle.click();
      await frame.locator('button.blind[aria-pressed="false"]').waitFor({ state: 'visible', timeout: 15_000 });
    });
  });
}
