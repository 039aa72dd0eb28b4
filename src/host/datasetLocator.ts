import { SETTING, settings, updateSetting } from './settings';
import { open } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { headerLooksLikeEpochTable } from '../core/dataset/columns';
import { BUNDLED_SETTING_VALUE } from './bundledSnapshot';
import { MAX_DATASET_BYTES } from '../node/readDatasetFile';

/** The setting that names the dataset (package.json `contributes.configuration`). */

/**
 * Where the dataset comes from, in order: the `computeDivide.dataset` setting (absolute, or
 * relative to the first workspace folder; `bundled` names the snapshot that ships with the
 * extension, `bundledUri`); else the workspace's CSV files whose header has Epoch's columns — one
 * is used as is, several are offered in a QuickPick. Returns undefined when there is nothing (the
 * welcome view then offers the bundled snapshot, Open Dataset… and Download).
 */
export async function locateDataset(interactive: boolean, bundledUri?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const configured = settings.dataset();
  if (configured.toLowerCase() === BUNDLED_SETTING_VALUE && bundledUri) return bundledUri;
  if (configured !== '') return resolveSettingPath(configured);
  const candidates = await findEpochTables();
  if (candidates.length === 0) return undefined;
  if (candidates.length === 1 || !interactive) return candidates[0];
  const choice = await vscode.window.showQuickPick(
    candidates.map((uri) => ({ label: path.basename(uri.fsPath), description: vscode.workspace.asRelativePath(path.dirname(uri.fsPath)), uri })),
    { title: 'Compute Divide: several Epoch AI tables found — which one should be loaded?', placeHolder: 'The choice is kept in the workspace settings (computeDivide.dataset)' },
  );
  if (!choice) return undefined;
  await rememberDataset(choice.uri);
  return choice.uri;
}

/** Resolve a setting value: absolute paths as they are, others against the first workspace folder. */
export function resolveSettingPath(value: string): vscode.Uri {
  if (path.isAbsolute(value)) return vscode.Uri.file(value);
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder ? vscode.Uri.joinPath(folder.uri, value) : vscode.Uri.file(path.resolve(value));
}

/** Keep the choice in the workspace settings, relative to the workspace folder when inside it. */
export async function rememberDataset(uri: vscode.Uri): Promise<void> {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  const value = folder ? path.relative(folder.uri.fsPath, uri.fsPath).split(path.sep).join('/') : uri.fsPath;
  await updateSetting(SETTING.dataset, value);
}

/**
 * CSV files in the workspace (node_modules and dot-folders excluded) whose header is Epoch's. Files
 * over `MAX_DATASET_BYTES` (200 MiB) are skipped: the loader would refuse them (issue #9), and the
 * setting's description says so.
 */
export async function findEpochTables(): Promise<vscode.Uri[]> {
  const files = await vscode.workspace.findFiles('**/*.{csv,CSV,tsv}', '{**/node_modules/**,**/.*/**}', 200);
  const found: vscode.Uri[] = [];
  for (const uri of files) {
    try {
      if ((await vscode.workspace.fs.stat(uri)).size > MAX_DATASET_BYTES) continue;
      if (headerLooksLikeEpochTable(await readHead(uri))) found.push(uri);
    } catch {
      // unreadable files are simply not candidates
    }
  }
  return found.sort((a, b) => a.fsPath.localeCompare(b.fsPath));
}

/** The first 8 KiB of a file as text: enough for a header, without reading a large table whole. */
async function readHead(uri: vscode.Uri): Promise<string> {
  if (uri.scheme !== 'file') return new TextDecoder().decode((await vscode.workspace.fs.readFile(uri)).subarray(0, 8192));
  const handle = await open(uri.fsPath, 'r');
  try {
    const buffer = Buffer.alloc(8192);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return new TextDecoder().decode(buffer.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}
