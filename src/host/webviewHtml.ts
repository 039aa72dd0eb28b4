import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { buildWebviewHtml } from './webviewHtmlTemplate';

/**
 * HTML for a webview: the script from `dist/` and the style from `media/`, through
 * `asWebviewUri`, under the strict CSP of `buildWebviewHtml` with a fresh nonce from
 * `crypto.randomBytes` on every render.
 */
export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, options: { script: string; style: string; title: string }): string {
  return buildWebviewHtml({
    cspSource: webview.cspSource,
    nonce: randomBytes(18).toString('base64'),
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', options.script)).toString(),
    styleUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', options.style)).toString(),
    title: options.title,
  });
}

/** `localResourceRoots` for every webview: only what the extension ships for the browser. */
export function webviewRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')];
}
