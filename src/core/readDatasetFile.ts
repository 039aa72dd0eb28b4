import { readFile } from 'node:fs/promises';
import { loadDataset } from './loadDataset';
import type { Dataset } from './model';

/**
 * Read and load a dataset file from disk (see `loadDataset`). Throws the file system's error for
 * a missing or unreadable file, and `NotEpochTableError` for a file that is not an Epoch table.
 */
export async function readDatasetFile(path: string): Promise<Dataset> {
  return loadDataset(await readFile(path), path);
}
