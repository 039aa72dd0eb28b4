import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { loadDataset } from '../../src/core/dataset/loadDataset';
import { buildTrendsView } from '../../src/host/trendsViewModel';
import { decodeTrendsView, decodeTrendsWire, encodeTrendsUpdate, encodeTrendsView, MissingPointsBaseError } from '../../src/shared/trendsWire';
import { DEFAULT_TRENDS_FILTERS, type TrendsView } from '../../src/shared/trendsProtocol';
import { repoRoot } from './fixtures/labels/helpers';

/** The trends numbers on their way from the analysis worker to the webview: points as columns, x and y worked out by the reader, organizations as indices. */
describe('Trends numbers on the wire (points as columns)', function () {
  const table = loadDataset(gunzipSync(fs.readFileSync(path.join(repoRoot(), 'data', 'epoch-notable-ai-models.csv.gz'))), 'bundled');

  for (const [label, filters] of [
    ['the default filters', DEFAULT_TRENDS_FILTERS],
    ['academia only, since 2015', { ...DEFAULT_TRENDS_FILTERS, sectors: ['Academia'], since: '2015-01-01' }],
    ['a name filter that matches nothing', { ...DEFAULT_TRENDS_FILTERS, text: 'no model has this name' }],
  ] as const) {
    it(`decodes to what the plain JSON gives, ${label}`, function () {
      const view = buildTrendsView(table, filters as typeof DEFAULT_TRENDS_FILTERS, 'bundled');
      const plain = JSON.parse(JSON.stringify(view)) as TrendsView;
      assert.deepStrictEqual(decodeTrendsView(encodeTrendsView(view)), plain);
    });
  }

  it('keeps names that differ from ids, every sector, and is smaller than the plain JSON', function () {
    const view = buildTrendsView(table, DEFAULT_TRENDS_FILTERS, 'bundled');
    assert.ok(view.points.length > 400, `${view.points.length} points`);
    const renamed: TrendsView = { ...view, points: view.points.map((p, i) => (i % 3 === 0 ? { ...p, name: `${p.name} (shown)` } : p)) };
    const decoded = decodeTrendsView(encodeTrendsView(renamed));
    assert.deepStrictEqual(decoded.points, JSON.parse(JSON.stringify(renamed.points)));
    assert.deepEqual([...new Set(decoded.points.map((p) => p.sector))].sort(), [...new Set(view.points.map((p) => p.sector))].sort());
    const wire = encodeTrendsView(view).length;
    const json = JSON.stringify(view).length;
    assert.ok(wire < json * 0.5, `columns ${wire} characters, plain JSON ${json}`);
    // x and y are left out (the reader works them out from the date and the compute) …
    const columns = (JSON.parse(encodeTrendsView(view)) as { pointColumns: Record<string, unknown> }).pointColumns;
    assert.deepEqual(['x' in columns, 'y' in columns, (columns.organizationLists as string[]).length < view.points.length], [false, false, true]);
    // … unless a point's are not what they give: then they travel as they are.
    const odd: TrendsView = { ...view, points: view.points.map((p, i) => (i === 5 ? { ...p, x: p.x + 0.25, y: p.y - 1 } : p)) };
    const oddColumns = (JSON.parse(encodeTrendsView(odd)) as { pointColumns: Record<string, unknown> }).pointColumns;
    assert.deepEqual(['x' in oddColumns, 'y' in oddColumns], [true, true]);
    assert.deepStrictEqual(decodeTrendsView(encodeTrendsView(odd)).points, JSON.parse(JSON.stringify(odd.points)));
    // An older writer's columns (organizations as text, x and y written) still read.
    const older = JSON.parse(encodeTrendsView(odd)) as { pointColumns: Record<string, unknown> };
    const c = older.pointColumns;
    c.organizations = (c.organization as number[]).map((i) => (c.organizationLists as string[])[i]);
    delete c.organization;
    delete c.organizationLists;
    assert.deepStrictEqual(decodeTrendsView(JSON.stringify(older)).points, JSON.parse(JSON.stringify(odd.points)));
    // A view written as plain JSON (no columns) still reads.
    assert.deepStrictEqual(decodeTrendsView(JSON.stringify(view)), JSON.parse(JSON.stringify(view)));
  });

  describe('points by reference to the list the reader keeps', function () {
    const view = buildTrendsView(table, DEFAULT_TRENDS_FILTERS, 'bundled');
    const plain = (v: TrendsView) => JSON.parse(JSON.stringify(v)) as TrendsView;
    const whole = encodeTrendsUpdate(view, undefined, 3);
    const kept = (id: number) => (id === 3 ? whole.base.points : undefined);

    it('without a base, every point travels, under the id given, as encodeTrendsView writes them', function () {
      assert.deepEqual(whole.base, { id: 3, points: view.points });
      const read = decodeTrendsWire(whole.json);
      assert.equal(read.pointsBase, 3);
      assert.deepStrictEqual(read.view, plain(view));
      const columns = (json: string) => (JSON.parse(json) as { pointColumns: unknown }).pointColumns;
      assert.deepStrictEqual(columns(whole.json), columns(encodeTrendsView(view)));
    });

    it('a point that changed sector travels as it is; the runs before and after it are references (three runs)', function () {
      const k = 200;
      const changed: TrendsView = { ...view, points: view.points.map((p, i) => (i === k ? { ...p, sector: p.sector === 'Industry' ? 'Academia' : 'Industry' } : p)) };
      const update = encodeTrendsUpdate(changed, whole.base, 4);
      assert.equal(update.base, whole.base, 'the reader keeps the same list');
      const wire = JSON.parse(update.json) as { pointRefs: { base: number; runs: number[] }; pointColumns: { id: string[] } };
      assert.deepEqual(wire.pointRefs, { base: 3, runs: [0, k, -1, 1, k + 1, view.points.length - k - 1] });
      assert.deepEqual(wire.pointColumns.id, [view.points[k].id]);
      const read = decodeTrendsWire(update.json, kept);
      assert.equal(read.pointsBase, undefined);
      assert.deepStrictEqual(read.view, plain(changed));
      // Beside the rest of the view (fits, shares, counts, filter choices), the points take a few hundred characters.
      const rest = JSON.stringify({ ...changed, points: [] }).length;
      assert.ok(update.json.length < rest + 600, `${update.json.length} characters, the rest of the view ${rest}, every point ${whole.json.length - rest}`);
    });

    for (const [label, filters] of [
      ['academia only, since 2015', { ...DEFAULT_TRENDS_FILTERS, sectors: ['Academia'], since: '2015-01-01' }],
      ['a name filter that matches nothing', { ...DEFAULT_TRENDS_FILTERS, text: 'no model has this name' }],
    ] as const) {
      it(`a filter's points are references only, ${label}`, function () {
        const filtered = buildTrendsView(table, filters as typeof DEFAULT_TRENDS_FILTERS, 'bundled');
        const update = encodeTrendsUpdate(filtered, whole.base, 5);
        assert.equal(update.base.id, 3);
        assert.deepEqual((JSON.parse(update.json) as { pointColumns: { id: string[] } }).pointColumns.id, []);
        assert.deepStrictEqual(decodeTrendsWire(update.json, kept).view, plain(filtered));
      });
    }

    it('more than a quarter of the points new: every point travels and becomes the list kept', function () {
      const academia = buildTrendsView(table, { ...DEFAULT_TRENDS_FILTERS, sectors: ['Academia'] }, 'bundled');
      const small = encodeTrendsUpdate(academia, undefined, 6);
      const update = encodeTrendsUpdate(view, small.base, 7);
      assert.deepEqual(update.base, { id: 7, points: view.points });
      const read = decodeTrendsWire(update.json, () => undefined);
      assert.equal(read.pointsBase, 7);
      assert.deepStrictEqual(read.view, plain(view));
    });

    it('a reference to a list the reader does not keep is MissingPointsBaseError; runs past a list are a RangeError', function () {
      const filtered = encodeTrendsUpdate(buildTrendsView(table, { ...DEFAULT_TRENDS_FILTERS, sectors: ['Industry'] }, 'bundled'), whole.base, 8);
      assert.throws(() => decodeTrendsWire(filtered.json), (error: unknown) => error instanceof MissingPointsBaseError && error.base === 3);
      assert.throws(() => decodeTrendsView(filtered.json), MissingPointsBaseError);
      const wire = JSON.parse(filtered.json) as { pointRefs: { runs: number[] } };
      for (const runs of [[view.points.length - 1, 2], [-1, 1], [-2, 1], [0.5, 1], [0, -1]]) {
        wire.pointRefs.runs = runs;
        assert.throws(() => decodeTrendsWire(JSON.stringify(wire), kept), RangeError, JSON.stringify(runs));
      }
    });
  });
});
