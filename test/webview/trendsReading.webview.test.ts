/**
 * The trends webview read as a researcher reads it, on the real notable-models table: the time
 * axis (deep-learning era by default, following the date filter, stating what it leaves out), the
 * hatched partial last year, chart 3's caption against the bars it draws, legends that list only
 * the sectors drawn, and the filter-aware counts of the domain choices. Expected numbers are
 * counted straight from the rows the loader reads from ../shared/data (never copied).
 */
import * as assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import type { Paper } from '../../src/core/dataset/model';
import { DEFAULT_TRENDS_FILTERS, type ChartId, type TrendsFilters } from '../../src/shared/trendsProtocol';
import { loadEpoch, realView, SECTORS } from './helpers/trendsFixture';
import { sendData, useTrendsSuite } from './helpers/trendsPage';
import { clearMessages, messages, pageState, RESULTS, sendToWebview, waitForPosted, type Posted } from './helpers/webviewPage';
import { describeWithCorpus } from '../support/corpus';

const CHARTS: ChartId[] = ['compute', 'shares', 'counts'];

function xDomain(page: Page, chart: ChartId): Promise<number[]> {
  return page.evaluate((c) => (window.__computeDivideCharts![c]!.scale('x') as { domain(): number[] }).domain(), chart);
}

function legend(page: Page, chart: ChartId): Promise<(string | null)[]> {
  return page.$$eval(`#chart-${chart} svg .role-legend-label text`, (t) => t.map((n) => n.textContent));
}

interface Bar {
  year: number;
  sector: string;
  value: number;
  withCompute?: number;
}

function bars(page: Page, chart: ChartId): Promise<Bar[]> {
  return page.evaluate((c) => (window as unknown as { __markItems(c: string, m: string): { datum: Bar }[] }).__markItems(c, 'bars_marks').map((i) => i.datum), chart);
}

function hatch(page: Page, chart: ChartId): Promise<{ x: number; x2: number }[]> {
  return page.evaluate((c) => (window as unknown as { __markItems(c: string, m: string): { datum: { x: number; x2: number } }[] }).__markItems(c, 'partialHatch_marks').map((i) => i.datum), chart);
}

const fmt = (n: number): string => n.toLocaleString('en-US');

/** Click a time-axis choice and wait for the redraw it answers with. */
async function chooseAxis(page: Page, label: 'Deep-learning era' | 'All years'): Promise<void> {
  await clearMessages(page);
  await page.click(`.axis-bar button:has-text("${label}")`);
  await waitForPosted(page, 'rendered');
}

describeWithCorpus('trends webview: reading the charts', function () {
  this.timeout(60_000);
  const suite = useTrendsSuite();
  const open = suite.open;
  let papers: Paper[];
  const dated = (keep: (date: string, p: Paper) => boolean = () => true): Paper[] => papers.filter((p) => p.publicationDate !== undefined && keep(p.publicationDate, p));
  const withCompute = (ps: Paper[]): Paper[] => ps.filter((p) => (p.trainingComputeFlop ?? 0) > 0);
  before(function () {
    papers = loadEpoch().papers;
  });

  it('starts the time axis at the deep-learning era by default and states what it leaves out', async function () {
    const page = await open();
    await sendData(page, suite.real());
    for (const chart of CHARTS) assert.deepEqual(await xDomain(page, chart), [2010, 2027], chart);
    const early = dated((d) => d < '2010-01-01');
    assert.equal(early.length, 126);
    const note = (await page.textContent('.axis-note')) ?? '';
    assert.equal(
      note,
      `Not drawn: ${early.length} models published in 1950–2009 (${withCompute(early).length} of them with training compute), before the time axis starts in 2010. They still count in the fits and the fit table.`,
    );
    assert.equal(await page.getAttribute('.axis-bar button:has-text("Deep-learning era")', 'aria-pressed'), 'true');
    for (const chart of ['shares', 'counts'] as const) assert.ok((await bars(page, chart)).every((b) => b.year >= 2010), `${chart}: no bar before 2010`);
    // The points before 2010 stay in the data (the fits use them) but lie left of the plot.
    const clipped = await page.evaluate(`(function () {
      return window.__markItems('compute', 'points_marks').filter(function (i) { return i.datum.x < 2010 && i.x >= 0; }).length;
    })()`);
    assert.equal(clipped, 0);
    // Fits whose models are all before 2010 have no line in view: their rows say so.
    const offAxis = async (): Promise<string[]> => page.$$eval('.fit-table tr.off-axis', (rows) => rows.map((r) => r.querySelector('.segment')!.textContent));
    const earlyFits = suite.real().fits.filter((f) => f.xMax < 2010);
    assert.ok(earlyFits.length >= 3);
    assert.deepEqual(await offAxis(), earlyFits.map(() => 'before 2010-01-01 · not drawn'));

    // All years: a local redraw (no setFilters), kept with setState.
    await clearMessages(page);
    await page.click('.axis-bar button:has-text("All years (1950 on)")');
    await waitForPosted(page, 'rendered');
    for (const chart of CHARTS) assert.deepEqual(await xDomain(page, chart), [1950, 2027], chart);
    assert.equal(await page.textContent('.axis-note'), 'Showing 1950–2026: every year of the filtered data.');
    assert.deepEqual(await offAxis(), []);
    assert.deepEqual((await messages(page)).map((m) => m.type), ['rendered']);
    assert.equal((await pageState<{ timeAxis?: string }>(page))?.timeAxis, 'all');
  });

  it('restores the chosen time axis with the panel', async function () {
    const page = await open({ state: { filters: DEFAULT_TRENDS_FILTERS, timeAxis: 'all' } });
    await sendData(page, suite.real());
    assert.deepEqual(await xDomain(page, 'counts'), [1950, 2027]);
    assert.equal(await page.getAttribute('.axis-bar button:has-text("All years")', 'aria-pressed'), 'true');
  });

  it('follows the date filter: Since sets the start (the era choice is off), Until the end', async function () {
    const page = await open();
    await sendData(page, realView({ ...DEFAULT_TRENDS_FILTERS, since: '2015-09-01' }));
    for (const chart of CHARTS) assert.deepEqual(await xDomain(page, chart), [2015, 2027], chart);
    assert.equal(await page.textContent('.axis-note'), 'The time axis starts in 2015, as the “Since” filter asks.');
    assert.ok(await page.isDisabled('.axis-bar button:has-text("All years")'));

    await sendData(page, realView({ ...DEFAULT_TRENDS_FILTERS, until: '2020-07-01' }));
    for (const chart of CHARTS) assert.deepEqual(await xDomain(page, chart), [2010, 2021], chart);
    // 2020 is cut by the filter at 2020-06-30: hatched, and named.
    for (const chart of ['shares', 'counts'] as const) {
      const lines = await hatch(page, chart);
      assert.ok(lines.length > 0 && lines.every((l) => l.x >= 2020 && l.x2 >= 2020 && l.x <= 2021 && l.x2 <= 2021), chart);
    }
    assert.match((await page.textContent('#chart-counts .caption')) ?? '', /Hatched: 2020 through 2020-06-30 — a year the data covers only in part\./);
  });

  it('hatches the partial last year (data through 2026-07-15) in charts 2 and 3, and says so', async function () {
    const page = await open();
    await sendData(page, suite.real());
    const latest = dated().reduce((max, p) => (p.publicationDate! > max ? p.publicationDate! : max), '');
    assert.equal(latest, '2026-07-15');
    for (const chart of ['shares', 'counts'] as const) {
      const lines = await hatch(page, chart);
      assert.ok(lines.length >= 8, `${chart}: hatching drawn`);
      assert.ok(lines.every((l) => Math.min(l.x, l.x2) >= 2026 && Math.max(l.x, l.x2) <= 2027), `${chart}: only over 2026`);
      assert.match((await page.textContent(`#chart-${chart} .caption`)) ?? '', new RegExp(`Hatched: 2026 through ${latest} — a year the data covers only in part\\.`));
    }
    // The tooltip of a 2026 bar says it too (through the hatching).
    await page.locator('#chart-counts').scrollIntoViewIfNeeded();
    const bar = await page.evaluate(`(function () {
      // The middle of the longest hatch line: right on a stroke, over the 2026 bar.
      var lines = window.__markItems('counts', 'partialHatch_marks');
      var item = lines.reduce(function (a, b) { return Math.abs(b.y2 - b.y) > Math.abs(a.y2 - a.y) ? b : a; });
      var p = window.__itemClientPosition('counts', item);
      return { x: p.x + (item.x2 - item.x) / 2, y: p.y + (item.y2 - item.y) / 2 };
    })()`);
    await page.mouse.move((bar as { x: number }).x, (bar as { y: number }).y);
    await page.waitForSelector('.chart-tooltip:not([hidden])');
    assert.match((await page.textContent('.chart-tooltip')) ?? '', /Partial year2026 through 2026-07-15/);

    // A dataset cut on 1 January has no partial year: nothing hatched, no note.
    await sendData(page, realView({ ...DEFAULT_TRENDS_FILTERS, until: '2026-01-01' }));
    for (const chart of ['shares', 'counts'] as const) {
      assert.equal((await hatch(page, chart)).length, 0, chart);
      assert.doesNotMatch((await page.textContent(`#chart-${chart} .caption`)) ?? '', /Hatched/);
    }
  });

  it('captions chart 3 with what its bars count: every dated row, with or without training compute', async function () {
    const page = await open();
    await sendData(page, suite.real());
    const era = dated((d) => d >= '2010-01-01');
    const caption = async (): Promise<string> => (await page.textContent('#chart-counts .caption')) ?? '';
    const sum = (list: Bar[], key: 'value' | 'withCompute'): number => list.reduce((n, b) => n + (b[key] ?? 0), 0);
    assert.ok(
      (await caption()).startsWith(
        `Each bar counts the models published that year that pass the filters, whether or not their training compute is known. Drawn: ${fmt(era.length)} models, ${fmt(withCompute(era).length)} with a known training compute (the dots of the first chart) and ${fmt(era.length - withCompute(era).length)} without.`,
      ),
      await caption(),
    );
    // The caption is the sum of the bars drawn.
    assert.equal(sum(await bars(page, 'counts'), 'value'), era.length);
    assert.equal(sum(await bars(page, 'counts'), 'withCompute'), withCompute(era).length);

    await chooseAxis(page, 'All years');
    assert.match(await caption(), /Drawn: 1,031 models, 529 with a known training compute \(the dots of the first chart\) and 502 without\./);
    assert.equal(sum(await bars(page, 'counts'), 'value'), dated().length);

    await sendData(page, realView({ ...DEFAULT_TRENDS_FILTERS, minComputeFlop: 1e23 }));
    const large = dated((_d, p) => (p.trainingComputeFlop ?? 0) >= 1e23);
    assert.match(await caption(), new RegExp(`Drawn: ${fmt(large.length)} models, all with a known training compute\\.`));
  });

  it('lists only the sectors drawn in every legend', async function () {
    const page = await open();
    const view = async (filters: Partial<TrendsFilters>): Promise<void> => {
      await sendData(page, realView({ ...DEFAULT_TRENDS_FILTERS, ...filters }));
    };
    await view({ sectors: ['Academia', 'Industry'] });
    for (const chart of CHARTS) assert.deepEqual(await legend(page, chart), ['Academia', 'Industry'], chart);

    await view({ text: 'GPT' });
    const gpt = SECTORS.filter((s) => withCompute(dated((d, p) => d >= '2010-01-01' && p.teamSector === s && p.name.toLowerCase().includes('gpt'))).length > 0);
    assert.ok(gpt.length >= 2 && gpt.length < 5);
    assert.deepEqual(await legend(page, 'compute'), gpt);

    // No model of Unknown sector with training compute is from 2010 on: not drawn, not listed.
    await view({});
    assert.equal(withCompute(dated((d, p) => d >= '2010-01-01' && p.teamSector === 'Unknown')).length, 0);
    assert.deepEqual(await legend(page, 'compute'), ['Academia', 'Industry', 'Collaboration', 'Other']);
    await chooseAxis(page, 'All years');
    assert.deepEqual(await legend(page, 'compute'), SECTORS);
  });

  it('counts the domain choices under the other filters, and says so', async function () {
    const page = await open();
    const domainRows = async (): Promise<{ note: string; counts: Record<string, string>; zero: string[] }> => {
      return page.evaluate(() => {
        const select = document.querySelector('details.multi-select')!;
        const counts: Record<string, string> = {};
        const zero: string[] = [];
        for (const row of select.querySelectorAll<HTMLElement>('.ms-option')) {
          counts[row.dataset.value!] = row.querySelector('.ms-count')!.textContent!;
          if (row.classList.contains('zero')) zero.push(row.dataset.value!);
        }
        return { note: select.querySelector('.ms-note')!.textContent, counts, zero };
      });
    };
    await sendData(page, suite.real());
    let rows = await domainRows();
    assert.equal(rows.note, 'Models in the dataset:');
    assert.equal(rows.counts.Language, fmt(papers.filter((p) => p.domains.includes('Language')).length));
    assert.equal(rows.counts.Language, '532');

    await sendData(page, realView({ ...DEFAULT_TRENDS_FILTERS, sectors: ['Academia'], since: '2015-09-01' }));
    rows = await domainRows();
    assert.equal(rows.note, 'Models that match the other filters (dates, team sectors):');
    const academic = (domain: string): number => papers.filter((p) => p.teamSector === 'Academia' && (p.publicationDate ?? '') >= '2015-09-01' && p.domains.includes(domain)).length;
    for (const domain of ['Language', 'Vision', 'Multimodal', 'Biology']) assert.equal(rows.counts[domain], fmt(academic(domain)), domain);
    const none = Object.keys(rows.counts).filter((d) => academic(d) === 0);
    assert.ok(none.length > 0);
    assert.deepEqual(rows.zero.sort(), none.sort(), 'values no row would match are dimmed');
    await page.click('details.multi-select:first-of-type summary');
    assert.match((await page.getAttribute('.ms-option[data-value="Language"]', 'title')) ?? '', new RegExp(`^${academic('Language')} of the 532 models with “Language” in the dataset match the other filters$`));
  });

  it('states the axis and the partial year in exports', async function () {
    const page = await open({ theme: 'dark' });
    await sendData(page, suite.real());
    await clearMessages(page);
    await sendToWebview(page, { type: 'requestExport', chart: 'counts', format: 'svg' });
    const svg = ((await waitForPosted(page, 'exported')) as Posted & { content: string }).content;
    assert.match(svg, /Every model with a publication date that passes the filters, with or without training compute\./);
    assert.match(svg, /Hatched: partial year \(2026 through 2026-07-15\)\./);
    assert.match(svg, /Not drawn: 126 models published in 1950–2009 \(62 of them with training compute\)/);
  });

  it('takes screenshots of the time axis, captions and domain counts (test-results/trends-reading-*.png)', async function () {
    mkdirSync(RESULTS, { recursive: true });
    for (const theme of ['light', 'dark'] as const) {
      const page = await open({ theme, width: 1180, height: 900 });
      await sendData(page, realView({ ...DEFAULT_TRENDS_FILTERS, sectors: ['Academia', 'Industry', 'Collaboration'] }));
      await page.click('details.multi-select:first-of-type summary');
      await page.screenshot({ path: path.join(RESULTS, `trends-reading-${theme}.png`), fullPage: true });
      await chooseAxis(page, 'All years');
      await page.screenshot({ path: path.join(RESULTS, `trends-reading-all-years-${theme}.png`), fullPage: true });
    }
  });
}, ['epoch/notable_ai_models_2026-07.csv']);
