/**
 * The label log on disk (../shared/spec/labels.md): an append is durable before it resolves; a
 * process killed with SIGKILL while appending loses no event it had reported saved and leaves at
 * most one torn last line, which is reported and skipped; two processes appending at once lose
 * and interleave nothing; invalid lines are never removed. Child processes run
 * fixtures/labels/appendChild.ts with tsx; everything happens in temporary folders.
 */
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeEvent } from '../../src/core/labels/event';
import { appendEvents, readLabelLog } from '../../src/node/labels/labelLog';
import { parseLabelLog } from '../../src/core/labels/parseLog';
import { makeTemp, removeTemp, repoRoot } from './fixtures/labels/helpers';

const CHILD = path.join(repoRoot(), 'test', 'unit', 'fixtures', 'labels', 'appendChild.ts');
const event = (name: string, reason?: string) => makeEvent('ada', { target: { kind: 'organization', name }, field: 'category', value: 'Academia', ...(reason ? { reason } : {}) });

/** Start an appending child; `saved` collects the ids it reported, in order. */
function startChild(log: string, count: number, tag: string, reasonBytes = 0, tearAfter?: number): { child: ChildProcess; saved: string[]; torn: () => boolean; done: Promise<number | null> } {
  const args = ['--import', 'tsx', CHILD, log, String(count), tag, String(reasonBytes), ...(tearAfter !== undefined ? [String(tearAfter)] : [])];
  const child = spawn(process.execPath, args, { cwd: repoRoot(), stdio: ['ignore', 'pipe', 'pipe'] });
  const saved: string[] = [];
  let torn = false;
  let buffer = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk;
    let at: number;
    while ((at = buffer.indexOf('\n')) !== -1) {
      const line = buffer.slice(0, at);
      buffer = buffer.slice(at + 1);
      const m = /^saved (\S+) \d+$/.exec(line);
      if (m) saved.push(m[1]);
      if (line === 'torn') torn = true;
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const done = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0 && code !== null) reject(new Error(`child exited with ${code}: ${stderr}`));
      else resolve(code);
    });
  });
  return { child, saved, torn: () => torn, done };
}

const waitFor = async (condition: () => boolean, timeoutMs: number): Promise<void> => {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting for the child');
    await new Promise((r) => setTimeout(r, 2));
  }
};

describe('labels: appendEvents and readLabelLog', function () {
  let dir: string;
  beforeEach(() => (dir = makeTemp()));
  afterEach(() => removeTemp(dir));

  it('creates the folder and the file, writes one line per event, and reads them back', async function () {
    const log = path.join(dir, 'ws', '.compute-divide', 'labels.jsonl');
    const a = event('MIT');
    const b = event('Google');
    await appendEvents(log, [a, b]);
    await appendEvents(log, []);
    const text = fs.readFileSync(log, 'utf8');
    assert.equal(text.split('\n').length, 3);
    assert.ok(text.endsWith('\n'));
    const read = await readLabelLog(log);
    assert.equal(read.exists, true);
    assert.deepEqual(read.diagnostics, []);
    assert.deepEqual(
      read.events.map((e) => [e.event.id, e.line]),
      [
        [a.id, 1],
        [b.id, 2],
      ],
    );
  });

  it('a missing log is empty, not an error', async function () {
    const read = await readLabelLog(path.join(dir, 'none.jsonl'));
    assert.deepEqual(read, { source: path.join(dir, 'none.jsonl'), events: [], diagnostics: [], omitted: {}, exists: false });
  });

  it('refuses an invalid event and writes nothing', async function () {
    const log = path.join(dir, 'labels.jsonl');
    const bad = { ...event('MIT'), value: 'Academic' } as unknown as ReturnType<typeof event>;
    await assert.rejects(appendEvents(log, [event('Google'), bad]), /invalid label event/);
    assert.equal(fs.existsSync(log), false);
  });

  it('after a torn last line, the next append starts on a new line: the torn line is reported and skipped, never joined or removed', async function () {
    const log = path.join(dir, 'labels.jsonl');
    const first = event('MIT');
    await appendEvents(log, [first]);
    fs.appendFileSync(log, '{"v":1,"id":"torn","ts":"2026-11-29T1');
    const torn = await readLabelLog(log);
    assert.deepEqual(
      torn.diagnostics.map((d) => [d.kind, d.line]),
      [['torn-line', 2]],
    );
    const next = event('Google');
    await appendEvents(log, [next]);
    const read = await readLabelLog(log);
    assert.deepEqual(
      read.events.map((e) => [e.event.id, e.line]),
      [
        [first.id, 1],
        [next.id, 3],
      ],
    );
    assert.deepEqual(
      read.diagnostics.map((d) => [d.kind, d.line]),
      [['bad-json', 2]],
    );
    assert.match(fs.readFileSync(log, 'utf8'), /\n\{"v":1,"id":"torn","ts":"2026-11-29T1\n/);
  });

  it('reading never rewrites the file', async function () {
    const log = path.join(dir, 'labels.jsonl');
    fs.writeFileSync(log, 'not json\n<<<<<<< HEAD\n');
    const before = fs.statSync(log);
    await readLabelLog(log);
    const after = fs.statSync(log);
    assert.equal(fs.readFileSync(log, 'utf8'), 'not json\n<<<<<<< HEAD\n');
    assert.equal(after.mtimeMs, before.mtimeMs);
  });

  it('200 appends at once in one process give 200 whole lines', async function () {
    const log = path.join(dir, 'labels.jsonl');
    const events = Array.from({ length: 200 }, (_, i) => event(`Org ${i}`, 'x'.repeat(i * 50)));
    await Promise.all(events.map((e) => appendEvents(log, [e])));
    const read = parseLabelLog(fs.readFileSync(log, 'utf8'), log);
    assert.deepEqual(read.diagnostics, []);
    assert.deepEqual(read.events.map((e) => e.event.id).sort(), events.map((e) => e.id).sort());
  });
});

describe('labels: durability across processes', function () {
  this.timeout(120_000);
  let dir: string;
  beforeEach(() => (dir = makeTemp()));
  afterEach(() => removeTemp(dir));

  for (const [label, reasonBytes, killAfter] of [
    ['small events', 0, 40],
    ['1 MiB events (a kill can land inside a write)', 1 << 20, 3],
  ] as const)
    it(`SIGKILL while appending ${label}: every event reported saved is in the log, at most one torn last line`, async function () {
      for (let round = 0; round < 3; round++) {
        const log = path.join(dir, `labels-${round}.jsonl`);
        const { child, saved, done } = startChild(log, 100_000, `kid${round}`, reasonBytes);
        await waitFor(() => saved.length >= killAfter + round, 60_000);
        // Kill at a point that is not synchronised with the child's appends.
        await new Promise((r) => setTimeout(r, round));
        child.kill('SIGKILL');
        await done;
        const reported = [...saved];
        const read = parseLabelLog(fs.readFileSync(log, 'utf8'), log);
        const ids = new Set(read.events.map((e) => e.event.id));
        for (const id of reported) assert.ok(ids.has(id), `event ${id} was reported saved but is not in the log`);
        assert.ok(read.diagnostics.length <= 1, JSON.stringify(read.diagnostics.map((d) => [d.kind, d.line])));
        const lines = fs.readFileSync(log, 'utf8').split('\n');
        for (const d of read.diagnostics) {
          assert.equal(d.kind, 'torn-line');
          assert.equal(d.line, lines.length, 'only the last line can be torn');
        }
        // Appending after the crash keeps the torn line apart and the new event whole.
        const after = event('after the crash');
        await appendEvents(log, [after]);
        const again = parseLabelLog(fs.readFileSync(log, 'utf8'), log);
        assert.equal(again.events[again.events.length - 1].event.id, after.id);
        assert.equal(again.events.length, read.events.length + 1);
        assert.equal(again.diagnostics.length, read.diagnostics.length);
      }
    });

  it('SIGKILL after a write was cut short: the torn last line is reported and skipped, every saved event is there, and appends go on', async function () {
    const log = path.join(dir, 'labels.jsonl');
    const { child, saved, torn, done } = startChild(log, 100, 'tearer', 0, 25);
    await waitFor(torn, 60_000);
    child.kill('SIGKILL');
    await done;
    assert.equal(saved.length, 25);
    const text = fs.readFileSync(log, 'utf8');
    assert.ok(!text.endsWith('\n'));
    const read = parseLabelLog(text, log);
    assert.deepEqual(
      read.events.map((e) => e.event.id),
      saved,
    );
    assert.deepEqual(
      read.diagnostics.map((d) => [d.kind, d.line]),
      [['torn-line', 26]],
    );
    const after = event('after the crash');
    await appendEvents(log, [after]);
    const again = parseLabelLog(fs.readFileSync(log, 'utf8'), log);
    assert.deepEqual(
      again.events.map((e) => e.event.id),
      [...saved, after.id],
    );
    assert.deepEqual(
      again.diagnostics.map((d) => [d.kind, d.line]),
      [['bad-json', 26]],
    );
  });

  it('two processes appending 1,000 events each at once leave 2,000 valid lines, each process\'s in its order', async function () {
    const log = path.join(dir, 'shared', 'labels.jsonl');
    const a = startChild(log, 1000, 'alpha');
    const b = startChild(log, 1000, 'beta');
    await Promise.all([a.done, b.done]);
    assert.equal(a.saved.length, 1000);
    assert.equal(b.saved.length, 1000);
    const text = fs.readFileSync(log, 'utf8');
    const read = parseLabelLog(text, log);
    assert.deepEqual(read.diagnostics, []);
    assert.equal(text.split('\n').filter((l) => l !== '').length, 2000);
    assert.equal(read.events.length, 2000);
    for (const [tag, saved] of [
      ['alpha', a.saved],
      ['beta', b.saved],
    ] as const)
      assert.deepEqual(
        read.events.filter((e) => e.event.annotator === tag).map((e) => e.event.id),
        saved,
      );
    const annotators = read.events.map((e) => e.event.annotator);
    const switches = annotators.filter((x, i) => i > 0 && x !== annotators[i - 1]).length;
    // Not a proof of concurrency, but a sanity check that the two really ran at the same time.
    assert.ok(switches > 0, 'the two children did not overlap');
  });
});
