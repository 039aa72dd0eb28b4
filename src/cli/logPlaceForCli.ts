import * as path from 'node:path';
import type { LogPlace } from '../node/labels/logFile';

/**
 * Where the CLI holds a label log to be contained (the editor uses the workspace folder): the
 * current folder when the log lies inside it, so no folder between here and the log (such as a
 * cloned repository's `.compute-divide`) may be a symbolic link. A log named outside the current
 * folder is the user's explicit choice: only the file itself must not be a link (a linked `/bin`
 * or home folder is the machine's own setup).
 */
export function logPlaceForCli(file: string, cwd = process.cwd()): LogPlace {
  const absolute = path.resolve(cwd, file);
  const relative = path.relative(cwd, absolute);
  const inside = relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  return inside ? { root: cwd } : {};
}
