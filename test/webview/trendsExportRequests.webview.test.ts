/**
 * The Findings webview's side of the typed request/response (src/shared/requestResponse.ts):
 * every `requestExport` is answered by one `exported` echoing its `requestId`, so two exports of
 * the same chart asked at once both arrive, each with its own answer (before, the host matched
 * answers by chart and format and the second overwrote the first); a chart that cannot be drawn
 * answers with an `error` instead of leaving the host to time out; an export asked right after new
 * numbers is drawn from them, even while they are still being decompressed. CSP and console are
 * checked after every test (`useTrendsSuite`).
 */
import * as assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import type { TrendsView } from '../../src/shared/trendsProtocol';
import { encodeTrendsUpdate } from '../../src/shared/trendsWire';
import { sendData, useTrendsSuite } from './helpers/trendsPage';
import { clearMessages, sendToWebview, type Posted } from './helpers/webviewPage';
import { describeWithCorpus } from '../support/corpus';

type Exported = Posted & { requestId: number; chart: string; format: string; content: string; error?: string };

/** Wait until `n` `exported` answers were posted; return them in the order they came. */
async function waitForAnswers(page: Page, n: number): Promise<Exported[]> {
  const handle = await page.waitForFunction(
    (count) => {
      const answers = (window as unknown as { __vscodeMessages: Posted[] }).__vscodeMessages.filter((m) => m.type === 'exported');
      return answers.length >= count ? answers : undefined;
    },
    n,
    { timeout: 30_000, polling: 20 },
  );
  return (await handle.jsonValue()) as Exported[];
}

/** The `<svg>` root's width and the number of `<text>` elements of an exported SVG (parsed in the page). */
function svgShape(page: Page, text: string): Promise<{ root: string; errors: number; texts: number }> {
  return page.evaluate((svg) => {
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    return { root: doc.documentElement.tagName, errors: doc.getElementsByTagName('parsererror').length, texts: doc.querySelectorAll('text').length };
  }, text);
}

describeWithCorpus('trends webview: export requests by id (dist/trends.js)', function () {
  this.timeout(60_000);
  const suite = useTrendsSuite();
  let real: TrendsView;
  before(function () {
    real = suite.real();
  });

  it('answers two SVG exports of the same chart asked at once, each with its own requestId', async function () {
    const page = await suite.open();
    await sendData(page, real);
    await clearMessages(page);
    // Both requests are in the page's queue before either is answered.
    await page.evaluate(() => {
      window.postMessage({ type: 'requestExport', requestId: 41, chart: 'compute', format: 'svg' }, '*');
      window.postMessage({ type: 'requestExport', requestId: 42, chart: 'compute', format: 'svg' }, '*');
    });
    const answers = await waitForAnswers(page, 2);
    await page.waitForTimeout(200);
    const all = await waitForAnswers(page, 2);
    assert.equal(all.length, 2, 'exactly one answer per request');
    assert.deepEqual(answers.map((a) => a.requestId).sort(), [41, 42]);
    for (const a of answers) {
      assert.equal(a.chart, 'compute');
      assert.equal(a.format, 'svg');
      assert.equal(a.error, undefined);
      const shape = await svgShape(page, a.content);
      assert.equal(shape.root, 'svg');
      assert.equal(shape.errors, 0);
      assert.ok(shape.texts > 10, 'a whole chart with its axes and title');
    }
    // The same chart drawn twice from the same numbers: the same marks (Vega numbers its clip ids per view).
    const paths = (svg: string): number => (svg.match(/<path/g) ?? []).length;
    assert.equal(paths(answers[0].content), paths(answers[1].content));
    assert.ok(paths(answers[0].content) >= real.points.filter((p) => p.x >= 2010).length, 'every drawn point');
  });

  it('answers an SVG and a PNG of the same chart asked at once, each in the format its id asked for', async function () {
    const page = await suite.open();
    await sendData(page, real);
    await clearMessages(page);
    await sendToWebview(page, { type: 'requestExport', requestId: 1, chart: 'shares', format: 'png' });
    await sendToWebview(page, { type: 'requestExport', requestId: 2, chart: 'shares', format: 'svg' });
    const answers = await waitForAnswers(page, 2);
    const byId = new Map(answers.map((a) => [a.requestId, a]));
    assert.equal(byId.get(1)?.format, 'png');
    assert.match(byId.get(1)?.content ?? '', /^data:image\/png;base64,/);
    assert.equal(byId.get(2)?.format, 'svg');
    assert.match(byId.get(2)?.content ?? '', /^<svg/);
  });

  it('answers an export asked right after new numbers from those numbers, not from the drawing they replace, even while they are being decompressed', async function () {
    const page = await suite.open();
    await sendData(page, real);
    await clearMessages(page);
    // What the host does when an export waits for the analysis worker's redraw: the new numbers
    // (gzip-compressed, as the worker sends large ones), then at once the image request.
    const academia: TrendsView = { ...real, points: real.points.filter((p) => p.sector === 'Academia') };
    assert.ok(academia.points.length > 0 && academia.points.length < real.points.length);
    const bytes = [...gzipSync(encodeTrendsUpdate(academia, undefined, 1).json)];
    await page.evaluate((json) => {
      window.postMessage({ type: 'dataJson', json: new Uint8Array(json), gzip: true }, '*');
      window.postMessage({ type: 'requestExport', requestId: 7, chart: 'compute', format: 'svg' }, '*');
    }, bytes);
    const [answer] = await waitForAnswers(page, 1);
    assert.equal(answer.requestId, 7);
    const drawn = /([\d,]+) models with a publication date and training compute/.exec(answer.content)?.[1];
    assert.equal(drawn, String(academia.points.length), `the exported chart counts ${drawn} models`);
  });

  it('answers an export asked before any data with an error under the same requestId', async function () {
    const page = await suite.open();
    await sendToWebview(page, { type: 'requestExport', requestId: 9, chart: 'counts', format: 'svg' });
    const [answer] = await waitForAnswers(page, 1);
    assert.equal(answer.requestId, 9);
    assert.equal(answer.content, '');
    assert.equal(answer.error, 'the charts are not drawn yet');
  });
});
