import { readFile } from 'node:fs/promises';
import { loadDataset, NotEpochTableError } from '../core/loadDataset';
import type { Dataset } from '../core/model';
import { CliError } from './cliError';
import type { CliIo } from './main';

/**
 * Load FILE for a CLI command. A missing or unreadable file, or one that is not an Epoch table,
 * becomes a `CliError` with one sentence; cell-level problems are diagnostics, summarised on stderr
 * (one line per kind, then up to 20 with their line numbers), never errors.
 */
export async function loadForCli(file: string, io: CliIo): Promise<Dataset> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError(`no such file: ${file} (expected an Epoch AI model table, CSV)`);
    if (code === 'EISDIR') throw new CliError(`${file} is a folder; expected an Epoch AI model table (CSV file)`);
    throw new CliError(`cannot read ${file}: ${(error as Error).message}`);
  }
  try {
    const dataset = loadDataset(bytes, file);
    reportDiagnostics(dataset, io);
    return dataset;
  } catch (error) {
    if (error instanceof NotEpochTableError) throw new CliError(error.message);
    throw error;
  }
}

function reportDiagnostics(dataset: Dataset, io: CliIo): void {
  const shown = dataset.diagnostics.slice(0, 20);
  for (const d of shown) io.stderr(`${dataset.source}:${d.position?.line ?? d.line}:${d.position?.column ?? 1}: ${d.kind}: ${d.message}\n`);
  if (dataset.diagnostics.length > shown.length) io.stderr(`… and ${dataset.diagnostics.length - shown.length} more diagnostics\n`);
}
