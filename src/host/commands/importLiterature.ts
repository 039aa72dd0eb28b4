import * as path from 'node:path';
import * as vscode from 'vscode';
import { SETTING, settings, updateSetting } from '../settings';


/** How a file is written into `computeDivide.sources`: relative to the workspace folder when inside it, else absolute. */
export function sourceEntry(uri: vscode.Uri): string {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  return folder ? path.relative(folder.uri.fsPath, uri.fsPath).split(path.sep).join('/') : uri.fsPath;
}

/**
 * "Import Literature…": pick files (many at once) of the researcher's literature — BibTeX, RIS,
 * CSL-JSON, arXiv, OpenAlex, Semantic Scholar, or institutions data — and add them to
 * `computeDivide.sources` (the workspace's settings when a folder is open, else the user's); the
 * setting change reads them into the tree beside the Epoch table. Files already listed are not
 * added twice. `uris` (tests, other extensions) skips the dialog. Returns the entries added.
 */
export async function importLiterature(uris?: readonly vscode.Uri[]): Promise<string[]> {
  const chosen =
    uris ??
    (await vscode.window.showOpenDialog({
      title: 'Import literature: BibTeX, RIS, CSL-JSON, arXiv, OpenAlex, Semantic Scholar, or institutions data',
      canSelectMany: true,
      openLabel: 'Import',
      filters: { Literature: ['bib', 'ris', 'json', 'jsonl', 'gz', 'xml', 'csv'], 'All files': ['*'] },
      defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
    }));
  if (!chosen || chosen.length === 0) return [];
  const current = settings.sources();
  const added = chosen.map(sourceEntry).filter((entry, i, all) => !current.includes(entry) && all.indexOf(entry) === i);
  if (added.length === 0) {
    void vscode.window.showInformationMessage('Those files are already among the literature sources (computeDivide.sources).');
    return [];
  }
  await updateSetting(SETTING.sources, [...current, ...added]);
  return added;
}
