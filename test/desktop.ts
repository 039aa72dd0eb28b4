/**
 * `npm run test:desktop`: the same integration suite (test/integration, exported `run()`) through
 * `@vscode/test-electron`, for machines that have or can download a desktop VS Code. Here, with no
 * internet, the download fails and this says so; `npm test` runs the suite in code-server instead.
 */
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { buildIntegrationSuite } from './integration/build';
import { mkdtemp, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { corpusHas, TEST_DATA } from './support/paths';

async function main(): Promise<void> {
  const repo = path.resolve(__dirname, '..');
  const shared = TEST_DATA;
  if (!corpusHas(['epoch/notable_ai_models_2026-07.csv', 'epoch/pcd_notable_ml_systems_2022-09.csv'])) {
    throw new Error(`the test corpus is missing at ${shared}: run "npm run fetch-test-data" or point COMPUTE_DIVIDE_TEST_DATA at a copy`);
  }
  const outfile = await buildIntegrationSuite(repo);
  const workspace = await mkdtemp(path.join(tmpdir(), 'cd-desktop-'));
  await copyFile(path.join(shared, 'epoch', 'notable_ai_models_2026-07.csv'), path.join(workspace, 'notable_ai_models_2026-07.csv'));
  await runTests({
    version: process.env.VSCODE_VERSION ?? 'stable',
    extensionDevelopmentPath: repo,
    extensionTestsPath: outfile,
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
    extensionTestsEnv: { COMPUTE_DIVIDE_TEST_DATA: shared },
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`test:desktop failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
