import { stringifyJsonSafe } from '../core/text/displaySafe';
import { DIFFUSION_GROUPS, diffusion, type DiffusionCounts, type DiffusionResult } from '../core/analyses/diffusion';
import type { CliIo } from './main';
import { parseChoice, parsePeriodsOption, percent, table } from './analysisOptions';
import { loadLabelledForCli, parseFilter, type FilterOptions } from './trendsCommand';

/** Options of `compute-divide diffusion`. */
export interface DiffusionOptions extends FilterOptions {
  json?: boolean;
  open?: string;
  periods?: string;
}

/**
 * `compute-divide diffusion FILE [--json] [--open any|unrestricted] [--periods …] [filters]
 * [--labels …]` (spec cli.md): the diffusion analysis of analyses.md, `model` labels of the label
 * log included. With `--json`, the result object (keys of cli.md); otherwise per group and period
 * the share of models built on an industry base model with open weights, then the most referenced
 * unmatched base-model names and the notes. Options are checked before FILE is read.
 *
 * @throws CliError for a bad option value or an unreadable FILE or label log
 */
export async function diffusionCommand(file: string, options: DiffusionOptions, io: CliIo): Promise<void> {
  const open = parseChoice('open', options.open, ['any', 'unrestricted'] as const, 'any');
  const periods = parsePeriodsOption(options.periods);
  const filter = parseFilter(options);
  const dataset = await loadLabelledForCli(file, filter, options.labels, io, options.collaborationsByLeaning);
  const result = diffusion(dataset, { open, periods, filter });
  io.stdout(options.json ? `${stringifyJsonSafe(result)}\n` : `${diffusionText(file, result).join('\n')}\n`);
}

/** The readable form of a diffusion analysis. */
export function diffusionText(file: string, r: DiffusionResult): string[] {
  const lines = [`Dataset  ${file}`, `Open weights: ${r.parameters.open === 'any' ? 'any open-weights release' : 'unrestricted releases only'}; window ${r.parameters.since ?? '…'} – ${r.parameters.until ?? '…'} (until exclusive)`];
  if (!r.available) return [...lines, '', r.message ?? 'Not available.'];
  lines.push(`Rows     ${r.rows_in_window} in the window; ${r.rows_without_date} without a publication date left out`, '');
  lines.push('Models built on an industry base model with open weights, by team sector of the fine-tune:', '');
  const header = ['Group', 'Period', 'Models', 'With base', 'Matched', 'On industry', 'On open industry', 'Share'];
  const row = (group: string, period: string, c: DiffusionCounts): string[] => [
    group,
    period,
    String(c.n_models),
    String(c.n_with_base),
    String(c.n_base_matched),
    String(c.n_base_industry),
    c.n_base_industry_open === null ? '—' : String(c.n_base_industry_open),
    percent(c.share_models_on_industry_open_base),
  ];
  const rows: string[][] = [];
  for (const g of DIFFUSION_GROUPS) {
    const group = r.groups![g];
    for (const p of group.periods) rows.push(row(g, p.period, p));
    rows.push(row(g, 'total', group.total));
  }
  lines.push(...table(header, rows, 2), '');
  const links = r.base_model_links!;
  lines.push(`Base-model links: ${links.links}, of which ${links.unmatched} name no row (${links.unmatched_distinct} distinct names)${links.labelled ? ` and ${links.labelled} were found through model labels` : ''}.`);
  const unmatched = r.unmatched_base_names.filter((u) => !u.label).slice(0, 10);
  if (unmatched.length > 0) lines.push(`Most referenced unmatched base models: ${unmatched.map((u) => `${u.name} (${u.count})`).join(', ')}`);
  if (r.ambiguous_names.length > 0) lines.push(`Names that match several rows (the first was taken): ${r.ambiguous_names.map((a) => a.name).join(', ')}`);
  lines.push(...r.notes);
  return lines;
}
