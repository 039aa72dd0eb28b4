// Checks that a running `npm start` serves a workbench whose Papers view lists the bundled
// snapshot's topics: `node scripts/check-start.mjs URL` (the URL npm start printed). Opens it in
// headless Chromium, opens the Compute Divide container, waits for the Language topic with the full
// 2026-07 table's count (532, from test/tools/expected_topic_counts.py) and the attribution, and
// saves a screenshot to test-results/start-bundled.png. Exits 0 when it saw them, 1 otherwise.
import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../test/harness/codeServer.mjs';

const url = process.argv[2];
if (!url) {
  console.error('usage: node scripts/check-start.mjs URL');
  process.exit(2);
}
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const browser = await launchBrowser();
let ok = false;
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(url, { timeout: 120_000 });
  await page.locator('.part.activitybar').waitFor({ state: 'visible', timeout: 120_000 });
  await page.locator('.activitybar .action-item a[aria-label^="Compute Divide"], .activitybar .action-item[aria-label^="Compute Divide"]').first().click();
  const papers = page.locator('.pane').filter({ has: page.locator('.pane-header[aria-label^="Papers"]') }).first();
  const language = papers.locator('.pane-body .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: /^Language$/ }) }).first();
  await language.waitFor({ state: 'visible', timeout: 120_000 });
  const count = await language.locator('.label-description').textContent();
  const attribution = await papers
    .locator('.pane-body', { hasText: 'Epoch AI, Data on Notable AI Models (CC BY 4.0)' })
    .first()
    .waitFor({ state: 'visible', timeout: 30_000 })
    .then(() => 1, () => 0);
  await mkdir(path.join(repo, 'test-results'), { recursive: true });
  await page.screenshot({ path: path.join(repo, 'test-results', 'start-bundled.png') });
  ok = count === '532' && attribution > 0;
  console.log(`[check-start] Papers view: Language ${count}, attribution ${attribution > 0 ? 'shown' : 'missing'} → ${ok ? 'ok' : 'NOT ok'}`);
} catch (error) {
  console.error(`[check-start] ${error.message}`);
} finally {
  await browser.close();
}
process.exit(ok ? 0 : 1);
