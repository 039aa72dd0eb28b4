import { realpath } from 'node:fs/promises';
import * as path from 'node:path';
import { escapeControls } from '../core/text/displaySafe';
import { NotEpochTableError } from '../core/dataset/loadDataset';
import { combineLiterature, readSourceFile, type FileReading, type Literature } from '../core/sources/literature';
import { fileDiagnostics } from '../core/sources/literatureSummary';
import { FORMATS_READ } from '../core/sources/formats';
import { DatasetTooLargeError, fileByteSource } from '../node/readDatasetFile';
import { readSourceBytes, SourceTooLargeError } from '../node/readSourceFile';
import { CliError } from './cliError';
import { reportDiagnostics } from './loadForCli';
import type { CliIo } from './main';

/**
 * Read one file of any format of imports.md for the CLI (`readSourceBytes`: bounded, gzip
 * decompressed; then `readSourceFile`). Bad content is never an error here (diagnostics); a file
 * that cannot be read at all is a `CliError` of one sentence: missing, a folder or a device, over
 * 200 MiB, a gzip file that does not decompress.
 */
export async function readSourceForCli(file: string): Promise<FileReading> {
  const shown = escapeControls(file);
  let bytes: Uint8Array;
  try {
    bytes = await readSourceBytes(fileByteSource(file), file);
  } catch (error) {
    if (error instanceof NotEpochTableError) throw new CliError(`${shown} cannot be read: ${escapeControls(error.reason.replace(/, not a CSV file$/, ''))}; expected a file`);
    if (error instanceof DatasetTooLargeError || error instanceof SourceTooLargeError) throw new CliError(escapeControls(error.message));
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError(`no such file: ${shown} (expected an Epoch AI table or a file of literature: BibTeX, RIS, CSL-JSON, arXiv, OpenAlex, Semantic Scholar)`);
    if (code === 'EISDIR') throw new CliError(`${shown} is a folder; expected a file`);
    if (code) throw new CliError(`cannot read ${shown}: ${escapeControls((error as Error).message)}`);
    throw new CliError(escapeControls((error as Error).message));
  }
  return readSourceFile(bytes, file);
}

/**
 * Read FILES (any formats, in the order given) and combine them (`combineLiterature`: duplicates
 * merged, Epoch rows joined). Every file is read before anything is printed; when no file yields a
 * record, that is one `CliError` that says what each file was and which formats are read (cli.md
 * "Errors": one line, nothing else); so is what `check` throws (it sees the files read, before
 * anything is printed). Otherwise each file's diagnostics go to stderr (`reportDiagnostics`, at
 * most 20 lines per kind) and the combination is returned.
 */
export async function loadSourcesForCli(files: readonly string[], io: CliIo, check?: (readings: readonly FileReading[]) => void): Promise<Literature> {
  await refuseRepeats(files);
  const readings: FileReading[] = [];
  for (const file of files) readings.push(await readSourceForCli(file));
  if (readings.every((r) => r.records === 0)) {
    const what = readings.map((r) => `${escapeControls(r.file)} (${r.kind === 'unknown' ? 'of no format read' : `${r.format ?? r.kind}, no record`})`).join(', ');
    throw new CliError(`no file holds a record: ${what}. ${FORMATS_READ}.`);
  }
  check?.(readings);
  const literature = combineLiterature(readings);
  for (const reading of literature.files) reportDiagnostics(reading.file, fileDiagnostics(reading), io);
  return literature;
}

/** A file named twice (also through a link) would count its records twice: one line, exit 2. */
async function refuseRepeats(files: readonly string[]): Promise<void> {
  const seen = new Map<string, string>();
  for (const file of files) {
    const real = await realpath(file).catch(() => path.resolve(file));
    const earlier = seen.get(real);
    if (earlier !== undefined) throw new CliError(`the argument ${escapeControls(file)} names the same file as the earlier argument ${escapeControls(earlier)}; give each file once`);
    seen.set(real, file);
  }
}
