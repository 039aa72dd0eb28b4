import * as vscode from 'vscode';
import { checkExternalLink } from '../core/text/externalLink';
import { displayText } from '../core/text/visibleText';

/**
 * The one way the host opens a link from the data or from a webview: `checkExternalLink` first
 * (http and https only), then `vscode.env.openExternal`. A refused link is not opened; a warning
 * says which link and why. Resolves to whether the link was handed to the opener.
 */
export async function openExternalLink(url: string): Promise<boolean> {
  const check = checkExternalLink(url);
  if (!check.ok) {
    const shown = displayText(String(url));
    void vscode.window.showWarningMessage(`Compute Divide did not open the link "${shown.length > 80 ? `${shown.slice(0, 79)}…` : shown}": ${check.reason}.`);
    return false;
  }
  return vscode.env.openExternal(vscode.Uri.parse(check.url, true));
}
