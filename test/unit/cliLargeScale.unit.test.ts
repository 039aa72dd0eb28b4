/**
 * `--preset`, `shares --large-scale`, `trends --frontier` and `--collaborations-by-leaning` through
 * `main(argv, io)`: the JSON on real Epoch tables of three eras against
 * test/unit/expectedLargeScale.json (the independent oracle test/tools/expected_large_scale.py),
 * explicit filters winning over a preset's, the leaning switch in topics and diffusion, the
 * report's parameter rows, and bad values as one stderr line with exit status 2.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { FitRow, ShareYear, TrendsResult } from '../../src/core/trends/trends';
import type { TopicsResult } from '../../src/core/analyses/topics';
import type { DiffusionResult } from '../../src/core/analyses/diffusion';
import { itWithCorpus } from '../support/corpus';
import { REPO, TEST_DATA } from '../support/paths';
import { assertUsageError, runCli, type CliRun } from '../support/runCli';
import { assertFits, assertShareYears } from '../support/largeScaleAssert';

type Sector = 'Academia' | 'Industry' | 'Collaboration' | 'Other' | 'Unknown';
interface FileExpected {
  hasFrontierColumn: boolean;
  presetPaper: { trends: TrendsResult; shares: { years: ShareYear[] } };
  presetLargeScale: { trends: TrendsResult; shares: { years: ShareYear[] } };
  leaning: { trends: TrendsResult; shares: { years: ShareYear[] }; sectorCounts: Record<Sector, number> };
  sharesThreshold: ShareYear[];
  sharesThreshold1e21: ShareYear[];
  sharesResidual: ShareYear[];
  sharesResidualZ2: ShareYear[];
  frontierTopK: TrendsResult;
  frontierTopK5: TrendsResult;
  frontierSectorTopK: TrendsResult;
  frontierFlag?: TrendsResult;
}
const EXPECTED = (JSON.parse(fs.readFileSync(path.join(REPO, 'test', 'unit', 'expectedLargeScale.json'), 'utf8')) as { files: Record<string, FileExpected> }).files;
const EPOCH = path.join(TEST_DATA, 'epoch');
const NOTABLE = 'notable_ai_models_2026-07.csv';

function json<T>(r: CliRun): T {
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.indexOf('\n'), r.stdout.length - 1, 'exactly one line on stdout');
  return JSON.parse(r.stdout) as T;
}

describe('CLI: presets, large-scale definitions, frontier fits and the leaning switch', function () {
  this.timeout(120_000);
  // Three eras: 2022 PCD, December 2023 (the paper's), July 2026 (with Epoch's frontier flag).
  for (const file of ['pcd_notable_ml_systems_2022-09.csv', 'all_ml_systems_full_view_2023-12-14.csv', NOTABLE]) {
    const csv = path.join(EPOCH, file);
    const expected = EXPECTED[file];
    const needs = [`epoch/${file}`];

    itWithCorpus(`${file}: trends and shares --preset paper|large-scale equal the oracle`, async () => {
      for (const [preset, want] of [['paper', expected.presetPaper], ['large-scale', expected.presetLargeScale]] as const) {
        assertFits(json<TrendsResult>(await runCli(['trends', csv, '--json', '--preset', preset])), want.trends, `${file} --preset ${preset}`);
        const shares = json<{ top: number; years: ShareYear[] }>(await runCli(['shares', csv, '--json', '--preset', preset]));
        assert.deepEqual(Object.keys(shares), ['top', 'years']);
        assertShareYears(shares.years, want.shares.years, `${file} shares --preset ${preset}`);
      }
    }, needs);

    itWithCorpus(`${file}: shares --large-scale threshold|residual equal the oracle`, async () => {
      const threshold = json<{ large_scale: string; threshold_flop: number; years: ShareYear[] }>(await runCli(['shares', csv, '--json', '--large-scale', 'threshold']));
      assert.equal(threshold.large_scale, 'threshold');
      assert.equal(threshold.threshold_flop, 1e23);
      assertShareYears(threshold.years, expected.sharesThreshold, `${file} threshold`);
      assertShareYears(json<{ years: ShareYear[] }>(await runCli(['shares', csv, '--json', '--large-scale', 'threshold', '--threshold', '1e21'])).years, expected.sharesThreshold1e21, `${file} threshold 1e21`);
      const residual = json<{ large_scale: string; z: number; breaks: string[]; years: ShareYear[] }>(await runCli(['shares', csv, '--json', '--large-scale', 'residual']));
      assert.deepEqual([residual.large_scale, residual.z, residual.breaks], ['residual', 1, ['2010-01-01', '2015-09-01']]);
      assertShareYears(residual.years, expected.sharesResidual, `${file} residual`);
      assertShareYears(json<{ years: ShareYear[] }>(await runCli(['shares', csv, '--json', '--large-scale', 'RESIDUAL', '--z', '2'])).years, expected.sharesResidualZ2, `${file} residual z 2`);
    }, needs);

    itWithCorpus(`${file}: trends --frontier adds frontier_fits equal to the oracle's`, async () => {
      const plain = json<TrendsResult>(await runCli(['trends', csv, '--json']));
      const got = json<TrendsResult & { frontier: { definition: string; top?: number; points: number }; frontier_fits: FitRow[] }>(await runCli(['trends', csv, '--json', '--frontier']));
      assert.deepEqual(Object.keys(got), ['points', 'fits', 'frontier', 'frontier_fits']);
      assert.deepEqual(got.fits, plain.fits, 'the all-model fits are unchanged');
      assert.deepEqual(got.frontier, { definition: 'top-k', top: 10, points: expected.frontierTopK.points });
      assertFits({ points: got.frontier.points, fits: got.frontier_fits }, expected.frontierTopK, `${file} --frontier`);
      const top5 = json<{ frontier: { points: number }; frontier_fits: FitRow[] }>(await runCli(['trends', csv, '--json', '--frontier', 'top-k', '--top', '5']));
      assertFits({ points: top5.frontier.points, fits: top5.frontier_fits }, expected.frontierTopK5, `${file} --frontier --top 5`);
      const sector = json<{ frontier: { points: number }; frontier_fits: FitRow[] }>(await runCli(['trends', csv, '--json', '--frontier', 'sector-top-k']));
      assertFits({ points: sector.frontier.points, fits: sector.frontier_fits }, expected.frontierSectorTopK, `${file} --frontier sector-top-k`);
      const flag = await runCli(['trends', csv, '--json', '--frontier', 'flag']);
      if (expected.hasFrontierColumn) {
        const f = json<{ frontier: { definition: string; points: number }; frontier_fits: FitRow[] }>(flag);
        assert.equal(f.frontier.definition, 'flag');
        assertFits({ points: f.frontier.points, fits: f.frontier_fits }, expected.frontierFlag!, `${file} --frontier flag`);
      } else {
        assert.equal(flag.code, 2);
        assert.equal(flag.stdout, '');
        assert.match(flag.stderr, /--frontier flag: .* has no "Frontier model" column/);
      }
    }, needs);

    itWithCorpus(`${file}: --collaborations-by-leaning in trends, shares, topics and diffusion`, async () => {
      assertFits(json<TrendsResult>(await runCli(['trends', csv, '--json', '--collaborations-by-leaning'])), expected.leaning.trends, `${file} leaning`);
      assertShareYears(json<{ years: ShareYear[] }>(await runCli(['shares', csv, '--json', '--collaborations-by-leaning'])).years, expected.leaning.shares.years, `${file} leaning shares`);
      const t = json<TopicsResult>(await runCli(['topics', csv, '--json', '--collaborations-by-leaning']));
      assert.deepEqual(t.overall!.sector_counts, expected.leaning.sectorCounts);
      const d = json<DiffusionResult>(await runCli(['diffusion', csv, '--json', '--collaborations-by-leaning']));
      if (d.available) for (const g of ['Academia', 'Industry', 'Collaboration'] as const) assert.equal(d.groups![g].total.n_models, expected.leaning.sectorCounts[g]);
    }, needs);
  }

  itWithCorpus('an explicit filter wins over the preset\'s; topics and diffusion take --preset', async () => {
    const csv = path.join(EPOCH, NOTABLE);
    // --preset paper --since 2010-01-01 is the preset; a later --since narrows it.
    const preset = json<TopicsResult>(await runCli(['topics', csv, '--json', '--preset', 'paper']));
    const explicit = json<TopicsResult>(await runCli(['topics', csv, '--json', '--since', '2010-01-01', '--notability', 'SOTA improvement', '--notability', 'Historical significance', '--notability', 'Highly cited']));
    assert.equal(preset.rows_in_window, explicit.rows_in_window);
    assert.deepEqual(preset.overall, explicit.overall);
    const later = json<TopicsResult>(await runCli(['topics', csv, '--json', '--preset', 'paper', '--since', '2018-01-01']));
    assert.ok(later.rows_in_window! < preset.rows_in_window!);
    const notability = json<TrendsResult>(await runCli(['trends', csv, '--json', '--preset', 'paper', '--notability', 'Training cost']));
    const byHand = json<TrendsResult>(await runCli(['trends', csv, '--json', '--since', '2010-01-01', '--notability', 'Training cost']));
    assert.deepEqual(notability, byHand);
    const big = json<DiffusionResult>(await runCli(['diffusion', csv, '--json', '--preset', 'large-scale']));
    assert.equal(big.groups!.All.total.n_models, EXPECTED[NOTABLE].presetLargeScale.trends.points, 'every large-scale row has compute and, here, a date');
  }, [`epoch/${NOTABLE}`]);

  itWithCorpus('report --preset large-scale --collaborations-by-leaning states both', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-report-preset-'));
    try {
      const r = await runCli(['report', path.join(EPOCH, NOTABLE), '--out', out, '--preset', 'large-scale', '--collaborations-by-leaning']);
      assert.equal(r.code, 0, r.stderr);
      const md = fs.readFileSync(path.join(out, 'report.md'), 'utf8');
      assert.match(md, /Training compute at least 1e23 FLOP/);
      assert.match(md, /\| preset \| large-scale \|/);
      assert.match(md, /\| collaborations-by-leaning \| yes \|/);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  }, [`epoch/${NOTABLE}`]);

  it('refuses bad values before reading the file: one stderr line, exit 2', async () => {
    const csv = path.join(EPOCH, NOTABLE);
    assertUsageError(await runCli(['trends', csv, '--preset', 'papers']), /--preset: "papers" is not one of paper, large-scale/);
    assertUsageError(await runCli(['shares', csv, '--large-scale', 'top10']), /--large-scale: "top10" is not one of top-k, threshold, residual/);
    assertUsageError(await runCli(['shares', csv, '--large-scale', 'threshold', '--threshold', '1e']), /--threshold: "1e" is not a number of FLOP > 0/);
    assertUsageError(await runCli(['shares', csv, '--large-scale', 'threshold', '--threshold', '0']), /--threshold/);
    assertUsageError(await runCli(['shares', csv, '--large-scale', 'residual', '--z', 'one']), /--z: "one" is not a number/);
    assertUsageError(await runCli(['shares', csv, '--z', '2']), /--z applies to --large-scale residual, not top-k/);
    assertUsageError(await runCli(['shares', csv, '--large-scale', 'threshold', '--top', '5']), /--top applies to --large-scale top-k, not threshold/);
    assertUsageError(await runCli(['trends', csv, '--frontier', 'largest']), /--frontier: "largest" is not one of top-k, sector-top-k, flag/);
    assertUsageError(await runCli(['trends', csv, '--top', '5']), /--top needs --frontier/);
    assertUsageError(await runCli(['trends', csv, '--frontier', '--top', '0']), /--top: "0" is not a whole number/);
  });

  itWithCorpus('readable output names the definitions', async () => {
    const csv = path.join(EPOCH, NOTABLE);
    const shares = await runCli(['shares', csv, '--large-scale', 'threshold']);
    assert.equal(shares.code, 0);
    assert.match(shares.stdout, /Models with training compute ≥ 1e23 FLOP, per year; share built by each team sector/);
    const trends = await runCli(['trends', csv, '--frontier', 'flag', '--collaborations-by-leaning']);
    assert.match(trends.stdout, /Sectors {2}leaning collaborations counted as Academia or Industry/);
    assert.match(trends.stdout, /Frontier: models with Epoch's "Frontier model" flag; 113 points/);
  }, [`epoch/${NOTABLE}`]);
});
