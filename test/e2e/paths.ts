import { copyFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/** The repository root. */
export const REPO = path.resolve(__dirname, '..', '..');
/** Real data shared beside the repository (read-only; tests copy what they change). */
export const SHARED_DATA = path.resolve(REPO, '..', 'shared', 'data');

/** A fresh temporary workspace holding copies of the named Epoch snapshots. */
export async function workspaceWith(...epochFiles: string[]): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'cd-workspace-'));
  for (const file of epochFiles) await copyFile(path.join(SHARED_DATA, 'epoch', file), path.join(dir, file));
  return dir;
}
