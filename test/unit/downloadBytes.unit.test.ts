import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import * as path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { downloadBytes, type DownloadOptions, type DownloadResult } from '../../src/host/download/boundedDownload';
import { DownloadError } from '../../src/host/download/downloadError';
import { closedPort, drip, flood, startLocalServer, type LocalServer } from '../support/localServer';
import { REPO } from '../support/paths';

/** A real Epoch table that ships with the repository (the bundled snapshot, decompressed: 563,279 bytes). */
const EPOCH = gunzipSync(readFileSync(path.join(REPO, 'data', 'epoch-notable-ai-models.csv.gz')));

/** Real fetch, recording every URL asked for, so a test can prove nothing left 127.0.0.1. */
function recordingFetch(): { fetch: typeof fetch; urls: string[] } {
  const urls: string[] = [];
  return {
    urls,
    fetch: (input, init) => {
      urls.push(input instanceof Request ? input.url : input.toString());
      return fetch(input, init);
    },
  };
}

async function failure(url: string, options: DownloadOptions): Promise<{ error: DownloadError; ms: number }> {
  const started = performance.now();
  const outcome: unknown = await downloadBytes(url, options).then(
    (result) => result,
    (error: unknown) => error,
  );
  const ms = performance.now() - started;
  assert.ok(outcome instanceof DownloadError, `expected a DownloadError, got ${outcome instanceof Error ? outcome.message : `${(outcome as DownloadResult).bytes.length} bytes`}`);
  return { error: outcome, ms };
}

/** Resolves when the server side of `res` is closed (the client hung up), or rejects after `ms`. */
function closedWithin(res: Promise<ServerResponse>, ms: number): Promise<void> {
  return res.then(
    (r) =>
      new Promise<void>((resolve, reject) => {
        if (r.destroyed || r.socket?.destroyed) return resolve();
        const timer = setTimeout(() => reject(new Error(`the connection was still open ${ms} ms later`)), ms);
        r.once('close', () => {
          clearTimeout(timer);
          resolve();
        });
      }),
  );
}

describe('Download: limits, timeouts and redirects against a server on 127.0.0.1', function () {
  this.timeout(10_000);
  const servers: LocalServer[] = [];
  async function serve(...args: Parameters<typeof startLocalServer>): Promise<LocalServer> {
    const server = await startLocalServer(...args);
    servers.push(server);
    return server;
  }
  afterEach(async function () {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  it('downloads a real Epoch table byte for byte, asking for no compression', async function () {
    const server = await serve((_req, res) => res.writeHead(200, { 'content-type': 'text/csv', 'content-length': EPOCH.length }).end(EPOCH));
    const result = await downloadBytes(`${server.base}/notable_ai_models.csv`, { maxBytes: 1e6 });
    assert.deepEqual(Buffer.from(result.bytes), EPOCH);
    assert.equal(result.url.href, `${server.base}/notable_ai_models.csv`);
    assert.equal(server.requests[0].headers['accept-encoding'], 'identity');
  });

  it('stops an endless stream at the size limit and says the limit', async function () {
    let response!: (r: ServerResponse) => void;
    const served = new Promise<ServerResponse>((resolve) => (response = resolve));
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/csv' });
      response(res);
      flood(res, 8000);
    });
    const { error, ms } = await failure(`${server.base}/endless.csv`, { maxBytes: 1e6 });
    assert.equal(error.kind, 'too-large');
    assert.match(error.message, /^the file is larger than the limit of 1 MB; stopped after (0\.9|1\.0) MB$/);
    assert.ok(ms < 4000, `took ${ms} ms`);
    await closedWithin(served, 2000);
  });

  it('refuses a Content-Length over the limit before reading the body', async function () {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/csv', 'content-length': 5_000_000 });
      res.flushHeaders(); // headers only; the body never comes
    });
    let reports = 0;
    const { error, ms } = await failure(`${server.base}/big.csv`, { maxBytes: 1e6, onProgress: () => reports++ });
    assert.equal(error.kind, 'too-large');
    assert.equal(error.message, 'the server announces 5.0 MB, more than the limit of 1 MB; nothing was read');
    assert.equal(reports, 0);
    assert.ok(ms < 2000, `took ${ms} ms`);
  });

  it('stops a trickle (1 byte per 200 ms) when nothing comes for the idle timeout', async function () {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/csv' });
      res.write('M');
      drip(res, 'x', 200, 6000);
    });
    const { error, ms } = await failure(`${server.base}/trickle.csv`, { maxBytes: 1e6, idleTimeoutMs: 120 });
    assert.equal(error.kind, 'idle-timeout');
    assert.equal(error.message, 'the server sent nothing for 120 ms after 1 byte');
    assert.ok(ms < 1500, `took ${ms} ms`);
  });

  it('stops a trickle that never goes idle at the overall timeout', async function () {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/csv' });
      drip(res, 'x', 200, 8000);
    });
    const { error, ms } = await failure(`${server.base}/trickle.csv`, { maxBytes: 1e6, idleTimeoutMs: 1000, overallTimeoutMs: 1500 });
    assert.equal(error.kind, 'overall-timeout');
    assert.match(error.message, /^the download took longer than 1\.5 s and was stopped after [5-8] bytes$/);
    assert.ok(ms >= 1490 && ms < 3000, `took ${ms} ms`);
  });

  it('gives up on a server that accepts the connection but never answers', async function () {
    const server = await serve(() => undefined);
    const { error, ms } = await failure(`${server.base}/hang.csv`, { maxBytes: 1e6, idleTimeoutMs: 300 });
    assert.equal(error.kind, 'idle-timeout');
    assert.equal(error.message, 'the server sent nothing for 300 ms (no answer)');
    assert.ok(ms >= 290 && ms < 2000, `took ${ms} ms`);
  });

  it('aborts at once when cancelled mid-stream, and hangs up', async function () {
    let response!: (r: ServerResponse) => void;
    const served = new Promise<ServerResponse>((resolve) => (response = resolve));
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/csv' });
      response(res);
      drip(res, 'x'.repeat(1000), 20, 8000);
    });
    const cancel = new AbortController();
    setTimeout(() => cancel.abort(), 300);
    const { error, ms } = await failure(`${server.base}/slow.csv`, { maxBytes: 1e6, signal: cancel.signal });
    assert.equal(error.kind, 'cancelled');
    assert.ok(ms < 1000, `took ${ms} ms`);
    await closedWithin(served, 2000);
  });

  it('follows a redirect to another port on 127.0.0.1', async function () {
    const target = await serve((_req, res) => res.writeHead(200, { 'content-length': EPOCH.length }).end(EPOCH));
    const first = await serve((_req, res) => res.writeHead(302, { location: `${target.base}/moved/notable_ai_models.csv` }).end());
    const spy = recordingFetch();
    const result = await downloadBytes(`${first.base}/notable_ai_models.csv`, { maxBytes: 1e6, fetch: spy.fetch });
    assert.deepEqual(Buffer.from(result.bytes), EPOCH);
    assert.equal(result.url.href, `${target.base}/moved/notable_ai_models.csv`);
    assert.deepEqual(spy.urls, [`${first.base}/notable_ai_models.csv`, `${target.base}/moved/notable_ai_models.csv`]);
  });

  for (const [location, scheme] of [
    ['data:text/csv;base64,TW9kZWwsT3JnYW5pemF0aW9uCkdQVCxPcGVuQUkK', 'data:'],
    ['file:///etc/passwd', 'file:'],
    ['ftp://127.0.0.1/notable_ai_models.csv', 'ftp:'],
  ] as const) {
    it(`refuses a redirect to a ${scheme} URL, naming the scheme`, async function () {
      const server = await serve((_req, res) => res.writeHead(302, { location }).end());
      const spy = recordingFetch();
      const { error } = await failure(`${server.base}/notable_ai_models.csv`, { maxBytes: 1e6, fetch: spy.fetch });
      assert.equal(error.kind, 'refused-url');
      assert.equal(error.message, `the server's redirect from ${server.base}/notable_ai_models.csv uses the scheme "${scheme}", which is not allowed: only https URLs are downloaded`);
      assert.deepEqual(spy.urls, [`${server.base}/notable_ai_models.csv`]);
    });
  }

  it('refuses a redirect to plain http on another computer without contacting it', async function () {
    const server = await serve((_req, res) => res.writeHead(301, { location: 'http://example.com/notable_ai_models.csv' }).end());
    const spy = recordingFetch();
    const { error } = await failure(`${server.base}/a.csv`, { maxBytes: 1e6, fetch: spy.fetch });
    assert.equal(error.kind, 'refused-url');
    assert.match(error.message, /http:\/\/example\.com\/notable_ai_models\.csv uses plain http to another computer/);
    assert.deepEqual(spy.urls, [`${server.base}/a.csv`]);
  });

  it('follows 5 redirects and refuses a 6th', async function () {
    // /hop/N redirects (relative Location) to /hop/N+1 until N = `limit`, which serves the file.
    const chain = (limit: number) => (req: { url?: string }, res: ServerResponse) => {
      const n = Number(/^\/hop\/(\d+)$/.exec(req.url ?? '')?.[1]);
      if (n >= limit) res.writeHead(200, { 'content-length': EPOCH.length }).end(EPOCH);
      else res.writeHead(n % 2 ? 307 : 302, { location: `/hop/${n + 1}` }).end();
    };
    const five = await serve(chain(5));
    const ok = await downloadBytes(`${five.base}/hop/0`, { maxBytes: 1e6 });
    assert.equal(ok.url.pathname, '/hop/5');
    assert.deepEqual(Buffer.from(ok.bytes), EPOCH);

    const endless = await serve(chain(Number.POSITIVE_INFINITY));
    const { error } = await failure(`${endless.base}/hop/0`, { maxBytes: 1e6 });
    assert.equal(error.kind, 'too-many-redirects');
    assert.equal(error.message, `the server redirected more than 5 times (last from ${endless.base}/hop/5)`);
    assert.deepEqual(
      endless.requests.map((r) => r.url),
      ['/hop/0', '/hop/1', '/hop/2', '/hop/3', '/hop/4', '/hop/5'],
    );
  });

  it('decodes a gzip answer sent despite accept-encoding: identity, with its compressed Content-Length', async function () {
    const gz = gzipSync(EPOCH);
    const server = await serve((_req, res) => res.writeHead(200, { 'content-type': 'text/csv', 'content-encoding': 'gzip', 'content-length': gz.length }).end(gz));
    const reports: { receivedBytes: number; totalBytes?: number }[] = [];
    const result = await downloadBytes(`${server.base}/notable_ai_models.csv`, { maxBytes: 1e6, onProgress: (p) => reports.push(p) });
    assert.deepEqual(Buffer.from(result.bytes), EPOCH);
    assert.equal(server.requests[0].headers['accept-encoding'], 'identity');
    // The decoded length is unknown up front, so no percentage is claimed.
    assert.deepEqual(reports.at(-1), { receivedBytes: EPOCH.length, totalBytes: undefined });
  });

  it('fails on a gzip answer cut short rather than saving half of it', async function () {
    const gz = gzipSync(EPOCH);
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip', 'content-length': gz.length });
      res.write(gz.subarray(0, gz.length >> 1));
      setTimeout(() => res.destroy(), 50);
    });
    const { error } = await failure(`${server.base}/notable_ai_models.csv`, { maxBytes: 1e6 });
    assert.equal(error.kind, 'truncated');
    assert.match(error.message, /^the connection broke after [\d.]+ (bytes|MB): /);
  });

  it('refuses a content-encoding that fetch would not decode', async function () {
    const server = await serve((_req, res) => res.writeHead(200, { 'content-encoding': 'compress' }).end('xx'));
    const { error } = await failure(`${server.base}/a.csv`, { maxBytes: 1e6 });
    assert.equal(error.kind, 'unsupported-encoding');
    assert.equal(error.message, 'the server sent the file compressed as "compress", which cannot be decoded');
  });

  it('says how far a body cut short got', async function () {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': EPOCH.length });
      res.write(EPOCH.subarray(0, 5000));
      setTimeout(() => res.destroy(), 50);
    });
    const { error } = await failure(`${server.base}/truncated.csv`, { maxBytes: 1e6 });
    assert.equal(error.kind, 'truncated');
    assert.equal(error.message, `the connection closed after 5000 of ${EPOCH.length} bytes: the server closed the connection (UND_ERR_SOCKET)`);
  });

  it('reports the HTTP status', async function () {
    const server = await serve((_req, res) => res.writeHead(404).end('not here'));
    const { error } = await failure(`${server.base}/missing.csv`, { maxBytes: 1e6 });
    assert.equal(error.kind, 'http-status');
    assert.equal(error.message, 'the server answered 404 Not Found');
  });

  it('names ECONNREFUSED when nothing listens on the port', async function () {
    const port = await closedPort();
    const { error } = await failure(`http://127.0.0.1:${port}/notable_ai_models.csv`, { maxBytes: 1e6 });
    assert.equal(error.kind, 'network');
    assert.equal(error.message, `could not download from 127.0.0.1:${port}: the connection was refused (ECONNREFUSED)`);
  });

  it('names the TLS error when https meets a plain-http server', async function () {
    const server = await serve((_req, res) => res.writeHead(200).end('plain'));
    const { error } = await failure(`https://127.0.0.1:${server.port}/a.csv`, { maxBytes: 1e6 });
    assert.equal(error.kind, 'network');
    assert.equal(error.message, `could not download from 127.0.0.1:${server.port}: the server does not speak https on that port (ERR_SSL_WRONG_VERSION_NUMBER)`);
  });

  for (const withLength of [true, false]) {
    it(`reports progress at most 5 times a second over a 2 s stream (${withLength ? 'with' : 'without'} Content-Length)`, async function () {
      const chunk = Buffer.alloc(10_000, 0x61);
      const chunks = 100; // one every 20 ms: 2 s, 1,000,000 bytes
      const server = await serve((_req, res) => {
        res.writeHead(200, withLength ? { 'content-length': chunk.length * chunks } : {});
        let sent = 0;
        const timer = setInterval(() => {
          if (res.destroyed) return clearInterval(timer);
          res.write(chunk);
          if (++sent < chunks) return;
          clearInterval(timer);
          res.end();
        }, 20);
      });
      const reports: { at: number; receivedBytes: number; totalBytes?: number }[] = [];
      const started = performance.now();
      const result = await downloadBytes(`${server.base}/stream.csv`, { maxBytes: 2e6, onProgress: (p) => reports.push({ at: performance.now(), ...p }) });
      const seconds = (performance.now() - started) / 1000;
      assert.equal(result.bytes.length, 1_000_000);
      assert.ok(seconds >= 1.9, `the stream took ${seconds} s`);
      assert.ok(reports.length <= Math.floor(5 * seconds) + 1, `${reports.length} reports in ${seconds.toFixed(2)} s`);
      assert.ok(reports.length >= 5, `${reports.length} reports`);
      for (let i = 1; i < reports.length - 1; i++) assert.ok(reports[i].at - reports[i - 1].at >= 199, `reports ${i - 1} and ${i} ${reports[i].at - reports[i - 1].at} ms apart`);
      for (let i = 1; i < reports.length; i++) assert.ok(reports[i].receivedBytes >= reports[i - 1].receivedBytes);
      assert.deepEqual(reports.at(-1), { at: reports.at(-1)!.at, receivedBytes: 1_000_000, totalBytes: withLength ? 1_000_000 : undefined });
    });
  }
});
