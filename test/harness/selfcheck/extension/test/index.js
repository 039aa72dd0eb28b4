// Test module for the harness self-check, run inside the real extension host.
// Deliberately mocha-free: a handful of checks, the results written as JSON to the file
// named by $COMPUTE_DIVIDE_TEST_RESULTS, which is how test/harness/codeServer.mjs
// learns the outcome. Same contract as the project's real integration suite.
'use strict';
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const vscode = require('vscode');

const EXTENSION_ID = 'compute-divide-test.harness-selfcheck';

const tests = [
  ['runs in VS Code 1.100 for the Web', () => {
    assert.match(vscode.version, /^1\.100\./);
    assert.strictEqual(vscode.env.uiKind, vscode.UIKind.Web);
  }],
  ['sees the environment the harness gave code-server', () => {
    assert.ok(process.env.COMPUTE_DIVIDE_TEST_RESULTS, 'COMPUTE_DIVIDE_TEST_RESULTS is not set');
    assert.strictEqual(process.env.HARNESS_SELFCHECK_MARK, 'env-reaches-extension-host');
  }],
  ['opens the workspace folder', () => {
    const folders = vscode.workspace.workspaceFolders || [];
    assert.strictEqual(folders.length, 1);
    assert.strictEqual(folders[0].uri.fsPath, process.env.HARNESS_SELFCHECK_WORKSPACE);
  }],
  ['reads user settings written by the harness', () => {
    assert.strictEqual(vscode.workspace.getConfiguration('harnessSelfcheck').get('probe'), 'from-user-settings');
    assert.strictEqual(vscode.workspace.getConfiguration('workbench').get('colorTheme'), 'Default Light Modern');
    assert.strictEqual(vscode.window.activeColorTheme.kind, vscode.ColorThemeKind.Light);
  }],
  ['activates the extension', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not loaded`);
    const api = await ext.activate();
    assert.deepStrictEqual(api.treeItems(), ['Hello', 'World', 'From the selfcheck tree']);
  }],
  ['runs the command', async () => {
    const all = await vscode.commands.getCommands(true);
    assert.ok(all.includes('harnessSelfcheck.hello'));
    assert.strictEqual(await vscode.commands.executeCommand('harnessSelfcheck.hello'), 'hello from selfcheck');
  }],
  ['focuses the tree view', async () => {
    await vscode.commands.executeCommand('harnessSelfcheck.tree.focus');
  }],
];

// Hooks that let run.mjs prove the harness reports failures and time-outs.
if (process.env.HARNESS_SELFCHECK_FAIL === '1') {
  tests.push(['fails on purpose', () => assert.strictEqual(1 + 1, 3, 'deliberate failure')]);
}

function writeResults(results) {
  const file = process.env.COMPUTE_DIVIDE_TEST_RESULTS;
  if (!file) return; // run by something other than the harness (e.g. @vscode/test-electron)
  // Write-then-rename so the harness never reads a half-written file.
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  fs.writeFileSync(tmp, JSON.stringify(results, null, 2));
  fs.renameSync(tmp, file);
}

exports.run = async function run() {
  if (process.env.HARNESS_SELFCHECK_HANG === '1') {
    await new Promise(() => {}); // never settles: the harness must time out cleanly
  }
  const results = { passed: 0, failed: 0, failures: [] };
  for (const [title, fn] of tests) {
    try {
      await fn();
      results.passed++;
      console.log(`  ok  ${title}`);
    } catch (err) {
      results.failed++;
      results.failures.push({ title, error: String((err && err.stack) || err) });
      console.error(`  FAIL ${title}: ${err && err.message}`);
    }
  }
  results.info = {
    vscodeVersion: vscode.version,
    uiKind: vscode.env.uiKind === vscode.UIKind.Web ? 'Web' : 'Desktop',
    node: process.version,
    appName: vscode.env.appName,
  };
  writeResults(results);
  if (results.failed) throw new Error(`${results.failed} test(s) failed`);
};
