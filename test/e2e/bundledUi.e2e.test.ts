import { strict as assert } from 'node:assert';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadHarness, type Workbench } from './harness';
import { REPO } from './paths';
import { openContainer, papersPane, screenshot, treeRow } from './workbench';

/**
 * Zero setup, as a new user meets it: a workspace with no table, the Papers view's welcome offers
 * the bundled snapshot first; one click shows Epoch's notable models with the full 2026-07 table's
 * topic counts (python3 test/tools/expected_topic_counts.py on the full table), the attribution
 * above the tree and the snapshot's age in the status bar. Light and dark screenshots.
 */
for (const [theme, colorTheme] of [
  ['light', 'Default Light Modern'],
  ['dark', 'Default Dark Modern'],
] as const) {
  describe(`Bundled snapshot from the welcome view (${theme} theme)`, function () {
    this.timeout(180_000);
    let workbench: Workbench;
    let workspace: string;

    before(async function () {
      workspace = await mkdtemp(path.join(tmpdir(), 'cd-empty-workspace-'));
      workbench = await (await loadHarness()).openWorkbench({
        workspace,
        extensionDevelopmentPath: REPO,
        settings: { 'workbench.colorTheme': colorTheme },
        viewport: { width: 1400, height: 900 },
      });
    });

    after(async function () {
      await workbench?.close();
      if (workspace) await rm(workspace, { recursive: true, force: true });
    });

    it('offers the bundled snapshot first in the welcome view', async function () {
      const { page } = workbench;
      await openContainer(page);
      const buttons = papersPane(page).locator('.welcome-view-content .monaco-button');
      await buttons.first().waitFor({ state: 'visible', timeout: 30_000 });
      const labels = await buttons.allTextContents();
      assert.deepEqual(labels.slice(0, 3), ["Explore Epoch's notable models (bundled snapshot, 2026-07-15)", 'Open Dataset…', 'Download Epoch Dataset']);
      await screenshot(page, `bundled-welcome-${theme}`);
    });

    it('one click shows the topics with the full table’s counts, the attribution and the snapshot’s age', async function () {
      const { page } = workbench;
      await papersPane(page).locator('.welcome-view-content .monaco-button').first().click();
      const expected: [string, string][] = [['Language', '532'], ['Vision', '344'], ['Multimodal', '118'], ['Image generation', '59'], ['Speech', '55'], ['Games', '51']];
      for (const [topic, count] of expected) {
        const row = treeRow(page, topic);
        await row.waitFor({ state: 'visible', timeout: 30_000 });
        assert.equal(await row.locator('.label-description').textContent(), count, topic);
      }
      await papersPane(page).locator('.pane-body', { hasText: 'Epoch AI, Data on Notable AI Models (CC BY 4.0), snapshot 2026-07-15' }).first().waitFor({ state: 'visible' });
      const status = page.locator('.statusbar-item', { hasText: /1,036 models · bundled snapshot 2026-07-15 \(/ }).first();
      await status.waitFor({ state: 'visible', timeout: 10_000 });
      await treeRow(page, 'Language').click();
      await treeRow(page, 'Industry').waitFor({ state: 'visible' });
      await screenshot(page, `bundled-tree-${theme}`);
      // The choice is kept in the folder's settings, so the folder opens on it next time.
      const settings = JSON.parse(await readFile(path.join(workspace, '.vscode', 'settings.json'), 'utf8')) as Record<string, unknown>;
      assert.equal(settings['computeDivide.dataset'], 'bundled');
    });
  });
}
