/**
 * Helpers for the compute-trends webview tests: deliver a TrendsView and wait for `rendered`,
 * count scenegraph items of a named mark through the panel's test hook
 * (`window.__computeDivideCharts`, which works for canvas and SVG alike), find a point on screen.
 * Page-side code is given as strings: tsx's transform would wrap named functions in `__name(…)`,
 * which the page does not define.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { ChartId, TrendsView } from '../../../src/shared/trendsProtocol';
import { applyTheme, type ThemeKind } from './themes';
import { realView } from './trendsFixture';
import { clearMessages, cspViolations, launchChromium, openWebview, RESULTS, sendToWebview, serveWebview, waitForPosted, type PageLog, type Posted, type WebviewServer } from './webviewPage';

export const TRENDS_PANEL = { script: 'trends.js', style: 'trends/trends.css', title: 'Compute trends' };

/** `__markItems(chart, markName)`: the scenegraph items of a mark, searched through the groups. */
const SCENE_HELPERS = String.raw`
window.__markItems = function (chart, markName) {
  var views = window.__computeDivideCharts || {};
  var view = views[chart];
  if (!view) return [];
  var found = [];
  var visit = function (node) {
    if (!node) return;
    if (node.marktype && node.name === markName) found = found.concat(node.items);
    var children = node.items || [];
    for (var i = 0; i < children.length; i++) if (children[i] && (children[i].items || children[i].marktype)) visit(children[i]);
  };
  visit(view.scenegraph().root);
  return found;
};
window.__itemClientPosition = function (chart, item) {
  var view = window.__computeDivideCharts[chart];
  var element = view.container().querySelector('svg, canvas');
  var rect = element.getBoundingClientRect();
  var origin = view.origin();
  var padding = view.padding();
  var x = item.x, y = item.y, group = item.mark && item.mark.group;
  while (group) { x += group.x || 0; y += group.y || 0; group = group.mark && group.mark.group; }
  return { x: rect.left + padding.left + origin[0] + x, y: rect.top + padding.top + origin[1] + y };
};
`;

export async function openTrends(browser: Browser, server: WebviewServer, options: { state?: unknown; theme?: ThemeKind; width?: number; height?: number } = {}): Promise<{ page: Page; log: PageLog }> {
  const opened = await openWebview(browser, server, options);
  await opened.page.evaluate(SCENE_HELPERS);
  await applyTheme(opened.page, options.theme ?? 'light');
  return opened;
}

/** Send a `data` message and wait for the webview's `rendered` answer. */
export async function sendData(page: Page, view: TrendsView, timeout = 30_000): Promise<Posted & { ms: number; points: number }> {
  await clearMessages(page);
  await sendToWebview(page, { type: 'data', view });
  return (await waitForPosted(page, 'rendered', 0, timeout)) as Posted & { ms: number; points: number };
}

export function markCount(page: Page, chart: ChartId, markName: string): Promise<number> {
  return page.evaluate(([c, m]) => (window as unknown as { __markItems(c: string, m: string): unknown[] }).__markItems(c, m).length, [chart, markName] as const);
}

/**
 * Screen position and id of the point drawn furthest left inside the plot (an isolated, clickable
 * one); points left of the time axis are clipped away and do not count.
 */
export function leftmostPoint(page: Page): Promise<{ x: number; y: number; id: string; name: string }> {
  return page.evaluate(`(function () {
    var items = window.__markItems('compute', 'points_marks').filter(function (i) { return i.x >= 0; });
    var best = items[0];
    for (var i = 1; i < items.length; i++) if (items[i].x < best.x) best = items[i];
    var p = window.__itemClientPosition('compute', best);
    return { x: p.x, y: p.y, id: best.datum.id, name: best.datum.name };
  })()`);
}

/**
 * A page-side script that builds `n` synthetic points (deterministic), merges them into `base`
 * and posts the data message: 100,000 points are made in the page rather than sent from Node.
 */
export function syntheticDataScript(base: TrendsView, n: number, seed = 1): string {
  return `(function (base) {
    var sectors = ['Academia', 'Industry', 'Collaboration', 'Other', 'Unknown'];
    var points = new Array(${n});
    var seed = ${seed};
    for (var i = 0; i < ${n}; i++) {
      seed = (seed * 16807) % 2147483647; var r1 = seed / 2147483647;
      seed = (seed * 16807) % 2147483647; var r2 = seed / 2147483647;
      var x = 1960 + r1 * 66;
      var y = 5 + (x - 1960) * 0.3 + (r2 - 0.5) * 4;
      var year = Math.floor(x);
      points[i] = { id: 'synthetic-' + i, name: 'Synthetic model ' + i, date: year + '-06-01', x: x, y: y, computeFlop: Math.pow(10, y), sector: sectors[i % 5], organizations: 'Synthetic Lab ' + (i % 97) };
    }
    window.postMessage({ type: 'data', view: Object.assign({}, base, { points: points, totalPoints: ${n}, totalRows: ${n} }) }, '*');
  })(${JSON.stringify(base)})`;
}

export { applyTheme };

/** Timings measured by the trends tests, written to test-results/trends-timings.json at the end. */
const timings: Record<string, number> = {};

export function recordTiming(label: string, ms: number): void {
  timings[label] = ms;
  process.stdout.write(`      ⏱ ${label}: ${ms} ms\n`);
}

/**
 * Hooks for a `describe` of trends tests: one Chromium and one server for the suite, the real
 * notable-models view (read from the test corpus on first use of `real()`), and after every test the same checks on every page it opened: no
 * `securitypolicyviolation`, no console error, no uncaught exception.
 */
export function useTrendsSuite(): { open: (options?: { state?: unknown; theme?: ThemeKind; width?: number; height?: number }) => Promise<Page>; real: () => TrendsView } {
  let browser: Browser;
  let server: WebviewServer;
  let real: TrendsView | undefined;
  const opened: { page: Page; log: PageLog }[] = [];

  before(async function () {
    browser = await launchChromium();
    server = await serveWebview(TRENDS_PANEL);
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
    if (Object.keys(timings).length === 0) return;
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(path.join(RESULTS, 'trends-timings.json'), `${JSON.stringify(timings, null, 2)}\n`);
  });

  return {
    open: async (options = {}) => {
      const result = await openTrends(browser, server, options);
      opened.push(result);
      return result.page;
    },
    real: () => (real ??= realView()),
  };
}
