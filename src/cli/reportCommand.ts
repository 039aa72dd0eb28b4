import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import * as path from 'node:path';
import { analyseForReport, datasetFacts, epochAttribution } from '../core/report/analyseForReport';
import type { ReportLabels, ReportParameters } from '../core/report/reportContent';
import { escapeControls } from '../core/text/displaySafe';
import { WriteError } from '../node/atomicWrite';
import { checkReportTargets, renderReport, ReportRefusedError, writeReport } from '../node/report/writeReport';
import { parseChoice, parseMinModels, parsePeriodsOption, parseTopQuantile } from './analysisOptions';
import { CliError } from './cliError';
import type { CliIo } from './main';
import { parseTop } from './sharesCommand';
import { loadLabelledWithProvenance, parseBreaks, parseFilter, parsePreset, type FilterOptions } from './trendsCommand';
import packageJson from '../../package.json';

/** Options of `compute-divide report`: the filters, `--labels`, `--out` and each analysis's parameters. */
export interface ReportOptions extends FilterOptions {
  out?: string;
  breaks?: string;
  top?: string;
  by?: string;
  topQuantile?: string;
  minModels?: string;
  periods?: string;
  open?: string;
}

/**
 * `compute-divide report FILE [--out DIR] [filters] [--labels …]` (spec cli.md): the three findings
 * on FILE as `report.md` and `report.html` with the figures as SVG files beside them (and inline in
 * the HTML), written into DIR (default: the current folder; created when missing), each file
 * atomically. The analyses' parameters (`--breaks`, `--top`, `--by`, `--top-quantile`,
 * `--min-models`, `--periods`, `--open`) are those of `trends`, `shares`, `topics` and `diffusion`,
 * with the same defaults, so the report's numbers equal theirs. Prints the paths written, one per
 * line. A file in the way that an earlier report did not write is never replaced: one line on
 * stderr, exit 2, nothing written.
 *
 * @throws CliError for a bad option value (checked before FILE is read), an unreadable FILE or
 *   label log, or a file in the way
 */
export async function reportCommand(file: string, options: ReportOptions, io: CliIo): Promise<void> {
  const parameters: ReportParameters = {
    breaks: parseBreaks(options.breaks),
    top: parseTop(options.top),
    by: parseChoice('by', options.by, ['domain', 'task'] as const, 'domain'),
    topQuantile: parseTopQuantile(options.topQuantile),
    minModels: parseMinModels(options.minModels),
    periods: parsePeriodsOption(options.periods).map((p) => p.label),
    open: parseChoice('open', options.open, ['any', 'unrestricted'] as const, 'any'),
    ...(options.preset !== undefined ? { preset: parsePreset(options.preset) } : {}),
    ...(options.collaborationsByLeaning ? { collaborationsByLeaning: true } : {}),
  };
  const filter = parseFilter(options);
  const out = options.out ?? '.';
  if (out.trim() === '') throw new CliError('--out: the folder name is empty; expected the folder to write the report into');
  // A file in the way is refused before the table is read: one line, at once.
  await writing(out, () => checkReportTargets(out));
  const { dataset, bytes, applied } = await loadLabelledWithProvenance(file, filter, options.labels, io, options.collaborationsByLeaning);
  const labels: ReportLabels | null =
    applied === null || options.labels === undefined ? null : { file: path.basename(options.labels), sha256: await sha256OfFile(options.labels), ...applied };
  const name = path.basename(file);
  const inputs = {
    version: packageJson.version,
    source: { file: name, sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length, ...datasetFacts(dataset), attribution: epochAttribution(name) },
    labels,
    filter,
    parameters,
    ...analyseForReport(dataset, filter, parameters),
  };
  const files = await renderReport(inputs);
  const written = await writing(out, () => writeReport(out, files));
  io.stdout(`${written.join('\n')}\n`);
}

/** Run a step that touches the output folder, turning its refusals and file-system errors into one-line CLI errors. */
async function writing<T>(out: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof ReportRefusedError || error instanceof WriteError) throw new CliError(escapeControls(error.message));
    const e = error as NodeJS.ErrnoException;
    if (e.code) throw new CliError(`cannot write the report into ${escapeControls(out)}: ${escapeControls(e.message)}`);
    throw error;
  }
}

/** SHA-256 (hex) of a file, read as a stream. */
async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
