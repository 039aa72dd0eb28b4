import { copyFile, mkdtemp } from 'node:fs/promises';
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
