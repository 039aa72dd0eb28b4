import { strict as assert } from 'node:assert';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadHarness, type Workbench } from './harness';
import { REPO, workspaceWithNotable } from './paths';
import { openContainer, runCommand, screenshot, treeRow, webviewFrame } from './workbench';

/**
 * The Compute Trends panel in the real workbench: opened from the command palette, its three
 * charts drawn (screenshots in a light and a dark theme), a filter set in the panel, and the panel
 * restored with that filter after the window reloads (WebviewPanelSerializer + webview state).
 */
for (const [theme, colorTheme] of [
  ['light', 'Default Light Modern'],
  ['dark', 'Default Dark Modern'],
] as const) {
  describe(`Compute Trends panel in the workbench (${theme} theme)`, function () {
    this.timeout(240_000);
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
        settings: { 'workbench.colorTheme': colorTheme },
        viewport: { width: 1600, height: 1000 },
      });
    });

    after(async function () {
      await workbench?.close();
      for (const dir of [workspace, userDataDir]) if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('opens from the command palette and draws the three charts', async function () {
      const { page } = workbench;
      await openContainer(page);
      await treeRow(page, 'Language').waitFor({ state: 'visible', timeout: 30_000 });
      await runCommand(page, 'Compute Divide: Show Compute Trends');
      const frame = webviewFrame(page);
      await frame.locator('.fit-table tbody tr, table tbody tr').first().waitFor({ state: 'visible', timeout: 30_000 });
      // Chart 1 is SVG at this size: one symbol per point on the time axis (467 of the 529 rows with a
      // date and compute are from 2010 on; the 62 before are not drawn, the fits still use them).
      await page.waitForTimeout(500);
      const points = await frame.locator('svg g.mark-symbol.points_marks > path').count();
      assert.equal(points, 467);
      await page.mouse.move(5, 5);
      await screenshot(page, `trends-panel-${theme}`);
      for (const chart of ['compute', 'shares', 'counts']) assert.equal(await frame.locator(`#chart-${chart} svg, #chart-${chart} canvas`).count(), 1, chart);
    });

    it('keeps a filter through a window reload', async function () {
      const { page } = workbench;
      const frame = webviewFrame(page);
      await frame.locator('input[aria-label="Model name contains"]').fill('GPT');
      await page.waitForTimeout(1500);
      const filtered = await frame.locator('svg g.mark-symbol.points_marks > path').count();
      assert.ok(filtered > 5 && filtered < 100, `${filtered} GPT points`);
      // Reload the window the way a user does, so the workbench saves the webview's state first.
      await runCommand(page, 'Developer: Reload Window');
      await page.waitForLoadState('domcontentloaded');
      await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
      const restored = webviewFrame(page);
      await restored.locator('input[aria-label="Model name contains"]').waitFor({ state: 'visible', timeout: 60_000 });
      assert.equal(await restored.locator('input[aria-label="Model name contains"]').inputValue(), 'GPT');
      await page.waitForTimeout(1500);
      assert.equal(await restored.locator('svg g.mark-symbol.points_marks > path').count(), filtered);
      await screenshot(page, `trends-panel-restored-${theme}`);
    });
  });
}
