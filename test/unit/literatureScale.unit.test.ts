/**
 * Literature at scale (issue #11, item 9): the literature worker gives what reading inline gives
 * (papers, diagnostics, possible duplicates, order, and labels applied to the result); cancelling
 * it terminates the worker; a label re-applied incrementally to a dataset with works of the
 * literature equals the full `applyLabels` (a differential test over random label sequences on the
 * Epoch table combined with real shared files, institutions data included).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { applyLabels, applyLabelsIncremental, type LabelledDataset } from '../../src/core/labels/applyLabels';
import type { LabelChange } from '../../src/core/labels/event';
import { LabelFolder, type LabelState } from '../../src/core/labels/fold';
import { parseLabelLog, type ParsedEvent } from '../../src/core/labels/parseLog';
import type { Dataset } from '../../src/core/dataset/model';
import { NotEpochTableError } from '../../src/core/dataset/loadDataset';
import { LiteratureLoader } from '../../src/host/loading/literatureLoader';
import { readLiterature, type LiteratureInput } from '../../src/host/loading/literatureRead';
import { LoadCancelledError } from '../../src/host/loading/tableLoader';
import { makeOpenAlexJsonl } from '../../bench/literatureData';
import { describeWithCorpus } from '../support/corpus';
import { TEST_DATA } from '../support/paths';
import { ev, logText, makeTemp, removeTemp, repoRoot } from './fixtures/labels/helpers';

const TABLE = 'notable_ai_models_2026-07-15.csv';
const tableBytes = (): Uint8Array => new Uint8Array(gunzipSync(fs.readFileSync(path.join(repoRoot(), 'data', 'epoch-notable-ai-models.csv.gz'))));
const FILES = [
  'openalex/openalex_work_W2741809807.json',
  'openalex/openalex_works_snapshot_2023-05-16_part_000.jsonl',
  'bibtex/graph_embedding_review_refs.bib',
  'ris/graph_embedding_review_references.ris',
  'arxiv/oai_pmh_listrecords_arXiv_cs_2015-12.xml',
  'arxiv/api_recorded_q_testing_m100_2026-04.json',
  'institutions/openalex_institutions_snapshot_2023-09-04_part_000.jsonl',
];
/** The table and the shared files, fresh buffers each time (a load to the worker empties them). */
const input = (extra: LiteratureInput['files'] = []): LiteratureInput => ({
  table: { bytes: tableBytes(), source: TABLE },
  files: [...FILES.map((rel) => ({ name: rel, bytes: new Uint8Array(fs.readFileSync(path.join(TEST_DATA, rel))) })), ...extra],
});

async function workersGone(loader: LiteratureLoader): Promise<void> {
  for (let i = 0; i < 100 && loader.runningWorkers > 0; i++) await new Promise((r) => setTimeout(r, 20));
  assert.equal(loader.runningWorkers, 0, 'the worker exited');
}

describeWithCorpus('Literature at scale: the literature worker', function () {
  this.timeout(120_000);
  let dir: string;
  let script: string;
  before(async function () {
    dir = makeTemp('cd-litworker-');
    script = path.join(dir, 'literatureWorker.js');
    // The worker as esbuild.mjs bundles it (dist/literatureWorker.js), built here so the unit tier needs no build.
    await build({ entryPoints: [path.join(repoRoot(), 'src/host/loading/literatureWorker.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: script, logLevel: 'silent', absWorkingDir: repoRoot(), alias: { 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' } });
  });
  after(() => removeTemp(dir));

  it('reads the Epoch table with real shared files to exactly what reading inline gives (papers, diagnostics, duplicates, order), labels apply the same, and the bytes are transferred', async function () {
    const missing = { name: 'nowhere.bib', failure: 'the file does not exist' };
    const inline = readLiterature(input([missing]));
    const loader = new LiteratureLoader(script, { inlineBelowBytes: 0, papersPerChunk: 100 });
    const sent = input([missing]);
    const seen: string[] = [];
    const loaded = await loader.load(sent, { onFile: (i, name) => seen.push(`${i}:${name}`) });
    assert.equal(loaded.viaWorker, true);
    assert.equal(sent.files[0].bytes!.byteLength, 0, 'the file was transferred to the worker, not copied');
    assert.deepStrictEqual(seen, [...FILES, 'nowhere.bib'].map((f, i) => `${i}:${f}`));
    // 1,036 table rows; the works of the files that are not the table's rows.
    assert.ok(loaded.dataset.papers.length > 2000, `${loaded.dataset.papers.length} papers`);
    assert.deepStrictEqual(loaded.dataset.papers, inline.dataset.papers);
    assert.deepStrictEqual(loaded.dataset.diagnostics, inline.dataset.diagnostics);
    assert.deepStrictEqual(loaded.possible, inline.possible);
    assert.deepStrictEqual([...loaded.order], [...inline.order]);
    assert.deepStrictEqual(
      loaded.readings.map((r) => [r.file, r.kind, r.format, r.records, r.diagnostics]),
      inline.readings.map((r) => [r.file, r.kind, r.format, r.records, r.diagnostics]),
    );
    assert.equal(loaded.readings.at(-1)!.diagnostics[0].message, 'Cannot read nowhere.bib: the file does not exist.');
    // The context (institutions index, topic mapping) rebuilt on this side gives the same labelled dataset.
    assert.equal(loaded.dataset.literature!.index!.entries.length, inline.dataset.literature!.index!.entries.length);
    const folder = new LabelFolder();
    const labels = folder.fold(parseLabelLog(logText([ev('ada', orgLabel('Google', 'Academia'), 1), ev('ada', orgLabel('Stanford University', 'Industry'), 2)]), 'l').events);
    assert.deepStrictEqual(applyLabels(loaded.dataset, labels).papers, applyLabels(inline.dataset, labels).papers);
    await workersGone(loader);
  });

  it('rejects a file that is not an Epoch table, as the table loader does, and reads small inputs inline by default', async function () {
    const loader = new LiteratureLoader(script, { inlineBelowBytes: 0 });
    await assert.rejects(loader.load({ table: { bytes: new TextEncoder().encode('a,b\n1,2\n'), source: 'x.csv' }, files: [] }), NotEpochTableError);
    await workersGone(loader);
    const small = { files: [{ name: FILES[0], bytes: new Uint8Array(fs.readFileSync(path.join(TEST_DATA, FILES[0]))) }] };
    const inline = await new LiteratureLoader(path.join(dir, 'no-such-worker.js')).load(small);
    assert.equal(inline.viaWorker, false);
    assert.equal(inline.dataset.papers.length, 1);
    assert.equal(new LiteratureLoader('').usesWorker(5_000_000), true);
  });

  it('cancelling terminates the worker and rejects with LoadCancelledError (nothing is loaded)', async function () {
    const big = path.join(dir, 'big.jsonl');
    makeOpenAlexJsonl(TEST_DATA, big, 20_000);
    const loader = new LiteratureLoader(script, { inlineBelowBytes: 0 });
    const abort = new AbortController();
    const started = Date.now();
    const loading = loader.load({ files: [{ name: 'big.jsonl', bytes: new Uint8Array(fs.readFileSync(big)) }] }, { signal: abort.signal, onFile: () => abort.abort() });
    await assert.rejects(loading, LoadCancelledError);
    assert.ok(Date.now() - started < 5000, 'cancelled at the first progress, not after the whole read');
    await workersGone(loader);
  });
});

/** An organization category label, with a ROR id on the target when given. */
const orgLabel = (name: string, value: string | null, ror?: string): LabelChange => ({ target: { kind: 'organization', name, ...(ror ? { ror } : {}) }, field: 'category', value }) as LabelChange;

/** A small seeded generator (mulberry32), so a failing sequence can be replayed. */
function rng(seed: number): () => number {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describeWithCorpus('Literature at scale: labels applied incrementally to works', function () {
  this.timeout(300_000);
  let dataset: Dataset;
  let names: string[];
  let rors: string[];
  let workIds: string[];
  let rowIds: string[];
  before(function () {
    dataset = readLiterature(input()).dataset;
    const nameSet = new Set<string>();
    const rorSet = new Set<string>();
    for (const p of dataset.papers) {
      for (const o of p.organizations) nameSet.add(o);
      if (p.work?.kind !== 'literature') continue;
      for (const a of p.work.work.authors) {
        for (const aff of a.affiliations) for (const part of aff.split(/[;,]/)) if (part.trim()) nameSet.add(part.trim());
        for (const i of a.institutions) if (i.ror) rorSet.add(i.ror);
      }
      for (const a of p.work.sector?.authors ?? []) for (const i of a.institutions) if (i.ror) rorSet.add(i.ror);
    }
    names = [...nameSet].sort();
    rors = [...rorSet].sort();
    workIds = dataset.papers.filter((p) => p.work?.kind === 'literature').map((p) => p.id);
    rowIds = dataset.papers.filter((p) => p.work?.kind !== 'literature').map((p) => p.id);
    assert.ok(names.length > 500 && rors.length > 5 && workIds.length > 1000, `${names.length} names, ${rors.length} ROR ids, ${workIds.length} works`);
  });

  it('equals the full applyLabels after every label of random sequences (organization categories by name and by ROR id, parts of affiliation strings, paper sectors, organizations and topics, retractions), re-deriving only a few works', function () {
    const categories = ['Academia', 'Industry', 'Government', 'Non-profit', null];
    let incrementalSteps = 0;
    let rederived = 0;
    for (const seed of [1, 2, 3]) {
      const random = rng(seed);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
      const events: ParsedEvent[] = [];
      const folder = new LabelFolder();
      let state: LabelState = folder.fold([]);
      let previous: LabelledDataset = applyLabels(dataset, state);
      for (let step = 0; step < 25; step++) {
        const r = random();
        const id = pick(random() < 0.8 ? workIds : rowIds);
        const change: LabelChange =
          r < 0.45
            ? orgLabel(pick(names), pick(categories))
            : r < 0.6
              ? orgLabel(pick(names), pick(categories), pick(rors))
              : r < 0.72
                ? ({ target: { kind: 'paper', id }, field: 'teamSector', value: random() < 0.8 ? pick(['Academia', 'Industry', 'Collaboration']) : null })
                : r < 0.86
                  ? ({ target: { kind: 'paper', id }, field: 'organizations', value: random() < 0.85 ? [pick(names), pick(names)] : null })
                  : ({ target: { kind: 'paper', id }, field: 'topic', value: pick(['Language', 'Vision', 'Robotics']) });
        // The log's events as the label service keeps them: the same objects, one appended per label.
        events.push({ ...parseLabelLog(logText([ev(`a${seed}`, change, step + 1, `s${seed}e${step}`)]), 'labels.jsonl').events[0], index: step, line: step + 1 });
        state = folder.fold(events);
        const touched = folder.lastChange!;
        assert.ok(touched, 'an appended event gives a change set');
        const full = applyLabels(dataset, state);
        const next = applyLabelsIncremental(previous, state, touched);
        assert.ok(next, `seed ${seed} step ${step}: the incremental path answered`);
        incrementalSteps++;
        rederived += next.changed.length;
        assert.deepStrictEqual(next.dataset, full, `seed ${seed} step ${step}: ${JSON.stringify(change)}`);
        previous = next.dataset;
      }
    }
    assert.equal(incrementalSteps, 75);
    assert.ok(rederived / incrementalSteps < dataset.papers.length / 20, `on average ${rederived / incrementalSteps} of ${dataset.papers.length} rows re-derived per label`);
  });

  it('without any organization or paper label keeps each work’s sector as combined, equal to re-deriving it (a label that names no organization of the table forces the re-derivation)', function () {
    const none = applyLabels(dataset, new LabelFolder().fold([]));
    const unrelated = applyLabels(dataset, new LabelFolder().fold(parseLabelLog(logText([ev('ada', orgLabel('No Such Organization Anywhere 7f3a', 'Industry'), 1)]), 'l').events));
    assert.equal(unrelated.unmatchedOrganizations.length, 1, 'the label matched nothing');
    assert.deepStrictEqual(none.papers, unrelated.papers);
    const works = none.papers.filter((p) => p.work?.kind === 'literature');
    assert.ok(works.length > 1000);
    // The work's own sector object is kept (not re-derived).
    const row = dataset.papers.findIndex((p) => p.work?.kind === 'literature');
    assert.equal(none.papers[row].work, dataset.papers[row].work);
  });

  it('declines without the fold before the change (a label’s ROR id may have moved) and answers with it', function () {
    const folder = new LabelFolder();
    folder.fold([]);
    const previous = applyLabels(dataset, folder.fold([]));
    const state = folder.fold(parseLabelLog(logText([ev('ada', orgLabel(names[0], 'Industry'), 1)]), 'l').events);
    const { organizations, papers } = folder.lastChange!;
    assert.equal(applyLabelsIncremental(previous, state, { organizations, papers }), undefined);
    assert.deepStrictEqual(applyLabelsIncremental(previous, state, folder.lastChange!)?.dataset, applyLabels(dataset, state));
  });
});
