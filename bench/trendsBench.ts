/**
 * Trends panel timings for `npm run bench`: from the data message to the finished drawing (the
 * webview's own `rendered` message), in headless Chromium with the built dist/trends.js in its real
 * CSP'd page. Cases: the largest real table (first drawing in a fresh page, then a re-draw after a
 * filter change) and 100,000 synthetic points.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadDataset } from '../src/core/dataset/loadDataset';
import { buildTrendsView } from '../src/host/trendsViewModel';
import { DEFAULT_TRENDS_FILTERS } from '../src/shared/trendsProtocol';
import { openTrends, sendData, syntheticDataScript, TRENDS_PANEL } from '../test/webview/helpers/trendsPage';
import { clearMessages, launchChromium, serveWebview, waitForPosted, type Posted } from '../test/webview/helpers/webviewPage';

export interface TrendsBench {
  file: string;
  points: number;
  firstDrawMs: number;
  refilterMs: number;
  refilterPoints: number;
  synthetic100kFirstDrawMs: number;
  synthetic100kRedrawMs: number;
}

export async function benchTrends(epochDir: string, file: string): Promise<TrendsBench> {
  const dataset = loadDataset(readFileSync(path.join(epochDir, file)), file);
  const view = buildTrendsView(dataset, DEFAULT_TRENDS_FILTERS, file);
  const filtered = buildTrendsView(dataset, { ...DEFAULT_TRENDS_FILTERS, since: '2015-09-01', sectors: ['Academia', 'Industry'] }, file);
  const browser = await launchChromium();
  const server = await serveWebview(TRENDS_PANEL);
  try {
    // Best of three fresh pages for the first drawing (the first page also pays for compiling).
    let firstDrawMs = Infinity;
    let refilterMs = Infinity;
    for (let i = 0; i < 3; i++) {
      const { page } = await openTrends(browser, server, { width: 1400, height: 1000 });
      firstDrawMs = Math.min(firstDrawMs, (await sendData(page, view)).ms);
      refilterMs = Math.min(refilterMs, (await sendData(page, filtered)).ms);
      await page.close();
    }
    const { page } = await openTrends(browser, server, { width: 1400, height: 1000 });
    await sendData(page, view);
    await clearMessages(page);
    await page.evaluate(syntheticDataScript(view, 100_000));
    const first = (await waitForPosted(page, 'rendered', 0, 120_000)) as Posted & { ms: number };
    await clearMessages(page);
    await page.evaluate(syntheticDataScript(view, 100_000, 7));
    const again = (await waitForPosted(page, 'rendered', 0, 120_000)) as Posted & { ms: number };
    return {
      file,
      points: view.points.length,
      firstDrawMs,
      refilterMs,
      refilterPoints: filtered.points.length,
      synthetic100kFirstDrawMs: first.ms,
      synthetic100kRedrawMs: again.ms,
    };
  } finally {
    await browser.close();
    await server.close();
  }
}
