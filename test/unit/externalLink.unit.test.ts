import { FakeWebviewPanel, vscodeCalls } from '../support/vscodeStub';
import { strict as assert } from 'node:assert';
import { loadDataset } from '../../src/core/dataset/loadDataset';
import { foldLabels } from '../../src/core/labels/fold';
import { checkExternalLink } from '../../src/core/text/externalLink';
import { DatasetView, type DatasetService } from '../../src/host/datasetService';
import { PaperDetailsPanel } from '../../src/host/paperDetailsPanel';
import { TriagePanel } from '../../src/host/triage/triagePanel';
import { openPaperLink } from '../../src/host/commands/paperCommands';
import type { LabelService } from '../../src/host/labelService';
import type { Services } from '../../src/host/services';
import type * as vscode from 'vscode';

const REFUSED = [
  'javascript:alert(1)',
  ' JavaScript:alert(1)',
  'java\tscript:alert(1)',
  'file:///etc/passwd',
  'command:workbench.action.terminal.new',
  'vscode://ms-python.python/run',
  'vscode-insiders://x/y',
  'data:text/html,<script>alert(1)</script>',
  'mailto:someone@example.org',
  'ftp://example.org/file',
  '//example.org/protocol-relative',
  'www.example.org',
  'not a url',
  '',
  '   ',
  'http://',
];

describe('External links: only http and https are opened (issue #9, item 7)', function () {
  beforeEach(() => vscodeCalls.reset());

  it('accepts http and https URLs and returns them normalized', function () {
    assert.deepEqual(checkExternalLink('https://arxiv.org/abs/2401.02452'), { ok: true, url: 'https://arxiv.org/abs/2401.02452' });
    assert.deepEqual(checkExternalLink('  HTTP://Example.ORG/a b  '), { ok: true, url: 'http://example.org/a%20b' });
    assert.deepEqual(checkExternalLink('https://example.org/?q=<x>'), { ok: true, url: 'https://example.org/?q=%3Cx%3E' });
  });

  for (const url of REFUSED)
    it(`refuses ${JSON.stringify(url)} with a reason`, function () {
      const check = checkExternalLink(url);
      assert.equal(check.ok, false);
      assert.ok(!check.ok && check.reason.length > 5);
    });

  it('names the refused scheme', function () {
    const check = checkExternalLink('command:workbench.action.terminal.new');
    assert.ok(!check.ok && /http and https/.test(check.reason) && /command:/.test(check.reason), JSON.stringify(check));
  });

  const table = loadDataset(
    Buffer.from(
      [
        'Model,Organization,Organization categorization,Publication date,Link',
        'Good,Org A,Academia,2020-01-01,https://example.org/good',
        'Evil,Org B,Industry,2021-01-01,command:workbench.action.terminal.new',
        'Plain,Org C,Industry,2021-01-01,',
      ].join('\n'),
    ),
    'links.csv',
  );
  const service = { view: new DatasetView(table), state: { kind: 'none' }, onDidChange: () => ({ dispose: () => undefined }) } as unknown as DatasetService;
  const uri = { toString: () => 'ext' } as unknown as vscode.Uri;
  const idOf = (name: string): string => table.papers.find((p) => p.name === name)!.id;

  it('the details panel opens an https link and refuses a command: link a webview sends', async function () {
    const details = new PaperDetailsPanel(uri, service);
    details.show(idOf('Good'));
    const panel = vscodeCalls.panels[0];
    panel.receive!({ type: 'openLink', url: 'https://example.org/good' });
    panel.receive!({ type: 'openLink', url: 'command:workbench.action.terminal.new' });
    panel.receive!({ type: 'openLink', url: 'file:///etc/passwd' });
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(vscodeCalls.opened, ['https://example.org/good']);
    assert.deepEqual(
      vscodeCalls.messages.map((m) => m.level),
      ['warning', 'warning'],
    );
    assert.match(vscodeCalls.messages[0].text, /did not open the link "command:workbench\.action\.terminal\.new": only http and https/);
    details.dispose();
  });

  it('the triage panel refuses a javascript: link and opens an https one', async function () {
    const labels = { state: foldLabels([]), events: [], blindCoding: false, stateFor: () => foldLabels([]), uri: { fsPath: '/tmp/labels.jsonl' }, onDidChange: () => ({ dispose: () => undefined }), annotator: () => Promise.resolve('ada') } as unknown as LabelService;
    const triage = new TriagePanel(uri, service, labels);
    await triage.start();
    const panel: FakeWebviewPanel = vscodeCalls.panels[0];
    panel.receive!({ type: 'openLink', url: 'javascript:alert(1)' });
    panel.receive!({ type: 'openLink', url: 'https://example.org/good' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    assert.deepEqual(vscodeCalls.opened, ['https://example.org/good']);
    assert.equal(vscodeCalls.messages.filter((m) => m.level === 'warning').length, 1);
    assert.equal(vscodeCalls.messages.filter((m) => m.level === 'error').length, 0);
    triage.dispose();
  });

  it('"Open Paper Link" opens an https link, refuses a command: link from the table, and says when there is none', async function () {
    const services = { dataset: service, papersView: { selection: [] }, details: { shownPaperId: undefined } } as unknown as Services;
    await openPaperLink(services, idOf('Good'));
    await openPaperLink(services, idOf('Evil'));
    await openPaperLink(services, idOf('Plain'));
    assert.deepEqual(vscodeCalls.opened, ['https://example.org/good']);
    assert.deepEqual(
      vscodeCalls.messages.map((m) => m.level),
      ['warning', 'information'],
    );
    assert.match(vscodeCalls.messages[0].text, /command:workbench/);
    assert.equal(vscodeCalls.messages[1].text, '"Plain" has no link in the dataset.');
  });
});
