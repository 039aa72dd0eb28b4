/**
 * The one test command (`npm test`, after `npm run build`): every tier that runs on this machine,
 * in one mocha run, ending with the line `N passed, N failed` (pending tests are reported apart,
 * never counted as passed).
 *
 * Tiers: unit (plain Node), webview (the built panel scripts in headless Chromium), e2e (the
 * integration suite inside code-server's extension host, UI checks through the workbench, and the
 * packaged VSIX). `--tier unit|webview|e2e` runs one tier; `--grep TEXT` filters by title.
 */
import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

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
  const mocha = new Mocha({ ui: 'bdd', timeout: 20_000, reporter: 'spec', grep: argument('--grep') });
  for (const t of tiers) for (const file of filesOf(root, t)) mocha.addFile(file);
  await mocha.loadFilesAsync();
  const stats = await new Promise<Mocha.Stats>((resolve) => {
    const runner = mocha.run(() => resolve(runner.stats!));
  });
  const pending = stats.pending > 0 ? `, ${stats.pending} skipped` : '';
  process.stdout.write(`\n${stats.passes} passed, ${stats.failures} failed${pending}\n`);
  return stats.failures > 0 || stats.passes === 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n0 passed, 1 failed\n`);
    process.exit(1);
  },
);
