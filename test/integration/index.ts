import { rename, writeFile } from 'node:fs/promises';
import Mocha from 'mocha';
import { registerDatasetSuite } from './dataset.suite';
import { registerDownloadSuite } from './download.suite';
import { registerTrendsSuite } from './trends.suite';
import { registerLabelsSuite } from './labels.suite';
import { registerBundledSuite } from './bundled.suite';
import { registerHostileSuite } from './hostile.suite';
import { registerAgreementSuite } from './agreement.suite';
import { registerDecisionsSuite } from './decisions.suite';
import { registerTriageSuite } from './triage.suite';
import { registerScaleSuite } from './scale.suite';
import { registerLiteratureSuite } from './literature.suite';

/** One finished test, as the outer runner reports it. */
interface TestOutcome {
  title: string;
  state: 'passed' | 'failed';
  error?: string;
  durationMs?: number;
}

/**
 * The integration suite's entry point, called by VS Code's extension host with the same contract
 * as `@vscode/test-electron` (code-server's payload `extensionTestsPath`, or `runTests`). Results
 * also go, as JSON, to the file named by `COMPUTE_DIVIDE_TEST_RESULTS` when it is set, so the
 * harness has a signal that does not depend on the workbench version.
 */
export async function run(): Promise<void> {
  // COMPUTE_DIVIDE_INTEGRATION_GREP (inherited through code-server) runs only the tests whose title matches.
  const grep = process.env.COMPUTE_DIVIDE_INTEGRATION_GREP || undefined;
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec', ...(grep ? { grep } : {}) });
  // Bundled suites register through the globals that 'pre-require' installs.
  mocha.suite.emit('pre-require', globalThis, 'integration', mocha);
  registerDatasetSuite();
  registerTrendsSuite();
  registerLabelsSuite();
  registerDownloadSuite();
  registerBundledSuite();
  registerHostileSuite();
  registerAgreementSuite();
  registerDecisionsSuite();
  registerTriageSuite();
  registerLiteratureSuite();
  // Last: it loads a 100,000-row table (and puts the workspace's back).
  registerScaleSuite();
  const tests: TestOutcome[] = [];
  const failures = await new Promise<number>((resolve) => {
    const runner = mocha.run(resolve);
    runner.on('pass', (test) => tests.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration }));
    runner.on('fail', (test, error: Error) => tests.push({ title: test.fullTitle(), state: 'failed', error: error.stack ?? String(error) }));
  });
  const file = process.env.COMPUTE_DIVIDE_TEST_RESULTS;
  if (file) {
    const passed = tests.filter((t) => t.state === 'passed').length;
    const results = { passed, failed: tests.length - passed, failures: tests.filter((t) => t.state === 'failed').map((t) => ({ title: t.title, error: t.error })), tests };
    await writeFile(`${file}.tmp`, JSON.stringify(results));
    await rename(`${file}.tmp`, file);
  }
  if (failures > 0) throw new Error(`${failures} integration test(s) failed`);
}
