/**
 * `compute-divide summary` through `main(argv, io)`, held to ../shared/spec/cli.md: the JSON keys
 * and numbers of the spec example, one JSON line on stdout, and errors as one stderr line with
 * exit status 2 and nothing on stdout. Real tables come from the test corpus (test/support/paths.ts);
 * the tests that need one are skipped without it.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describeWithCorpus, itWithCorpus } from '../support/corpus';
import { REPO, TEST_DATA } from '../support/paths';
import { assertUsageError, runCli, type CliRun } from '../support/runCli';


const ROOT = REPO;
const DATA = TEST_DATA;
const NOTABLE = path.join(DATA, 'epoch', 'notable_ai_models_2026-07.csv');
const SPEC_KINDS = ['csv-syntax', 'ragged-row', 'empty-name', 'duplicate-name', 'bad-date', 'bad-number', 'unknown-category', 'length-mismatch', 'encoding'];
const SECTORS = ['Academia', 'Industry', 'Collaboration', 'Other', 'Unknown'];

/** The example of `summary` in cli.md, as written there (hard-coded; checked against the oracle JSON below). */
const SPEC_EXAMPLE = {
  rows: 1036,
  withDate: 1031,
  withCompute: 529,
  teamSector: { Academia: 243, Industry: 574, Collaboration: 173, Other: 27, Unknown: 19 },
};


describe('CLI: compute-divide summary', function () {
  this.timeout(30_000);
  let tmp: string;

  before(function () {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'compute-divide-cli-test-'));
  });
  after(function () {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('the hard-coded spec example equals the independent oracle (expectedEpochCounts.json)', function () {
    const oracle = JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'unit', 'expectedEpochCounts.json'), 'utf8')) as Record<string, typeof SPEC_EXAMPLE>;
    const o = oracle['notable_ai_models_2026-07.csv'];
    assert.deepEqual({ rows: o.rows, withDate: o.withDate, withCompute: o.withCompute, teamSector: o.teamSector }, SPEC_EXAMPLE);
  });

  describeWithCorpus('summary FILE --json on notable_ai_models_2026-07.csv', function () {
    let r: CliRun;
    before(async function () {
      r = await runCli(['summary', NOTABLE, '--json']);
    });

    it('exits 0 and prints exactly one JSON line on stdout', function () {
      assert.equal(r.code, 0, r.stderr);
      assert.ok(r.stdout.endsWith('\n'));
      assert.equal(r.stdout.indexOf('\n'), r.stdout.length - 1, 'exactly one line');
      JSON.parse(r.stdout);
    });

    it('rows, withDate, withCompute and teamSector equal the spec example exactly', function () {
      const json = JSON.parse(r.stdout) as Record<string, unknown>;
      assert.deepEqual(
        { rows: json.rows, withDate: json.withDate, withCompute: json.withCompute, teamSector: json.teamSector },
        SPEC_EXAMPLE,
      );
      assert.deepEqual(Object.keys(json.teamSector as object), SECTORS, 'sectors in the spec order');
    });

    it('diagnostics maps spec kinds to positive counts, matching the oracle', function () {
      const json = JSON.parse(r.stdout) as { diagnostics: Record<string, number> };
      assert.equal(typeof json.diagnostics, 'object');
      for (const [kind, n] of Object.entries(json.diagnostics)) {
        assert.ok(SPEC_KINDS.includes(kind), `kind ${kind}`);
        assert.ok(Number.isInteger(n) && n > 0, `${kind}: ${n}`);
      }
      const oracle = JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'unit', 'expectedEpochCounts.json'), 'utf8')) as Record<string, { diagnostics: Record<string, number> }>;
      const want = Object.fromEntries(Object.entries(oracle['notable_ai_models_2026-07.csv'].diagnostics).filter(([, n]) => n > 0));
      assert.deepEqual(json.diagnostics, want);
      assert.deepEqual(json.diagnostics, { 'length-mismatch': 20 });
    });

    it('diagnostics go to stderr, not stdout', function () {
      assert.match(r.stderr, /length-mismatch/);
      assert.ok(!r.stdout.includes('length-mismatch:'));
    });
  }, ['epoch/notable_ai_models_2026-07.csv']);

  itWithCorpus('summary FILE (no --json) prints a readable table with the same numbers, exit 0', async function () {
    const r = await runCli(['summary', NOTABLE]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /Rows\s+1036/);
    assert.match(r.stdout, /Academia\s+243/);
    assert.match(r.stdout, /Unknown\s+19/);
  }, ['epoch/notable_ai_models_2026-07.csv']);

  itWithCorpus('an existing --labels file is accepted (exit 0)', async function () {
    const labels = path.join(tmp, 'labels.jsonl');
    fs.writeFileSync(labels, '');
    const r = await runCli(['summary', NOTABLE, '--json', '--labels', labels]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { rows: number }).rows, 1036);
  }, ['epoch/notable_ai_models_2026-07.csv']);

  it('--version prints the package version', async function () {
    const r = await runCli(['--version']);
    assert.equal(r.code, 0);
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string };
    assert.equal(r.stdout.trim(), pkg.version);
  });

  itWithCorpus('a field-case table with bad cells: diagnostics are counted, exit 0', async function () {
    const r = await runCli(['summary', path.join(DATA, 'field-cases', 'br-07-compute-number-forms.csv'), '--json']);
    assert.equal(r.code, 0);
    const json = JSON.parse(r.stdout) as { rows: number; withCompute: number; diagnostics: Record<string, number> };
    assert.equal(json.rows, 20);
    assert.equal(json.withCompute, 13);
    assert.deepEqual(json.diagnostics, { 'bad-number': 4 });
  }, ['field-cases/br-07-compute-number-forms.csv']);

  describe('errors: exit 2, one line on stderr, nothing on stdout', function () {
    it('a missing file', async function () {
      assertUsageError(await runCli(['summary', path.join(tmp, 'does-not-exist.csv'), '--json']), /does-not-exist\.csv/);
    });

    it('a folder', async function () {
      assertUsageError(await runCli(['summary', tmp, '--json']), /folder|directory/i);
    });

    it('a binary file (PNG bytes)', async function () {
      const png = path.join(tmp, 'image.png');
      fs.writeFileSync(png, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00]));
      assertUsageError(await runCli(['summary', png, '--json']), /not an Epoch AI model table/);
    });

    // An arXiv feed is a file of the literature since issue #11 (cliLiterature.unit.test.ts); a text
    // file of no format read is still refused as it was.
    it('a non-CSV text file of no format read (notes)', async function () {
      const notes = path.join(tmp, 'notes.txt');
      fs.writeFileSync(notes, 'Reading list\n\nTo do: ask about the compute divide.\n');
      assertUsageError(await runCli(['summary', notes, '--json']), /not an Epoch AI model table/);
    });

    itWithCorpus('a CSV that is not an Epoch table (affiliation strings → ROR ids)', async function () {
      const csv = path.join(DATA, 'institutions', 'crossref_affiliation_strings_to_ror_2023-06-28.csv');
      assertUsageError(await runCli(['summary', csv, '--json']), /not an Epoch AI model table/);
    }, ['institutions/crossref_affiliation_strings_to_ror_2023-06-28.csv']);

    it('an empty file', async function () {
      const empty = path.join(tmp, 'empty.csv');
      fs.writeFileSync(empty, '');
      assertUsageError(await runCli(['summary', empty, '--json']), /empty/);
    });

    it('an unknown option', async function () {
      assertUsageError(await runCli(['summary', NOTABLE, '--bogus']), /--bogus/);
    });

    it('an unknown option close to a real one (commander would add a "Did you mean" line)', async function () {
      assertUsageError(await runCli(['summary', NOTABLE, '--jsn']), /--jsn/);
    });

    itWithCorpus('a missing --labels file', async function () {
      assertUsageError(await runCli(['summary', NOTABLE, '--json', '--labels', path.join(tmp, 'no-labels.jsonl')]), /no-labels\.jsonl/);
    }, ['epoch/notable_ai_models_2026-07.csv']);

    it('--labels without its value', async function () {
      assertUsageError(await runCli(['summary', NOTABLE, '--labels']), /labels/);
    });

    it('no command', async function () {
      assertUsageError(await runCli([]), /command/);
    });

    it('an unknown command', async function () {
      assertUsageError(await runCli(['frobnicate', NOTABLE]), /frobnicate/);
    });

    it('a misspelled command (commander would add a "Did you mean" line)', async function () {
      assertUsageError(await runCli(['sumary', NOTABLE]), /sumary/);
    });

    it('too many arguments', async function () {
      assertUsageError(await runCli(['summary', NOTABLE, NOTABLE]), /argument/);
    });

    it('summary without FILE', async function () {
      assertUsageError(await runCli(['summary']), /file/i);
    });
  });
});
