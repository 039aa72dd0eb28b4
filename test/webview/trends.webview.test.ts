/**
 * The compute-trends webview (dist/trends.js) in its real CSP'd page, in headless Chromium: the
 * ready handshake and state restore, one mark per point and one line per fit, the fit table,
 * reveal on click, light print-ready exports, the empty states, long names, theme and size, and
 * screenshots. Every test also checks that no CSP violation or console error happened
 * (`useTrendsSuite`). Filters: trendsFilters.webview.test.ts; time axis, captions, partial years,
 * legends and filter counts: trendsReading.webview.test.ts; 100,000 points:
 * trendsPerformance.webview.test.ts.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_TRENDS_FILTERS, type TrendsFilters, type TrendsView } from '../../src/shared/trendsProtocol';
import { handMadeView, realView, SECTORS } from './helpers/trendsFixture';
import { applyTheme, leftmostPoint, markCount, recordTiming, sendData, useTrendsSuite } from './helpers/trendsPage';
import { clearMessages, messages, pageState, RESULTS, sendToWebview, waitForPosted, type Posted } from './helpers/webviewPage';
import { describeWithCorpus } from '../support/corpus';

describeWithCorpus('trends webview (dist/trends.js)', function () {
  this.timeout(60_000);
  const suite = useTrendsSuite();
  const open = suite.open;
  let real: TrendsView;
  before(function () {
    real = suite.real();
  });
  it('posts ready without filters on a fresh panel and shows "Loading…"', async function () {
    const page = await open();
    const posted = await messages(page);
    assert.deepEqual(posted, [{ type: 'ready' }]);
    assert.equal((await page.textContent('#root'))?.trim(), 'Loading…');
  });

  it('sends restored filters back in ready and shows them in the filter bar', async function () {
    const filters: TrendsFilters = { ...DEFAULT_TRENDS_FILTERS, since: '2012-01-01', sectors: ['Industry', 'Academia'], text: 'GPT', breaks: ['2012-01-01'], topK: 5, minComputeFlop: 1e21 };
    const page = await open({ state: { filters } });
    assert.deepEqual((await messages(page))[0], { type: 'ready', filters });
    await sendData(page, realView(filters));
    assert.equal(await page.inputValue('input[type=search]'), 'GPT');
    assert.equal(await page.inputValue('input[aria-label="Since (inclusive)"]'), '2012-01-01');
    assert.equal(await page.inputValue('input.flop'), '1e21');
    assert.equal(await page.inputValue('input[type=number]'), '5');
    assert.deepEqual(await page.$$eval('input.break', (inputs) => inputs.map((i) => (i as HTMLInputElement).value)), ['2012-01-01']);
    assert.deepEqual(await page.$$eval('.sectors input', (boxes) => boxes.filter((b) => (b as HTMLInputElement).checked).map((b) => (b as HTMLInputElement).value)), ['Academia', 'Industry']);
    assert.match((await page.textContent('#chart-shares h2')) ?? '', /top-5/);
    assert.deepEqual((await pageState<{ filters: TrendsFilters }>(page))?.filters, filters);
  });

  it('draws one mark per point on the time axis and one line per fit, and a table row per fit (real notable-models table, SVG)', async function () {
    const page = await open();
    const rendered = await sendData(page, real);
    recordTiming(`first draw, ${real.points.length} real points (SVG)`, rendered.ms);
    assert.equal(rendered.points, real.points.length);
    assert.ok(real.points.length > 300 && real.fits.length >= 8, 'a realistic fixture');
    // SVG elements, counted in the DOM: the points on the time axis (2010 on by default).
    const drawn = real.points.filter((p) => p.x >= 2010).length;
    assert.equal(await page.locator('#chart-compute svg g.points_marks > path').count(), drawn);
    assert.equal(await page.locator('#chart-compute svg g.fits_marks > line').count(), real.fits.length);
    // The same through the scenegraph hook.
    assert.equal(await markCount(page, 'compute', 'points_marks'), drawn);
    assert.equal(await markCount(page, 'compute', 'fits_marks'), real.fits.length);
    assert.equal(await page.locator('.fit-table tbody tr').count(), real.fits.length);
    // The bar charts draw the years of the time axis, which starts in 2010 by default.
    const stacks = (rows: readonly { year: number }[]): number => rows.filter((row) => row.year >= 2010).reduce((n, row) => n + SECTORS.filter((s) => (row as unknown as Record<string, number>)[s] > 0).length, 0);
    assert.equal(await page.locator('#chart-shares svg g.mark-rect.role-mark > path').count(), stacks(real.shares.years));
    assert.equal(await page.locator('#chart-counts svg g.mark-rect.role-mark > path').count(), stacks(real.counts));
    const drawnSectors = SECTORS.filter((s) => real.points.some((p) => p.sector === s && p.x >= 2010));
    assert.deepEqual(await page.$$eval('#chart-compute svg .role-legend-label text', (t) => t.map((n) => n.textContent)), drawnSectors);
  });

  it('colours each sector with its fixed Okabe–Ito colour and draws "All" dashed', async function () {
    const page = await open();
    await sendData(page, handMadeView());
    const fills = await page.evaluate(`(function () {
      var out = {};
      window.__markItems('compute', 'points_marks').forEach(function (item) { out[item.datum.sector] = item.fill; });
      return out;
    })()`);
    assert.deepEqual(fills, { Academia: '#0072b2', Industry: '#d55e00', Collaboration: '#cc79a7', Other: '#009e73', Unknown: '#6b6b6b' });
    const lines = await page.evaluate<{ sector: string; stroke: string; dash: number[] }[]>(
      `window.__markItems('compute', 'fits_marks').map(function (i) { return { sector: i.datum.sector, stroke: i.stroke, dash: i.strokeDash }; })`,
    );
    const all = lines.find((l) => l.sector === 'All')!;
    assert.equal(all.stroke, '#3b3b3b', "'All' is drawn in the theme's foreground");
    assert.deepEqual(all.dash, [7, 4]);
    assert.equal(lines.find((l) => l.sector === 'Industry')!.stroke, '#d55e00');
    // Positions come from the scales (the fast encoding path agrees with Vega's own scales).
    const misplaced = await page.evaluate<number>(`(function () {
      var view = window.__computeDivideCharts.compute, sx = view.scale('x'), sy = view.scale('y');
      return window.__markItems('compute', 'points_marks').filter(function (i) {
        return Math.abs(i.x - sx(i.datum.x)) > 1e-9 || Math.abs(i.y - sy(i.datum.y)) > 1e-9;
      }).length;
    })()`);
    assert.equal(misplaced, 0);
  });

  it('thickens a fit line while the pointer is on its row of the table', async function () {
    const page = await open();
    await sendData(page, real);
    const width = (i: number): Promise<number> => page.evaluate<number, number>((index) => {
      const w = window as unknown as { __markItems(c: string, m: string): { datum: { i: number }; strokeWidth: number }[] };
      return w.__markItems('compute', 'fits_marks').find((item) => item.datum.i === index)!.strokeWidth;
    }, i);
    const row = page.locator('.fit-table tbody tr >> nth=2');
    const index = Number(await row.getAttribute('data-fit'));
    assert.equal(await width(index), 2.5);
    await row.hover();
    await page.waitForFunction((i) => {
      const w = window as unknown as { __markItems(c: string, m: string): { datum: { i: number }; strokeWidth: number }[] };
      return w.__markItems('compute', 'fits_marks').find((item) => item.datum.i === i)!.strokeWidth === 4.5;
    }, index);
    await page.mouse.move(1, 1);
    await page.waitForFunction((i) => {
      const w = window as unknown as { __markItems(c: string, m: string): { datum: { i: number }; strokeWidth: number }[] };
      return w.__markItems('compute', 'fits_marks').find((item) => item.datum.i === i)!.strokeWidth === 2.5;
    }, index);
  });

  it('formats the fit table for reading', async function () {
    const page = await open();
    await sendData(page, real);
    const headers = await page.$$eval('.fit-table th', (ths) => ths.map((th) => th.textContent));
    assert.deepEqual(headers, ['Team sector', 'Segment', 'n', 'OOM/year', 'Doubling time (months)', '95% CI of slope', 'R²']);
    const first = await page.$$eval('.fit-table tbody tr:first-child td', (tds) => tds.map((td) => td.textContent));
    const fit = real.fits.find((f) => f.sector === 'All' && f.segment.from === null)!;
    assert.deepEqual(first, [
      'All',
      // The time axis starts in 2010 by default: this fit's line is not drawn, and the row says so.
      `before ${fit.segment.to} · not drawn`,
      String(fit.n),
      fit.slope_oom_per_year.toFixed(2),
      fit.doubling_time_months!.toFixed(1),
      `[${fit.slope_ci95[0].toFixed(2)}, ${fit.slope_ci95[1].toFixed(2)}]`,
      fit.r2!.toFixed(2),
    ]);
  });

  it('shows a tooltip on hover and posts revealPaper with the id of a clicked point', async function () {
    const page = await open();
    await sendData(page, real);
    const point = await leftmostPoint(page);
    await page.mouse.move(point.x, point.y);
    await page.waitForSelector('.chart-tooltip:not([hidden])');
    const tooltip = (await page.textContent('.chart-tooltip')) ?? '';
    assert.ok(tooltip.includes(point.name), tooltip);
    assert.match(tooltip, /Training compute\d(\.\d+)?e?\d* FLOP/);
    assert.match(tooltip, /Team sector(Academia|Industry|Collaboration|Other|Unknown)/);
    await clearMessages(page);
    await page.mouse.click(point.x, point.y);
    assert.deepEqual(await waitForPosted(page, 'revealPaper'), { type: 'revealPaper', id: point.id });
  });

  it('posts export, exportFitsCsv and copyFitsMarkdown from the buttons', async function () {
    const page = await open();
    await sendData(page, real);
    await clearMessages(page);
    await page.click('#chart-compute button:has-text("SVG")');
    await page.click('#chart-compute button:has-text("PNG")');
    await page.click('#chart-compute button:has-text("CSV of points")');
    await page.click('#chart-compute button:text-is("CSV")');
    await page.click('#chart-compute button:has-text("Copy Markdown")');
    await page.click('#chart-shares button:has-text("PNG")');
    await page.click('#chart-counts button:has-text("SVG")');
    assert.deepEqual(await messages(page), [
      { type: 'export', chart: 'compute', format: 'svg' },
      { type: 'export', chart: 'compute', format: 'png' },
      { type: 'export', chart: 'compute', format: 'csv' },
      { type: 'exportFitsCsv' },
      { type: 'copyFitsMarkdown' },
      { type: 'export', chart: 'shares', format: 'png' },
      { type: 'export', chart: 'counts', format: 'svg' },
    ]);
  });

  it('answers requestExport with a light, print-ready SVG and a 2× PNG data URL, even in a dark theme', async function () {
    const page = await open({ theme: 'dark' });
    await sendData(page, real);
    for (const chart of ['compute', 'shares', 'counts'] as const) {
      await clearMessages(page);
      await sendToWebview(page, { type: 'requestExport', chart, format: 'svg' });
      const svg = (await waitForPosted(page, 'exported')) as Posted & { content: string };
      assert.equal(svg.chart, chart);
      assert.equal(svg.format, 'svg');
      const parsed = await page.evaluate((text) => {
        const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
        const root = doc.documentElement;
        const background = root.firstElementChild;
        const fills = [...doc.querySelectorAll('text')].map((t) => t.getAttribute('fill'));
        return {
          errors: doc.getElementsByTagName('parsererror').length,
          root: root.tagName,
          width: Number(root.getAttribute('width')),
          background: background ? { tag: background.tagName, fill: background.getAttribute('fill'), width: Number(background.getAttribute('width')) } : null,
          lightText: fills.filter((f) => f === '#cccccc' || f === '#ffffff').length,
          texts: fills.length,
        };
      }, svg.content);
      assert.equal(parsed.errors, 0, 'no parsererror');
      assert.equal(parsed.root, 'svg');
      assert.deepEqual(parsed.background, { tag: 'rect', fill: '#ffffff', width: parsed.width }, 'a white background rectangle');
      assert.ok(parsed.texts > 10 && parsed.lightText === 0, 'dark text on white, whatever the theme');
      if (chart === 'compute') assert.equal((svg.content.match(/<path/g) ?? []).length >= real.points.filter((p) => p.x >= 2010).length, true);

      await clearMessages(page);
      await sendToWebview(page, { type: 'requestExport', chart, format: 'png' });
      const png = (await waitForPosted(page, 'exported')) as Posted & { content: string };
      assert.equal(png.format, 'png');
      assert.match(png.content, /^data:image\/png;base64,/);
      const image = await page.evaluate(
        (url) =>
          new Promise<{ width: number; corner: number[] }>((resolve, reject) => {
            const img = new Image();
            img.onload = () => {
              const canvas = document.createElement('canvas');
              canvas.width = img.naturalWidth;
              canvas.height = img.naturalHeight;
              const context = canvas.getContext('2d')!;
              context.drawImage(img, 0, 0);
              resolve({ width: img.naturalWidth, corner: [...context.getImageData(3, 3, 1, 1).data] });
            };
            img.onerror = () => reject(new Error('PNG did not load'));
            img.src = url;
          }),
        png.content,
      );
      assert.equal(image.width, 2 * 960, 'rendered at 2×');
      assert.deepEqual(image.corner, [255, 255, 255, 255], 'white background');
    }
  });

  it('shows the empty message, and a clear sentence (with the filter bar) for a view with no points', async function () {
    const page = await open();
    await sendToWebview(page, { type: 'empty', message: 'No Epoch AI model table is loaded.' });
    await page.waitForFunction(() => document.querySelector('#root')?.textContent === 'No Epoch AI model table is loaded.');
    assert.equal(await page.locator('svg, canvas').count(), 0);

    const none: TrendsView = { ...real, filters: { ...DEFAULT_TRENDS_FILTERS, text: 'no such model' }, points: [], fits: [], shares: { top: 10, years: [] }, counts: [] };
    const rendered = await sendData(page, none);
    assert.equal(rendered.points, 0);
    assert.match((await page.textContent('.empty')) ?? '', /No model matches these filters/);
    assert.equal(await page.locator('.filter-bar').count(), 1, 'the filters stay, to widen them');
    assert.equal(await page.locator('#chart-compute svg, canvas').count(), 0, 'no broken chart');
    assert.ok(await page.isHidden('.content'));

    // Back to data: the charts return.
    await sendData(page, real);
    assert.ok(await page.isVisible('#chart-compute svg'));
    assert.ok(await page.isHidden('.empty'));
  });

  it('keeps long names from breaking the layout', async function () {
    const page = await open({ width: 700 });
    const base = handMadeView();
    const long = 'A'.repeat(300);
    const view: TrendsView = {
      ...base,
      datasetName: `${'very_long_dataset_name_'.repeat(12)}.csv`,
      // Away from the fit lines, so the pointer finds the point and not a line.
      points: base.points.map((p, i) => (i === 0 ? { ...p, x: 2013, y: 25, computeFlop: 1e25, name: long, organizations: `${'Organization with a long name, '.repeat(10)}` } : p)),
    };
    await sendData(page, view);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `horizontal overflow of ${overflow}px`);
    const point = await page.evaluate(`(function () {
      var item = window.__markItems('compute', 'points_marks').find(function (i) { return i.datum.name.length === 300; });
      return window.__itemClientPosition('compute', item);
    })()`);
    const { x, y } = point as { x: number; y: number };
    await page.mouse.move(x, y);
    await page.waitForSelector('.chart-tooltip:not([hidden])');
    const box = (await page.locator('.chart-tooltip').boundingBox())!;
    assert.ok(box.x >= 0 && box.x + box.width <= 700, 'tooltip inside the window');
  });

  it('follows the editor theme and redraws when it changes', async function () {
    const page = await open({ theme: 'light' });
    await sendData(page, real);
    const labelFill = (): Promise<string | null> => page.getAttribute('#chart-compute svg .role-axis-label text >> nth=0', 'fill');
    assert.equal(await labelFill(), '#616161');
    await clearMessages(page);
    await applyTheme(page, 'dark');
    await waitForPosted(page, 'rendered');
    assert.equal(await labelFill(), '#9d9d9d');
    assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(31, 31, 31)');
  });

  it('resizes the charts with the panel', async function () {
    const page = await open({ width: 1100 });
    await sendData(page, real);
    const width = (): Promise<number> => page.evaluate(() => document.querySelector('#chart-compute svg')!.getBoundingClientRect().width);
    const host = (): Promise<number> => page.evaluate(() => document.querySelector('#chart-compute .chart')!.clientWidth);
    const before = await width();
    assert.ok(Math.abs(before - (await host())) <= 2, 'fills its card');
    await page.setViewportSize({ width: 640, height: 900 });
    await page.waitForFunction((old) => document.querySelector('#chart-compute svg')!.getBoundingClientRect().width < old - 100, before);
    assert.ok(Math.abs((await width()) - (await host())) <= 2, 'fills its narrower card');
  });

  it('takes screenshots of the panel in light and dark themes (test-results/trends-*.png)', async function () {
    mkdirSync(RESULTS, { recursive: true });
    for (const theme of ['light', 'dark', 'high-contrast'] as const) {
      const page = await open({ theme, width: 1180, height: 900 });
      await sendData(page, real);
      await page.screenshot({ path: path.join(RESULTS, `trends-${theme}.png`), fullPage: true });
    }
  });
}, ['epoch/notable_ai_models_2026-07.csv']);
