/**
 * The analysis worker (issue #9): the Findings panel's numbers computed in dist/analysisWorker.js
 * from its copy of the labelled table (the fields the analyses read, then only the rows a label
 * re-derived) are exactly those the host computes on the whole table with the same functions.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { LabelFolder } from '../../src/core/labels/fold';
import { parseLabelLog, type ParsedEvent } from '../../src/core/labels/parseLog';
import { loadDataset } from '../../src/core/dataset/loadDataset';
import { countCollaborationsByLeaning } from '../../src/core/sector/leaning';
import { AnalysisClient } from '../../src/host/analysis/analysisClient';
import { GZIP_TRENDS_FROM_BYTES } from '../../src/host/analysis/analysisProtocol';
import { DatasetView } from '../../src/host/datasetView';
import { buildFindingsView } from '../../src/host/findingsViewModel';
import { buildTrendsView } from '../../src/host/trendsViewModel';
import { decodeTrendsView, decodeTrendsWire, MissingPointsBaseError } from '../../src/shared/trendsWire';
import { DEFAULT_TRENDS_FILTERS, type TrendsFilters, type TrendsPoint, type TrendsView } from '../../src/shared/trendsProtocol';
import { ev, logText, makeTemp, removeTemp, repoRoot } from './fixtures/labels/helpers';

const TABLE = 'notable_ai_models_2026-07-15.csv';

describe('Scale: the analysis worker', function () {
  this.timeout(120_000);
  let dir: string;
  let client: AnalysisClient;
  before(async function () {
    dir = makeTemp('cd-analysis-');
    const script = path.join(dir, 'analysisWorker.js');
    // The worker as esbuild.mjs bundles it (dist/analysisWorker.js), built here so the unit tier needs no build.
    await build({ entryPoints: [path.join(repoRoot(), 'src/host/analysis/analysisWorker.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: script, logLevel: 'silent' });
    client = new AnalysisClient(script);
  });
  after(() => {
    client.dispose();
    removeTemp(dir);
  });

  const inline = (view: DatasetView, filters: TrendsFilters): { trends: TrendsView; findings: unknown } => {
    const dataset = filters.byLeaning ? countCollaborationsByLeaning(view.dataset) : view.dataset;
    return { trends: buildTrendsView(dataset, filters, TABLE), findings: buildFindingsView(dataset, filters, 'domain') };
  };
  const inWorker = async (view: DatasetView, filters: TrendsFilters): Promise<{ trends: TrendsView; findings: unknown }> => {
    const result = (await client.compute(view, filters, TABLE, 'domain'))!;
    return { trends: decodeTrendsView(new TextDecoder().decode(result.trends)), findings: result.findings };
  };

  it('gives the host’s numbers for the table, after a label (only the re-derived rows sent), under other filters and by leaning', async function () {
    const table = loadDataset(gunzipSync(fs.readFileSync(path.join(repoRoot(), 'data', 'epoch-notable-ai-models.csv.gz'))), TABLE);
    const folder = new LabelFolder();
    const events: ParsedEvent[] = parseLabelLog(logText([ev('ada', { target: { kind: 'organization', name: 'University of Oxford' }, field: 'category', value: 'Industry' }, 1)]), 'l').events;
    let view = new DatasetView(table).withLabels(folder.fold(events));
    // JSON round trip: what the webview receives of the inline view too (undefined fields dropped).
    const expected = (v: DatasetView, f: TrendsFilters) => JSON.parse(JSON.stringify(inline(v, f))) as { trends: TrendsView; findings: unknown };
    assert.deepStrictEqual(await inWorker(view, DEFAULT_TRENDS_FILTERS), expected(view, DEFAULT_TRENDS_FILTERS));

    // Google labelled Academia: its rows change sector; the worker patches them.
    events.push({ ...parseLabelLog(logText([ev('ada', { target: { kind: 'organization', name: 'Google' }, field: 'category', value: 'Academia' }, 2)]), 'l').events[0], index: 1, line: 2 });
    const before = view;
    view = view.withLabels(folder.fold(events), folder.lastChange);
    assert.ok(view.labelChange && view.labelChange.from === before.dataset && view.labelChange.rows.length > 0, 'an incremental label');
    const labelled = await inWorker(view, DEFAULT_TRENDS_FILTERS);
    assert.deepStrictEqual(labelled, expected(view, DEFAULT_TRENDS_FILTERS));
    const alone = view.dataset.papers.find((p) => p.organizations.length === 1 && p.organizations[0] === 'Google' && p.trainingComputeFlop !== undefined && p.publicationDate);
    assert.ok(alone);
    assert.equal(labelled.trends.points.find((p) => p.id === alone.id)?.sector, 'Academia');

    for (const filters of [
      { ...DEFAULT_TRENDS_FILTERS, sectors: ['Academia' as const], since: '2015-01-01', topK: 5 },
      { ...DEFAULT_TRENDS_FILTERS, byLeaning: true, frontier: 'flag' as const, largeScale: 'threshold' as const, largeScaleFlop: 1e23 },
    ])
      assert.deepStrictEqual(await inWorker(view, filters), expected(view, filters));
  });

  it('answers only the newest of requests made before the worker is free, the older ones with undefined', async function () {
    const table = loadDataset(gunzipSync(fs.readFileSync(path.join(repoRoot(), 'data', 'epoch-notable-ai-models.csv.gz'))), TABLE);
    const view = new DatasetView(table);
    const first = client.compute(view, DEFAULT_TRENDS_FILTERS, TABLE, 'domain');
    const second = client.compute(view, { ...DEFAULT_TRENDS_FILTERS, topK: 3 }, TABLE, 'domain');
    const third = client.compute(view, { ...DEFAULT_TRENDS_FILTERS, topK: 7 }, TABLE, 'domain');
    const [a, b, c] = await Promise.all([first, second, third]);
    assert.equal(a, undefined, 'replaced before it started');
    assert.equal(b, undefined, 'replaced before it started');
    assert.equal(decodeTrendsView(new TextDecoder().decode(c!.trends)).shares.top, 7);
  });

  it('computes only the parts asked for (the tab on show first), each equal to its part of the whole answer', async function () {
    const table = loadDataset(gunzipSync(fs.readFileSync(path.join(repoRoot(), 'data', 'epoch-notable-ai-models.csv.gz'))), TABLE);
    const view = new DatasetView(table);
    const filters = { ...DEFAULT_TRENDS_FILTERS, sectors: ['Academia', 'Industry'] } as TrendsFilters;
    const whole = (await client.compute(view, filters, TABLE, 'domain'))!;
    const trendsOnly = (await client.computeParts(view, filters, TABLE, 'domain', ['trends']))!;
    const findingsOnly = (await client.computeParts(view, filters, TABLE, 'domain', ['findings']))!;
    assert.deepEqual(Object.keys(trendsOnly), ['trends', 'pointsBase']);
    assert.deepEqual(Object.keys(findingsOnly), ['findings']);
    assert.deepStrictEqual(decodeTrendsView(new TextDecoder().decode(trendsOnly.trends)), decodeTrendsView(new TextDecoder().decode(whole.trends)));
    assert.deepStrictEqual(findingsOnly.findings, whole.findings);
    assert.deepStrictEqual(JSON.parse(JSON.stringify(findingsOnly.findings)), JSON.parse(JSON.stringify(inline(view, filters).findings)));
  });

  it('prepare sends the table ahead of the first request, which then sends nothing more', async function () {
    const table = loadDataset(gunzipSync(fs.readFileSync(path.join(repoRoot(), 'data', 'epoch-notable-ai-models.csv.gz'))), TABLE);
    const view = new DatasetView(table);
    const own = new AnalysisClient(path.join(dir, 'analysisWorker.js'));
    const sent: string[] = [];
    const spied = own as unknown as { post: (message: { kind: string }, transfer?: ArrayBuffer[]) => void };
    const post = spied.post.bind(own);
    spied.post = (message, transfer) => {
      sent.push(message.kind);
      post(message, transfer);
    };
    try {
      own.prepare(view);
      await new Promise((resolve) => setTimeout(resolve, 50));
      const before = sent.filter((k) => k !== 'compute');
      assert.equal(before[0], 'table');
      assert.ok(before.filter((k) => k === 'rows').length >= 1, before.join(' '));
      const result = (await own.compute(view, DEFAULT_TRENDS_FILTERS, TABLE, 'domain'))!;
      assert.deepEqual(sent.slice(before.length).filter((k) => k !== 'rows'), ['compute'], 'the request sent no table of its own');
      assert.equal(sent.filter((k) => k === 'table').length, 1);
      assert.deepStrictEqual(decodeTrendsView(new TextDecoder().decode(result.trends)), JSON.parse(JSON.stringify(inline(view, DEFAULT_TRENDS_FILTERS).trends)));
    } finally {
      own.dispose();
    }
  });

  it('refers to the list of points the reader keeps after a label and a filter change (a few kilobytes), and sends them whole for a reader that keeps none', async function () {
    const table = loadDataset(gunzipSync(fs.readFileSync(path.join(repoRoot(), 'data', 'epoch-notable-ai-models.csv.gz'))), TABLE);
    const folder = new LabelFolder();
    const events: ParsedEvent[] = [];
    const first = new DatasetView(table).withLabels(folder.fold(events));
    // A reader as the webview is: it keeps the last list sent whole, by the id the result gives it.
    let kept: { id: number; points: readonly TrendsPoint[] } | undefined;
    const read = async (view: DatasetView, filters: TrendsFilters): Promise<{ view: TrendsView; bytes: number; whole: boolean }> => {
      const result = (await client.computeParts(view, filters, TABLE, 'domain', ['trends'], kept?.id))!;
      assert.ok(result.trends);
      const decoded = decodeTrendsWire(new TextDecoder().decode(result.trends), (id) => (kept?.id === id ? kept.points : undefined));
      assert.equal(decoded.pointsBase === undefined ? kept?.id : decoded.pointsBase, result.pointsBase, 'the result names the list the reader keeps');
      if (decoded.pointsBase !== undefined) kept = { id: decoded.pointsBase, points: decoded.view.points };
      return { view: decoded.view, bytes: result.trends.byteLength, whole: decoded.pointsBase !== undefined };
    };
    const opened = await read(first, DEFAULT_TRENDS_FILTERS);
    assert.equal(opened.whole, true, 'a reader that keeps nothing gets every point');
    assert.deepStrictEqual(opened.view, JSON.parse(JSON.stringify(inline(first, DEFAULT_TRENDS_FILTERS).trends)));

    // Google labelled Academia: its points change sector and travel; the others are references.
    events.push({ ...parseLabelLog(logText([ev('ada', { target: { kind: 'organization', name: 'Google' }, field: 'category', value: 'Academia' }, 1)]), 'l').events[0], index: 0, line: 1 });
    const labelled = first.withLabels(folder.fold(events), folder.lastChange);
    const afterLabel = await read(labelled, DEFAULT_TRENDS_FILTERS);
    assert.equal(afterLabel.whole, false);
    assert.deepStrictEqual(afterLabel.view, JSON.parse(JSON.stringify(inline(labelled, DEFAULT_TRENDS_FILTERS).trends)));
    const moved = afterLabel.view.points.filter((p, i) => p.sector !== opened.view.points[i].sector).length;
    assert.ok(moved > 0, 'some points changed sector');
    // Everything but the points is sent as before; the points that did not change are references.
    const rest = new TextEncoder().encode(JSON.stringify({ ...afterLabel.view, points: [] })).byteLength;
    assert.ok(afterLabel.bytes < rest + 400 * moved + 2000, `${afterLabel.bytes} bytes for ${moved} changed points (the rest of the view: ${rest} bytes; every point: ${opened.bytes})`);

    // A filter: a subset of the kept points, by reference only.
    const academia = { ...DEFAULT_TRENDS_FILTERS, sectors: ['Academia' as const] };
    const filtered = await read(labelled, academia);
    assert.equal(filtered.whole, false);
    assert.deepStrictEqual(filtered.view, JSON.parse(JSON.stringify(inline(labelled, academia).trends)));

    // A reader that lost the list (a reloaded webview) says so by asking without it: every point again.
    const lost = (await client.computeParts(labelled, academia, TABLE, 'domain', ['trends'], kept!.id))!;
    assert.throws(() => decodeTrendsWire(new TextDecoder().decode(lost.trends)), MissingPointsBaseError);
    kept = undefined;
    const again = await read(labelled, academia);
    assert.equal(again.whole, true);
    assert.deepStrictEqual(again.view, filtered.view);
    // That subset is now the kept list: showing every sector again adds more than a quarter of the points, so they travel whole.
    const all = await read(labelled, DEFAULT_TRENDS_FILTERS);
    assert.equal(all.whole, true);
    assert.deepStrictEqual(all.view, afterLabel.view);
  });

  it('sends large trends numbers gzip-compressed (from 256 KiB), small ones as they are; both read as the host computes them', async function () {
    const table = loadDataset(gunzipSync(fs.readFileSync(path.join(repoRoot(), 'data', 'epoch-notable-ai-models.csv.gz'))), TABLE);
    // The table twelve times over, each copy's ids its own: several thousand points.
    const papers = Array.from({ length: 12 }, (_, k) => k).flatMap((k) => table.papers.map((p) => ({ ...p, id: `${p.id} (copy ${k})`, name: `${p.name} (copy ${k})` })));
    const large = new DatasetView({ ...table, papers });
    const result = (await client.computeParts(large, DEFAULT_TRENDS_FILTERS, TABLE, 'domain', ['trends']))!;
    assert.equal(result.trendsGzip, true);
    assert.ok(result.trends);
    const text = new TextDecoder().decode(gunzipSync(result.trends));
    assert.ok(text.length >= GZIP_TRENDS_FROM_BYTES, `${text.length} characters`);
    assert.ok(result.trends.byteLength < text.length / 3, `${result.trends.byteLength} bytes for ${text.length}`);
    assert.deepStrictEqual(decodeTrendsView(text), JSON.parse(JSON.stringify(inline(large, DEFAULT_TRENDS_FILTERS).trends)));
    const small = (await client.computeParts(new DatasetView(table), DEFAULT_TRENDS_FILTERS, TABLE, 'domain', ['trends']))!;
    assert.equal(small.trendsGzip, undefined);
    assert.ok(small.trends && small.trends.byteLength < GZIP_TRENDS_FROM_BYTES);
  });

  it('after a patch that changes a row’s domains (a topic label on a work), the filter bar’s domain totals are counted again', async function () {
    const table = loadDataset(gunzipSync(fs.readFileSync(path.join(repoRoot(), 'data', 'epoch-notable-ai-models.csv.gz'))), TABLE);
    const first = new DatasetView(table).withLabels(new LabelFolder().fold([]));
    await client.compute(first, DEFAULT_TRENDS_FILTERS, TABLE, 'domain');
    // The same table with row 0 moved to a domain of its own, sent as a patch of that row.
    const papers = first.dataset.papers.slice();
    papers[0] = { ...papers[0], domains: ['A domain of its own'] };
    const second = new DatasetView({ ...first.dataset, papers }, first.original, first, undefined, first.labels);
    second.labelChange = { from: first.dataset, rows: [0] };
    const result = decodeTrendsView(new TextDecoder().decode((await client.compute(second, DEFAULT_TRENDS_FILTERS, TABLE, 'domain'))!.trends));
    const own = result.options.domains.find((d) => d.value === 'A domain of its own');
    assert.deepEqual(own, { value: 'A domain of its own', count: 1, total: 1 });
    assert.deepStrictEqual(result.options, JSON.parse(JSON.stringify(inline(second, DEFAULT_TRENDS_FILTERS).trends.options)));
  });
});
