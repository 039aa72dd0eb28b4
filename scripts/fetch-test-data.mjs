#!/usr/bin/env node
// `npm run fetch-test-data`: gets the test corpus that test/corpus-manifest.json lists.
//
// Every file with a public origin is downloaded from
// `<base>/<repository>/<commit>/<path>` (base: https://raw.githubusercontent.com, or
// $COMPUTE_DIVIDE_TEST_DATA_BASE_URL) into $COMPUTE_DIVIDE_TEST_DATA (default ../shared/data),
// checked against the manifest's size and SHA-256 before it is written, and written atomically
// (a temporary file in the same folder, then a rename), so a failed or corrupted download leaves
// nothing behind. Files already there with the right bytes are kept. The field cases have no public
// origin: the script names the ones still missing and says where to get them.
//
//   node scripts/fetch-test-data.mjs                 download what is missing, then verify
//   node scripts/fetch-test-data.mjs --verify-only   only verify (size + SHA-256); exit 1 if any
//                                                    file is missing or differs
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const MANIFEST = path.join(REPO, 'test', 'corpus-manifest.json');
export const DEFAULT_BASE_URL = 'https://raw.githubusercontent.com';

/** The corpus folder: $COMPUTE_DIVIDE_TEST_DATA, or `<repo>/../shared/data` (as test/support/paths.ts). */
export function testDataDir(env = process.env) {
  const fromEnv = env.COMPUTE_DIVIDE_TEST_DATA;
  return fromEnv ? path.resolve(fromEnv) : path.resolve(REPO, '..', 'shared', 'data');
}

/** The manifest: `{ files: [{ path, size, sha256, origin: { repository, path, commit } | null, note? }] }`. */
export function loadManifest(file = MANIFEST) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** Where a manifest entry's public copy is: `<base>/<repository>/<commit>/<path>`, each path segment URL-encoded. */
export function originUrl(entry, baseUrl = DEFAULT_BASE_URL) {
  const { repository, commit, path: repoPath } = entry.origin;
  const segments = repoPath.split('/').map(encodeURIComponent).join('/');
  return `${baseUrl.replace(/\/+$/, '')}/${repository}/${commit}/${segments}`;
}

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

/** Why `bytes` are not the manifest's file, or undefined when size and SHA-256 match. */
function mismatch(entry, bytes) {
  if (bytes.length !== entry.size) return `${entry.path}: ${bytes.length} bytes, the manifest says ${entry.size}`;
  const got = sha256(bytes);
  if (got !== entry.sha256) return `${entry.path}: SHA-256 ${got}, the manifest says ${entry.sha256}`;
  return undefined;
}

/**
 * Checks the corpus folder `dir` against the manifest: every file must exist with the manifest's
 * size and (unless `hashes` is false) SHA-256. Returns `{ ok, missing, bad }`: the paths that
 * match, the manifest entries that are absent, and one message per file that differs, each naming
 * the file.
 */
export function verifyCorpus(dir, manifest, { hashes = true } = {}) {
  const ok = [];
  const missing = [];
  const bad = [];
  for (const entry of manifest.files) {
    const file = path.join(dir, ...entry.path.split('/'));
    let size;
    try {
      const st = statSync(file);
      if (!st.isFile()) throw new Error('not a file');
      size = st.size;
    } catch {
      missing.push(entry);
      continue;
    }
    const problem = !hashes
      ? size === entry.size
        ? undefined
        : `${entry.path}: ${size} bytes, the manifest says ${entry.size}`
      : mismatch(entry, readFileSync(file));
    if (problem) bad.push(problem);
    else ok.push(entry.path);
  }
  return { ok, missing, bad };
}

/**
 * Downloads one manifest entry from its public origin into `dir`. The bytes are checked (size,
 * SHA-256) before anything is written; then they go to a temporary file beside the target, which
 * is renamed over it. Throws an error naming the file on an HTTP error or a mismatch.
 */
export async function downloadEntry(entry, dir, baseUrl = DEFAULT_BASE_URL) {
  const url = originUrl(entry, baseUrl);
  let response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(120_000) });
  } catch (error) {
    throw new Error(`${entry.path}: cannot download ${url}: ${error.cause?.message ?? error.message}`);
  }
  if (!response.ok) throw new Error(`${entry.path}: HTTP ${response.status} from ${url}`);
  const bytes = Buffer.from(await response.arrayBuffer());
  const problem = mismatch(entry, bytes);
  if (problem) throw new Error(`${problem} (downloaded from ${url}; not written)`);
  const target = path.join(dir, ...entry.path.split('/'));
  mkdirSync(path.dirname(target), { recursive: true });
  const tmp = `${target}.download-${process.pid}`;
  try {
    writeFileSync(tmp, bytes);
    renameSync(tmp, target);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}

/** The line that names what only the project can give (entries without a public origin). */
export function noOriginLine(entries, dir) {
  const names = entries.map((e) => e.path).join(', ');
  return `${entries.length} file(s) have no public origin and must be obtained from the project (copy its shared data folder to ${dir}): ${names}`;
}

/**
 * Downloads every file of the manifest that has a public origin and is missing or differs in
 * `dir`, then verifies the whole folder. `log` receives one line per event. Returns
 * `{ downloaded, failed, verification }`, `failed` holding one message per file that could not be
 * had.
 */
export async function fetchTestData({ dir = testDataDir(), manifest = loadManifest(), baseUrl = DEFAULT_BASE_URL, log = () => {} } = {}) {
  const before = verifyCorpus(dir, manifest);
  const present = new Set(before.ok);
  const downloaded = [];
  const failed = [];
  for (const entry of manifest.files) {
    if (!entry.origin || present.has(entry.path)) continue;
    try {
      await downloadEntry(entry, dir, baseUrl);
      downloaded.push(entry.path);
      log(`downloaded ${entry.path}`);
    } catch (error) {
      failed.push(error.message);
      log(`FAILED ${error.message}`);
    }
  }
  return { downloaded, failed, verification: verifyCorpus(dir, manifest) };
}

async function main(argv) {
  const dir = testDataDir();
  const manifest = loadManifest();
  const out = (line) => process.stdout.write(`${line}\n`);
  const total = manifest.files.length;
  if (argv.includes('--verify-only')) {
    const { ok, missing, bad } = verifyCorpus(dir, manifest);
    for (const line of bad) out(`BAD ${line}`);
    for (const entry of missing) out(`MISSING ${entry.path}${entry.origin ? '' : ' (no public origin: obtain it from the project)'}`);
    out(`${dir}: ${ok.length} of ${total} files verified, ${missing.length} missing, ${bad.length} differ`);
    if (missing.length + bad.length > 0) out('Run "npm run fetch-test-data" (without --verify-only) to download the public files, or point COMPUTE_DIVIDE_TEST_DATA at a copy of the corpus.');
    return missing.length + bad.length === 0 ? 0 : 1;
  }
  const baseUrl = process.env.COMPUTE_DIVIDE_TEST_DATA_BASE_URL || DEFAULT_BASE_URL;
  out(`Fetching the test corpus into ${dir} from ${baseUrl}`);
  const { downloaded, failed, verification } = await fetchTestData({ dir, manifest, baseUrl, log: out });
  const { ok, missing, bad } = verification;
  const publicMissing = missing.filter((e) => e.origin);
  const noOrigin = missing.filter((e) => !e.origin);
  for (const line of bad) out(`BAD ${line}`);
  for (const entry of publicMissing) out(`MISSING ${entry.path}`);
  out(`${downloaded.length} downloaded, ${failed.length} failed; ${ok.length} of ${total} files verified`);
  if (noOrigin.length > 0) out(noOriginLine(noOrigin, dir));
  return failed.length + publicMissing.length + bad.length === 0 ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      process.stderr.write(`fetch-test-data: ${error.stack ?? error}\n`);
      process.exit(1);
    },
  );
}
