import { stringifyJsonSafe } from '../core/text/displaySafe';
import { applyLabelsForCli, checkLabelLog } from './applyLabelsForCli';
import { TEAM_SECTORS } from '../core/dataset/model';
import { summarize } from '../core/dataset/summary';
import { summarizeLiterature, type LiteratureSummary } from '../core/sources/literatureSummary';
import { SOURCE_FORMAT_NAMES, type SourceFormat } from '../core/sources/work';
import { loadForCli, reportDiagnostics } from './loadForCli';
import { loadSourcesForCli, readSourceForCli } from './loadSourcesForCli';
import { CliError } from './cliError';
import type { Dataset } from '../core/dataset/model';
import type { CliIo } from './main';

/**
 * `compute-divide summary FILE... [--json] [--labels FILE]` (spec cli.md). One Epoch table: the
 * Epoch summary exactly as before (`rows`, `withDate`, `withCompute`, `teamSector`, `diagnostics`).
 * Several files, or any file of the literature: the summary of the works after merging
 * (`summarizeLiterature`: `records`, `works`, `possibleDuplicates`, `files`, `withYear`,
 * `withAffiliations`, `teamSector`, and the Epoch keys). One file of no format read keeps the
 * Epoch table's error (exit 2, why it is not a table), as before.
 */
export async function summaryCommand(files: readonly string[], options: { json?: boolean; labels?: string }, io: CliIo): Promise<void> {
  await checkLabelLog(options.labels);
  if (files.length === 1) {
    // One file: an Epoch table (or a file that is nothing: the loader says why it is no table) is
    // summarised as it always was; only a file of the literature takes the new form.
    let reading;
    try {
      reading = await readSourceForCli(files[0]);
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      reading = undefined;
    }
    if (!reading || reading.kind === 'unknown') return epochSummary(files[0], await applyLabelsForCli(await loadForCli(files[0], io), options.labels, io), options, io);
    if (reading.kind === 'epoch-table') {
      reportDiagnostics(files[0], reading.dataset!.diagnostics, io);
      return epochSummary(files[0], await applyLabelsForCli(reading.dataset!, options.labels, io), options, io);
    }
  }
  const literature = await loadSourcesForCli(files, io);
  const labelled = await applyLabelsForCli(literature.dataset, options.labels, io, undefined, undefined, files);
  const summary = summarizeLiterature(literature, labelled);
  if (options.json) {
    io.stdout(`${stringifyJsonSafe(summary)}\n`);
    return;
  }
  io.stdout(`${literatureTable(summary).join('\n')}\n`);
}

/** The summary of one Epoch table, as before sources other than Epoch tables were read. */
function epochSummary(file: string, dataset: Dataset, options: { json?: boolean }, io: CliIo): void {
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

/** The readable form of a literature summary: the files, then the works' counts and sectors. */
function literatureTable(summary: LiteratureSummary): string[] {
  const pct = (n: number): string => (summary.works === 0 ? '—' : `${((100 * n) / summary.works).toFixed(1)}%`);
  const formatName = (f: string): string => SOURCE_FORMAT_NAMES[f as SourceFormat] ?? (f === 'institutions' ? 'institutions data' : 'no format read');
  const width = Math.max(4, ...summary.files.map((f) => f.file.length));
  const lines = [
    `${'File'.padEnd(width)}  ${'Format'.padEnd(24)} Records  Diagnostics`,
    ...summary.files.map((f) => {
      const n = Object.values(f.diagnostics).reduce((a, b) => a + b, 0);
      return `${f.file.padEnd(width)}  ${formatName(f.format).padEnd(24)} ${String(f.records).padStart(7)}  ${n === 0 ? '' : String(n)}`;
    }),
    '',
    `Records              ${summary.records}`,
    `Works                ${summary.works} (after merging)`,
    `Possible duplicates  ${summary.possibleDuplicates}`,
    `With year            ${summary.withYear} (${pct(summary.withYear)})`,
    `With affiliations    ${summary.withAffiliations} (${pct(summary.withAffiliations)})`,
    `With compute         ${summary.withCompute} (${pct(summary.withCompute)})`,
    '',
    'Team sector     Works   Share',
    ...TEAM_SECTORS.map((s) => `${s.padEnd(14)} ${String(summary.teamSector[s]).padStart(6)}  ${pct(summary.teamSector[s]).padStart(6)}`),
  ];
  const kinds = Object.entries(summary.diagnostics);
  if (kinds.length > 0) lines.push('', 'Diagnostics', ...kinds.map(([k, n]) => `${k.padEnd(16)} ${n}`));
  return lines.map((l) => l.trimEnd());
}
