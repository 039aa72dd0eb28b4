/**
 * Issue #9, items 4 and 5 (an outside review): loaders bounded, diagnostics that cannot flood, CLI
 * output that cannot drive the terminal. Each case reproduces a finding at a size a unit test can
 * afford (a 12 MB record stands for the 120 MB one: the cap is 10 MB and the pre-scan is the same
 * one linear pass whatever the size; the record itself is never turned into fields).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { capPerKind, capTotal, displayText, escapeControls, stringifyJsonSafe, summarizeOmitted } from '../../src/core/text/displaySafe';
import { serializeEvent } from '../../src/core/labels/event';
import { readLabelLog } from '../../src/node/labels/labelLog';
import { parseLabelLog } from '../../src/core/labels/parseLog';
import { loadDataset, NotEpochTableError } from '../../src/core/dataset/loadDataset';
import { DatasetTooLargeError, readDatasetFile, readDatasetFrom, type ByteSource } from '../../src/node/readDatasetFile';
import { testData } from '../support/paths';
import { itWithCorpus } from '../support/corpus';
import { runCli } from '../support/runCli';
import { ev, makeTemp, org, removeTemp } from './fixtures/labels/helpers';

const NOTABLE = testData('epoch', 'notable_ai_models_2026-07.csv');
const MB = 1024 * 1024;
// Raw control characters a terminal could act on: every C0 but the line feed, DEL, every C1.
// eslint-disable-next-line no-control-regex -- finding them is the point
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/u;

/** A ByteSource over bytes in memory that records what was asked of it. */
function countingSource(bytes: Uint8Array, size = bytes.length): ByteSource & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    size: () => {
      calls.push('size');
      return Promise.resolve(size);
    },
    head: (length) => {
      calls.push(`head ${length}`);
      return Promise.resolve(bytes.subarray(0, length));
    },
    all: () => {
      calls.push('all');
      return Promise.resolve(bytes);
    },
  };
}

/** Deterministic pseudo-random bytes (a 32-bit LCG, Numerical Recipes' constants). */
function randomBytes(length: number, alphabet?: Uint8Array): Buffer {
  const out = Buffer.alloc(length);
  let x = 12345;
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    out[i] = alphabet ? alphabet[(x >>> 16) % alphabet.length] : x >>> 24;
  }
  return out;
}

describe('issue #9: loaders bounded', function () {
  this.timeout(60_000);

  it('skips a 12 MB record between two good rows with record-too-large, and keeps the other rows', function () {
    const big = 'x'.repeat(12 * MB);
    const bytes = Buffer.from(`Model,Organization,Publication date\nA,MIT,2020-01-01\nB,"${big}",2020-01-02\nC,Google,2020-01-03\n`, 'utf8');
    const ds = loadDataset(bytes, 'big.csv');
    assert.deepEqual(ds.papers.map((p) => [p.id, p.line, p.publicationDate]), [['A', 2, '2020-01-01'], ['C', 4, '2020-01-03']]);
    assert.deepEqual(ds.diagnostics.map((d) => [d.kind, d.line]), [['record-too-large', 3]]);
    assert.match(ds.diagnostics[0].message, /12\.0 MB, more than the 10 MB/);
    assert.match(ds.diagnostics[0].message, /reading went on after it at line 4/);
    assert.ok(ds.diagnostics[0].raw!.length <= 200);
  });

  it('skips a 12 MB line of nothing but commas (a line csv-parse would turn into 12 million fields)', function () {
    const bytes = Buffer.from(`Model,Publication date\r\nA,2020-01-01\r\n${','.repeat(12 * MB)}\r\nC,2020-01-03\r\n`, 'utf8');
    const ds = loadDataset(bytes, 'commas.csv');
    assert.deepEqual(ds.papers.map((p) => [p.id, p.line]), [['A', 2], ['C', 4]]);
    assert.deepEqual(ds.diagnostics.map((d) => [d.kind, d.line]), [['record-too-large', 3]]);
  });

  it('keeps the first 10,000 parts of a list cell of 20,000, with list-too-long at the cell', function () {
    const parts = Array.from({ length: 20_000 }, (_, i) => `Org ${i}`);
    const ds = loadDataset(Buffer.from(`Model,Organization\nA,"${parts.join(', ')}"\nB,MIT\n`), 'list.csv');
    assert.equal(ds.papers[0].organizations.length, 10_000);
    assert.equal(ds.papers[0].organizations[9_999], 'Org 9999');
    assert.deepEqual(ds.papers[1].organizations, ['MIT']);
    assert.deepEqual(ds.diagnostics.map((d) => [d.kind, d.line, d.column, d.position]), [['list-too-long', 2, 'Organization', { line: 2, column: 3 }]]);
    assert.match(ds.diagnostics[0].message, /more than 10,000 comma-separated parts; the first 10,000 were kept/);
  });

  it('refuses 5 MB of random bytes after reading its first 64 KiB only', async function () {
    const source = countingSource(randomBytes(5 * MB));
    await assert.rejects(readDatasetFrom(source, 'random.bin'), (e: unknown) => e instanceof NotEpochTableError && /binary data/.test(e.message));
    assert.deepEqual(source.calls, ['size', 'head 65536']);
  });

  it('refuses 5 MB of random text (no NUL) after reading its first 64 KiB only', async function () {
    const source = countingSource(randomBytes(5 * MB, Buffer.from('abcdefghij ,;"\n')));
    await assert.rejects(readDatasetFrom(source, 'random.txt'), (e: unknown) => e instanceof NotEpochTableError && /no "Model" or "System" column/.test(e.message));
    assert.deepEqual(source.calls, ['size', 'head 65536']);
  });

  it('refuses a file above 200 MiB before reading any of it', async function () {
    const source = countingSource(Buffer.alloc(0), 300 * MB);
    await assert.rejects(readDatasetFrom(source, 'huge.csv'), (e: unknown) => e instanceof DatasetTooLargeError && /300 MB, more than the 200 MB/.test(e.message));
    assert.deepEqual(source.calls, ['size']);
  });

  itWithCorpus('reads a real Epoch table (over 64 KiB) whole after judging its head', async function () {
    const bytes = fs.readFileSync(NOTABLE);
    const source = countingSource(bytes);
    const ds = await readDatasetFrom(source, NOTABLE);
    assert.deepEqual(source.calls, ['size', 'head 65536', 'all']);
    assert.equal(ds.papers.length, 1036);
    assert.equal((await readDatasetFile(NOTABLE)).papers.length, 1036);
  }, ['epoch/notable_ai_models_2026-07.csv']);

  it('the CLI refuses random text with one line, exit 2', async function () {
    const dir = makeTemp('cd-bounds-');
    try {
      const file = path.join(dir, 'random.txt');
      fs.writeFileSync(file, randomBytes(2 * MB, Buffer.from('abcdefghij ,\n')));
      const r = await runCli(['summary', file, '--json']);
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      assert.equal(r.stderr, `compute-divide: ${file} is not an Epoch AI model table: its header has no "Model" or "System" column.\n`);
    } finally {
      removeTemp(dir);
    }
  });
});

describe('issue #9: diagnostics that cannot flood', function () {
  this.timeout(60_000);
  let dir: string;
  let table: string;
  beforeEach(() => {
    dir = makeTemp('cd-bounds-');
    table = path.join(dir, 'table.csv');
    fs.writeFileSync(table, 'Model,Organization,Organization categorization,Publication date\nA,MIT,Academia,2020-01-01\n');
  });
  afterEach(() => removeTemp(dir));

  it('--labels /bin/ls: at most 20 lines per kind, a summary line per kind, no raw control byte', async function () {
    const r = await runCli(['summary', table, '--json', '--labels', '/bin/ls']);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(!RAW_CONTROL.test(r.stderr), 'no raw control character on stderr');
    const lines = r.stderr.trimEnd().split('\n');
    const perKind = new Map<string, number>();
    for (const line of lines) {
      const kind = /^\/bin\/ls:\d+:\d+: ([a-z0-9-]+): /.exec(line)?.[1];
      if (kind) perKind.set(kind, (perKind.get(kind) ?? 0) + 1);
    }
    assert.equal(perKind.get('bad-json'), 20);
    for (const n of perKind.values()) assert.ok(n <= 20);
    const summaries = lines.filter((l) => l.startsWith('… and '));
    assert.ok(summaries.some((l) => /^… and [\d,]+ more bad-json in \/bin\/ls$/.test(l)), r.stderr.slice(-500));
    assert.equal(lines.length, [...perKind.values()].reduce((a, b) => a + b, 0) + summaries.length);
    assert.match(r.stderr, /\\x00/, 'NUL shown as \\x00');
  });

  it('a label log of 10,000 bad lines: 20 lines and one summary on stderr; the parser stores 500', async function () {
    const log = path.join(dir, 'bad.jsonl');
    fs.writeFileSync(log, Array.from({ length: 10_000 }, (_, i) => `not json ${i}\n`).join(''));
    const r = await runCli(['summary', table, '--json', '--labels', log]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stderr.trimEnd().split('\n');
    assert.equal(lines.length, 21);
    assert.match(lines[0], new RegExp(`^${log.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:1:1: bad-json: `));
    assert.equal(lines[20], `… and 9,980 more bad-json in ${log}`);
    const read = await readLabelLog(log);
    assert.equal(read.diagnostics.length, 500);
    assert.deepEqual(read.omitted, { 'bad-json': 9_500 });
  });

  it('past the cap, lines are counted by the kind JSON.parse would give them (the shortcut for non-JSON lines is exact)', function () {
    // 600 lines that are not JSON fill the 500 stored bad-json; then lines JSON.parse rejects
    // (nope, {bad, nul, a no-break space before null: 4) and JSON values that are not events (4).
    const lines = [...Array.from({ length: 600 }, (_, i) => `x${i}`), 'nope', 'null', '[1]', ' true ', '"s"', '{bad', 'nul', '\u00a0null'];
    const parsed = parseLabelLog(`${lines.join('\n')}\n`, 'mixed.jsonl');
    assert.deepEqual(parsed.omitted, { 'bad-json': 104 });
    assert.equal(parsed.diagnostics.filter((d) => d.kind === 'bad-json').length, 500);
    assert.deepEqual(parsed.diagnostics.filter((d) => d.kind !== 'bad-json').map((d) => [d.kind, d.line]), [602, 603, 604, 605].map((line) => ['invalid-event', line]));
  });

  it('a repeated id of 1 MB is clipped to 200 characters in the message and the raw text', async function () {
    const event = ev('ada', org('MIT', 'Academia'), 5, `id-${'z'.repeat(MB)}`);
    const line = serializeEvent(event);
    const log = path.join(dir, 'repeat.jsonl');
    fs.writeFileSync(log, `${line}\n${line}\n`);
    const parsed = parseLabelLog(`${line}\n${line}\n`, 'repeat.jsonl', { now: Date.UTC(2026, 10, 30) });
    assert.deepEqual(parsed.diagnostics.map((d) => [d.kind, d.line]), [['duplicate-id', 2]]);
    assert.ok(parsed.diagnostics[0].message.length < 400, `message of ${parsed.diagnostics[0].message.length} characters`);
    assert.match(parsed.diagnostics[0].message, /same id "id-z{196}…"/);
    assert.equal(parsed.diagnostics[0].raw.length, 200);
    const r = await runCli(['summary', table, '--json', '--labels', log]);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(r.stderr.length < 2_000, `stderr of ${r.stderr.length} characters`);
    assert.match(r.stderr, /repeat\.jsonl:2:1: duplicate-id: /);
  });
});

describe('issue #9: CLI output sanitised', function () {
  this.timeout(30_000);
  let dir: string;
  beforeEach(() => (dir = makeTemp('cd-bounds-')));
  afterEach(() => removeTemp(dir));

  it('an OSC title sequence in a cell is shown escaped, never raw', async function () {
    const file = path.join(dir, 'osc.csv');
    fs.writeFileSync(file, 'Model,Publication date,Training compute (FLOP),Domain\nA,\x1b]0;pwned\x07,1e20,"\x1b]8;;http://evil\x07Language\x1b]8;;\x07"\nB,2020-01-01,1e21,Vision\n');
    const summary = await runCli(['summary', file]);
    assert.equal(summary.code, 0, summary.stderr);
    assert.ok(!RAW_CONTROL.test(summary.stdout + summary.stderr));
    assert.ok(summary.stderr.includes('bad-date: Unreadable publication date "\\x1b]0;pwned\\x07"'), summary.stderr);
    const trends = await runCli(['trends', file, '--domain', 'Nope\x1b[2J']);
    assert.equal(trends.code, 0, trends.stderr);
    assert.ok(!RAW_CONTROL.test(trends.stdout + trends.stderr));
    assert.ok(trends.stderr.includes('--domain "Nope\\x1b[2J" matches no row; the table\'s domains are: \\x1b]8;;http://evil\\x07Language\\x1b]8;;\\x07, Vision'), trends.stderr);
  });

  it('JSON output escapes DEL and C1 controls too (JSON.stringify leaves them raw)', function () {
    const value = { name: 'a\u009b2Jb\u007f\u001b' };
    assert.ok(RAW_CONTROL.test(JSON.stringify(value)), 'JSON.stringify alone leaves U+009B and DEL raw');
    const safe = stringifyJsonSafe(value);
    assert.equal(safe, '{"name":"a\\u009b2Jb\\u007f\\u001b"}');
    assert.deepEqual(JSON.parse(safe), value);
  });
});

describe('issue #9: displaySafe (shared by the CLI and the Problems panel)', function () {
  it('escapes C0, DEL and C1 controls by name or as \\xNN', function () {
    assert.equal(escapeControls('a\x00b\x1b[31mc\x7fd\u009be\u0085\tf\ng\rh'), 'a\\x00b\\x1b[31mc\\x7fd\\x9be\\x85\\tf\\ng\\rh');
    assert.equal(escapeControls('Université 東京 😀'), 'Université 東京 😀');
  });

  it('clips to 200 characters with …, after escaping, without splitting a surrogate pair', function () {
    const clipped = displayText('y'.repeat(MB));
    assert.equal(clipped.length, 200);
    assert.equal(clipped, `${'y'.repeat(199)}…`);
    assert.equal(displayText('y'.repeat(200)), 'y'.repeat(200));
    assert.equal(displayText('\x1b'.repeat(100)), `${'\\x1b'.repeat(49)}…`);
    assert.equal(displayText(`${'y'.repeat(198)}😀😀`), `${'y'.repeat(198)}…`);
  });

  it('caps per kind for the CLI and in total for the Problems panel, counting the rest by kind', function () {
    const ds = [...Array.from({ length: 30 }, (_, i) => ({ kind: 'bad-json', line: i + 1 })), ...Array.from({ length: 3 }, (_, i) => ({ kind: 'bad-ts', line: 40 + i }))];
    const perKind = capPerKind(ds, 20, { 'bad-json': 5 });
    assert.equal(perKind.shown.length, 23);
    assert.deepEqual([...perKind.omitted], [['bad-json', 15]]);
    const total = capTotal(ds, 10);
    assert.deepEqual(total.shown.map((d) => d.line), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    assert.equal(summarizeOmitted(total.omitted), '… and 23 more diagnostics of kinds bad-json (20), bad-ts (3)');
    assert.equal(summarizeOmitted(new Map()), undefined);
    assert.equal(summarizeOmitted(new Map([['bad-json', 1]])), '… and 1 more diagnostic of kind bad-json (1)');
  });
});
