import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { REPO, TEST_DATA } from '../support/paths';

/** The repository root, and the test corpus (read-only; tests copy what they change): see test/support/paths.ts. */
export { REPO, TEST_DATA };

/** A fresh temporary workspace holding copies of the named Epoch snapshots of the test corpus. */
export async function workspaceWith(...epochFiles: string[]): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'cd-workspace-'));
  for (const file of epochFiles) await copyFile(path.join(TEST_DATA, 'epoch', file), path.join(dir, file));
  return dir;
}

/**
 * A fresh temporary workspace holding Epoch's notable-models table as the repository ships it
 * (the bundled snapshot, decompressed, as `notable_ai_models_2026-07-15.csv`): the same rows as the
 * full 2026-07 table, so the workbench tests run without the test corpus.
 */
export async function workspaceWithNotable(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'cd-workspace-'));
  await writeFile(path.join(dir, 'notable_ai_models_2026-07-15.csv'), gunzipSync(await readFile(path.join(REPO, 'data', 'epoch-notable-ai-models.csv.gz'))));
  return dir;
}
