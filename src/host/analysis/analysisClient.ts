import { Worker } from 'node:worker_threads';
import type { ModelLabel } from '../../core/analyses/baseModels';
import { OPEN_WEIGHTS_HEADER } from '../../core/analyses/openWeights';
import type { Dataset, Paper } from '../../core/dataset/model';
import { frontierColumn } from '../../core/trends/largeScale';
import type { FindingsView, TopicsBy } from '../../shared/findingsProtocol';
import type { TrendsFilters } from '../../shared/trendsProtocol';
import type { DatasetView } from '../datasetView';
import { runInSlices } from '../loading/slices';
import { packStrings } from '../loading/stringPacking';
import type { AnalysisHeader, AnalysisPart, FromAnalysis, ToAnalysis } from './analysisProtocol';

/** The Findings panel's numbers as the worker answers them: the trends view as UTF-8 JSON, the findings. */
export interface AnalysisResult {
  trends: Uint8Array;
  /** The id of the list of points a reader of `trends` keeps (see `FromAnalysis`). */
  pointsBase: number;
  /** `trends` is gzip-compressed (large ones are: see `FromAnalysis`). */
  trendsGzip?: boolean;
  findings: FindingsView;
}

/** Rows per message when the whole table is sent (a few milliseconds of packing each). */
const CHUNK = 500;

/**
 * The columns of `cells` the analyses read (the frontier flag, the open-weights column); the rest
 * of a row's cells, its abstract, authors, links, provenance and work stay on the host.
 */
function keptCells(headers: readonly string[]): string[] {
  const frontier = frontierColumn(headers);
  const open = headers.filter((h) => h.trim().toLowerCase() === OPEN_WEIGHTS_HEADER.toLowerCase());
  return [...(frontier === undefined ? [] : [frontier]), ...open];
}

/** A row with only what `buildTrendsView` and `buildFindingsView` read (the worker's copy). */
export function analysisPaper(paper: Paper, cells: readonly string[]): Paper {
  const kept: Record<string, string> = {};
  for (const c of cells) if (c in paper.cells) kept[c] = paper.cells[c];
  const slim: Paper & { provenance?: unknown } = { ...paper, cells: kept, abstract: '', authors: '', reference: '', link: '' };
  delete slim.work;
  delete slim.provenance;
  return slim;
}

function headerOf(dataset: Dataset): AnalysisHeader {
  return { source: dataset.source, headers: dataset.headers, delimiter: dataset.delimiter, encoding: dataset.encoding, listStyle: dataset.listStyle };
}

function modelLabelsOf(dataset: Dataset): [string, ModelLabel][] | undefined {
  const labels = (dataset as Dataset & { modelLabels?: ReadonlyMap<string, ModelLabel> }).modelLabels;
  return labels ? [...labels] : undefined;
}

/**
 * The Findings panel's numbers for large tables, computed in a worker thread (`workerScript`,
 * i.e. dist/analysisWorker.js) by the same functions as on the host. The worker keeps a copy of
 * the labelled table: sent once, in slices between other work (`runInSlices`), then after a label
 * only the rows the label re-derived (`DatasetView.labelChange`). Requests are served one at a
 * time; a request that waits is replaced by a newer one (`compute` resolves the older with
 * undefined). No vscode: the bench and the unit tests drive it in plain Node.
 */
export class AnalysisClient {
  private worker: Worker | undefined;
  private version = 0;
  /** The dataset whose copy the worker has, and its version. */
  private synced: { dataset: Dataset; version: number } | undefined;
  private readonly pending = new Map<number, { resolve: (r: Partial<AnalysisResult>) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private queue: Promise<unknown> = Promise.resolve();
  private waiting: { resolve: (r: Partial<AnalysisResult> | undefined) => void } | undefined;

  constructor(private readonly workerScript: string | URL) {}

  /**
   * The numbers of `view` under `filters`; undefined when a newer request replaced this one before
   * it started. Rejects with the error the core functions threw (e.g. a RangeError for a date).
   */
  compute(view: DatasetView, filters: TrendsFilters, datasetName: string, topicsBy: TopicsBy): Promise<AnalysisResult | undefined> {
    return this.computeParts(view, filters, datasetName, topicsBy, ['trends', 'findings']) as Promise<AnalysisResult | undefined>;
  }

  /**
   * `compute` of some parts only (the tab on show first, the others after it: at 100,000 rows each
   * part takes a few hundred milliseconds in the worker). The result holds the parts asked for.
   * `pointsBase`: the list of points the reader keeps (the `pointsBase` of a result it read), so
   * that the trends numbers may refer to it instead of carrying every point again.
   */
  computeParts(view: DatasetView, filters: TrendsFilters, datasetName: string, topicsBy: TopicsBy, parts: readonly AnalysisPart[], pointsBase?: number): Promise<Partial<AnalysisResult> | undefined> {
    this.waiting?.resolve(undefined);
    return new Promise<Partial<AnalysisResult> | undefined>((resolve, reject) => {
      const me = { resolve };
      this.waiting = me;
      this.queue = this.queue.then(async () => {
        if (this.waiting !== me) return;
        this.waiting = undefined;
        try {
          const version = await this.sync(view);
          resolve(await this.ask({ kind: 'compute', id: this.nextId++, version, filters, datasetName, topicsBy, parts, ...(pointsBase !== undefined ? { pointsBase } : {}) }));
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
    });
  }

  /**
   * Send `view`'s table to the worker ahead of a request (after a large table is read), queued
   * like a request: a request made meanwhile finds the copy there or on its way. Errors are
   * dropped (the next request sends the table again).
   */
  prepare(view: DatasetView): void {
    this.queue = this.queue.then(() => this.sync(view)).catch(() => undefined);
  }

  /** Stop the worker (a new one starts with the next request). */
  dispose(): void {
    this.waiting?.resolve(undefined);
    this.waiting = undefined;
    void this.worker?.terminate();
    this.worker = undefined;
    this.synced = undefined;
    for (const p of this.pending.values()) p.reject(new Error('the analysis worker was stopped'));
    this.pending.clear();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.workerScript);
    worker.unref();
    worker.on('message', (message: FromAnalysis) => {
      const p = this.pending.get(message.id);
      if (!p) return;
      this.pending.delete(message.id);
      if (message.kind === 'result') p.resolve({ ...(message.trends ? { trends: message.trends, pointsBase: message.pointsBase!, ...(message.trendsGzip ? { trendsGzip: true } : {}) } : {}), ...(message.findings ? { findings: message.findings } : {}) });
      else {
        const error = new Error(message.message);
        error.name = message.name;
        p.reject(error);
      }
    });
    const stopped = (error: Error): void => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.synced = undefined;
      for (const p of this.pending.values()) p.reject(error);
      this.pending.clear();
    };
    worker.on('error', stopped);
    worker.on('exit', (code) => stopped(new Error(`the analysis worker stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }

  private post(message: ToAnalysis, transfer?: ArrayBuffer[]): void {
    this.start().postMessage(message, transfer);
  }

  private ask(message: Extract<ToAnalysis, { kind: 'compute' }>): Promise<Partial<AnalysisResult>> {
    return new Promise<Partial<AnalysisResult>>((resolve, reject) => {
      this.pending.set(message.id, { resolve, reject });
      this.post(message);
    });
  }

  /** Bring the worker's copy up to `view.dataset`: nothing, the rows a label changed, or the whole table in slices. */
  private async sync(view: DatasetView): Promise<number> {
    const dataset = view.dataset;
    if (this.synced?.dataset === dataset && this.worker) return this.synced.version;
    const cells = keptCells(dataset.headers);
    const change = view.labelChange;
    if (this.worker && change && this.synced?.dataset === change.from) {
      const version = ++this.version;
      const packed = packStrings(change.rows.map((row) => analysisPaper(dataset.papers[row], cells)));
      this.post({ kind: 'patch', version, base: this.synced.version, rows: [...change.rows], papers: packed, modelLabels: modelLabelsOf(dataset) }, [packed.bounds.buffer as ArrayBuffer]);
      this.synced = { dataset, version };
      return version;
    }
    const version = ++this.version;
    this.synced = undefined;
    this.post({ kind: 'table', version, header: headerOf(dataset), modelLabels: modelLabelsOf(dataset), rows: dataset.papers.length });
    const post = (message: ToAnalysis, transfer?: ArrayBuffer[]): void => this.post(message, transfer);
    await runInSlices(
      (function* () {
        for (let start = 0; start < dataset.papers.length; start += CHUNK) {
          const chunk: Paper[] = [];
          for (let i = start; i < Math.min(start + CHUNK, dataset.papers.length); i++) {
            chunk.push(analysisPaper(dataset.papers[i], cells));
            if (i % 100 === 99) yield;
          }
          const packed = packStrings(chunk);
          post({ kind: 'rows', version, papers: packed }, [packed.bounds.buffer as ArrayBuffer]);
          yield;
        }
      })(),
    );
    this.synced = { dataset, version };
    return version;
  }
}
