import * as path from 'node:path';
import * as vscode from 'vscode';
import { resolveSettingPath } from './datasetLocator';

/** True when a `computeDivide.sources` entry is a glob pattern rather than a path. */
export function isGlob(entry: string): boolean {
  return /[*?[\]{}]/.test(entry);
}

/** Files a glob may name at most (a pattern that matches a whole disk stops here). */
export const MAX_SOURCE_FILES = 1000;

/**
 * The files the `computeDivide.sources` entries name, in the setting's order (the first source
 * is shown first where sources disagree), each once: a path (absolute, or relative to the first
 * workspace folder) as it is, a glob matched in the workspace folder (node_modules excluded, at
 * most `MAX_SOURCE_FILES`, sorted by path so the order is stable).
 */
export async function resolveSources(entries: readonly string[]): Promise<vscode.Uri[]> {
  const out: vscode.Uri[] = [];
  const seen = new Set<string>();
  const add = (uri: vscode.Uri) => {
    if (seen.has(uri.toString())) return;
    seen.add(uri.toString());
    out.push(uri);
  };
  const folder = vscode.workspace.workspaceFolders?.[0];
  for (const entry of entries) {
    if (!isGlob(entry)) {
      add(resolveSettingPath(entry));
      continue;
    }
    const base = path.isAbsolute(entry) ? vscode.Uri.file(path.parse(entry).root) : folder?.uri;
    if (!base) continue;
    const pattern = path.isAbsolute(entry) ? path.relative(path.parse(entry).root, entry) : entry;
    const found = await vscode.workspace.findFiles(new vscode.RelativePattern(base, pattern), '**/node_modules/**', MAX_SOURCE_FILES);
    for (const uri of found.sort((a, b) => a.fsPath.localeCompare(b.fsPath))) add(uri);
  }
  return out;
}

/**
 * Watch what the entries name: each file, and each glob for files created, changed or deleted;
 * `onChange` is called (debounced by the caller) with no argument.
 */
export function watchSources(entries: readonly string[], onChange: () => void): vscode.Disposable {
  const folder = vscode.workspace.workspaceFolders?.[0];
  const disposables: vscode.Disposable[] = [];
  for (const entry of entries) {
    let pattern: vscode.RelativePattern | undefined;
    if (isGlob(entry)) {
      if (folder && !path.isAbsolute(entry)) pattern = new vscode.RelativePattern(folder, entry);
    } else {
      const uri = resolveSettingPath(entry);
      pattern = new vscode.RelativePattern(vscode.Uri.joinPath(uri, '..'), path.basename(uri.fsPath));
    }
    if (!pattern) continue;
    const watcher = vscode.workspace.createFileSystemWatcher(pattern);
    disposables.push(watcher, watcher.onDidChange(onChange), watcher.onDidCreate(onChange), watcher.onDidDelete(onChange));
  }
  return vscode.Disposable.from(...disposables);
}
