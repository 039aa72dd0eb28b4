import type { Dataset, DatasetDiagnostic, Paper } from '../../core/dataset/model';
import type { PossibleDuplicate } from '../../core/sources/duplicates';
import type { FileReading } from '../../core/sources/literature';
import type { LiteratureInput } from './literatureRead';
import type { Packed } from './stringPacking';
import type { WorkerError } from './workerProtocol';

/**
 * Messages between the extension host and the literature worker (dist/literatureWorker.js), in
 * the table worker's manner (workerProtocol.ts): the host sends the files' bytes (transferred);
 * the worker reads and combines them (literatureRead.ts), telling the host each file it starts
 * (`progress`), then answers with the dataset's header, newest-first order, possible duplicates
 * and the files' readings, and hands over the papers and diagnostics a chunk per `next` request
 * (long strings packed, stringPacking.ts), so the host deserialises one small chunk per turn of
 * its event loop. The readings travel without their works (the papers carry them) and without an
 * Epoch table's dataset; the host rebuilds the dataset's `literature` context (an institutions
 * index, a compiled topic mapping: class instances and functions do not travel) from the readings'
 * institutions (`literatureContext`).
 */
export type ToLiteratureWorker = { kind: 'load'; input: LiteratureInput; chunk: number } | { kind: 'next' };

export type FromLiteratureWorker =
  | { kind: 'progress'; index: number; name: string }
  | {
      kind: 'header';
      header: Omit<Dataset, 'papers' | 'diagnostics' | 'literature'>;
      hasLiterature: boolean;
      papers: number;
      diagnostics: number;
      order: Int32Array;
      possible: PossibleDuplicate[];
      readings: FileReading[];
    }
  | { kind: 'papers'; papers: Packed<Paper[]> }
  | { kind: 'diagnostics'; diagnostics: DatasetDiagnostic[] }
  | { kind: 'error'; error: WorkerError };
