/**
 * `compute-divide label` (spec cli.md): one event, or one per row of a `--from` CSV, through the
 * editor's append; invalid values refused one line each with FILE:LINE, nothing appended for them,
 * exit status 2; two processes labelling one log at once leave every event on its own line.
 */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { foldLabels } from '../../src/core/labels/fold';
import { readLabelLog } from '../../src/node/labels/labelLog';
import { REPO } from '../support/paths';
import { assertUsageError, runCli } from '../support/runCli';

const run = promisify(execFile);

describe('CLI label', function () {
  let dir: string;
  let log: string;
  beforeEach(function () {
    dir = mkdtempSync(path.join(tmpdir(), 'cd-cli-label-'));
    log = path.join(dir, '.compute-divide', 'labels.jsonl');
  });
  afterEach(function () {
    rmSync(dir, { recursive: true, force: true });
  });

  const lines = () => readFileSync(log, 'utf8').split('\n');
  const events = () => lines().filter((l) => l !== '').map((l) => JSON.parse(l) as { annotator: string; target: { kind: string; name?: string; id?: string }; field: string; value: unknown; reason?: string });

  it('appends one organization label, creating the log, and says so', async function () {
    const r = await runCli(['label', log, '--annotator', 'ada', '--organization', 'Thinking Machines', '--category', 'Academia', '--reason', 'a lab at a university']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.equal(r.stdout, `1 event appended to ${log}\n`);
    assert.deepEqual(lines().slice(-1), [''], 'the log ends with a newline');
    const [e] = events();
    assert.deepEqual([e.annotator, e.target, e.field, e.value, e.reason], ['ada', { kind: 'organization', name: 'Thinking Machines' }, 'category', 'Academia', 'a lab at a university']);
  });

  it('appends a paper label and a retraction (value null), which the fold reads back', async function () {
    assert.equal((await runCli(['label', log, '--annotator', 'ada', '--paper', 'GPT-4', '--field', 'decision', '--value', 'include'])).code, 0);
    assert.equal((await runCli(['label', log, '--annotator', 'ada', '--paper', 'GPT-4', '--field', 'teamSector', '--value', 'Academia'])).code, 0);
    assert.equal((await runCli(['label', log, '--annotator', 'ada', '--paper', 'GPT-4', '--field', 'teamSector', '--value', 'null'])).code, 0);
    assert.deepEqual(events().map((e) => [e.field, e.value]), [['decision', 'include'], ['teamSector', 'Academia'], ['teamSector', null]]);
    const read = await readLabelLog(log);
    assert.equal(read.diagnostics.length, 0);
    const state = foldLabels(read.events);
    assert.equal(state.papers.get('GPT-4')?.decision?.value, 'include');
    assert.equal(state.papers.get('GPT-4')?.teamSector, undefined, 'the retraction removed the sector');
  });

  it('--from FILE.csv: valid rows appended in order, invalid ones refused as FILE:LINE, exit 2', async function () {
    const csv = path.join(dir, 'mapping.csv');
    writeFileSync(csv, '\ufeffkind,name_or_id,field,value,reason\r\norganization,MIT,category,Academia,\r\norganization,"Google DeepMind, London",category,Industry,"a company, in London"\r\nbogus,X,category,Industry,\r\norganization,OpenAI,category,Startup,\r\npaper,GPT-4,decision,include,\r\npaper,,decision,include,\r\n');
    const r = await runCli(['label', log, '--annotator', 'ada', '--from', csv]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, `3 events appended to ${log}; 3 refused\n`);
    const stderr = r.stderr.trimEnd().split('\n');
    assert.equal(stderr.length, 3, r.stderr);
    assert.match(stderr[0], new RegExp(`^${csv.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:4: kind must be organization, paper, annotator or model`));
    assert.match(stderr[1], /:5: .*"Startup" is not one of Academia, Industry, Government, Research collective, Non-profit/);
    assert.match(stderr[2], /:7: the name or id is empty/);
    assert.deepEqual(events().map((e) => [e.target.name ?? e.target.id, e.value, e.reason]), [['MIT', 'Academia', undefined], ['Google DeepMind, London', 'Industry', 'a company, in London'], ['GPT-4', 'include', undefined]]);
  });

  it('refuses usage errors in one line and writes nothing', async function () {
    assertUsageError(await runCli(['label', log, '--organization', 'MIT', '--category', 'Academia']), /--annotator/);
    assertUsageError(await runCli(['label', log, '--annotator', 'ada', '--organization', 'MIT']), /--category/);
    assertUsageError(await runCli(['label', log, '--annotator', 'ada', '--organization', 'MIT', '--category', 'Startup']), /"Startup" is not one of/);
    assertUsageError(await runCli(['label', log, '--annotator', 'ada', '--paper', 'GPT-4', '--field', 'colour', '--value', 'red']), /field/);
    assertUsageError(await runCli(['label', log, '--annotator', 'ada']), /exactly one of/);
    assertUsageError(await runCli(['label', log, '--annotator', 'ada', '--from', path.join(dir, 'missing.csv')]), /cannot read .*missing\.csv: ENOENT/);
    assert.equal(existsSync(log), false, 'nothing was written');
  });

  it('two processes labelling one log at once: every event on its own line, none lost, no empty line', async function () {
    this.timeout(60_000);
    const rows = (who: string) => ['kind,name_or_id,field,value,reason', ...Array.from({ length: 150 }, (_, i) => `organization,${who} lab ${i},category,Industry,`)].join('\n');
    writeFileSync(path.join(dir, 'a.csv'), rows('alpha'));
    writeFileSync(path.join(dir, 'b.csv'), rows('beta'));
    const cli = path.join(REPO, 'src', 'cli', 'index.ts');
    const spawnOne = (who: string) => run(process.execPath, ['--import', 'tsx', cli, 'label', log, '--annotator', who, '--from', path.join(dir, `${who[0]}.csv`)], { cwd: REPO });
    const [a, b] = await Promise.all([spawnOne('alpha'), spawnOne('beta')]);
    assert.match(a.stdout, /^150 events appended/);
    assert.match(b.stdout, /^150 events appended/);
    const all = lines();
    assert.equal(all.pop(), '', 'ends with a newline');
    assert.equal(all.length, 300);
    assert.ok(all.every((l) => l.startsWith('{"v":1,')), 'no empty or torn line');
    const names = new Set(events().map((e) => e.target.name));
    assert.equal(names.size, 300);
  });
});
