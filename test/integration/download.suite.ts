import { strict as assert } from 'node:assert';
import { readdir, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { COMMAND_IDS } from '../../src/host/commandIds';
import type { ComputeDivideApi } from '../../src/extension';
import { activateExtension, waitForState, workspaceFolder } from './helpers';

/**
 * The test corpus folder, passed in by the outer runner as COMPUTE_DIVIDE_TEST_DATA (the value of
 * test/support/paths.ts there; this bundle runs inside VS Code, away from the repository).
 */
function sharedEpochFile(): string {
  const dir = process.env.COMPUTE_DIVIDE_TEST_DATA;
  if (!dir) throw new Error('COMPUTE_DIVIDE_TEST_DATA is not set (the outer runner passes the test corpus folder)');
  return path.join(dir, 'epoch', 'pcd_notable_ml_systems_2022-09.csv');
}

/**
 * "Download Epoch Dataset" against a server on 127.0.0.1 serving a real Epoch snapshot, plus the
 * failures: an HTTP error, a connection cut short, a file that is not an Epoch table, a `data:` URL
 * (given or redirected to) and a file over the size limit. Nothing
 * half-written may stay behind, and no existing file may be replaced.
 */
export function registerDownloadSuite(): void {
  describe('Download Epoch Dataset', function () {
    let api: ComputeDivideApi;
    let server: Server;
    let base: string;
    let body: Buffer;

    before(async function () {
      api = await activateExtension();
      body = await readFile(sharedEpochFile());
      server = createServer((req, res) => {
        if (req.url === '/notable_ai_models.csv') {
          res.writeHead(200, { 'content-type': 'text/csv', 'content-length': body.length });
          res.end(body);
        } else if (req.url === '/truncated.csv') {
          res.writeHead(200, { 'content-type': 'text/csv', 'content-length': body.length });
          res.write(body.subarray(0, 5000));
          setTimeout(() => res.destroy(), 50);
        } else if (req.url === '/moved.csv') {
          res.writeHead(302, { location: '/notable_ai_models.csv' });
          res.end();
        } else if (req.url === '/to-data.csv') {
          res.writeHead(302, { location: 'data:text/csv,Model,Organization%0AGPT,OpenAI' });
          res.end();
        } else if (req.url === '/page.csv') {
          res.writeHead(200, { 'content-type': 'text/html' });
          res.end('<html><body>Not found, but with a 200</body></html>');
        } else {
          res.writeHead(404);
          res.end('not here');
        }
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    after(async function () {
      server.close();
      await vscode.workspace.getConfiguration('computeDivide').update('downloadUrl', undefined, vscode.ConfigurationTarget.Workspace);
      await vscode.workspace.getConfiguration('computeDivide').update('downloadMaxMegabytes', undefined, vscode.ConfigurationTarget.Workspace);
    });

    async function listing(): Promise<string[]> {
      return (await readdir(workspaceFolder().fsPath)).sort();
    }

    async function download(url: string): Promise<vscode.Uri | undefined> {
      await vscode.workspace.getConfiguration('computeDivide').update('downloadUrl', url, vscode.ConfigurationTarget.Workspace);
      return vscode.commands.executeCommand<vscode.Uri | undefined>(COMMAND_IDS.downloadDataset);
    }

    for (const [what, file] of [
      ['an HTTP 404', '/missing.csv'],
      ['a connection cut short', '/truncated.csv'],
      ['a page that is not an Epoch table', '/page.csv'],
      ['a redirect to a data: URL', '/to-data.csv'],
      ['a data: URL in the setting', 'data:text/csv,Model,Organization%0AGPT,OpenAI'],
      ['a file larger than computeDivide.downloadMaxMegabytes', '/notable_ai_models.csv?limit'],
    ] as const) {
      it(`leaves nothing behind after ${what}`, async function () {
        const before = await listing();
        const loadedBefore = api.dataset.state.kind === 'loaded' ? api.dataset.state.uri.fsPath : undefined;
        // The real table is 170,434 bytes; 0.1 MB is 100,000.
        const limit = file.endsWith('?limit') ? 0.1 : undefined;
        await vscode.workspace.getConfiguration('computeDivide').update('downloadMaxMegabytes', limit, vscode.ConfigurationTarget.Workspace);
        const saved = await download(file.startsWith('data:') ? file : `${base}${file.replace('?limit', '')}`);
        assert.equal(saved, undefined);
        assert.deepEqual(await listing(), before);
        assert.equal(api.dataset.state.kind === 'loaded' ? api.dataset.state.uri.fsPath : undefined, loadedBefore);
      });
    }

    it('saves the table atomically into the workspace, remembers it and loads it', async function () {
      await vscode.workspace.getConfiguration('computeDivide').update('downloadMaxMegabytes', undefined, vscode.ConfigurationTarget.Workspace);
      const before = await listing();
      const saved = await download(`${base}/notable_ai_models.csv`);
      assert.ok(saved, 'the command returned the saved file');
      assert.equal(path.dirname(saved.fsPath), workspaceFolder().fsPath);
      assert.deepEqual(await readFile(saved.fsPath), body);
      const after = await listing();
      assert.deepEqual(after.filter((f) => !before.includes(f)), [path.basename(saved.fsPath)]);
      const state = await waitForState(api, (s) => s.kind === 'loaded' && s.uri.fsPath === saved.fsPath);
      assert.equal(state.kind === 'loaded' && state.view.dataset.papers.length, 512);
      assert.equal(vscode.workspace.getConfiguration('computeDivide').get('dataset'), path.basename(saved.fsPath));

      // A second download never replaces the first file.
      const again = await download(`${base}/notable_ai_models.csv`);
      assert.ok(again && again.fsPath !== saved.fsPath);
      assert.deepEqual(await readFile(saved.fsPath), body);
      await vscode.workspace.fs.delete(again);
      await vscode.workspace.fs.delete(saved);
      await vscode.workspace.getConfiguration('computeDivide').update('dataset', undefined, vscode.ConfigurationTarget.Workspace);
    });

    it('follows a redirect on 127.0.0.1 and saves the table under the configured name', async function () {
      const before = await listing();
      const saved = await download(`${base}/moved.csv`);
      assert.ok(saved, 'the command returned the saved file');
      assert.equal(path.basename(saved.fsPath), 'moved.csv');
      assert.deepEqual(await readFile(saved.fsPath), body);
      assert.deepEqual((await listing()).filter((f) => !before.includes(f)), ['moved.csv']);
      await waitForState(api, (s) => s.kind === 'loaded' && s.uri.fsPath === saved.fsPath);
      await vscode.workspace.fs.delete(saved);
      await vscode.workspace.getConfiguration('computeDivide').update('dataset', undefined, vscode.ConfigurationTarget.Workspace);
    });
  });
}
