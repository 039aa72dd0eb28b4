import { Worker } from 'node:worker_threads';
import type { DatasetDiagnostic, Paper } from '../../core/dataset/model';
import { literatureContext } from '../../core/sources/literature';
import type { FromLiteratureWorker, ToLiteratureWorker } from './literatureProtocol';
import { errorFromWorker, transferable } from './workerProtocol';
import { readLiterature, type LiteratureInput, type LiteratureRead } from './literatureRead';
import { unpackStrings } from './stringPacking';
import { LoadCancelledError } from './tableLoader';

export interface LiteratureLoaderOptions {
  /** Inputs (table and files together) smaller than this many bytes are read on the calling thread (default 5 MB, as tables). */
  inlineBelowBytes?: number;
  /** Papers per message from the worker. */
  papersPerChunk?: number;
}

/** A literature load's result, and whether the worker read it. */
export type LoadedLiterature = LiteratureRead & { viaWorker: boolean };

/** The bytes a load reads: the table's and every file's (compressed, as read). */
export function inputBytes(input: LiteratureInput): number {
  return (input.table?.bytes.byteLength ?? 0) + input.files.reduce((n, f) => n + (f.bytes?.byteLength ?? 0), 0);
}

/**
 * Reads the literature files and the Epoch table beside them (`readLiterature`) in a worker thread
 * (`workerScript`, i.e. dist/literatureWorker.js), so the extension host stays responsive while a
 * 100,000-work shard is parsed, merged and given its sectors: the bytes are transferred to the
 * worker, the combined dataset comes back a chunk of papers per event-loop turn
 * (literatureProtocol.ts), and the dataset's `literature` context is rebuilt here from the
 * readings' institutions. Small inputs are read inline (a worker's start-up costs more). The
 * table's NotEpochTableError is rejected as itself; an aborted `signal` terminates the worker and
 * rejects with LoadCancelledError. Free of vscode (the bench and the unit tests drive it in Node).
 */
export class LiteratureLoader {
  private readonly inlineBelowBytes: number;
  private readonly papersPerChunk: number;
  private readonly workers = new Set<Worker>();

  constructor(
    private readonly workerScript: string | URL,
    options: LiteratureLoaderOptions = {},
  ) {
    this.inlineBelowBytes = options.inlineBelowBytes ?? 5_000_000;
    this.papersPerChunk = options.papersPerChunk ?? 250;
  }

  /** Workers started and not yet exited. */
  get runningWorkers(): number {
    return this.workers.size;
  }

  /** True when an input of `byteLength` bytes (`inputBytes`) is read in the worker. */
  usesWorker(byteLength: number): boolean {
    return byteLength >= this.inlineBelowBytes;
  }

  /**
   * Read and combine `input` (its buffers are transferred to the worker, i.e. left empty, when the
   * worker reads it). `onFile` is told each file as its reading starts.
   */
  async load(input: LiteratureInput, options: { signal?: AbortSignal; onFile?: (index: number, name: string) => void } = {}): Promise<LoadedLiterature> {
    const label = input.table?.source ?? input.files[0]?.name ?? 'the literature';
    if (options.signal?.aborted) throw new LoadCancelledError(label);
    if (!this.usesWorker(inputBytes(input))) return { ...readLiterature(input, options.onFile), viaWorker: false };
    return this.loadInWorker(input, label, options.signal, options.onFile);
  }

  private loadInWorker(input: LiteratureInput, label: string, signal?: AbortSignal, onFile?: (index: number, name: string) => void): Promise<LoadedLiterature> {
    const transfer: ArrayBuffer[] = [];
    const own = (bytes: Uint8Array): Uint8Array => transferable(bytes, transfer);
    const sent: LiteratureInput = {
      ...input,
      ...(input.table ? { table: { ...input.table, bytes: own(input.table.bytes) } } : {}),
      files: input.files.map((f) => (f.bytes ? { ...f, bytes: own(f.bytes) } : f)),
    };
    const worker = new Worker(this.workerScript);
    this.workers.add(worker);
    worker.once('exit', () => this.workers.delete(worker));
    return new Promise<LoadedLiterature>((resolve, reject) => {
      let header: Extract<FromLiteratureWorker, { kind: 'header' }> | undefined;
      const papers: Paper[] = [];
      const diagnostics: DatasetDiagnostic[] = [];
      let settled = false;
      const finish = (error?: Error, result?: LoadedLiterature): void => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        void worker.terminate();
        if (error) reject(error);
        else resolve(result!);
      };
      const onAbort = (): void => finish(new LoadCancelledError(label));
      signal?.addEventListener('abort', onAbort);
      const next = (): void => {
        if (!header) return;
        if (papers.length < header.papers || diagnostics.length < header.diagnostics) {
          setImmediate(() => settled || worker.postMessage({ kind: 'next' } satisfies ToLiteratureWorker));
          return;
        }
        const dataset = { ...header.header, papers, diagnostics, ...(header.hasLiterature ? { literature: literatureContext(header.readings, input.topicMapping) } : {}) };
        finish(undefined, { dataset, order: header.order, possible: header.possible, readings: header.readings, viaWorker: true });
      };
      worker.on('message', (message: FromLiteratureWorker) => {
        if (settled) return;
        switch (message.kind) {
          case 'progress':
            onFile?.(message.index, message.name);
            return;
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
      worker.on('exit', (code) => finish(new Error(`The literature worker stopped (exit code ${code}) before ${label} was read.`)));
      worker.postMessage({ kind: 'load', input: sent, chunk: this.papersPerChunk } satisfies ToLiteratureWorker, transfer);
    });
  }
}
