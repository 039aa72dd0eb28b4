#!/usr/bin/env node
// Writes test/corpus-manifest.json: every file of the test corpus (the folder DIR, by default
// ../shared/data) with its size, SHA-256 and public origin (repository, path, commit), the origin
// read from DIR/README.md exactly as it is given there. The field cases (field-cases/) were written
// for this project and have no public origin: they get `origin: null` and a note. Hashes are checked
// against DIR/SHA256SUMS wherever it lists the file; any disagreement, or a file outside field-cases/
// without an origin, stops the script without writing anything.
//
//   node scripts/make-corpus-manifest.mjs [DIR] [--out FILE]
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const EXCLUDED = new Set(['README.md', 'SHA256SUMS']);
const FIELD_CASES_NOTE =
  'Written for this project (see field-cases/README.md), rebuilt from public bug reports; no public copy exists. Obtain it from the project (its shared data folder).';

/** Every file under `dir` (relative, `/`-separated, sorted), less the top-level README.md and SHA256SUMS. */
function corpusFiles(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath ?? e.path, e.name)).split(path.sep).join('/'))
    .filter((f) => !EXCLUDED.has(f))
    .sort();
}

/** The backticked strings of a table cell part. */
const ticked = (s) => [...s.matchAll(/`([^`]+)`/g)].map((m) => m[1]);

/**
 * Origins from the README's tables: file → { repository, path, commit }. "same repo" and "same
 * commit" refer to the row above; the two ROR sample rows list release paths (`v1.9/00971b260`),
 * whose files are `<release path>.json` in ror-community/ror-records.
 */
function originsFromReadme(text) {
  const origins = new Map();
  let lastRepo;
  let lastCommit;
  for (const line of text.split('\n')) {
    if (!line.startsWith('| `')) continue;
    const cells = line.split(' | ');
    const [file] = ticked(cells[0]);
    const source = cells[1];
    const head = source.split(/ · |\. /)[0].trim();
    const repoMatch = /^([\w.-]+\/[\w.-]+)/.exec(head);
    const repository = head.startsWith('same repo') ? lastRepo : repoMatch?.[1];
    if (!repository) throw new Error(`README row for ${file}: no repository in ${JSON.stringify(source.slice(0, 80))}`);
    if (file.includes('*')) {
      // ROR sample: `dir/*.json` with "@ `commit`" (or "same repo") and a list of release paths.
      const commit = /@ `([0-9a-f]{40})`/.exec(source)?.[1] ?? lastCommit;
      const folder = path.posix.dirname(file);
      for (const m of source.matchAll(/\b(v\d+\.\d+(?:\/v\d+)?\/([0-9a-z]{9})) \(/g)) {
        origins.set(`${folder}/${m[2]}.json`, { repository, path: `${m[1]}.json`, commit, note: `README.md gives the release path ${m[1]}; the file is that path plus .json` });
      }
      lastRepo = repository;
      lastCommit = commit;
      continue;
    }
    const parts = source.split(' · ').slice(1);
    const repoPath = parts.find((p) => /^`[^`]+`$/.test(p.trim()));
    const commitPart = parts.find((p) => /^`[0-9a-f]{40}`/.test(p.trim()) || p.trim().startsWith('same commit'));
    if (!repoPath || !commitPart) throw new Error(`README row for ${file}: cannot read path and commit from ${JSON.stringify(source.slice(0, 160))}`);
    const commit = commitPart.trim().startsWith('same commit') ? lastCommit : ticked(commitPart)[0];
    origins.set(file, { repository, path: ticked(repoPath)[0], commit });
    lastRepo = repository;
    lastCommit = commit;
  }
  return origins;
}

/** SHA256SUMS lines (`HASH  ./path`) as path → hash. */
function sums(text) {
  const map = new Map();
  for (const line of text.split('\n')) {
    const m = /^([0-9a-f]{64}) [ *]\.?\/?(.+)$/.exec(line.trim());
    if (m) map.set(m[2], m[1]);
  }
  return map;
}

function main(argv) {
  const outAt = argv.indexOf('--out');
  const out = outAt === -1 ? path.join(REPO, 'test', 'corpus-manifest.json') : path.resolve(argv[outAt + 1]);
  const rest = outAt === -1 ? argv : argv.filter((_, i) => i !== outAt && i !== outAt + 1);
  const dir = path.resolve(rest[0] ?? path.join(REPO, '..', 'shared', 'data'));
  const origins = originsFromReadme(readFileSync(path.join(dir, 'README.md'), 'utf8'));
  const listed = sums(readFileSync(path.join(dir, 'SHA256SUMS'), 'utf8'));
  const problems = [];
  const files = corpusFiles(dir).map((file) => {
    const bytes = readFileSync(path.join(dir, file));
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (listed.has(file) && listed.get(file) !== sha256) problems.push(`${file}: SHA-256 ${sha256} but SHA256SUMS lists ${listed.get(file)}`);
    const origin = origins.get(file) ?? null;
    if (file.startsWith('field-cases/')) return { path: file, size: bytes.length, sha256, origin: null, note: FIELD_CASES_NOTE };
    if (!origin) return problems.push(`${file}: no origin in README.md`);
    const { note, ...where } = origin;
    return { path: file, size: bytes.length, sha256, origin: where, ...(note ? { note } : {}) };
  });
  for (const file of origins.keys()) if (!files.some((f) => f.path === file)) problems.push(`${file}: named in README.md but not in ${dir}`);
  for (const file of listed.keys()) if (!files.some((f) => f.path === file)) problems.push(`${file}: listed in SHA256SUMS but not in ${dir}`);
  if (problems.length > 0) {
    process.stderr.write(`${problems.join('\n')}\n`);
    return 1;
  }
  const manifest = {
    description:
      'The test corpus (by default ../shared/data; COMPUTE_DIVIDE_TEST_DATA points elsewhere): every file with its size, SHA-256 and public origin (repository, path, commit) as ../shared/data/README.md gives it. Written by scripts/make-corpus-manifest.mjs; read by npm run fetch-test-data and by the test runner.',
    files,
  };
  const tmp = `${out}.tmp-${process.pid}`;
  writeFileSync(tmp, `${JSON.stringify(manifest, null, 2)}\n`);
  renameSync(tmp, out);
  const checked = files.filter((f) => listed.has(f.path)).length;
  process.stdout.write(`${path.relative(process.cwd(), out)}: ${files.length} files (${files.filter((f) => f.origin).length} with a public origin), ${checked} hashes checked against SHA256SUMS\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
