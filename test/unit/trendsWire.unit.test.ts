import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { loadDataset } from '../../src/core/dataset/loadDataset';
import { buildTrendsView } from '../../src/host/trendsViewModel';
import { decodeTrendsView, encodeTrendsView } from '../../src/shared/trendsWire';
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
});
