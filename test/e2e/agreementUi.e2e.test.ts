import { strict as assert } from 'node:assert';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { loadHarness, type Workbench } from './harness';
import { REPO, workspaceWithNotable } from './paths';
import { openContainer, runCommand, screenshot, treeRow, webviewFrame } from './workbench';

/** Two annotators' labels on four organizations of the table: they disagree on DeepMind and OpenAI. */
const SEED = [
  ['ada', 'DeepMind', 'Academia'],
  ['bob', 'DeepMind', 'Industry'],
  ['ada', 'Google', 'Industry'],
  ['bob', 'Google', 'Industry'],
  ['ada', 'Stanford University', 'Academia'],
  ['bob', 'Stanford University', 'Academia'],
  ['ada', 'OpenAI', 'Industry'],
  ['bob', 'OpenAI', 'Non-profit'],
].map(([annotator, name, value], i) =>
  JSON.stringify({ v: 1, id: `seed-${i}`, ts: `2026-11-29T14:00:0${i}.000Z`, annotator, target: { kind: 'organization', name }, field: 'category', value, ...(annotator === 'ada' ? { blind: true } : {}) }),
);

interface LoggedEvent {
  annotator: string;
  target: { kind: string; name?: string };
  field: string;
  value: unknown;
  reason?: string;
}

async function logLines(workspace: string): Promise<LoggedEvent[]> {
  const text = await readFile(path.join(workspace, '.compute-divide', 'labels.jsonl'), 'utf8');
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as LoggedEvent);
}

/**
 * The Agreement view in the real workbench: with two annotators' labels in the workspace's log,
 * "Show Agreement" opens a webview with alpha, kappa, the blind shares and the two open
 * disagreements; one click on a value (and "Adjudicate" in the one-time modal) appends the
 * adjudicator's label, and the view refreshes by itself without that disagreement. Screenshots in
 * a light and a dark theme (test-results/agreement-light.png, agreement-dark.png).
 */
for (const [theme, colorTheme] of [
  ['light', 'Default Light Modern'],
  ['dark', 'Default Dark Modern'],
] as const)
  describe(`Agreement view, adjudicating with one click (${theme} theme)`, function () {
    this.timeout(240_000);
    let workbench: Workbench;
    let workspace: string;

    before(async function () {
      workspace = await workspaceWithNotable();
      await mkdir(path.join(workspace, '.compute-divide'));
      await writeFile(path.join(workspace, '.compute-divide', 'labels.jsonl'), `${SEED.join('\n')}\n`);
      workbench = await (await loadHarness()).openWorkbench({
        workspace,
        extensionDevelopmentPath: REPO,
        settings: { 'workbench.colorTheme': colorTheme, 'computeDivide.annotator': 'ui-test' },
        viewport: { width: 1500, height: 950 },
      });
    });

    after(async function () {
      await workbench?.close();
      if (workspace) await rm(workspace, { recursive: true, force: true });
    });

    it('shows kappa and the disagreements, and drops one once adjudicated', async function () {
      const { page } = workbench;
      await openContainer(page);
      await treeRow(page, 'Language').waitFor({ state: 'visible', timeout: 30_000 });
      await runCommand(page, 'Compute Divide: Show Agreement');
      const frame = webviewFrame(page);
      await frame.locator('.open .disagreement').first().waitFor({ state: 'visible', timeout: 30_000 });
      // By hand: ada A I A I, bob I I A N on DeepMind, Google, Stanford, OpenAI → p_o = 2/4;
      // ada A2 I2, bob I2 A1 N1 → p_e = (2·1 + 2·2)/16 = 6/16; κ = (8 − 6)/(16 − 6) = 0.200.
      assert.equal(await frame.locator('[data-stat=kappa]').first().textContent(), '0.200');
      assert.equal(await frame.locator('#open-heading').textContent(), 'Open disagreements (2)');
      assert.deepEqual((await frame.locator('.open .disagreement h3 .name').allTextContents()).sort(), ['DeepMind', 'OpenAI']);
      assert.deepEqual(await frame.locator('.blind tbody tr').first().locator('th, td').allTextContents(), ['ada', '4', '4 (100%)']);
      await page.mouse.move(5, 5);
      await screenshot(page, `agreement-${theme}`);

      const before = (await logLines(workspace)).length;
      await frame.locator('.open .disagreement', { hasText: 'DeepMind' }).locator('button', { hasText: 'Academia' }).click();
      // The first adjudication asks once to make ui-test an adjudicator.
      const confirm = page.locator('.monaco-dialog-box').getByRole('button', { name: 'Adjudicate', exact: true });
      await confirm.waitFor({ state: 'visible', timeout: 15_000 });
      await confirm.click();
      await frame.locator('#open-heading', { hasText: 'Open disagreements (1)' }).waitFor({ timeout: 30_000 });
      assert.deepEqual(await frame.locator('.open .disagreement h3 .name').allTextContents(), ['OpenAI']);
      const added = (await logLines(workspace)).slice(before);
      assert.deepEqual(
        added.map((e) => [e.annotator, e.target.kind, e.target.name, e.field, e.value, e.reason]),
        [
          ['ui-test', 'annotator', 'ui-test', 'role', 'adjudicator', undefined],
          ['ui-test', 'organization', 'DeepMind', 'category', 'Academia', 'adjudication'],
        ],
      );
      // The adjudication is not a rating: kappa is still ada–bob's, on the same four organizations.
      assert.deepEqual(await frame.locator('section.agreement').first().locator('tbody tr th').allTextContents(), ['ada – bob']);
      assert.equal(await frame.locator('[data-stat=kappa]').first().textContent(), '0.200');
      await frame.locator('details.adjudicated summary').click();
      assert.match((await frame.locator('details.adjudicated .disagreement').first().textContent()) ?? '', /DeepMind.*Decided: Academia \(by ui-test\)/);
      assert.match((await frame.locator('header .meta').textContent()) ?? '', /you label as ui-test \(adjudicator\)/);
      await page.mouse.move(5, 5);
      await screenshot(page, `agreement-${theme}-adjudicated`);
    });
  });
