import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/**
 * HTML for a webview under a strict Content Security Policy: `default-src 'none'`, the script
 * loaded from `dist/` by a per-render nonce from `crypto.randomBytes`, styles from the extension
 * (and inline styles, which chart libraries set), images from the webview's own resources.
 */
export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, options: { script: string; style: string; title: string }): string {
  const nonce = randomBytes(18).toString('base64');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', options.script));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', options.style));
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource} data:`,
    `style-src ${webview.cspSource} 'unsafe-inline'`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style.toString()}">
<title>${options.title}</title>
</head>
<body>
<main id="root" aria-live="polite"></main>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}

/** `localResourceRoots` for every webview: only what the extension ships for the browser. */
export function webviewRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')];
}
