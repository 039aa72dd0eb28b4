import { realpath } from 'node:fs/promises';
import { homedir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { exportFormatOf, worksForExport, writeWorks } from '../../core/sources/exportWorks';
import { writeFileAtomic } from '../../node/atomicWrite';
import type { Services } from '../services';

/** The services this command uses (narrowed from `Services`). */
export type ExportWorksServices = Pick<Services, 'dataset' | 'labels'>;

async function real(p: string): Promise<string> {
  try {
    return await realpath(p);
  } catch {
    return path.resolve(p);
  }
}

/**
 * "Export Works…": the works of the researcher's literature (merged, labels applied) as RIS,
 * BibTeX, CSL-JSON or CSV, chosen by the file's extension, with each work's screening decision,
 * team sector and leaning as `compute-divide:` keywords (and a note in RIS and CSL-JSON) that Zotero
 * and EndNote can filter on; the same export as `compute-divide export`. Never replaces one of the
 * literature files or the table (also through a link); writes atomically. `target` skips the save
 * dialog (scripts, tests). Returns the written file, or undefined when cancelled or refused.
 */
export async function exportWorks(services: ExportWorksServices, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const state = services.dataset.state;
  if (state.kind !== 'loaded' || !state.view.dataset.papers.some((p) => p.work?.kind === 'literature' || p.work?.kind === 'joined')) {
    void vscode.window.showInformationMessage('No literature is loaded: Import Literature… first (BibTeX, RIS, CSL-JSON, arXiv, OpenAlex, Semantic Scholar).');
    return undefined;
  }
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? homedir();
  const file =
    target ??
    (await vscode.window.showSaveDialog({
      defaultUri: vscode.Uri.file(path.join(folder, 'works.ris')),
      filters: { RIS: ['ris'], BibTeX: ['bib'], 'CSL-JSON': ['json'], CSV: ['csv'] },
      title: 'Export works with their decisions and team sectors',
    }));
  if (!file) return undefined;
  const format = exportFormatOf(file.fsPath);
  if (!format) {
    void vscode.window.showErrorMessage(`Export Works… writes .ris, .bib, .json (CSL-JSON) or .csv files, not ${path.basename(file.fsPath)}.`);
    return undefined;
  }
  const inputs = [...services.dataset.literature.map((f) => f.uri), ...(services.dataset.showsTable ? [state.uri] : [])].filter((u) => u.scheme === 'file');
  const out = await real(file.fsPath);
  for (const input of inputs) {
    if ((await real(input.fsPath)) === out) {
      void vscode.window.showErrorMessage(`Refusing to replace ${vscode.workspace.asRelativePath(input)}: it is one of the files the works were read from. Choose another file.`);
      return undefined;
    }
  }
  const works = worksForExport(state.view.dataset, { labels: services.labels.state });
  await writeFileAtomic(file.fsPath, new TextEncoder().encode(writeWorks(works, format)));
  void vscode.window.showInformationMessage(`Exported ${works.length.toLocaleString('en-US')} works to ${vscode.workspace.asRelativePath(file)}.`);
  return file;
}
