/**
 * Timings of the trends webview: re-drawing the real table after a filter change, and 100,000
 * synthetic points on a canvas (first draw, hover, re-draw). Reported (and written to
 * test-results/trends-timings.json), not asserted: the tests assert only that drawing finished
 * with one scenegraph item per point.
 */
import * as assert from 'node:assert/strict';
import { DEFAULT_TRENDS_FILTERS } from '../../src/shared/trendsProtocol';
import { handMadeView, realView } from './helpers/trendsFixture';
import { leftmostPoint, markCount, recordTiming, sendData, syntheticDataScript, useTrendsSuite } from './helpers/trendsPage';
import { clearMessages, waitForPosted, type Posted } from './helpers/webviewPage';
import { itWithCorpus } from '../support/corpus';

describe('trends webview: performance', function () {
  this.timeout(60_000);
  const suite = useTrendsSuite();
  const open = suite.open;
  itWithCorpus('times a re-draw after a filter-like data message (real table)', async function () {
    const page = await open();
    await sendData(page, suite.real());
    const filtered = realView({ ...DEFAULT_TRENDS_FILTERS, since: '2010-01-01', sectors: ['Academia', 'Industry'] });
    const rendered = await sendData(page, filtered);
    recordTiming(`re-draw after a filter change, ${filtered.points.length} real points (SVG)`, rendered.ms);
    assert.equal(await page.locator('#chart-compute svg g.points_marks > path').count(), filtered.points.length);
    assert.equal(await page.locator('.fit-table tbody tr').count(), filtered.fits.length);
  }, ['epoch/notable_ai_models_2026-07.csv']);

  it('draws 100,000 synthetic points on a canvas, one scenegraph item each, and stays responsive to hover', async function () {
    this.timeout(180_000);
    const page = await open();
    const base = handMadeView();
    await clearMessages(page);
    await page.evaluate(syntheticDataScript(base, 100_000));
    const first = (await waitForPosted(page, 'rendered', 0, 120_000)) as Posted & { ms: number; points: number };
    recordTiming('first draw, 100,000 synthetic points (canvas)', first.ms);
    assert.equal(first.points, 100_000);
    assert.equal(await page.evaluate(() => window.__computeDivideCharts?.compute?.renderer()), 'canvas');
    assert.equal(await page.locator('#chart-compute canvas').count(), 1);
    // Drawn: the synthetic points on the time axis (the base's dates, 2012–2021).
    const onAxis = (): Promise<number> => page.evaluate(() => (window as unknown as { __computeDivideCharts: { compute: { data(name: string): { x: number }[] } } }).__computeDivideCharts.compute.data('points').length);
    const drawn = await onAxis();
    assert.ok(drawn > 10_000 && drawn < 20_000, `${drawn} points on the axis`);
    assert.equal(await markCount(page, 'compute', 'points_marks'), drawn);
    assert.equal(await markCount(page, 'compute', 'fits_marks'), base.fits.length);

    const point = await leftmostPoint(page);
    const started = Date.now();
    await page.mouse.move(point.x, point.y);
    await page.waitForSelector('.chart-tooltip:not([hidden])', { timeout: 5_000 });
    recordTiming('hover to tooltip, 100,000 points (canvas, includes Playwright round trips)', Date.now() - started);
    assert.match((await page.textContent('.chart-tooltip')) ?? '', /Synthetic model \d+/);

    await clearMessages(page);
    await page.evaluate(syntheticDataScript(base, 100_000, 7));
    const again = (await waitForPosted(page, 'rendered', 0, 120_000)) as Posted & { ms: number };
    recordTiming('re-draw after a filter-like data message, 100,000 points (canvas)', again.ms);
    assert.equal(await markCount(page, 'compute', 'points_marks'), await onAxis());
  });
});
