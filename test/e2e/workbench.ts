import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { REPO } from './paths';

/** Screenshots go here (git-ignored); look at them after a run. */
export const RESULTS_DIR = path.join(REPO, 'test-results');

export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Open the Compute Divide container from the activity bar and wait for the Papers tree. */
export async function openContainer(page: Page): Promise<void> {
  await page.locator('.activitybar .action-item a[aria-label^="Compute Divide"], .activitybar .action-item[aria-label^="Compute Divide"]').first().click();
  // With one view in the container VS Code hides the view's own header and titles the side bar.
  await page.locator('.part.sidebar .composite.title', { hasText: /Compute Divide/i }).first().waitFor({ state: 'visible', timeout: 30_000 });
}

/** The Papers view's pane (the container also holds the Organizations view, with rows of the same names). */
export function papersPane(page: Page) {
  return page.locator('.pane').filter({ has: page.locator('.pane-header[aria-label^="Papers"]') }).first();
}

/** The row of the Papers tree whose label is exactly `label`. */
export function treeRow(page: Page, label: string) {
  return papersPane(page)
    .locator('.pane-body .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }) })
    .first();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Run a command from the palette by its title. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
}

/** The active webview's content frame (VS Code nests it in two iframes). */
export function webviewFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
}
