import * as vscode from 'vscode';
import { rememberDataset } from '../datasetLocator';
import type { Services } from '../services';

/** The services these commands use (narrowed from `Services`). */
export type OpenDatasetServices = Pick<Services, 'dataset'>;

/** "Open Dataset…": pick a CSV; the choice is kept in the workspace settings and loaded. */
export async function openDataset(services: OpenDatasetServices, uri?: vscode.Uri): Promise<void> {
  const chosen =
    uri ??
    (
      await vscode.window.showOpenDialog({
        title: 'Open an Epoch AI model table',
        canSelectMany: false,
        filters: { 'CSV tables': ['csv', 'tsv'], 'All files': ['*'] },
        defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
      })
    )?.[0];
  if (!chosen) return;
  await rememberDataset(chosen);
  const state = await services.dataset.open(chosen);
  if (state.kind === 'error') void vscode.window.showErrorMessage(state.message);
}
