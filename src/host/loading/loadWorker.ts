/**
 * The load worker (bundled as dist/loadWorker.js): parses an Epoch table off the extension host's
 * thread with the same `loadDataset` the CLI runs, sorts the rows newest first for the tree, and
 * hands the result over in chunks (workerProtocol.ts).
 */
import { parentPort } from 'node:worker_threads';
import { loadDataset, NotEpochTableError } from '../../core/dataset/loadDataset';
import type { Dataset } from '../../core/dataset/model';
import { newestFirstOrder } from '../../core/dataset/paperGroups';
import { packStrings } from './stringPacking';
import type { FromWorker, ToWorker } from './workerProtocol';

const port = parentPort!;
let dataset: Dataset | undefined;
let chunk = 500;
let papersSent = 0;
let diagnosticsSent = 0;

const send = (message: FromWorker, transfer?: ArrayBuffer[]): void => port.postMessage(message, transfer);

port.on('message', (message: ToWorker) => {
  if (message.kind === 'load') {
    chunk = message.chunk;
    try {
      dataset = loadDataset(message.bytes, message.source);
    } catch (error) {
      send({
        kind: 'error',
        error: error instanceof NotEpochTableError ? { name: 'NotEpochTableError', source: error.source, reason: error.reason } : { name: (error as Error).name, message: (error as Error).message, stack: (error as Error).stack },
      });
      return;
    }
    const { papers, diagnostics, ...header } = dataset;
    const order = newestFirstOrder(papers);
    send({ kind: 'header', header, papers: papers.length, diagnostics: diagnostics.length, order }, [order.buffer as ArrayBuffer]);
  } else if (dataset) {
    if (papersSent < dataset.papers.length) {
      const packed = packStrings(dataset.papers.slice(papersSent, (papersSent += chunk)));
      send({ kind: 'papers', papers: packed }, [packed.bounds.buffer as ArrayBuffer]);
    } else {
      send({ kind: 'diagnostics', diagnostics: dataset.diagnostics.slice(diagnosticsSent, (diagnosticsSent += chunk * 4)) });
    }
  }
});
