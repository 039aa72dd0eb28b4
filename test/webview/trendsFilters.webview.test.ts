/**
 * The trends webview's filter bar: every change posts `setFilters` with the whole, well-formed
 * TrendsFilters and keeps it with `setState`; typing is debounced; impossible input is refused
 * in the UI and never posted.
 */
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { DEFAULT_TRENDS_FILTERS, type TrendsFilters, type TrendsView } from '../../src/shared/trendsProtocol';
import { SECTORS } from './helpers/trendsFixture';
import { sendData, useTrendsSuite } from './helpers/trendsPage';
import { clearMessages, messages, pageState, waitForPosted } from './helpers/webviewPage';
import { describeWithCorpus } from '../support/corpus';

const FILTER_KEYS = new Set(['since', 'until', 'domains', 'sectors', 'notability', 'minComputeFlop', 'text', 'breaks', 'topK']);

function assertFiltersShape(value: unknown): asserts value is TrendsFilters {
  const f = value as Record<string, unknown>;
  for (const key of Object.keys(f)) assert.ok(FILTER_KEYS.has(key), `unexpected filter key ${key}`);
  for (const key of ['domains', 'sectors', 'notability', 'breaks']) assert.ok(Array.isArray(f[key]) && (f[key] as unknown[]).every((v) => typeof v === 'string'), `${key} must be a string[]`);
  assert.equal(typeof f.text, 'string');
  assert.ok(Number.isInteger(f.topK) && (f.topK as number) >= 1, 'topK must be a positive integer');
  for (const key of ['since', 'until']) if (f[key] !== undefined) assert.match(f[key] as string, /^\d{4}-\d{2}-\d{2}$/);
  if (f.minComputeFlop !== undefined) assert.equal(typeof f.minComputeFlop, 'number');
  for (const s of f.sectors as string[]) assert.ok((SECTORS as string[]).includes(s), `unknown sector ${s}`);
  const breaks = f.breaks as string[];
  assert.deepEqual(breaks, [...breaks].sort(), 'breaks ascending');
}

async function nextFilters(page: Page, after: number): Promise<TrendsFilters> {
  const message = await waitForPosted(page, 'setFilters', after, 5_000);
  assertFiltersShape(message.filters);
  return message.filters;
}

describeWithCorpus('trends webview: filters', function () {
  this.timeout(60_000);
  const suite = useTrendsSuite();
  const open = suite.open;
  let real: TrendsView;
  before(function () {
    real = suite.real();
  });
  it('posts setFilters with the whole filters on every change and keeps them with setState', async function () {
    const page = await open();
    await sendData(page, real);
    let count = (await messages(page)).length;
    const step = async (action: () => Promise<void>): Promise<TrendsFilters> => {
      await action();
      const filters = await nextFilters(page, count);
      count = (await messages(page)).length;
      assert.deepEqual((await pageState<{ filters: TrendsFilters }>(page))?.filters, filters, 'setState keeps the posted filters');
      return filters;
    };

    let f = await step(() => page.fill('input[type=search]', 'GPT'));
    assert.equal(f.text, 'GPT');
    f = await step(() => page.uncheck('.sectors input[value=Academia]'));
    assert.deepEqual(f.sectors, ['Industry', 'Collaboration', 'Other', 'Unknown']);
    const domain = real.options.domains[0].value;
    f = await step(async () => {
      await page.click('details.multi-select:first-of-type summary');
      await page.check(`details.multi-select input[value="${domain}"]`);
    });
    assert.deepEqual(f.domains, [domain]);
    const criterion = real.options.notability[0].value;
    f = await step(async () => {
      await page.click('details.multi-select:nth-of-type(2) summary');
      await page.check(`details.multi-select input[value="${criterion}"]`);
    });
    assert.deepEqual(f.notability, [criterion]);
    f = await step(() => page.fill('input.flop', '1e23'));
    assert.equal(f.minComputeFlop, 1e23);
    f = await step(() => page.fill('input[aria-label="Since (inclusive)"]', '2015-01-01'));
    assert.equal(f.since, '2015-01-01');
    f = await step(() => page.fill('input[type=number]', '5'));
    assert.equal(f.topK, 5);

    // An impossible break date is refused in the UI: marked, explained, not posted.
    await page.fill('input.break >> nth=0', '2021-02-30');
    await page.press('input.break >> nth=0', 'Enter');
    await page.waitForTimeout(250);
    assert.equal((await messages(page)).length, count, 'no setFilters for an impossible date');
    assert.equal(await page.getAttribute('input.break >> nth=0', 'aria-invalid'), '');
    assert.match((await page.textContent('.filter-error')) ?? '', /2021-02-30/);
    f = await step(async () => {
      await page.fill('input.break >> nth=0', '2016-03-01');
      await page.press('input.break >> nth=0', 'Enter');
    });
    assert.deepEqual(f.breaks, ['2015-09-01', '2016-03-01'], 'breaks are posted in ascending order');
    assert.equal(await page.textContent('.filter-error'), '');

    // The last state has everything at once.
    assert.deepEqual(f, { domains: [domain], sectors: ['Industry', 'Collaboration', 'Other', 'Unknown'], notability: [criterion], text: 'GPT', breaks: ['2015-09-01', '2016-03-01'], topK: 5, minComputeFlop: 1e23, since: '2015-01-01' });

    f = await step(() => page.click('button:has-text("Reset filters")'));
    assert.deepEqual(f, DEFAULT_TRENDS_FILTERS);
  });

  it('debounces the name filter (one setFilters for a burst of typing)', async function () {
    const page = await open();
    await sendData(page, real);
    await clearMessages(page);
    // The burst is typed inside the page, one input event per keystroke with no pause between them,
    // so the test measures the debounce and not how fast a busy machine delivers Playwright's keys.
    await page.evaluate(() => {
      const input = document.querySelector<HTMLInputElement>('input[type=search]')!;
      for (const prefix of ['T', 'Tr', 'Tra', 'Tran', 'Trans', 'Transf', 'Transfo', 'Transfor', 'Transform', 'Transforme', 'Transformer']) {
        input.value = prefix;
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }
    });
    await waitForPosted(page, 'setFilters', 0, 5_000);
    await page.waitForTimeout(300);
    const posted = (await messages(page)).filter((m) => m.type === 'setFilters');
    assert.equal(posted.length, 1);
    assert.equal((posted[0].filters as TrendsFilters).text, 'Transformer');
  });

  it('refuses impossible input (2021-02-29, "1e" FLOP, until before since) and accepts 10^23', async function () {
    const page = await open();
    await sendData(page, real);
    await clearMessages(page);
    await page.fill('input[aria-label="Since (inclusive)"]', '2021-02-29');
    await page.press('input[aria-label="Since (inclusive)"]', 'Enter');
    await page.fill('input.flop', '1e');
    await page.waitForTimeout(600);
    assert.equal((await messages(page)).length, 0, 'nothing posted');
    assert.equal(await page.getAttribute('input[aria-label="Since (inclusive)"]', 'aria-invalid'), '');
    assert.equal(await page.getAttribute('input.flop', 'aria-invalid'), '');
    const error = (await page.textContent('.filter-error')) ?? '';
    assert.match(error, /2021-02-29/);
    assert.match(error, /1e23/);

    await page.fill('input.flop', '10^23');
    assert.equal((await nextFilters(page, 0)).minComputeFlop, 1e23);
    await clearMessages(page);
    await page.fill('input[aria-label="Since (inclusive)"]', '2020-02-29');
    await page.press('input[aria-label="Since (inclusive)"]', 'Enter');
    assert.equal((await nextFilters(page, 0)).since, '2020-02-29');
    await clearMessages(page);
    await page.fill('input[aria-label="Until (exclusive)"]', '2019-01-01');
    await page.press('input[aria-label="Until (exclusive)"]', 'Enter');
    await page.waitForTimeout(600);
    assert.equal((await messages(page)).length, 0, 'until before since is not posted');
    assert.match((await page.textContent('.filter-error')) ?? '', /after/);
  });
}, ['epoch/notable_ai_models_2026-07.csv']);
