/**
 * Comparisons of fits and per-year shares with the numbers of an independent oracle (a Python
 * script under test/tools/), at a relative tolerance of 1e-9.
 */
import { strict as assert } from 'node:assert';
import type { FitRow, ShareYear, TrendsResult } from '../../src/core/trends/trends';

const REL = 1e-9;
const SECTORS = ['Academia', 'Industry', 'Collaboration', 'Other', 'Unknown'] as const;

function near(actual: number | null, expected: number | null, what: string, scale = Math.abs(expected ?? 0)): void {
  if (actual === null || expected === null) return assert.equal(actual, expected, what);
  assert.ok(Math.abs(actual - expected) <= REL * Math.max(scale, 1e-300), `${what}: ${actual} vs ${expected}`);
}

/** The fits equal the oracle's: same (sector, segment, n) rows, numbers to 1e-9. */
export function assertFits(actual: TrendsResult | { points: number; fits: FitRow[] }, expected: TrendsResult, label: string): void {
  assert.equal(actual.points, expected.points, `${label}: points`);
  assert.deepEqual(
    actual.fits.map((f) => [f.sector, f.segment.from, f.segment.to, f.n]),
    expected.fits.map((f) => [f.sector, f.segment.from, f.segment.to, f.n]),
    `${label}: the same (sector, segment, n) rows`,
  );
  actual.fits.forEach((a, i) => {
    const e = expected.fits[i];
    const what = `${label} ${e.sector} ${e.segment.from ?? '…'}–${e.segment.to ?? '…'}`;
    near(a.slope_oom_per_year, e.slope_oom_per_year, `${what} slope`);
    near(a.intercept, e.intercept, `${what} intercept`);
    near(a.r2, e.r2, `${what} r2`);
    near(a.doubling_time_months, e.doubling_time_months, `${what} doubling time`);
    const scale = Math.abs(e.slope_oom_per_year) + (e.slope_ci95[1] - e.slope_ci95[0]) / 2;
    near(a.slope_ci95[0], e.slope_ci95[0], `${what} CI low`, scale);
    near(a.slope_ci95[1], e.slope_ci95[1], `${what} CI high`, scale);
  });
}

/** Shares per year equal the oracle's: same years and n, fractions to 1e-9. */
export function assertShareYears(actual: readonly ShareYear[], expected: readonly ShareYear[], label: string): void {
  assert.deepEqual(
    actual.map((y) => [y.year, y.n]),
    expected.map((y) => [y.year, y.n]),
    `${label}: years and n`,
  );
  actual.forEach((a, i) => {
    for (const s of SECTORS) near(a[s], expected[i][s], `${label} ${a.year} ${s}`, 1);
  });
}

