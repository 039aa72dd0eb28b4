/**
 * The compute-trend statistics of src/core (decimal years, Student's t, OLS fits, segments,
 * large-scale shares, filters), held to ../shared/spec/trends.md on cases worked out by hand.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decimalYear, isLeapYear, parseIsoDate } from '../../src/core/trends/decimalYear';
import { filterPapers, notabilityValues } from '../../src/core/dataset/filters';
import type { Paper, TeamSector } from '../../src/core/dataset/model';
import {
  inverseRegularizedIncompleteBeta,
  logBeta,
  logGamma,
  normalQuantile,
  regularizedIncompleteBeta,
  studentTQuantile,
} from '../../src/core/stats/studentT';
import {
  compareByCodePoint,
  computeTrends,
  DEFAULT_BREAKS,
  fitLine,
  largeScaleShares,
  segmentsFromBreaks,
  trendPoints,
  type TrendPoint,
} from '../../src/core/trends/trends';

const LOG10_2 = Math.log10(2);

function close(actual: number | null | undefined, expected: number, tolerance: number, what = ''): void {
  assert.ok(typeof actual === 'number', `${what}: expected a number, got ${String(actual)}`);
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} is not within ${tolerance} of ${expected}`);
}

function relClose(actual: number, expected: number, rel: number, what = ''): void {
  close(actual, expected, rel * Math.abs(expected), what);
}

function pt(id: string, date: string, computeFlop: number, sector: TeamSector = 'Academia'): TrendPoint {
  return { id, date, x: decimalYear(date), y: Math.log10(computeFlop), computeFlop, sector };
}

function xy(xs: number[], ys: number[]): { x: number; y: number }[] {
  return xs.map((x, i) => ({ x, y: ys[i] }));
}

describe('decimalYear (trends.md, "Points")', function () {
  it('1 January is exactly the year', function () {
    for (const y of [1900, 1999, 2000, 2020, 2021, 2024]) assert.equal(decimalYear(`${y}-01-01`), y);
  });

  it('31 December: 2020 + 365/366 (leap), 2021 + 364/365', function () {
    assert.equal(decimalYear('2020-12-31'), 2020 + 365 / 366);
    assert.equal(decimalYear('2021-12-31'), 2021 + 364 / 365);
  });

  it('around 29 February: 2000 is a leap year, 1900 is not', function () {
    assert.equal(decimalYear('2000-02-29'), 2000 + 59 / 366);
    assert.equal(decimalYear('2000-03-01'), 2000 + 60 / 366);
    assert.equal(decimalYear('1900-03-01'), 1900 + 59 / 365);
    assert.equal(decimalYear('2021-03-01'), 2021 + 59 / 365);
    assert.ok(isLeapYear(2000) && !isLeapYear(1900) && isLeapYear(2024) && !isLeapYear(2023));
    assert.throws(() => decimalYear('1900-02-29'), RangeError);
    assert.throws(() => decimalYear('2021-02-29'), RangeError);
  });

  it('stays in [year, year + 1) and increases day by day', function () {
    const a = decimalYear('2019-12-31');
    const b = decimalYear('2020-01-01');
    assert.ok(a < b && a >= 2019 && a < 2020);
  });

  it('agrees with UTC day counts for every day of 1899–2101', function () {
    const day = 86_400_000;
    for (let t = Date.UTC(1899, 0, 1); t < Date.UTC(2102, 0, 1); t += day) {
      const d = new Date(t);
      const y = d.getUTCFullYear();
      const iso = d.toISOString().slice(0, 10);
      const expected = y + (t - Date.UTC(y, 0, 1)) / day / ((Date.UTC(y + 1, 0, 1) - Date.UTC(y, 0, 1)) / day);
      assert.equal(decimalYear(iso), expected, iso);
    }
  });

  it('does not depend on the time zone (TZ varied at run time)', function () {
    const saved = process.env.TZ;
    const dates = ['2020-03-08', '2020-03-29', '2020-10-25', '2020-11-01', '2020-12-31', '2021-01-01'];
    const reference = dates.map(decimalYear);
    try {
      for (const tz of ['UTC', 'America/St_Johns', 'Europe/Berlin', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Asia/Kolkata']) {
        process.env.TZ = tz;
        assert.deepEqual(dates.map(decimalYear), reference, tz);
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('rejects text that is not a real YYYY-MM-DD date', function () {
    for (const bad of ['', '2020', '2020-1-01', '2020-13-01', '2020-00-10', '2020-04-31', '0000-01-01', '20-01-2020', '2020-01-01T00:00']) {
      assert.throws(() => decimalYear(bad), RangeError, bad);
    }
    assert.deepEqual(parseIsoDate('0099-12-31'), { year: 99, month: 12, day: 31 });
    assert.equal(decimalYear('0099-01-01'), 99, 'years below 100 are not mapped to 19xx');
  });
});

describe("Student's t quantile", function () {
  // Published two-sided 5% critical values (e.g. NIST/SEMATECH e-Handbook, table 1.3.6.7.2).
  const TABLE: [number, number][] = [
    [1, 12.706],
    [2, 4.303],
    [3, 3.182],
    [4, 2.776],
    [5, 2.571],
    [10, 2.228],
    [20, 2.086],
    [30, 2.042],
    [60, 2.0],
    [100, 1.984],
    [1000, 1.962],
    [1e6, 1.96],
    [1e12, 1.96],
  ];

  it('matches the published table to 3 decimals (0.975 quantile)', function () {
    for (const [df, t] of TABLE) close(studentTQuantile(0.975, df), t, 0.0005, `df ${df}`);
  });

  it('df = 1 and 2 follow their closed forms', function () {
    for (const p of [0.6, 0.9, 0.975, 0.999]) {
      relClose(studentTQuantile(p, 1), Math.tan(Math.PI * (p - 0.5)), 1e-14, `df 1, p ${p}`);
      relClose(studentTQuantile(p, 2), (2 * p - 1) / Math.sqrt(2 * p * (1 - p)), 1e-14, `df 2, p ${p}`);
    }
  });

  /** P(|T| ≤ t) for integer df by the exact finite series (Abramowitz & Stegun 26.7.3–4). */
  function centralProbability(t: number, df: number): number {
    const theta = Math.atan(t / Math.sqrt(df));
    const [s, c] = [Math.sin(theta), Math.cos(theta)];
    if (df % 2 === 1) {
      let term = c;
      let sum = df > 1 ? c : 0;
      for (let k = 1; k <= (df - 3) / 2; k++) sum += term *= (c * c * 2 * k) / (2 * k + 1);
      return (2 / Math.PI) * (theta + s * sum);
    }
    let term = 1;
    let sum = 1;
    for (let k = 1; k <= (df - 2) / 2; k++) sum += term *= (c * c * (2 * k - 1)) / (2 * k);
    return s * sum;
  }

  it('inverts the exact t CDF for integer df 3 … 200 at several p', function () {
    for (let df = 3; df <= 200; df += df < 20 ? 1 : 17) {
      for (const p of [0.55, 0.75, 0.9, 0.975, 0.995]) {
        close(centralProbability(studentTQuantile(p, df), df), 2 * p - 1, 1e-13, `df ${df}, p ${p}`);
      }
    }
  });

  it('agrees with the oracle (exact series by bisection, checked against SciPy) to 1e-12', function () {
    const expected = JSON.parse(fs.readFileSync(path.join(__dirname, 'expectedTrends.json'), 'utf8')) as { tQuantile975: Record<string, number> };
    const entries = Object.entries(expected.tQuantile975);
    assert.ok(entries.length >= 10);
    for (const [df, t] of entries) relClose(studentTQuantile(0.975, Number(df)), t, 1e-12, `df ${df}`);
  });

  it('decreases towards the normal quantile 1.959963984540054 as df grows, and is symmetric', function () {
    let previous = Infinity;
    for (const df of [1, 2, 3, 5, 10, 100, 1e3, 1e4, 19_999, 2e4, 1e5, 1e7, 1e10]) {
      const t = studentTQuantile(0.975, df);
      assert.ok(t < previous, `df ${df}`);
      previous = t;
    }
    relClose(studentTQuantile(0.975, 1e15), 1.959963984540054, 1e-14);
    relClose(normalQuantile(0.975), 1.959963984540054, 1e-15);
    relClose(normalQuantile(0.5 + 0.3413447460685429), 1, 1e-12);
    assert.equal(studentTQuantile(0.5, 7), 0);
    assert.equal(studentTQuantile(0.025, 7), -studentTQuantile(0.975, 7));
  });

  it('keeps its digits across the switch to the large-df expansion (df 19 999 vs 20 000)', function () {
    const below = studentTQuantile(0.975, 19_999);
    const above = studentTQuantile(0.975, 20_000);
    // t ≈ z + (z³ + z)/(4·df) + …, so t(df) − t(df + 1) ≈ (z³ + z)/(4·df·(df + 1)) ≈ 5.93e-9.
    const z = 1.959963984540054;
    close(below - above, (z ** 3 + z) / (4 * 19_999 * 20_000), 1e-12);
  });

  it('rejects p outside (0, 1) and df ≤ 0 or not finite', function () {
    for (const [p, df] of [
      [0, 5],
      [1, 5],
      [Number.NaN, 5],
      [0.975, 0],
      [0.975, -1],
      [0.975, Infinity],
      [0.975, Number.NaN],
    ]) {
      assert.throws(() => studentTQuantile(p, df), RangeError, `p ${p}, df ${df}`);
    }
  });

  it('incomplete beta: identities and round trips', function () {
    close(logGamma(0.5), 0.5 * Math.log(Math.PI), 1e-14);
    close(logGamma(1), 0, 1e-15);
    relClose(logGamma(10), Math.log(362_880), 1e-15);
    relClose(logGamma(100), 359.1342053695754, 1e-15);
    close(logBeta(0.5, 0.5), Math.log(Math.PI), 1e-14);
    close(logBeta(2, 3), Math.log(1 / 12), 1e-14);
    for (const [a, bb] of [
      [40, 40],
      [12.5, 300],
      [3, 50],
      [0.5, 11],
    ]) {
      close(logBeta(a, bb), logGamma(a) + logGamma(bb) - logGamma(a + bb), 1e-12, `ln B(${a}, ${bb})`);
    }
    close(logBeta(40, 40), -56.027577129732904, 1e-12); // SciPy: betaln(40, 40)
    // ln B(½, b) = ln Γ(½) + ln Γ(b) − ln Γ(b + ½) ≈ ½ ln π − ½ ln b + 1/(8b) for large b
    // (Γ(b + ½)/Γ(b) = √b·(1 − 1/(8b) + …)); the omitted terms are O(1/b³) here.
    const b = 5e8;
    close(logBeta(0.5, b), 0.5 * Math.log(Math.PI) - 0.5 * Math.log(b) + 1 / (8 * b), 1e-14);
    for (const x of [0.01, 0.3, 0.5, 0.77, 0.999]) {
      close(regularizedIncompleteBeta(x, 1, 1), x, 1e-15, `I_${x}(1, 1)`);
      close(regularizedIncompleteBeta(x, 3, 1), x ** 3, 1e-14, `I_${x}(3, 1)`);
      close(regularizedIncompleteBeta(x, 1, 4), 1 - (1 - x) ** 4, 1e-14, `I_${x}(1, 4)`);
      close(regularizedIncompleteBeta(x, 2.5, 7) + regularizedIncompleteBeta(1 - x, 7, 2.5), 1, 1e-14, 'symmetry');
    }
    close(regularizedIncompleteBeta(0.5, 40, 40), 0.5, 1e-14);
    assert.equal(regularizedIncompleteBeta(0, 2, 3), 0);
    assert.equal(regularizedIncompleteBeta(1, 2, 3), 1);
    for (const [p, a, bb] of [
      [0.05, 0.5, 2],
      [0.95, 0.5, 50],
      [0.5, 3, 4],
      [1e-6, 2, 2],
      [0.999, 10, 0.5],
    ]) {
      const x = inverseRegularizedIncompleteBeta(p, a, bb);
      relClose(regularizedIncompleteBeta(x, a, bb), p, 1e-12, `inverse at p ${p}, a ${a}, b ${bb}`);
    }
    assert.throws(() => regularizedIncompleteBeta(0.5, 0, 1), RangeError);
  });
});

describe('fitLine (trends.md, "Fits")', function () {
  it('an exact line: slope and intercept exact, r2 = 1, the 95% interval collapses', function () {
    // y = 3 + 0.5·x on x = 0, 1, 2, 3: every sum and residual is exact in binary.
    const fit = fitLine(xy([0, 1, 2, 3], [3, 3.5, 4, 4.5]));
    assert.ok(fit);
    assert.equal(fit.n, 4);
    assert.equal(fit.slope_oom_per_year, 0.5);
    assert.equal(fit.intercept, 3);
    assert.equal(fit.r2, 1);
    assert.deepEqual(fit.slope_ci95, [0.5, 0.5]);
    assert.equal(fit.doubling_time_months, (12 * LOG10_2) / 0.5); // 7.22 months
  });

  it('an exact line in real decimal years (3 points, 1 degree of freedom)', function () {
    // 20, 21, 22 OOM at 2010, 2012, 2014: slope ½ OOM/year, intercept 21 − ½·2012 = −985.
    const fit = fitLine(xy([2010, 2012, 2014], [20, 21, 22]));
    assert.ok(fit);
    assert.equal(fit.slope_oom_per_year, 0.5);
    assert.equal(fit.intercept, -985);
    assert.equal(fit.r2, 1);
    assert.deepEqual(fit.slope_ci95, [0.5, 0.5]);
  });

  it('a small data set worked out by hand', function () {
    // x = 0 1 2 3 4, y = 1 3 2 5 4.   x̄ = 2, ȳ = 3.
    // dx = −2 −1 0 1 2, dy = −2 0 −1 2 1.
    // Sxx = 4+1+0+1+4 = 10;  Sxy = 4+0+0+2+2 = 8;  Syy = 4+0+1+4+1 = 10.
    // slope = 8/10 = 0.8;  intercept = 3 − 0.8·2 = 1.4.
    // fitted 1.4 2.2 3.0 3.8 4.6 → residuals −0.4 0.8 −1 1.2 −0.6 → SSE = .16+.64+1+1.44+.36 = 3.6.
    // r2 = 1 − 3.6/10 = 0.64 (= Sxy²/(Sxx·Syy) = 64/100).
    // se = sqrt(3.6/3/10) = sqrt(0.12) = 0.3464101615;  t(0.975, 3) = 3.1824463053;
    // t·se = 1.1024317; CI = [−0.3024317, 1.9024317];  doubling = 12·0.30103/0.8 = 4.5154 months.
    const fit = fitLine(xy([0, 1, 2, 3, 4], [1, 3, 2, 5, 4]));
    assert.ok(fit);
    assert.equal(fit.n, 5);
    close(fit.slope_oom_per_year, 0.8, 1e-15, 'slope');
    close(fit.intercept, 1.4, 1e-14, 'intercept');
    close(fit.r2, 0.64, 1e-14, 'r2');
    const half = 3.1824463052837078 * Math.sqrt(0.12);
    close(fit.slope_ci95[0], 0.8 - half, 1e-12, 'CI low');
    close(fit.slope_ci95[1], 0.8 + half, 1e-12, 'CI high');
    close(fit.slope_ci95[0], -0.3024317, 1e-7);
    close(fit.slope_ci95[1], 1.9024317, 1e-7);
    close(fit.doubling_time_months, 4.5154499, 1e-6, 'doubling');
  });

  it('n = 3 uses t with 1 degree of freedom (12.706)', function () {
    // x = 0 1 2, y = 0 2 1: x̄ = 1, ȳ = 1, Sxx = 2, Sxy = 1 → slope ½, intercept ½;
    // residuals −½ 1 −½ → SSE = 1.5; Syy = 2 → r2 = 0.25; se = sqrt(1.5/1/2) = sqrt(0.75).
    const fit = fitLine(xy([0, 1, 2], [0, 2, 1]));
    assert.ok(fit);
    close(fit.slope_oom_per_year, 0.5, 1e-15);
    close(fit.intercept, 0.5, 1e-15);
    close(fit.r2, 0.25, 1e-15);
    const half = Math.tan(0.475 * Math.PI) * Math.sqrt(0.75);
    close(fit.slope_ci95[0], 0.5 - half, 1e-12);
    close(fit.slope_ci95[1], 0.5 + half, 1e-12);
    close(half, 11.00389, 1e-5);
  });

  it('all y equal: r2 null, slope 0, doubling time null, interval [0, 0]', function () {
    const fit = fitLine(xy([2000.1, 2003.7, 2011.2, 2019.9], [22.3, 22.3, 22.3, 22.3]));
    assert.ok(fit);
    assert.equal(fit.r2, null);
    assert.equal(fit.slope_oom_per_year, 0);
    assert.equal(fit.intercept, 22.3);
    assert.equal(fit.doubling_time_months, null);
    assert.deepEqual(fit.slope_ci95, [0, 0]);
  });

  it('a falling trend: doubling time null, r2 still reported', function () {
    const fit = fitLine(xy([0, 1, 2, 3], [4, 3.5, 3, 2]));
    assert.ok(fit);
    assert.ok(fit.slope_oom_per_year < 0);
    assert.equal(fit.doubling_time_months, null);
    assert.ok(fit.r2 !== null && fit.r2 > 0.9);
  });

  it('no fit for fewer than 3 points or when all x are equal', function () {
    assert.equal(fitLine([]), undefined);
    assert.equal(fitLine(xy([1], [1])), undefined);
    assert.equal(fitLine(xy([2000, 2001], [20, 21])), undefined);
    assert.equal(fitLine(xy([2020.1, 2020.1, 2020.1, 2020.1], [20, 21, 22, 25])), undefined);
  });

  it('does not depend on the order of the points', function () {
    const xs = [2012.5, 2013.1, 2015.9, 2016.2, 2018.7, 2020.3, 2021.0];
    const ys = [17.2, 18.9, 19.1, 21.4, 22.0, 23.9, 24.2];
    const a = fitLine(xy(xs, ys));
    const b = fitLine(xy([...xs].reverse(), [...ys].reverse()));
    assert.ok(a && b);
    relClose(b.slope_oom_per_year, a.slope_oom_per_year, 1e-12);
    relClose(b.intercept, a.intercept, 1e-12);
  });
});

describe('segments and computeTrends', function () {
  it('default breaks: three segments, open at both ends', function () {
    assert.deepEqual(DEFAULT_BREAKS, ['2010-01-01', '2015-09-01']);
    assert.deepEqual(segmentsFromBreaks(DEFAULT_BREAKS), [
      { from: null, to: '2010-01-01' },
      { from: '2010-01-01', to: '2015-09-01' },
      { from: '2015-09-01', to: null },
    ]);
  });

  it('no breaks: one segment; breaks are sorted; one break: two segments', function () {
    assert.deepEqual(segmentsFromBreaks([]), [{ from: null, to: null }]);
    assert.deepEqual(segmentsFromBreaks(['2015-09-01', '2010-01-01']), segmentsFromBreaks(['2010-01-01', '2015-09-01']));
    assert.deepEqual(segmentsFromBreaks(['2012-06-30']), [
      { from: null, to: '2012-06-30' },
      { from: '2012-06-30', to: null },
    ]);
  });

  it('rejects a repeated break and an impossible date with a clear message', function () {
    assert.throws(() => segmentsFromBreaks(['2010-01-01', '2015-09-01', '2010-01-01']), /2010-01-01 is given twice/);
    assert.throws(() => segmentsFromBreaks(['2015-02-30']), /"2015-02-30" is not a real calendar date; expected YYYY-MM-DD/);
    assert.throws(() => segmentsFromBreaks(['2015/09/01']), /expected YYYY-MM-DD/);
  });

  it('from is inclusive, to exclusive', function () {
    const pts = [pt('a', '2009-12-31', 1e20), pt('b', '2010-01-01', 1e21), pt('c', '2012-01-01', 1e22), pt('d', '2015-08-31', 1e23), pt('e', '2015-09-01', 1e24)];
    const result = computeTrends([...pts, pt('f', '2008-05-01', 1e19), pt('g', '2007-02-01', 1e18)]);
    const n = result.fits.filter((f) => f.sector === 'All').map((f) => [f.segment.from, f.n]);
    // before 2010: a, f, g; 2010–2015-09: b, c, d; from 2015-09-01: e only (no fit).
    assert.deepEqual(n, [
      [null, 3],
      ['2010-01-01', 3],
    ]);
  });

  it('orders rows All first, then Academia … Unknown, then segments in time order; keys as in cli.md', function () {
    const sectors: TeamSector[] = ['Unknown', 'Industry', 'Academia', 'Collaboration', 'Other'];
    const pts: TrendPoint[] = [];
    let i = 0;
    for (const sector of sectors) {
      for (const date of ['2005-03-01', '2007-06-01', '2009-01-01', '2016-01-01', '2018-05-05', '2021-07-07']) {
        pts.push(pt(`p${i}`, date, 10 ** (15 + (i % 7)), sector));
        i++;
      }
    }
    const result = computeTrends(pts, DEFAULT_BREAKS);
    assert.equal(result.points, pts.length);
    assert.deepEqual(
      result.fits.map((f) => `${f.sector} ${f.segment.from ?? '-'}`),
      ['All', 'Academia', 'Industry', 'Collaboration', 'Other', 'Unknown'].flatMap((s) => [`${s} -`, `${s} 2015-09-01`]),
    );
    assert.deepEqual(Object.keys(result.fits[0]), ['sector', 'segment', 'n', 'slope_oom_per_year', 'intercept', 'r2', 'doubling_time_months', 'slope_ci95']);
    assert.deepEqual(Object.keys(result), ['points', 'fits']);
  });

  it('an empty point set: no fits', function () {
    assert.deepEqual(computeTrends([], []), { points: 0, fits: [] });
  });
});

describe('trendPoints', function () {
  it('keeps papers with a date and compute > 0, with x in decimal years and y = log10 FLOP', function () {
    const papers = [
      paper({ id: 'A', publicationDate: '2020-12-31', trainingComputeFlop: 1e24, teamSector: 'Industry' }),
      paper({ id: 'B', publicationDate: undefined, trainingComputeFlop: 1e20 }),
      paper({ id: 'C', publicationDate: '2019-01-01', trainingComputeFlop: undefined }),
      paper({ id: 'D', publicationDate: '2019-01-01', trainingComputeFlop: 0 }),
    ];
    const points = trendPoints(papers);
    assert.deepEqual(points, [{ id: 'A', x: 2020 + 365 / 366, y: 24, computeFlop: 1e24, date: '2020-12-31', sector: 'Industry' }]);
    assert.equal(trendPoints(papers, () => 'Collaboration')[0].sector, 'Collaboration');
  });
});

describe('compareByCodePoint', function () {
  it('orders astral-plane characters after U+E000…U+FFFF (UTF-16 code units would not)', function () {
    const astral = '\u{1F600}'; // surrogates D83D DE00
    assert.ok('\u{1F600}' < '\uFF21', 'JavaScript compares code units');
    assert.ok(compareByCodePoint(astral, '\uFF21') > 0);
    assert.ok(compareByCodePoint('\uFFFD', '\u{10000}') < 0);
    assert.deepEqual(['\u{1F600}', '\uFF21', 'a', '\u{10000}', '\uE000', 'B', ''].sort(compareByCodePoint), ['', 'B', 'a', '\uE000', '\uFF21', '\u{10000}', '\u{1F600}']);
  });

  it('differences inside a surrogate pair, prefixes, equal strings', function () {
    assert.ok(compareByCodePoint('x\u{1F600}', 'x\u{1F601}') < 0);
    assert.ok(compareByCodePoint('x\u{1F600}y', 'x\u{1F600}') > 0);
    assert.ok(compareByCodePoint('x\u{1F600}', 'x\uFF21') > 0);
    assert.ok(compareByCodePoint('x\uFF21', 'x\u{1F600}') < 0);
    assert.equal(compareByCodePoint('GPT-4', 'GPT-4'), 0);
    assert.ok(compareByCodePoint('GPT-4', 'GPT-4o') < 0);
    assert.ok(compareByCodePoint('Z', 'a') < 0, 'not locale order');
  });

  it('agrees with comparing arrays of code points on random strings', function () {
    const alphabet = ['a', 'b', '\u00E9', '\uD7FF', '\uE000', '\uFF21', '\uFFFF', '\u{10000}', '\u{1F600}', '\u{1F601}', '\uD83D', '\uDE00'];
    let seed = 12345;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const make = (): string => Array.from({ length: random(5) }, () => alphabet[random(alphabet.length)]).join('');
    const reference = (a: string, b: string): number => {
      const ca = Array.from(a, (c) => c.codePointAt(0) ?? 0);
      const cb = Array.from(b, (c) => c.codePointAt(0) ?? 0);
      for (let i = 0; i < Math.min(ca.length, cb.length); i++) if (ca[i] !== cb[i]) return ca[i] - cb[i];
      return ca.length - cb.length;
    };
    for (let i = 0; i < 5000; i++) {
      const [a, b] = [make(), make()];
      assert.equal(Math.sign(compareByCodePoint(a, b)), Math.sign(reference(a, b)), JSON.stringify([a, b]));
    }
  });
});

describe('largeScaleShares (trends.md, "Large-scale share by sector")', function () {
  it('ties in compute go to the smaller id by code point, not by UTF-16 code unit', function () {
    const pts = [pt('\u{1F600}', '2021-05-01', 1e24, 'Academia'), pt('\uFF21', '2021-06-01', 1e24, 'Industry'), pt('small', '2021-01-01', 1e20, 'Other')];
    const shares = largeScaleShares(pts, 1);
    assert.deepEqual(shares, { top: 1, years: [{ year: 2021, n: 1, Academia: 0, Industry: 1, Collaboration: 0, Other: 0, Unknown: 0 }] });
    const two = largeScaleShares(pts, 2).years[0];
    assert.deepEqual([two.Academia, two.Industry, two.Other], [0.5, 0.5, 0]);
  });

  it('largest compute first; a short year keeps all its points; years ascend, empty years left out', function () {
    const pts = [
      ...['a', 'b', 'c', 'd', 'e'].map((id, i) => pt(id, '2020-03-03', 10 ** (20 + i), i < 2 ? 'Academia' : 'Industry')),
      pt('old1', '2012-12-31', 1e18, 'Collaboration'),
      pt('old2', '2012-01-01', 1e19, 'Unknown'),
    ];
    const shares = largeScaleShares(pts, 3);
    assert.deepEqual(shares.years, [
      { year: 2012, n: 2, Academia: 0, Industry: 0, Collaboration: 0.5, Other: 0, Unknown: 0.5 },
      { year: 2020, n: 3, Academia: 0, Industry: 1, Collaboration: 0, Other: 0, Unknown: 0 },
    ]);
    assert.deepEqual(Object.keys(shares.years[0]), ['year', 'n', 'Academia', 'Industry', 'Collaboration', 'Other', 'Unknown']);
    const all = largeScaleShares(pts).years[1];
    assert.equal(all.n, 5);
    assert.equal(all.Academia, 0.4);
  });

  it('many ties, many years: the same shares as sorting each year whole (compute descending, then id by code point)', function () {
    // Deterministic pseudo-random points: few distinct computes (ties everywhere), ids with astral
    // characters and code units above the surrogates, every sector, in no particular order.
    let seed = 7;
    const next = (n: number): number => (seed = (seed * 48271) % 2147483647) % n;
    const sectors = ['Academia', 'Industry', 'Collaboration', 'Other', 'Unknown'] as const;
    const idChars = ['a', 'b', '\uFF21', '\u{1F600}', 'z'];
    const pts = Array.from({ length: 3000 }, (_, i) =>
      pt(`${idChars[next(5)]}${idChars[next(5)]}${i}`, `${2000 + next(6)}-0${1 + next(9)}-1${next(10)}`, 10 ** (18 + next(4)), sectors[next(5)]),
    );
    const byCodePoint = (a: string, b: string): number => {
      const x = [...a].map((c) => c.codePointAt(0)!);
      const y = [...b].map((c) => c.codePointAt(0)!);
      for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
      return x.length - y.length;
    };
    for (const k of [1, 3, 10, 499, 5000]) {
      const years = [...new Set(pts.map((p) => Number(p.date.slice(0, 4))))].sort((a, b) => a - b);
      const expected = years.map((year) => {
        const kept = pts.filter((p) => p.date.startsWith(`${year}-`)).sort((a, b) => b.computeFlop - a.computeFlop || byCodePoint(a.id, b.id)).slice(0, k);
        return { year, n: kept.length, ...Object.fromEntries(sectors.map((s) => [s, kept.filter((p) => p.sector === s).length / kept.length])) };
      });
      assert.deepEqual(largeScaleShares(pts, k).years, expected, `k = ${k}`);
    }
  });

  it('a year of 100,000 points in ascending compute, k up to all of them: n log k time, not k per point (shares --top of a whole year)', function () {
    this.timeout(60_000);
    // Every point is larger than every one kept before it: each enters the kept list.
    const sectors = ['Academia', 'Industry', 'Collaboration'] as const;
    const pts = Array.from({ length: 100_000 }, (_, i) => pt(`m${i}`, '2020-06-01', 1e20 + i * 1e6, sectors[i % 3]));
    for (const k of [1000, 100_000]) {
      const started = Date.now();
      const [year] = largeScaleShares(pts, k).years;
      const ms = Date.now() - started;
      // The k largest are the last k points: i from 100,000 − k to 99,999, a third of them per sector (worked out by hand).
      const share = (r: number): number => [...Array(k).keys()].filter((j) => (100_000 - k + j) % 3 === r).length / k;
      assert.deepEqual(year, { year: 2020, n: k, Academia: share(0), Industry: share(1), Collaboration: share(2), Other: 0, Unknown: 0 });
      assert.ok(ms < 1500, `k = ${k}: ${ms} ms (a sort of the year takes tens)`);
    }
  });

  it('k must be an integer ≥ 1; default 10', function () {
    assert.equal(largeScaleShares([]).top, 10);
    assert.deepEqual(largeScaleShares([]).years, []);
    for (const k of [0, -1, 1.5, Number.NaN]) assert.throws(() => largeScaleShares([], k), RangeError);
  });
});

function paper(fields: Partial<Paper>): Paper {
  return {
    id: 'p',
    name: fields.id ?? 'p',
    line: 2,
    organizations: [],
    categories: [],
    organizationCategories: [],
    lengthMismatch: false,
    teamSector: 'Academia',
    teamSectorSource: 'categories',
    domains: [],
    tasks: [],
    authors: '',
    link: '',
    reference: '',
    notabilityCriteria: [],
    modelAccessibility: '',
    baseModel: '',
    country: '',
    abstract: '',
    cells: {},
    ...fields,
  };
}

describe('filterPapers and notabilityValues', function () {
  const papers = [
    paper({ id: 'GPT-3', name: 'GPT-3 175B (davinci)', publicationDate: '2020-05-28', domains: ['Language'], notabilityCriteria: ['Highly cited', 'SOTA improvement'], teamSector: 'Industry', trainingComputeFlop: 3.14e23 }),
    paper({ id: 'AlexNet', name: 'AlexNet', publicationDate: '2012-09-30', domains: ['Vision'], notabilityCriteria: ['Highly cited'], teamSector: 'Academia', trainingComputeFlop: 4.7e17 }),
    paper({ id: 'AlphaFold', name: 'AlphaFold 2', publicationDate: '2021-07-15', domains: ['Biology', 'Language'], notabilityCriteria: ['SOTA Improvement'], teamSector: 'Collaboration' }),
    paper({ id: 'Undated', name: 'Undated model', domains: [], notabilityCriteria: [], teamSector: 'Other', trainingComputeFlop: 1e20 }),
  ];
  const ids = (ps: Paper[]): string[] => ps.map((p) => p.id);

  it('no filter keeps every paper in order; empty lists do not filter', function () {
    assert.deepEqual(ids(filterPapers(papers, {})), ['GPT-3', 'AlexNet', 'AlphaFold', 'Undated']);
    assert.deepEqual(ids(filterPapers(papers, { domains: [], notability: [], sectors: [], text: '' })), ['GPT-3', 'AlexNet', 'AlphaFold', 'Undated']);
  });

  it('since inclusive, until exclusive; undated papers fail a date bound', function () {
    assert.deepEqual(ids(filterPapers(papers, { since: '2020-05-28' })), ['GPT-3', 'AlphaFold']);
    assert.deepEqual(ids(filterPapers(papers, { until: '2020-05-28' })), ['AlexNet']);
    assert.deepEqual(ids(filterPapers(papers, { since: '2012-09-30', until: '2021-07-15' })), ['GPT-3', 'AlexNet']);
    assert.throws(() => filterPapers(papers, { since: '2021-02-29' }), RangeError);
  });

  it('domains: any domain matches, case-insensitively; "(no domain)" selects papers without one', function () {
    assert.deepEqual(ids(filterPapers(papers, { domains: ['language'] })), ['GPT-3', 'AlphaFold']);
    assert.deepEqual(ids(filterPapers(papers, { domains: ['VISION', 'biology'] })), ['AlexNet', 'AlphaFold']);
    assert.deepEqual(ids(filterPapers(papers, { domains: ['(no domain)'] })), ['Undated']);
    assert.deepEqual(ids(filterPapers(papers, { domains: ['Lang'] })), [], 'domains match whole');
  });

  it('notability: an item equal to or containing the text, case-insensitively', function () {
    assert.deepEqual(ids(filterPapers(papers, { notability: ['SOTA improvement'] })), ['GPT-3', 'AlphaFold']);
    assert.deepEqual(ids(filterPapers(papers, { notability: ['cited'] })), ['GPT-3', 'AlexNet']);
    assert.deepEqual(ids(filterPapers(papers, { notability: ['sota', 'highly'] })), ['GPT-3', 'AlexNet', 'AlphaFold']);
  });

  it('sectors (table or supplied sector), minimum compute, name text, and all together', function () {
    assert.deepEqual(ids(filterPapers(papers, { sectors: ['Industry', 'Other'] })), ['GPT-3', 'Undated']);
    assert.deepEqual(ids(filterPapers(papers, { sectors: ['Academia'] }, () => 'Academia')), ['GPT-3', 'AlexNet', 'AlphaFold', 'Undated']);
    assert.deepEqual(ids(filterPapers(papers, { minComputeFlop: 1e20 })), ['GPT-3', 'Undated']);
    assert.deepEqual(ids(filterPapers(papers, { text: 'ALPHA' })), ['AlphaFold']);
    assert.deepEqual(ids(filterPapers(papers, { text: 'davinci', domains: ['Language'], sectors: ['Industry'], since: '2020-01-01' })), ['GPT-3']);
    assert.deepEqual(ids(filterPapers(papers, { text: 'davinci', sectors: ['Academia'] })), []);
  });

  it('notabilityValues: distinct values grouped case-insensitively, counted per paper, most frequent first', function () {
    const extra = paper({ id: 'X', notabilityCriteria: ['SOTA improvement', 'sota improvement', 'Training cost'] });
    assert.deepEqual(notabilityValues([...papers, extra]), [
      { value: 'SOTA improvement', papers: 3 },
      { value: 'Highly cited', papers: 2 },
      { value: 'Training cost', papers: 1 },
    ]);
    assert.deepEqual(notabilityValues([]), []);
  });
});
