import { stringifyJsonSafe } from '../core/text/displaySafe';
import { applyLabelsForCli, checkLabelLog } from './applyLabelsForCli';
import { TEAM_SECTORS } from '../core/dataset/model';
import { summarize } from '../core/dataset/summary';
import { loadForCli } from './loadForCli';
import type { CliIo } from './main';

/** `compute-divide summary FILE [--json] [--labels FILE]` (spec cli.md). */
export async function summaryCommand(file: string, options: { json?: boolean; labels?: string }, io: CliIo): Promise<void> {
  await checkLabelLog(options.labels);
  const dataset = await applyLabelsForCli(await loadForCli(file, io), options.labels, io);
  const summary = summarize(dataset);
  if (options.json) {
    io.stdout(`${stringifyJsonSafe(summary)}\n`);
    return;
  }
  const pct = (n: number): string => (summary.rows === 0 ? '—' : `${((100 * n) / summary.rows).toFixed(1)}%`);
  const lines = [
    `Dataset        ${file}`,
    `Rows           ${summary.rows}`,
    `With date      ${summary.withDate} (${pct(summary.withDate)})`,
    `With compute   ${summary.withCompute} (${pct(summary.withCompute)})`,
    '',
    'Team sector     Rows   Share',
    ...TEAM_SECTORS.map((s) => `${s.padEnd(14)} ${String(summary.teamSector[s]).padStart(5)}  ${pct(summary.teamSector[s]).padStart(6)}`),
  ];
  const kinds = Object.entries(summary.diagnostics);
  if (kinds.length > 0) lines.push('', 'Diagnostics', ...kinds.map(([k, n]) => `${k.padEnd(16)} ${n}`));
  io.stdout(`${lines.join('\n')}\n`);
}
