import { capPerKind, displayText, escapeControls } from '../core/text/displaySafe';
import { loadDataset, NotEpochTableError } from '../core/dataset/loadDataset';
import type { Dataset } from '../core/dataset/model';
import { DatasetTooLargeError, fileByteSource, readEpochTableBytes, type ByteSource } from '../node/readDatasetFile';
import { isGzip, readSourceBytes, SourceTooLargeError } from '../node/readSourceFile';
import { CliError } from './cliError';
import type { CliIo } from './main';

/** Lines of one kind of diagnostic printed per file before `… and N more <kind> in <file>` (issue #9). */
export const DIAGNOSTIC_LINES_PER_KIND = 20;

/**
 * Load FILE for a CLI command, reading only its first 64 KiB when it is not an Epoch table and
 * refusing a file over 200 MiB (`readDatasetFrom`). A missing or unreadable file, or one that is
 * not an Epoch table, becomes a `CliError` with one sentence; cell-level problems are diagnostics
 * on stderr (`reportDiagnostics`), never errors.
 */
export async function loadForCli(file: string, io: CliIo): Promise<Dataset> {
  return (await loadBytesForCli(file, io)).dataset;
}

/** `loadForCli`, also returning the bytes read (the report hashes exactly the bytes it analysed). */
export async function loadBytesForCli(file: string, io: CliIo): Promise<{ dataset: Dataset; bytes: Uint8Array }> {
  try {
    // A gzip-compressed table (the bundled snapshot, data/epoch-notable-ai-models.csv.gz) is read
    // decompressed, with the same 200 MiB bound after decompression.
    const source = fileByteSource(file);
    const bytes = isGzip(await source.head(2)) ? await readEpochTableBytes(bytesSource(await readSourceBytes(source, file)), file) : await readEpochTableBytes(source, file);
    const dataset = loadDataset(bytes, file);
    reportDiagnostics(file, dataset.diagnostics, io);
    return { dataset, bytes };
  } catch (error) {
    const shown = escapeControls(file);
    if (error instanceof NotEpochTableError) throw new CliError(`${shown} is not an Epoch AI model table: ${escapeControls(error.reason)}.`);
    if (error instanceof DatasetTooLargeError || error instanceof SourceTooLargeError) throw new CliError(escapeControls(error.message));
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError(`no such file: ${shown} (expected an Epoch AI model table, CSV)`);
    if (code === 'EISDIR') throw new CliError(`${shown} is a folder; expected an Epoch AI model table (CSV file)`);
    if (code) throw new CliError(`cannot read ${shown}: ${escapeControls((error as Error).message)}`);
    throw error;
  }
}

/**
 * Print diagnostics on stderr as `file:line:column: kind: message`, at most 20 lines per kind (then
 * one `… and N more <kind> in <file>` line per kind), every control character escaped and each
 * message clipped, so neither a huge file nor a hostile cell can flood or drive the terminal.
 * `omitted` adds counts a parser left out before (it stops storing past its own cap).
 */
export function reportDiagnostics(
  file: string,
  diagnostics: readonly { kind: string; line: number; message: string; column?: unknown; position?: { line: number; column: number } }[],
  io: CliIo,
  omitted?: Partial<Record<string, number>>,
): void {
  const capped = capPerKind(diagnostics, DIAGNOSTIC_LINES_PER_KIND, omitted);
  const shownFile = escapeControls(file);
  for (const d of capped.shown) {
    const column = d.position?.column ?? (typeof d.column === 'number' ? d.column : 1);
    io.stderr(`${shownFile}:${d.position?.line ?? d.line}:${column}: ${d.kind}: ${displayText(d.message, 1000)}\n`);
  }
  for (const [kind, n] of capped.omitted) io.stderr(`… and ${n.toLocaleString('en-US')} more ${kind} in ${shownFile}\n`);
}

/** A ByteSource over bytes already in memory (a decompressed table). */
function bytesSource(bytes: Uint8Array): ByteSource {
  return { size: () => Promise.resolve(bytes.byteLength), head: (n) => Promise.resolve(bytes.subarray(0, n)), all: () => Promise.resolve(bytes) };
}
