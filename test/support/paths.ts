/**
 * Where the tests find things: the repository, and the test corpus (real data kept beside the
 * repository, read-only, never copied in). Everything in test/, bench/ and the runners that reads
 * the corpus takes its folder from here.
 *
 * The corpus folder is `$COMPUTE_DIVIDE_TEST_DATA` when set, otherwise `<repo>/../shared/data`.
 * `test/corpus-manifest.json` lists its files (size, SHA-256, public origin);
 * `npm run fetch-test-data` downloads the public ones.
 */
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

/** The repository root (this file is test/support/paths.ts). */
export const REPO = path.resolve(__dirname, '..', '..');
/** The variable that points the tests at a copy of the corpus. */
export const TEST_DATA_ENV = 'COMPUTE_DIVIDE_TEST_DATA';
/** Set to 1 (CI does) to make a missing corpus fail the run instead of skipping what needs it. */
export const REQUIRE_TEST_DATA_ENV = 'COMPUTE_DIVIDE_REQUIRE_TEST_DATA';
/** The manifest of the corpus, committed in the repository. */
export const CORPUS_MANIFEST = path.join(REPO, 'test', 'corpus-manifest.json');

/** The corpus folder for an environment: `$COMPUTE_DIVIDE_TEST_DATA`, or `<repo>/../shared/data`. */
export function testDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env[TEST_DATA_ENV];
  return fromEnv ? path.resolve(fromEnv) : path.resolve(REPO, '..', 'shared', 'data');
}

/** The corpus folder of this process. */
export const TEST_DATA = testDataDir();

/** A path inside the corpus folder, e.g. `testData('epoch', 'notable_ai_models_2026-07.csv')`. */
export function testData(...segments: string[]): string {
  return path.join(TEST_DATA, ...segments);
}

/** One file of the manifest. */
export interface CorpusEntry {
  path: string;
  size: number;
  sha256: string;
  origin: { repository: string; path: string; commit: string } | null;
  note?: string;
}

/** What the cheap check found: the manifest paths that are absent, and those of another size. */
export interface CorpusCheck {
  dir: string;
  total: number;
  absent: string[];
  wrongSize: string[];
}

/** The manifest's entries. */
export function corpusEntries(manifestFile = CORPUS_MANIFEST): CorpusEntry[] {
  return (JSON.parse(readFileSync(manifestFile, 'utf8')) as { files: CorpusEntry[] }).files;
}

/**
 * The cheap check of a corpus folder against the manifest: each file must exist with the size the
 * manifest gives (no hashing; `npm run fetch-test-data -- --verify-only` checks the SHA-256).
 */
export function checkCorpus(dir: string = TEST_DATA, entries: CorpusEntry[] = corpusEntries()): CorpusCheck {
  const absent: string[] = [];
  const wrongSize: string[] = [];
  for (const entry of entries) {
    let size: number | undefined;
    try {
      const st = statSync(path.join(dir, ...entry.path.split('/')));
      if (st.isFile()) size = st.size;
    } catch {
      size = undefined;
    }
    if (size === undefined) absent.push(entry.path);
    else if (size !== entry.size) wrongSize.push(entry.path);
  }
  return { dir, total: entries.length, absent, wrongSize };
}

let cached: CorpusCheck | undefined;
/** `checkCorpus()` of this process's corpus folder, done once. */
export function corpusCheck(): CorpusCheck {
  cached ??= checkCorpus();
  return cached;
}

/**
 * Whether the corpus holds every manifest file under the given folders or files (`['epoch/']`,
 * `['field-cases/br-18-queries.json']`) with the right size; no argument: the whole corpus.
 */
export function corpusHas(needs?: readonly string[]): boolean {
  const { absent, wrongSize } = corpusCheck();
  const bad = [...absent, ...wrongSize];
  if (needs === undefined) return bad.length === 0;
  return !bad.some((file) => needs.some((need) => file === need || (need.endsWith('/') && file.startsWith(need))));
}

/** The one line the runner prints when the corpus is incomplete; undefined when it is complete. */
export function corpusMissingLine(check: CorpusCheck): string | undefined {
  const { dir, total, absent, wrongSize } = check;
  if (absent.length + wrongSize.length === 0) return undefined;
  const what =
    wrongSize.length === 0
      ? `Test corpus not found at ${dir} (${absent.length} of ${total} files missing)`
      : `Test corpus incomplete at ${dir} (${absent.length} of ${total} files missing, ${wrongSize.length} of the wrong size)`;
  return `${what}: tests that need it are skipped. Get it with "npm run fetch-test-data" or point ${TEST_DATA_ENV} at a copy.`;
}
