import { NotEpochTableError } from '../../core/dataset/loadDataset';
import type { Dataset, DatasetDiagnostic, Paper } from '../../core/dataset/model';
import { packStrings, type Packed } from './stringPacking';

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

/** An error thrown in a worker, in the form `errorFromWorker` rebuilds on the host. */
export function errorToHost(error: unknown): WorkerError {
  if (error instanceof NotEpochTableError) return { name: 'NotEpochTableError', source: error.source, reason: error.reason };
  const e = error as Error;
  return { name: e.name, message: e.message, ...(e.stack !== undefined ? { stack: e.stack } : {}) };
}

/**
 * The worker's side of the chunked hand-over (both workers): each call sends the next `chunk`
 * papers, then, once the papers are all sent, the diagnostics four chunks' worth at a time. The
 * table worker packs the papers' long strings (`pack`, default true: an Epoch row carries its
 * abstract and notes twice, in its cells and its fields); the literature worker does not (a work's
 * long strings are few and shared, and packing its nested objects cost more than it saved: at
 * 100,000 OpenAlex works the hand-over took 4.2–4.7 s packed, 1.8–2.6 s as they are, with shorter
 * stalls on the host).
 */
export function chunkSender(
  dataset: Pick<Dataset, 'papers' | 'diagnostics'>,
  chunk: number,
  send: (message: { kind: 'papers'; papers: Packed<Paper[]> } | { kind: 'diagnostics'; diagnostics: DatasetDiagnostic[] }, transfer?: ArrayBuffer[]) => void,
  options: { pack?: boolean } = {},
): () => void {
  let papersSent = 0;
  let diagnosticsSent = 0;
  return () => {
    if (papersSent < dataset.papers.length) {
      const papers = dataset.papers.slice(papersSent, (papersSent += chunk));
      if (options.pack === false) send({ kind: 'papers', papers: { value: papers, text: '', bounds: new Int32Array(0) } });
      else {
        const packed = packStrings(papers);
        send({ kind: 'papers', papers: packed }, [packed.bounds.buffer as ArrayBuffer]);
      }
    } else send({ kind: 'diagnostics', diagnostics: dataset.diagnostics.slice(diagnosticsSent, (diagnosticsSent += chunk * 4)) });
  };
}

/**
 * `bytes` as they can go to a worker with their buffer transferred (not copied): themselves when
 * they alone own their buffer, else a copy (a pooled Buffer shares its ArrayBuffer; a Buffer's
 * `slice` is a view). The buffer is added to `transfer` (once).
 */
export function transferable(bytes: Uint8Array, transfer: ArrayBuffer[]): Uint8Array {
  const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer && !transfer.includes(bytes.buffer) ? bytes : new Uint8Array(bytes);
  transfer.push(own.buffer as ArrayBuffer);
  return own;
}
