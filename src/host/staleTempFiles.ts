import * as path from 'node:path';
import * as vscode from 'vscode';
import { cleanStaleTempFiles } from '../node/atomicWrite';

/**
 * At activation, remove the temporary files that an interrupted atomic write left behind in the
 * folders the extension writes to: each workspace folder's root (downloads), its `.compute-divide`
 * folder and the label log's folder. Not recursive; files of live writers younger than an hour are
 * kept (`cleanStaleTempFiles`). Resolves to the paths removed; never rejects.
 */
export async function cleanWorkspaceTempFiles(labelLog: vscode.Uri | undefined): Promise<string[]> {
  const folders = new Set<string>();
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    if (folder.uri.scheme !== 'file') continue;
    folders.add(folder.uri.fsPath);
    folders.add(path.join(folder.uri.fsPath, '.compute-divide'));
  }
  if (labelLog?.scheme === 'file') folders.add(path.dirname(labelLog.fsPath));
  const removed: string[] = [];
  for (const folder of folders) removed.push(...(await cleanStaleTempFiles(folder).catch(() => [])));
  return removed;
}
