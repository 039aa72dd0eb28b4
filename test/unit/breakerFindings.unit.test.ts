/**
 * Regression tests for a hostile-input review of the hardening (issue #9): each case failed before
 * its fix (a `/dev/zero` or FIFO dataset read without end, a label log under a linked folder
 * followed by the CLI, a committed lock folder blocking every append, a `;` cell splitting into a
 * formula, bidi overrides reaching the terminal, a few MB of tiny rows taking gigabytes,
 * credentials in a download URL).
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { escapeControls, escapeForTerminal } from '../../src/core/text/displaySafe';
import { stringifyCsv } from '../../src/core/dataset/csvWrite';
import { loadDataset, MAX_DATASET_ROWS, NotEpochTableError } from '../../src/core/dataset/loadDataset';
import { readDatasetFile } from '../../src/node/readDatasetFile';
import { checkDownloadUrl } from '../../src/host/download/downloadUrlPolicy';
import { runCli } from '../support/runCli';

describe('hostile-input review of the hardening', function () {
  let dir: string;
  let cwd: string;
  beforeEach(function () {
    dir = fs.mkdtempSync(path.join(tmpdir(), 'cd-breaker-'));
    cwd = process.cwd();
  });
  afterEach(function () {
    process.chdir(cwd);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a dataset that is /dev/zero (through a link) or a FIFO is refused before a byte is read', async function () {
    fs.symlinkSync('/dev/zero', path.join(dir, 'zero.csv'));
    execFileSync('mkfifo', [path.join(dir, 'pipe.csv')]);
    await assert.rejects(readDatasetFile(path.join(dir, 'zero.csv')), (e: unknown) => e instanceof NotEpochTableError && /it is a device/.test(e.message));
    await assert.rejects(readDatasetFile(path.join(dir, 'pipe.csv')), (e: unknown) => e instanceof NotEpochTableError && /a FIFO/.test(e.message));
    await assert.rejects(readDatasetFile(dir), (e: unknown) => e instanceof NotEpochTableError && /a folder/.test(e.message));
  });

  it(`a table of more than ${MAX_DATASET_ROWS.toLocaleString('en-US')} records is refused in one sentence`, function () {
    this.timeout(60_000);
    const bytes = Buffer.from(`Model,Organization\n${'x,y\n'.repeat(MAX_DATASET_ROWS + 1)}`);
    assert.throws(() => loadDataset(bytes, 'tiny-rows.csv'), (e: unknown) => e instanceof NotEpochTableError && /it has 300,001 records, more than the 300,000/.test(e.message));
  });

  it('the CLI refuses a label log under a linked folder inside the current folder, for reading and appending, in one line', async function () {
    fs.mkdirSync(path.join(dir, 'ws'));
    fs.mkdirSync(path.join(dir, 'outside'));
    const outsideLog = path.join(dir, 'outside', 'labels.jsonl');
    fs.writeFileSync(outsideLog, '');
    fs.symlinkSync('../outside', path.join(dir, 'ws', '.compute-divide'));
    process.chdir(dir);
    const append = await runCli(['label', 'ws/.compute-divide/labels.jsonl', '--annotator', 'ada', '--organization', 'MIT', '--category', 'Academia']);
    assert.equal(append.code, 2);
    assert.match(append.stderr, /^compute-divide: cannot append to ws\/\.compute-divide\/labels\.jsonl: Refusing the label log .*is a symbolic link/);
    assert.equal(append.stderr.trimEnd().split('\n').length, 1);
    assert.equal(fs.readFileSync(outsideLog, 'utf8'), '', 'nothing written through the link');
    const table = path.join(dir, 't.csv');
    fs.writeFileSync(table, 'Model,Organization,Organization categorization\nA,MIT,Academia\n');
    const read = await runCli(['summary', table, '--labels', 'ws/.compute-divide/labels.jsonl']);
    assert.equal(read.code, 2);
    assert.match(read.stderr, /cannot read label log .*symbolic link/);
  });

  it('a committed labels.jsonl.lock (folder, file or link) does not block appends', async function () {
    this.timeout(30_000);
    for (const kind of ['folder', 'file', 'link'] as const) {
      const log = path.join(dir, kind, '.compute-divide', 'labels.jsonl');
      fs.mkdirSync(path.dirname(log), { recursive: true });
      if (kind === 'folder') {
        fs.mkdirSync(`${log}.lock`);
        fs.writeFileSync(path.join(`${log}.lock`, '.keep'), '');
      } else if (kind === 'file') fs.writeFileSync(`${log}.lock`, 'x');
      else fs.symlinkSync('/nonexistent', `${log}.lock`);
      const started = Date.now();
      const r = await runCli(['label', log, '--annotator', 'ada', '--organization', 'MIT', '--category', 'Academia']);
      assert.equal(r.code, 0, `${kind}: ${r.stderr}`);
      assert.ok(Date.now() - started < 2_000, `${kind}: took ${Date.now() - started} ms`);
    }
  });

  it('CSV exports quote a cell holding the other delimiter, so no spreadsheet splits it into a formula', function () {
    const csv = stringifyCsv([['M1', "x;=cmd|' /C calc'!A0", 'y\t=1+1', 'plain', -1.5]]);
    assert.equal(csv, `M1,"x;=cmd|' /C calc'!A0","y\t=1+1",plain,-1.5\n`);
    assert.equal(stringifyCsv([['a', 'y,=1+1']], { delimiter: ';' }), 'a;"y,=1+1"\n');
  });

  it('bidi overrides, zero-width characters and line separators are escaped for the terminal', function () {
    assert.equal(escapeControls('Weird\u202egnp.exe'), 'Weird\\u202egnp.exe');
    assert.equal(escapeForTerminal('a\u200bb\u2028c\u2066d\tok\n'), 'a\\u200bb\\u2028c\\u2066d\tok\n');
    assert.equal(escapeControls('Université de Montréal — 東京'), 'Université de Montréal — 東京');
  });

  it('a download URL with a user name or password is refused without repeating the password', function () {
    assert.throws(() => checkDownloadUrl('https://tok:SECRET@example.org/notable.csv', 'the download URL'), (e: Error) => /carries a user name or password/.test(e.message) && !e.message.includes('SECRET'));
  });
});
