/**
 * `npm run bench`, part 8 (run in a fresh Node process by run.ts): a label reaching every view at
 * 100,000 rows through the host's own code, in plain Node (VS Code's API stubbed): the label folded
 * (LabelFolder), the view re-derived (`DatasetView.withLabels`), the dataset change published to
 * the listeners the extension registers (Organizations tree, both status-bar items) plus what the
 * open panels recompute on it (the trends panel's `buildTrendsView`, the triage queue's
 * `triageModel`), then the trees' rows VS Code asks for again. A 1 ms interval probes the event
 * loop. What it cannot measure: VS Code's own work (the renderer, the webview drawing). Arguments:
 * the CSV file, then `inline` (the Findings panel's numbers, `buildTrendsView` and
 * `buildFindingsView`, on the host's thread, as before issue #9's analysis worker) or `worker` (the
 * extension's path: the rows a label changed sent to dist/analysisWorker.js, the numbers computed
 * there; `panelAnsweredMs` is the time from the label to the worker's answer). Prints one JSON object.
 */
import '../test/support/vscodeStub';
import * as vscode from 'vscode';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { LabelFolder } from '../src/core/labels/fold';
import { parseLabelLog, type ParsedEvent } from '../src/core/labels/parseLog';
import { loadDataset } from '../src/core/dataset/loadDataset';
import { DatasetView } from '../src/host/datasetView';
import type { DatasetService, DatasetState } from '../src/host/datasetService';
import type { LabelService } from '../src/host/labelService';
import { OrganizationsTreeProvider } from '../src/host/organizationsTreeProvider';
import { PapersTreeProvider } from '../src/host/papersTreeProvider';
import { DatasetStatusBar, DecisionsStatusBar } from '../src/host/statusBar';
import { buildTrendsView } from '../src/host/trendsViewModel';
import { buildFindingsView } from '../src/host/findingsViewModel';
import { AnalysisClient } from '../src/host/analysis/analysisClient';
import { runInSlices } from '../src/host/loading/slices';
import * as path from 'node:path';
import { triageModel, type TriageModel } from '../src/host/triage/triageModel';
import { DEFAULT_TRENDS_FILTERS } from '../src/shared/trendsProtocol';

const file = process.argv[2];
const mode = process.argv[3] === 'worker' ? 'worker' : 'inline';
const round = (ms: number): number => Math.round(ms * 10) / 10;
const event = (i: number, name: string, value: string): ParsedEvent => {
  const line = JSON.stringify({ v: 1, id: `v${i}`, ts: new Date(Date.UTC(2026, 10, 29, 0, 0, i)).toISOString(), annotator: 'bench', target: { kind: 'organization', name }, field: 'category', value });
  return { ...parseLabelLog(`${line}\n`, 'bench').events[0], index: i, line: i + 1 };
};

void (async () => {
  const original = loadDataset(readFileSync(file), file);
  const folder = new LabelFolder();
  const events = [event(0, 'University of Oxford', 'Academia')];
  let view = new DatasetView(original).withLabels(folder.fold(events));
  // As the extension does after a load: the search index and the labels' match index built in the background.
  await view.warm((steps) => runInSlices(steps));
  const changed = new vscode.EventEmitter<DatasetState>();
  const uri = { fsPath: file, path: file, scheme: 'file', toString: () => `file://${file}` } as unknown as vscode.Uri;
  const dataset = { get state(): DatasetState { return { kind: 'loaded', uri, view }; }, get view() { return view; }, onDidChange: changed.event, shownBundled: undefined } as unknown as DatasetService;
  const labels = { get state() { return view.labels; }, events, blindCoding: false } as unknown as LabelService;
  const timings: Record<string, number[]> = {};
  const timed = (name: string, fn: () => void): void => {
    const t = performance.now();
    fn();
    (timings[name] ??= []).push(performance.now() - t);
  };
  // The extension's listeners, in its order; each wrapped to time it.
  const organizations = new OrganizationsTreeProvider(dataset, labels);
  const papers = new PapersTreeProvider(dataset, 'topic-sector');
  new DatasetStatusBar(dataset);
  new DecisionsStatusBar(dataset);
  let triage: TriageModel | undefined = triageModel(view, view.labels!, false, 'resolves-most');
  const listeners: [string, () => void][] = [
    ...(mode === 'inline'
      ? ([
          ['trends panel (buildTrendsView)', () => buildTrendsView(view.dataset, DEFAULT_TRENDS_FILTERS, 'bench')],
          ['findings tabs (buildFindingsView)', () => buildFindingsView(view.dataset, DEFAULT_TRENDS_FILTERS, 'domain')],
        ] as [string, () => void][])
      : []),
    // As the panel does: the model before the label given, so only the rows it touched are looked at again.
    ['triage panel (triageModel)', () => (triage = triageModel(view, view.labels!, false, 'resolves-most', triage))],
  ];
  // The worker's path: its copy of the table made once (as when the panel opens), then per label.
  const client = mode === 'worker' ? new AnalysisClient(path.join(__dirname, '..', 'dist', 'analysisWorker.js')) : undefined;
  const answered: number[] = [];
  let opened: number | undefined;
  if (client) {
    const t = performance.now();
    await client.compute(view, DEFAULT_TRENDS_FILTERS, 'bench', 'domain');
    opened = performance.now() - t;
  }
  // The rows VS Code asks for after a refresh: the roots, one expanded group of each tree and its rows.
  const refetch = (): void => {
    timed('trees: rows asked for again', () => {
      for (const root of organizations.getChildren()) organizations.getTreeItem(root);
      const industry = organizations.getChildren().find((n) => n.kind === 'group' && n.group === 'Industry');
      if (industry) for (const n of organizations.getChildren(industry)) organizations.getTreeItem(n);
      const [first] = papers.getChildren();
      const [sub] = first ? papers.getChildren(first) : [];
      if (sub) for (const n of papers.getChildren(sub)) papers.getTreeItem(n);
    });
  };
  // Warm (first rows, JIT) before measuring.
  refetch();
  timings['trees: rows asked for again'] = [];
  // Seven organizations of the table, from the most papers down (every label moves rows).
  const counts = new Map<string, number>();
  for (const p of original.papers) for (const o of p.organizations) counts.set(o, (counts.get(o) ?? 0) + 1);
  const ranked = [...counts].sort((a, b) => b[1] - a[1]).map(([name]) => name);
  const names = [0, 1, 2, 5, 10, 20, 40].map((i) => ranked[Math.min(i, ranked.length - 1)]);
  const total: number[] = [];
  const coreOnly: number[] = [];
  let maxGap = 0;
  let last = performance.now();
  const probe = setInterval(() => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last);
    last = now;
  }, 1);
  for (let i = 0; i < names.length; i++) {
    await new Promise((r) => setTimeout(r, 20));
    events.push(event(i + 1, names[i], i % 2 ? 'Academia' : 'Industry'));
    const t = performance.now();
    timed('fold + withLabels', () => {
      const state = folder.fold(events);
      view = view.withLabels(state, folder.lastChange);
    });
    const core = performance.now() - t;
    // Time each extension listener by firing to them one at a time is not possible through the
    // emitter; fire once and time the total, then the panels' work apart.
    timed('published to the extension’s listeners (Organizations tree, status bars)', () => changed.fire({ kind: 'loaded', uri, view }));
    coreOnly.push(core + timings['published to the extension’s listeners (Organizations tree, status bars)'].at(-1)!);
    refetch();
    let answer: Promise<unknown> | undefined;
    if (client) timed('findings panel: rows sent to the analysis worker', () => {
        answer = client.compute(view, DEFAULT_TRENDS_FILTERS, 'bench', 'domain');
      });
    for (const [name, fn] of listeners) timed(name, fn);
    total.push(performance.now() - t);
    if (answer) {
      await answer;
      answered.push(performance.now() - t);
    }
  }
  await new Promise((r) => setTimeout(r, 20));
  clearInterval(probe);
  const median = (xs: number[]): number => round([...xs].sort((a, b) => a - b)[xs.length >> 1]);
  const out = {
    file: file.split('/').pop(),
    rows: original.papers.length,
    labels: names.length,
    medianMs: Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, median(v)])),
    sidebarOnly: { medianMs: median(coreOnly.map((c, i) => c + timings['trees: rows asked for again'][i])), maxMs: round(Math.max(...coreOnly.map((c, i) => c + timings['trees: rows asked for again'][i]))) },
    withPanels: { medianMs: median(total), maxMs: round(Math.max(...total)) },
    longestStallMs: round(maxGap),
    mode,
    ...(client ? { panelOpenedMs: round(opened!), panelAnsweredMs: { medianMs: median(answered), maxMs: round(Math.max(...answered)) } } : {}),
  };
  client?.dispose();
  process.stdout.write(`${JSON.stringify(out)}\n`);
  process.exit(0);
})();
