/**
 * `compute-divide trends` and `shares` through `main(argv, io)`, held to ../shared/spec/cli.md and
 * trends.md: the JSON for two real Epoch tables against test/unit/expectedTrends.json (written by
 * the independent Python oracle test/tools/expected_trends.py) at a relative tolerance of 1e-9,
 * the filters, the readable tables, and errors as one stderr line with exit status 2.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { FitRow, SharesResult, TrendsResult } from '../../src/core/trends/trends';
import { describeWithCorpus } from '../support/corpus';
import { REPO, TEST_DATA } from '../support/paths';
import { assertUsageError, runCli, type CliRun } from '../support/runCli';


const ROOT = REPO;
const EPOCH = path.join(TEST_DATA, 'epoch');
const FILES = ['pcd_notable_ml_systems_2022-09.csv', 'notable_ai_models_2026-07.csv'] as const;
const NOTABLE = path.join(EPOCH, 'notable_ai_models_2026-07.csv');
const REL = 1e-9;

interface Expected {
  files: Record<string, { trends: TrendsResult; trendsOneSegment: TrendsResult; shares: SharesResult; sharesTop5: SharesResult }>;
}
const EXPECTED = JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'unit', 'expectedTrends.json'), 'utf8')) as Expected;

/** Exit 0 and exactly one JSON line on stdout. */
function json<T>(r: CliRun): T {
  assert.equal(r.code, 0, r.stderr);
  assert.ok(r.stdout.endsWith('\n'));
  assert.equal(r.stdout.indexOf('\n'), r.stdout.length - 1, 'exactly one line on stdout');
  return JSON.parse(r.stdout) as T;
}

/** |a − b| ≤ 1e-9 · scale, scale being |b| unless a larger magnitude that a value was formed from is given. */
function near(actual: number | null, expected: number | null, what: string, scale = Math.abs(expected ?? 0)): void {
  if (expected === null || actual === null) {
    assert.equal(actual, expected, what);
    return;
  }
  assert.ok(Math.abs(actual - expected) <= REL * scale, `${what}: ${actual} vs ${expected} (relative tolerance ${REL})`);
}

function compareFits(actual: FitRow[], expected: FitRow[], label: string): void {
  assert.deepEqual(
    actual.map((f) => [f.sector, f.segment, f.n]),
    expected.map((f) => [f.sector, f.segment, f.n]),
    `${label}: the same (sector, segment, n) rows in the same order`,
  );
  actual.forEach((a, i) => {
    const e = expected[i];
    const what = `${label} ${e.sector} ${e.segment.from ?? '…'}–${e.segment.to ?? '…'}`;
    assert.deepEqual(Object.keys(a), ['sector', 'segment', 'n', 'slope_oom_per_year', 'intercept', 'r2', 'doubling_time_months', 'slope_ci95']);
    near(a.slope_oom_per_year, e.slope_oom_per_year, `${what} slope`);
    near(a.intercept, e.intercept, `${what} intercept`);
    near(a.r2, e.r2, `${what} r2`);
    near(a.doubling_time_months, e.doubling_time_months, `${what} doubling time`);
    // A bound is slope ∓ t·se: its error scales with the larger of the two terms.
    const scale = Math.abs(e.slope_oom_per_year) + (e.slope_ci95[1] - e.slope_ci95[0]) / 2;
    near(a.slope_ci95[0], e.slope_ci95[0], `${what} CI low`, scale);
    near(a.slope_ci95[1], e.slope_ci95[1], `${what} CI high`, scale);
  });
}

function compareShares(actual: SharesResult, expected: SharesResult, label: string): void {
  assert.equal(actual.top, expected.top);
  assert.deepEqual(
    actual.years.map((y) => [y.year, y.n]),
    expected.years.map((y) => [y.year, y.n]),
    `${label}: years and n`,
  );
  actual.years.forEach((a, i) => {
    assert.deepEqual(Object.keys(a), ['year', 'n', 'Academia', 'Industry', 'Collaboration', 'Other', 'Unknown']);
    for (const s of ['Academia', 'Industry', 'Collaboration', 'Other', 'Unknown'] as const) near(a[s], expected.years[i][s], `${label} ${a.year} ${s}`, 1);
  });
}

describe('CLI: compute-divide trends and shares on real Epoch tables', function () {
  this.timeout(60_000);

  for (const file of FILES) {
    describeWithCorpus(file, function () {
      const csv = path.join(EPOCH, file);
      const expected = EXPECTED.files[file];

      it('trends --json (default breaks) equals the oracle', async function () {
        const got = json<TrendsResult>(await runCli(['trends', csv, '--json']));
        assert.equal(got.points, expected.trends.points);
        assert.deepEqual(Object.keys(got), ['points', 'fits']);
        compareFits(got.fits, expected.trends.fits, 'default breaks');
      });

      it('trends --json --breaks "" (one segment) equals the oracle', async function () {
        const got = json<TrendsResult>(await runCli(['trends', csv, '--json', '--breaks', '']));
        assert.equal(got.points, expected.trendsOneSegment.points);
        assert.ok(got.fits.every((f) => f.segment.from === null && f.segment.to === null));
        compareFits(got.fits, expected.trendsOneSegment.fits, 'one segment');
      });

      it('shares --json (top 10) equals the oracle', async function () {
        compareShares(json<SharesResult>(await runCli(['shares', csv, '--json'])), expected.shares, 'top 10');
      });

      it('shares --json --top 5 equals the oracle', async function () {
        compareShares(json<SharesResult>(await runCli(['shares', csv, '--json', '--top', '5'])), expected.sharesTop5, 'top 5');
      });
    }, [`epoch/${file}`]);
  }

  it('the notable table shows the published orientation: pre-2010 doubling ~20 months, 2015+ ~6', function () {
    const fits = EXPECTED.files['notable_ai_models_2026-07.csv'].trends.fits.filter((f) => f.sector === 'All');
    const [pre, , large] = fits;
    assert.ok(pre.doubling_time_months !== null && pre.doubling_time_months > 15 && pre.doubling_time_months < 25);
    assert.ok(large.doubling_time_months !== null && large.doubling_time_months > 4 && large.doubling_time_months < 8);
  });
});

describeWithCorpus('CLI: trends and shares filters', function () {
  this.timeout(60_000);
  let all: TrendsResult;

  before(async function () {
    all = json<TrendsResult>(await runCli(['trends', NOTABLE, '--json']));
  });

  it('--since 2015-09-01 --breaks "" gives the last segment\'s fit of each group', async function () {
    const since = json<TrendsResult>(await runCli(['trends', NOTABLE, '--json', '--since', '2015-09-01', '--breaks', '']));
    const last = all.fits.filter((f) => f.segment.from === '2015-09-01');
    assert.deepEqual(
      since.fits.map((f) => [f.sector, f.n, f.slope_oom_per_year]),
      last.map((f) => [f.sector, f.n, f.slope_oom_per_year]),
    );
  });

  it('--until is exclusive: --until 2010-01-01 gives the first segment', async function () {
    const until = json<TrendsResult>(await runCli(['trends', NOTABLE, '--json', '--until', '2010-01-01', '--breaks', '']));
    const first = all.fits.filter((f) => f.segment.to === '2010-01-01');
    assert.deepEqual(
      until.fits.map((f) => [f.sector, f.n, f.intercept]),
      first.map((f) => [f.sector, f.n, f.intercept]),
    );
  });

  it('--sector (repeatable, any capitalisation) keeps only those sectors', async function () {
    const got = json<TrendsResult>(await runCli(['trends', NOTABLE, '--json', '--sector', 'industry', '--sector', 'Academia']));
    const sectors = new Set(got.fits.map((f) => f.sector));
    assert.deepEqual([...sectors], ['All', 'Academia', 'Industry']);
    const n = (r: TrendsResult, s: string): number => r.fits.filter((f) => f.sector === s).reduce((k, f) => k + f.n, 0);
    assert.equal(n(got, 'All'), n(all, 'Academia') + n(all, 'Industry'));
  });

  it('--domain and --notability (repeatable) narrow the points', async function () {
    const language = json<TrendsResult>(await runCli(['trends', NOTABLE, '--json', '--domain', 'language']));
    const both = json<TrendsResult>(await runCli(['trends', NOTABLE, '--json', '--domain', 'Language', '--domain', 'Vision']));
    const sota = json<TrendsResult>(await runCli(['trends', NOTABLE, '--json', '--notability', 'sota']));
    assert.ok(language.points > 50 && language.points < all.points, String(language.points));
    assert.ok(both.points > language.points && both.points < all.points);
    assert.ok(sota.points > 50 && sota.points < all.points, String(sota.points));
    const shares = json<SharesResult>(await runCli(['shares', NOTABLE, '--json', '--top', '1', '--sector', 'Academia']));
    assert.ok(shares.years.length > 0 && shares.years.every((y) => y.n === 1 && y.Academia === 1));
  });

  it('a --domain or --notability value that no row has gives empty results and a warning with the table\'s values', async function () {
    const r = await runCli(['trends', NOTABLE, '--json', '--domain', 'Lnguage', '--domain', 'vision', '--notability', 'highly cit']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /--domain "Lnguage" matches no row; the table's domains are: 3D modeling, Audio, .*\bLanguage\b/);
    assert.doesNotMatch(r.stderr, /"vision"/, 'a value that matches, in another case, is not reported');
    assert.doesNotMatch(r.stderr, /--notability/);
    const none = await runCli(['shares', NOTABLE, '--json', '--notability', 'Nobel prize']);
    assert.match(none.stderr, /--notability "Nobel prize" matches no row; the table's notability criteria are: .*Highly cited/);
  });

  it('an empty --labels file changes nothing and warns about nothing', async function () {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'compute-divide-trends-'));
    try {
      const labels = path.join(tmp, 'labels.jsonl');
      fs.writeFileSync(labels, '');
      const r = await runCli(['shares', NOTABLE, '--json', '--labels', labels]);
      compareShares(json<SharesResult>(r), EXPECTED.files['notable_ai_models_2026-07.csv'].shares, 'with labels');
      assert.doesNotMatch(r.stderr, /labels\.jsonl/);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('--labels applies a paper’s team-sector label and reports a bad line without failing', async function () {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'compute-divide-trends-'));
    try {
      const labels = path.join(tmp, 'labels.jsonl');
      const event = { v: 1, id: 'e1', ts: '2026-11-29T10:00:00.000Z', annotator: 'ada', target: { kind: 'paper', id: 'AlphaGo Zero' }, field: 'teamSector', value: 'Academia', reason: 'test' };
      fs.writeFileSync(labels, `${JSON.stringify(event)}\n{"torn": \n`);
      const r = await runCli(['summary', NOTABLE, '--json', '--labels', labels]);
      assert.equal(r.code, 0);
      // AlphaGo Zero is an Industry row (DeepMind); the label moves exactly that row to Academia.
      assert.deepEqual(json<{ teamSector: Record<string, number> }>(r).teamSector, { Academia: 244, Industry: 573, Collaboration: 173, Other: 27, Unknown: 19 });
      assert.match(r.stderr, /labels\.jsonl:2:\d+: /);
      assert.match(r.stderr, /labels\.jsonl: 1 label event applied \(0 organizations, 1 paper labelled\)/);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('--labels names the labels that match nothing in the table (a typo in a name or an id)', async function () {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'compute-divide-trends-'));
    try {
      const labels = path.join(tmp, 'labels.jsonl');
      const event = (id: string, target: object, field: string, value: string) => JSON.stringify({ v: 1, id, ts: '2026-11-29T10:00:00.000Z', annotator: 'ada', target, field, value });
      fs.writeFileSync(
        labels,
        [
          event('a', { kind: 'organization', name: 'DeepMind' }, 'category', 'Industry'),
          event('b', { kind: 'organization', name: 'Deep Mnd' }, 'category', 'Industry'),
          event('c', { kind: 'paper', id: 'AlphaGo Zer0' }, 'teamSector', 'Academia'),
        ].join('\n') + '\n',
      );
      const r = await runCli(['summary', NOTABLE, '--json', '--labels', labels]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, /3 label events applied \(2 organizations, 1 paper labelled\)/);
      assert.match(r.stderr, /2 labels name nothing in .*notable_ai_models_2026-07\.csv: organization "Deep Mnd", paper "AlphaGo Zer0"/);
      assert.doesNotMatch(r.stderr, /"DeepMind"/);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
}, ['epoch/notable_ai_models_2026-07.csv']);

describeWithCorpus('CLI: trends and shares readable tables', function () {
  this.timeout(60_000);

  it('trends prints sector, segment, n, OOM/year, doubling time, 95% CI and R²', async function () {
    const r = await runCli(['trends', NOTABLE]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.split('\n');
    assert.match(r.stdout, /Points\s+529/);
    const header = lines.find((l) => l.startsWith('Sector'));
    assert.ok(header);
    for (const column of ['Segment', 'n', 'OOM/year', 'Doubling time (months)', '95% CI', 'R²']) assert.ok(header.includes(column), column);
    assert.ok(lines.some((l) => /^All\s+… – 2010-01-01\s+62\s+0\.176\s+20\.5\s+\[0\.146, 0\.206\]\s+0\.695$/.test(l)), r.stdout);
    assert.ok(lines.some((l) => /^Collaboration\s+2010-01-01 – 2015-09-01\s+6\s+-0\.819\s+—/.test(l)), 'a negative slope has no doubling time');
  });

  it('shares prints year, n and five sector percentages', async function () {
    const r = await runCli(['shares', NOTABLE, '--top', '5']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Year\s+n\s+Academia\s+Industry\s+Collaboration\s+Other\s+Unknown/);
    assert.match(r.stdout, /\n\s*2022\s+5(\s+\d+\.\d%){5}\n/);
  });
}, ['epoch/notable_ai_models_2026-07.csv']);

describeWithCorpus('CLI: trends and shares errors (exit 2, one stderr line, nothing on stdout)', function () {
  this.timeout(30_000);


  it('an impossible date in --breaks', async function () {
    assertUsageError(await runCli(['trends', NOTABLE, '--json', '--breaks', '2010-01-01,2015-02-30']), /--breaks: .*"2015-02-30" is not a real calendar date.*YYYY-MM-DD/);
  });

  it('--breaks that is not a date list, or repeats a date', async function () {
    assertUsageError(await runCli(['trends', NOTABLE, '--breaks', 'soon']), /--breaks: .*"soon"/);
    assertUsageError(await runCli(['trends', NOTABLE, '--breaks', '2010-01-01,']), /--breaks: .*""/);
    assertUsageError(await runCli(['trends', NOTABLE, '--breaks', '2010-01-01,2010-01-01']), /--breaks: .*given twice/);
  });

  it('--top 0, a fraction, a word', async function () {
    for (const top of ['0', '1.5', 'ten', '-3', '']) assertUsageError(await runCli(['shares', NOTABLE, '--json', '--top', top]), /--top: .*whole number ≥ 1/);
  });

  it('an unknown --sector', async function () {
    assertUsageError(await runCli(['trends', NOTABLE, '--json', '--sector', 'Government']), /--sector: unknown team sector "Government"; expected one of Academia, Industry, Collaboration, Other, Unknown/);
    assertUsageError(await runCli(['shares', NOTABLE, '--sector', 'Industry', '--sector', 'Big Tech']), /"Big Tech"/);
  });

  it('a bad --since or --until', async function () {
    assertUsageError(await runCli(['trends', NOTABLE, '--since', '2020-02-30']), /--since: .*YYYY-MM-DD/);
    assertUsageError(await runCli(['shares', NOTABLE, '--until', '31/12/2020']), /--until: .*YYYY-MM-DD/);
  });

  it('a missing --labels file', async function () {
    const missing = path.join(os.tmpdir(), 'compute-divide-no-such-labels.jsonl');
    assertUsageError(await runCli(['trends', NOTABLE, '--json', '--labels', missing]), /no such label log: .*compute-divide-no-such-labels\.jsonl/);
    assertUsageError(await runCli(['shares', NOTABLE, '--labels', missing]), /no such label log/);
  });

  it('a missing FILE, an unknown option', async function () {
    assertUsageError(await runCli(['trends', path.join(EPOCH, 'no-such-table.csv'), '--json']), /no such file/);
    assertUsageError(await runCli(['shares', NOTABLE, '--frobnicate']), /frobnicate/);
  });
}, ['epoch/notable_ai_models_2026-07.csv']);
