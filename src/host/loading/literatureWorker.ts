/**
 * The literature worker (bundled as dist/literatureWorker.js): reads and combines the literature
 * files with the Epoch table off the extension host's thread (`readLiterature`, the same code the
 * host runs inline for small inputs), and hands the result over in chunks (literatureProtocol.ts).
 */
import { parentPort } from 'node:worker_threads';
import { NotEpochTableError } from '../../core/dataset/loadDataset';
import type { Dataset } from '../../core/dataset/model';
import type { FromLiteratureWorker, ToLiteratureWorker } from './literatureProtocol';
import { readLiterature } from './literatureRead';
import { packStrings } from './stringPacking';

const port = parentPort!;
let dataset: Dataset | undefined;
let chunk = 250;
let papersSent = 0;
let diagnosticsSent = 0;

const send = (message: FromLiteratureWorker, transfer?: ArrayBuffer[]): void => port.postMessage(message, transfer);

port.on('message', (message: ToLiteratureWorker) => {
  if (message.kind === 'load') {
    chunk = message.chunk;
    let read: ReturnType<typeof readLiterature>;
    try {
      read = readLiterature(message.input, (index, name) => send({ kind: 'progress', index, name }));
    } catch (error) {
      send({
        kind: 'error',
        error: error instanceof NotEpochTableError ? { name: 'NotEpochTableError', source: error.source, reason: error.reason } : { name: (error as Error).name, message: (error as Error).message, stack: (error as Error).stack },
      });
      return;
    }
    dataset = read.dataset;
    const { papers, diagnostics, literature, ...header } = dataset;
    // The works travel in the papers; an Epoch table read among the sources stays here.
    const readings = read.readings.map((r) => ({ ...r, works: [], dataset: undefined }));
    send({ kind: 'header', header, hasLiterature: literature !== undefined, papers: papers.length, diagnostics: diagnostics.length, order: read.order, possible: read.possible, readings }, [read.order.buffer as ArrayBuffer]);
  } else if (dataset) {
    if (papersSent < dataset.papers.length) {
      const packed = packStrings(dataset.papers.slice(papersSent, (papersSent += chunk)));
      send({ kind: 'papers', papers: packed }, [packed.bounds.buffer as ArrayBuffer]);
    } else {
      send({ kind: 'diagnostics', diagnostics: dataset.diagnostics.slice(diagnosticsSent, (diagnosticsSent += chunk * 4)) });
    }
  }
});
