/**
 * The HTML every webview of the extension loads, as a pure function (no vscode import), so the
 * webview tests can serve exactly this page to Chromium. Content Security Policy per DESIGN.md:
 * `default-src 'none'`, the script by nonce only (no `unsafe-eval`, no inline script), styles
 * from the extension plus inline styles (chart libraries set them), images from the extension and
 * `data:` (PNG export).
 */
export function buildWebviewHtml(options: { cspSource: string; nonce: string; scriptUri: string; styleUri: string; title: string }): string {
  const { cspSource, nonce } = options;
  const csp = [
    "default-src 'none'",
    `img-src ${cspSource} data: blob:`,
    `style-src ${cspSource} 'unsafe-inline'`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${options.styleUri}">
<title>${options.title}</title>
</head>
<body>
<main id="root" aria-live="polite"></main>
<script nonce="${nonce}" src="${options.scriptUri}"></script>
</body>
</html>`;
}
