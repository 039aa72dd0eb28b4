import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_MAX_BYTES, downloadBytes } from '../../src/host/download/boundedDownload';
import { describeNetworkError, DownloadError } from '../../src/host/download/downloadError';
import { checkDownloadUrl, isLoopbackHost } from '../../src/host/download/downloadUrlPolicy';
import { REPO } from '../support/paths';

/** A fetch that must never be called: it records the attempt and fails. */
function forbiddenFetch(): { fetch: typeof fetch; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    fetch: (input) => {
      calls.push(input instanceof Request ? input.url : input.toString());
      return Promise.reject(new Error('fetch must not be called'));
    },
  };
}

async function refusal(url: string): Promise<{ error: DownloadError; calls: string[] }> {
  const spy = forbiddenFetch();
  const error = await downloadBytes(url, { maxBytes: 1e6, fetch: spy.fetch }).then(
    () => assert.fail(`${url} was downloaded`),
    (e: unknown) => e,
  );
  assert.ok(error instanceof DownloadError, String(error));
  return { error, calls: spy.calls };
}

describe('Download: which URLs may be fetched', function () {
  for (const [url, scheme] of [
    ['data:text/csv,Model,Organization%0AGPT,OpenAI', 'data:'],
    ['file:///etc/passwd', 'file:'],
    ['ftp://127.0.0.1/notable_ai_models.csv', 'ftp:'],
    ['javascript:alert(1)', 'javascript:'],
  ] as const) {
    it(`refuses a ${scheme} URL given directly, naming the scheme, without fetching`, async function () {
      const { error, calls } = await refusal(url);
      assert.equal(error.kind, 'refused-url');
      assert.ok(error.message.includes(`"${scheme}"`), error.message);
      assert.ok(error.message.includes('only https'), error.message);
      assert.deepEqual(calls, []);
    });
  }

  for (const url of [
    'http://example.com/notable_ai_models.csv',
    'http://10.0.0.1/x.csv',
    'http://192.168.1.20:8080/x.csv',
    'http://[::2]/x.csv',
    'http://127.0.0.1.example.com/x.csv',
    'http://localhost.example.com/x.csv',
    'http://128.0.0.1/x.csv',
  ]) {
    it(`refuses plain http to another computer (${url}) without any connection attempt`, async function () {
      const { error, calls } = await refusal(url);
      assert.equal(error.kind, 'refused-url');
      assert.match(error.message, /plain http to another computer: use https/);
      assert.deepEqual(calls, []);
    });
  }

  it('refuses a string that is not a URL', async function () {
    const { error, calls } = await refusal('notable_ai_models.csv');
    assert.equal(error.kind, 'refused-url');
    assert.match(error.message, /"notable_ai_models\.csv" is not a valid URL/);
    assert.deepEqual(calls, []);
  });

  it('allows https anywhere and http to 127.0.0.0/8, ::1 and localhost only', function () {
    for (const url of ['https://epoch.ai/data/notable_ai_models.csv', 'https://10.0.0.1/x', 'http://127.0.0.1:8080/x', 'http://127.255.0.9/x', 'http://[::1]:9/x', 'http://localhost/x', 'http://LOCALHOST/x', 'http://2130706433/x'])
      assert.equal(checkDownloadUrl(url, 'the URL').href, new URL(url).href, url);
    // 2130706433 is 127.0.0.1 as one number; WHATWG URL normalises it before the check.
    assert.equal(isLoopbackHost(new URL('http://2130706433/').hostname), true);
    assert.equal(isLoopbackHost('127.0.0.256'), false);
    assert.equal(isLoopbackHost('[::ffff:10.0.0.1]'), false);
  });
});

describe('Download: messages name the real cause', function () {
  it('names the code inside fetch\'s "fetch failed", including certificate errors and AggregateErrors', function () {
    const url = new URL('https://epoch.ai/data/notable_ai_models.csv');
    const wrap = (cause: unknown): unknown => new TypeError('fetch failed', { cause });
    const coded = (code: string, message: string): Error => Object.assign(new Error(message), { code });
    const cases: [unknown, string][] = [
      [wrap(coded('CERT_HAS_EXPIRED', 'certificate has expired')), "could not download from epoch.ai: the server's certificate has expired (CERT_HAS_EXPIRED)"],
      [wrap(coded('ENOTFOUND', 'getaddrinfo ENOTFOUND epoch.ai')), 'could not download from epoch.ai: the host name was not found (ENOTFOUND)'],
      [wrap(new AggregateError([coded('ECONNREFUSED', 'connect ECONNREFUSED ::1:443'), coded('ECONNREFUSED', 'x')])), 'could not download from epoch.ai: the connection was refused (ECONNREFUSED)'],
      [wrap(coded('ESOMETHING', 'an odd failure')), 'could not download from epoch.ai: an odd failure (ESOMETHING)'],
      [wrap(new Error('bad port')), 'could not download from epoch.ai: bad port'],
    ];
    for (const [error, message] of cases) {
      const described = describeNetworkError(error, url, 0, undefined);
      assert.equal(described.message, message);
      assert.equal(described.kind, 'network');
      assert.equal(described.cause, error);
    }
    const midway = describeNetworkError(new TypeError('terminated', { cause: coded('UND_ERR_SOCKET', 'other side closed') }), url, 5000, 170434);
    assert.equal(midway.message, 'the connection closed after 5000 of 170434 bytes: the server closed the connection (UND_ERR_SOCKET)');
    assert.equal(midway.kind, 'truncated');
  });
});

describe('Download: the size limit setting', function () {
  it('package.json declares computeDivide.downloadMaxMegabytes with the default the code uses', function () {
    const manifest = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
      contributes: { configuration: { properties: Record<string, { type: string; default: unknown; markdownDescription: string }> } };
      capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } };
    };
    const setting = manifest.contributes.configuration.properties['computeDivide.downloadMaxMegabytes'];
    assert.equal(setting.type, 'number');
    assert.equal(setting.default, 200);
    assert.equal(DEFAULT_MAX_BYTES, 200 * 1e6);
    assert.match(setting.markdownDescription, /computeDivide\.downloadMaxMegabytes/);
    assert.ok(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations.includes('computeDivide.downloadMaxMegabytes'));
  });
});
