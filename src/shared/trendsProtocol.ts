import type { FindingsChartId, FindingsTab, FindingsView, TopicsBy } from './findingsProtocol.js';

/**
 * Messages between the extension host and the Findings webview (compute trends, topics,
 * diffusion). The host owns the numbers
 * (filters, fits and shares come from `src/core/`, the same code as the CLI); the webview draws
 * them and keeps the filters in its state. Both sides switch over `type` exhaustively.
 */

/** Team sectors in the spec's order (duplicated from core as a type, so media/ needs no core). */
export type SectorName = 'Academia' | 'Industry' | 'Collaboration' | 'Other' | 'Unknown';

/** Choices of the decision filter (duplicated from core's DECISION_CHOICES as a type). */
export type DecisionName = 'include' | 'exclude' | 'maybe' | 'undecided';

/** The panel's filters, kept in webview state and restored with the panel. */
export interface TrendsFilters {
  /** Inclusive lower bound, `YYYY-MM-DD`. */
  since?: string;
  /** Exclusive upper bound, `YYYY-MM-DD`. */
  until?: string;
  /** Keep papers with any of these domains (empty: all). */
  domains: string[];
  /** Keep these team sectors (empty: all). */
  sectors: SectorName[];
  /** Keep papers whose notability criteria include any of these (empty: all). */
  notability: string[];
  /** Minimum training compute in FLOP. */
  minComputeFlop?: number;
  /** Case-insensitive substring of the model name. */
  text: string;
  /**
   * Keep papers with these screening decisions (from the label log; `undecided`: none). Empty or
   * absent (states saved before the filter existed): all.
   */
  decisions?: DecisionName[];
  /** Segment breaks, `YYYY-MM-DD`, ascending (default 2010-01-01, 2015-09-01). */
  breaks: string[];
  /** k of the top-k share chart (default 10). */
  topK: number;
  /** Which models the shares chart calls large-scale (absent: `top-k`). */
  largeScale?: LargeScaleName;
  /** FLOP of the `threshold` definition (absent: 1e23). */
  largeScaleFlop?: number;
  /** z of the `residual` definition (absent: 1). */
  largeScaleZ?: number;
  /** Frontier fits beside the all-model fits (absent: `off`). */
  frontier?: FrontierName;
  /** Count academia-leaning collaborations as Academia and industry-leaning ones as Industry. */
  byLeaning?: boolean;
}

/** Definitions of "large-scale" for the shares chart (core's LARGE_SCALE_DEFINITIONS). */
export type LargeScaleName = 'top-k' | 'threshold' | 'residual';

/** Frontier fits: off, each year's top-k, each sector's top-k, or Epoch's flag (core's FRONTIER_DEFINITIONS). */
export type FrontierName = 'off' | 'top-k' | 'sector-top-k' | 'flag';

/** The filters a preset sets (from core's presetFilter, sent by the host so both agree). */
export interface PresetFilters {
  since?: string;
  notability?: string[];
  minComputeFlop?: number;
}

/** A preset of the filter bar: its id, its name in the panel and the filters it sets. */
export interface TrendsPreset {
  id: string;
  title: string;
  filters: PresetFilters;
}

/** One plotted model: x in decimal years, y = log10(training compute in FLOP). */
export interface TrendsPoint {
  id: string;
  name: string;
  date: string;
  x: number;
  y: number;
  computeFlop: number;
  sector: SectorName;
  organizations: string;
}

/** One fit, as the CLI's `trends` JSON (../shared/spec/cli.md). */
export interface TrendsFit {
  sector: 'All' | SectorName;
  segment: { from: string | null; to: string | null };
  n: number;
  slope_oom_per_year: number;
  intercept: number;
  r2: number | null;
  doubling_time_months: number | null;
  slope_ci95: [number, number];
  /** The x range (decimal years) of the fitted points, for drawing the line over its data only. */
  xMin: number;
  xMax: number;
}

/** Share of a year's top-k models by sector, as the CLI's `shares` JSON. */
export interface TrendsShareYear {
  year: number;
  n: number;
  Academia: number;
  Industry: number;
  Collaboration: number;
  Other: number;
  Unknown: number;
}

/**
 * Models per publication year by sector (chart 3): every row with a publication date that passes
 * the filters, with or without training compute.
 */
export interface TrendsCountYear {
  year: number;
  Academia: number;
  Industry: number;
  Collaboration: number;
  Other: number;
  Unknown: number;
  /** Of those, per sector, the models with a training compute (the points of charts 1 and 2). */
  withCompute: Record<SectorName, number>;
}

/**
 * A calendar year that the panel's numbers cover only in part: the dataset's latest publication
 * date falls before 31 December of it, or the date filter starts or ends inside it. Dates are
 * inclusive, `YYYY-MM-DD`.
 */
export interface TrendsPartialYear {
  year: number;
  /** First day of the year that is covered (1 January unless `since` falls inside the year). */
  from: string;
  /** Last day covered: the dataset's latest publication date, or the day before `until`. */
  through: string;
}

/**
 * One choice of a multi-select filter (a domain, a notability criterion). `count` is filter-aware:
 * the rows that match every other active filter and carry this value (what ticking it would
 * keep); `total` counts every row of the dataset that carries it. Both count rows, with or
 * without publication date or training compute.
 */
export interface TrendsOption {
  value: string;
  count: number;
  total: number;
}

/** Everything the panel draws for one dataset and one set of filters. */
export interface TrendsView {
  datasetName: string;
  /** Rows in the dataset, and rows that are points (date and compute) before filtering. */
  totalRows: number;
  totalPoints: number;
  filters: TrendsFilters;
  points: TrendsPoint[];
  fits: TrendsFit[];
  /** Fits over the frontier models (same shape as `fits`); absent when the frontier is off. */
  frontierFits?: TrendsFit[];
  /** How many points make the frontier (absent when off). */
  frontierPoints?: number;
  /** Whether the table has Epoch's `Frontier model` column (the flag choice needs it). */
  hasFrontierColumn?: boolean;
  /** `top` is k of the top-k definition; `definition` and its parameter say which models count. */
  shares: { top: number; years: TrendsShareYear[]; definition?: LargeScaleName; thresholdFlop?: number; z?: number };
  counts: TrendsCountYear[];
  /** Years covered only in part (ascending), for marking their bars in charts 2 and 3. */
  partialYears: TrendsPartialYear[];
  /** Values the data actually has, with counts, for the filter controls. */
  options: {
    /** Every domain of the dataset, most frequent (by `total`) first. */
    domains: TrendsOption[];
    /** Every notability criterion of the dataset, most frequent (by `total`) first. */
    notability: TrendsOption[];
    /** Earliest and latest publication date of the whole dataset (unfiltered), ISO. */
    dateRange: { min: string; max: string } | null;
    /** The presets of the filter bar (absent in older hosts: no preset control). */
    presets?: TrendsPreset[];
  };
}

/** Which chart an export concerns. */
export type ChartId = 'compute' | 'shares' | 'counts';

/** Any chart of the panel that exports: the three trends charts and the two findings charts. */
export type ExportChartId = ChartId | FindingsChartId;

export type TrendsToWebview =
  | { type: 'data'; view: TrendsView }
  /**
   * A `data` message whose view is UTF-8 JSON (as the host's analysis worker makes it for large
   * tables: bytes travel without being serialised again), in trendsWire.ts's form: its points as
   * columns, or by reference to the last list of points a `dataJson` carried whole (the webview
   * keeps that one; `pointsMissing` when it does not have it). `gzip`: the bytes are gzip (large
   * ones are: they reach the webview several times faster).
   */
  | { type: 'dataJson'; json: Uint8Array; gzip?: boolean }
  /** The topics and diffusion numbers for the same filters (sent after `data`, and on a label change). */
  | { type: 'findings'; view: FindingsView }
  | { type: 'empty'; message: string }
  /** Bring a tab forward (the "Show Findings" command with a tab). */
  | { type: 'showTab'; tab: FindingsTab }
  /**
   * Ask the webview for a chart as SVG or PNG in the light, print-ready style; answered by one
   * `exported` echoing `requestId` (src/shared/requestResponse.ts).
   */
  | { type: 'requestExport'; requestId: number; chart: ExportChartId; format: 'svg' | 'png' };

export type TrendsToHost =
  | { type: 'ready'; filters?: TrendsFilters; tab?: FindingsTab; topicsBy?: TopicsBy }
  | { type: 'setFilters'; filters: TrendsFilters }
  | { type: 'revealPaper'; id: string }
  /** The user asked for an export; the host answers with requestExport for images, or writes CSV itself. */
  | { type: 'export'; chart: ExportChartId; format: 'svg' | 'png' | 'csv' }
  /** The tab on show changed (kept by the host for a restored panel). */
  | { type: 'setTab'; tab: FindingsTab }
  /** The Topics tab's Domain / Task switch. */
  | { type: 'setTopicsBy'; by: TopicsBy }
  /** Show a topic in the Papers tree. */
  | { type: 'revealTopic'; topic: string; by: TopicsBy }
  /** Label an unmatched base model's team sector and open weights (labels.md, `model` target). */
  | { type: 'labelBaseModel'; name: string }
  /** The panel's "Export Findings Report…" button: the report of the three findings with the panel's filters. */
  | { type: 'exportReport' }
  | { type: 'exportFitsCsv' }
  | { type: 'copyFitsMarkdown' }
  /**
   * The webview's answer to requestExport (the same `requestId`): SVG text or a PNG as a data URL,
   * or, when the chart could not be drawn, `error` (and an empty `content`).
   */
  | { type: 'exported'; requestId: number; chart: ExportChartId; format: 'svg' | 'png'; content: string; error?: string }
  /** Drawing finished (ms from data message to drawn), for the benchmark and tests. */
  | { type: 'rendered'; ms: number; points: number }
  /** A `dataJson` referred to a list of points this webview does not keep (trendsWire.ts): the host sends every point again. */
  | { type: 'pointsMissing' };

/**
 * Where the charts' shared time axis starts, a view setting of the webview (the numbers do not
 * change): `deep-learning` starts it on 1 January 2010, the start of the deep-learning era after
 * Sevilla et al. 2022 (the spec's first default break), when the data reaches past it; `all`
 * shows every year the dataset and the date filter cover. What the axis leaves out is stated in
 * the panel and in exports.
 */
export type TimeAxis = 'deep-learning' | 'all';

/** What the webview keeps with setState (restored after a reload). */
export interface TrendsState {
  filters: TrendsFilters;
  /** Absent in states saved before the setting existed: the default, `deep-learning`. */
  timeAxis?: TimeAxis;
  /** The tab on show (absent: Compute trends). */
  tab?: FindingsTab;
  /** The Topics tab's switch (absent: Domain). */
  topicsBy?: TopicsBy;
}

export const DEFAULT_TRENDS_FILTERS: TrendsFilters = {
  domains: [],
  sectors: [],
  notability: [],
  text: '',
  breaks: ['2010-01-01', '2015-09-01'],
  topK: 10,
};
