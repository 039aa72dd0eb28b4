import * as vscode from 'vscode';
import type { Paper } from '../../core/dataset/model';
import type { Services } from '../services';
import { displayText } from '../../core/text/visibleText';
import { openExternalLink } from '../openExternalLink';
import { targetPapers } from './targets';

/** The services these commands use (narrowed from `Services`). */
export type PaperCommandsServices = Pick<Services, 'dataset' | 'details' | 'labels'>;

/** "Show Paper Details": the details view for the paper (a tree row, a paper id, or the one chosen from the palette). */
export async function showPaperDetails(services: PaperCommandsServices, arg: unknown): Promise<void> {
  const [paper] = await targetPapers(services, arg, undefined, 'Show the details of which paper?');
  if (paper) services.details.show(paper.id);
}

/** "Open Paper Link": the paper's link in the browser. */
export async function openPaperLink(services: PaperCommandsServices, arg: unknown): Promise<void> {
  const [paper] = await targetPapers(services, arg, undefined, 'Open the link of which paper?');
  if (!paper) return;
  if (paper.link.trim() === '') {
    void vscode.window.showInformationMessage(`"${displayText(paper.name || paper.id)}" has no link in the dataset.`);
    return;
  }
  await openExternalLink(paper.link);
}

/**
 * "Go to Row in CSV" / "Go to Record": the file opened at the line where the paper's record starts —
 * the Epoch table's row, or for a work of the literature the record in the file it was read from
 * (`part`: which of the work's sources, 0 for the first; a source without lines opens at the top).
 */
export async function openPaperSource(services: PaperCommandsServices, arg: unknown, part = 0): Promise<void> {
  const [paper] = await targetPapers(services, arg, undefined, 'Go to the CSV row of which paper?');
  await showRow(services, paper, part);
}

async function showRow(services: PaperCommandsServices, paper: Paper | undefined, part: number): Promise<void> {
  const state = services.dataset.state;
  if (!paper || state.kind !== 'loaded') return;
  let uri: vscode.Uri | undefined = services.dataset.showsTable ? state.uri : undefined;
  let line = paper.line;
  const provenance = paper.work?.work.provenance[part];
  if (provenance && provenance.format !== 'epoch-csv') {
    uri = services.dataset.literature.find((f) => f.reading.file === provenance.source)?.uri;
    line = provenance.line ?? 1;
  }
  if (!uri) return;
  const position = new vscode.Position(Math.max(0, line - 1), 0);
  await vscode.window.showTextDocument(uri, { selection: new vscode.Range(position, position), viewColumn: vscode.ViewColumn.Beside, preview: true });
}
