import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { isGzip, MAX_SOURCE_BYTES, readSourceBytes, SourceTooLargeError } from '../../src/node/readSourceFile';
import { fileByteSource, type ByteSource } from '../../src/node/readDatasetFile';

/** Literature files are read with a bound before and after decompression (issue #11 with #9's limits). */
describe('readSourceBytes: bounded reads of literature files, gzip included', function () {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-source-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('returns a plain file as it is and a gzip file decompressed', async function () {
    const text = '{"id":"https://openalex.org/W1","title":"A"}\n{"id":"https://openalex.org/W2","title":"B"}\n';
    fs.writeFileSync(path.join(dir, 'a.jsonl'), text);
    fs.writeFileSync(path.join(dir, 'a.jsonl.gz'), gzipSync(text));
    assert.equal(Buffer.from(await readSourceBytes(fileByteSource(path.join(dir, 'a.jsonl')), 'a.jsonl')).toString(), text);
    const gz = fs.readFileSync(path.join(dir, 'a.jsonl.gz'));
    assert.ok(isGzip(gz) && !isGzip(Buffer.from(text)));
    assert.equal(Buffer.from(await readSourceBytes(fileByteSource(path.join(dir, 'a.jsonl.gz')), 'a.jsonl.gz')).toString(), text);
  });

  it('refuses a file above the cap before reading it', async function () {
    let read = false;
    const huge: ByteSource = { size: () => Promise.resolve(MAX_SOURCE_BYTES + 1), head: () => Promise.resolve(new Uint8Array()), all: () => ((read = true), Promise.resolve(new Uint8Array())) };
    await assert.rejects(readSourceBytes(huge, 'huge.bib'), (e: unknown) => e instanceof SourceTooLargeError && /huge\.bib is 210 MB/.test(e.message));
    assert.equal(read, false);
  });

  it('stops a gzip bomb at the cap of decompressed bytes', async function () {
    this.timeout(20000);
    const bomb = gzipSync(Buffer.alloc(MAX_SOURCE_BYTES + 1024 * 1024, 0x20), { level: 9 });
    assert.ok(bomb.length < 1_000_000, `the bomb is small (${bomb.length} bytes)`);
    const source: ByteSource = { size: () => Promise.resolve(bomb.length), head: (n) => Promise.resolve(bomb.subarray(0, n)), all: () => Promise.resolve(bomb) };
    await assert.rejects(readSourceBytes(source, 'bomb.jsonl.gz'), (e: unknown) => e instanceof SourceTooLargeError && e.decompressed && /once decompressed/.test(e.message));
  });

  it('says a damaged gzip file could not be decompressed', async function () {
    const broken = gzipSync('hello world, hello world').subarray(0, 12);
    const source: ByteSource = { size: () => Promise.resolve(broken.length), head: (n) => Promise.resolve(broken.subarray(0, n)), all: () => Promise.resolve(broken) };
    await assert.rejects(readSourceBytes(source, 'cut.jsonl.gz'), /cut\.jsonl\.gz looks gzip-compressed but could not be decompressed/);
  });

  it('refuses a device, as the table reader does', async function () {
    await assert.rejects(readSourceBytes(fileByteSource('/dev/zero'), '/dev/zero'), /a device/);
  });

  it('reads a file into a buffer of its own, of exactly its size, so a loader transfers it to its worker without copying (before: a view of one byte less than its buffer, copied)', async function () {
    for (const size of [0, 1, 5_000, 6_000_000]) {
      const file = path.join(dir, `t${size}.csv`);
      const content = Buffer.alloc(size, 0x61);
      fs.writeFileSync(file, content);
      const bytes = await fileByteSource(file).all();
      assert.equal(bytes.byteLength, size);
      assert.equal(bytes.byteOffset, 0, `${size}`);
      assert.equal(bytes.buffer.byteLength, size, `${size}: the buffer holds nothing else`);
      assert.ok(Buffer.from(bytes).equals(content));
    }
  });
});
