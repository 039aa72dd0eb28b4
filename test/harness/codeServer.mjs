// Real-VS-Code test harness: runs the extension inside code-server 4.100.3 (VS Code
// 1.100.3 for the Web with a Node extension host) driven by Playwright + Debian's
// chromium. This is the offline stand-in for @vscode/test-electron, which cannot
// download a desktop VS Code on these machines.
//
// Install code-server first with scripts/install-code-server.sh.
//
// Two ways in:
//   runExtensionTests() - the @vscode/test-electron model: the workbench loads the
//     extension under development and calls the test module's run() in the extension
//     host. Results come back through a JSON file named by $COMPUTE_DIVIDE_TEST_RESULTS
//     (and, as a second signal, window.codeAutomationExit).
//   openWorkbench() - a live workbench page for Playwright UI tests and screenshots.

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const CODE_SERVER_VERSION = '4.100.3';
/** Environment variable through which run() learns where to write its results. */
export const RESULTS_ENV = 'COMPUTE_DIVIDE_TEST_RESULTS';
const CHROMIUM = '/usr/bin/chromium';
const MARKER = '.compute-divide-install-complete';

/** Settings every harness run starts from; callers' settings override them. */
export const DEFAULT_SETTINGS = Object.freeze({
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
});

/** Where scripts/install-code-server.sh puts code-server (same default, same override). */
export function codeServerDir() {
  return (
    process.env.CODE_SERVER_DIR ||
    path.join(os.homedir(), '.cache', 'compute-divide', `code-server-${CODE_SERVER_VERSION}`)
  );
}

// ---------------------------------------------------------------------------
// Process bookkeeping: every server runs in its own process group (code-server leaves
// helper processes behind when only its PID is killed), and no group may outlive us.
// ---------------------------------------------------------------------------

const liveGroups = new Set();
const liveTempDirs = new Set(); // removed by their owner, or at exit if it never got to
let exitHooksInstalled = false;

function killGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false; // ESRCH: the group is already gone
  }
}

/**
 * True while the group has a process that is not a zombie. kill(-pgid, 0) alone also
 * counts zombies: orphaned helpers of code-server wait for PID 1 to reap them, which
 * on some machines takes seconds, and they cannot do anything any more.
 */
function groupAlive(pgid) {
  if (!killGroup(pgid, 0)) return false;
  let pids;
  try {
    pids = fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return true; // no /proc: trust kill()
  }
  for (const pid of pids) {
    let stat;
    try {
      stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    // "pid (comm) state ppid pgrp ..."; comm may contain spaces or ')', so parse from the last ')'.
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(pgrp) === pgid && state !== 'Z') return true;
  }
  return false;
}

function installExitHooks() {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  // 'exit' handlers must be synchronous, hence straight to SIGKILL and rmSync.
  const cleanUpNow = () => {
    for (const pgid of liveGroups) killGroup(pgid, 'SIGKILL');
    liveGroups.clear();
    for (const dir of liveTempDirs) {
      try {
        fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
      } catch {
        // best effort: it is under the OS temp folder anyway
      }
    }
    liveTempDirs.clear();
  };
  process.on('exit', cleanUpNow);
  // A signal's default action skips 'exit'; clean up, then die of the same signal
  // so the caller still sees the usual exit status (unless someone else, e.g.
  // Playwright's own SIGTERM handler, also listens and so decides).
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(sig, () => {
      cleanUpNow();
      process.kill(process.pid, sig);
    });
  }
}

/** Ends a process group: SIGTERM, then SIGKILL if anything is left after graceMs. */
async function stopGroup(pgid, graceMs = 3000) {
  if (!killGroup(pgid, 'SIGTERM')) {
    liveGroups.delete(pgid);
    return;
  }
  const deadline = Date.now() + graceMs;
  while (groupAlive(pgid) && Date.now() < deadline) await sleep(100);
  if (groupAlive(pgid)) {
    debug(`process group ${pgid} still alive ${graceMs} ms after SIGTERM; SIGKILL`);
    killGroup(pgid, 'SIGKILL');
    while (groupAlive(pgid)) await sleep(50);
  }
  liveGroups.delete(pgid);
}

// ---------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** HARNESS_DEBUG=1 prints phase timings to stderr. */
const debug = process.env.HARNESS_DEBUG
  ? (...a) => console.error(`[harness ${new Date().toISOString().slice(11, 23)}]`, ...a)
  : () => {};

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Keeps the last `max` lines of a stream (code-server is chatty; we only need the tail). */
class LineTail {
  constructor(max = 400) {
    this.max = max;
    this.lines = [];
    this.partial = '';
  }
  push(chunk) {
    const parts = (this.partial + chunk).split('\n');
    this.partial = parts.pop();
    this.lines.push(...parts);
    if (this.lines.length > this.max) this.lines.splice(0, this.lines.length - this.max);
  }
  text(n = this.max) {
    const all = this.partial ? [...this.lines, this.partial] : this.lines;
    return all.slice(-n).join('\n');
  }
}

function nodeForCodeServer() {
  // Native modules were built for Node 20's ABI by the install script.
  if (process.env.CODE_SERVER_NODE) return process.env.CODE_SERVER_NODE;
  if (process.versions.node.split('.')[0] === '20') return process.execPath;
  return 'node'; // the machine's Node 20 on PATH, when the harness itself runs on another Node
}

function assertInstalled() {
  const dir = codeServerDir();
  if (!fs.existsSync(path.join(dir, MARKER))) {
    throw new Error(
      `code-server ${CODE_SERVER_VERSION} is not installed in ${dir}; run scripts/install-code-server.sh first`,
    );
  }
  return dir;
}

/**
 * Environment for code-server and so for the extension host it forks. Variables
 * from a surrounding VS Code would make code-server hand the folder to that editor
 * (VSCODE_IPC_HOOK_CLI) or make Node behave as Electron.
 */
function childEnv(extra = {}) {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (key.startsWith('VSCODE_') || key === 'ELECTRON_RUN_AS_NODE') delete env[key];
  }
  return { ...env, ...extra };
}

async function makeTempDir(prefix) {
  installExitHooks();
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), `compute-divide-${prefix}-`));
  liveTempDirs.add(dir);
  return dir;
}

async function removeTempDir(dir) {
  await fsp.rm(dir, { recursive: true, force: true, maxRetries: 3 });
  liveTempDirs.delete(dir);
}

/** vscode-remote URI for an absolute server path, as the workbench's payload expects. */
function remoteUri(port, absPath) {
  return `vscode-remote://127.0.0.1:${port}${path.resolve(absPath)}`;
}

// ---------------------------------------------------------------------------
// code-server
// ---------------------------------------------------------------------------

/**
 * Starts code-server on a free 127.0.0.1 port.
 *
 * @param {object} opts
 * @param {string} [opts.workspace]      folder to open (default: a new empty temp folder)
 * @param {string} [opts.userDataDir]    default: temp folder, removed on stop()
 * @param {string} [opts.extensionsDir]  default: temp folder, removed on stop()
 * @param {object} [opts.settings]       user settings, merged over DEFAULT_SETTINGS
 * @param {object} [opts.env]            extra environment for code-server and its extension host
 * @param {number} [opts.startTimeoutMs=60000]
 * @returns {Promise<{port:number, baseUrl:string, workspace:string, userDataDir:string,
 *   extensionsDir:string, url:(extra?:string|object)=>string, output:(lines?:number)=>string,
 *   exited:Promise<number|null>, pid:number, stop:()=>Promise<void>}>}
 */
export async function startCodeServer({
  workspace,
  userDataDir,
  extensionsDir,
  settings = {},
  env = {},
  startTimeoutMs = 60000,
} = {}) {
  const dir = assertInstalled();
  installExitHooks();

  const owned = []; // temp folders we created and so remove on stop()
  if (!workspace) owned.push((workspace = await makeTempDir('ws')));
  if (!userDataDir) owned.push((userDataDir = await makeTempDir('user')));
  if (!extensionsDir) owned.push((extensionsDir = await makeTempDir('ext')));
  workspace = path.resolve(workspace);
  userDataDir = path.resolve(userDataDir);
  extensionsDir = path.resolve(extensionsDir);
  await fsp.mkdir(extensionsDir, { recursive: true });

  // code-server (like VS Code server) keeps user settings on the server side in
  // <user-data-dir>/User/settings.json; the web workbench reads them from there.
  await fsp.mkdir(path.join(userDataDir, 'User'), { recursive: true });
  await fsp.writeFile(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...DEFAULT_SETTINGS, ...settings }, null, 2),
  );
  // Without --config code-server writes ~/.config/code-server/config.yaml (with a
  // generated password) on first start; an empty file of our own keeps $HOME clean.
  const configFile = path.join(userDataDir, 'code-server-config.yaml');
  await fsp.writeFile(configFile, '');

  let lastError;
  // A port picked by freePort() can be taken before code-server binds it; retry then.
  for (let attempt = 1; attempt <= 3; attempt++) {
    const port = await freePort();
    try {
      const server = await spawnServer({
        dir, port, workspace, userDataDir, extensionsDir, configFile, env, startTimeoutMs,
      });
      const stop = once_(async () => {
        await server.stop();
        await Promise.all(owned.map(removeTempDir));
      });
      debug(`code-server ready on ${server.baseUrl} (pid ${server.pid})`);
      return { ...server, workspace, userDataDir, extensionsDir, stop };
    } catch (err) {
      lastError = err;
      if (!/EADDRINUSE/.test(String(err.message))) break;
    }
  }
  await Promise.all(owned.map(removeTempDir));
  throw lastError;
}

async function spawnServer({ dir, port, workspace, userDataDir, extensionsDir, configFile, env, startTimeoutMs }) {
  const args = [
    path.join(dir, 'out', 'node', 'entry.js'),
    '--config', configFile,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    workspace,
  ];

  // The server runs under a tiny shell watchdog in the same (new) process group: the
  // background subshell blocks reading a pipe whose only writer is this Node process,
  // so if we die in any way, even SIGKILL, it reads EOF and takes the group down.
  // `exec` keeps code-server's PID equal to the group id, so `child` tracks code-server.
  const script =
    'exec 3<&0; ' +
    '( read -r _ <&3; trap "" TERM; kill -TERM -- -$$ 2>/dev/null; sleep 3; kill -KILL -- -$$ 2>/dev/null ) & ' +
    'exec 3<&- 0</dev/null; exec "$@"';
  const child = spawn('/bin/bash', ['-c', script, 'code-server', nodeForCodeServer(), ...args], {
    cwd: workspace,
    env: childEnv(env),
    detached: true, // setsid: own process group, so stop() can end the whole tree
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const pgid = child.pid;
  liveGroups.add(pgid);

  const tail = new LineTail();
  child.stdout.setEncoding('utf8').on('data', (d) => tail.push(d));
  child.stderr.setEncoding('utf8').on('data', (d) => tail.push(d));
  child.stdin.on('error', () => {}); // EPIPE once the group is gone
  // Resolves with the exit code (null when a signal ended it); exitStatus keeps both for messages.
  let exitStatus;
  const exited = new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      exitStatus = code ?? signal;
      resolve(code);
    }),
  );

  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await stopGroup(pgid);
    child.stdin.destroy();
  };

  // Ready when /healthz answers; fail fast if code-server dies first.
  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    if (exitStatus !== undefined) {
      await stop();
      throw new Error(`code-server exited (${exitStatus}) before it was ready:\n${tail.text(60)}`);
    }
    try {
      const res = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer ${baseUrl}/healthz within ${startTimeoutMs} ms:\n${tail.text(60)}`);
    }
    await sleep(200);
  }

  /** Workbench URL for the workspace; `extra` is more query: a string ('&a=b') or an object. */
  const url = (extra = '') => {
    let q = `?folder=${encodeURIComponent(workspace)}`;
    const more = typeof extra === 'string' ? extra.replace(/^&/, '') : new URLSearchParams(extra).toString();
    if (more) q += `&${more}`;
    return `${baseUrl}/${q}`;
  };

  return { port, baseUrl, url, output: (n) => tail.text(n), exited, pid: child.pid, stop };
}

/** Wraps an async function so that later calls share the first call's promise. */
function once_(fn) {
  let p;
  return () => (p ??= fn());
}

// ---------------------------------------------------------------------------
// Browser
// ---------------------------------------------------------------------------

/** Headless Debian chromium via playwright-core (which must never download a browser). */
export async function launchBrowser({ headless = true, args = [] } = {}) {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found; run scripts/install-code-server.sh (it installs Debian's chromium)`);
  }
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      // Containers often have a small /dev/shm; chromium then crashes on big pages.
      '--disable-dev-shm-usage',
      ...args,
    ],
  });
}

/** Records console messages and page errors so failures can show what the workbench said. */
function watchPage(page, sink, { automationLog = false } = {}) {
  page.on('console', (msg) => {
    const text = msg.text();
    // '%c'-styled lines are the workbench logger, which codeAutomationLog also
    // delivers (unstyled) during extension tests; keep one copy.
    if (automationLog && text.startsWith('%c')) return;
    sink.push(`[console.${msg.type()}] ${text.replace(/^%c\s*(\w+)\s+color:\s*#\w+\s/, '$1 ')}`);
  });
  page.on('pageerror', (err) => sink.push(`[pageerror] ${err.message}`));
  page.on('crash', () => sink.push('[page crashed]'));
}

const isErrorLine = (l) => /^\[(console\.error|pageerror|page crashed)/.test(l);

/** Offline noise the workbench always logs; kept in logs but not shown as "errors". */
const NOISE = [
  /vsda/i, /marketplace|gallery|open-vsx/i, /telemetry/i, /Failed to load resource/i, /ENOTFOUND|ERR_NAME_NOT_RESOLVED/,
];

function consoleErrors(logs, n = 30) {
  return logs.filter((l) => isErrorLine(l) && !NOISE.some((re) => re.test(l))).slice(-n);
}

// ---------------------------------------------------------------------------
// Extension tests in the real extension host
// ---------------------------------------------------------------------------

/**
 * Runs an extension's integration tests in code-server's extension host, like
 * @vscode/test-electron's runTests().
 *
 * The test module's run() receives $COMPUTE_DIVIDE_TEST_RESULTS (an absolute file path)
 * and must write `{passed, failed, failures:[{title,error}]}` there as JSON when done
 * (write to a temp name and rename, so the harness never reads half a file).
 *
 * @param {object} opts
 * @param {string} opts.extensionDevelopmentPath  folder with the extension's package.json
 * @param {string} opts.extensionTestsPath        the test module (file exporting run())
 * @param {string} [opts.workspace]               folder to open (default: empty temp folder)
 * @param {object} [opts.settings]                user settings
 * @param {number} [opts.timeoutMs=180000]        for the whole run, server start included
 * @param {object} [opts.env]                     extra environment for the extension host
 * @returns {Promise<{passed:number, failed:number, failures:{title:string,error:string}[],
 *   tests?:object[], logs:string[], exitCode:number|null, durationMs:number, details:object}>}
 *   `tests` is passed through when run() writes one; `details` is the whole results file.
 */
export async function runExtensionTests({
  extensionDevelopmentPath,
  extensionTestsPath,
  workspace,
  settings = {},
  timeoutMs = 180000,
  env = {},
}) {
  if (!extensionDevelopmentPath || !extensionTestsPath) {
    throw new Error('runExtensionTests needs extensionDevelopmentPath and extensionTestsPath');
  }
  const started = Date.now();
  const scratch = await makeTempDir('results');
  const resultsFile = path.join(scratch, 'results.json');
  const logs = [];
  let server;
  let browser;
  try {
    server = await startCodeServer({ workspace, settings, env: { ...env, [RESULTS_ENV]: resultsFile } });
    browser = await launchBrowser();
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    watchPage(page, logs, { automationLog: true });

    let exitCode = null;
    let onExit;
    const exitSignal = new Promise((r) => (onExit = r));
    // The workbench calls these when it runs extension tests; they must exist before
    // the page's scripts run, hence before goto().
    await page.exposeFunction('codeAutomationExit', (code, logFiles) => {
      exitCode = code;
      logs.push(`[codeAutomationExit] ${code}`);
      for (const f of logFiles ?? []) {
        if (/exthost|remoteexthost|extensionhost/i.test(f.relativePath)) {
          logs.push(`[log ${f.relativePath}]\n${String(f.contents).slice(-20000)}`);
        }
      }
      onExit(code);
    });
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      logs.push(`[automation.${type}] ${(args ?? []).map(String).join(' ')}`);
    });

    const payload = [
      ['extensionDevelopmentPath', remoteUri(server.port, extensionDevelopmentPath)],
      ['extensionTestsPath', remoteUri(server.port, extensionTestsPath)],
      ['skipWelcome', 'true'],
    ];
    const remaining = () => timeoutMs - (Date.now() - started);
    await page.goto(server.url(`&payload=${encodeURIComponent(JSON.stringify(payload))}`), {
      timeout: Math.max(1000, remaining()),
    });
    debug('workbench page loaded; waiting for run() to finish');

    // Whichever signal comes first; the file is authoritative for the counts.
    const outcome = await Promise.race([
      waitForFile(resultsFile, remaining()).then((results) => ({ results })),
      exitSignal.then((code) => ({ code })),
      server.exited.then((code) => ({ serverExit: code ?? 'signal' })),
      sleep(Math.max(0, remaining())).then(() => ({ timeout: true })),
    ]);

    if (outcome.timeout || outcome.serverExit !== undefined) {
      const why = outcome.timeout
        ? `timed out after ${timeoutMs} ms waiting for ${RESULTS_ENV} results or codeAutomationExit`
        : `code-server exited (${outcome.serverExit}) during the test run`;
      throw new Error(
        `runExtensionTests: ${why}\n` +
          `--- code-server output (tail) ---\n${server.output(40)}\n` +
          `--- extension host log (tail) ---\n${await extHostLogTail(server.userDataDir, 30)}\n` +
          `--- browser console errors ---\n${consoleErrors(logs).join('\n') || '(none)'}`,
      );
    }

    debug('first signal:', outcome.results ? 'results file' : `codeAutomationExit(${outcome.code})`);
    let results = outcome.results;
    if (results) {
      // run() writes the file just before it returns; give the exit code a moment to arrive.
      await Promise.race([exitSignal, sleep(2000)]);
    } else {
      // codeAutomationExit came first: the file may still be on its way, or never come
      // (run() threw before writing it).
      results = await waitForFile(resultsFile, 2000).catch(() => null);
    }
    if (!results) {
      results = {
        passed: 0,
        failed: 1,
        failures: [{
          title: 'extension test run',
          error: `run() ended with exit code ${exitCode} without writing ${RESULTS_ENV}; ` +
            `console errors:\n${consoleErrors(logs, 15).join('\n')}`,
        }],
      };
    } else if (exitCode && exitCode !== 0 && !results.failed) {
      // The results claim success but run() rejected: do not let that pass.
      results.failed = 1;
      results.failures = [...(results.failures ?? []),
        { title: 'extension test run', error: `run() rejected (exit code ${exitCode}) after writing passing results` }];
    }
    logs.push(`[log remoteexthost.log]\n${await extHostLogTail(server.userDataDir, 200)}`);
    return {
      passed: Number(results.passed) || 0,
      failed: Number(results.failed) || 0,
      failures: Array.isArray(results.failures) ? results.failures : [],
      tests: Array.isArray(results.tests) ? results.tests : undefined,
      logs,
      exitCode,
      durationMs: Date.now() - started,
      details: results, // the file as run() wrote it, extra fields included
    };
  } finally {
    await browser?.close().catch(() => {});
    await server?.stop();
    await removeTempDir(scratch);
    debug(`runExtensionTests done in ${Date.now() - started} ms`);
  }
}

/**
 * Tail of the Node extension host's own log (activation errors, uncaught exceptions
 * end up there rather than in the browser console).
 */
async function extHostLogTail(userDataDir, lines = 60) {
  try {
    const logsRoot = path.join(userDataDir, 'logs');
    const sessions = (await fsp.readdir(logsRoot)).sort();
    for (const session of sessions.reverse()) {
      const dirs = (await fsp.readdir(path.join(logsRoot, session))).filter((d) => d.startsWith('exthost')).sort();
      for (const d of dirs.reverse()) {
        const file = path.join(logsRoot, session, d, 'remoteexthost.log');
        const text = await fsp.readFile(file, 'utf8').catch(() => null);
        if (text !== null) return text.split('\n').slice(-lines).join('\n');
      }
    }
  } catch {
    // no logs yet
  }
  return '(no extension host log)';
}

/** Resolves with the parsed JSON once `file` exists and parses; rejects after timeoutMs. */
async function waitForFile(file, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return JSON.parse(await fsp.readFile(file, 'utf8'));
    } catch {
      // missing, or caught mid-write
    }
    if (Date.now() > deadline) throw new Error(`no results file ${file} after ${timeoutMs} ms`);
    await sleep(200);
  }
}

// ---------------------------------------------------------------------------
// Workbench for UI tests
// ---------------------------------------------------------------------------

/**
 * Opens the workbench in headless chromium and waits until it is usable.
 * Webviews: page.frameLocator('iframe.webview.ready').frameLocator('#active-frame').
 *
 * @param {object} opts
 * @param {string} [opts.workspace]
 * @param {string} [opts.userDataDir]
 * @param {string} [opts.extensionsDir]   e.g. after installVsix()
 * @param {object} [opts.settings]        e.g. {'workbench.colorTheme': 'Default Light Modern'}
 * @param {string} [opts.extensionDevelopmentPath]  load an unpacked extension
 * @param {object} [opts.env]
 * @param {{width:number,height:number}} [opts.viewport]
 * @returns {Promise<{page, browser, server, logs:string[], close:()=>Promise<void>}>}
 */
export async function openWorkbench({
  workspace,
  userDataDir,
  extensionsDir,
  settings = {},
  extensionDevelopmentPath,
  env = {},
  viewport = { width: 1280, height: 800 },
  timeoutMs = 90000,
} = {}) {
  const logs = [];
  const server = await startCodeServer({ workspace, userDataDir, extensionsDir, settings, env });
  let browser;
  try {
    browser = await launchBrowser();
    const page = await browser.newPage({ viewport });
    watchPage(page, logs);
    const payload = [['skipWelcome', 'true']];
    if (extensionDevelopmentPath) {
      payload.unshift(['extensionDevelopmentPath', remoteUri(server.port, extensionDevelopmentPath)]);
    }
    await page.goto(server.url(`&payload=${encodeURIComponent(JSON.stringify(payload))}`), { timeout: timeoutMs });
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: timeoutMs });
    await page.locator('.part.activitybar').waitFor({ state: 'visible', timeout: timeoutMs });
    debug('workbench ready');
    const close = once_(async () => {
      await browser.close().catch(() => {});
      await server.stop();
    });
    return { page, browser, server, logs, close };
  } catch (err) {
    await browser?.close().catch(() => {});
    await server.stop();
    err.message += `\n--- code-server output (tail) ---\n${server.output(40)}` +
      `\n--- browser console errors ---\n${consoleErrors(logs).join('\n') || '(none)'}`;
    throw err;
  }
}

// ---------------------------------------------------------------------------
// Extensions
// ---------------------------------------------------------------------------

/**
 * Installs a .vsix into extensionsDir with code-server's CLI.
 * @returns {Promise<string>} the CLI's output
 */
export async function installVsix(vsixPath, extensionsDir) {
  const dir = assertInstalled();
  const scratch = await makeTempDir('cli'); // keeps the CLI's user data out of $HOME
  try {
    const configFile = path.join(scratch, 'config.yaml');
    await fsp.writeFile(configFile, '');
    await fsp.mkdir(extensionsDir, { recursive: true });
    const child = spawn(
      nodeForCodeServer(),
      [
        path.join(dir, 'out', 'node', 'entry.js'),
        '--config', configFile,
        '--user-data-dir', scratch,
        '--extensions-dir', path.resolve(extensionsDir),
        '--install-extension', path.resolve(vsixPath),
      ],
      { env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120000);
    const [code, signal] = await once(child, 'close');
    clearTimeout(timer);
    // Trust the words as well as the exit code: VS Code's CLI has exited 0 after
    // "Failed Installing Extensions: ..." in some versions.
    if (code !== 0 || signal || /Failed Installing Extensions/i.test(out)) {
      throw new Error(`installVsix(${vsixPath}) failed (exit ${code ?? signal}):\n${out.trim()}`);
    }
    return out;
  } finally {
    await removeTempDir(scratch);
  }
}
