/** Regression tests for what a review of the label log with bad input found. */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { foldLabels } from '../../src/core/labels/fold';
import { organizationKey } from '../../src/core/labels/keys';
import { LabelLogReader, readLabelLog } from '../../src/node/labels/labelLog';
import { parseLabelLog } from '../../src/core/labels/parseLog';
import { parseEventTime } from '../../src/core/labels/time';
import { makeUndo } from '../../src/core/labels/undo';
import { makeTemp, removeTemp } from './fixtures/labels/helpers';

const event = (id: string, ts: string, name: string, value: string) =>
  JSON.stringify({ v: 1, id, ts, annotator: 'ada', target: { kind: 'organization', name }, field: 'category', value });

describe('label log: findings of the bad-input review', function () {
  it('rejects a timestamp with a non-digit year, and year 0; keeps years below 100 in their own century', function () {
    assert.equal(parseEventTime('2O26-01-01T00:00:00.000Z'), undefined);
    assert.equal(parseEventTime('0000-01-01T00:00:00.000Z'), undefined);
    assert.ok(parseEventTime('0099-01-01T00:00:00.000Z')! < parseEventTime('1960-01-01T00:00:00.000Z')!);
  });

  it('skips a line with an unreadable ts instead of letting it scramble the order of the others', function () {
    const log = [
      event('a', '2026-01-05T00:00:00.000Z', 'Meta AI', 'Industry'),
      event('b', 'XXXX-01-01T00:00:00.000Z', 'Other Org', 'Academia'),
      event('c', '2026-01-01T00:00:00.000Z', 'Meta AI', 'Academia'),
    ].join('\n');
    const parsed = parseLabelLog(`${log}\n`, 'labels.jsonl');
    assert.deepEqual(parsed.diagnostics.map((d) => [d.kind, d.line]), [['bad-ts', 2]]);
    assert.equal(foldLabels(parsed.events).organizations.get('meta ai')!.value, 'Industry');
  });

  it('reads 50,000 events that share one timestamp (a bulk import) without quadratic work', function () {
    const lines = Array.from({ length: 50_000 }, (_, i) => event(`e${i}`, '2026-01-01T00:00:00.000Z', `Org ${i}`, 'Academia'));
    lines.push(event('late', '2025-01-01T00:00:00.000Z', 'Org 0', 'Industry'));
    const parsed = parseLabelLog(`${lines.join('\n')}\n`, 'labels.jsonl');
    assert.equal(parsed.events.length, 50_001);
    assert.deepEqual(parsed.diagnostics, []);
  });

  it('warns about an event dated in the future (a wrong clock) and keeps it: it outranks later labels until then', function () {
    const now = Date.UTC(2026, 10, 29, 12);
    const log = [
      event('a', '2027-03-01T09:00:00.000Z', 'Meta AI', 'Academia'),
      event('b', '2026-11-29T11:00:00.000Z', 'Meta AI', 'Industry'),
      event('c', '2026-11-30T06:00:00.000Z', 'Google', 'Industry'), // a few hours ahead: another time zone's clock, no warning
    ].join('\n');
    const parsed = parseLabelLog(`${log}\n`, 'labels.jsonl', { now });
    assert.deepEqual(
      parsed.diagnostics.map((d) => [d.kind, d.line, d.kept]),
      [['future-ts', 1, true]],
    );
    assert.match(parsed.diagnostics[0].message, /dated 2027-03-01T09:00:00\.000Z, in the future/);
    assert.equal(parsed.events.length, 3);
    assert.equal(foldLabels(parsed.events).organizations.get('meta ai')!.value, 'Academia');
  });

  it('says whether a repeated id and ts is the same event twice or two different events', function () {
    const first = event('a', '2026-01-01T00:00:00.000Z', 'Meta AI', 'Industry');
    const twice = parseLabelLog(`${first}\n${first}\n`, 'labels.jsonl');
    assert.match(twice.diagnostics[0].message, /^This line repeats the event on line 1/);
    const edited = parseLabelLog(`${first}\n${event('a', '2026-01-01T00:00:00.000Z', 'Meta AI', 'Academia')}\n`, 'labels.jsonl');
    assert.deepEqual(
      edited.diagnostics.map((d) => [d.kind, d.line]),
      [['duplicate-id', 2]],
    );
    assert.match(edited.diagnostics[0].message, /same id "a" and ts as the event on line 1 but says something else/);
    assert.equal(foldLabels(edited.events).organizations.get('meta ai')!.value, 'Industry');
  });

  it('reads a line written in Windows-1252 with its accents, warns with line and column, and keeps valid UTF-8 lines as they are', async function () {
    const dir = makeTemp();
    try {
      const file = path.join(dir, 'labels.jsonl');
      const utf8 = Buffer.from(`${event('u', '2026-01-01T00:00:00.000Z', 'Technische Universität München', 'Academia')}\n`, 'utf8');
      const latin1 = Buffer.from(`${event('l', '2026-01-02T00:00:00.000Z', 'Université de Montréal', 'Academia')}\n`, 'latin1');
      fs.writeFileSync(file, Buffer.concat([utf8, latin1, utf8]));
      const read = await readLabelLog(file);
      assert.deepEqual(
        read.diagnostics.map((d) => [d.kind, d.line, d.column, d.kept]),
        [
          ['not-utf8', 2, latin1.toString('latin1').indexOf('é') + 1, true],
          ['duplicate-id', 3, undefined, undefined],
        ],
      );
      const state = foldLabels(read.events);
      assert.equal(state.organizations.get(organizationKey('Université de Montréal'))!.value, 'Academia');
      assert.equal(state.organizations.get(organizationKey('Technische Universität München'))!.name, 'Technische Universität München');
      assert.equal(fs.readFileSync(file).length, utf8.length * 2 + latin1.length, 'the file is not rewritten');
    } finally {
      removeTemp(dir);
    }
  });

  // Second review (incremental reader, warnings, export paths).
  it('reports a value nested 10,000 levels deep as one invalid line and reads the others', function () {
    const deep = `{"v":${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
    const good = event('a', '2026-01-01T00:00:00.000Z', 'Meta AI', 'Industry');
    const log = parseLabelLog(`${good}\n${deep}\n${deep.replace('"v":', '"v":1,"id":"d","annotator":"x","ts":')}\n`, 'labels.jsonl');
    assert.deepEqual(
      log.diagnostics.map((d) => [d.kind, d.line]),
      [
        ['unsupported-version', 2],
        ['bad-ts', 3],
      ],
    );
    assert.match(log.diagnostics[0].message, /deeply nested/);
    assert.equal(log.events.length, 1);
  });

  it('judges "in the future" at each read, so a long-lived reader stops warning once the time has come', async function () {
    const dir = makeTemp();
    try {
      const file = path.join(dir, 'labels.jsonl');
      fs.writeFileSync(file, `${event('a', '2026-06-03T00:00:00.000Z', 'Meta AI', 'Industry')}\n`);
      const options = { now: Date.UTC(2026, 5, 1) };
      const reader = new LabelLogReader(file, options);
      assert.deepEqual((await reader.read()).diagnostics.map((d) => d.kind), ['future-ts']);
      options.now = Date.UTC(2026, 5, 4);
      fs.appendFileSync(file, `${event('b', '2026-06-04T00:00:00.000Z', 'Google', 'Industry')}\n`);
      assert.deepEqual((await reader.read()).diagnostics, []);
      assert.ok(reader.lastParsedBytes < 200, 'and the read was still incremental');
    } finally {
      removeTemp(dir);
    }
  });

  it('keeps "kept" only on lines whose event counts: not for a skipped line with Windows-1252 bytes, nor for a repeated future event', async function () {
    const dir = makeTemp();
    try {
      const file = path.join(dir, 'labels.jsonl');
      const future = event('f', '2027-01-01T00:00:00.000Z', 'Meta AI', 'Industry');
      fs.writeFileSync(file, Buffer.concat([Buffer.from('{"oops": "Universit\xe9\n\xa0\n', 'latin1'), Buffer.from(`${future}\n${future}\n`)]));
      const read = await readLabelLog(file, { now: Date.UTC(2026, 5, 1) });
      assert.deepEqual(
        read.diagnostics.map((d) => [d.kind, d.line, d.kept]),
        [
          ['bad-json', 1, undefined],
          ['not-utf8', 1, undefined],
          ['not-utf8', 2, undefined],
          ['future-ts', 3, true],
          ['duplicate-id', 4, undefined],
        ],
      );
    } finally {
      removeTemp(dir);
    }
  });

  it('gives a not-UTF-8 first line after a BOM the same column and text as other diagnostics', async function () {
    const dir = makeTemp();
    try {
      const file = path.join(dir, 'labels.jsonl');
      const line = event('l', '2026-01-02T00:00:00.000Z', 'Université de Montréal', 'Academia');
      fs.writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${line}\n`, 'latin1')]));
      const [d] = (await readLabelLog(file)).diagnostics;
      assert.deepEqual([d.kind, d.column, d.raw], ['not-utf8', line.indexOf('é') + 1, line]);
    } finally {
      removeTemp(dir);
    }
  });

  it('folds U+0085 (next line) as white space in names, as Unicode counts it', function () {
    assert.equal(organizationKey('Stanford\u0085University'), organizationKey('Stanford University'));
  });

  it('orders and tells apart instants less than a microsecond apart, which a float of milliseconds cannot', function () {
    const later = event('a', '2026-01-01T00:00:00.000000002Z', 'Meta AI', 'Industry');
    const earlier = event('b', '2026-01-01T00:00:00.000000001Z', 'Meta AI', 'Academia');
    const parsed = parseLabelLog(`${later}\n${earlier}\n`, 'labels.jsonl');
    assert.equal(foldLabels(parsed.events).organizations.get('meta ai')!.value, 'Industry', 'the later ts wins, not the later line');
    const sameId = parseLabelLog(`${later}\n${later.replace('000000002Z', '000000001Z')}\n${later}\n`, 'labels.jsonl');
    assert.deepEqual(
      sameId.diagnostics.map((d) => [d.kind, d.line]),
      [['duplicate-id', 3]],
      'the same id at another instant is another event; the exact repeat is reported',
    );
  });

  it('orders instants exactly across a millisecond boundary, and reads one instant written with two offsets as one', function () {
    const before = event('a', '2026-01-01T00:00:01.999999999Z', 'Org', 'Academia');
    const after = event('b', '2026-01-01T00:00:02.000Z', 'Org', 'Industry');
    assert.equal(foldLabels(parseLabelLog(`${before}\n${after}\n`, 'l').events).organizations.get('org')!.value, 'Industry');
    assert.equal(foldLabels(parseLabelLog(`${after}\n${before}\n`, 'l').events).organizations.get('org')!.value, 'Industry', 'whatever the file order');
    // 2039-09-07T15:47:35.552Z is 2^41 ms: the float of a local time past it and of the UTC time before it round differently.
    const utc = event('u', '2039-09-07T15:47:35.000700Z', 'Org', 'Academia');
    const offset = event('o', '2039-09-07T16:47:35.0007+01:00', 'Org', 'Industry');
    assert.equal(parseEventTime('2039-09-07T15:47:35.000700Z'), parseEventTime('2039-09-07T16:47:35.0007+01:00'));
    assert.equal(foldLabels(parseLabelLog(`${offset}\n${utc}\n`, 'l').events).organizations.get('org')!.value, 'Academia', 'a tie goes to the later line');
    const repeat = parseLabelLog(`${utc}\n${utc.replace('15:47:35.000700Z', '16:47:35.0007+01:00')}\n`, 'l', { now: Date.UTC(2040, 0, 1) });
    assert.deepEqual(
      repeat.diagnostics.map((d) => [d.kind, d.line]),
      [['duplicate-id', 2]],
    );
  });

  it('dates an undo after the event it undoes, even when that event is ahead of this clock, and finds it by id and ts', function () {
    const log = parseLabelLog(
      [event('a', '2026-01-01T00:00:00.000Z', 'Org', 'Academia'), event('b', '2026-01-01T00:00:00.0005Z', 'Org', 'Industry'), event('b', '2026-01-01T00:00:05.000Z', 'Org', 'Government')].join('\n') + '\n',
      'l',
    ).events;
    const undo = makeUndo(log, log[1].event, new Date(Date.UTC(2026, 0, 1)));
    assert.equal(undo.ts, '2026-01-01T00:00:00.001Z', 'one millisecond after the undone event');
    assert.equal(undo.value, 'Academia');
    const second = makeUndo(log, log[2].event, new Date(Date.UTC(2026, 0, 2)));
    assert.equal(second.value, 'Industry', 'the event with that id at that ts, not the first with that id');
  });
});

describe('label log: a log in the wrong encoding or line ending says so (breaker review)', function () {
  const e1 = '{"v":1,"id":"a1","ts":"2024-01-01T00:00:00Z","annotator":"ada","target":{"kind":"organization","name":"MIT"},"field":"category","value":"Academia"}';
  const e2 = '{"v":1,"id":"a2","ts":"2024-01-02T00:00:00Z","annotator":"bob","target":{"kind":"organization","name":"MIT"},"field":"category","value":"Industry"}';
  let dir: string;
  beforeEach(() => (dir = makeTemp()));
  afterEach(() => removeTemp(dir));

  it('carriage returns only: one diagnostic that names the \\r separators, not a torn line', async function () {
    const file = path.join(dir, 'cr.jsonl');
    fs.writeFileSync(file, `${e1}\r${e2}\r`);
    const read = await readLabelLog(file);
    assert.equal(read.events.length, 0);
    assert.equal(read.diagnostics.length, 1);
    assert.equal(read.diagnostics[0].kind, 'bad-json');
    assert.match(read.diagnostics[0].message, /separated by carriage returns only/);
    assert.equal(fs.readFileSync(file, 'utf8'), `${e1}\r${e2}\r`, 'the file is not rewritten');
  });

  it('UTF-16 with and without a byte-order mark: the diagnostics say UTF-16', async function () {
    for (const [name, bytes] of [
      ['u16-bom.jsonl', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${e1}\n${e2}\n`, 'utf16le')])],
      ['u16.jsonl', Buffer.from(`${e1}\n${e2}\n`, 'utf16le')],
    ] as const) {
      const file = path.join(dir, name);
      fs.writeFileSync(file, bytes);
      const read = await readLabelLog(file);
      assert.equal(read.events.length, 0, name);
      assert.ok(read.diagnostics.length >= 1, name);
      const json = read.diagnostics.filter((d) => d.kind === 'bad-json' || d.kind === 'torn-line');
      assert.ok(json.length >= 1, name);
      for (const d of json) assert.match(d.message, /looks UTF-16 encoded/, `${name}: ${d.message}`);
    }
  });

  it('an ordinary torn last line is still called one', function () {
    const parsed = parseLabelLog(`${e1}\n${e2.slice(0, 40)}`, 'x.jsonl');
    assert.equal(parsed.events.length, 1);
    assert.equal(parsed.diagnostics[0].kind, 'torn-line');
  });
});
