/**
 * TrendsView fixtures for the webview tests: the view the host sends for a real Epoch table
 * (`buildTrendsView` of `src/host/trendsViewModel.ts`, the host's own pure view model, on the
 * table read by the real loader from the test corpus, never copied), and a small hand-made view
 * whose fits come from a test-only OLS (`../shared/spec/trends.md`, "Fits").
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadDataset } from '../../../src/core/dataset/loadDataset';
import type { Dataset } from '../../../src/core/dataset/model';
import { studentTQuantile } from '../../../src/core/stats/studentT';
import { buildTrendsView as hostTrendsView } from '../../../src/host/trendsViewModel';
import { DEFAULT_TRENDS_FILTERS, type SectorName, type TrendsFilters, type TrendsFit, type TrendsPoint, type TrendsView } from '../../../src/shared/trendsProtocol';
import { TEST_DATA } from '../../support/paths';

export const SECTORS: SectorName[] = ['Academia', 'Industry', 'Collaboration', 'Other', 'Unknown'];
export const NOTABLE_MODELS = 'notable_ai_models_2026-07.csv';

/** A real Epoch table from the test corpus's epoch/, read by the product's loader. */
export function loadEpoch(file = NOTABLE_MODELS): Dataset {
  return loadDataset(readFileSync(path.join(TEST_DATA, 'epoch', file)), file);
}

/** The view the host would send for a real table under `filters`. */
export function realView(filters: TrendsFilters = DEFAULT_TRENDS_FILTERS, file = NOTABLE_MODELS): TrendsView {
  return hostTrendsView(loadEpoch(file), filters, file);
}

/** OLS of y on x per spec "Fits"; undefined with fewer than 3 points or all x equal. */
export function olsFit(points: readonly { x: number; y: number }[]): Omit<TrendsFit, 'sector' | 'segment'> | undefined {
  const n = points.length;
  if (n < 3) return undefined;
  const xbar = points.reduce((s, p) => s + p.x, 0) / n;
  const ybar = points.reduce((s, p) => s + p.y, 0) / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (const p of points) {
    sxx += (p.x - xbar) ** 2;
    sxy += (p.x - xbar) * (p.y - ybar);
    syy += (p.y - ybar) ** 2;
  }
  if (sxx === 0) return undefined;
  const slope = sxy / sxx;
  const intercept = ybar - slope * xbar;
  const sse = points.reduce((s, p) => s + (p.y - intercept - slope * p.x) ** 2, 0);
  const se = Math.sqrt(sse / (n - 2) / sxx);
  const t = studentTQuantile(0.975, n - 2);
  return {
    n,
    slope_oom_per_year: slope,
    intercept,
    r2: syy === 0 ? null : 1 - sse / syy,
    doubling_time_months: slope > 0 ? (12 * Math.log10(2)) / slope : null,
    slope_ci95: [slope - t * se, slope + t * se],
    xMin: Math.min(...points.map((p) => p.x)),
    xMax: Math.max(...points.map((p) => p.x)),
  };
}

/** A small hand-made view: `n` points per sector on a clean exponential trend, 2 fits per sector. */
export function handMadeView(perSector = 6): TrendsView {
  const points: TrendsPoint[] = [];
  SECTORS.forEach((sector, s) => {
    for (let i = 0; i < perSector; i++) {
      const x = 2012 + i * 1.7 + s * 0.13;
      const y = 18 + 0.55 * (x - 2012) + (s % 2) * 0.4 + ((i * 7) % 3) * 0.1;
      const year = Math.floor(x);
      points.push({ id: `${sector}-${i}`, name: `${sector} model ${i}`, date: `${year}-06-01`, x, y, computeFlop: 10 ** y, sector, organizations: `${sector} Lab ${i}` });
    }
  });
  const fits: TrendsFit[] = SECTORS.slice(0, 3).map((sector) => ({ sector, segment: { from: '2015-09-01', to: null }, ...olsFit(points.filter((p) => p.sector === sector))! }));
  fits.push({ sector: 'All', segment: { from: null, to: null }, ...olsFit(points)! });
  return {
    datasetName: 'hand-made.csv',
    totalRows: points.length + 3,
    totalPoints: points.length,
    filters: DEFAULT_TRENDS_FILTERS,
    points,
    fits,
    shares: { top: 10, years: [2012, 2014, 2016].map((year) => ({ year, n: 5, Academia: 0.4, Industry: 0.4, Collaboration: 0.2, Other: 0, Unknown: 0 })) },
    counts: [2012, 2014, 2016].map((year) => ({ year, Academia: 2, Industry: 3, Collaboration: 1, Other: 0, Unknown: 1, withCompute: { Academia: 2, Industry: 2, Collaboration: 1, Other: 0, Unknown: 0 } })),
    partialYears: [],
    options: {
      domains: [
        { value: 'Language', count: 20, total: 20 },
        { value: 'Vision', count: 10, total: 10 },
      ],
      notability: [{ value: 'SOTA improvement', count: 12, total: 12 }],
      dateRange: { min: '2012-06-01', max: '2021-06-01' },
    },
  };
}
