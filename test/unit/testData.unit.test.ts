/**
 * The test corpus tooling: `npm run fetch-test-data` (scripts/fetch-test-data.mjs) verifying a
 * copy of the corpus and downloading into a temp folder from a server on 127.0.0.1, the committed
 * manifest against the corpus, and the runner's corpus check (test/runAll.ts) with the corpus
 * missing. Works on copies in temp folders; never writes to the corpus.
 */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { describeWithCorpus } from '../support/corpus';
import { checkCorpus, corpusEntries, corpusMissingLine, REPO, TEST_DATA, type CorpusEntry } from '../support/paths';

interface Manifest {
  files: CorpusEntry[];
}
interface Verification {
  ok: string[];
  missing: CorpusEntry[];
  bad: string[];
}
interface FetchScript {
  verifyCorpus: (dir: string, manifest: Manifest, options?: { hashes?: boolean }) => Verification;
  originUrl: (entry: CorpusEntry, baseUrl?: string) => string;
  fetchTestData: (options: { dir: string; manifest: Manifest; baseUrl: string; log?: (line: string) => void }) => Promise<{ downloaded: string[]; failed: string[]; verification: Verification }>;
  noOriginLine: (entries: CorpusEntry[], dir: string) => string;
}

/** `node scripts/fetch-test-data.mjs --verify-only` on a folder. */
const verifyCommand = (dir: string): Promise<{ code: number; stdout: string }> =>
  new Promise((resolve) => {
    execFile('node', [path.join(REPO, 'scripts', 'fetch-test-data.mjs'), '--verify-only'], { env: { ...process.env, COMPUTE_DIVIDE_TEST_DATA: dir } }, (error, stdout) => resolve({ code: error ? Number(error.code) : 0, stdout }));
  });

const loadScript = async (): Promise<FetchScript> => (await import(path.join(REPO, 'scripts', 'fetch-test-data.mjs'))) as FetchScript;
const sha256 = (bytes: Buffer | string): string => createHash('sha256').update(bytes).digest('hex');

/** A small manifest of files written here (two with an origin, one without), and their bytes. */
function smallCorpus(): { manifest: Manifest; bytes: Record<string, Buffer> } {
  const bytes: Record<string, Buffer> = {
    'epoch/a table.csv': Buffer.from('Model,Organization\nX,Y\n'),
    'arxiv/feed.xml': Buffer.from('<feed>é</feed>\n'),
    'field-cases/case.csv': Buffer.from('System\nZ\n'),
  };
  const files: CorpusEntry[] = Object.entries(bytes).map(([p, b]) => ({
    path: p,
    size: b.length,
    sha256: sha256(b),
    origin: p.startsWith('field-cases/') ? null : { repository: 'owner/repo', path: `data/${p.split('/')[1]}`, commit: 'c'.repeat(40) },
  }));
  return { manifest: { files }, bytes };
}

function writeCorpus(dir: string, bytes: Record<string, Buffer>): void {
  for (const [p, b] of Object.entries(bytes)) {
    fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
    fs.writeFileSync(path.join(dir, p), b);
  }
}

/** Every file under `dir`, relative. */
const listFiles = (dir: string): string[] =>
  fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();

describe('test corpus: fetch-test-data --verify-only', function () {
  let tmp: string;
  beforeEach(function () {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-corpus-verify-'));
  });
  afterEach(function () {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('passes good files, names a file with one changed byte, and names a missing file', async function () {
    const { verifyCorpus } = await loadScript();
    const { manifest, bytes } = smallCorpus();
    writeCorpus(tmp, bytes);
    assert.deepEqual(verifyCorpus(tmp, manifest), { ok: ['epoch/a table.csv', 'arxiv/feed.xml', 'field-cases/case.csv'], missing: [], bad: [] });

    const changed = Buffer.from(bytes['arxiv/feed.xml']);
    changed[3] ^= 0x01; // same size, one byte different
    fs.writeFileSync(path.join(tmp, 'arxiv', 'feed.xml'), changed);
    fs.rmSync(path.join(tmp, 'field-cases', 'case.csv'));
    const r = verifyCorpus(tmp, manifest);
    assert.deepEqual(r.ok, ['epoch/a table.csv']);
    assert.deepEqual(r.missing.map((e) => e.path), ['field-cases/case.csv']);
    assert.equal(r.bad.length, 1);
    assert.match(r.bad[0], /^arxiv\/feed\.xml: SHA-256 [0-9a-f]{64}, the manifest says [0-9a-f]{64}$/);
    // The cheap check (sizes only) does not see a same-size change.
    assert.deepEqual(verifyCorpus(tmp, manifest, { hashes: false }).bad, []);
    // A truncated file is named with both sizes.
    fs.writeFileSync(path.join(tmp, 'epoch', 'a table.csv'), bytes['epoch/a table.csv'].subarray(0, 5));
    assert.deepEqual(verifyCorpus(tmp, manifest, { hashes: false }).bad, [`epoch/a table.csv: 5 bytes, the manifest says ${bytes['epoch/a table.csv'].length}`]);
  });

  it('the command exits 1 on an empty folder, naming each missing file and what has no public origin', async function () {
    this.timeout(20_000);
    const empty = path.join(tmp, 'empty');
    fs.mkdirSync(empty);
    const r = await verifyCommand(empty);
    const total = corpusEntries().length;
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^MISSING epoch\/notable_ai_models_2026-07\.csv$/m);
    assert.match(r.stdout, /^MISSING field-cases\/br-04-bom-crlf\.csv \(no public origin: obtain it from the project\)$/m);
    const last = r.stdout.trimEnd().split('\n').slice(-2);
    assert.equal(last[0], `${empty}: 0 of ${total} files verified, ${total} missing, 0 differ`);
    assert.match(last[1], /^Run "npm run fetch-test-data" \(without --verify-only\) to download the public files, or point COMPUTE_DIVIDE_TEST_DATA at a copy/);
  });
});

describe('test corpus: downloading from a server on 127.0.0.1', function () {
  let tmp: string;
  let server: Server;
  let base: string;
  const requests: string[] = [];
  const { manifest, bytes } = smallCorpus();

  before(async function () {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-corpus-fetch-'));
    // Serves the two public files at <repo>/<commit>/<path>; the second one with a changed byte.
    server = createServer((req, res) => {
      requests.push(decodeURIComponent(req.url ?? ''));
      const entry = manifest.files.find((e) => e.origin && `/${e.origin.repository}/${e.origin.commit}/${e.origin.path.split('/').map(encodeURIComponent).join('/')}` === req.url);
      if (!entry) {
        res.writeHead(404).end();
        return;
      }
      let body = bytes[entry.path];
      if (entry.path === 'arxiv/feed.xml') {
        body = Buffer.from(body);
        body[1] ^= 0x20;
      }
      res.writeHead(200, { 'content-length': body.length }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(async function () {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('URL-encodes each path segment of the origin', async function () {
    const { originUrl } = await loadScript();
    const entry = corpusEntries().find((e) => e.path === 'epoch/all_ml_systems_full_view_2023-12-14.csv')!;
    assert.equal(originUrl(entry), 'https://raw.githubusercontent.com/epoch-research/training-cost-trends/8a3926a7d014f17f6b2fc25aed9f10031b1f33c3/data/All%20ML%20Systems%20-%20full%20view%20-%202023-12-14.csv');
  });

  it('writes the good file, names the corrupted one and leaves nothing half-written', async function () {
    const { fetchTestData, noOriginLine } = await loadScript();
    const lines: string[] = [];
    const dir = path.join(tmp, 'corpus');
    const r = await fetchTestData({ dir, manifest, baseUrl: base, log: (l) => lines.push(l) });
    assert.deepEqual(requests.sort(), ['/owner/repo/cccccccccccccccccccccccccccccccccccccccc/data/a table.csv', '/owner/repo/cccccccccccccccccccccccccccccccccccccccc/data/feed.xml']);
    assert.deepEqual(r.downloaded, ['epoch/a table.csv']);
    assert.equal(r.failed.length, 1);
    assert.match(r.failed[0], /^arxiv\/feed\.xml: SHA-256 [0-9a-f]{64}, the manifest says [0-9a-f]{64} \(downloaded from http:\/\/127\.0\.0\.1:\d+\/owner\/repo\/c{40}\/data\/feed\.xml; not written\)$/);
    assert.ok(lines.includes('downloaded epoch/a table.csv'));
    // Only the good file is on disk: no temporary file, no corrupted copy.
    assert.deepEqual(listFiles(dir), ['epoch/a table.csv']);
    assert.deepEqual(fs.readFileSync(path.join(dir, 'epoch', 'a table.csv')), bytes['epoch/a table.csv']);
    assert.deepEqual(r.verification.ok, ['epoch/a table.csv']);
    assert.deepEqual(r.verification.missing.map((e) => e.path), ['arxiv/feed.xml', 'field-cases/case.csv']);
    const noOrigin = r.verification.missing.filter((e) => e.origin === null);
    assert.equal(noOriginLine(noOrigin, dir), `1 file(s) have no public origin and must be obtained from the project (copy its shared data folder to ${dir}): field-cases/case.csv`);
  });

  it('keeps a file that is already right and reports an HTTP error by file', async function () {
    const { fetchTestData } = await loadScript();
    const dir = path.join(tmp, 'again');
    writeCorpus(dir, { 'epoch/a table.csv': bytes['epoch/a table.csv'] });
    requests.length = 0;
    const other: Manifest = { files: manifest.files.map((e) => (e.path === 'arxiv/feed.xml' ? { ...e, origin: { ...e.origin!, path: 'data/gone.xml' } } : e)) };
    const r = await fetchTestData({ dir, manifest: other, baseUrl: base });
    assert.deepEqual(requests, ['/owner/repo/cccccccccccccccccccccccccccccccccccccccc/data/gone.xml']);
    assert.deepEqual(r.downloaded, []);
    assert.equal(r.failed.length, 1);
    assert.match(r.failed[0], /^arxiv\/feed\.xml: HTTP 404 from http:\/\/127\.0\.0\.1:\d+\/owner\/repo\/c{40}\/data\/gone\.xml$/);
    assert.deepEqual(listFiles(dir), ['epoch/a table.csv']);
  });
});

describe('test corpus: the manifest', function () {
  it('lists every file with a size, a SHA-256, and an origin or (field cases only) a note', function () {
    const entries = corpusEntries();
    assert.ok(entries.length >= 70, `${entries.length} entries`);
    for (const e of entries) {
      assert.ok(Number.isInteger(e.size) && e.size > 0, e.path);
      assert.match(e.sha256, /^[0-9a-f]{64}$/, e.path);
      if (e.path.startsWith('field-cases/')) {
        assert.equal(e.origin, null, e.path);
        assert.match(e.note ?? '', /obtain it from the project/i, e.path);
      } else {
        assert.ok(e.origin, e.path);
        assert.match(e.origin.repository, /^[\w.-]+\/[\w.-]+$/, e.path);
        assert.match(e.origin.commit, /^[0-9a-f]{40}$/, e.path);
      }
    }
    const ror = entries.find((e) => e.path === 'institutions/ror_records_sample/v2/00njsd438.json')!;
    assert.deepEqual(ror.origin, { repository: 'ror-community/ror-records', path: 'v2.8/00njsd438.json', commit: 'd93fc667872f8ef9386896bd6c68bd3c6103603e' });
  });

  describeWithCorpus('against the corpus', function () {
    it('matches the corpus file for file (SHA-256), and the corpus SHA256SUMS where it lists a file', async function () {
      this.timeout(30_000);
      const { verifyCorpus } = await loadScript();
      const manifest = { files: corpusEntries() };
      const r = verifyCorpus(TEST_DATA, manifest);
      assert.deepEqual({ missing: r.missing, bad: r.bad }, { missing: [], bad: [] });
      const sums = fs.readFileSync(path.join(TEST_DATA, 'SHA256SUMS'), 'utf8').trim().split('\n');
      let listed = 0;
      for (const line of sums) {
        const [hash, file] = line.split(/\s+\.?\/?/);
        const entry = manifest.files.find((e) => e.path === file);
        assert.ok(entry, `${file} of SHA256SUMS is in the manifest`);
        assert.equal(entry.sha256, hash, file);
        listed++;
      }
      assert.equal(listed, manifest.files.filter((e) => e.origin !== null).length, 'SHA256SUMS lists every file with a public origin');
    });

    it('fetch-test-data --verify-only exits 0 on it', async function () {
      this.timeout(20_000);
      const r = await verifyCommand(TEST_DATA);
      const total = corpusEntries().length;
      assert.equal(r.code, 0, r.stdout);
      assert.equal(r.stdout, `${TEST_DATA}: ${total} of ${total} files verified, 0 missing, 0 differ\n`);
    });
  });
});

describe('test corpus: the runner without it', function () {
  this.timeout(60_000);
  let empty: string;
  before(function () {
    empty = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-corpus-empty-'));
  });
  after(function () {
    fs.rmSync(empty, { recursive: true, force: true });
  });

  const runner = (env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> =>
    new Promise((resolve) => {
      execFile(
        'node',
        ['--import', 'tsx', path.join(REPO, 'test', 'runAll.ts'), '--tier', 'unit', '--grep', 'field case br-18|foldForSearch'],
        { cwd: REPO, env: { ...process.env, COMPUTE_DIVIDE_TEST_DATA: empty, COMPUTE_DIVIDE_REQUIRE_TEST_DATA: '', ...env }, maxBuffer: 16 * 1024 * 1024 },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
      );
    });

  it('says so in one line, skips what needs it, runs the rest, and exits 0', async function () {
    const r = await runner({});
    const total = corpusEntries().length;
    const line = `Test corpus not found at ${empty} (${total} of ${total} files missing): tests that need it are skipped. Get it with "npm run fetch-test-data" or point COMPUTE_DIVIDE_TEST_DATA at a copy.`;
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.split('\n')[0], line);
    assert.equal(r.stdout.split(line).length, 2, 'the line once');
    assert.equal(corpusMissingLine(checkCorpus(empty)), line);
    // foldForSearch runs (hand-made inputs); br-18 is skipped: its 2 fixed tests are pending (its
    // per-query tests need the queries file to exist at all).
    const closing = /^(\d+) passed, 0 failed, 2 skipped$/m.exec(r.stdout);
    assert.ok(closing, r.stdout.slice(-400));
    assert.ok(Number(closing[1]) >= 5, closing[0]);
    assert.match(r.stdout, /field case br-18: organizations with diacritics \[skipped: needs the test corpus\]/);
  });

  it('with COMPUTE_DIVIDE_REQUIRE_TEST_DATA=1 fails (non-zero) with a clear message', async function () {
    const r = await runner({ COMPUTE_DIVIDE_REQUIRE_TEST_DATA: '1' });
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, new RegExp(`^COMPUTE_DIVIDE_REQUIRE_TEST_DATA=1 but the test corpus is incomplete at ${empty.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: ${corpusEntries().length} of ${corpusEntries().length} files missing`));
    assert.match(r.stdout, /^0 passed, 1 failed$/m);
  });
});
