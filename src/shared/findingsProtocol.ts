/**
 * The numbers of the Findings panel's two other tabs (the paper's second and third findings,
 * `../shared/spec/analyses.md`): topics and diffusion, shaped by the host
 * (`src/host/findingsViewModel.ts`, from `src/core/analyses/`) so the webview only draws and
 * formats them. Imported by the host and by `media/trends/`.
 */
import type { SectorName } from './trendsProtocol.js';

/** The tabs of the Findings panel, in their order. */
export const FINDINGS_TABS = ['trends', 'topics', 'diffusion'] as const;
export type FindingsTab = (typeof FINDINGS_TABS)[number];

/** The tabs' names as the panel shows them. */
export const FINDINGS_TAB_TITLES: Readonly<Record<FindingsTab, string>> = {
  trends: 'Compute trends',
  topics: 'Topics',
  diffusion: "Building on industry's models",
};

export function isFindingsTab(value: unknown): value is FindingsTab {
  return typeof value === 'string' && (FINDINGS_TABS as readonly string[]).includes(value);
}

/** Which cell gives the topics (analyses.md, "topics"). */
export type TopicsBy = 'domain' | 'task';

/** One model of a topic, for the hover list. */
export interface TopicModel {
  id: string;
  name: string;
  sector: SectorName;
}

/** One topic: a row of the table and, when it has compute, a point of the scatter. */
export interface TopicRow {
  topic: string;
  nModels: number;
  nWithCompute: number;
  /** Median of log10 training compute (FLOP); null without compute (not drawn). */
  medianLog10Flop: number | null;
  /** Academic-only share over all the topic's rows (Unknown included); null for no rows. */
  academiaShare: number | null;
  /** Rows of the topic at or above the top-quantile threshold, and the academic-only among them. */
  topN: number;
  topAcademia: number;
  /** The topic enters the correlation (≥ min models, some compute, not `(no …)`). */
  inCorrelation: boolean;
  /** The topic's models, most training compute first (at most `TOPIC_MODEL_LIMIT`). */
  models: TopicModel[];
  /** All the topic's models (the list may be cut). */
  modelCount: number;
  /** The topic has a node in the Papers tree (a first domain of some row): a click can reveal it. */
  inTree: boolean;
}

/** The topic analysis, shaped for the Topics tab. */
export interface TopicsView {
  by: TopicsBy;
  available: boolean;
  /** Why not available (one sentence), or notes. */
  message?: string;
  notes: string[];
  rowsInWindow: number;
  topQuantile: number;
  /** The threshold in log10 FLOP; null without compute. */
  thresholdLog10Flop: number | null;
  overall: { n: number; academia: number; share: number | null; topN: number; topAcademia: number; topShare: number | null };
  /** All topics (the table), in the core's order: n_models descending, then name, `(no …)` last. */
  topics: TopicRow[];
  correlation: { k: number; minModels: number; rho: number | null; pValue: number | null; pExact: number | null; note: string | null; caution: string };
  /** The one sentence about the threshold and the academic-only shares (written by the host). */
  sentence: string;
  /** The scatter's caption (rho, k, p and the caution), written by the host. */
  caption: string;
  /**
   * The time view (analyses.md, "Time view"): the periods, then one row for all the window's
   * distinct rows (`topic` null) and one per topic, in the order of `topics`.
   */
  timeView: { periods: string[]; rows: TopicTimeRow[] };
}

/** One topic (or, with `topic` null, all rows) across the periods of the time view. */
export interface TopicTimeRow {
  topic: string | null;
  /** The topic enters the correlation (the small multiples draw those, at most `TIME_VIEW_LIMIT`). */
  inCorrelation: boolean;
  cells: TopicTimeCell[];
}

/** Rows of a topic in one period, the academic-only among them and their share (null for none). */
export interface TopicTimeCell {
  period: string;
  n: number;
  nAcademia: number;
  share: number | null;
}

/** At most this many topics get a small multiple of the time view (the most models first); the CSV has all. */
export const TIME_VIEW_LIMIT = 16;

/** The diffusion groups the tab draws (analyses.md: the finding is about academia). */
export const DIFFUSION_SERIES = ['Academia', 'Collaboration'] as const;
export type DiffusionSeries = (typeof DIFFUSION_SERIES)[number];

/** One group in one year or period. */
export interface DiffusionCell {
  group: DiffusionSeries;
  /** `2023` or `2019-2022`. */
  label: string;
  /** Year (for years), or the period's index (for periods), to order the bars. */
  order: number;
  nModels: number;
  nWithBase: number;
  nBaseIndustry: number;
  /** Null when the table says nothing about open weights. */
  nBaseIndustryOpen: number | null;
  share: number | null;
}

/** A base-model name that matches no row, with the researcher's label if any. */
export interface UnmatchedBase {
  name: string;
  count: number;
  sectors: Record<SectorName, number>;
  label?: { teamSector: string | null; openWeights: string | null };
}

/** The diffusion analysis, shaped for the third tab. */
export interface DiffusionView {
  available: boolean;
  message?: string;
  notes: string[];
  rowsInWindow: number;
  /** Whether open weights are known (the table has an accessibility column). */
  hasOpenWeights: boolean;
  /** Years with models of either series, ascending, both series per year. */
  years: DiffusionCell[];
  /** The periods (analyses.md defaults), both series per period. */
  periods: DiffusionCell[];
  totals: DiffusionCell[];
  links: { links: number; unmatched: number; unmatchedDistinct: number; labelled: number };
  unmatched: UnmatchedBase[];
  /** The chart's caption, written by the host. */
  caption: string;
}

/** Everything the two findings tabs draw. */
export interface FindingsView {
  topics: TopicsView;
  diffusion: DiffusionView;
}

/** Charts of the findings tabs that export: the topics scatter, the topics' time view, the diffusion bars. */
export type FindingsChartId = 'topics' | 'topicsTime' | 'diffusion';

export function isFindingsChart(chart: string): chart is FindingsChartId {
  return chart === 'topics' || chart === 'topicsTime' || chart === 'diffusion';
}

/** At most this many models per topic go to the webview for the hover list. */
export const TOPIC_MODEL_LIMIT = 12;
