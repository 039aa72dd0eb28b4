/**
 * Findings timings for `npm run bench` (issue #12): the topics and diffusion analyses (best of 7)
 * and the report (renderReport: the analyses, four SVG figures, Markdown and HTML; best of 3) on the
 * largest real tables; the analyses on 100,000 rows; and, in headless Chromium with the built
 * dist/trends.js, a tab's first drawing (the numbers' arrival to the finished drawing, the webview's
 * own `data-draw-ms`) and its re-drawing after a filter and after a label, on the largest real table.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Page } from 'playwright-core';
import { diffusion } from '../src/core/analyses/diffusion';
import { topics } from '../src/core/analyses/topics';
import { modelNameKey } from '../src/core/analyses/baseModels';
import { loadDataset } from '../src/core/dataset/loadDataset';
import type { Dataset } from '../src/core/dataset/model';
import { buildFindingsView } from '../src/host/findingsViewModel';
import { panelReportInputs } from '../src/host/findingsReport';
import { buildTrendsView } from '../src/host/trendsViewModel';
import { renderReport } from '../src/node/report/writeReport';
import { DEFAULT_TRENDS_FILTERS } from '../src/shared/trendsProtocol';
import { openTrends, sendData, TRENDS_PANEL } from '../test/webview/helpers/trendsPage';
import { launchChromium, sendToWebview, serveWebview } from '../test/webview/helpers/webviewPage';

export interface AnalysisTimes {
  rows: number;
  topicsMs: number;
  topicsByTaskMs: number;
  diffusionMs: number;
  /** The host's shaping for both tabs (buildFindingsView: both analyses plus the hover lists). */
  findingsViewMs: number;
}

export interface FindingsBench {
  tables: Record<string, AnalysisTimes & { reportMs?: number }>;
  drawing: {
    file: string;
    /** Per tab: first drawing, re-drawing after a filter, after a label (ms, best of 3 pages). */
    topics: { firstMs: number; refilterMs: number; relabelMs: number };
    diffusion: { firstMs: number; refilterMs: number; relabelMs: number };
  };
}

function best(runs: number, fn: () => void): number {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    min = Math.min(min, performance.now() - t);
  }
  return Math.round(min * 100) / 100;
}

/** Time the two analyses (and the panel's shaping of them) on a loaded dataset. */
export function benchAnalyses(dataset: Dataset, runs = 7): AnalysisTimes {
  return {
    rows: dataset.papers.length,
    topicsMs: best(runs, () => topics(dataset)),
    topicsByTaskMs: best(runs, () => topics(dataset, { by: 'task' })),
    diffusionMs: best(runs, () => diffusion(dataset)),
    findingsViewMs: best(runs, () => buildFindingsView(dataset, DEFAULT_TRENDS_FILTERS, 'domain')),
  };
}

/** Time the whole report (numbers, figures as SVG, Markdown, HTML) for a table's bytes. */
export async function benchReport(bytes: Uint8Array, file: string, runs = 3): Promise<number> {
  const dataset = loadDataset(bytes, file);
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await renderReport(panelReportInputs(dataset, { name: file, bytes }, DEFAULT_TRENDS_FILTERS, 'domain', null));
    min = Math.min(min, performance.now() - t);
  }
  return Math.round(min * 100) / 100;
}

/** Send findings and wait for the tab's chart to be drawn once more; the webview's own milliseconds. */
async function drawFindings(page: Page, tab: 'topics' | 'diffusion', view: unknown): Promise<number> {
  const before = await page.evaluate((t) => Number(document.getElementById(`findings-panel-${t}`)?.dataset.drawn ?? 0), tab);
  await sendToWebview(page, { type: 'findings', view });
  await page.waitForFunction(([t, b]) => Number(document.getElementById(`findings-panel-${t}`)?.dataset.drawn ?? 0) > b, [tab, before] as const, { timeout: 60_000 });
  if (tab === 'topics') await page.waitForFunction(() => document.querySelector('#topics-time-chart svg') !== null, undefined, { timeout: 60_000 });
  // The tab is drawn when its slowest chart is: the scatter's and the time view's own times.
  return page.evaluate((t) => {
    const main = Number(document.getElementById(`findings-panel-${t}`)?.dataset.drawMs ?? NaN);
    const time = t === 'topics' ? Number(document.getElementById('topics-time-chart')?.dataset.drawMs ?? 0) : 0;
    return Math.max(main, time);
  }, tab);
}

export async function benchFindings(epochDir: string, files: readonly string[], synthetic?: Dataset): Promise<FindingsBench> {
  const tables: FindingsBench['tables'] = {};
  for (const file of files) {
    const bytes = readFileSync(path.join(epochDir, file));
    const dataset = loadDataset(bytes, file);
    tables[file] = { ...benchAnalyses(dataset), reportMs: await benchReport(bytes, file) };
  }
  if (synthetic) tables.synthetic100k = benchAnalyses(synthetic, 3);

  const file = files[0];
  const dataset = loadDataset(readFileSync(path.join(epochDir, file)), file);
  const view = buildFindingsView(dataset, DEFAULT_TRENDS_FILTERS, 'domain');
  const filtered = buildFindingsView(dataset, { ...DEFAULT_TRENDS_FILTERS, since: '2015-09-01' }, 'domain');
  const name = diffusion(dataset).unmatched_base_names[0]?.name ?? 'none';
  const labelled = buildFindingsView({ ...dataset, modelLabels: new Map([[modelNameKey(name), { name, teamSector: 'Industry' as const, openWeights: 'open' as const }]]) }, DEFAULT_TRENDS_FILTERS, 'domain');
  const trends = buildTrendsView(dataset, DEFAULT_TRENDS_FILTERS, file);
  const browser = await launchChromium();
  const server = await serveWebview(TRENDS_PANEL);
  const drawing = { file, topics: { firstMs: Infinity, refilterMs: Infinity, relabelMs: Infinity }, diffusion: { firstMs: Infinity, refilterMs: Infinity, relabelMs: Infinity } };
  try {
    for (const tab of ['topics', 'diffusion'] as const)
      for (let i = 0; i < 3; i++) {
        // A fresh page on the tab, then the numbers: the tab's first drawing.
        const { page } = await openTrends(browser, server, { width: 1400, height: 1000, state: { filters: DEFAULT_TRENDS_FILTERS, tab } });
        await sendData(page, trends);
        const d = drawing[tab];
        d.firstMs = Math.min(d.firstMs, await drawFindings(page, tab, view));
        d.refilterMs = Math.min(d.refilterMs, await drawFindings(page, tab, filtered));
        await drawFindings(page, tab, view);
        d.relabelMs = Math.min(d.relabelMs, await drawFindings(page, tab, labelled));
        await page.close();
      }
  } finally {
    await browser.close();
    await server.close();
  }
  return { tables, drawing };
}
