/**
 * Reading and combining the literature files (`computeDivide.sources`) with the Epoch table, as one
 * step that runs the same inline (small inputs) or in the literature worker (literatureWorker.ts):
 * each file decompressed when gzip (bounded), recognised and read by its importer
 * (`readSourceFile`), then everything combined (`combineLiterature`: duplicates merged, works made
 * papers with their team sectors) and ordered newest first for the tree. Free of vscode.
 */
import { loadDataset } from '../../core/dataset/loadDataset';
import type { Dataset } from '../../core/dataset/model';
import { newestFirstOrder } from '../../core/dataset/paperGroups';
import type { PossibleDuplicate } from '../../core/sources/duplicates';
import { combineLiterature, readSourceFile, type FileReading } from '../../core/sources/literature';
import type { TopicMapping } from '../../core/sources/topics';
import { gunzipSource } from '../../node/readSourceFile';

/** One literature file as the host read it: its bytes (gzip or not), or why they could not be read. */
export interface SourceInput {
  /** The name the user sees (relative to the workspace). */
  name: string;
  bytes?: Uint8Array;
  /** Why the file could not be read (it becomes the file's one diagnostic). */
  failure?: string;
}

/** What a literature load reads: the Epoch table (when one is shown), the files in the setting's order, the topic mapping. */
export interface LiteratureInput {
  table?: { bytes: Uint8Array; source: string };
  files: SourceInput[];
  topicMapping?: TopicMapping;
}

/** The combined dataset, its newest-first order, the possible duplicates, and one reading per file (in `files` order). */
export interface LiteratureRead {
  dataset: Dataset;
  order: Int32Array;
  possible: PossibleDuplicate[];
  readings: FileReading[];
}

/** A file that could not be read, as a reading with one `not-recognised` diagnostic. */
export function unreadableFile(name: string, why: string): FileReading {
  return { file: name, kind: 'unknown', works: [], records: 0, institutions: [], diagnostics: [{ kind: 'not-recognised', line: 1, message: `Cannot read ${name}: ${why}.` }] };
}

/**
 * Read and combine `input` (see the module comment). The table's `NotEpochTableError` is thrown;
 * a literature file that cannot be decompressed or read is one diagnostic and the others load.
 * `onFile` is told before each file is read (its index and name), for progress.
 */
export function readLiterature(input: LiteratureInput, onFile?: (index: number, name: string) => void): LiteratureRead {
  const table = input.table ? loadDataset(input.table.bytes, input.table.source) : undefined;
  const readings = input.files.map((file, i): FileReading => {
    onFile?.(i, file.name);
    if (!file.bytes) return unreadableFile(file.name, file.failure ?? 'unknown error');
    try {
      return readSourceFile(gunzipSource(file.bytes, file.name), file.name);
    } catch (error) {
      return unreadableFile(file.name, (error as Error).message);
    }
  });
  const tableReading: FileReading[] = table ? [{ file: input.table!.source, kind: 'epoch-table', format: 'epoch-csv', dataset: table, works: [], records: table.papers.length, diagnostics: [], institutions: [] }] : [];
  const literature = combineLiterature([...tableReading, ...readings], { topicMapping: input.topicMapping });
  return { dataset: literature.dataset, order: newestFirstOrder(literature.dataset.papers), possible: literature.possible, readings };
}
