/**
 * The literature worker (bundled as dist/literatureWorker.js): reads and combines the literature
 * files with the Epoch table off the extension host's thread (`readLiterature`, the same code the
 * host runs inline for small inputs), and hands the result over in chunks (literatureProtocol.ts).
 */
import { parentPort } from 'node:worker_threads';
import type { FromLiteratureWorker, ToLiteratureWorker } from './literatureProtocol';
import { readLiterature } from './literatureRead';
import { chunkSender, errorToHost } from './workerProtocol';

const port = parentPort!;
let sendNext: (() => void) | undefined;

const send = (message: FromLiteratureWorker, transfer?: ArrayBuffer[]): void => port.postMessage(message, transfer);

port.on('message', (message: ToLiteratureWorker) => {
  if (message.kind === 'load') {
    let read: ReturnType<typeof readLiterature>;
    try {
      read = readLiterature(message.input, (index, name) => send({ kind: 'progress', index, name }));
    } catch (error) {
      send({ kind: 'error', error: errorToHost(error) });
      return;
    }
    const { papers, diagnostics, literature, ...header } = read.dataset;
    sendNext = chunkSender(read.dataset, message.chunk, send, { pack: false });
    // The works travel in the papers; an Epoch table read among the sources stays here.
    const readings = read.readings.map((r) => ({ ...r, works: [], dataset: undefined }));
    send({ kind: 'header', header, hasLiterature: literature !== undefined, papers: papers.length, diagnostics: diagnostics.length, order: read.order, possible: read.possible, readings }, [read.order.buffer as ArrayBuffer]);
  } else sendNext?.();
});
