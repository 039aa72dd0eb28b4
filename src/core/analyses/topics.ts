/**
 * The topic analysis of `../shared/spec/analyses.md` ("topics"): are academic-only teams
 * under-represented in compute-intensive topics? Per topic (a part of the `Domain` or `Task`
 * cell): models, training compute, team sectors, the top-quantile rows, a time view and
 * Spearman's rho across topics between median training compute and the academic-only share.
 */
import type { TrendFilter } from '../dataset/filters';
import { TEAM_SECTORS, type Dataset, type Paper } from '../dataset/model';
import {
  DEFAULT_PERIODS,
  inPeriod,
  missingColumns,
  parsePeriods,
  share,
  sharesOf,
  unavailableMessage,
  windowRows,
  zeroCounts,
  type KnownSectorShares,
  type Period,
  type SectorCounts,
  type SectorShares,
} from './common';
import { foldTopic } from './fold';
import { median, quantile, spearman } from '../stats/rankStats';

/** The parameters of the topic analysis, each with the default of analyses.md. */
export interface TopicsParams {
  /** `domain` (default) or `task`: which cell gives the topics. */
  by?: 'domain' | 'task';
  /** The quantile q of log10 training compute for the top rows; default 0.75. */
  topQuantile?: number;
  /** Topics with fewer models are left out of the correlation; default 10. */
  minModels?: number;
  /** Periods of the time view; default `2010-2014,2015-2018,2019-2022,2023-`. */
  periods?: string | readonly Period[];
  /** The trends panel's filters; `since`/`until` are the window. */
  filter?: TrendFilter;
}

/** The rows of one topic (or of all rows) at or above the threshold. */
export interface TopQuantileStats {
  n: number;
  sector_counts: SectorCounts;
  shares: SectorShares;
}

/** The numbers of one topic, or of all the window's distinct rows (`overall`). */
export interface TopicNumbers {
  n_models: number;
  n_with_compute: number;
  /** Median of log10 training compute (FLOP) over the rows with compute; null without any. */
  median_log10_flop: number | null;
  sector_counts: SectorCounts;
  shares: SectorShares;
  shares_known_sector: KnownSectorShares;
  top_quantile: TopQuantileStats;
}

export interface TopicStats extends TopicNumbers {
  topic: string;
}

/** One topic (or all rows) in one period of the time view. */
export interface TimeViewCell {
  period: string;
  n: number;
  n_academia: number;
  academia_share: number | null;
}

export interface TopicsCorrelation {
  /** k: the topics that enter the correlation. */
  n_topics: number;
  spearman_rho: number | null;
  p_value: number | null;
  p_exact: number | null;
  /** The topics that enter, in the order of `topics`. */
  topics: string[];
  /** Why rho is null, else null. */
  note: string | null;
  /** The caution analyses.md asks for next to p. */
  caution: string;
}

export interface TopicsResult {
  available: boolean;
  missing_columns: string[];
  /** One sentence when not available. */
  message?: string;
  by: 'domain' | 'task';
  parameters: { since: string | null; until: string | null; top_quantile: number; min_models: number; periods: string[] };
  rows_in_window: number | null;
  rows_without_date: number | null;
  top_quantile: { q: number; threshold_log10_flop: number | null; n: number | null };
  overall: TopicNumbers | null;
  /** By `n_models` descending, then name (code-point order); `(no …)` last. */
  topics: TopicStats[];
  time_view: { periods: string[]; topics: Record<string, TimeViewCell[]>; all_rows: TimeViewCell[] } | null;
  correlation: TopicsCorrelation | null;
  notes: string[];
}

/** The group of rows without a topic. */
export const NO_TOPIC = { domain: '(no domain)', task: '(no task)' } as const;

const CAUTION = 'With so few topics the p-value is fragile: one topic more or less, or another definition of a topic, can change it a lot.';

/**
 * The topic analysis of analyses.md on a loaded dataset (labels already applied by the caller:
 * each paper's `teamSector` is used as it is). Topics are the parts of each row's `Domain` (or
 * `Task`) cell, folded (`foldTopic`) and grouped case-insensitively, shown in their most frequent
 * spelling among the window's rows (ties: first in file order); a row counts once per distinct
 * topic, rows without one under `(no domain)`/`(no task)`. Window and filters as `windowRows`.
 * Training compute enters as log10 FLOP; the threshold is the `topQuantile` quantile (type 7) over
 * the window's distinct rows with compute, and a row is in the top quantile when its log10 compute
 * is ≥ it. The correlation takes the topics other than `(no …)` with ≥ `minModels` models and some
 * compute (Spearman, `spearman`). A table without the topic column, `Publication date` or
 * `Organization categorization` gives `available: false`, `missing_columns`, a message, and null
 * numbers. Pure; O(rows × topics per row + topics log topics).
 *
 * @throws RangeError for a bad parameter: q outside [0, 1], minModels not a whole number ≥ 1, a
 *   bad period list or window date
 */
export function topics(dataset: Dataset, params: TopicsParams = {}): TopicsResult {
  const by = params.by ?? 'domain';
  const q = params.topQuantile ?? 0.75;
  const minModels = params.minModels ?? 10;
  if (!(q >= 0 && q <= 1)) throw new RangeError(`the top quantile must be between 0 and 1, got ${q}`);
  if (!Number.isInteger(minModels) || minModels < 1) throw new RangeError(`the minimum number of models must be a whole number ≥ 1, got ${minModels}`);
  const periods = typeof params.periods === 'string' || params.periods === undefined ? parsePeriods(params.periods ?? DEFAULT_PERIODS) : params.periods;
  const filter = params.filter ?? {};
  const parameters = { since: filter.since ?? null, until: filter.until ?? null, top_quantile: q, min_models: minModels, periods: periods.map((p) => p.label) };
  const missing = missingColumns(dataset, [by === 'domain' ? 'domains' : 'tasks', 'publicationDate', 'categories']);
  if (missing.length > 0) {
    windowRows([], filter); // a bad date is still an error
    return {
      available: false,
      missing_columns: missing,
      message: unavailableMessage('topic', missing),
      by,
      parameters,
      rows_in_window: null,
      rows_without_date: null,
      top_quantile: { q, threshold_log10_flop: null, n: null },
      overall: null,
      topics: [],
      time_view: null,
      correlation: null,
      notes: [],
    };
  }
  const { rows, rowsWithoutDate } = windowRows(dataset.papers, filter);
  const log10 = rows.map((p) => (p.trainingComputeFlop !== undefined && p.trainingComputeFlop > 0 ? Math.log10(p.trainingComputeFlop) : undefined));
  const threshold = quantile(log10.filter((v): v is number => v !== undefined), q);
  const noTopic = NO_TOPIC[by];

  // Topic keys per row, and the spellings of each key in file order. A table repeats few distinct
  // cells many times: each distinct part is folded once, and its occurrences are counted, to be
  // turned into spellings after the pass (no set or lower-casing per row; issue #9 at 100,000 rows).
  const spellings = new Map<string, Map<string, number>>();
  const members = new Map<string, number[]>();
  const partInfo = new Map<string, { folded: string; key: string } | null>();
  const partCounts = new Map<string, number>();
  const addMember = (key: string, i: number): void => {
    let list = members.get(key);
    if (!list) members.set(key, (list = []));
    list.push(i);
  };
  rows.forEach((paper, i) => {
    let first: string | undefined;
    let keys: Set<string> | undefined;
    for (const part of by === 'domain' ? paper.domains : paper.tasks) {
      let info = partInfo.get(part);
      if (info === undefined) {
        const folded = foldTopic(part);
        partInfo.set(part, (info = folded === '' ? null : { folded, key: folded.toLowerCase() }));
      }
      if (info === null) continue;
      partCounts.set(part, (partCounts.get(part) ?? 0) + 1);
      if (first === undefined) first = info.key;
      else if (info.key !== first) (keys ??= new Set([first])).add(info.key);
    }
    if (keys) for (const key of keys) addMember(key, i);
    else addMember(first ?? '\u0000none', i);
  });
  for (const [part, count] of partCounts) {
    const { folded, key } = partInfo.get(part)!;
    let spelled = spellings.get(key);
    if (!spelled) spellings.set(key, (spelled = new Map<string, number>()));
    spelled.set(folded, (spelled.get(folded) ?? 0) + count);
  }
  const nameOf = (key: string): string => {
    if (key === '\u0000none') return noTopic;
    let best = '';
    let bestCount = 0;
    for (const [spelling, count] of spellings.get(key)!) if (count > bestCount) [best, bestCount] = [spelling, count];
    return best;
  };

  const numbers = (indices: readonly number[]): TopicNumbers => numbersOf(indices, rows, log10, threshold);
  const all = rows.map((_, i) => i);
  const list: TopicStats[] = [...members].map(([key, indices]) => ({ topic: nameOf(key), ...numbers(indices) }));
  list.sort((a, b) => {
    const aNone = a.topic === noTopic ? 1 : 0;
    const bNone = b.topic === noTopic ? 1 : 0;
    return aNone - bNone || b.n_models - a.n_models || (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0);
  });
  const indicesOf = new Map(list.map((t) => [t.topic, members.get(t.topic === noTopic ? '\u0000none' : t.topic.toLowerCase())!]));

  // The periods each row's publication year falls in (periods may overlap), worked out once per row.
  // (Years are few: the periods of each year are worked out once and shared by its rows.)
  const periodsOfYear = new Map<number, number[]>();
  const periodsOf = rows.map((paper) => {
    const year = Number(paper.publicationDate!.slice(0, 4));
    let hits = periodsOfYear.get(year);
    if (!hits) {
      hits = [];
      for (let p = 0; p < periods.length; p++) if (inPeriod(year, periods[p])) hits.push(p);
      periodsOfYear.set(year, hits);
    }
    return hits;
  });
  const academic = Uint8Array.from(rows, (paper) => (paper.teamSector === 'Academia' ? 1 : 0));
  const timeCells = (indices: readonly number[]): TimeViewCell[] => {
    const n = periods.map(() => 0);
    const academia = periods.map(() => 0);
    for (const i of indices)
      for (const p of periodsOf[i]) {
        n[p]++;
        academia[p] += academic[i];
      }
    return periods.map((period, p) => ({ period: period.label, n: n[p], n_academia: academia[p], academia_share: share(academia[p], n[p]) }));
  };

  const entering = list.filter((t) => t.topic !== noTopic && t.n_models >= minModels && t.n_with_compute > 0);
  const rho = spearman(
    entering.map((t) => t.median_log10_flop!),
    entering.map((t) => t.shares.Academia!),
  );
  const overall = numbers(all);
  const notes: string[] = [];
  if (rows.length === 0) notes.push('No row is in the window: every number is empty.');
  if (rho.note) notes.push(rho.note);
  return {
    available: true,
    missing_columns: [],
    by,
    parameters,
    rows_in_window: rows.length,
    rows_without_date: rowsWithoutDate,
    top_quantile: { q, threshold_log10_flop: threshold, n: overall.top_quantile.n },
    overall,
    topics: list,
    time_view: {
      periods: periods.map((p) => p.label),
      topics: Object.fromEntries(list.map((t) => [t.topic, timeCells(indicesOf.get(t.topic)!)])),
      all_rows: timeCells(all),
    },
    correlation: { n_topics: rho.k, spearman_rho: rho.rho, p_value: rho.pValue, p_exact: rho.pExact, topics: entering.map((t) => t.topic), note: rho.note, caution: CAUTION },
    notes,
  };
}

function numbersOf(indices: readonly number[], rows: readonly Paper[], log10: readonly (number | undefined)[], threshold: number | null): TopicNumbers {
  const counts = zeroCounts();
  const top = zeroCounts();
  const computes: number[] = [];
  let topN = 0;
  for (const i of indices) {
    const sector = rows[i].teamSector;
    counts[sector]++;
    const y = log10[i];
    if (y === undefined) continue;
    computes.push(y);
    if (threshold !== null && y >= threshold) {
      topN++;
      top[sector]++;
    }
  }
  const { shares, shares_known_sector } = sharesOf(counts);
  const topShares = {} as SectorShares;
  for (const s of TEAM_SECTORS) topShares[s] = share(top[s], topN);
  return {
    n_models: indices.length,
    n_with_compute: computes.length,
    median_log10_flop: median(computes),
    sector_counts: counts,
    shares,
    shares_known_sector,
    top_quantile: { n: topN, sector_counts: top, shares: topShares },
  };
}
