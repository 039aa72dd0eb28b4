import { stringifyCsv } from '../core/dataset/csvWrite';
import type { DiffusionView, TopicsView } from '../shared/findingsProtocol';

const SECTORS = ['Academia', 'Industry', 'Collaboration', 'Other', 'Unknown'] as const;

/**
 * The Topics tab's numbers as CSV (RFC 4180 through core's formula-safe writer): one row per
 * topic with its models, models with training compute, median log10 training compute (FLOP),
 * academic-only share, rows in the top quantile and academic-only rows among them, and whether it
 * enters Spearman's rho; unrounded. Topic names that start like a formula get a leading `'`.
 */
export function topicsCsv(view: TopicsView): string {
  const topic = view.by === 'domain' ? 'Domain' : 'Task';
  return stringifyCsv([
    [topic, 'Models', 'Models with training compute', 'Median log10 training compute (FLOP)', 'Academic-only share', 'Models in top quantile', 'Academic-only models in top quantile', 'In correlation'],
    ...view.topics.map((t) => [t.topic, t.nModels, t.nWithCompute, t.medianLog10Flop, t.academiaShare, t.topN, t.topAcademia, t.inCorrelation ? 'yes' : 'no']),
  ]);
}

/**
 * The diffusion tab's numbers as CSV: per team sector (Academia, Collaboration) and publication
 * year, then per period and over all years, the models, those with a base-model cell, those on an
 * industry base model and on an industry base model with open weights, and that share; then the
 * unmatched base-model names with how often each sector references them and any label.
 */
export function diffusionCsv(view: DiffusionView): string {
  const rows: (string | number | null)[][] = [['Team sector', 'Year or period', 'Models', 'Models with a base model', 'On an industry base model', 'On an industry base model with open weights', 'Share on an industry open-weights base model']];
  for (const c of [...view.years, ...view.periods, ...view.totals]) rows.push([c.group, c.label, c.nModels, c.nWithBase, c.nBaseIndustry, c.nBaseIndustryOpen, c.share]);
  const names: (string | number | null)[][] = [['Unmatched base model', 'References', ...SECTORS.map((s) => `From ${s}`), 'Labelled team sector', 'Labelled open weights']];
  for (const u of view.unmatched) names.push([u.name, u.count, ...SECTORS.map((s) => u.sectors[s]), u.label?.teamSector ?? null, u.label?.openWeights ?? null]);
  return `${stringifyCsv(rows)}\n${stringifyCsv(names)}`;
}

/**
 * The Topics tab's time view as CSV (analyses.md, "Time view"): one row per topic (all rows
 * first, as `All topics`) and period, with the topic's models in the period, the academic-only
 * among them and their share (empty for none); unrounded, every topic (the chart draws at most
 * `TIME_VIEW_LIMIT`).
 */
export function topicsTimeCsv(view: TopicsView): string {
  const rows: (string | number | null)[][] = [[view.by === 'domain' ? 'Domain' : 'Task', 'Period', 'Models', 'Academic-only models', 'Academic-only share', 'In correlation']];
  for (const row of view.timeView.rows) for (const c of row.cells) rows.push([row.topic ?? 'All topics', c.period, c.n, c.nAcademia, c.share, row.topic === null ? '' : row.inCorrelation ? 'yes' : 'no']);
  return stringifyCsv(rows);
}
