/**
 * Webview test harness: the built panel script (`dist/<panel>.js`) inside the real CSP'd page of
 * `buildWebviewHtml`, served from 127.0.0.1 (an ephemeral port) to Debian's headless Chromium
 * through playwright-core (never a downloaded browser). A fake `acquireVsCodeApi`, injected before
 * any page script (init scripts run whatever the page's CSP says), records posted messages and
 * keeps `setState`; CSP violations, console errors and uncaught exceptions are collected.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildWebviewHtml } from '../../../src/host/webviewHtmlTemplate';
import { REPO } from '../../support/paths';

/** The repository root. */
export { REPO };
/** Screenshots and other artefacts of the webview tests (git-ignored). */
export const RESULTS = path.join(REPO, 'test-results');

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json', '.svg': 'image/svg+xml' };

export interface WebviewServer {
  origin: string;
  close(): Promise<void>;
}

/**
 * Serve one webview: `/` is the page (a fresh nonce per request, `cspSource` = this origin, as
 * `webview.cspSource` is in VS Code), `/dist/…` and `/media/…` are files of the repository
 * (the webview's `localResourceRoots`), anything else is 404.
 */
export async function serveWebview(panel: { script: string; style: string; title: string }): Promise<WebviewServer> {
  let origin = '';
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    if (url.pathname === '/') {
      const html = buildWebviewHtml({
        cspSource: origin,
        nonce: randomBytes(18).toString('base64'),
        scriptUri: `${origin}/dist/${panel.script}`,
        styleUri: `${origin}/media/${panel.style}`,
        title: panel.title,
      });
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
      return;
    }
    const file = path.normalize(path.join(REPO, decodeURIComponent(url.pathname)));
    const allowed = [path.join(REPO, 'dist') + path.sep, path.join(REPO, 'media') + path.sep].some((root) => file.startsWith(root));
    if (!allowed) {
      res.writeHead(404).end();
      return;
    }
    readFile(file).then(
      (bytes) => res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(bytes),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** What a test page collected: console errors and uncaught exceptions, on the Node side. */
export interface PageLog {
  errors: string[];
}

/**
 * Open the page with the fake VS Code API. `state` is what `getState()` returns at first (a
 * restored panel). In the page: `__vscodeMessages` (posted messages, JSON-cloned),
 * `__vscodeState`, `__cspViolations`.
 */
export async function openWebview(browser: Browser, server: WebviewServer, options: { state?: unknown; width?: number; height?: number } = {}): Promise<{ page: Page; log: PageLog }> {
  const page = await browser.newPage({ viewport: { width: options.width ?? 1100, height: options.height ?? 900 } });
  const log: PageLog = { errors: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') log.errors.push(message.text());
  });
  page.on('pageerror', (error) => log.errors.push(`pageerror: ${error.message}`));
  // A string, not a function: tsx's transform would add `__name(…)` helpers the page lacks.
  await page.addInitScript({ content: `(${FAKE_VSCODE_API})(${JSON.stringify(options.state ?? null)});` });
  await page.goto(`${server.origin}/`);
  return { page, log };
}

/** Runs in the page before its scripts: the fake VS Code API and the CSP-violation recorder. */
const FAKE_VSCODE_API = String.raw`function (state) {
  window.__vscodeMessages = [];
  window.__vscodeState = state === null ? undefined : state;
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', function (event) {
    window.__cspViolations.push({ directive: event.violatedDirective, blocked: event.blockedURI, sample: event.sample });
  });
  var acquired = false;
  window.acquireVsCodeApi = function () {
    // VS Code allows one call per page.
    if (acquired) throw new Error('An instance of the VS Code API has already been acquired');
    acquired = true;
    return {
      postMessage: function (message) { window.__vscodeMessages.push(JSON.parse(JSON.stringify(message))); },
      getState: function () { return window.__vscodeState; },
      setState: function (next) { window.__vscodeState = JSON.parse(JSON.stringify(next)); return next; },
    };
  };
}`;

export interface Posted {
  type: string;
  [key: string]: unknown;
}

export function messages(page: Page): Promise<Posted[]> {
  return page.evaluate(() => (window as unknown as { __vscodeMessages: Posted[] }).__vscodeMessages);
}

export function pageState<T>(page: Page): Promise<T | undefined> {
  return page.evaluate(() => (window as unknown as { __vscodeState: T | undefined }).__vscodeState);
}

export function cspViolations(page: Page): Promise<unknown[]> {
  return page.evaluate(() => (window as unknown as { __cspViolations: unknown[] }).__cspViolations);
}

/** Deliver a host → webview message, as VS Code does (a `message` event on the window). */
export async function sendToWebview(page: Page, message: unknown): Promise<void> {
  await page.evaluate((m) => window.postMessage(m, '*'), message);
}

/** Wait until the webview has posted a message of `type` beyond the first `after` messages. */
export async function waitForPosted(page: Page, type: string, after = 0, timeout = 30_000): Promise<Posted> {
  const handle = await page.waitForFunction(
    ([t, a]) => (window as unknown as { __vscodeMessages: Posted[] }).__vscodeMessages.slice(a).find((m) => m.type === t),
    [type, after] as const,
    { timeout, polling: 20 },
  );
  return (await handle.jsonValue()) as Posted;
}

/** Clear recorded messages (to wait for the next one of a type). */
export async function clearMessages(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { __vscodeMessages: Posted[] }).__vscodeMessages.length = 0;
  });
}
