import type { ModelLabel } from '../../core/analyses/baseModels';
import type { Dataset, Paper } from '../../core/dataset/model';
import type { FindingsView, TopicsBy } from '../../shared/findingsProtocol';
import type { TrendsFilters } from '../../shared/trendsProtocol';
import type { Packed } from '../loading/stringPacking';

/** What of a table the analyses read besides its papers. */
export type AnalysisHeader = Omit<Dataset, 'papers' | 'diagnostics' | 'literature'>;

/**
 * Messages between the extension host and the analysis worker (dist/analysisWorker.js). The host
 * gives the worker a copy of the labelled table once (`table`, then its papers a chunk at a time,
 * each only with the fields the analyses read: `analysisPaper`), then, after a label, only the rows
 * the label re-derived (`patch`, on top of the version `base`); `compute` asks for the Findings
 * panel's numbers of one version. Versions are numbered by the host (`version`).
 */
export type ToAnalysis =
  | { kind: 'table'; version: number; header: AnalysisHeader; modelLabels?: [string, ModelLabel][]; rows: number }
  | { kind: 'rows'; version: number; papers: Packed<Paper[]> }
  | { kind: 'patch'; version: number; base: number; rows: number[]; papers: Packed<Paper[]>; modelLabels?: [string, ModelLabel][] }
  /**
   * `pointsBase`: the list of points the webview keeps (the last the worker sent whole, by the id
   * it gave it), so that the trends numbers may refer to it (src/shared/trendsWire.ts); undefined
   * when the webview keeps none (a new or reloaded panel).
   */
  | { kind: 'compute'; id: number; version: number; filters: TrendsFilters; datasetName: string; topicsBy: TopicsBy; parts: readonly AnalysisPart[]; pointsBase?: number };

/** Trends numbers of this many bytes or more travel gzip-compressed (`trendsGzip`). */
export const GZIP_TRENDS_FROM_BYTES = 256 * 1024;

/** What a `compute` asks for: the Compute trends tab's numbers, the Topics and Diffusion tabs' numbers, or both. */
export type AnalysisPart = 'trends' | 'findings';

/**
 * The answer to `compute`: the trends numbers as UTF-8 JSON (a `TrendsView` in `encodeTrendsView`'s
 * form, src/shared/trendsWire.ts: megabytes of
 * points at 100,000 rows, transferred, never cloned or serialised again on the host's thread; its
 * points by reference to the webview's kept list when they can be: `encodeTrendsUpdate`) with
 * `pointsBase`, the id of the list the webview keeps once it has read them (the same id when they
 * referred to it, a new one, the request's `id`, when they were sent whole; `trendsGzip` when the
 * bytes are gzip, as they are from `GZIP_TRENDS_FROM_BYTES`: the points sent whole compress about
 * fivefold, and megabytes take a third of a second to reach a webview in code-server), and the findings,
 * each when asked for (`parts`); or the error the core functions threw.
 */
export type FromAnalysis = { kind: 'result'; id: number; trends?: Uint8Array; trendsGzip?: boolean; pointsBase?: number; findings?: FindingsView } | { kind: 'error'; id: number; name: string; message: string };
