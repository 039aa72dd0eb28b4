import { Worker } from 'node:worker_threads';
import { loadDataset } from '../../core/dataset/loadDataset';
import type { Dataset, DatasetDiagnostic, Paper } from '../../core/dataset/model';
import { newestFirstOrder } from '../../core/dataset/paperGroups';
import { unpackStrings } from './stringPacking';
import { errorFromWorker, transferable, type FromWorker, type ToWorker } from './workerProtocol';

/** Thrown (rejected) when a load is cancelled: the worker is terminated and nothing is loaded. */
export class LoadCancelledError extends Error {
  constructor(readonly source: string) {
    super(`Loading ${source} was cancelled.`);
    this.name = 'LoadCancelledError';
  }
}

/** A parsed table and its rows' newest-first order (`newestFirstOrder`). */
export interface ParsedTable {
  dataset: Dataset;
  order: Int32Array;
  /** True when the worker parsed it, false when it was parsed inline. */
  viaWorker: boolean;
}

export interface TableLoaderOptions {
  /** Tables smaller than this many bytes parse on the calling thread (default 5 MB: a worker's start-up would cost more). */
  inlineBelowBytes?: number;
  /** Papers per message from the worker. */
  papersPerChunk?: number;
}

/**
 * Parses Epoch tables in a worker thread (`workerScript`, i.e. dist/loadWorker.js) so the extension
 * host stays responsive: the bytes are transferred to the worker, which runs `loadDataset`; the
 * dataset comes back a chunk per event-loop turn (workerProtocol.ts). A NotEpochTableError in the
 * worker is rejected as a NotEpochTableError with the same source and reason; an aborted `signal`
 * terminates the worker and rejects with LoadCancelledError. Free of vscode, so the bench and the
 * unit tests drive it in plain Node.
 */
export class TableLoader {
  private readonly inlineBelowBytes: number;
  private readonly papersPerChunk: number;
  private readonly workers = new Set<Worker>();

  constructor(
    private readonly workerScript: string | URL,
    options: TableLoaderOptions = {},
  ) {
    // Measured (npm run bench, 2-core VM): a worker costs 170–300 ms more in all (start-up, a cold
    // isolate, the hand-over), so Epoch's real tables (≤ 4.2 MB, 150–430 ms inline) load sooner
    // inline; past 5 MB the stall inline grows to seconds (100,000 rows: 6–12 s).
    this.inlineBelowBytes = options.inlineBelowBytes ?? 5_000_000;
    this.papersPerChunk = options.papersPerChunk ?? 250;
  }

  /** Workers started and not yet exited (0 once every load has finished or been cancelled). */
  get runningWorkers(): number {
    return this.workers.size;
  }

  /** True when a table of `byteLength` bytes is parsed in the worker. */
  usesWorker(byteLength: number): boolean {
    return byteLength >= this.inlineBelowBytes;
  }

  /** Parse `bytes` (the file's content; a large buffer is transferred, i.e. left empty) as the table `source`. */
  async parse(bytes: Uint8Array, source: string, signal?: AbortSignal): Promise<ParsedTable> {
    if (signal?.aborted) throw new LoadCancelledError(source);
    if (!this.usesWorker(bytes.byteLength)) {
      const dataset = loadDataset(bytes, source);
      return { dataset, order: newestFirstOrder(dataset.papers), viaWorker: false };
    }
    return this.parseInWorker(bytes, source, signal);
  }

  private parseInWorker(bytes: Uint8Array, source: string, signal?: AbortSignal): Promise<ParsedTable> {
    const transfer: ArrayBuffer[] = [];
    const own = transferable(bytes, transfer);
    const worker = new Worker(this.workerScript);
    this.workers.add(worker);
    worker.once('exit', () => this.workers.delete(worker));
    return new Promise<ParsedTable>((resolve, reject) => {
      let header: Extract<FromWorker, { kind: 'header' }> | undefined;
      const papers: Paper[] = [];
      const diagnostics: DatasetDiagnostic[] = [];
      let settled = false;
      const finish = (error?: Error, table?: ParsedTable): void => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        void worker.terminate();
        if (error) reject(error);
        else resolve(table!);
      };
      const onAbort = (): void => finish(new LoadCancelledError(source));
      signal?.addEventListener('abort', onAbort);
      const next = (): void => {
        if (!header) return;
        if (papers.length < header.papers || diagnostics.length < header.diagnostics) {
          // Give way between chunks, so one turn of the event loop deserialises one chunk.
          setImmediate(() => settled || worker.postMessage({ kind: 'next' } satisfies ToWorker));
          return;
        }
        finish(undefined, { dataset: { ...header.header, papers, diagnostics }, order: header.order, viaWorker: true });
      };
      worker.on('message', (message: FromWorker) => {
        if (settled) return;
        switch (message.kind) {
          case 'header':
            header = message;
            break;
          case 'papers':
            for (const p of unpackStrings(message.papers)) papers.push(p);
            break;
          case 'diagnostics':
            for (const d of message.diagnostics) diagnostics.push(d);
            break;
          case 'error':
            finish(errorFromWorker(message.error));
            return;
          default: {
            const never: never = message;
            return never;
          }
        }
        next();
      });
      worker.on('error', (error) => finish(error));
      worker.on('exit', (code) => finish(new Error(`The load worker stopped (exit code ${code}) before ${source} was read.`)));
      worker.postMessage({ kind: 'load', bytes: own, source, chunk: this.papersPerChunk } satisfies ToWorker, transfer);
    });
  }
}
