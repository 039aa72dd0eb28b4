import { strict as assert } from 'node:assert';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { loadHarness, type Workbench } from './harness';
import { REPO, workspaceWithNotable } from './paths';
import { openContainer, runCommand, screenshot, treeRow } from './workbench';

/**
 * Issue #10: with the paper details and the compute trends panels both open, one of them came back
 * blank after most window reloads (code-server's webview service worker races when two panels
 * restore at once). A chart click opens the details beside the trends panel (two groups, both
 * visible); then the window is reloaded four times, and each time both panels must show content
 * (the host's ready watchdog re-creates a webview that never reports ready).
 */
describe('Details and trends panels through window reloads', function () {
  this.timeout(600_000);
  let workbench: Workbench;
  let workspace: string;
  let userDataDir: string;

  before(async function () {
    workspace = await workspaceWithNotable();
    userDataDir = await mkdtemp(path.join(tmpdir(), 'cd-user-'));
    workbench = await (await loadHarness()).openWorkbench({ workspace, userDataDir, extensionDevelopmentPath: REPO, viewport: { width: 1600, height: 1000 } });
  });

  after(async function () {
    await workbench?.close();
    for (const dir of [workspace, userDataDir]) if (dir) await rm(dir, { recursive: true, force: true });
  });

  const frame = (page: Page, i: number): FrameLocator => page.frameLocator(`iframe.webview.ready >> nth=${i}`).frameLocator('#active-frame');

  /** Which panel each visible webview shows, waiting up to `timeout` for both to have content. */
  async function bothHaveContent(page: Page, timeout: number): Promise<void> {
    const deadline = Date.now() + timeout;
    let seen: string[] = [];
    while (Date.now() < deadline) {
      seen = [];
      const frames = await page.locator('iframe.webview.ready').count();
      for (let i = 0; i < frames; i++) {
        const f = frame(page, i);
        if ((await f.locator('.fit-table tbody tr').count().catch(() => 0)) > 0) seen.push('trends');
        else if ((await f.locator('h1').count().catch(() => 0)) > 0 && !(await f.locator('#root .muted').count().catch(() => 0))) seen.push('details');
      }
      if (seen.includes('trends') && seen.includes('details')) return;
      await page.waitForTimeout(500);
    }
    assert.fail(`both panels should have content; saw ${JSON.stringify(seen)}`);
  }

  it('opens the details beside the trends panel from a chart point, and both come back with content after each of 4 reloads', async function () {
    const { page } = workbench;
    await openContainer(page);
    await treeRow(page, 'Language').waitFor({ state: 'visible', timeout: 60_000 });
    await runCommand(page, 'Compute Divide: Show Compute Trends');
    const trends = frame(page, 0);
    await trends.locator('.fit-table tbody tr').first().waitFor({ state: 'visible', timeout: 60_000 });
    // Keyboard: focus the chart, move to the first point, Enter reveals it.
    await trends.locator('#chart-compute .chart').focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await page.locator('iframe.webview.ready >> nth=1').waitFor({ state: 'visible', timeout: 60_000 });
    assert.equal(await page.locator('iframe.webview.ready').count(), 2, 'details beside the trends panel, both visible');
    await bothHaveContent(page, 60_000);
    for (let reload = 1; reload <= 4; reload++) {
      await runCommand(page, 'Developer: Reload Window');
      await page.waitForLoadState('domcontentloaded');
      await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 120_000 });
      await bothHaveContent(page, 60_000);
      await screenshot(page, `panels-reload-${reload}`);
    }
  });
});
