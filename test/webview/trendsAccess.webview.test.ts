/**
 * The trends webview by keyboard and screen reader, and the review's chart findings (issue #10),
 * on the real notable-models table: each chart's numbers as a table a screen reader reaches
 * (caption, `th scope`), equal to the numbers drawn; arrow keys through the points of the focused
 * chart with a ring, the tooltip and a live region, Enter posting the reveal; points outside the
 * time axis not drawn and not stretching the y axis; the fit table readable at 500 px (light and
 * dark screenshots). Every page is checked for CSP violations and console errors
 * (`useTrendsSuite`).
 */
import * as assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import type { TrendsPoint, TrendsView } from '../../src/shared/trendsProtocol';
import { SECTORS } from './helpers/trendsFixture';
import { markCount, sendData, useTrendsSuite } from './helpers/trendsPage';
import { clearMessages, messages, RESULTS, waitForPosted } from './helpers/webviewPage';
import { describeWithCorpus } from '../support/corpus';

/** The deep-learning era axis the panel starts on for this table: [2010, 2027). */
const AXIS: [number, number] = [2010, 2027];
const fmt = (n: number): string => n.toLocaleString('en-US');
const byDate = (a: TrendsPoint, b: TrendsPoint): number => a.x - b.x || a.y - b.y;

function tableRows(page: Page, name: RegExp): Promise<string[][]> {
  return page.getByRole('table', { name }).evaluate((table) => [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent ?? '')));
}

describeWithCorpus('trends webview: keyboard, screen reader and the drawn axis', function () {
  this.timeout(60_000);
  const suite = useTrendsSuite();
  const open = suite.open;
  let real: TrendsView;
  let drawn: TrendsPoint[];
  before(function () {
    real = suite.real();
    drawn = real.points.filter((p) => p.x >= AXIS[0] && p.x < AXIS[1]);
  });

  it('gives each chart its numbers as a table a screen reader reaches, equal to what is drawn', async function () {
    const page = await open();
    await sendData(page, real);
    // Reachable: in the accessibility tree under their captions (visually hidden is not aria-hidden).
    const tables = page.getByRole('table');
    assert.equal(await tables.count(), 4, 'three data tables and the fit table');
    for (const table of await page.$$('table.data-table')) {
      assert.ok(await table.$('caption'), 'a caption');
      assert.ok((await table.$$eval('thead th', (th) => th.every((h) => h.getAttribute('scope') === 'col'))) === true);
      assert.ok((await table.$$eval('tbody th', (th) => th.length > 0 && th.every((h) => h.getAttribute('scope') === 'row'))) === true);
      const box = await table.evaluate((t) => t.parentElement!.getBoundingClientRect().width);
      assert.ok(box <= 1, 'visually hidden');
    }

    // Chart 1: the drawn points, by date: as many rows as marks, same names, dates, compute and sector.
    const points = await tableRows(page, /^Training compute over time/);
    assert.equal(points.length, drawn.length);
    assert.equal(points.length, await markCount(page, 'compute', 'points_marks'));
    const sorted = [...drawn].sort(byDate);
    points.forEach((row, i) => {
      const p = sorted[i];
      assert.deepEqual([row[0], row[1], row[3], row[4]], [p.name, p.date, p.sector, p.organizations || '—'], `row ${i}`);
      const flop = Number(row[2].replace(/ FLOP$/, ''));
      assert.ok(Math.abs(flop - p.computeFlop) <= 0.005 * p.computeFlop, `${row[2]} vs ${p.computeFlop}`);
    });

    // Chart 2: per year on the axis, n and each sector's share, as drawn (the bars' data).
    const shareYears = real.shares.years.filter((y) => y.year >= AXIS[0] && y.year < AXIS[1]);
    assert.deepEqual(
      await tableRows(page, /^Share of each year's top-10 models/),
      shareYears.map((y) => [String(y.year), String(y.n), ...SECTORS.map((s) => `${Math.round(y[s] * 100)}%`)]),
    );
    const barShares = await page.evaluate(`window.__markItems('shares', 'bars_marks').map(function (i) { return [i.datum.year, i.datum.sector, i.datum.value]; })`);
    assert.deepEqual(barShares, shareYears.flatMap((y) => SECTORS.filter((s) => y[s] > 0).map((s) => [y.year, s, y[s]])));

    // Chart 3: per year on the axis, each sector, all sectors and those with training compute.
    const countYears = real.counts.filter((y) => y.year >= AXIS[0] && y.year < AXIS[1]);
    const total = (r: Record<(typeof SECTORS)[number], number>): number => SECTORS.reduce((n, s) => n + r[s], 0);
    assert.deepEqual(
      await tableRows(page, /^Models per publication year/),
      countYears.map((y) => [String(y.year), ...SECTORS.map((s) => fmt(y[s])), fmt(total(y)), fmt(total(y.withCompute))]),
    );

    // "All years" redraws the tables with the axis.
    await clearMessages(page);
    await page.click('.axis-bar button:has-text("All years")');
    await waitForPosted(page, 'rendered');
    assert.equal((await tableRows(page, /^Training compute over time/)).length, real.points.length);
    assert.equal((await tableRows(page, /^Models per publication year/)).length, real.counts.length);
  });

  it('posts a CSV export of the shares and of the counts from their charts', async function () {
    const page = await open();
    await sendData(page, real);
    await clearMessages(page);
    await page.click('#chart-shares button:text-is("CSV")');
    await page.click('#chart-counts button:text-is("CSV")');
    assert.deepEqual(await messages(page), [
      { type: 'export', chart: 'shares', format: 'csv' },
      { type: 'export', chart: 'counts', format: 'csv' },
    ]);
  });

  it('moves through the points of the focused chart with the arrow keys, announces them, and Enter posts the reveal', async function () {
    const page = await open({ width: 1100, height: 900 });
    await sendData(page, real);
    const chart = page.locator('#chart-compute .chart');
    assert.equal(await chart.getAttribute('tabindex'), '0');
    assert.match((await chart.getAttribute('aria-label')) ?? '', new RegExp(`^Training compute over time, ${fmt(drawn.length)} models\\. Left and Right arrow keys`));
    await chart.focus();
    const sorted = [...drawn].sort(byDate);
    const live = page.locator('#chart-compute [aria-live]');
    const expectAt = async (i: number): Promise<void> => {
      const p = sorted[i];
      assert.equal(await chart.getAttribute('data-point'), p.id, `point ${i}`);
      const text = (await live.textContent()) ?? '';
      assert.ok(text.startsWith(`${p.name}, ${p.date}, `), text);
      assert.ok(text.endsWith(`, ${p.sector}. Model ${fmt(i + 1)} of ${fmt(sorted.length)}.`), text);
      // The ring sits on the point's mark (centre within 1.5 px of the scenegraph item's position).
      const [ring, mark] = await page.evaluate<[[number, number], { x: number; y: number }]>(`(function () {
        var item = window.__markItems('compute', 'points_marks').find(function (it) { return it.datum.id === ${JSON.stringify(p.id)}; });
        var r = document.querySelector('#chart-compute .focus-ring').getBoundingClientRect();
        return [[r.left + r.width / 2, r.top + r.height / 2], window.__itemClientPosition('compute', item)];
      })()`);
      assert.ok(Math.abs(ring[0] - mark.x) <= 1.5 && Math.abs(ring[1] - mark.y) <= 1.5, `ring ${ring.join(',')} vs mark ${mark.x},${mark.y}`);
      assert.ok(await page.isVisible('#chart-compute .focus-ring'));
      assert.ok(((await page.textContent('.chart-tooltip')) ?? '').includes(p.name));
    };
    await page.keyboard.press('ArrowRight');
    await expectAt(0);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowLeft');
    await expectAt(1);
    await page.keyboard.press('End');
    await expectAt(sorted.length - 1);
    await page.keyboard.press('ArrowRight');
    await expectAt(sorted.length - 1);
    await page.keyboard.press('Home');
    await expectAt(0);
    await clearMessages(page);
    await page.keyboard.press('Enter');
    assert.deepEqual(await waitForPosted(page, 'revealPaper'), { type: 'revealPaper', id: sorted[0].id });
    // Leaving the chart hides the ring; Tab reaches it again and the point is kept.
    await page.keyboard.press('Shift+Tab');
    assert.ok(await page.isHidden('#chart-compute .focus-ring'));
    await page.keyboard.press('Tab');
    assert.ok(await page.isVisible('#chart-compute .focus-ring'));
    assert.equal(await chart.getAttribute('data-point'), sorted[0].id);
  });

  it('does not draw points outside the time axis, and their compute does not stretch the y axis', async function () {
    const page = await open();
    await sendData(page, real);
    const outside = real.points.filter((p) => p.x < AXIS[0] || p.x >= AXIS[1]);
    assert.ok(outside.length > 50, 'the real table has points before 2010');
    assert.equal(await markCount(page, 'compute', 'points_marks'), drawn.length);
    const xs = await page.evaluate<number[]>(`window.__markItems('compute', 'points_marks').map(function (i) { return i.datum.x; })`);
    assert.ok(xs.every((x) => x >= AXIS[0] && x < AXIS[1]));
    const yDomain = await page.evaluate(() => (window.__computeDivideCharts!.compute!.scale('y') as { domain(): number[] }).domain());
    const lo = Math.floor(Math.min(...drawn.map((p) => p.y)));
    const hi = Math.ceil(Math.max(...drawn.map((p) => p.y)));
    assert.deepEqual(yDomain, [lo, hi]);
    assert.ok(Math.floor(Math.min(...real.points.map((p) => p.y))) < lo, 'the early points would have stretched it');
    // The fits still use every point: the fit table's "All" row before 2010 is there.
    assert.ok(real.fits.some((f) => f.xMax < AXIS[0]));
    assert.equal(await page.locator('.fit-table tbody tr').count(), real.fits.length);
    // All years draws them all.
    await clearMessages(page);
    await page.click('.axis-bar button:has-text("All years")');
    await waitForPosted(page, 'rendered');
    assert.equal(await markCount(page, 'compute', 'points_marks'), real.points.length);
  });

  it('keeps the fit table readable at 500 px (and 340 px): no text leaves its cell, the table scrolls inside its card with the sector column in view (screenshots at 500 px, light and dark)', async function () {
    mkdirSync(RESULTS, { recursive: true });
    for (const [theme, width] of [['light', 500], ['dark', 500], ['light', 340]] as const) {
      const page = await open({ theme, width, height: 900 });
      await sendData(page, real);
      const layout = await page.evaluate(() => {
        const scroller = document.querySelector<HTMLElement>('.table-scroll')!;
        const cells = [...document.querySelectorAll<HTMLElement>('.fit-table th, .fit-table td')];
        const overflowing = cells.filter((c) => c.scrollWidth > c.clientWidth + 1).map((c) => c.textContent);
        const card = scroller.closest('.card')!.getBoundingClientRect();
        const box = scroller.getBoundingClientRect();
        return {
          page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
          overflowing,
          inCard: box.left >= card.left - 0.5 && box.right <= card.right + 0.5,
          scrolls: scroller.scrollWidth > scroller.clientWidth,
          overflowX: getComputedStyle(scroller).overflowX,
        };
      });
      // (At 340 px the filter bar's closed drop-downs still widen the page: not the fit table's doing.)
      if (width === 500) assert.ok(layout.page <= 0, `the page scrolls sideways by ${layout.page}px`);
      assert.deepEqual(layout.overflowing, [], 'text overflowing its cell');
      assert.ok(layout.inCard, 'the table stays inside its card');
      assert.equal(layout.overflowX, 'auto');
      // A date is never cut at its hyphens.
      const segments = await page.$$eval('.fit-table td.segment .word', (words) => words.map((w) => w.getClientRects().length));
      assert.ok(segments.length > 0 && segments.every((lines) => lines === 1), 'each word of a segment on one line');
      if (width < 400) assert.ok(layout.scrolls, 'at 340 px the table scrolls inside its card');
      if (layout.scrolls) {
        // Scrolled to the end, the sector column stays in view (sticky).
        const stuck = await page.evaluate(() => {
          const scroller = document.querySelector<HTMLElement>('.table-scroll')!;
          scroller.scrollLeft = scroller.scrollWidth;
          const first = document.querySelector<HTMLElement>('.fit-table tbody td')!.getBoundingClientRect();
          return Math.abs(first.left - scroller.getBoundingClientRect().left);
        });
        assert.ok(stuck <= 1, `the sector column moved by ${stuck}px`);
        await page.evaluate(() => {
          document.querySelector<HTMLElement>('.table-scroll')!.scrollLeft = 0;
        });
      }
      if (width === 500) await page.screenshot({ path: path.join(RESULTS, `trends-500px-${theme}.png`), fullPage: true });
    }
  });
}, ['epoch/notable_ai_models_2026-07.csv']);
