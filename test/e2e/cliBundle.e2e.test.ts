import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { REPO, TEST_DATA } from './paths';
import { itWithCorpus } from '../support/corpus';

const run = promisify(execFile);

/** The built CLI as a user runs it: `node dist/cli.js …` (the bundle, not the sources). */
describe('CLI bundle (dist/cli.js)', function () {
  this.timeout(60_000);

  before(async function () {
    await run('node', ['esbuild.mjs'], { cwd: REPO });
  });

  itWithCorpus('runs summary --json on a real table', async function () {
    const { stdout } = await run('node', [path.join(REPO, 'dist', 'cli.js'), 'summary', path.join(TEST_DATA, 'epoch', 'notable_ai_models_2026-07.csv'), '--json']);
    const summary = JSON.parse(stdout) as { rows: number; teamSector: Record<string, number> };
    assert.equal(summary.rows, 1036);
    assert.deepEqual(summary.teamSector, { Academia: 243, Industry: 574, Collaboration: 173, Other: 27, Unknown: 19 });
  }, ['epoch/notable_ai_models_2026-07.csv']);

  it('exits 2 with one line on stderr for a missing file', async function () {
    const error = await run('node', [path.join(REPO, 'dist', 'cli.js'), 'summary', 'no-such-file.csv']).then(
      () => undefined,
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    assert.ok(error);
    assert.equal(error.code, 2);
    assert.equal(error.stdout, '');
    assert.equal(error.stderr.trim().split('\n').length, 1);
  });
});
