import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import * as path from 'node:path';

/**
 * Write a file atomically: the bytes go to a temporary file in the same folder, are flushed to
 * disk (fsync), and the temporary file is renamed over the target, so a reader sees the old file
 * or the new one, never half of one. On any failure the temporary file is removed and the error
 * rethrown; the target is untouched.
 */
export async function writeFileAtomic(target: string, bytes: Uint8Array): Promise<void> {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/**
 * A path in `folder` for `fileName` that does not exist yet: the name itself, else with the date
 * (`notable_ai_models_2026-11-29.csv`), else with `_2`, `_3`… appended. Never returns an existing
 * file, so a download cannot overwrite the user's data.
 */
export async function freshPath(folder: string, fileName: string, date: string, exists: (p: string) => Promise<boolean>): Promise<string> {
  const ext = path.extname(fileName);
  const stem = fileName.slice(0, fileName.length - ext.length);
  const candidates = [fileName, `${stem}_${date}${ext}`];
  for (const name of candidates) if (!(await exists(path.join(folder, name)))) return path.join(folder, name);
  for (let k = 2; ; k++) {
    const candidate = path.join(folder, `${stem}_${date}_${k}${ext}`);
    if (!(await exists(candidate))) return candidate;
  }
}
