import { homedir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { exportLabelledCsv, labelsCsv, labelsCsvPath, saveExport, SourceOverwriteError } from '../../node/labels/exportLabelled';
import type { Services } from '../services';

/** The services these commands use (narrowed from `Services`). */
export type ExportLabelledServices = Pick<Services, 'dataset' | 'labels'>;

/**
 * "Export Labelled Dataset…": a new CSV in the input's own schema with `Organization
 * categorization` updated from the labels and `Team sector`, `Label provenance`, `Decision` and
 * `Disputed` columns added,
 * plus the labels themselves as CSV beside it (`<name>.labels.csv`, which replaces only an earlier
 * labels CSV: see `labelsCsvPath`). Writes are atomic; the source
 * file is replaced only after the user confirms. `target` skips the save dialog (scripts, tests).
 *
 * @returns the written dataset file, or undefined when cancelled
 */
export async function exportLabelledDataset(services: ExportLabelledServices, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const state = services.dataset.state;
  if (state.kind !== 'loaded') {
    void vscode.window.showInformationMessage('Load a dataset first.');
    return undefined;
  }
  const source = state.uri.fsPath;
  // The bundled snapshot lives inside the extension: never beside it, the home folder without a workspace.
  const besideSource = services.dataset.shownBundled ? homedir() : path.dirname(source);
  const file =
    target ??
    (await vscode.window.showSaveDialog({
      // In the workspace folder (next to the label log), not beside the source table, which may
      // be in a shared or read-only data folder; beside the source only without a folder.
      defaultUri: vscode.Uri.file(path.join(vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? besideSource, `${path.basename(source, path.extname(source))}.labelled.csv`)),
      filters: { CSV: ['csv'] },
      title: 'Export labelled dataset',
    }));
  if (!file) return undefined;
  const original = await vscode.workspace.fs.readFile(state.uri);
  const exported = exportLabelledCsv(original, state.view.original, services.labels.state);
  try {
    await saveExport(file.fsPath, exported.text, { sourcePath: source });
  } catch (error) {
    if (!(error instanceof SourceOverwriteError)) throw error;
    const answer = await vscode.window.showWarningMessage(
      `Replace the source table ${path.basename(source)} with the labelled export? The original categories would then only be in git or a backup.`,
      { modal: true },
      'Replace',
    );
    if (answer !== 'Replace') return undefined;
    await saveExport(file.fsPath, exported.text, { sourcePath: source, overwriteSourceConfirmed: true });
  }
  const labelsFile = await labelsCsvPath(file.fsPath, new Date().toISOString().slice(0, 10));
  await saveExport(labelsFile, labelsCsv(services.labels.events, services.labels.state), { sourcePath: source });
  void vscode.window.showInformationMessage(`Exported ${exported.rows} rows to ${vscode.workspace.asRelativePath(file)} and the labels to ${path.basename(labelsFile)}.${exported.notes.length ? ` ${exported.notes.join(' ')}` : ''}`);
  return file;
}
