/**
 * `npm run bench`, literature at scale (issue #11, "Performance"; run in a fresh Node process by
 * run.ts): a 100,000-work OpenAlex JSON Lines file and a 20,000-entry BibTeX file made from the
 * shared files (literatureData.ts) in a temp folder; the import's throughput beside the bare parser
 * on the same bytes, for the importer alone (bytes → works) and the whole read (merge, team
 * sectors, topics, order), in a process of its own running the code as the extension's bundle has
 * it (literatureThroughput.ts); the import through the extension's path
 * (dist/literatureWorker.js, the view built in slices) with the longest event-loop stall (a 1 ms
 * probe); the tree root, a Find Paper search and a label reaching the views at 100,000 works.
 * Prints one JSON object.
 */
import '../test/support/vscodeStub';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { LabelFolder } from '../src/core/labels/fold';
import { parseLabelLog, type ParsedEvent } from '../src/core/labels/parseLog';
import { DatasetView, type DatasetService } from '../src/host/datasetService';
import { LiteratureLoader } from '../src/host/loading/literatureLoader';
import { runInSlices } from '../src/host/loading/slices';
import { PapersTreeProvider } from '../src/host/papersTreeProvider';
import { TEST_DATA } from '../test/support/paths';
import { makeBibtex, makeOpenAlexJsonl } from './literatureData';

const round = (x: number): number => Math.round(x * 10) / 10;
const time = <T>(fn: () => T): [T, number] => {
  const t = performance.now();
  const v = fn();
  return [v, performance.now() - t];
};

async function stalls<T>(work: () => Promise<T>): Promise<{ value: T; ms: number; maxGapMs: number }> {
  let last = performance.now();
  let maxGap = 0;
  const probe = setInterval(() => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last);
    last = now;
  }, 1);
  const start = performance.now();
  const value = await work();
  const ms = performance.now() - start;
  clearInterval(probe);
  return { value, ms: round(ms), maxGapMs: round(Math.max(maxGap, performance.now() - last)) };
}

void (async () => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'cd-litbench-'));
  const out: Record<string, unknown> = {};
  try {
    const oaFile = path.join(tmp, 'openalex_100k.jsonl');
    const bibFile = path.join(tmp, 'refs_20k.bib');
    makeOpenAlexJsonl(TEST_DATA, oaFile);
    makeBibtex(TEST_DATA, bibFile);
    const worker = path.join(__dirname, '..', 'dist', 'literatureWorker.js');
    // The extension's path at 100,000 works first, in this fresh process (as the extension host, nothing
    // else on its heap): worker, view in slices, index warmed; stalls measured. In a function of its
    // own, so that its view is garbage before the inline throughput below.
    out.at100kWorks = await (async () => {
      const loader = new LiteratureLoader(worker);
      // As in the extension: the label log's fold (here empty: no log yet) is applied as the view is built.
      const folder = new LabelFolder();
      const events: ParsedEvent[] = [];
      const noLabels = folder.fold(events);
      const loaded = await stalls(async () => {
        // Read as the extension reads a source (asynchronously, into a buffer of its own that is transferred to the worker, not copied).
        const read = await loader.load({ files: [{ name: 'openalex_100k.jsonl', bytes: await readFile(oaFile) }] });
        return runInSlices(DatasetView.buildSteps(read.dataset, read.order, noLabels));
      });
      const view = loaded.value;
      process.stderr.write(`load through the worker: ${loaded.ms} ms, longest stall ${loaded.maxGapMs} ms\n`);
      const warm = await stalls(() => view.warm((steps) => runInSlices(steps)));
      const service = { view, onDidChange: () => ({ dispose: () => undefined }) } as unknown as DatasetService;
      const tree = new PapersTreeProvider(service, 'topic-sector');
      let best = Infinity;
      for (let i = 0; i < 5; i++) best = Math.min(best, time(() => tree.getChildren().forEach((n) => tree.getTreeItem(n)))[1]);
      const searches: Record<string, number> = {};
      for (const q of ['manufacturers literature', 'copy 51234', 'stanford', '10.99999/bench.777']) {
        let b = Infinity;
        for (let i = 0; i < 5; i++) b = Math.min(b, time(() => view.search.search(q))[1]);
        searches[q] = round(b);
      }
      // Labels reaching the views: the first (after the load and the warm-up), then the next ones.
      const label = (i: number, name: string, value: string): LabelFolder => {
        const line = JSON.stringify({ v: 1, id: `b${i}`, ts: new Date(Date.UTC(2026, 10, 29, 0, 0, i)).toISOString(), annotator: 'bench', target: { kind: 'organization', name }, field: 'category', value });
        events.push({ ...parseLabelLog(`${line}\n`, 'bench').events[0], index: i, line: i + 1 });
        return folder;
      };
      let current = view;
      const [, firstLabelMs] = time(() => (current = current.withLabels(label(0, 'Stanford University', 'Industry').fold(events), folder.lastChange)));
      const next: number[] = [];
      ['Google', 'Stanford University', 'Massachusetts Institute of Technology', 'Meta AI', 'University of Oxford'].forEach((n, i) => {
        const state = label(i + 1, n, i % 2 ? 'Academia' : 'Industry').fold(events);
        next.push(time(() => (current = current.withLabels(state, folder.lastChange)))[1]);
      });
      return {
        load: { ms: loaded.ms, longestStallMs: loaded.maxGapMs, viaWorker: loader.usesWorker(readFileSync(oaFile).byteLength) },
        warmUp: { ms: warm.ms, longestStallMs: warm.maxGapMs },
        treeRootMs: round(best),
        searchMs: searches,
        firstLabelMs: round(firstLabelMs),
        labelMedianMs: round([...next].sort((a, b) => a - b)[next.length >> 1]),
        labelMaxMs: round(Math.max(...next)),
      };
    })();
    // Import throughput beside the bare parser (same bytes), after the extension's path, each file in
    // a fresh process running literatureThroughput.ts bundled as the literature worker is (tsx's
    // transform would add a helper call to every closure the product's bundle does not have).
    const throughput = path.join(tmp, 'literatureThroughput.js');
    execFileSync(process.execPath, [path.join(__dirname, 'bundleAs.mjs'), 'dist/literatureWorker.js', path.join(__dirname, 'literatureThroughput.ts'), throughput], { stdio: 'inherit' });
    for (const [name, file, kind] of [
      ['openalex100k', oaFile, 'openalex'],
      ['bibtex20k', bibFile, 'bibtex'],
    ] as const) {
      // COMPUTE_DIVIDE_BENCH_BIBTEX=0 leaves out the BibTeX file.
      if (name === 'bibtex20k' && process.env.COMPUTE_DIVIDE_BENCH_BIBTEX === '0') continue;
      out[name] = JSON.parse(execFileSync(process.execPath, ['--expose-gc', throughput, file, kind], { encoding: 'utf8', maxBuffer: 1 << 20 })) as unknown;
      process.stderr.write(`${name}: ${JSON.stringify(out[name])}\n`);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  process.stdout.write(`${JSON.stringify(out)}\n`);
})();
