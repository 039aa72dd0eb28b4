import { stringifyJsonSafe } from '../core/text/displaySafe';
import { topics, type TopicsResult } from '../core/analyses/topics';
import type { CliIo } from './main';
import { parseChoice, parseMinModels, parsePeriodsOption, parseTopQuantile, percent, table } from './analysisOptions';
import { loadLabelledForCli, parseFilter, type FilterOptions } from './trendsCommand';

/** Options of `compute-divide topics`. */
export interface TopicsOptions extends FilterOptions {
  json?: boolean;
  by?: string;
  topQuantile?: string;
  minModels?: string;
  periods?: string;
}

/**
 * `compute-divide topics FILE [--json] [--by domain|task] [--top-quantile Q] [--min-models N]
 * [--periods …] [filters] [--labels …]` (spec cli.md): the topic analysis of analyses.md. With
 * `--json`, the result object (keys of cli.md, numbers unrounded); otherwise a table per topic,
 * the top-quantile sentence and the correlation with its caution. Options are checked before FILE
 * is read.
 *
 * @throws CliError for a bad option value or an unreadable FILE or label log
 */
export async function topicsCommand(file: string, options: TopicsOptions, io: CliIo): Promise<void> {
  const by = parseChoice('by', options.by, ['domain', 'task'] as const, 'domain');
  const topQuantile = parseTopQuantile(options.topQuantile);
  const minModels = parseMinModels(options.minModels);
  const periods = parsePeriodsOption(options.periods);
  const filter = parseFilter(options);
  const dataset = await loadLabelledForCli(file, filter, options.labels, io, options.collaborationsByLeaning);
  const result = topics(dataset, { by, topQuantile, minModels, periods, filter });
  io.stdout(options.json ? `${stringifyJsonSafe(result)}\n` : `${topicsText(file, result).join('\n')}\n`);
}

/** The readable form of a topic analysis: one line per topic, then the sentences. */
export function topicsText(file: string, r: TopicsResult): string[] {
  const lines = [`Dataset  ${file}`, `Topics   by ${r.by === 'domain' ? 'Domain' : 'Task'}; window ${r.parameters.since ?? '…'} – ${r.parameters.until ?? '…'} (until exclusive)`];
  if (!r.available) return [...lines, '', r.message ?? 'Not available.'];
  lines.push(`Rows     ${r.rows_in_window} in the window; ${r.rows_without_date} without a publication date left out`, '');
  const q = r.top_quantile;
  const header = ['Topic', 'Models', 'With compute', 'Median log10 FLOP', 'Academia', 'Industry', 'Collaboration', `Top ${percentLabel(q.q)} n`, 'Top: Academia'];
  const row = (name: string, t: NonNullable<TopicsResult['overall']>): string[] => [
    name,
    String(t.n_models),
    String(t.n_with_compute),
    t.median_log10_flop === null ? '—' : t.median_log10_flop.toFixed(2),
    percent(t.shares.Academia),
    percent(t.shares.Industry),
    percent(t.shares.Collaboration),
    String(t.top_quantile.n),
    percent(t.top_quantile.shares.Academia),
  ];
  lines.push(...table(header, [...r.topics.map((t) => row(t.topic, t)), row('All rows', r.overall!)]), '');
  if (q.threshold_log10_flop === null) lines.push('No row in the window has a training compute: there is no top quantile.');
  else
    lines.push(
      `Top quantile: log10 training compute ≥ ${q.threshold_log10_flop.toFixed(2)} (the ${q.q} quantile, 10^${q.threshold_log10_flop.toFixed(2)} FLOP). Academic-only share: ${percent(r.overall!.shares.Academia)} of all ${r.rows_in_window} rows, ${percent(r.overall!.top_quantile.shares.Academia)} of the ${q.n} top-quantile rows.`,
    );
  const c = r.correlation!;
  if (c.spearman_rho === null) lines.push(`Correlation: ${c.note}`);
  else
    lines.push(
      `Spearman's rho between median training compute and academic-only share: ${c.spearman_rho.toFixed(3)} over k = ${c.n_topics} topics with ≥ ${r.parameters.min_models} models (p = ${c.p_value!.toPrecision(3)}${c.p_exact === null ? '' : `, exact p = ${c.p_exact.toPrecision(3)}`}).`,
      c.caution,
    );
  return lines;
}

function percentLabel(q: number): string {
  return `${+(100 * (1 - q)).toFixed(2)}%`;
}
