import { SETTING, settings } from '../settings';
import { access } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { freshPath, writeFileAtomic } from '../../node/atomicWrite';
import { loadDataset, NotEpochTableError } from '../../core/dataset/loadDataset';
import { rememberDataset } from '../datasetLocator';
import { downloadBytes } from '../download/boundedDownload';
import { DownloadError, megabytes } from '../download/downloadError';
import type { Services } from '../services';

/** The services these commands use (narrowed from `Services`). */
export type DownloadDatasetServices = Pick<Services, 'dataset'>;

/** Default: Epoch AI's notable-models CSV (CC BY 4.0). Overridden by `computeDivide.downloadUrl`. */

/** The size limit setting (package.json `contributes.configuration`), in MB of 10^6 bytes. */

/**
 * "Download Epoch Dataset": fetch the CSV at `computeDivide.downloadUrl` with a cancellable
 * progress notification, within `computeDivide.downloadMaxMegabytes` and the timeouts of
 * `downloadBytes` (https only, every redirect checked), check that it is an Epoch table, save it
 * into the first workspace folder under a name that does not exist yet (never overwriting a
 * file), remember it as the dataset and open it. The file is written atomically, so a failed or cancelled download leaves nothing behind.
 *
 * @returns the saved file, or undefined when it failed or was cancelled (the user was told why)
 */
export async function downloadDataset(services: DownloadDatasetServices): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    void vscode.window.showErrorMessage('Open a folder first: the dataset is saved into the workspace.');
    return undefined;
  }
  const url = settings.downloadUrl();
  try {
    const saved = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Downloading ${url}`, cancellable: true },
      async (progress, token) => {
        const bytes = await fetchBytes(url, maxDownloadBytes(), progress, token);
        loadDataset(bytes, url); // throws NotEpochTableError before anything is written
        if (token.isCancellationRequested) throw new DownloadError('cancelled', 'cancelled');
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
        : error instanceof DownloadError && error.kind === 'too-large'
          ? `${error.message} (raise computeDivide.${SETTING.downloadMaxMegabytes} to allow larger files)`
          : (error as Error).message;
    void vscode.window.showErrorMessage(`Download failed: ${reason}. Nothing was saved.`);
    return undefined;
  }
}

/** Fetch within the user's size limit, reporting MB (and % when known) at most 5 times a second. */
async function fetchBytes(url: string, maxBytes: number, progress: vscode.Progress<{ message?: string; increment?: number }>, token: vscode.CancellationToken): Promise<Uint8Array> {
  const abort = new AbortController();
  const cancel = token.onCancellationRequested(() => abort.abort());
  let shownPercent = 0;
  try {
    const { bytes } = await downloadBytes(url, {
      maxBytes,
      signal: abort.signal,
      onProgress: ({ receivedBytes, totalBytes }) => {
        const percent = totalBytes ? (100 * receivedBytes) / totalBytes : undefined;
        progress.report({
          message: totalBytes ? `${megabytes(receivedBytes)} of ${megabytes(totalBytes)} (${Math.floor(percent!)}%)` : megabytes(receivedBytes),
          increment: percent !== undefined ? percent - shownPercent : undefined,
        });
        if (percent !== undefined) shownPercent = percent;
      },
    });
    return bytes;
  } finally {
    cancel.dispose();
  }
}

/** `computeDivide.downloadMaxMegabytes` in bytes; a missing or unusable value means the default. */
function maxDownloadBytes(): number {
  return settings.downloadMaxBytes();
}

async function exists(p: string): Promise<boolean> {
  return access(p).then(
    () => true,
    () => false,
  );
}
