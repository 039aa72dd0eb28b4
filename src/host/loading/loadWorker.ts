/**
 * The load worker (bundled as dist/loadWorker.js): parses an Epoch table off the extension host's
 * thread with the same `loadDataset` the CLI runs, sorts the rows newest first for the tree, and
 * hands the result over in chunks (workerProtocol.ts).
 */
import { parentPort } from 'node:worker_threads';
import { loadDataset } from '../../core/dataset/loadDataset';
import type { Dataset } from '../../core/dataset/model';
import { newestFirstOrder } from '../../core/dataset/paperGroups';
import { chunkSender, errorToHost, type FromWorker, type ToWorker } from './workerProtocol';

const port = parentPort!;
let sendNext: (() => void) | undefined;

const send = (message: FromWorker, transfer?: ArrayBuffer[]): void => port.postMessage(message, transfer);

port.on('message', (message: ToWorker) => {
  if (message.kind === 'load') {
    let dataset: Dataset;
    try {
      dataset = loadDataset(message.bytes, message.source);
    } catch (error) {
      send({ kind: 'error', error: errorToHost(error) });
      return;
    }
    const { papers, diagnostics, ...header } = dataset;
    const order = newestFirstOrder(papers);
    sendNext = chunkSender(dataset, message.chunk, send);
    send({ kind: 'header', header, papers: papers.length, diagnostics: diagnostics.length, order }, [order.buffer as ArrayBuffer]);
  } else sendNext?.();
});
