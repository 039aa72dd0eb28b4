import { createHash } from 'node:crypto';
import { analyseForReport, datasetFacts, epochAttribution } from '../core/report/analyseForReport';
import type { ReportInputs, ReportLabels, ReportParameters } from '../core/report/reportContent';
import { DEFAULT_PERIODS } from '../core/analyses/common';
import type { Dataset } from '../core/dataset/model';
import { countCollaborationsByLeaning } from '../core/sector/leaning';
import type { TopicsBy } from '../shared/findingsProtocol';
import type { TrendsFilters } from '../shared/trendsProtocol';
import { trendFilter } from './trendsViewModel';
import packageJson from '../../package.json';

/** The label log applied to the panel's dataset, as the report states it (null: none). */
export type PanelReportLabels = ReportLabels | null;

/**
 * The inputs of the findings report (`renderReport`, the CLI's `compute-divide report`) for what
 * the Findings panel shows: `dataset` with the labels already applied (as the panel draws it),
 * the table's bytes (for its SHA-256 and size) and file name, the panel's filters (the window
 * and row filters; the segment breaks; k of the top-k shares; the leaning switch) and its topic
 * cell (Domain or Task); the other parameters keep analyses.md's defaults, as the CLI's do. So the
 * report written from the editor is byte-identical to `compute-divide report FILE` with the same
 * filters and `--labels` on the same log. Pure: no vscode, no I/O.
 *
 * @throws RangeError for an impossible date in the filters (the webview refuses them first)
 */
export function panelReportInputs(dataset: Dataset, table: { name: string; bytes: Uint8Array }, filters: TrendsFilters, by: TopicsBy, labels: PanelReportLabels): ReportInputs {
  const parameters: ReportParameters = {
    breaks: [...filters.breaks],
    top: filters.topK,
    by,
    topQuantile: 0.75,
    minModels: 10,
    periods: DEFAULT_PERIODS.split(','),
    open: 'any',
    ...(filters.byLeaning ? { collaborationsByLeaning: true } : {}),
  };
  const shown = filters.byLeaning ? countCollaborationsByLeaning(dataset) : dataset;
  const filter = trendFilter(filters);
  // The CLI's filter object has no empty lists and no empty text: the same for the same bytes.
  const clean = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0))) as typeof filter;
  return {
    version: packageJson.version,
    source: {
      file: table.name,
      sha256: createHash('sha256').update(table.bytes).digest('hex'),
      bytes: table.bytes.length,
      ...datasetFacts(shown),
      attribution: epochAttribution(table.name),
    },
    labels,
    filter: clean,
    parameters,
    ...analyseForReport(shown, clean, parameters),
  };
}
