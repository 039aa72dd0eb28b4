/**
 * The Agreement webview (dist/agreement.js, media/agreement/agreement.css) in its real CSP'd page,
 * in headless Chromium: the view message in, the numbers as given and the disagreements out; a
 * click on a value posts the adjudication for that target, field and value; a new view (after the
 * label) redraws without the decided item and keeps keyboard focus in the list; readable at 500 px;
 * the adjudicated list's open state survives a reload. No CSP violation or console error.
 */
import * as assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { AgreementView, DisagreementView } from '../../src/shared/agreementProtocol';
import { applyTheme, type ThemeKind } from './helpers/themes';
import { clearMessages, cspViolations, launchChromium, messages, openWebview, pageState, sendToWebview, serveWebview, waitForPosted, type PageLog, type WebviewServer } from './helpers/webviewPage';

const STANFORD: DisagreementView = {
  kind: 'organization',
  key: 'stanford university',
  display: 'Stanford University',
  field: 'category',
  values: [
    { annotator: 'bob', value: 'Industry' },
    { annotator: 'ada', value: 'Academia' },
  ],
  effective: { annotator: 'bob', value: 'Industry' },
  adjudicated: false,
  choices: ['Academia', 'Industry'],
};
const PALM: DisagreementView = {
  kind: 'paper',
  key: 'PaLM 2',
  display: 'PaLM 2',
  field: 'teamSector',
  values: [
    { annotator: 'ada', value: 'Collaboration' },
    { annotator: 'bob', value: 'Industry' },
  ],
  effective: { annotator: 'ada', value: 'Collaboration' },
  adjudicated: false,
  choices: ['Collaboration', 'Industry'],
};
const CORNELL: DisagreementView = { ...STANFORD, key: 'cornell university', display: 'Cornell University', effective: { annotator: 'carol', value: 'Academia' }, adjudicated: true };

const VIEW: AgreementView = {
  annotators: ['ada', 'bob'],
  adjudicators: ['carol'],
  sections: [
    { title: 'Organization categories', items: 7, annotators: ['ada', 'bob'], alpha: 0.7555555555555555, alphaUnits: 6, alphaValues: 12, pairs: [{ a: 'ada', b: 'bob', n: 6, observed: 5 / 6, kappa: 17 / 23 }] },
    { title: 'Team sectors (effective, per paper)', note: 'Each annotator’s team sector follows from their own labels.', items: 8, annotators: ['ada', 'bob'], alpha: 0.5849056603773585, alphaUnits: 6, alphaValues: 12, pairs: [{ a: 'ada', b: 'bob', n: 6, observed: 4 / 6, kappa: null }] },
  ],
  blind: [
    { annotator: 'ada', events: 7, blind: 7 },
    { annotator: 'bob', events: 7, blind: 2 },
  ],
  blindVerdict: '9 of 14 labels were made blind; the others were made with other annotators’ labels in view.',
  open: [STANFORD, PALM],
  adjudicated: [CORNELL],
  me: { name: 'dana', adjudicator: false },
};

describe('agreement webview (dist/agreement.js)', function () {
  this.timeout(60_000);
  let browser: Browser;
  let server: WebviewServer;
  const opened: { page: Page; log: PageLog }[] = [];

  async function open(width: number, theme: ThemeKind = 'dark', state?: unknown): Promise<Page> {
    const result = await openWebview(browser, server, { width, height: 900, state });
    opened.push(result);
    await applyTheme(result.page, theme);
    await waitForPosted(result.page, 'ready');
    return result.page;
  }

  before(async function () {
    browser = await launchChromium();
    server = await serveWebview({ script: 'agreement.js', style: 'agreement/agreement.css', title: 'Agreement' });
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

  it('shows alpha and kappa as given, with captions and header cells scoped, and n/a for an undefined kappa', async function () {
    const page = await open(1100);
    await sendToWebview(page, { type: 'view', view: VIEW });
    await page.waitForSelector('section.agreement table');
    assert.deepEqual(await page.locator('[data-stat=alpha]').allTextContents(), ['0.756', '0.585']);
    assert.deepEqual(await page.locator('[data-stat=kappa]').allTextContents(), ['0.739', 'n/a']);
    assert.deepEqual(await page.locator('section.agreement caption').allTextContents(), ["Cohen's kappa per pair of annotators: organization categories", "Cohen's kappa per pair of annotators: team sectors (effective, per paper)"]);
    assert.deepEqual(await page.locator('section.agreement').first().locator('tbody tr').first().locator('th, td').allTextContents(), ['ada – bob', '6', '0.833', '0.739']);
    assert.equal(await page.locator('thead th:not([scope=col])').count(), 0, 'every column header has scope=col');
    assert.equal(await page.locator('tbody th:not([scope=row])').count(), 0, 'every row header has scope=row');
    assert.match((await page.locator('section.agreement p.alpha').first().textContent()) ?? '', /over 6 items rated at least twice \(12 pairable values\); 7 items rated by 2 annotators/);
    // Blind coding: the verdict and a row per annotator.
    assert.equal(await page.locator('.blind .verdict').textContent(), VIEW.blindVerdict);
    assert.deepEqual(await page.locator('.blind tbody tr').nth(1).locator('th, td').allTextContents(), ['bob', '7', '2 (29%)']);
    assert.match((await page.locator('header .meta').textContent()) ?? '', /2 annotators: ada, bob · adjudicator: carol · you label as dana$/);
  });

  it('lists the open disagreements, each with a button per value, and the adjudicated ones apart', async function () {
    const page = await open(1100);
    await sendToWebview(page, { type: 'view', view: VIEW });
    await page.waitForSelector('.open .disagreement');
    assert.equal(await page.locator('#open-heading').textContent(), 'Open disagreements (2)');
    assert.deepEqual(await page.locator('.open .disagreement h3 .name').allTextContents(), ['Stanford University', 'PaLM 2']);
    assert.deepEqual(await page.locator('.open .disagreement').first().locator('.values li').allTextContents(), ['bob: Industry', 'ada: Academia']);
    assert.deepEqual(await page.locator('.open .disagreement').nth(1).locator('button').allTextContents(), ['Collaboration', 'Industry']);
    assert.equal(await page.locator('.open .disagreement').first().locator('button', { hasText: 'Academia' }).getAttribute('aria-label'), 'Adjudicate Stanford University, organization category: Academia');
    assert.match((await page.locator('.open .disagreement').first().locator('.in-force').textContent()) ?? '', /In force until decided: Industry \(the latest, by bob\)/);
    assert.equal(await page.locator('details.adjudicated summary').textContent(), 'Adjudicated (1)');
    assert.equal(await page.locator('details.adjudicated button').count(), 0, 'no buttons on decided items');
    assert.match((await page.locator('details.adjudicated .in-force').textContent()) ?? '', /Decided: Academia \(by carol\)/);
  });

  it('posts the adjudication of the clicked value, and redraws without the decided item, focus on the next one', async function () {
    const page = await open(1100);
    await sendToWebview(page, { type: 'view', view: VIEW });
    await page.waitForSelector('.open .disagreement');
    await clearMessages(page);
    await page.locator('.open .disagreement').first().locator('button', { hasText: 'Academia' }).click();
    const posted = await waitForPosted(page, 'adjudicate');
    assert.deepEqual(posted, { type: 'adjudicate', kind: 'organization', key: 'stanford university', field: 'category', value: 'Academia' });
    assert.equal(await page.locator('.open .disagreement').first().getAttribute('aria-busy'), 'true');
    assert.equal(await page.locator('.open .disagreement').first().locator('button:disabled').count(), 2, 'no second click while the label is saved');
    // The host's next view: Stanford decided by carol.
    const decided = { ...STANFORD, values: [{ annotator: 'carol', value: 'Academia' }, ...STANFORD.values], effective: { annotator: 'carol', value: 'Academia' }, adjudicated: true };
    await sendToWebview(page, { type: 'view', view: { ...VIEW, open: [PALM], adjudicated: [decided, CORNELL], adjudicators: ['carol', 'dana'], me: { name: 'dana', adjudicator: true } } });
    await page.waitForFunction(() => document.querySelector('#open-heading')?.textContent === 'Open disagreements (1)');
    assert.deepEqual(await page.locator('.open .disagreement h3 .name').allTextContents(), ['PaLM 2']);
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Collaboration', 'focus moves to the next open item');
    await page.locator('.open .disagreement button', { hasText: 'Industry' }).press('Enter');
    assert.deepEqual((await messages(page)).at(-1), { type: 'adjudicate', kind: 'paper', key: 'PaLM 2', field: 'teamSector', value: 'Industry' });
    // After the last one, focus lands on the heading.
    await sendToWebview(page, { type: 'view', view: { ...VIEW, open: [], adjudicated: [decided, CORNELL] } });
    await page.waitForFunction(() => document.activeElement?.id === 'open-heading');
    assert.match((await page.locator('.open .none').textContent()) ?? '', /^None/);
  });

  it('the export button asks the host to export; fewer than two annotators shows what is missing', async function () {
    const page = await open(1100);
    await sendToWebview(page, { type: 'view', view: { ...VIEW, annotators: ['ada'], missing: 'Only ada has labelled so far; agreement needs labels from two annotators (each sets computeDivide.annotator).', sections: [], open: [], adjudicated: [] } });
    await page.waitForSelector('.missing');
    assert.equal(await page.locator('section.agreement').count(), 0);
    assert.match((await page.locator('.missing').textContent()) ?? '', /^Only ada has labelled so far/);
    await clearMessages(page);
    await page.locator('button.export').click();
    assert.deepEqual(await waitForPosted(page, 'export'), { type: 'export' });
  });

  it('keeps the adjudicated list open across a reload (webview state)', async function () {
    const page = await open(1100);
    await sendToWebview(page, { type: 'view', view: VIEW });
    await page.locator('details.adjudicated summary').click();
    await page.waitForFunction(() => (document.querySelector('details.adjudicated') as HTMLDetailsElement).open);
    // The details element's `toggle` event (which saves the state) fires after `open` changes.
    let state = await pageState<{ showAdjudicated?: boolean }>(page);
    for (let i = 0; i < 50 && state === undefined; i++) {
      await page.waitForTimeout(100);
      state = await pageState<{ showAdjudicated?: boolean }>(page);
    }
    assert.deepEqual(state, { showAdjudicated: true });
    const restored = await open(1100, 'dark', state);
    await sendToWebview(restored, { type: 'view', view: VIEW });
    await restored.waitForSelector('details.adjudicated');
    assert.equal(await restored.$eval('details.adjudicated', (d) => (d as HTMLDetailsElement).open), true);
  });

  for (const theme of ['light', 'dark'] as const)
    it(`is readable at 500 px in the ${theme} theme: no horizontal overflow, buttons wrap`, async function () {
      const page = await open(500, theme);
      const long: DisagreementView = { ...STANFORD, key: 'x', display: 'Université de Montréal, Mila – Quebec Artificial Intelligence Institute', choices: ['Academia', 'Government', 'Industry', 'Non-profit', 'Research collective'] };
      await sendToWebview(page, { type: 'view', view: { ...VIEW, open: [long, STANFORD, PALM] } });
      await page.waitForSelector('.open .disagreement');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `no horizontal overflow (${overflow} px)`);
      const colors = await page.$eval('.open .disagreement button', (b) => [getComputedStyle(b).color, getComputedStyle(b).backgroundColor]);
      assert.notEqual(colors[0], colors[1], 'button text and background differ');
      await page.screenshot({ path: `test-results/agreement-webview-${theme}.png`, fullPage: true });
    });
});
