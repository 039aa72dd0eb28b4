/**
 * The Findings panel's tabs (dist/trends.js) in their real CSP'd page, in headless Chromium, on
 * the numbers the host computes for the bundled snapshot (data/epoch-notable-ai-models.csv.gz,
 * read by the product's loader): the tabs switch (click, arrow keys, the host's `showTab`, a
 * restored state); the topics scatter draws one mark per topic of the correlation, at the core
 * analysis' median compute and academic-only share, and its caption states the core's rho, k and
 * p; the Domain / Task switch; the diffusion bars carry the core's counts per year and per period;
 * hover and click on a topic, click on an unmatched base model; the accessible tables; light
 * print-ready exports. Every test also checks that no CSP violation or console error happened
 * (`useTrendsSuite`). Screenshots go to test-results/findings-*.png.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { modelNameKey } from '../../src/core/analyses/baseModels';
import { diffusion, type DiffusionResult } from '../../src/core/analyses/diffusion';
import { topics, type TopicsResult } from '../../src/core/analyses/topics';
import { loadDataset } from '../../src/core/dataset/loadDataset';
import type { Dataset } from '../../src/core/dataset/model';
import { buildFindingsView } from '../../src/host/findingsViewModel';
import { buildTrendsView } from '../../src/host/trendsViewModel';
import type { FindingsView } from '../../src/shared/findingsProtocol';
import { DEFAULT_TRENDS_FILTERS } from '../../src/shared/trendsProtocol';
import { applyTheme, sendData, useTrendsSuite } from './helpers/trendsPage';
import { clearMessages, messages, pageState, REPO, RESULTS, sendToWebview, waitForPosted } from './helpers/webviewPage';

const SNAPSHOT = path.join(REPO, 'data', 'epoch-notable-ai-models.csv.gz');

/** Scenegraph items of a named mark of a findings chart (`window.__computeDivideFindings`). */
function findingsItems<T>(page: Page, chart: 'topics' | 'topicsTime' | 'diffusion', mark: string): Promise<T[]> {
  return page.evaluate(`(function () {
    var view = (window.__computeDivideFindings || {})[${JSON.stringify(chart)}];
    if (!view) return [];
    var found = [];
    var visit = function (node) {
      if (!node) return;
      if (node.marktype && node.name === ${JSON.stringify(mark)}) found = found.concat(node.items.map(function (i) { return { datum: i.datum, x: i.x, y: i.y, text: i.text, fill: i.fill }; }));
      var children = node.items || [];
      for (var i = 0; i < children.length; i++) if (children[i] && (children[i].items || children[i].marktype)) visit(children[i]);
    };
    visit(view.scenegraph().root);
    return found;
  })()`);
}

/** Wait until the tab's chart has been drawn more than `after` times. */
async function drawn(page: Page, tab: 'topics' | 'diffusion', after = 0): Promise<void> {
  await page.waitForFunction(([t, a]) => Number(document.getElementById(`findings-panel-${t}`)?.dataset.drawn ?? 0) > a, [tab, after] as const, { timeout: 30_000 });
}

function drawCount(page: Page, tab: 'topics' | 'diffusion'): Promise<number> {
  return page.evaluate((t) => Number(document.getElementById(`findings-panel-${t}`)?.dataset.drawn ?? 0), tab);
}

/** The caption's forms of the core's numbers: true minus, two decimals for rho, two significant digits for p. */
function rhoText(rho: number): string {
  const text = rho.toFixed(2);
  return text.startsWith('-') ? `−${text.slice(1)}` : text;
}
function pText(p: number): string {
  return p < 0.001 ? '< 0.001' : String(Number(p.toPrecision(2)));
}

describe('Findings tabs (dist/trends.js) on the bundled snapshot', function () {
  this.timeout(90_000);
  const suite = useTrendsSuite();
  let dataset: Dataset;
  let byDomain: TopicsResult;
  let byTask: TopicsResult;
  let core: DiffusionResult;
  let findings: FindingsView;

  before(function () {
    dataset = loadDataset(gunzipSync(readFileSync(SNAPSHOT)), 'epoch-notable-ai-models.csv');
    byDomain = topics(dataset, { by: 'domain' });
    byTask = topics(dataset, { by: 'task' });
    core = diffusion(dataset);
    findings = buildFindingsView(dataset, DEFAULT_TRENDS_FILTERS, 'domain');
  });

  async function openWithData(options: { state?: unknown; theme?: 'light' | 'dark'; width?: number } = {}): Promise<Page> {
    const page = await suite.open(options);
    await sendData(page, buildTrendsView(dataset, DEFAULT_TRENDS_FILTERS, 'bundled snapshot'));
    await sendToWebview(page, { type: 'findings', view: findings });
    return page;
  }

  it('opens on Compute trends; clicking a tab shows its panel, hides the others and tells the host', async function () {
    const page = await openWithData();
    assert.deepEqual(await page.$$eval('[role=tab]', (tabs) => tabs.map((t) => [t.textContent, t.getAttribute('aria-selected')])), [
      ['Compute trends', 'true'],
      ['Topics', 'false'],
      ["Building on industry's models", 'false'],
    ]);
    assert.equal(await page.isVisible('#chart-compute'), true);
    assert.equal(await page.isVisible('#findings-panel-topics'), false);
    await clearMessages(page);
    await page.click('#findings-tab-topics');
    assert.deepEqual(await waitForPosted(page, 'setTab'), { type: 'setTab', tab: 'topics' });
    assert.equal(await page.isVisible('#findings-panel-topics'), true);
    assert.equal(await page.isVisible('#chart-compute'), false);
    assert.equal((await pageState<{ tab?: string }>(page))?.tab, 'topics', 'the tab is kept with setState');
    // Arrow keys move between tabs (WAI-ARIA tabs).
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.isVisible('#findings-panel-diffusion'), true);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'findings-tab-diffusion');
    // The host's showTab (the "Show Findings" command with a tab) brings a tab forward.
    await sendToWebview(page, { type: 'showTab', tab: 'trends' });
    await page.waitForSelector('#chart-compute', { state: 'visible' });
    assert.equal(await page.isVisible('#findings-panel-diffusion'), false);
  });

  it('a restored panel asks for its saved tab and topics switch in ready', async function () {
    const page = await suite.open({ state: { filters: DEFAULT_TRENDS_FILTERS, tab: 'diffusion', topicsBy: 'task' } });
    assert.deepEqual((await messages(page))[0], { type: 'ready', filters: DEFAULT_TRENDS_FILTERS, tab: 'diffusion', topicsBy: 'task' });
  });

  it("the topics scatter draws the core's k topics at their median compute and academic-only share, and the caption states rho, k and p", async function () {
    const page = await openWithData();
    await page.click('#findings-tab-topics');
    await drawn(page, 'topics');
    const c = byDomain.correlation!;
    assert.ok(c.n_topics >= 5 && c.spearman_rho !== null && c.p_value !== null, 'a realistic snapshot');
    const points = await findingsItems<{ datum: { topic: string; x: number; y: number; n: number } }>(page, 'topics', 'topics_marks');
    assert.equal(points.length, c.n_topics, 'one mark per topic of the correlation');
    assert.equal(await page.locator('#topics-chart svg g.topics_marks > path').count(), c.n_topics, 'SVG elements in the DOM');
    assert.deepEqual(points.map((p) => p.datum.topic).sort(), [...c.topics].sort());
    for (const p of points) {
      const t = byDomain.topics.find((x) => x.topic === p.datum.topic)!;
      assert.equal(p.datum.x, t.median_log10_flop);
      assert.equal(p.datum.y, t.shares.Academia);
      assert.equal(p.datum.n, t.n_models);
    }
    // Labels: each names a topic of the scatter at most once, none overlaps another, the topics with the most models first.
    const boxes = await page.$$eval('#topics-chart svg g[class*="topicLabels"] > text', (texts) =>
      texts.map((t) => {
        const r = t.getBoundingClientRect();
        return { text: t.textContent ?? '', x0: r.left, y0: r.top, x1: r.right, y1: r.bottom };
      }),
    );
    const labelled = boxes.map((b) => b.text);
    assert.equal(new Set(labelled).size, labelled.length, 'no topic labelled twice');
    for (const text of labelled) assert.ok(c.topics.includes(text), `${text} is a topic of the scatter`);
    assert.ok(labelled.length >= Math.min(8, c.n_topics), `most topics labelled (${labelled.length} of ${c.n_topics})`);
    const largest = [...byDomain.topics].filter((t) => c.topics.includes(t.topic)).sort((a, b) => b.n_models - a.n_models)[0];
    assert.ok(labelled.includes(largest.topic), 'the topic with the most models is labelled');
    for (const [i, a] of boxes.entries())
      for (const b of boxes.slice(i + 1)) assert.ok(a.x1 <= b.x0 || b.x1 <= a.x0 || a.y1 <= b.y0 || b.y1 <= a.y0, `labels ${a.text} and ${b.text} overlap`);
    const caption = (await page.textContent('#findings-panel-topics .caption'))!;
    assert.ok(caption.includes(`ρ = ${rhoText(c.spearman_rho)}`), caption);
    assert.ok(caption.includes(`k = ${c.n_topics}`), caption);
    assert.ok(caption.includes(`p = ${pText(c.p_value)}`), caption);
    assert.match(caption, /the p-value is fragile/);
    const sentence = (await page.textContent('.finding-sentence'))!;
    const o = byDomain.overall!;
    assert.ok(sentence.includes(`10^${byDomain.top_quantile.threshold_log10_flop!.toFixed(2)} FLOP`), sentence);
    assert.ok(sentence.includes(`${Math.round(100 * o.shares.Academia!)}% of all ${o.n_models.toLocaleString('en-US')} models`), sentence);
    assert.ok(sentence.includes(`${Math.round(100 * o.top_quantile.shares.Academia!)}% of the ${o.top_quantile.n} models in the top quartile`), sentence);
    // The table beside it: every topic, in the core's order.
    assert.deepEqual(await page.$$eval('.topics-table tbody th', (cells) => cells.map((c) => c.textContent)), byDomain.topics.map((t) => t.topic));
    // The accessible table of the scatter: one row per point.
    assert.equal(await page.locator('#findings-panel-topics .topics-chart-cell .sr-only table tbody tr').count(), c.n_topics);
    assert.match((await page.textContent('#findings-panel-topics .sr-only caption'))!, new RegExp(`the ${c.n_topics} topics of the correlation`));
  });

  it('hovering a topic lists its models; clicking it asks the host to reveal the topic; the Task switch redraws with the host\'s task numbers', async function () {
    const page = await openWithData();
    await page.click('#findings-tab-topics');
    await drawn(page, 'topics');
    const language = byDomain.topics.find((t) => t.topic === 'Language')!;
    const position = await page.evaluate(`(function () {
      var view = window.__computeDivideFindings.topics;
      var found;
      var visit = function (node) {
        if (!node) return;
        if (node.marktype && node.name === 'topics_marks') node.items.forEach(function (i) { if (i.datum.topic === 'Language') found = i; });
        (node.items || []).forEach(function (c) { if (c && (c.items || c.marktype)) visit(c); });
      };
      visit(view.scenegraph().root);
      var rect = view.container().querySelector('svg').getBoundingClientRect();
      var x = found.x, y = found.y, g = found.mark.group;
      while (g) { x += g.x || 0; y += g.y || 0; g = g.mark && g.mark.group; }
      var origin = view.origin(), padding = view.padding();
      return { x: rect.left + padding.left + origin[0] + x, y: rect.top + padding.top + origin[1] + y };
    })()`);
    const { x, y } = position as { x: number; y: number };
    await page.mouse.move(x, y);
    await page.waitForSelector('.chart-tooltip:not([hidden])');
    const tooltip = (await page.textContent('.chart-tooltip'))!;
    assert.match(tooltip, /^Language/);
    assert.ok(tooltip.includes(`Models${language.n_models.toLocaleString('en-US')}`), tooltip);
    const largest = [...dataset.papers]
      .filter((p) => p.domains.includes('Language') && p.trainingComputeFlop !== undefined)
      .sort((a, b) => b.trainingComputeFlop! - a.trainingComputeFlop!)[0];
    assert.ok(tooltip.includes(largest.name), `the largest Language model (${largest.name}) is listed`);
    await clearMessages(page);
    await page.mouse.click(x, y);
    assert.deepEqual(await waitForPosted(page, 'revealTopic'), { type: 'revealTopic', topic: 'Language', by: 'domain' });
    // The table's topic names do the same from the keyboard.
    await clearMessages(page);
    await page.click('.topics-table tbody th button >> nth=1');
    assert.deepEqual(await waitForPosted(page, 'revealTopic'), { type: 'revealTopic', topic: byDomain.topics[1].topic, by: 'domain' });
    // Domain / Task.
    await clearMessages(page);
    await page.click('#findings-panel-topics button[data-value=task]');
    assert.deepEqual(await waitForPosted(page, 'setTopicsBy'), { type: 'setTopicsBy', by: 'task' });
    const before = await drawCount(page, 'topics');
    await sendToWebview(page, { type: 'findings', view: buildFindingsView(dataset, DEFAULT_TRENDS_FILTERS, 'task') });
    await drawn(page, 'topics', before);
    assert.equal((await findingsItems(page, 'topics', 'topics_marks')).length, byTask.correlation!.n_topics);
    assert.ok((await page.textContent('#findings-panel-topics .caption'))!.includes(`k = ${byTask.correlation!.n_topics}`));
    assert.equal(await page.getAttribute('#findings-panel-topics button[data-value=task]', 'aria-pressed'), 'true');
  });

  it("the diffusion bars carry the core's counts per year and per period for Academia and Collaboration", async function () {
    const page = await openWithData();
    await page.click('#findings-tab-diffusion');
    await drawn(page, 'diffusion');
    const bars = await findingsItems<{ datum: { group: 'Academia' | 'Collaboration'; label: string; nModels: number; nBaseIndustryOpen: number; share: number; counts: string }; fill: string }>(page, 'diffusion', 'diffusion_marks');
    assert.ok(bars.length >= 10, `${bars.length} bars per year`);
    for (const bar of bars) {
      const year = core.groups![bar.datum.group].years.find((y) => String(y.year) === bar.datum.label)!;
      assert.ok(year, `${bar.datum.group} ${bar.datum.label}`);
      assert.equal(bar.datum.nModels, year.n_models);
      assert.equal(bar.datum.nBaseIndustryOpen, year.n_base_industry_open);
      assert.equal(bar.datum.share, year.share_models_on_industry_open_base);
      assert.equal(bar.datum.counts, `${year.n_base_industry_open}/${year.n_models}`);
      assert.equal(bar.fill, bar.datum.group === 'Academia' ? '#0072b2' : '#cc79a7', 'the sectors keep their colours');
    }
    const labels = await findingsItems<{ text: string }>(page, 'diffusion', 'diffusionCounts_marks');
    assert.deepEqual(labels.map((l) => l.text).sort(), bars.map((b) => b.datum.counts).sort(), 'each bar labelled with its counts');
    assert.equal(await page.locator('#findings-panel-diffusion .sr-only table tbody tr').count(), bars.length, 'the accessible table: one row per bar');
    // Per period.
    const before = await drawCount(page, 'diffusion');
    await page.click('#findings-panel-diffusion button[data-value=period]');
    await drawn(page, 'diffusion', before);
    const periods = await findingsItems<{ datum: { group: 'Academia' | 'Collaboration'; label: string; nModels: number; nBaseIndustryOpen: number } }>(page, 'diffusion', 'diffusion_marks');
    const want = (['Academia', 'Collaboration'] as const).flatMap((g) => core.groups![g].periods.map((p) => [g, p.period, p.n_models, p.n_base_industry_open]));
    assert.deepEqual(periods.map((b) => [b.datum.group, b.datum.label, b.datum.nModels, b.datum.nBaseIndustryOpen]).sort(), want.sort());
    assert.equal(await page.locator('#findings-panel-diffusion .sr-only table tbody tr').count(), want.length);
  });

  it("lists the unmatched base models most referenced first; a click asks the host to label one; new numbers redraw at once", async function () {
    const page = await openWithData();
    await page.click('#findings-tab-diffusion');
    await drawn(page, 'diffusion');
    const names = await page.$$eval('.unmatched-table tbody th', (cells) => cells.map((c) => c.textContent));
    assert.deepEqual(names, core.unmatched_base_names.slice(0, 200).map((u) => u.name));
    await clearMessages(page);
    await page.click('.unmatched-table tbody th button >> nth=0');
    assert.deepEqual(await waitForPosted(page, 'labelBaseModel'), { type: 'labelBaseModel', name: core.unmatched_base_names[0].name });
    // The host answers a label with new numbers: the chart and the list follow.
    const name = core.unmatched_base_names.find((u) => u.sectors.Academia > 0)!.name;
    const labelled = { ...dataset, modelLabels: new Map([[modelNameKey(name), { name, teamSector: 'Industry' as const, openWeights: 'open' as const }]]) };
    const before = await drawCount(page, 'diffusion');
    await sendToWebview(page, { type: 'findings', view: buildFindingsView(labelled, DEFAULT_TRENDS_FILTERS, 'domain') });
    await drawn(page, 'diffusion', before);
    const after = diffusion(labelled);
    const total = (r: DiffusionResult): number => r.groups!.Academia.years.reduce((n, y) => n + (y.n_base_industry_open ?? 0), 0);
    const bars = await findingsItems<{ datum: { group: string; nBaseIndustryOpen: number } }>(page, 'diffusion', 'diffusion_marks');
    assert.equal(bars.filter((b) => b.datum.group === 'Academia').reduce((n, b) => n + b.datum.nBaseIndustryOpen, 0), total(after));
    assert.ok(total(after) > total(core), 'the label moved an academic model onto an industry open-weights base');
    assert.match((await page.textContent('.unmatched-table'))!, /Industry, open weights/);
  });

  it('exports the two charts in the light print style (SVG with a title and source, PNG data URL) and asks the host for CSV', async function () {
    const page = await openWithData({ theme: 'dark' });
    await page.click('#findings-tab-topics');
    await drawn(page, 'topics');
    for (const chart of ['topics', 'diffusion'] as const) {
      await clearMessages(page);
      await sendToWebview(page, { type: 'requestExport', chart, format: 'svg' });
      const svg = (await waitForPosted(page, 'exported')) as unknown as { chart: string; content: string };
      assert.equal(svg.chart, chart);
      assert.match(svg.content, /^<svg/);
      assert.match(svg.content, /fill="#ffffff"|fill="white"/, 'white background whatever the editor theme');
      assert.ok(svg.content.includes('Source: Epoch AI, bundled snapshot'), 'the source in the subtitle');
      await clearMessages(page);
      await sendToWebview(page, { type: 'requestExport', chart, format: 'png' });
      const png = (await waitForPosted(page, 'exported')) as unknown as { content: string };
      assert.match(png.content, /^data:image\/png;base64,/);
    }
    await clearMessages(page);
    await page.click('#findings-panel-topics button:has-text("CSV")');
    assert.deepEqual(await waitForPosted(page, 'export'), { type: 'export', chart: 'topics', format: 'csv' });
  });

  it("the time view draws one small multiple per topic of the correlation (all topics first) with the core's per-period numbers, its table, its exports", async function () {
    const page = await openWithData();
    await page.click('#findings-tab-topics');
    await page.waitForFunction(() => Number(document.getElementById('topics-time-chart')?.dataset.drawn ?? 0) > 0, undefined, { timeout: 30_000 });
    const time = byDomain.time_view!;
    const entering = byDomain.correlation!.topics.slice(0, 16);
    const bars = await findingsItems<{ datum: { topic: string; period: string; share: number; n: number; nAcademia: number } }>(page, 'topicsTime', 'topicsTime_marks');
    // One bar per (topic, period) with models: all rows first, then the topics of the correlation.
    const expected = [
      ...time.all_rows.filter((c) => c.n > 0).map((c) => ({ topic: 'All topics', ...c })),
      ...entering.flatMap((t) => time.topics[t].filter((c) => c.n > 0).map((c) => ({ topic: t, ...c }))),
    ];
    assert.equal(bars.length, expected.length);
    const key = (topic: string, period: string) => `${topic}|${period}`;
    const drawnBars = new Map(bars.map((b) => [key(b.datum.topic, b.datum.period), b.datum]));
    for (const e of expected) {
      const b = drawnBars.get(key(e.topic, e.period));
      assert.ok(b, `a bar for ${e.topic} in ${e.period}`);
      assert.deepEqual([b.n, b.nAcademia, b.share], [e.n, e.n_academia, e.academia_share], `${e.topic} ${e.period}`);
    }
    // The facet headers name the panels in order; the accessible table has a row per panel and a column per period.
    const texts = await page.$$eval('#topics-time-chart svg text', (t) => t.map((x) => x.textContent));
    for (const name of ['All topics', ...entering]) assert.ok(texts.includes(name), `a panel headed ${name}`);
    const table = page.locator('#findings-panel-topics .time-table-slot table');
    assert.equal(await table.locator('tbody tr').count(), 1 + entering.length);
    assert.deepEqual(await table.locator('thead th').allTextContents(), ['Domain', ...time.periods]);
    const language = time.topics.Language.find((c) => c.n > 0)!;
    const languageRow = await table.locator('tbody tr', { hasText: 'Language' }).first().textContent();
    assert.ok(languageRow!.includes(`(${language.n_academia} of ${language.n})`), languageRow!);
    await clearMessages(page);
    await sendToWebview(page, { type: 'requestExport', chart: 'topicsTime', format: 'svg' });
    const svg = (await waitForPosted(page, 'exported')) as unknown as { chart: string; content: string };
    assert.equal(svg.chart, 'topicsTime');
    assert.match(svg.content, /^<svg/);
    assert.ok(svg.content.includes('Academic-only share per period, per domain'));
    await clearMessages(page);
    await page.click('#findings-panel-topics .sub-header button:has-text("CSV")');
    assert.deepEqual(await waitForPosted(page, 'export'), { type: 'export', chart: 'topicsTime', format: 'csv' });
    // The report button asks the host.
    await clearMessages(page);
    await page.click('#export-findings-report');
    assert.deepEqual(await waitForPosted(page, 'exportReport'), { type: 'exportReport' });
  });

  it('takes screenshots of the Topics and diffusion tabs in light and dark themes (test-results/findings-webview-*.png)', async function () {
    mkdirSync(RESULTS, { recursive: true });
    for (const theme of ['light', 'dark'] as const) {
      const page = await openWithData({ theme, width: 1200 });
      await applyTheme(page, theme);
      for (const tab of ['topics', 'diffusion'] as const) {
        await page.click(`#findings-tab-${tab}`);
        await drawn(page, tab);
        await page.mouse.move(1, 1);
        await page.screenshot({ path: path.join(RESULTS, `findings-webview-${tab}-${theme}.png`), fullPage: true });
      }
    }
  });
});
