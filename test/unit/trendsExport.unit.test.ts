import { strict as assert } from 'node:assert';
import { parse } from 'csv-parse/sync';
import type { FitRow } from '../../src/core/trends';
import { fitsCsv, fitsMarkdown, pointsCsv } from '../../src/core/trendsExport';

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
