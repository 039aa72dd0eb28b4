/**
 * The Findings panel's preset control, large-scale selector, frontier fits and leaning switch
 * (dist/trends.js) in their real CSP'd page, in headless Chromium, on the host's numbers for
 * Epoch's July 2026 notable-models table (`buildTrendsView`, the CLI's core): a preset sets the
 * filters visibly and editing one turns it into Custom; the large-scale selector posts its
 * definition and parameter and the chart's accessible table then carries the core's years; the
 * frontier choice posts its definition and the frontier fit table lists the core's fits, its flag
 * choice disabled for a table without Epoch's column. Every test checks that no CSP violation or
 * console error happened (`useTrendsSuite`).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { loadDataset } from '../../src/core/dataset/loadDataset';
import type { Dataset } from '../../src/core/dataset/model';
import { buildTrendsView } from '../../src/host/trendsViewModel';
import { DEFAULT_TRENDS_FILTERS, type TrendsFilters } from '../../src/shared/trendsProtocol';
import { describeWithCorpus } from '../support/corpus';
import { TEST_DATA } from '../support/paths';
import { sendData, useTrendsSuite } from './helpers/trendsPage';
import { messages, waitForPosted } from './helpers/webviewPage';

const NOTABLE = 'notable_ai_models_2026-07.csv';

async function posted(page: Page, action: () => Promise<void>): Promise<TrendsFilters> {
  const after = (await messages(page)).length;
  await action();
  return (await waitForPosted(page, 'setFilters', after, 5_000)).filters as TrendsFilters;
}

describeWithCorpus(
  'Findings webview: presets, large-scale definition, frontier fits, leaning',
  function () {
    this.timeout(90_000);
    const suite = useTrendsSuite();
    let dataset: Dataset;
    before(function () {
      dataset = loadDataset(fs.readFileSync(path.join(TEST_DATA, 'epoch', NOTABLE)), NOTABLE);
    });
    const view = (filters: Partial<TrendsFilters> = {}): ReturnType<typeof buildTrendsView> => buildTrendsView(dataset, { ...DEFAULT_TRENDS_FILTERS, ...filters }, NOTABLE);

    it('a preset sets the filters in the bar; editing one turns it into Custom; the other preset clears the first', async function () {
      const page = await suite.open();
      await sendData(page, view());
      assert.deepEqual(await page.$$eval('select.preset option', (o) => o.map((x) => [(x as HTMLOptionElement).value, x.textContent])), [['custom', 'Custom'], ['paper', 'As in the paper'], ['large-scale', 'Epoch large-scale']]);
      assert.equal(await page.inputValue('select.preset'), 'custom');
      let f = await posted(page, () => page.selectOption('select.preset', 'paper').then(() => undefined));
      assert.equal(f.since, '2010-01-01');
      assert.deepEqual(f.notability, ['SOTA improvement', 'Historical significance', 'Highly cited']);
      assert.equal(f.minComputeFlop, undefined);
      assert.equal(await page.inputValue('input[aria-label="Since (inclusive)"]'), '2010-01-01', 'the preset is visible in the date field');
      await sendData(page, view(f));
      assert.equal(await page.inputValue('select.preset'), 'paper');
      // Editing the date makes it Custom.
      f = await posted(page, async () => {
        await page.fill('input[aria-label="Since (inclusive)"]', '2012-01-01');
        await page.press('input[aria-label="Since (inclusive)"]', 'Enter');
      });
      assert.equal(f.since, '2012-01-01');
      assert.equal(await page.inputValue('select.preset'), 'custom');
      f = await posted(page, () => page.selectOption('select.preset', 'large-scale').then(() => undefined));
      assert.equal(f.since, undefined);
      assert.deepEqual(f.notability, []);
      assert.equal(f.minComputeFlop, 1e23);
      assert.equal(await page.inputValue('input[aria-label="Minimum training compute (FLOP)"]'), '1e23');
      const big = view(f);
      await sendData(page, big);
      assert.equal(big.points.length, 145, 'the oracle\'s 145 points of 1e23 FLOP or more');
      assert.equal(await page.inputValue('select.preset'), 'large-scale');
    });

    it('the large-scale selector posts its definition and parameter; the accessible table carries the core\'s years', async function () {
      const page = await suite.open();
      await sendData(page, view());
      assert.equal(await page.inputValue('select.large-scale'), 'top-k');
      assert.equal(await page.isHidden('input.large-scale-parameter'), true);
      let f = await posted(page, () => page.selectOption('select.large-scale', 'threshold').then(() => undefined));
      assert.equal(f.largeScale, 'threshold');
      const threshold = view(f);
      await sendData(page, threshold);
      assert.equal(await page.inputValue('input.large-scale-parameter'), '1e23');
      assert.match((await page.textContent('#chart-shares h2')) ?? '', /models with ≥ 1e23 FLOP/);
      const rows = await page.$$eval('#chart-shares .data-table-slot tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('th,td')].map((c) => c.textContent)));
      const drawnYears = threshold.shares.years.filter((y) => y.year >= 2010);
      assert.deepEqual(rows.map((r) => [r[0], r[1]]), drawnYears.map((y) => [String(y.year), String(y.n)]));
      f = await posted(page, async () => {
        await page.fill('input.large-scale-parameter', '1e24');
        await page.press('input.large-scale-parameter', 'Enter');
      });
      assert.equal(f.largeScaleFlop, 1e24);
      f = await posted(page, () => page.selectOption('select.large-scale', 'residual').then(() => undefined));
      assert.equal(f.largeScale, 'residual');
      assert.equal(f.largeScaleFlop, undefined);
      await sendData(page, view(f));
      assert.equal(await page.inputValue('input.large-scale-parameter'), '1');
      // A parameter that is not a number is refused in the panel and never posted.
      const before = (await messages(page)).length;
      await page.fill('input.large-scale-parameter', 'one');
      await page.press('input.large-scale-parameter', 'Enter');
      assert.match((await page.textContent('#chart-shares [role=alert]')) ?? '', /not a number/);
      await page.waitForTimeout(300);
      assert.equal((await messages(page)).slice(before).filter((m) => m.type === 'setFilters').length, 0);
    });

    it('the frontier choice posts its definition and the frontier table lists the core\'s fits; flag needs the column', async function () {
      const page = await suite.open();
      await sendData(page, view());
      assert.equal(await page.inputValue('select.frontier'), 'off');
      assert.equal(await page.$$eval('.frontier-fits tbody tr', (r) => r.length), 0);
      const f = await posted(page, () => page.selectOption('select.frontier', 'flag').then(() => undefined));
      assert.equal(f.frontier, 'flag');
      const flagged = view(f);
      assert.equal(flagged.frontierPoints, 113, 'the oracle\'s 113 flagged points');
      await sendData(page, flagged);
      assert.equal(await page.$$eval('.frontier-fits tbody tr', (r) => r.length), flagged.frontierFits!.length);
      assert.match((await page.textContent('.frontier-fits h3')) ?? '', /Frontier model flag \(113 models\)/);
      const slopes = await page.$$eval('.frontier-fits tbody tr td:nth-child(4)', (tds) => tds.map((td) => td.textContent));
      assert.deepEqual([...slopes].sort(), flagged.frontierFits!.map((x) => x.slope_oom_per_year.toFixed(2).replace('-', '−')).sort());
      // A table without Epoch's column: the flag choice is disabled.
      await sendData(page, { ...view({ frontier: 'top-k' }), hasFrontierColumn: false });
      assert.equal(await page.$eval('select.frontier option[value=flag]', (o) => (o as HTMLOptionElement).disabled), true);
      assert.equal(await page.inputValue('select.frontier'), 'top-k');
    });

    it('the leaning switch posts byLeaning and shows it', async function () {
      const page = await suite.open();
      await sendData(page, view());
      const f = await posted(page, () => page.check('input.leaning'));
      assert.equal(f.byLeaning, true);
      await sendData(page, view(f));
      assert.equal(await page.isChecked('input.leaning'), true);
      const off = await posted(page, () => page.uncheck('input.leaning'));
      assert.equal(off.byLeaning, undefined);
    });
  },
  [`epoch/${NOTABLE}`],
);
