/**
 * The statistics of the topic analysis (`../shared/spec/analyses.md`, "topics"): the median, the
 * q-quantile by linear interpolation, average ranks and Spearman's rho with its two p-values.
 */
import { regularizedIncompleteBeta } from './studentT';

/**
 * The median of `values` (mean of the two middle values for an even count), or null when there
 * are none. The input is not modified. O(n log n).
 */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  // A typed array sorts numerically without a comparator (several times faster at 100,000 values).
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * The q-quantile of `values` by linear interpolation between order statistics: position
 * (m − 1)·q in the sorted list of m values (Hyndman & Fan type 7 — numpy's and R's default,
 * Excel's PERCENTILE.INC), as analyses.md says for the top-quantile threshold. Null when there are
 * no values.
 *
 * @throws RangeError when q is not in [0, 1]
 */
export function quantile(values: readonly number[], q: number): number | null {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`a quantile needs 0 ≤ q ≤ 1, got ${q}`);
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const position = (sorted.length - 1) * q;
  const lo = Math.floor(position);
  const hi = Math.ceil(position);
  return lo === hi ? sorted[lo] : sorted[lo] + (position - lo) * (sorted[hi] - sorted[lo]);
}

/** Ranks 1…n of `values`, ties given the average of the ranks they span (so 1, 2.5, 2.5, 4). */
export function averageRanks(values: readonly number[]): number[] {
  const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
  const ranks = new Array<number>(values.length);
  for (let start = 0; start < order.length; ) {
    let end = start + 1;
    while (end < order.length && values[order[end]] === values[order[start]]) end++;
    const rank = (start + 1 + end) / 2; // mean of start+1 … end
    for (let i = start; i < end; i++) ranks[order[i]] = rank;
    start = end;
  }
  return ranks;
}

/** Pearson's correlation of two equally long lists; null when either is constant. */
function pearson(x: readonly number[], y: readonly number[]): number | null {
  const n = x.length;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  if (sxx === 0 || syy === 0) return null;
  // Rounding can push |r| a hair past 1 for perfectly monotone data.
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/** Spearman's rho with its p-values, or the reason there is none. */
export interface SpearmanResult {
  k: number;
  rho: number | null;
  /** Two-sided, from the t approximation with k − 2 degrees of freedom; 0 when |rho| = 1. */
  pValue: number | null;
  /** The exact permutation p-value, for 3 ≤ k ≤ 8; otherwise null. */
  pExact: number | null;
  /** Why rho is null (fewer than 3 pairs, a constant variable), else null. */
  note: string | null;
}

/** Permutation p-values are exact up to this many pairs (8! = 40,320 orderings). */
export const EXACT_P_MAX_K = 8;

/**
 * Spearman's rank correlation of paired values, as analyses.md ("Correlation") says: Pearson's r
 * of the average ranks (ties averaged); the two-sided p-value from t = rho·√((k−2)/(1−rho²)) with
 * k − 2 degrees of freedom (scipy.stats.spearmanr's), computed as I_{1−rho²}((k−2)/2, ½) with the
 * project's incomplete beta function (studentT.ts), 0 when |rho| = 1; and for k ≤ 8 the exact
 * permutation p-value: the share of all k! orderings of the y ranks whose |rho| ≥ |observed| − 1e-12.
 * Fewer than 3 pairs, or a constant x or y, give null rho and p-values with a note.
 *
 * @throws RangeError when x and y differ in length
 */
export function spearman(x: readonly number[], y: readonly number[]): SpearmanResult {
  if (x.length !== y.length) throw new RangeError(`spearman needs lists of one length, got ${x.length} and ${y.length}`);
  const k = x.length;
  const none = (note: string): SpearmanResult => ({ k, rho: null, pValue: null, pExact: null, note });
  if (k < 3) return none(`Spearman's rho needs at least 3 topics; ${k === 0 ? 'there are none' : `there ${k === 1 ? 'is' : 'are'} ${k}`}.`);
  const rx = averageRanks(x);
  const ry = averageRanks(y);
  const rho = pearson(rx, ry);
  if (rho === null) {
    const which = x.every((v) => v === x[0]) ? 'median training compute' : 'academic-only share';
    return none(`Spearman's rho is undefined: the ${which} is the same for every topic.`);
  }
  const pValue = Math.abs(rho) === 1 ? 0 : regularizedIncompleteBeta(1 - rho * rho, (k - 2) / 2, 0.5);
  return { k, rho, pValue, pExact: k <= EXACT_P_MAX_K ? exactP(rx, ry, Math.abs(rho)) : null, note: null };
}

/** Share of all orderings of `ry` against `rx` whose |rho| ≥ `observed` − 1e-12 (Heap's algorithm). */
function exactP(rx: readonly number[], ry: readonly number[], observed: number): number {
  const k = ry.length;
  const perm = [...ry];
  const c = new Array<number>(k).fill(0);
  let hits = 0;
  let total = 0;
  const visit = (): void => {
    total++;
    const r = pearson(rx, perm);
    if (r !== null && Math.abs(r) >= observed - 1e-12) hits++;
  };
  visit();
  for (let i = 1; i < k; ) {
    if (c[i] < i) {
      const j = i % 2 === 0 ? 0 : c[i];
      [perm[j], perm[i]] = [perm[i], perm[j]];
      visit();
      c[i]++;
      i = 1;
    } else {
      c[i] = 0;
      i++;
    }
  }
  return hits / total;
}
