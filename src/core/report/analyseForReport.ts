/**
 * The numbers of the findings report, computed exactly as the CLI's `trends`, `shares`, `topics`
 * and `diffusion` compute them, so the report and those commands agree for the same inputs.
 */
import { filterPapers, type TrendFilter } from '../dataset/filters';
import type { Dataset } from '../dataset/model';
import { EPOCH_ATTRIBUTION } from '../dataset/bundledSnapshot';
import { diffusion } from '../analyses/diffusion';
import { topics } from '../analyses/topics';
import { computeTrends, largeScaleShares, trendPoints } from '../trends/trends';
import type { ReportInputs, ReportParameters, ReportSource } from './reportContent';

/**
 * Run the three findings on a loaded (and labelled) dataset with `filter` and `parameters`: the
 * trend points of the filtered rows, `computeTrends` with the break dates, `largeScaleShares` with
 * k = `top`, `topics` and `diffusion` with their parameters and the same filter (their window is
 * since/until). Returns the analysis part of `ReportInputs`. Pure.
 *
 * @throws RangeError for a bad parameter or window date (as the analyses do)
 */
export function analyseForReport(dataset: Dataset, filter: TrendFilter, parameters: ReportParameters): Pick<ReportInputs, 'points' | 'trends' | 'shares' | 'topics' | 'diffusion'> {
  const points = trendPoints(filterPapers(dataset.papers, filter));
  return {
    points,
    trends: computeTrends(points, parameters.breaks),
    shares: largeScaleShares(points, parameters.top),
    topics: topics(dataset, { by: parameters.by, topQuantile: parameters.topQuantile, minModels: parameters.minModels, periods: parameters.periods.join(','), filter }),
    diffusion: diffusion(dataset, { open: parameters.open, periods: parameters.periods.join(','), filter }),
  };
}

/**
 * Which of Epoch AI's tables a file is, judged from its name (Epoch's download names:
 * `notable_ai_models`, `large_scale_ai_models`, `frontier_ai_models`; anything else is cited as the
 * AI-models database as a whole), with the CC BY 4.0 attribution Epoch asks for.
 */
export function epochAttribution(fileName: string): ReportSource['attribution'] {
  const name = fileName.toLowerCase();
  const licence = { licence: EPOCH_ATTRIBUTION.licence, licenceUrl: EPOCH_ATTRIBUTION.licenceUrl };
  if (name.includes('notable')) return { title: EPOCH_ATTRIBUTION.title, url: EPOCH_ATTRIBUTION.sourceUrl, ...licence };
  if (name.includes('large_scale') || name.includes('large-scale')) return { title: 'Epoch AI, Data on Large-Scale AI Models', url: 'https://epoch.ai/data/large-scale-ai-models', ...licence };
  if (name.includes('frontier')) return { title: 'Epoch AI, Data on Frontier AI Models', url: 'https://epoch.ai/data/frontier-ai-models', ...licence };
  return { title: 'Epoch AI, Data on AI Models', url: 'https://epoch.ai/data/ai-models', ...licence };
}

/**
 * The row counts and publication-date range of a dataset for the report's provenance: rows, rows
 * with a publication date, rows with a training compute > 0, the earliest and latest publication
 * date (ISO; null without any). The file name, hash and size come from the caller (core reads no
 * files).
 */
export function datasetFacts(dataset: Dataset): Pick<ReportSource, 'rows' | 'rowsWithDate' | 'rowsWithCompute' | 'firstDate' | 'lastDate'> {
  let first: string | null = null;
  let last: string | null = null;
  let withDate = 0;
  let withCompute = 0;
  for (const p of dataset.papers) {
    if (p.trainingComputeFlop !== undefined && p.trainingComputeFlop > 0) withCompute++;
    const d = p.publicationDate;
    if (d === undefined) continue;
    withDate++;
    if (first === null || d < first) first = d;
    if (last === null || d > last) last = d;
  }
  return { rows: dataset.papers.length, rowsWithDate: withDate, rowsWithCompute: withCompute, firstDate: first, lastDate: last };
}
