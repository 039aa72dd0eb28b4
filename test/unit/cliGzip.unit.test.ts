import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { runCli } from '../support/runCli';
import { REPO } from '../support/paths';

/**
 * Every command reads the bundled snapshot as shipped (data/epoch-notable-ai-models.csv.gz): the
 * same JSON as on a gunzipped copy, so a user with only the repository can run the documented
 * commands (a newcomer's review found trends/shares/topics/diffusion/report refusing the .gz).
 */
describe('CLI: a gzip-compressed table reads as its decompressed copy', function () {
  this.timeout(60_000);
  const gz = path.join(REPO, 'data', 'epoch-notable-ai-models.csv.gz');
  let dir: string;
  let csv: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-gz-'));
    csv = path.join(dir, 'notable.csv');
    fs.writeFileSync(csv, gunzipSync(fs.readFileSync(gz)));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const command of [['summary'], ['trends'], ['shares', '--top', '5'], ['topics', '--since', '2010-01-01'], ['diffusion']]) {
    it(`${command.join(' ')} --json: the .gz and the .csv give the same JSON`, async function () {
      const fromGz = await runCli([command[0], gz, ...command.slice(1), '--json']);
      const fromCsv = await runCli([command[0], csv, ...command.slice(1), '--json']);
      assert.equal(fromGz.code, 0, fromGz.stderr);
      assert.ok(fromGz.stdout.length > 20);
      assert.equal(fromGz.stdout, fromCsv.stdout);
    });
  }

  it('a gzip file that is not a table is refused like its content would be', async function () {
    const bad = path.join(dir, 'notes.csv.gz');
    fs.writeFileSync(bad, gzipSync('just some notes\n'));
    const r = await runCli(['trends', bad, '--json']);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /is not an Epoch AI model table/);
  });
});
