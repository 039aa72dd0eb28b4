import { NotEpochTableError } from '../../core/dataset/loadDataset';
import type { Dataset, DatasetDiagnostic, Paper } from '../../core/dataset/model';
import type { Packed } from './stringPacking';

/**
 * Messages between the extension host and the load worker (dist/loadWorker.js). The host sends the
 * file's bytes (transferred, not copied); the worker parses them and answers with the table's
 * header and newest-first order, then hands over the papers and diagnostics a chunk at a time, one
 * chunk per `next` request, so the host deserialises one small chunk per event-loop turn (cloning
 * all 100,000 papers at once stalls the receiving thread for seconds); long strings travel packed
 * (stringPacking.ts).
 */
export type ToWorker = { kind: 'load'; bytes: Uint8Array; source: string; chunk: number } | { kind: 'next' };

export type FromWorker =
  | { kind: 'header'; header: Omit<Dataset, 'papers' | 'diagnostics'>; papers: number; diagnostics: number; order: Int32Array }
  | { kind: 'papers'; papers: Packed<Paper[]> }
  | { kind: 'diagnostics'; diagnostics: DatasetDiagnostic[] }
  | { kind: 'error'; error: WorkerError };

/** An error thrown in the worker, in a form that survives the trip: a NotEpochTableError keeps its source and reason. */
export type WorkerError = { name: 'NotEpochTableError'; source: string; reason: string } | { name: string; message: string; stack?: string };

/** The error a worker reported, rebuilt on the host: a NotEpochTableError with its source and reason, else an Error with the worker's name, message and stack. */
export function errorFromWorker(e: WorkerError): Error {
  if ('reason' in e) return new NotEpochTableError(e.source, e.reason);
  const error = new Error(e.message);
  error.name = e.name;
  if (e.stack) error.stack = e.stack;
  return error;
}
