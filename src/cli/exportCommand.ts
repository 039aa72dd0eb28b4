import { lstat, realpath, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { escapeControls } from '../core/text/displaySafe';
import { exportFormatOf, worksForExport, writeWorks } from '../core/sources/exportWorks';
import type { LabelState } from '../core/labels/fold';
import { writeFileAtomic } from '../node/atomicWrite';
import { applyLabelsForCli, checkLabelLog } from './applyLabelsForCli';
import { CliError } from './cliError';
import { loadSourcesForCli } from './loadSourcesForCli';
import type { CliIo } from './main';

export interface ExportOptions {
  out?: string;
  labels?: string;
  force?: boolean;
  includeModels?: boolean;
}

/**
 * `compute-divide export FILE... --out OUT.{csv,ris,bib,json} [--labels LOG] [--force]
 * [--include-models]` (spec cli.md, imports.md "Writing back"): the files read and combined
 * (duplicates merged, Epoch rows joined), labels applied, and the works written in OUT's format
 * (`.json` is CSL-JSON) with their decision, team sector and leaning (`worksForExport`). OUT is
 * written atomically (temporary file, fsync, rename). Refused, with one line and exit 2, before
 * anything is read: an OUT of another extension; an OUT that is one of the inputs (compared after
 * resolving symbolic links, and by device and inode, so a hard link counts too), even with
 * `--force`; an existing OUT without `--force`; an OUT that is a folder. Also refused: nothing to
 * export (no work of the literature, and no `--include-models`).
 */
export async function exportCommand(files: readonly string[], options: ExportOptions, io: CliIo): Promise<void> {
  const out = options.out;
  if (out === undefined || out === '') throw new CliError('export needs --out OUT.ris, OUT.bib, OUT.json (CSL-JSON) or OUT.csv');
  const format = exportFormatOf(out);
  if (!format) throw new CliError(`--out ${escapeControls(out)}: expected a file ending in .ris, .bib, .json (CSL-JSON) or .csv`);
  await checkLabelLog(options.labels);
  await checkTarget(out, files, options.force === true);

  const literature = await loadSourcesForCli(files, io, (readings) => {
    if (options.includeModels || readings.some((r) => r.works.length > 0)) return;
    const table = readings.some((r) => r.kind === 'epoch-table');
    throw new CliError(`nothing to export: no work of the literature was read${table ? ' (Epoch table rows are exported with --include-models)' : ''}`);
  });
  let state: LabelState | undefined;
  const labelled = await applyLabelsForCli(literature.dataset, options.labels, io, undefined, (s) => (state = s), files);
  const works = worksForExport(labelled, { includeModels: options.includeModels, labels: state });
  if (works.length === 0) throw new CliError('nothing to export: no work was read');
  await writeFileAtomic(out, Buffer.from(writeWorks(works, format), 'utf8')).catch((error: Error) => {
    throw new CliError(escapeControls(error.message));
  });
  const decided = works.filter((w) => w.extras.decision !== undefined).length;
  io.stdout(`${escapeControls(out)}: ${works.length.toLocaleString('en-US')} work${works.length === 1 ? '' : 's'} written (${format}; ${decided.toLocaleString('en-US')} with a decision)\n`);
}

/**
 * Refuse an OUT that would replace an input (by real path, or the same device and inode), that
 * exists (without `force`), or that is not a regular file. A missing input is left to the reader.
 */
async function checkTarget(out: string, files: readonly string[], force: boolean): Promise<void> {
  const shown = escapeControls(out);
  const real = async (p: string): Promise<string> => {
    try {
      return await realpath(p);
    } catch {
      // A file that does not exist yet: its folder resolved, its name kept.
      return path.join(await realpath(path.dirname(p)).catch(() => path.resolve(path.dirname(p))), path.basename(p));
    }
  };
  const target = await real(out);
  const targetStat = await stat(out).catch(() => undefined);
  for (const file of files) {
    const inputStat = await stat(file).catch(() => undefined);
    const sameInode = targetStat !== undefined && inputStat !== undefined && targetStat.dev === inputStat.dev && targetStat.ino === inputStat.ino;
    if (sameInode || (await real(file)) === target) throw new CliError(`--out ${shown} is the input ${escapeControls(file)}; an export never replaces an input file (choose another name)`);
  }
  if (targetStat?.isDirectory()) throw new CliError(`--out ${shown} is a folder; expected a file name ending in .ris, .bib, .json or .csv`);
  const present = targetStat ?? (await lstat(out).catch(() => undefined));
  if (present && !force) throw new CliError(`--out ${shown} exists; add --force to replace it`);
}
