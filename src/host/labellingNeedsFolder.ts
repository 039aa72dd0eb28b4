import * as vscode from 'vscode';
import type { LabelService } from './labelService';

/**
 * True when labels can be saved. Labels are kept in the workspace folder's label log, so a window
 * with no folder open cannot save them: say so once, with a button that opens a folder, instead of
 * failing later (the table shown, such as the bundled snapshot, is never written).
 */
export async function canSaveLabels(labels: LabelService): Promise<boolean> {
  if (labels.uri) return true;
  const open = 'Open Folder…';
  const choice = await vscode.window.showWarningMessage(
    'Labelling needs a folder: labels are saved in the folder’s label log (.compute-divide/labels.jsonl), never in the table. Open a folder (a git repository lets you commit the labels) and label again.',
    open,
  );
  if (choice === open) await vscode.commands.executeCommand('vscode.openFolder');
  return false;
}
