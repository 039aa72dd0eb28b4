import { SETTING, updateSetting } from '../settings';
import * as vscode from 'vscode';
import { BUNDLED_SETTING_VALUE } from '../bundledSnapshot';
import type { Services } from '../services';

/** The services these commands use (narrowed from `Services`). */
export type OpenBundledSnapshotServices = Pick<Services, 'dataset'>;

/**
 * "Explore Epoch's Notable Models (Bundled Snapshot)": show the snapshot of Epoch AI's table that
 * ships with the extension. With a folder open the choice is kept in the workspace settings
 * (`computeDivide.dataset: "bundled"`), so the folder opens on it next time; with no folder it is
 * shown for this window only (a user setting would hide the tables of every other folder).
 */
export async function openBundledSnapshot(services: OpenBundledSnapshotServices): Promise<void> {
  const snapshot = services.dataset.bundled;
  if (!snapshot) {
    void vscode.window.showErrorMessage('This installation of Compute Divide has no bundled snapshot: use Open Dataset… or Download Epoch Dataset.');
    return;
  }
  if (vscode.workspace.workspaceFolders) {
    await updateSetting(SETTING.dataset, BUNDLED_SETTING_VALUE, vscode.ConfigurationTarget.Workspace);
  }
  const state = await services.dataset.open(snapshot.uri);
  if (state.kind === 'error') void vscode.window.showErrorMessage(state.message);
}
