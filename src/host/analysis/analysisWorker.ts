/**
 * The analysis worker (bundled as dist/analysisWorker.js): keeps a copy of the labelled table (the
 * fields the analyses read) and computes the Findings panel's numbers with the same functions as
 * the host (`buildTrendsView`, `buildFindingsView`), off the extension host's thread (issue #9).
 * Messages: analysisProtocol.ts.
 */
import { parentPort } from 'node:worker_threads';
import { gzipSync } from 'node:zlib';
import type { ModelLabel } from '../../core/analyses/baseModels';
import type { Dataset } from '../../core/dataset/model';
import { countCollaborationsByLeaning } from '../../core/sector/leaning';
import { shareFilterTotals } from '../../core/dataset/filterOptions';
import { buildFindingsView } from '../findingsViewModel';
import { unpackStrings } from '../loading/stringPacking';
import { buildTrendsView } from '../trendsViewModel';
import { encodeTrendsUpdate, type PointsBase } from '../../shared/trendsWire';
import { GZIP_TRENDS_FROM_BYTES, type FromAnalysis, type ToAnalysis } from './analysisProtocol';

type Table = Dataset & { modelLabels?: ReadonlyMap<string, ModelLabel> };

const port = parentPort!;
/** The versions kept: the newest complete one, and one being received. */
let current: { version: number; dataset: Table } | undefined;
let receiving: { version: number; dataset: Table; rows: number } | undefined;
/** The last list of points sent whole (the webview keeps it; later views may refer to it). */
let sentPoints: PointsBase | undefined;

const send = (message: FromAnalysis, transfer?: ArrayBuffer[]): void => port.postMessage(message, transfer);

port.on('message', (message: ToAnalysis) => {
  switch (message.kind) {
    case 'table': {
      const dataset: Table = { ...message.header, papers: [], diagnostics: [], ...(message.modelLabels ? { modelLabels: new Map(message.modelLabels) } : {}) };
      receiving = { version: message.version, dataset, rows: message.rows };
      if (message.rows === 0) ready();
      break;
    }
    case 'rows': {
      if (!receiving || receiving.version !== message.version) break;
      for (const paper of unpackStrings(message.papers)) receiving.dataset.papers.push(paper);
      if (receiving.dataset.papers.length >= receiving.rows) ready();
      break;
    }
    case 'patch': {
      if (!current || current.version !== message.base) break;
      const papers = current.dataset.papers.slice();
      const patched = unpackStrings(message.papers);
      message.rows.forEach((row, i) => (papers[row] = patched[i]));
      const dataset: Table = { ...current.dataset, papers, ...(message.modelLabels ? { modelLabels: new Map(message.modelLabels) } : {}) };
      // The filter bar's whole-table counts carry over unless a patched row changed its domains.
      shareFilterTotals(current.dataset.papers, papers, message.rows);
      current = { version: message.version, dataset };
      break;
    }
    case 'compute': {
      if (!current || current.version !== message.version) {
        send({ kind: 'error', id: message.id, name: 'Error', message: `the analysis worker does not have version ${message.version} of the table` });
        break;
      }
      try {
        const dataset = message.filters.byLeaning ? countCollaborationsByLeaning(current.dataset) : current.dataset;
        let trends: Uint8Array | undefined;
        let trendsGzip = false;
        if (message.parts.includes('trends')) {
          const base = message.pointsBase !== undefined && sentPoints?.id === message.pointsBase ? sentPoints : undefined;
          const update = encodeTrendsUpdate(buildTrendsView(dataset, message.filters, message.datasetName), base, message.id);
          sentPoints = update.base;
          trends = new TextEncoder().encode(update.json);
          if (trends.byteLength >= GZIP_TRENDS_FROM_BYTES) {
            // Level 1: 7.3 MB of points to 1.5 MB in about 30 ms (level 6 takes six times as long for a fifth less).
            trends = new Uint8Array(gzipSync(trends, { level: 1 }));
            trendsGzip = true;
          }
        }
        const findings = message.parts.includes('findings') ? buildFindingsView(dataset, message.filters, message.topicsBy) : undefined;
        send({ kind: 'result', id: message.id, ...(trends ? { trends, pointsBase: sentPoints!.id, ...(trendsGzip ? { trendsGzip } : {}) } : {}), ...(findings ? { findings } : {}) }, trends ? [trends.buffer as ArrayBuffer] : []);
      } catch (error) {
        send({ kind: 'error', id: message.id, name: (error as Error).name, message: (error as Error).message });
      }
      break;
    }
    default: {
      const never: never = message;
      return never;
    }
  }
});

function ready(): void {
  current = { version: receiving!.version, dataset: receiving!.dataset };
  receiving = undefined;
}
