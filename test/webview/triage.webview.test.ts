/**
 * The triage webview (dist/triage.js, media/triage/triage.css) in its real CSP'd page, in headless
 * Chromium: a paper with 30 organizations keeps the organization in focus and the category
 * buttons on screen, and a narrow editor stacks each organization's cells instead of squeezing
 * them into one-letter columns. No CSP violation or console error.
 */
import * as assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { TriageItem } from '../../src/shared/triageProtocol';
import { applyTheme } from './helpers/themes';
import { cspViolations, launchChromium, openWebview, sendToWebview, serveWebview, waitForPosted, type PageLog, type WebviewServer } from './helpers/webviewPage';

const ITEM = (focus: number): TriageItem => ({
  paperId: 'P',
  name: 'A model trained by a consortium of thirty organizations',
  date: '2024-03-04',
  teamSector: 'Unknown',
  reasons: ['an organization without a category'],
  authors: 'Ada Lovelace, Alan Turing',
  abstract: 'Long abstract. '.repeat(40),
  link: 'https://example.org/paper',
  organizations: Array.from({ length: 30 }, (_, i) => ({
    name: `University Research Consortium for Large-Scale Machine Learning Number ${i + 1}`,
    category: i % 3 === 0 ? '' : 'Academia',
    source: i % 3 === 0 ? 'no row gives one' : 'table rows: Academia ×3',
    ...(i % 2 === 0 ? { suggestion: { category: 'Academia', confidence: 0.9, reason: 'name pattern "University"' } } : {}),
  })),
  focus,
});

describe('triage webview (dist/triage.js)', function () {
  this.timeout(60_000);
  let browser: Browser;
  let server: WebviewServer;
  const opened: { page: Page; log: PageLog }[] = [];

  async function open(width: number): Promise<Page> {
    const result = await openWebview(browser, server, { width, height: 700 });
    opened.push(result);
    await applyTheme(result.page, 'dark');
    await waitForPosted(result.page, 'ready');
    return result.page;
  }

  const inView = (page: Page, selector: string): Promise<boolean> =>
    page.$eval(selector, (node) => {
      const r = node.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0;
    });

  before(async function () {
    browser = await launchChromium();
    server = await serveWebview({ script: 'triage.js', style: 'triage/triage.css', title: 'Affiliation Triage' });
  });

  afterEach(async function () {
    for (const { page, log } of opened.splice(0)) {
      assert.deepEqual(await cspViolations(page), [], 'securitypolicyviolation events');
      assert.deepEqual(log.errors, [], 'console errors');
      await page.close();
    }
  });

  after(async function () {
    await browser?.close();
    await server?.close();
  });

  it('keeps the organization in focus and the 1–5 buttons on screen in a long list', async function () {
    const page = await open(1100);
    await sendToWebview(page, { type: 'item', item: ITEM(0), progress: { position: 1, total: 3, done: 0 }, keys: '1–5 label' });
    await page.waitForSelector('.organizations li.focus');
    assert.equal(await page.locator('.organizations li').count(), 30);
    assert.deepEqual(await page.locator('.org-head span').allTextContents(), ['Organization', 'Category', 'From', 'Suggestion']);
    assert.ok(await inView(page, '.categories button'), 'the category buttons are visible on a long paper');
    await sendToWebview(page, { type: 'item', item: ITEM(20), progress: { position: 1, total: 3, done: 0 }, keys: '1–5 label' });
    await page.waitForFunction(() => document.querySelectorAll('.organizations li')[20]?.classList.contains('focus'));
    assert.ok(await inView(page, '.organizations li.focus'), 'the organization in focus (the 21st) is scrolled into view');
    assert.ok(await inView(page, '.categories button'), 'and the buttons stay visible');
    await page.screenshot({ path: 'test-results/triage-webview-long-dark.png', fullPage: false });
  });

  it('stacks each organization in a narrow editor instead of squeezing its columns', async function () {
    const page = await open(560);
    await sendToWebview(page, { type: 'item', item: ITEM(0), progress: { position: 1, total: 3, done: 0 }, keys: '1–5 label' });
    await page.waitForSelector('.organizations li.focus');
    assert.equal(await page.locator('.org-head').isVisible(), false, 'no column heads when stacked');
    const widths = await page.$$eval('.organizations li:first-child > span', (spans) => spans.map((s) => s.getBoundingClientRect().width));
    const rowWidth = await page.$eval('.organizations li:first-child', (li) => li.getBoundingClientRect().width);
    for (const w of widths) assert.ok(w > rowWidth * 0.8, `each cell takes the row's width (${w} of ${rowWidth})`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `no horizontal overflow (${overflow} px)`);
    await page.screenshot({ path: 'test-results/triage-webview-narrow-dark.png', fullPage: false });
  });
});
