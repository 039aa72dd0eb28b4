import * as vscode from 'vscode';
import type { PaperArgument, Services } from '../services';
import { paperIdOf } from '../services';
import { displayText } from '../../core/visibleText';
import { openExternalLink } from '../openExternalLink';

/** "Show Paper Details": the details view for the paper (tree click, or the selection). */
export function showPaperDetails(services: Services, arg: PaperArgument): void {
  const id = paperIdOf(arg, services);
  if (id !== undefined) services.details.show(id);
}

/** "Open Paper Link": the paper's link in the browser. */
export async function openPaperLink(services: Services, arg: PaperArgument): Promise<void> {
  const paper = lookup(services, arg);
  if (!paper) return;
  if (paper.link.trim() === '') {
    void vscode.window.showInformationMessage(`"${displayText(paper.name || paper.id)}" has no link in the dataset.`);
    return;
  }
  await openExternalLink(paper.link);
}

/** "Go to Row in CSV": the dataset file opened at the line where the paper's record starts. */
export async function openPaperSource(services: Services, arg: PaperArgument): Promise<void> {
  const paper = lookup(services, arg);
  const state = services.dataset.state;
  if (!paper || state.kind !== 'loaded') return;
  const position = new vscode.Position(paper.line - 1, 0);
  await vscode.window.showTextDocument(state.uri, { selection: new vscode.Range(position, position), viewColumn: vscode.ViewColumn.Beside, preview: true });
}

function lookup(services: Services, arg: PaperArgument) {
  const id = paperIdOf(arg, services);
  return id === undefined ? undefined : services.dataset.view?.byId.get(id);
}
