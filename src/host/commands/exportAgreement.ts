import * as path from 'node:path';
import * as vscode from 'vscode';
import { writeFileAtomic } from '../../node/atomicWrite';
import { agreementMarkdown, agreementSummary } from '../../core/labels/agreementReport';
import type { Services } from '../services';

/** The services these commands use (narrowed from `Services`). */
export type ExportAgreementServices = Pick<Services, 'dataset' | 'labels'>;

/**
 * "Export Agreement Report…": the Agreement view's content as Markdown (alpha, kappa per pair,
 * blind coding, open and adjudicated disagreements) in a file the user chooses, written
 * atomically. `target` skips the save dialog (scripts, tests). Returns the written file, or
 * undefined when cancelled.
 */
export async function exportAgreementReport(services: ExportAgreementServices, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const file =
    target ??
    (await vscode.window.showSaveDialog({
      defaultUri: folder ? vscode.Uri.joinPath(folder, 'agreement.md') : undefined,
      filters: { Markdown: ['md'] },
      title: 'Export agreement report',
    }));
  if (!file) return undefined;
  const summary = agreementSummary(services.labels.state, services.dataset.view?.original, services.labels.events);
  await writeFileAtomic(file.fsPath, Buffer.from(agreementMarkdown(summary), 'utf8'));
  void vscode.window.setStatusBarMessage(`$(check) Agreement report saved to ${path.basename(file.fsPath)}`, 5000);
  return file;
}
