import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import { loadDataset } from '../../src/core/dataset/loadDataset';
import type { FitRow, SharesResult } from '../../src/core/trends/trends';
import { countsCsv, fitsCsv, fitsMarkdown, pointsCsv, sharesCsv } from '../../src/core/trends/trendsExport';
import { buildTrendsView } from '../../src/host/trendsViewModel';
import { DEFAULT_TRENDS_FILTERS, type TrendsCountYear } from '../../src/shared/trendsProtocol';
import { describeWithCorpus } from '../support/corpus';
import { TEST_DATA } from '../support/paths';

const SECTORS = ['Academia', 'Industry', 'Collaboration', 'Other', 'Unknown'] as const;
const FILES = ['pcd_notable_ml_systems_2022-09.csv', 'notable_ai_models_2026-07.csv'] as const;
/** Written by the independent oracle test/tools/expected_trends.py (standard-library Python). */
const EXPECTED = JSON.parse(fs.readFileSync(path.join(__dirname, 'expectedTrends.json'), 'utf8')) as {
  files: Record<string, { shares: SharesResult; sharesTop5: SharesResult; countsPerYear: TrendsCountYear[] }>;
};

const FITS: FitRow[] = [
  { sector: 'All', segment: { from: null, to: '2010-01-01' }, n: 62, slope_oom_per_year: 0.176, intercept: -340.5, r2: 0.696, doubling_time_months: 20.52, slope_ci95: [0.146, 0.206] },
  { sector: 'Collaboration', segment: { from: '2010-01-01', to: '2015-09-01' }, n: 6, slope_oom_per_year: -0.819, intercept: 1670, r2: null, doubling_time_months: null, slope_ci95: [-3.458, 1.82] },
];

describe('trends exports', function () {
  it('writes the fit table as Markdown with rounded numbers and dashes for missing values', function () {
    assert.equal(
      fitsMarkdown(FITS),
      [
        '| Team sector | Segment | n | OOM/year | Doubling time (months) | 95% CI (OOM/year) | R² |',
        '|---|---|---:|---:|---:|---|---:|',
        '| All | … – 2010-01-01 | 62 | 0.18 | 20.5 | [0.15, 0.21] | 0.70 |',
        '| Collaboration | 2010-01-01 – 2015-09-01 | 6 | -0.82 | — | [-3.46, 1.82] | — |',
        '',
      ].join('\n'),
    );
  });

  it('writes the fits and the points as CSV that reads back unrounded', function () {
    const fits: string[][] = parse(fitsCsv(FITS), {});
    assert.equal(fits.length, 3);
    assert.deepEqual(fits[1], ['All', '', '2010-01-01', '62', '0.176', '-340.5', '0.696', '20.52', '0.146', '0.206']);
    assert.deepEqual(fits[2].slice(6, 8), ['', '']);
    const points: string[][] = parse(pointsCsv([{ id: 'a', name: 'Model, with comma', date: '2020-01-02', computeFlop: 3.14e23, sector: 'Industry', organizations: 'A, B' }]), {});
    assert.deepEqual(points[1], ['Model, with comma', '2020-01-02', '3.14e+23', String(Math.log10(3.14e23)), 'Industry', 'A, B']);
  });
});

describe('trends exports: top-k shares and models per year', function () {
  it('writes one row per year and sector, numbers as numbers, in the spec\'s sector order', function () {
    const shares: SharesResult = { top: 3, years: [{ year: 2020, n: 3, Academia: 1 / 3, Industry: 2 / 3, Collaboration: 0, Other: 0, Unknown: 0 }] };
    const rows: string[][] = parse(sharesCsv(shares), {});
    assert.deepEqual(rows[0], ['Year', 'Top k', 'Models ranked (n)', 'Team sector', 'Models of the sector', 'Share']);
    assert.deepEqual(rows.slice(1), [
      ['2020', '3', '3', 'Academia', '1', String(1 / 3)],
      ['2020', '3', '3', 'Industry', '2', String(2 / 3)],
      ['2020', '3', '3', 'Collaboration', '0', '0'],
      ['2020', '3', '3', 'Other', '0', '0'],
      ['2020', '3', '3', 'Unknown', '0', '0'],
    ]);
    const counts: string[][] = parse(countsCsv([{ year: 1999, Academia: 4, Industry: 1, Collaboration: 0, Other: 0, Unknown: 2, withCompute: { Academia: 3, Industry: 1, Collaboration: 0, Other: 0, Unknown: 0 } }]), {});
    assert.deepEqual(counts, [
      ['Year', 'Team sector', 'Models', 'With training compute', 'Without training compute'],
      ['1999', 'Academia', '4', '3', '1'],
      ['1999', 'Industry', '1', '1', '0'],
      ['1999', 'Collaboration', '0', '0', '0'],
      ['1999', 'Other', '0', '0', '0'],
      ['1999', 'Unknown', '2', '0', '2'],
    ]);
  });

  describeWithCorpus('on real Epoch tables, against the Python oracle', function () {
    for (const file of FILES) {
      it(`${file}: the panel's shares (top 10 and top 5) and models per year, as CSV, equal the oracle's`, function () {
        const dataset = loadDataset(fs.readFileSync(path.join(TEST_DATA, 'epoch', file)), file);
        const expected = EXPECTED.files[file];
        for (const [k, oracle] of [[10, expected.shares], [5, expected.sharesTop5]] as const) {
          const view = buildTrendsView(dataset, { ...DEFAULT_TRENDS_FILTERS, topK: k }, file);
          const rows: string[][] = parse(sharesCsv(view.shares), { from_line: 2 });
          assert.equal(rows.length, oracle.years.length * SECTORS.length, 'a row per year and sector');
          oracle.years.forEach((year, y) =>
            SECTORS.forEach((sector, s) => {
              const row = rows[y * SECTORS.length + s];
              assert.deepEqual(row.slice(0, 4), [String(year.year), String(k), String(year.n), sector]);
              assert.equal(Number(row[4]), Math.round(year[sector] * year.n), `${year.year} ${sector} models`);
              assert.ok(Math.abs(Number(row[5]) - year[sector]) <= 1e-12, `${year.year} ${sector}: ${row[5]} vs ${year[sector]}`);
            }),
          );
        }
        const view = buildTrendsView(dataset, DEFAULT_TRENDS_FILTERS, file);
        const rows: string[][] = parse(countsCsv(view.counts), { from_line: 2 });
        const oracle = expected.countsPerYear;
        assert.ok(oracle.length > 50);
        assert.deepEqual(
          rows,
          oracle.flatMap((year) => SECTORS.map((sector) => [String(year.year), sector, String(year[sector]), String(year.withCompute[sector]), String(year[sector] - year.withCompute[sector])])),
        );
      });
    }
  }, ['epoch/pcd_notable_ml_systems_2022-09.csv', 'epoch/notable_ai_models_2026-07.csv']);
});
