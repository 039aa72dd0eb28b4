/**
 * `npm run bench`, part 7 (run in a fresh Node process by run.ts): the extension host's
 * responsiveness while a table loads, a label reaches the views and Find Paper answers first,
 * through the code path the extension uses (TableLoader with dist/loadWorker.js, the view built in
 * slices, the index warmed in slices). A 1 ms interval probes the event loop: its longest gap is
 * the longest stall. Prints one JSON object. Arguments: the CSV file, then `before` (today's
 * path: loadDataset and grouping on the host thread, the search index built on first use, a label
 * applied to the whole table) or `after` (the new path). Each in a fresh process, so neither
 * measures the other's garbage.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { performance as perf, PerformanceObserver } from 'node:perf_hooks';
import * as path from 'node:path';
import { applyLabels } from '../src/core/labels/applyLabels';
import { LabelFolder } from '../src/core/labels/fold';
import { parseLabelLog, type ParsedEvent } from '../src/core/labels/parseLog';
import { loadDataset } from '../src/core/dataset/loadDataset';
import { groupPapers } from '../src/core/dataset/paperGroups';
import { PaperSearchIndex } from '../src/core/search/search';
import { DatasetView } from '../src/host/datasetView';
import { runInSlices } from '../src/host/loading/slices';
import { TableLoader } from '../src/host/loading/tableLoader';

const file = process.argv[2];
const mode = process.argv[3] === 'before' ? 'before' : 'after';
const round = (ms: number): number => Math.round(ms * 10) / 10;

/** Longest gap between 1 ms interval ticks while `work` runs. */
async function stalls<T>(work: () => Promise<T>): Promise<{ value: T; ms: number; maxGapMs: number; maxBusyMs: number; gapsOver50: number; gcOver30: number }> {
  let last = performance.now();
  let maxGap = 0;
  let gapsOver50 = 0;
  let gcOver30 = 0;
  // V8's own pauses, to tell them from ours.
  const gc = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (entry.duration > 30) gcOver30++;
  });
  gc.observe({ entryTypes: ['gc'] });
  // The wall-clock gap between ticks also counts time the OS gave the CPU to others (the worker,
  // other processes on a busy 2-core machine); the event loop's active time between ticks
  // (eventLoopUtilization) counts only time this thread spent running (JavaScript, GC).
  let maxBusy = 0;
  let elu = perf.eventLoopUtilization();
  const probe = setInterval(() => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last);
    if (now - last > 50) gapsOver50++;
    const next = perf.eventLoopUtilization();
    maxBusy = Math.max(maxBusy, perf.eventLoopUtilization(next, elu).active);
    elu = next;
    last = now;
  }, 1);
  const start = performance.now();
  const value = await work();
  const ms = performance.now() - start;
  // Work that never gave way (today's path) runs between two ticks: count its active time too.
  maxBusy = Math.max(maxBusy, perf.eventLoopUtilization(perf.eventLoopUtilization(), elu).active);
  clearInterval(probe);
  gc.disconnect();
  maxGap = Math.max(maxGap, performance.now() - last);
  return { value, ms: round(ms), maxGapMs: round(maxGap), maxBusyMs: round(maxBusy), gapsOver50, gcOver30 };
}

const event = (i: number, name: string, value: string): ParsedEvent => {
  const line = JSON.stringify({ v: 1, id: `b${i}`, ts: new Date(Date.UTC(2026, 10, 29, 0, 0, i)).toISOString(), annotator: 'bench', target: { kind: 'organization', name }, field: 'category', value });
  return { ...parseLabelLog(`${line}\n`, 'bench').events[0], index: i, line: i + 1 };
};

void (async () => {
  const bytes = readFileSync(file);
  const size = bytes.byteLength;
  const out: Record<string, unknown> = { file: path.basename(file), bytes: size };
  // Before: the whole load on the host thread (loadDataset + grouping), one stall.
  const folder = new LabelFolder();
  const events = [event(0, 'University of Oxford', 'Academia')];
  const labels = folder.fold(events);
  const names = ['Google', 'Meta AI', 'Stanford University', 'OpenAI', 'Tsinghua University'];
  const median = (xs: number[]): number => round([...xs].sort((a, b) => a - b)[xs.length >> 1]);
  if (mode === 'before') {
    const before = await stalls(() => {
      const original = loadDataset(bytes, file);
      const dataset = applyLabels(original, labels);
      return Promise.resolve({ original, dataset, groups: groupPapers(dataset.papers) });
    });
    out.load = { ms: before.ms, maxGapMs: before.maxGapMs, maxBusyMs: before.maxBusyMs };
    // Today's first Find Paper: the index is built on first use.
    const t0 = performance.now();
    new PaperSearchIndex(before.value.original.papers).search('gpt-4');
    out.firstQueryMs = round(performance.now() - t0);
    const full: number[] = [];
    for (let i = 1; i <= names.length; i++) {
      events.push(event(i, names[i - 1], i % 2 ? 'Industry' : 'Academia'));
      const state = folder.fold(events);
      const t = performance.now();
      groupPapers(applyLabels(before.value.original, state).papers);
      full.push(performance.now() - t);
    }
    out.labelToViews = { medianMs: median(full), maxMs: round(Math.max(...full)) };
    process.stdout.write(`${JSON.stringify(out)}\n`);
    return;
  }

  // After: the extension's path.
  const loader = new TableLoader(path.join(__dirname, '..', 'dist', 'loadWorker.js'));
  const loaded = await stalls(async () => {
    // As in the extension: the file read asynchronously into a buffer of its own, transferred to
    // the worker (not copied). (fs.readFile, not the extension's reader: the synthetic table of
    // 100,000 notable-model rows is 213 MB, past the 200 MB the extension reads.)
    const parsed = await loader.parse(await readFile(file), file);
    return runInSlices(DatasetView.buildSteps(parsed.dataset, parsed.order, labels));
  });
  out.load = { ms: loaded.ms, maxGapMs: loaded.maxGapMs, maxBusyMs: loaded.maxBusyMs, gapsOver50: loaded.gapsOver50, gcPausesOver30: loaded.gcOver30, viaWorker: loader.usesWorker(size) };
  const view = loaded.value;
  const warmed = await stalls(() => view.warm((steps) => runInSlices(steps)));
  out.warmUp = { ms: warmed.ms, maxGapMs: warmed.maxGapMs, maxBusyMs: warmed.maxBusyMs };
  let t = performance.now();
  view.search.search('gpt-4');
  out.firstQueryMs = round(performance.now() - t);

  // A label reaching the views: only the rows it touches re-derived and regrouped.
  const incremental: number[] = [];
  let current = view;
  for (let i = 1; i <= names.length; i++) {
    events.push(event(i, names[i - 1], i % 2 ? 'Industry' : 'Academia'));
    const state = folder.fold(events);
    t = performance.now();
    current = current.withLabels(state, folder.lastChange);
    incremental.push(performance.now() - t);
  }
  out.labelToViews = { medianMs: median(incremental), maxMs: round(Math.max(...incremental)) };
  process.stdout.write(`${JSON.stringify(out)}\n`);
})();
