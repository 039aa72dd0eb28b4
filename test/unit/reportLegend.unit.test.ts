import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../support/runCli';
import { REPO } from '../support/paths';

/** Figure 1 of the report names its colours: a "Team sector" legend with each sector drawn (a newcomer found none). */
describe('report: the training-compute figure has its sector legend', function () {
  this.timeout(60_000);
  it('names every team sector the figure draws', async function () {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-legend-'));
    try {
      const r = await runCli(['report', path.join(REPO, 'data', 'epoch-notable-ai-models.csv.gz'), '--out', out]);
      assert.equal(r.code, 0, r.stderr);
      const svg = fs.readFileSync(path.join(out, 'report-figure-1-compute.svg'), 'utf8');
      assert.match(svg, />Team sector</);
      for (const sector of ['Academia', 'Industry', 'Collaboration', 'Other', 'Unknown']) assert.match(svg, new RegExp(`>${sector}<`), sector);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});
