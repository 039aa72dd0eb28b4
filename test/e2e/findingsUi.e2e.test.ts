import { strict as assert } from 'node:assert';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { modelNameKey } from '../../src/core/analyses/baseModels';
import { diffusion } from '../../src/core/analyses/diffusion';
import { loadDataset } from '../../src/core/dataset/loadDataset';
import { runCli } from '../support/runCli';
import { loadHarness, type Workbench } from './harness';
import { REPO, workspaceWithNotable } from './paths';
import { openContainer, runCommand, screenshot, treeRow, webviewFrame } from './workbench';

const TABLE = 'notable_ai_models_2026-07-15.csv';
const REPORT_FILES = ['report-figure-1-compute.svg', 'report-figure-2-top-k.svg', 'report-figure-3-topics.svg', 'report-figure-4-diffusion.svg', 'report.html', 'report.md'];

/** Click a tab of the Findings panel and wait for its charts. */
async function showTab(frame: FrameLocator, tab: 'trends' | 'topics' | 'diffusion'): Promise<void> {
  await frame.locator(`#findings-tab-${tab}`).click();
  const charts = { trends: ['#chart-compute svg, #chart-compute canvas'], topics: ['#topics-chart svg', '#topics-time-chart svg'], diffusion: ['#diffusion-chart svg'] }[tab];
  for (const chart of charts) await frame.locator(chart).first().waitFor({ state: 'visible', timeout: 30_000 });
}

/** Pick the row of the open QuickPick that shows `label`. */
async function pick(page: Page, label: string): Promise<void> {
  const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: label }).first();
  await row.waitFor({ state: 'visible', timeout: 20_000 });
  await row.click();
}

/** "In all: Academia 4 of 243, …" in the diffusion caption → 4. */
async function academiaOnOpenIndustry(frame: FrameLocator): Promise<number> {
  const caption = (await frame.locator('#findings-panel-diffusion .findings-body > .caption').first().textContent()) ?? '';
  const m = /In all: Academia (\d+) of/.exec(caption);
  assert.ok(m, caption);
  return Number(m[1]);
}

/**
 * The Findings panel in code-server, on the table that ships with the extension (no corpus): opened
 * from the command palette, its three tabs switched and drawn (screenshots
 * `findings-{trends,topics,diffusion}-{light,dark}.png`); in the light run an unmatched base model
 * is labelled from the diffusion tab (a click on its name, then the two QuickPicks) and the chart's
 * numbers follow the label as the core computes them; then the panel's "Export Findings Report…"
 * writes report/ with the same bytes as `compute-divide report --labels` on the same log. In the dark
 * run a report.md of the user's own in report/ stops the export, and stays as it was.
 */
for (const [theme, colorTheme] of [
  ['light', 'Default Light Modern'],
  ['dark', 'Default Dark Modern'],
] as const) {
  describe(`Findings panel in the workbench (${theme} theme)`, function () {
    this.timeout(300_000);
    let workbench: Workbench;
    let workspace: string;
    let userDataDir: string;

    before(async function () {
      workspace = await workspaceWithNotable();
      userDataDir = await mkdtemp(path.join(tmpdir(), 'cd-user-'));
      workbench = await (await loadHarness()).openWorkbench({
        workspace,
        userDataDir,
        extensionDevelopmentPath: REPO,
        settings: { 'workbench.colorTheme': colorTheme, 'computeDivide.annotator': 'e2e' },
        viewport: { width: 1600, height: 1000 },
      });
    });

    after(async function () {
      await workbench?.close();
      for (const dir of [workspace, userDataDir]) if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('opens Findings from the command palette and switches between its three tabs', async function () {
      const { page } = workbench;
      await openContainer(page);
      await treeRow(page, 'Language').waitFor({ state: 'visible', timeout: 30_000 });
      await runCommand(page, 'Compute Divide: Show Findings');
      const frame = webviewFrame(page);
      await frame.locator('#findings-tab-trends[aria-selected=true]').waitFor({ timeout: 30_000 });
      for (const tab of ['trends', 'topics', 'diffusion'] as const) {
        await showTab(frame, tab);
        assert.equal(await frame.locator(`#findings-tab-${tab}`).getAttribute('aria-selected'), 'true');
        assert.equal(await frame.locator(`#findings-panel-${tab}`).isVisible(), true);
        await page.waitForTimeout(400);
        await page.mouse.move(5, 5);
        await screenshot(page, `findings-${tab}-${theme}`);
      }
      // The topics table lists every domain; the time view heads a panel with all topics.
      assert.ok((await frame.locator('.topics-table tbody tr').count()) > 10);
      assert.ok((await frame.locator('#topics-time-chart svg text', { hasText: 'All topics' }).count()) >= 1);
    });

    if (theme === 'light') {
      it('labels an unmatched base model from the diffusion tab, and the chart follows the label', async function () {
        const { page } = workbench;
        const frame = webviewFrame(page);
        await showTab(frame, 'diffusion');
        // The most referenced name that an academic model names.
        const rows = frame.locator('.unmatched-table tbody tr');
        const cells = await rows.evaluateAll((trs) => trs.map((tr) => [tr.querySelector('th')?.textContent ?? '', tr.querySelectorAll('td')[1]?.textContent ?? '0']));
        const index = cells.findIndex(([, academia]) => Number(academia) > 0);
        assert.ok(index >= 0, 'an unmatched name referenced by an academic model');
        const name = cells[index][0];
        const dataset = loadDataset(await readFile(path.join(workspace, TABLE)), TABLE);
        const open = (d: Parameters<typeof diffusion>[0]): number => diffusion(d).groups!.Academia.total.n_base_industry_open!;
        const expected = open({ ...dataset, modelLabels: new Map([[modelNameKey(name), { name, teamSector: 'Industry' as const, openWeights: 'open' as const }]]) });
        assert.equal(await academiaOnOpenIndustry(frame), open(dataset));
        assert.ok(expected > open(dataset), `labelling ${name} moves an academic model onto an open industry base`);
        const drawn = Number(await frame.locator('#findings-panel-diffusion').getAttribute('data-drawn'));
        await rows.nth(index).locator('th button').click();
        await pick(page, 'Industry');
        await pick(page, 'Open weights');
        await frame.locator(`#findings-panel-diffusion:not([data-drawn="${drawn}"])`).waitFor({ timeout: 30_000 });
        for (const deadline = Date.now() + 20_000; Date.now() < deadline && (await academiaOnOpenIndustry(frame)) !== expected; ) await page.waitForTimeout(200);
        assert.equal(await academiaOnOpenIndustry(frame), expected);
        assert.match((await rows.nth(index).textContent()) ?? '', /Industry, open weights/);
        const log = await readFile(path.join(workspace, '.compute-divide', 'labels.jsonl'), 'utf8');
        assert.equal(log.trim().split('\n').length, 2, 'two label events: team sector and open weights');
        await page.mouse.move(5, 5);
        await screenshot(page, `findings-diffusion-labelled-${theme}`);
      });

      it("exports the findings report from the panel's button into report/, the same bytes as the CLI's", async function () {
        const { page } = workbench;
        const frame = webviewFrame(page);
        await frame.locator('#export-findings-report').click();
        await pick(page, 'report/');
        const folder = path.join(workspace, 'report');
        for (const deadline = Date.now() + 60_000; Date.now() < deadline && !existsSync(path.join(folder, 'report.html')); ) await page.waitForTimeout(250);
        await page.locator('.notifications-toasts', { hasText: 'Findings report written to report' }).first().waitFor({ state: 'visible', timeout: 30_000 });
        assert.deepEqual((await readdir(folder)).sort(), [...REPORT_FILES].sort());
        const md = await readFile(path.join(folder, 'report.md'), 'utf8');
        assert.match(md, /2 events by 1 annotator \(e2e\), labelling 0 organizations, 0 papers and 1 base model/);
        await screenshot(page, `findings-report-written-${theme}`);
        const cli = await mkdtemp(path.join(tmpdir(), 'cd-report-cli-'));
        try {
          const r = await runCli(['report', path.join(workspace, TABLE), '--out', cli, '--labels', path.join(workspace, '.compute-divide', 'labels.jsonl')]);
          assert.equal(r.code, 0, r.stderr);
          for (const file of REPORT_FILES) assert.ok((await readFile(path.join(folder, file))).equals(await readFile(path.join(cli, file))), `${file}: the editor's report equals the CLI's`);
        } finally {
          await rm(cli, { recursive: true, force: true });
        }
      });
    } else {
      it("refuses to write over a report.md of the user's own, and leaves it as it was", async function () {
        const { page } = workbench;
        const folder = path.join(workspace, 'report');
        await mkdir(folder, { recursive: true });
        await writeFile(path.join(folder, 'report.md'), 'my own notes\n');
        await webviewFrame(page).locator('#export-findings-report').click();
        await pick(page, 'report/');
        await page.locator('.notifications-toasts', { hasText: 'The findings report was not written' }).first().waitFor({ state: 'visible', timeout: 30_000 });
        assert.equal(await readFile(path.join(folder, 'report.md'), 'utf8'), 'my own notes\n');
        assert.deepEqual(await readdir(folder), ['report.md']);
      });
    }
  });
}
