/**
 * The paper-details webview (dist/details.js, media/details/details.css) in its real CSP'd page,
 * in headless Chromium: the ready handshake, a `paper` message drawn as text (name,
 * organizations, fields), links that post `openLink`/`openSource`, the `empty` message, and no
 * CSP violation or console error.
 */
import * as assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { PaperDetails } from '../../src/shared/protocol';
import { applyTheme } from './helpers/themes';
import { clearMessages, cspViolations, launchChromium, messages, openWebview, pageState, sendToWebview, serveWebview, waitForPosted, type PageLog, type WebviewServer } from './helpers/webviewPage';

const PAPER: PaperDetails = {
  id: 'GPT-3 175B (davinci)',
  name: 'GPT-3 175B (davinci)',
  teamSector: 'Industry',
  leaning: '',
  sectorNote: 'Industry: every organization is in industry.',
  publicationDate: '2020-05-28',
  trainingCompute: '3.14e23 FLOP',
  parameters: '175B',
  organizations: [
    { name: 'OpenAI', category: 'Industry' },
    { name: 'An <b>unusually</b> long organization name, with commas, that must wrap', category: 'Industry' },
  ],
  link: 'https://arxiv.org/abs/2005.14165',
  sourceName: 'notable_ai_models_2026-07.csv',
  line: 412,
  fields: [
    { label: 'Domain', value: 'Language', kind: 'text' },
    { label: 'Link', value: 'https://arxiv.org/abs/2005.14165', kind: 'link' },
    { label: 'Abstract', value: 'Recent work has demonstrated substantial gains…\n<script>alert(1)</script>', kind: 'long' },
  ],
};

describe('details webview (dist/details.js)', function () {
  this.timeout(60_000);
  let browser: Browser;
  let server: WebviewServer;
  const opened: { page: Page; log: PageLog }[] = [];

  async function open(): Promise<Page> {
    const result = await openWebview(browser, server);
    opened.push(result);
    await applyTheme(result.page, 'light');
    return result.page;
  }

  before(async function () {
    browser = await launchChromium();
    server = await serveWebview({ script: 'details.js', style: 'details/details.css', title: 'Paper details' });
  });

  afterEach(async function () {
    const pages = opened.splice(0);
    try {
      for (const { page, log } of pages) {
        assert.deepEqual(await cspViolations(page), [], 'securitypolicyviolation events');
        assert.deepEqual(log.errors, [], 'console errors');
      }
    } finally {
      for (const { page } of pages) await page.close();
    }
  });

  after(async function () {
    await browser?.close();
    await server?.close();
  });

  it('posts ready and shows "Loading…"', async function () {
    const page = await open();
    assert.deepEqual(await messages(page), [{ type: 'ready' }]);
    assert.equal((await page.textContent('#root'))?.trim(), 'Loading…');
  });

  it('renders a paper: name, sector, organizations and every field, as text', async function () {
    const page = await open();
    await sendToWebview(page, { type: 'paper', paper: PAPER });
    await page.waitForSelector('h1');
    assert.equal(await page.textContent('h1'), PAPER.name);
    assert.equal(await page.textContent('.sector'), 'Industry');
    assert.ok(await page.isVisible('.sector-industry'));
    assert.deepEqual(await page.$$eval('.organizations .org', (orgs) => orgs.map((o) => o.textContent)), PAPER.organizations.map((o) => o.name));
    assert.equal(await page.locator('.organizations b').count(), 0, 'organization names are text, not HTML');
    assert.deepEqual(await page.$$eval('.fields dt', (dts) => dts.map((d) => d.textContent)), PAPER.fields.map((f) => f.label));
    assert.equal(await page.textContent('.fields .long'), PAPER.fields[2].value);
    assert.equal(await page.locator('.fields script').count(), 0, 'a field value is never parsed as HTML');
    assert.match((await page.textContent('.facts')) ?? '', /3\.14e23 FLOP/);
    assert.deepEqual(await pageState(page), { paperId: PAPER.id });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `horizontal overflow of ${overflow}px`);
  });

  it('posts openLink for the paper link and a link field, and openSource for the CSV row', async function () {
    const page = await open();
    await sendToWebview(page, { type: 'paper', paper: PAPER });
    await page.waitForSelector('h1');
    await clearMessages(page);
    await page.click('text=Open paper ↗');
    assert.deepEqual(await waitForPosted(page, 'openLink'), { type: 'openLink', url: PAPER.link });
    await clearMessages(page);
    await page.click(`.fields a:has-text("${PAPER.fields[1].value}")`);
    assert.deepEqual(await waitForPosted(page, 'openLink'), { type: 'openLink', url: PAPER.fields[1].value });
    await clearMessages(page);
    await page.click(`text=${PAPER.sourceName}, line ${PAPER.line}`);
    assert.deepEqual(await waitForPosted(page, 'openSource'), { type: 'openSource', paperId: PAPER.id });
    assert.equal(page.url(), `${server.origin}/`, 'links do not navigate the webview');
  });

  it('shows the empty message', async function () {
    const page = await open();
    await sendToWebview(page, { type: 'paper', paper: PAPER });
    await page.waitForSelector('h1');
    await sendToWebview(page, { type: 'empty', message: 'Select a paper in the Papers view to see its details.' });
    await page.waitForSelector('p.empty');
    assert.equal(await page.textContent('#root'), 'Select a paper in the Papers view to see its details.');
    assert.equal(await page.locator('h1').count(), 0);
  });
});
