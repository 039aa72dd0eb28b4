import { strict as assert } from 'node:assert';
import { rm } from 'node:fs/promises';
import { loadHarness, type Workbench } from './harness';
import { REPO, workspaceWithNotable } from './paths';
import { openContainer, papersPane, screenshot, treeRow } from './workbench';

/**
 * UI checks through the real workbench in headless Chromium: open the container, expand a topic
 * and a sector, hover a paper, open its details; screenshots in a light and a dark theme under
 * test-results/ (look at them).
 */
for (const [theme, colorTheme] of [
  ['light', 'Default Light Modern'],
  ['dark', 'Default Dark Modern'],
] as const) {
  describe(`Papers tree in the workbench (${theme} theme)`, function () {
    this.timeout(180_000);
    let workbench: Workbench;
    let workspace: string;

    before(async function () {
      workspace = await workspaceWithNotable();
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

    it('opens the container and lists topics with their counts', async function () {
      const { page } = workbench;
      await openContainer(page);
      const language = treeRow(page, 'Language');
      await language.waitFor({ state: 'visible', timeout: 30_000 });
      // Language is the largest topic of the notable-models table.
      const description = await language.locator('.label-description').textContent();
      assert.match(description ?? '', /^\d{3}$/);
    });

    it('expands a topic and a sector and shows papers newest first', async function () {
      const { page } = workbench;
      await treeRow(page, 'Language').click();
      const industry = treeRow(page, 'Industry');
      await industry.waitFor({ state: 'visible' });
      await industry.click();
      const papers = papersPane(page).locator('.pane-body .monaco-list-row[aria-level="3"]');
      await papers.first().waitFor({ state: 'visible' });
      const descriptions = await papers.locator('.label-description').allTextContents();
      const dates = descriptions.map((d) => d.slice(0, 10)).filter((d) => /^\d{4}-\d\d-\d\d$/.test(d));
      assert.ok(dates.length >= 5, `dates shown: ${descriptions.join(' | ')}`);
      assert.deepEqual(dates, [...dates].sort().reverse());
    });

    it('hovers a paper and shows its tooltip', async function () {
      const { page } = workbench;
      const paper = papersPane(page).locator('.pane-body .monaco-list-row[aria-level="3"]').nth(1);
      await paper.hover();
      const hover = page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'Training compute' }).first();
      await hover.waitFor({ state: 'visible', timeout: 10_000 });
      assert.match((await hover.textContent()) ?? '', /Team sector: Industry/);
      await screenshot(page, `papers-tree-${theme}`);
    });

    it('opens the details view when a paper is selected', async function () {
      const { page } = workbench;
      await page.mouse.move(0, 0);
      await papersPane(page).locator('.pane-body .monaco-list-row[aria-level="3"]').nth(1).click();
      const frame = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
      await frame.locator('h1').waitFor({ state: 'visible', timeout: 20_000 });
      assert.equal(await frame.locator('.sector').first().textContent(), 'Industry');
      assert.ok((await frame.locator('.fields dt').count()) > 10);
      await screenshot(page, `paper-details-${theme}`);
    });
  });
}
