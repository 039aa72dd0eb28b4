import { createHash } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { renderReport, REPORT_HTML, REPORT_MARKDOWN, ReportRefusedError, checkReportTargets, writeReport } from '../../node/report/writeReport';
import { displayText } from '../../core/text/visibleText';
import { panelReportInputs, type PanelReportLabels } from '../findingsReport';
import type { Services } from '../services';

/** The services the command uses (narrowed from `Services`). */
export type ExportFindingsReportServices = Pick<Services, 'dataset' | 'labels' | 'trends'>;

/** The folder the report goes into by default, inside the workspace folder. */
export const DEFAULT_REPORT_FOLDER = 'report';

/**
 * "Export Findings Report…": the report of `compute-divide report` (report.md, report.html and the
 * four SVG figures; `renderReport`) for the table on show, with the Findings panel's filters, its
 * Domain / Task switch and the labels applied, written into a folder the user picks (first offered:
 * the workspace folder's `report/`, created when missing). A file there that an earlier report did
 * not write is never replaced (the CLI's rule: nothing is written, the user is told which file is in
 * the way). `folder` skips the question (scripts, tests). Afterwards it offers to open report.html
 * or report.md. Returns the files written, or undefined when cancelled or refused.
 */
export async function exportFindingsReport(services: ExportFindingsReportServices, folder?: vscode.Uri): Promise<vscode.Uri[] | undefined> {
  const state = services.dataset.state;
  if (state.kind !== 'loaded') {
    void vscode.window.showInformationMessage('Load a dataset first: the report is of the table the Findings panel shows.');
    return undefined;
  }
  const target = folder ?? (await askForFolder());
  if (!target) return undefined;
  try {
    // A file in the way is refused before anything is computed.
    await checkReportTargets(target.fsPath);
    const files = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Writing the findings report…' }, async () => {
      const bytes = await vscode.workspace.fs.readFile(state.uri);
      const inputs = panelReportInputs(state.view.dataset, { name: path.posix.basename(state.uri.path), bytes }, services.trends.currentFilters, services.trends.currentTopicsBy, await labelsApplied(services));
      return writeReport(target.fsPath, await renderReport(inputs));
    });
    const written = files.map((f) => vscode.Uri.file(f));
    void offerToOpen(target);
    return written;
  } catch (error) {
    const message = error instanceof ReportRefusedError ? error.message.replace('choose another --out folder', 'choose another folder') : (error as Error).message;
    void vscode.window.showErrorMessage(`The findings report was not written: ${displayText(message)}`);
    return undefined;
  }
}

async function askForFolder(): Promise<vscode.Uri | undefined> {
  const workspace = vscode.workspace.workspaceFolders?.[0]?.uri;
  const suggested = workspace ? vscode.Uri.joinPath(workspace, DEFAULT_REPORT_FOLDER) : undefined;
  const items: (vscode.QuickPickItem & { folder?: vscode.Uri })[] = [
    ...(suggested ? [{ label: `$(folder) ${DEFAULT_REPORT_FOLDER}/`, description: 'in the workspace folder (created when missing)', folder: suggested }] : []),
    { label: '$(folder-opened) Choose a folder…' },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: 'Export Findings Report: write report.md, report.html and the figures into…' });
  if (!picked) return undefined;
  if (picked.folder) return picked.folder;
  const chosen = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, defaultUri: workspace, openLabel: 'Write the report here' });
  return chosen?.[0];
}

/** What the label log applied to the shown table, as the CLI's `--labels` states it; null without a log. */
async function labelsApplied(services: ExportFindingsReportServices): Promise<PanelReportLabels> {
  const uri = services.labels.uri;
  const state = services.labels.state;
  if (!uri) return null;
  let bytes: Uint8Array;
  try {
    bytes = await vscode.workspace.fs.readFile(uri);
  } catch {
    return null;
  }
  return {
    file: path.basename(uri.fsPath),
    sha256: createHash('sha256').update(bytes).digest('hex'),
    events: state.eventCount,
    annotators: [...state.annotators],
    organizations: state.organizations.size,
    papers: state.papers.size,
    models: state.models.size,
  };
}

async function offerToOpen(folder: vscode.Uri): Promise<void> {
  const where = vscode.workspace.asRelativePath(folder);
  const answer = await vscode.window.showInformationMessage(`Findings report written to ${where}.`, 'Open report.html', 'Open report.md');
  if (answer === 'Open report.html') await vscode.env.openExternal(vscode.Uri.joinPath(folder, REPORT_HTML));
  else if (answer === 'Open report.md') await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.joinPath(folder, REPORT_MARKDOWN));
}
