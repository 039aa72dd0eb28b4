import * as vscode from 'vscode';
import type { ComputeDivideApi } from '../../src/extension';
import type { DatasetState } from '../../src/host/datasetService';

export const EXTENSION_ID = 'compute-divide.compute-divide';

/** Activate the extension under test and wait for its first dataset discovery. */
export async function activateExtension(): Promise<ComputeDivideApi> {
  const extension = vscode.extensions.getExtension<ComputeDivideApi>(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not installed in this VS Code`);
  const api = await extension.activate();
  await api.ready;
  return api;
}

/** Resolve with the next dataset state that satisfies `predicate` (or the current one if it does). */
export function waitForState(api: ComputeDivideApi, predicate: (state: DatasetState) => boolean, timeoutMs = 10_000): Promise<DatasetState> {
  if (predicate(api.dataset.state)) return Promise.resolve(api.dataset.state);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`dataset state did not change as expected within ${timeoutMs} ms (now: ${api.dataset.state.kind})`));
    }, timeoutMs);
    const listener = api.dataset.onDidChange((state) => {
      if (!predicate(state)) return;
      clearTimeout(timer);
      listener.dispose();
      resolve(state);
    });
  });
}

/** Poll `probe` until it returns a value other than undefined. */
export async function eventually<T>(probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function workspaceFolder(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the integration tests need a workspace folder');
  return folder.uri;
}
