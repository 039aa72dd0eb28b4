/**
 * The bundled snapshot (`data/epoch-notable-ai-models.csv.gz`, made by `npm run bundle-data` from
 * Epoch's notable-models table of 2026-07): it loads to the same rows and team sectors as the full
 * table, keeps no prose column, and carries Epoch's CC BY 4.0 attribution. Expected counts come
 * from the Python oracles (expectedEpochCounts.json from test/tools/expected_epoch_counts.py on the
 * full table; topic counts from test/tools/expected_topic_counts.py on the full table), which share
 * no code with the loader. The comparison with the full table itself needs the test corpus.
 */
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { BUNDLED_COLUMNS, makeBundledSnapshot, type BundledSnapshotMeta } from '../../src/core/dataset/bundledSnapshot';
import { decodeText, parseCsv } from '../../src/core/dataset/csvTable';
import { loadDataset } from '../../src/core/dataset/loadDataset';
import { groupPapers } from '../../src/core/dataset/paperGroups';
import { summarize } from '../../src/core/dataset/summary';
import { REPO, testData } from '../support/paths';
import { describeWithCorpus } from '../support/corpus';

const DATA = path.join(REPO, 'data');
const SNAPSHOT = path.join(DATA, 'epoch-notable-ai-models.csv.gz');
const META = JSON.parse(readFileSync(path.join(DATA, 'epoch-notable-ai-models.json'), 'utf8')) as BundledSnapshotMeta;
const FULL = testData('epoch', 'notable_ai_models_2026-07.csv');
const EXPECTED = (JSON.parse(readFileSync(path.join(REPO, 'test', 'unit', 'expectedEpochCounts.json'), 'utf8')) as Record<string, { rows: number; withDate: number; withCompute: number; teamSector: Record<string, number>; leaning: Record<string, number> }>)['notable_ai_models_2026-07.csv'];
/** `python3 test/tools/expected_topic_counts.py ../shared/data/epoch/notable_ai_models_2026-07.csv`. */
const TOPICS: Record<string, number> = {
  Language: 532, Vision: 344, Multimodal: 118, 'Image generation': 59, Speech: 55, Games: 51, Video: 49, Biology: 48, Audio: 28,
  Robotics: 28, Mathematics: 17, Other: 17, Recommendation: 15, '3D modeling': 9, Medicine: 8, 'Earth science': 7, '(no domain)': 5,
  Search: 3, 'Materials science': 2, Driving: 1,
};

function bundled() {
  return loadDataset(gunzipSync(readFileSync(SNAPSHOT)), 'bundled');
}

describe('bundled snapshot of Epoch notable models (data/)', function () {
  it('loads with the row, date, compute and team-sector counts of the full 2026-07 table', function () {
    const s = summarize(bundled());
    assert.equal(s.rows, EXPECTED.rows);
    assert.equal(s.withDate, EXPECTED.withDate);
    assert.equal(s.withCompute, EXPECTED.withCompute);
    assert.deepEqual({ ...s.teamSector }, EXPECTED.teamSector);
  });

  it("groups into the full table's topics with the same counts", function () {
    const groups = groupPapers(bundled().papers);
    const counts = Object.fromEntries(groups.topics.map((t) => [t, groups.topicCounts.get(t)]));
    assert.deepEqual(counts, TOPICS);
  });

  it('keeps only the product columns: no Abstract, no notes column', function () {
    const table = parseCsv(decodeText(gunzipSync(readFileSync(SNAPSHOT))).bytes);
    const header = table.header!.fields;
    assert.deepEqual(header, META.columns);
    assert.equal(header.length, BUNDLED_COLUMNS.length, 'the 2026-07 table has every bundled column');
    for (const h of header) assert.doesNotMatch(h, /abstract|notes/i);
    assert.equal(table.records.length, META.rows);
    assert.ok(table.records.every((r) => r.fields.length === header.length));
  });

  it('states the attribution beside the file: title, licence, date, source', function () {
    assert.equal(META.title, 'Epoch AI, Data on Notable AI Models');
    assert.equal(META.licence, 'CC BY 4.0');
    assert.equal(META.snapshotDate, '2026-07-15', 'the latest publication date in the table (README: dates to 2026-07-15)');
    assert.equal(META.rows, 1036);
    const readme = readFileSync(path.join(DATA, 'README.md'), 'utf8');
    for (const text of ['Epoch AI, Data on Notable AI Models', 'CC BY 4.0', '2026-07-15', 'https://epoch.ai/data/notable-ai-models']) assert.ok(readme.includes(text), text);
  });

  it("the Papers view's welcome names the snapshot's date and size (npm run bundle-data keeps them in step)", function () {
    const manifest = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { contributes: { viewsWelcome: { view: string; contents: string }[] } };
    const welcome = manifest.contributes.viewsWelcome.find((w) => w.view === 'computeDivide.papers' && w.contents.includes('openBundledSnapshot'))!;
    assert.ok(welcome.contents.includes(`[Explore Epoch's notable models (bundled snapshot, ${META.snapshotDate})](command:computeDivide.openBundledSnapshot)`));
    assert.ok(welcome.contents.includes(`${META.rows.toLocaleString('en-US')} models`));
    assert.ok(welcome.contents.indexOf('openBundledSnapshot') < welcome.contents.indexOf('openDataset'), 'offered first');
  });

  it('stays small: under 200 KB compressed', function () {
    assert.ok(readFileSync(SNAPSHOT).length < 200_000, `${readFileSync(SNAPSHOT).length} bytes`);
  });

  describeWithCorpus('against the full table (test corpus)', function () {
    it('every paper has the same id, sector, leaning, organizations, categories, date, compute, domains and tasks', function () {
      const full = loadDataset(readFileSync(FULL), 'full').papers;
      const small = bundled().papers;
      assert.equal(small.length, full.length);
      const pick = (p: (typeof full)[number]) => ({
        id: p.id, name: p.name, sector: p.teamSector, leaning: p.leaning, organizations: p.organizations, categories: p.organizationCategories,
        date: p.publicationDate, compute: p.trainingComputeFlop, parameters: p.parameters, domains: p.domains, tasks: p.tasks,
        authors: p.authors, link: p.link, citations: p.citations, notability: p.notabilityCriteria, base: p.baseModel, access: p.modelAccessibility,
      });
      for (let i = 0; i < full.length; i++) assert.deepEqual(pick(small[i]), pick(full[i]), full[i].id);
    });

    it('is what npm run bundle-data makes from it today (deterministic, up to date)', function () {
      const bytes = readFileSync(FULL);
      const sha = createHash('sha256').update(bytes).digest('hex');
      assert.equal(sha, META.sourceSha256);
      const { csv, meta } = makeBundledSnapshot(bytes, sha);
      assert.deepEqual(meta, META);
      assert.ok(gzipSync(Buffer.from(csv), { level: 9 }).equals(readFileSync(SNAPSHOT)), 'the committed snapshot equals a fresh run');
    });
  }, ['epoch/notable_ai_models_2026-07.csv']);
});
