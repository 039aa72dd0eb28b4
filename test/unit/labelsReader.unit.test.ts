/**
 * LabelLogReader (src/node/labels/labelLog.ts): the editor re-reads the label log on every change
 * and parses only what was appended; every read must equal a fresh `readLabelLog` of the file as it
 * is, whatever happened to the file in between (appends, a torn line completed later, an edit by
 * hand, a shorter file, bytes that are not UTF-8, a log out of time order with repeats). Files live
 * in temporary folders.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { serializeEvent } from '../../src/core/labels/event';
import { foldLabels, LabelFolder } from '../../src/core/labels/fold';
import { LabelLogReader, readLabelLog, type LabelLogRead } from '../../src/node/labels/labelLog';
import { ev, makeTemp, org, removeTemp, sector } from './fixtures/labels/helpers';

const NOW = { now: Date.UTC(2026, 10, 29, 15) };

/** What a read says, in a form deepEqual compares (events by id, line and index; diagnostics whole). */
const summary = (read: LabelLogRead) => ({
  exists: read.exists,
  events: read.events.map((p) => [p.event.id, p.line, p.index, p.event.value]),
  diagnostics: read.diagnostics.map((d) => [d.kind, d.line, d.column, d.kept, d.raw, d.message]),
});

describe('labels: LabelLogReader (incremental re-reads)', function () {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = makeTemp();
    file = path.join(dir, 'labels.jsonl');
  });
  afterEach(() => removeTemp(dir));

  const line = (i: number, at = i) => `${serializeEvent(ev(['ada', 'bob'][i % 2], i % 3 ? org(`Org ${i % 7}`, 'Academia') : sector(`P${i % 5}`, 'Industry'), at, `id${i}`))}\n`;

  it('parses only the appended lines when the rest of the file is unchanged, with the same result as a fresh read', async function () {
    const reader = new LabelLogReader(file, NOW);
    assert.deepEqual(summary(await reader.read()), { exists: false, events: [], diagnostics: [] });
    fs.writeFileSync(file, Array.from({ length: 50 }, (_, i) => line(i)).join(''));
    const first = await reader.read();
    assert.equal(first.events.length, 50);
    assert.equal(reader.lastParsedBytes, fs.statSync(file).size);
    const more = line(50) + line(51);
    fs.appendFileSync(file, more);
    const second = await reader.read();
    assert.equal(reader.lastParsedBytes, Buffer.byteLength(more), 'only the appended bytes were parsed');
    assert.deepEqual(summary(second), summary(await readLabelLog(file, NOW)));
    assert.deepEqual(
      second.events.slice(-2).map((p) => [p.event.id, p.line, p.index]),
      [
        ['id50', 51, 50],
        ['id51', 52, 51],
      ],
    );
    assert.equal(first.events.length, 50, 'an earlier result does not change');
  });

  it('re-reads a last line without \\n until an append completes it', async function () {
    const reader = new LabelLogReader(file, NOW);
    const whole = line(1);
    fs.writeFileSync(file, line(0) + whole.slice(0, 40));
    const torn = await reader.read();
    assert.deepEqual(
      torn.diagnostics.map((d) => [d.kind, d.line]),
      [['torn-line', 2]],
    );
    fs.appendFileSync(file, whole.slice(40));
    const completed = await reader.read();
    assert.deepEqual(completed.diagnostics, []);
    assert.deepEqual(
      completed.events.map((p) => p.event.id),
      ['id0', 'id1'],
    );
    assert.equal(reader.lastParsedBytes, whole.length, 'the completed line was parsed again, the first was not');
  });

  it('reads the whole file again after an edit, a shorter file, or a rewrite of the same size', async function () {
    const reader = new LabelLogReader(file, NOW);
    const text = Array.from({ length: 10 }, (_, i) => line(i)).join('');
    fs.writeFileSync(file, text);
    await reader.read();
    const edited = text.replace('"Org 1"', '"Org 9"');
    assert.equal(edited.length, text.length);
    fs.writeFileSync(file, edited);
    assert.deepEqual(summary(await reader.read()), summary(await readLabelLog(file, NOW)));
    assert.equal(reader.lastParsedBytes, edited.length);
    fs.writeFileSync(file, text.slice(0, text.indexOf('\n') + 1));
    const shorter = await reader.read();
    assert.equal(shorter.events.length, 1);
    fs.rmSync(file);
    assert.equal((await reader.read()).exists, false);
  });

  it('equals a fresh read after each of 200 random changes: appends, garbage, torn and completed lines, Windows-1252 bytes, merges out of order, edits', async function () {
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor(seed / 65536) % n;
    };
    const reader = new LabelLogReader(file, NOW);
    let pending = ''; // the rest of a line torn by the last change
    let incremental = 0;
    for (let step = 0; step < 200; step++) {
      const i = 1000 + step;
      const kind = random(12);
      const rest = pending;
      pending = '';
      if (kind <= 4) fs.appendFileSync(file, rest + line(i, random(5) === 0 ? random(100) : i)); // sometimes earlier: out of order
      else if (kind === 5) fs.appendFileSync(file, `${rest}not json ${i}\n`);
      else if (kind === 6) {
        // A line cut short (a crash, or an append still being written), or whole but without its \n.
        const whole = line(i);
        const cut = random(2) === 0 ? whole.length - 1 : 1 + random(whole.length - 2);
        fs.appendFileSync(file, rest + whole.slice(0, cut));
        pending = whole.slice(cut);
      } else if (kind === 7) fs.appendFileSync(file, Buffer.concat([Buffer.from(rest), Buffer.from(line(i).replace(`Org ${i % 7}`, `Université ${i % 7}`), 'latin1')]));
      else if (kind === 8 && fs.existsSync(file)) {
        // A repeat of an earlier line (as after a merge of two branches).
        const lines = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.startsWith('{'));
        fs.appendFileSync(file, `${rest}${lines[random(lines.length)]}\n`);
      } else if (kind === 9 && fs.existsSync(file)) {
        const text = fs.readFileSync(file);
        fs.writeFileSync(file, text.subarray(0, random(text.length))); // truncated by hand
      } else if (kind === 10) fs.appendFileSync(file, `${rest}<<<<<<< HEAD\n`);
      else fs.appendFileSync(file, rest + line(i));
      const before = reader.lastParsedBytes;
      const read = await reader.read();
      if (fs.existsSync(file) && reader.lastParsedBytes < fs.statSync(file).size) incremental++;
      assert.deepEqual(summary(read), summary(await readLabelLog(file, NOW)), `step ${step} (kind ${kind}, previous read ${before} bytes)`);
    }
    assert.ok(incremental > 100, `most reads were incremental (${incremental})`);
  });

  it('LabelFolder: folding a growing log gives what a full fold gives, updating only what the appended events touch', async function () {
    let seed = 11;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor(seed / 65536) % n;
    };
    const reader = new LabelLogReader(file, NOW);
    const folder = new LabelFolder();
    let previous: ReturnType<typeof foldLabels> | undefined;
    let reused = 0;
    for (let step = 0; step < 150; step++) {
      const i = 2000 + step;
      const who = ['ada', 'bob', 'carol'][random(3)];
      const kind = random(20);
      const change =
        kind === 0
          ? { target: { kind: 'annotator' as const, name: ['ada', 'bob'][random(2)] }, field: 'role' as const, value: random(2) ? ('adjudicator' as const) : null }
          : kind < 8
            ? sector(['P1', 'P2', ' P2', 'P3'][random(4)], random(4) ? ['Academia', 'Industry', 'Other'][random(3)] : null)
            : org(['MIT', 'mit', 'DeepMind', 'Google', 'Université de Montréal'][random(5)], random(5) ? (['Academia', 'Industry', 'Government'] as const)[random(3)] : null);
      // Mostly in time order (appends); now and then an earlier ts (a merge), which folds everything again.
      const at = random(10) === 0 ? random(step + 1) : 10_000 + step;
      fs.appendFileSync(file, `${serializeEvent(ev(who, change, at, `f${i}`))}\n`);
      const read = await reader.read();
      const state = folder.fold(read.events);
      assert.deepStrictEqual(state, foldLabels(read.events), `step ${step}`);
      if (previous && state.fields.some((f, k) => f === previous!.fields[k])) reused++;
      previous = state;
    }
    assert.ok(reused > 80, `most folds reused the untouched pairs (${reused})`);
  });
});
