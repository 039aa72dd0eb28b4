/**
 * The one test command (`npm test`, after `npm run build`): every tier that runs on this machine,
 * in one mocha run, ending with the line `N passed, N failed, N skipped` (pending tests are reported
 * apart, never counted as passed).
 *
 * Before loading any test file it checks the test corpus (test/support/paths.ts: every file of
 * test/corpus-manifest.json, by existence and size). When files are missing it prints one line
 * saying so; the suites that need them (`describeWithCorpus`) are then skipped and the rest runs.
 * With COMPUTE_DIVIDE_REQUIRE_TEST_DATA=1 (as in CI) a missing corpus fails the run instead.
 *
 * Tiers: unit (plain Node), webview (the built panel scripts in headless Chromium), e2e (the
 * integration suite inside code-server's extension host, UI checks through the workbench, and the
 * packaged VSIX). `--tier unit|webview|e2e` runs one tier; `--grep TEXT` filters by title.
 */
import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { skippedForCorpus } from './support/corpus';
import { corpusCheck, corpusMissingLine, REQUIRE_TEST_DATA_ENV, TEST_DATA_ENV } from './support/paths';

/** Tier → [folder, file suffix]. */
const TIERS: Record<string, [string, string]> = {
  unit: ['test/unit', '.unit.test.ts'],
  webview: ['test/webview', '.webview.test.ts'],
  e2e: ['test/e2e', '.e2e.test.ts'],
};

function filesOf(root: string, [folder, suffix]: [string, string]): string[] {
  const dir = path.join(root, folder);
  if (!existsSync(dir)) return [];
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => f.endsWith(suffix))
    .sort()
    .map((f) => path.join(dir, f));
}

function argument(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at === -1 ? undefined : process.argv[at + 1];
}

async function main(): Promise<number> {
  const root = path.resolve(__dirname, '..');
  const tier = argument('--tier');
  if (tier !== undefined && !(tier in TIERS)) {
    process.stderr.write(`unknown tier ${tier}; expected one of ${Object.keys(TIERS).join(', ')}\n`);
    return 2;
  }
  const tiers = tier ? [TIERS[tier]] : Object.values(TIERS);
  const required = process.env[REQUIRE_TEST_DATA_ENV] === '1';
  const check = corpusCheck();
  const missingLine = corpusMissingLine(check);
  if (missingLine !== undefined) {
    if (required) {
      const first = [...check.absent, ...check.wrongSize].slice(0, 5).join(', ');
      process.stderr.write(`${REQUIRE_TEST_DATA_ENV}=1 but the test corpus is incomplete at ${check.dir}: ${check.absent.length} of ${check.total} files missing, ${check.wrongSize.length} of the wrong size (${first}${check.absent.length + check.wrongSize.length > 5 ? ', …' : ''}). Get it with "npm run fetch-test-data" or point ${TEST_DATA_ENV} at a copy.\n`);
      process.stdout.write('\n0 passed, 1 failed\n');
      return 1;
    }
    process.stdout.write(`${missingLine}\n`);
  }
  const mocha = new Mocha({ ui: 'bdd', timeout: 20_000, reporter: 'spec', grep: argument('--grep') });
  for (const t of tiers) for (const file of filesOf(root, t)) mocha.addFile(file);
  await mocha.loadFilesAsync();
  let corpusSkips = 0;
  const stats = await new Promise<Mocha.Stats>((resolve) => {
    const runner = mocha.run(() => resolve(runner.stats!));
    runner.on('pending', (test) => {
      if (skippedForCorpus(test)) corpusSkips++;
    });
  });
  if (required && corpusSkips > 0) {
    process.stderr.write(`${REQUIRE_TEST_DATA_ENV}=1 but ${corpusSkips} test(s) were skipped for a missing test corpus at ${check.dir}.\n`);
  }
  process.stdout.write(`\n${stats.passes} passed, ${stats.failures} failed, ${stats.pending} skipped\n`);
  return stats.failures > 0 || stats.passes === 0 || (required && corpusSkips > 0) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n0 passed, 1 failed\n`);
    process.exit(1);
  },
);
