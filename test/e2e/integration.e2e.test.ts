import { strict as assert } from 'node:assert';
import { rm } from 'node:fs/promises';
import { buildIntegrationSuite } from '../integration/build';
import Mocha from 'mocha';
import { loadHarness, type ExtensionTestResults } from './harness';
import { REPO, TEST_DATA, workspaceWith } from './paths';
import { describeWithCorpus } from '../support/corpus';


/**
 * Runs the integration suite (`test/integration/`, exported as `run()`) inside a real VS Code:
 * code-server's Node extension host, on a temporary workspace holding a copy of
 * `notable_ai_models_2026-07.csv`. Each inner test becomes a test here, so the final count is
 * honest about what ran inside VS Code.
 */
describeWithCorpus('Integration in a real VS Code (code-server)', function () {
  this.timeout(700_000);
  let results: ExtensionTestResults;
  let workspace: string;

  before(async function () {
    const outfile = await buildIntegrationSuite(REPO);
    workspace = await workspaceWith('notable_ai_models_2026-07.csv');
    results = await (await loadHarness()).runExtensionTests({
      extensionDevelopmentPath: REPO,
      extensionTestsPath: outfile,
      workspace,
      timeoutMs: 600_000,
      env: { COMPUTE_DIVIDE_TEST_DATA: TEST_DATA },
    });
    const suite = this.test!.parent!;
    for (const inner of results.tests ?? []) {
      suite.addTest(
        new Mocha.Test(`[in VS Code] ${inner.title}`, function () {
          if (inner.state === 'failed') throw new Error(inner.error ?? 'failed inside VS Code');
        }),
      );
    }
  });

  after(async function () {
    if (workspace) await rm(workspace, { recursive: true, force: true });
  });

  it('runs the suite to the end inside the extension host', function () {
    const unexplained = results.failures.filter((f) => !(results.tests ?? []).some((t) => t.title === f.title));
    assert.deepEqual(unexplained, [], 'failures outside any test (run() threw or never reported)');
    // COMPUTE_DIVIDE_INTEGRATION_GREP (read inside VS Code by test/integration/index.ts) runs a subset on purpose.
    const least = process.env.COMPUTE_DIVIDE_INTEGRATION_GREP ? 1 : 10;
    assert.ok((results.tests ?? []).length >= least, `only ${(results.tests ?? []).length} tests ran inside VS Code`);
    assert.equal(results.passed + results.failed, (results.tests ?? []).length);
  });
}, ['epoch/notable_ai_models_2026-07.csv']);
