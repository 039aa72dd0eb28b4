/**
 * The typed request/response helper (src/shared/requestResponse.ts): answers are matched by
 * `requestId`, so two requests of the same kind in flight at once each get their own answer, in
 * whatever order the answers come; an answer with an unknown id is ignored; a request with no
 * answer rejects after the timeout with a message naming it; an `error` answer rejects with it;
 * the answering side echoes the id with the result or the error. Driven by a fake clock.
 */
import { strict as assert } from 'node:assert';
import { RequestClient, respond, type RequestClock } from '../../src/shared/requestResponse';

type Ask = { type: 'requestExport'; requestId: number; chart: string; format: 'svg' | 'png' };
type Answer = { type: 'exported'; requestId: number; chart: string; format: 'svg' | 'png'; content: string; error?: string };

class FakeClock implements RequestClock {
  private timers = new Map<number, { at: number; callback: () => void }>();
  private now = 0;
  private nextId = 1;
  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { at: this.now + ms, callback });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  get pending(): number {
    return this.timers.size;
  }
  tick(ms: number): void {
    this.now += ms;
    for (const [id, t] of [...this.timers]) {
      if (t.at <= this.now) {
        this.timers.delete(id);
        t.callback();
      }
    }
  }
}

/** Which of `promise`'s outcomes has happened by now (after pending microtasks ran). */
async function outcome<T>(promise: Promise<T>): Promise<{ value: T } | { error: string } | 'pending'> {
  let result: { value: T } | { error: string } | 'pending' = 'pending';
  promise.then(
    (value) => (result = { value }),
    (error: Error) => (result = { error: error.message }),
  );
  for (let i = 0; i < 5; i++) await Promise.resolve();
  return result;
}

describe('typed request/response (src/shared/requestResponse.ts)', function () {
  let clock: FakeClock;
  let sent: Ask[];
  let client: RequestClient<Ask, Answer>;
  beforeEach(function () {
    clock = new FakeClock();
    sent = [];
    client = new RequestClient<Ask, Answer>((m) => sent.push(m), { clock, timeoutMs: 15_000, describe: (r) => `the chart's ${r.format.toUpperCase()} export` });
  });

  it('answers two concurrent requests of the same kind each with its own answer, whatever the order of the answers', async function () {
    const first = client.request({ type: 'requestExport', chart: 'compute', format: 'svg' });
    const second = client.request({ type: 'requestExport', chart: 'compute', format: 'svg' });
    assert.deepEqual(sent, [
      { type: 'requestExport', chart: 'compute', format: 'svg', requestId: 1 },
      { type: 'requestExport', chart: 'compute', format: 'svg', requestId: 2 },
    ]);
    assert.equal(client.waiting, 2);
    // The second answer comes first.
    assert.equal(client.receive({ type: 'exported', requestId: 2, chart: 'compute', format: 'svg', content: '<svg>second</svg>' }), true);
    assert.equal(client.receive({ type: 'exported', requestId: 1, chart: 'compute', format: 'svg', content: '<svg>first</svg>' }), true);
    assert.equal((await first).content, '<svg>first</svg>');
    assert.equal((await second).content, '<svg>second</svg>');
    assert.equal(client.waiting, 0);
    assert.equal(clock.pending, 0, 'both timers cleared');
  });

  it('ignores an answer with an unknown id (and a second answer to the same id)', async function () {
    const pending = client.request({ type: 'requestExport', chart: 'shares', format: 'png' });
    assert.equal(client.receive({ type: 'exported', requestId: 99, chart: 'shares', format: 'png', content: 'stray' }), false);
    assert.equal(await outcome(pending), 'pending', 'a stray answer settles nothing');
    assert.equal(client.receive({ type: 'exported', requestId: 1, chart: 'shares', format: 'png', content: 'data:image/png;base64,AA==' }), true);
    assert.deepEqual(await outcome(pending), { value: { type: 'exported', requestId: 1, chart: 'shares', format: 'png', content: 'data:image/png;base64,AA==' } });
    assert.equal(client.receive({ type: 'exported', requestId: 1, chart: 'shares', format: 'png', content: 'again' }), false);
  });

  it('rejects after the timeout with a message naming the request, and ignores the late answer', async function () {
    const pending = client.request({ type: 'requestExport', chart: 'counts', format: 'svg' });
    clock.tick(14_999);
    assert.equal(await outcome(pending), 'pending');
    clock.tick(1);
    assert.deepEqual(await outcome(pending), { error: "the chart's SVG export got no answer within 15 s" });
    assert.equal(client.waiting, 0);
    assert.equal(client.receive({ type: 'exported', requestId: 1, chart: 'counts', format: 'svg', content: 'late' }), false);
  });

  it('rejects with the error the other side answered', async function () {
    const pending = client.request({ type: 'requestExport', chart: 'topics', format: 'svg' });
    client.receive({ type: 'exported', requestId: 1, chart: 'topics', format: 'svg', content: '', error: 'the charts are not drawn yet' });
    assert.deepEqual(await outcome(pending), { error: 'the charts are not drawn yet' });
    assert.equal(clock.pending, 0);
  });

  it('rejects what still waits when disposed, and a request whose post throws', async function () {
    const pending = client.request({ type: 'requestExport', chart: 'compute', format: 'png' });
    client.dispose();
    assert.deepEqual(await outcome(pending), { error: 'the panel was closed before it answered' });
    const broken = new RequestClient<Ask, Answer>(
      () => {
        throw new Error('Webview is disposed');
      },
      { clock },
    );
    assert.deepEqual(await outcome(broken.request({ type: 'requestExport', chart: 'compute', format: 'svg' })), { error: 'Webview is disposed' });
    assert.equal(broken.waiting, 0);
    assert.equal(clock.pending, 0);
  });

  it('the answering side echoes the requestId with the result, or with the error when the work throws', async function () {
    const posted: Answer[] = [];
    const reply = (content: string, requestId: number): Answer => ({ type: 'exported', requestId, chart: 'compute', format: 'svg', content });
    const failure = (error: string, requestId: number): Answer => ({ type: 'exported', requestId, chart: 'compute', format: 'svg', content: '', error });
    await respond({ type: 'requestExport', requestId: 7, chart: 'compute', format: 'svg' }, () => Promise.resolve('<svg/>'), reply, failure, (m: Answer) => posted.push(m));
    await respond(
      { type: 'requestExport', requestId: 8, chart: 'compute', format: 'svg' },
      () => {
        throw new Error('No data to export yet.');
      },
      reply,
      failure,
      (m: Answer) => posted.push(m),
    );
    assert.deepEqual(posted, [
      { type: 'exported', requestId: 7, chart: 'compute', format: 'svg', content: '<svg/>' },
      { type: 'exported', requestId: 8, chart: 'compute', format: 'svg', content: '', error: 'No data to export yet.' },
    ]);
  });
});
