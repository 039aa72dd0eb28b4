/**
 * TrendsView fixtures for the webview tests: a realistic view computed from a real Epoch table
 * (filters, per-sector OLS fits per segment with the analytic 95% interval, top-k shares,
 * counts, options), following `../shared/spec/trends.md` in a simple, test-only way. The host's
 * own computation lives elsewhere; the webview only needs numbers of the right shape and size.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { decimalYear } from '../../../src/core/decimalYear';
import { loadDataset } from '../../../src/core/loadDataset';
import type { Paper } from '../../../src/core/model';
import { studentTQuantile } from '../../../src/core/studentT';
import {
  DEFAULT_TRENDS_FILTERS,
  type SectorName,
  type TrendsCountYear,
  type TrendsFilters,
  type TrendsFit,
  type TrendsPoint,
  type TrendsShareYear,
  type TrendsView,
} from '../../../src/shared/trendsProtocol';
import { SHARED_DATA } from './webviewPage';

export const SECTORS: SectorName[] = ['Academia', 'Industry', 'Collaboration', 'Other', 'Unknown'];
export const NOTABLE_MODELS = 'notable_ai_models_2026-07.csv';

export function loadPapers(file = NOTABLE_MODELS): { name: string; papers: Paper[] } {
  const bytes = readFileSync(path.join(SHARED_DATA, 'epoch', file));
  return { name: file, papers: loadDataset(bytes, file).papers };
}

function passes(p: Paper, f: TrendsFilters): boolean {
  const date = p.publicationDate;
  if (f.since && (!date || date < f.since)) return false;
  if (f.until && (!date || date >= f.until)) return false;
  if (f.domains.length && !p.domains.some((d) => f.domains.includes(d))) return false;
  if (f.sectors.length && !f.sectors.includes(p.teamSector)) return false;
  if (f.notability.length && !p.notabilityCriteria.some((n) => f.notability.includes(n))) return false;
  if (f.minComputeFlop !== undefined && !((p.trainingComputeFlop ?? 0) >= f.minComputeFlop)) return false;
  if (f.text && !p.name.toLowerCase().includes(f.text.toLowerCase())) return false;
  return true;
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

function segments(breaks: readonly string[]): { from: string | null; to: string | null }[] {
  const edges = [null, ...breaks, null];
  return edges.slice(0, -1).map((from, i) => ({ from, to: edges[i + 1] }));
}

function compareCodePoints(a: string, b: string): number {
  const [ca, cb] = [[...a], [...b]];
  for (let i = 0; i < Math.min(ca.length, cb.length); i++) {
    const d = ca[i].codePointAt(0)! - cb[i].codePointAt(0)!;
    if (d !== 0) return d;
  }
  return ca.length - cb.length;
}

function countBy(values: string[][]): { value: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const list of values) for (const v of new Set(list)) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

/** The view the host would send for `papers` under `filters`. */
export function buildTrendsView(name: string, papers: readonly Paper[], filters: TrendsFilters = DEFAULT_TRENDS_FILTERS): TrendsView {
  const allPoints = papers.filter((p) => p.publicationDate && (p.trainingComputeFlop ?? 0) > 0);
  const kept = papers.filter((p) => passes(p, filters));
  const points: TrendsPoint[] = kept
    .filter((p) => p.publicationDate && (p.trainingComputeFlop ?? 0) > 0)
    .map((p) => ({
      id: p.id,
      name: p.name,
      date: p.publicationDate!,
      x: decimalYear(p.publicationDate!),
      y: Math.log10(p.trainingComputeFlop!),
      computeFlop: p.trainingComputeFlop!,
      sector: p.teamSector,
      organizations: p.organizations.join(', '),
    }));

  const fits: TrendsFit[] = [];
  for (const segment of segments(filters.breaks)) {
    const inSegment = points.filter((p) => (segment.from === null || p.date >= segment.from) && (segment.to === null || p.date < segment.to));
    for (const sector of ['All', ...SECTORS] as const) {
      const group = sector === 'All' ? inSegment : inSegment.filter((p) => p.sector === sector);
      const fit = olsFit(group);
      if (fit) fits.push({ sector, segment, ...fit });
    }
  }

  const byYear = new Map<number, TrendsPoint[]>();
  for (const p of points) {
    const year = Number(p.date.slice(0, 4));
    byYear.set(year, [...(byYear.get(year) ?? []), p]);
  }
  const shares: TrendsShareYear[] = [...byYear.keys()].sort((a, b) => a - b).map((year) => {
    const top = byYear
      .get(year)!
      .slice()
      .sort((a, b) => b.computeFlop - a.computeFlop || compareCodePoints(a.id, b.id))
      .slice(0, filters.topK);
    const row: TrendsShareYear = { year, n: top.length, Academia: 0, Industry: 0, Collaboration: 0, Other: 0, Unknown: 0 };
    for (const p of top) row[p.sector] += 1 / top.length;
    return row;
  });

  const countMap = new Map<number, TrendsCountYear>();
  for (const p of kept) {
    if (!p.publicationDate) continue;
    const year = Number(p.publicationDate.slice(0, 4));
    const row = countMap.get(year) ?? { year, Academia: 0, Industry: 0, Collaboration: 0, Other: 0, Unknown: 0 };
    row[p.teamSector] += 1;
    countMap.set(year, row);
  }

  const dates = papers.map((p) => p.publicationDate).filter((d): d is string => !!d).sort();
  return {
    datasetName: name,
    totalRows: papers.length,
    totalPoints: allPoints.length,
    filters,
    points,
    fits,
    shares: { top: filters.topK, years: shares },
    counts: [...countMap.values()].sort((a, b) => a.year - b.year),
    options: {
      domains: countBy(papers.map((p) => p.domains)),
      notability: countBy(papers.map((p) => p.notabilityCriteria)),
      dateRange: dates.length ? { min: dates[0], max: dates[dates.length - 1] } : null,
    },
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
    counts: [2012, 2014, 2016].map((year) => ({ year, Academia: 2, Industry: 3, Collaboration: 1, Other: 0, Unknown: 1 })),
    options: { domains: [{ value: 'Language', count: 20 }, { value: 'Vision', count: 10 }], notability: [{ value: 'SOTA improvement', count: 12 }], dateRange: { min: '2012-06-01', max: '2021-06-01' } },
  };
}
