/**
 * Responsive at 100,000 rows (issue #9): the load worker gives what `loadDataset` gives (papers,
 * diagnostics, errors), cancelling it terminates it; a label applied incrementally gives what
 * applying every label to the whole table gives; the search index warmed in slices equals the one
 * built at once. Real inputs: Epoch's notable-models table of 2026-07 (../shared/data/epoch).
 */
import '../support/vscodeStub';
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { build } from 'esbuild';
import { applyLabels, applyLabelsIncremental, type LabelledDataset } from '../../src/core/labels/applyLabels';
import type { LabelChange } from '../../src/core/labels/event';
import { foldLabels, LabelFolder } from '../../src/core/labels/fold';
import { parseLabelLog, type ParsedEvent } from '../../src/core/labels/parseLog';
import { loadDataset, NotEpochTableError } from '../../src/core/dataset/loadDataset';
import { groupPapers, newestFirstOrder } from '../../src/core/dataset/paperGroups';
import { PaperSearchIndex } from '../../src/core/search/search';
import { triageModel, type TriageModel } from '../../src/host/triage/triageModel';
import { needsAttention } from '../../src/core/labels/organizations';
import { DecisionsStatusBar } from '../../src/host/statusBar';
import type { DatasetService } from '../../src/host/datasetService';
import { decisionCounts, formatDecisionCounts } from '../../src/core/labels/decisions';
import { DatasetView } from '../../src/host/datasetView';
import { runInSlices } from '../../src/host/loading/slices';
import { packStrings, unpackStrings } from '../../src/host/loading/stringPacking';
import { LoadCancelledError, TableLoader } from '../../src/host/loading/tableLoader';
import { ev, logText, makeTemp, removeTemp, repoRoot } from './fixtures/labels/helpers';
import { gunzipSync } from 'node:zlib';

/** Epoch's notable-models table as it ships with the repository (the bundled snapshot: the same rows as the 2026-07 table). */
const TABLE = 'notable_ai_models_2026-07-15.csv';
const tableBytes = (): Buffer => gunzipSync(fs.readFileSync(path.join(repoRoot(), 'data', 'epoch-notable-ai-models.csv.gz')));

/** Wait (up to 2 s) for the loader's workers to exit after a load settles. */
async function workersGone(loader: TableLoader): Promise<void> {
  for (let i = 0; i < 100 && loader.runningWorkers > 0; i++) await new Promise((r) => setTimeout(r, 20));
  assert.equal(loader.runningWorkers, 0, 'the worker exited');
}

describe('Scale: the load worker', function () {
  this.timeout(60_000);
  let dir: string;
  let script: string;
  before(async function () {
    dir = makeTemp('cd-worker-');
    script = path.join(dir, 'loadWorker.js');
    // The worker as esbuild.mjs bundles it (dist/loadWorker.js), built here so the unit tier needs no build.
    await build({ entryPoints: [path.join(repoRoot(), 'src/host/loading/loadWorker.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: script, logLevel: 'silent' });
  });
  after(() => removeTemp(dir));

  it('parses a real table to exactly what loadDataset gives inline (papers, diagnostics, header), with its newest-first order; the bytes are transferred', async function () {
    const inline = loadDataset(tableBytes(), TABLE);
    const loader = new TableLoader(script, { inlineBelowBytes: 0, papersPerChunk: 100 });
    const bytes = new Uint8Array(tableBytes());
    const parsed = await loader.parse(bytes, TABLE);
    assert.equal(parsed.viaWorker, true);
    assert.equal(bytes.byteLength, 0, 'the buffer was transferred to the worker, not copied');
    // Python's csv module counts 1,036 records in this file.
    assert.equal(parsed.dataset.papers.length, 1036);
    assert.deepStrictEqual(parsed.dataset.papers, inline.papers);
    assert.deepStrictEqual(parsed.dataset.diagnostics, inline.diagnostics);
    assert.deepStrictEqual(parsed.dataset, inline);
    assert.deepStrictEqual([...parsed.order], [...newestFirstOrder(inline.papers)]);
    await workersGone(loader);
  });

  it('parses a table under 5 MB inline by default (no worker), to the same dataset and order', async function () {
    const loader = new TableLoader(path.join(dir, 'no-such-worker.js'));
    const parsed = await loader.parse(tableBytes(), TABLE);
    assert.equal(parsed.viaWorker, false);
    assert.equal(loader.usesWorker(5_000_000), true);
    assert.deepStrictEqual(parsed.dataset, loadDataset(tableBytes(), TABLE));
    assert.deepStrictEqual([...parsed.order], [...newestFirstOrder(parsed.dataset.papers)]);
  });

  it('copies (and so leaves intact) bytes that share their buffer, and parses them the same', async function () {
    const whole = tableBytes();
    const padded = new Uint8Array(whole.byteLength + 8);
    padded.set(whole, 8);
    const view = padded.subarray(8);
    const parsed = await new TableLoader(script, { inlineBelowBytes: 0 }).parse(view, TABLE);
    assert.equal(view.byteLength, whole.byteLength);
    assert.deepStrictEqual(parsed.dataset.papers, loadDataset(whole, TABLE).papers);
    // A Buffer in Node's shared pool (a small file's bytes): the pool must stay usable.
    const small = 'Model,Organization,Publication date\nGPT-2,OpenAI,2019-02-14\n';
    const pooled = Buffer.from(small, 'utf8');
    const neighbour = Buffer.from('neighbour', 'utf8');
    assert.equal(pooled.buffer, neighbour.buffer, 'both Buffers share the pool');
    const fromPool = await new TableLoader(script, { inlineBelowBytes: 0 }).parse(pooled, 't.csv');
    assert.equal(fromPool.dataset.papers[0].name, 'GPT-2');
    assert.equal(pooled.toString('utf8'), small);
    assert.equal(neighbour.toString('utf8'), 'neighbour');
  });

  it('cancelling terminates the worker and rejects with LoadCancelledError', async function () {
    const loader = new TableLoader(script, { inlineBelowBytes: 0 });
    const abort = new AbortController();
    const pending = loader.parse(new Uint8Array(tableBytes()), TABLE, abort.signal);
    assert.equal(loader.runningWorkers, 1);
    setTimeout(() => abort.abort(), 5);
    await assert.rejects(pending, (error: unknown) => error instanceof LoadCancelledError && error.source === TABLE);
    await workersGone(loader);
  });

  it('a table that is not an Epoch table rejects with NotEpochTableError, the same source and reason as inline', async function () {
    const loader = new TableLoader(script, { inlineBelowBytes: 0 });
    for (const text of ['Title,Year\nAttention,2017\n', '\u0000\u0001\u0002binary', '   \n']) {
      let inline: NotEpochTableError | undefined;
      try {
        loadDataset(Buffer.from(text, 'utf8'), 'papers.csv');
      } catch (error) {
        inline = error as NotEpochTableError;
      }
      assert.ok(inline instanceof NotEpochTableError);
      await assert.rejects(loader.parse(new Uint8Array(Buffer.from(text, 'utf8')), 'papers.csv'), (error: unknown) => {
        assert.ok(error instanceof NotEpochTableError, String(error));
        assert.equal(error.source, 'papers.csv');
        assert.equal(error.reason, inline.reason);
        assert.equal(error.message, inline.message);
        return true;
      });
    }
  });

  it('runInSlices stops a build when its signal aborts, with LoadCancelledError', async function () {
    const abort = new AbortController();
    function* forever(): Generator<void, number> {
      for (;;) yield;
    }
    setTimeout(() => abort.abort(), 10);
    await assert.rejects(runInSlices(forever(), { signal: abort.signal, sliceMs: 1 }), LoadCancelledError);
  });
});

describe('Scale: labels applied incrementally', function () {
  this.timeout(120_000);
  const table = loadDataset(tableBytes(), TABLE);
  const organizations = [...new Set(table.papers.flatMap((p) => p.organizations))].sort();

  it('over hundreds of random label sequences, the incremental view (and the triage queue kept up to date with it) equals applyLabels + groupPapers (and needsAttention) on the whole table', function () {
    let seed = 20260729;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor(seed / 65536) % n;
    };
    const categories = ['Academia', 'Industry', 'Government', 'Research collective', 'Non-profit'] as const;
    const respell = (name: string): string => [name, name.toUpperCase(), ` ${name}  `, name.toLowerCase()][random(4)];
    const change = (): LabelChange => {
      const kind = random(40);
      if (kind === 0) return { target: { kind: 'annotator', name: ['ada', 'bob'][random(2)] }, field: 'role', value: random(2) ? 'adjudicator' : null };
      const paper = table.papers[random(table.papers.length)];
      if (kind < 18) return { target: { kind: 'organization', name: random(15) === 0 ? `Nowhere Institute ${random(5)}` : respell(organizations[random(organizations.length)]) }, field: 'category', value: random(6) === 0 ? null : categories[random(categories.length)] };
      const target = {
        kind: 'paper' as const,
        id: random(20) === 0 ? `No such model ${random(5)}` : paper.id,
        ...(random(4) === 0 ? { date: random(2) ? '1999-01-01' : (paper.publicationDate ?? '') } : {}),
        ...(random(5) === 0 ? { organizations: random(2) ? ['Somewhere Else'] : paper.organizations } : {}),
      };
      if (kind < 30) return { target, field: 'teamSector', value: random(6) === 0 ? null : (['Academia', 'Industry', 'Collaboration', 'Other'] as const)[random(4)] };
      if (kind < 36) return { target, field: 'decision', value: random(6) === 0 ? null : (['include', 'exclude', 'maybe'] as const)[random(3)] };
      return { target, field: 'note', value: random(6) === 0 ? null : `note ${random(100)}` };
    };

    let steps = 0;
    let incremental = 0;
    let reused = 0;
    let triageReused = 0;
    // The decisions status-bar item, driven through a stand-in dataset service.
    let shown: DatasetView | undefined;
    const listeners: (() => void)[] = [];
    const bar = new DecisionsStatusBar({ get view() { return shown; }, onDidChange: (fn: () => void) => (listeners.push(fn), { dispose: () => undefined }) } as unknown as DatasetService);
    const decisionsBar = {
      refresh: (v: DatasetView): void => {
        shown = v;
        for (const fn of listeners) fn();
      },
      text: (): string | undefined => ((bar.item as unknown as { visible: boolean }).visible ? bar.item.text.replace(/^\$\(checklist\) /, '') : undefined),
    };
    const decisionsText = (c: ReturnType<typeof decisionCounts>): string | undefined => (c.screened === 0 ? undefined : formatDecisionCounts(c));
    for (let sequence = 0; sequence < 4; sequence++) {
      const folder = new LabelFolder();
      const events: ParsedEvent[] = [];
      let view = new DatasetView(table);
      let triage: TriageModel | undefined;
      for (let step = 0; step < 60; step++, steps++) {
        const n = 1 + random(3);
        for (let k = 0; k < n; k++) {
          const i = events.length;
          // Mostly appended in time order; now and then an earlier instant (a merge), which folds everything again.
          const at = random(15) === 0 ? random(i + 1) : 1000 + i;
          const parsed = parseLabelLog(logText([ev(['ada', 'bob', 'carol'][random(3)], change(), at, `s${sequence}-${i}`)]), 'l').events[0];
          assert.ok(parsed, 'a valid event');
          events.push({ ...parsed, index: i, line: i + 1 });
        }
        const state = folder.fold(events);
        const before = view;
        view = view.withLabels(state, folder.lastChange);
        const expected = applyLabels(table, state);
        assert.deepStrictEqual(state, foldLabels(events), `fold, sequence ${sequence} step ${step}`);
        assert.deepStrictEqual(view.dataset, expected, `dataset, sequence ${sequence} step ${step}`);
        assert.deepStrictEqual(view.groups, groupPapers(expected.papers), `groups, sequence ${sequence} step ${step}`);
        for (const id of [table.papers[0].id, table.papers[random(table.papers.length)].id]) assert.equal(view.byId.get(id), expected.papers.find((p) => p.id === id) && view.dataset.papers.find((p) => p.id === id));
        // The triage queue kept up to date row by row equals the queue worked out from scratch.
        const order = (['resolves-most', 'table', 'newest'] as const)[step % 3];
        const updated = triageModel(view, state, false, order, triage);
        assert.deepStrictEqual(updated.queue, triageModel(view, state, false, order).queue, `triage queue, sequence ${sequence} step ${step}`);
        assert.deepStrictEqual(updated.attention.filter((a) => a !== undefined), needsAttention(table, state), `needs attention, sequence ${sequence} step ${step}`);
        // The screening counts of the status bar, moved by the re-derived rows, equal a count over every row.
        decisionsBar.refresh(view);
        assert.equal(decisionsBar.text(), decisionsText(decisionCounts(expected.papers)), `decision counts, sequence ${sequence} step ${step}`);
        if (triage && updated.attention.some((a, row) => a !== undefined && a === triage!.attention[row])) triageReused++;
        triage = updated;
        if (folder.lastChange && before.labels) {
          incremental++;
          const same = view.dataset.papers.filter((p, row) => p === before.dataset.papers[row]).length;
          if (same > table.papers.length * 0.9) reused++;
        }
      }
    }
    assert.equal(steps, 240);
    assert.ok(incremental > 150, `most steps took the incremental path (${incremental})`);
    assert.ok(reused > 150, `untouched papers were reused, not rebuilt (${reused})`);
    assert.ok(triageReused > 150, `the triage queue was updated row by row, not rebuilt (${triageReused})`);
  });

  it('applyLabelsIncremental declines (undefined) when more rows change than it is worth', function () {
    const folder = new LabelFolder();
    const first = parseLabelLog(logText([ev('ada', { target: { kind: 'organization', name: 'Google' }, field: 'category', value: 'Academia' }, 1)]), 'l').events;
    const previous: LabelledDataset = applyLabels(table, folder.fold(first));
    const more = [...first, { ...parseLabelLog(logText([ev('ada', { target: { kind: 'organization', name: 'Google DeepMind' }, field: 'category', value: 'Academia' }, 2)]), 'l').events[0], index: 1, line: 2 }];
    const state = folder.fold(more);
    const change = folder.lastChange!;
    assert.deepStrictEqual([...change.organizations], ['google deepmind']);
    const rows = table.papers.filter((p) => p.organizations.some((o) => o.toLowerCase() === 'google deepmind')).length;
    assert.ok(rows > 10, `Google DeepMind has ${rows} rows`);
    assert.equal(applyLabelsIncremental(previous, state, change, rows - 1), undefined);
    const result = applyLabelsIncremental(previous, state, change, rows)!;
    assert.equal(result.changed.length, rows);
    assert.deepStrictEqual(result.dataset, applyLabels(table, state));
  });
});

describe('Scale: Find Paper index warmed in slices', function () {
  this.timeout(60_000);
  it('builds, a slice at a time, the index that Find Paper would build on first use, and answers the same', async function () {
    const table = loadDataset(tableBytes(), TABLE);
    const view = new DatasetView(table);
    let slices = 0;
    await view.warm((steps) => {
      slices++;
      return runInSlices(steps, { sliceMs: 1 });
    });
    assert.equal(slices, 2, 'the labels match index, then the search index');
    assert.ok(view.searchReady);
    const lazy = new PaperSearchIndex(table.papers.map((p) => ({ id: p.id, name: p.name, organizations: p.organizations, authors: p.authors })));
    assert.deepStrictEqual(view.search, lazy);
    for (const q of ['gpt-4', 'alphafold', 'deepmind', 'universite de montreal', 'll']) assert.deepStrictEqual(view.search.search(q), lazy.search(q));
    // A relabelled view of the same table shares the warmed index.
    const relabelled = view.withLabels(foldLabels([]));
    assert.equal(relabelled.search, view.search);
  });

  it('groups in the newest-first order without sorting cells, to the same groups', function () {
    const table = loadDataset(tableBytes(), TABLE);
    assert.deepStrictEqual(groupPapers(table.papers, undefined, newestFirstOrder(table.papers)), groupPapers(table.papers));
  });
});

describe('Scale: long strings packed for the trip from the worker', function () {
  it('unpacks to the value packed: long, repeated, short and \\0-led strings, undefined in arrays, numbers, nested objects', function () {
    const long = 'An abstract long enough to be packed into the chunk text.';
    const value = [
      { id: 'a', abstract: long, cells: { Abstract: long, Year: '2024', Odd: '\u00001 looks like a reference' }, organizationCategories: ['Academia', undefined], n: 3.5e23, ok: true },
      { id: 'b', abstract: `${long} Another one.`, cells: {}, organizationCategories: [], n: 0, ok: false, nested: [[long, 'x']] },
    ];
    const packed = packStrings(value);
    // The repeated abstract is packed once; the \0-led short string is packed too, so it cannot be taken for a reference.
    assert.equal(packed.text, `${long}\u00001 looks like a reference${long} Another one.`);
    assert.equal(packed.bounds.length, 6);
    assert.equal(packed.value[0].abstract, '\u00000');
    assert.equal(packed.shared, undefined, 'nothing shared: unpacking keeps no record of what it did');
    assert.deepStrictEqual(unpackStrings(structuredClone(packed)), value);
  });

  it('keeps a shared object shared (packed once, one object after the trip), a \\0-led string in it unpacked once', function () {
    const long = 'An affiliation string long enough to be packed.';
    const authors = [{ name: 'A. Author', affiliations: [long, '\u00002 not a reference'] }];
    const work = { id: 'w', authors, parts: [{ id: 'w', authors }] };
    const other = { id: 'x', authors, parts: [] as { id: string; authors: typeof authors }[] };
    const packed = packStrings([work, other]);
    assert.equal(packed.value[0].authors, packed.value[0].parts[0].authors, 'one packed copy for the shared array');
    assert.equal(packed.value[1].authors, packed.value[0].authors);
    assert.equal(packed.shared, true);
    const back = unpackStrings(structuredClone(packed));
    assert.deepStrictEqual(back, [work, other]);
    assert.equal(back[0].authors, back[0].parts[0].authors, 'still one array after the trip');
    assert.equal(back[1].authors[0].affiliations[1], '\u00002 not a reference');
  });

  it('a value sent as it is (no packed strings) is taken as it is, \\0-led strings and all', function () {
    const value = [{ id: 'a', note: '\u00003 as written', short: 'x' }];
    const sent = { value, text: '', bounds: new Int32Array(0) };
    assert.equal(unpackStrings(sent), value);
    assert.equal(value[0].note, '\u00003 as written');
    assert.equal(packStrings([{ id: 'b' }]).bounds.length, 0, 'nothing long: nothing packed');
  });
});
