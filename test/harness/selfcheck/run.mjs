// Self-check for test/harness/codeServer.mjs: proves, against the tiny extension in
// ./extension, that code-server starts, that run() executes in the real extension host
// with our settings and environment, that passes, failures and hangs are all reported,
// that the workbench can be driven by Playwright, and that installVsix reports errors.
//
//   bash scripts/install-code-server.sh        # once
//   node test/harness/selfcheck/run.mjs         # everything, about a minute
//   node test/harness/selfcheck/run.mjs --quick # skip the failure and time-out cases
//
// Leaves a screenshot in test-results/harness-selfcheck.png: look at it.

import assert from 'node:assert/strict';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { installVsix, openWorkbench, runExtensionTests } from '../codeServer.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..', '..');
const extensionDevelopmentPath = path.join(here, 'extension');
const extensionTestsPath = path.join(extensionDevelopmentPath, 'test', 'index.js');
const screenshotPath = path.join(repoRoot, 'test-results', 'harness-selfcheck.png');
const quick = process.argv.includes('--quick');

const workspace = await fsp.mkdtemp(path.join(os.tmpdir(), 'compute-divide-selfcheck-ws-'));
await fsp.writeFile(path.join(workspace, 'hello.txt'), 'hello from the harness self-check\n');

// What the test module inside the extension host checks for (see extension/test/index.js).
const suite = {
  extensionDevelopmentPath,
  extensionTestsPath,
  workspace,
  settings: { 'harnessSelfcheck.probe': 'from-user-settings', 'workbench.colorTheme': 'Default Light Modern' },
  env: { HARNESS_SELFCHECK_MARK: 'env-reaches-extension-host', HARNESS_SELFCHECK_WORKSPACE: workspace },
  timeoutMs: 120000,
};
const EXPECTED_PASSES = 7;

const checks = [];
const check = (name, fn, { slow = false } = {}) => checks.push({ name, fn, slow });

/** Shows what the extension host said when a check about run() fails. */
function describe(result) {
  const failures = result.failures.map((f) => `  - ${f.title}: ${f.error.split('\n')[0]}`).join('\n');
  const tail = result.logs.filter((l) => !l.startsWith('[log ')).slice(-25).join('\n');
  return `passed=${result.passed} failed=${result.failed} exitCode=${result.exitCode}\n${failures}\n${tail}`;
}

check('runExtensionTests: a passing suite reports its passes', async () => {
  const r = await runExtensionTests(suite);
  assert.equal(r.failed, 0, describe(r));
  assert.equal(r.passed, EXPECTED_PASSES, describe(r));
  assert.equal(r.exitCode, 0, `codeAutomationExit did not report 0\n${describe(r)}`);
  assert.equal(r.details.info.vscodeVersion, '1.100.3');
  return `${r.passed} passed in ${(r.durationMs / 1000).toFixed(1)} s (code-server start to stop)`;
});

check('runExtensionTests: failures come back with titles and errors', async () => {
  const r = await runExtensionTests({ ...suite, env: { ...suite.env, HARNESS_SELFCHECK_FAIL: '1' } });
  assert.equal(r.passed, EXPECTED_PASSES, describe(r));
  assert.equal(r.failed, 1, describe(r));
  assert.equal(r.failures[0].title, 'fails on purpose');
  assert.match(r.failures[0].error, /deliberate failure/);
  assert.equal(r.exitCode, 1, 'run() threw, so codeAutomationExit should report 1');
  return `${r.failed} failure reported, exit code ${r.exitCode}`;
}, { slow: true });

check('runExtensionTests: a run() that never settles times out with a clear message', async () => {
  const started = Date.now();
  await assert.rejects(
    runExtensionTests({ ...suite, timeoutMs: 25000, env: { ...suite.env, HARNESS_SELFCHECK_HANG: '1' } }),
    (err) => {
      assert.match(err.message, /timed out after 25000 ms/);
      assert.match(err.message, /code-server output \(tail\)/);
      assert.match(err.message, /browser console errors/);
      return true;
    },
  );
  return `rejected after ${((Date.now() - started) / 1000).toFixed(1)} s`;
}, { slow: true });

check('openWorkbench: activity-bar container, tree, command, screenshot', async () => {
  const wb = await openWorkbench({
    workspace,
    extensionDevelopmentPath,
    settings: { 'workbench.colorTheme': 'Default Dark Modern' },
  });
  try {
    const { page } = wb;
    // The theme setting took effect (the dark theme puts .vs-dark on the workbench).
    await page.locator('.monaco-workbench.vs-dark').waitFor({ timeout: 10000 });
    // The container's icon appears once the extension's contributions are registered.
    const icon = page.locator('.part.activitybar a.action-label[aria-label^="Harness Selfcheck"]');
    await icon.waitFor({ state: 'visible', timeout: 30000 });
    await icon.click();
    const row = (text) => page.locator('.part.sidebar .monaco-list-row', { hasText: text });
    await row('From the selfcheck tree').waitFor({ state: 'visible', timeout: 30000 });
    // A tree item runs the command; its notification proves the round trip.
    await row('Hello').click();
    await page
      .locator('.notification-toast', { hasText: 'Hello from the harness selfcheck' })
      .waitFor({ state: 'visible', timeout: 15000 });
    // Park the mouse (the activity-bar hover would cover the tree) and let the toast's
    // slide-in finish, so the screenshot is the same every run.
    await page.mouse.move(800, 300);
    await page.waitForTimeout(500);
    await fsp.mkdir(path.dirname(screenshotPath), { recursive: true });
    await page.screenshot({ path: screenshotPath, animations: 'disabled' });
    return path.relative(repoRoot, screenshotPath);
  } finally {
    await wb.close();
  }
});

check('installVsix: a missing file is a clean error', async () => {
  const extensionsDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'compute-divide-selfcheck-ext-'));
  try {
    const missing = path.join(workspace, 'does-not-exist.vsix');
    await assert.rejects(installVsix(missing, extensionsDir), (err) => {
      assert.match(err.message, /installVsix\(.*does-not-exist\.vsix\) failed/);
      assert.ok(err.message.includes(missing), `the CLI output should name the file:\n${err.message}`);
      return true;
    });
    return 'rejected with the CLI output';
  } finally {
    await fsp.rm(extensionsDir, { recursive: true, force: true });
  }
});

let passed = 0;
let failed = 0;
const started = Date.now();
try {
  for (const { name, fn, slow } of checks) {
    if (slow && quick) continue;
    const t = Date.now();
    try {
      const note = await fn();
      passed++;
      console.log(`ok   ${name} (${((Date.now() - t) / 1000).toFixed(1)} s)${note ? ` - ${note}` : ''}`);
    } catch (err) {
      failed++;
      console.log(`FAIL ${name} (${((Date.now() - t) / 1000).toFixed(1)} s)\n${String(err?.stack ?? err).replace(/^/gm, '     ')}`);
    }
  }
} finally {
  await fsp.rm(workspace, { recursive: true, force: true });
}
console.log(`harness self-check finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
