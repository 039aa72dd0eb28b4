import { access } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { freshPath, writeFileAtomic } from '../../core/atomicWrite';
import { loadDataset, NotEpochTableError } from '../../core/loadDataset';
import { rememberDataset } from '../datasetLocator';
import type { Services } from '../services';

/** Default: Epoch AI's notable-models CSV (CC BY 4.0). Overridden by `computeDivide.downloadUrl`. */
export const DEFAULT_DOWNLOAD_URL = 'https://epoch.ai/data/notable_ai_models.csv';

/**
 * "Download Epoch Dataset": fetch the CSV at `computeDivide.downloadUrl` with a cancellable
 * progress notification, check that it is an Epoch table, save it into the first workspace folder
 * under a name that does not exist yet (never overwriting a file), remember it as the dataset and
 * open it. The file is written atomically, so a failed or cancelled download leaves nothing behind.
 *
 * @returns the saved file, or undefined when it failed or was cancelled (the user was told why)
 */
export async function downloadDataset(services: Services): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    void vscode.window.showErrorMessage('Open a folder first: the dataset is saved into the workspace.');
    return undefined;
  }
  const url = vscode.workspace.getConfiguration('computeDivide').get<string>('downloadUrl', DEFAULT_DOWNLOAD_URL) || DEFAULT_DOWNLOAD_URL;
  try {
    const saved = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Downloading ${url}`, cancellable: true },
      async (progress, token) => {
        const bytes = await fetchBytes(url, progress, token);
        loadDataset(bytes, url); // throws NotEpochTableError before anything is written
        const name = path.basename(new URL(url).pathname) || 'epoch_models.csv';
        const target = await freshPath(folder.uri.fsPath, name.endsWith('.csv') ? name : `${name}.csv`, new Date().toISOString().slice(0, 10), exists);
        await writeFileAtomic(target, bytes);
        return vscode.Uri.file(target);
      },
    );
    await rememberDataset(saved);
    await services.dataset.open(saved);
    void vscode.window.showInformationMessage(`Saved ${vscode.workspace.asRelativePath(saved)} (Epoch AI, CC BY 4.0) and loaded it.`);
    return saved;
  } catch (error) {
    const reason =
      error instanceof NotEpochTableError
        ? `the file at ${url} is not an Epoch AI model table (${error.reason})`
        : error instanceof vscode.CancellationError
          ? 'cancelled'
          : (error as Error).message;
    void vscode.window.showErrorMessage(`Download failed: ${reason}. Nothing was saved.`);
    return undefined;
  }
}

async function fetchBytes(url: string, progress: vscode.Progress<{ message?: string; increment?: number }>, token: vscode.CancellationToken): Promise<Uint8Array> {
  const abort = new AbortController();
  const cancel = token.onCancellationRequested(() => abort.abort());
  try {
    const response = await fetch(url, { signal: abort.signal, redirect: 'follow' });
    if (!response.ok) throw new Error(`the server answered ${response.status} ${response.statusText}`);
    const total = Number(response.headers.get('content-length')) || undefined;
    const chunks: Uint8Array[] = [];
    let received = 0;
    if (response.body) {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        chunks.push(chunk);
        received += chunk.length;
        progress.report({ message: `${(received / 1e6).toFixed(1)} MB${total ? ` of ${(total / 1e6).toFixed(1)} MB` : ''}`, increment: total ? (100 * chunk.length) / total : undefined });
      }
    }
    if (token.isCancellationRequested) throw new vscode.CancellationError();
    if (total !== undefined && received !== total) throw new Error(`the connection closed after ${received} of ${total} bytes`);
    return Buffer.concat(chunks);
  } catch (error) {
    if (token.isCancellationRequested) throw new vscode.CancellationError();
    throw error;
  } finally {
    cancel.dispose();
  }
}

async function exists(p: string): Promise<boolean> {
  return access(p).then(
    () => true,
    () => false,
  );
}
