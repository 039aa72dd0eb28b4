import { diffusion, type DiffusionCounts, type DiffusionResult } from '../core/analyses/diffusion';
import { windowRows } from '../core/analyses/common';
import { foldTopic } from '../core/analyses/fold';
import { NO_TOPIC, topics, type TimeViewCell, type TopicsResult } from '../core/analyses/topics';
import type { Dataset, Paper } from '../core/dataset/model';
import type { ModelLabel } from '../core/analyses/baseModels';
import { DIFFUSION_SERIES, TOPIC_MODEL_LIMIT, type DiffusionCell, type DiffusionSeries, type DiffusionView, type FindingsView, type TopicModel, type TopicRow, type TopicsBy, type TopicsView, type TopicTimeCell, type TopicTimeRow } from '../shared/findingsProtocol';
import type { TrendsFilters } from '../shared/trendsProtocol';
import { trendFilter } from './trendsViewModel';

/**
 * The numbers of the Findings panel's Topics and diffusion tabs for a dataset (labels applied)
 * and the panel's filters, computed by the core analyses (`topics`, `diffusion`, the CLI's code)
 * with analyses.md's defaults, and shaped for drawing: the scatter's points with their models,
 * the shares per year and period with their counts, the unmatched base-model names, and the
 * sentences the tabs show. Pure: no vscode, no I/O.
 *
 * @throws RangeError for an impossible date in the filters (the webview refuses them first)
 */
export function buildFindingsView(dataset: Dataset & { modelLabels?: ReadonlyMap<string, ModelLabel> }, filters: TrendsFilters, by: TopicsBy): FindingsView {
  return { topics: buildTopicsView(dataset, filters, by), diffusion: buildDiffusionView(dataset, filters) };
}

/** The Topics tab: `topics(dataset, {by, filter})` with its members for the hover lists. */
export function buildTopicsView(dataset: Dataset, filters: TrendsFilters, by: TopicsBy): TopicsView {
  const filter = trendFilter(filters);
  const result = topics(dataset, { by, filter });
  if (!result.available || !result.overall || !result.correlation) {
    return {
      by,
      available: false,
      message: result.message ?? 'The topic analysis is not available for this table.',
      notes: result.notes,
      rowsInWindow: 0,
      topQuantile: result.top_quantile.q,
      thresholdLog10Flop: null,
      overall: { n: 0, academia: 0, share: null, topN: 0, topAcademia: 0, topShare: null },
      topics: [],
      correlation: { k: 0, minModels: result.parameters.min_models, rho: null, pValue: null, pExact: null, note: null, caution: '' },
      sentence: '',
      caption: '',
      timeView: { periods: [], rows: [] },
    };
  }
  const members = topicMembers(windowRows(dataset.papers, filter).rows, by);
  const entering = new Set(result.correlation.topics);
  const treeTopics = by === 'domain' ? new Set(dataset.papers.map((p) => topicKey(p.domains[0] ?? ''))) : new Set<string>();
  const rows: TopicRow[] = result.topics.map((t) => {
    const key = t.topic === NO_TOPIC[by] ? NONE : t.topic.toLowerCase();
    const papers = members.get(key) ?? [];
    const models = topByCompute(papers, TOPIC_MODEL_LIMIT).map((p): TopicModel => ({ id: p.id, name: p.name || p.id, sector: p.teamSector }));
    return {
      topic: t.topic,
      nModels: t.n_models,
      nWithCompute: t.n_with_compute,
      medianLog10Flop: t.median_log10_flop,
      academiaShare: t.shares.Academia,
      topN: t.top_quantile.n,
      topAcademia: t.top_quantile.sector_counts.Academia,
      inCorrelation: entering.has(t.topic),
      models,
      modelCount: papers.length,
      inTree: key === NONE ? by === 'domain' : treeTopics.has(key),
    };
  });
  const overall = result.overall;
  const view: TopicsView = {
    by,
    available: true,
    notes: result.notes,
    rowsInWindow: result.rows_in_window ?? 0,
    topQuantile: result.top_quantile.q,
    thresholdLog10Flop: result.top_quantile.threshold_log10_flop,
    overall: {
      n: overall.n_models,
      academia: overall.sector_counts.Academia,
      share: overall.shares.Academia,
      topN: overall.top_quantile.n,
      topAcademia: overall.top_quantile.sector_counts.Academia,
      topShare: overall.top_quantile.shares.Academia,
    },
    topics: rows,
    correlation: {
      k: result.correlation.n_topics,
      minModels: result.parameters.min_models,
      rho: result.correlation.spearman_rho,
      pValue: result.correlation.p_value,
      pExact: result.correlation.p_exact,
      note: result.correlation.note,
      caution: result.correlation.caution,
    },
    sentence: '',
    caption: '',
    timeView: timeViewOf(result, entering),
  };
  view.sentence = topicsSentence(view);
  view.caption = topicsCaption(view, result);
  return view;
}

const NONE = '\u0000none';

/** Keys of the parts seen so far (a table repeats a few spellings over many rows; folding is pure). */
const topicKeys = new Map<string, string>();

/** The core's time view, all rows first, then the topics in the core's order. */
function timeViewOf(result: TopicsResult, entering: ReadonlySet<string>): TopicsView['timeView'] {
  const time = result.time_view;
  if (!time) return { periods: [], rows: [] };
  const cells = (list: readonly TimeViewCell[]): TopicTimeCell[] => list.map((c) => ({ period: c.period, n: c.n, nAcademia: c.n_academia, share: c.academia_share }));
  return {
    periods: [...time.periods],
    rows: [{ topic: null, inCorrelation: false, cells: cells(time.all_rows) }, ...result.topics.map((t): TopicTimeRow => ({ topic: t.topic, inCorrelation: entering.has(t.topic), cells: cells(time.topics[t.topic]) }))],
  };
}

/** A domain or task part as the topic analysis groups it (folded, case-insensitive). */
function topicKey(part: string): string {
  let key = topicKeys.get(part);
  if (key === undefined) {
    const folded = foldTopic(part);
    key = folded === '' ? NONE : folded.toLowerCase();
    if (topicKeys.size > 100_000) topicKeys.clear();
    topicKeys.set(part, key);
  }
  return key;
}

/** The window's rows under each topic key, as `topics` groups them. */
function topicMembers(rows: readonly Paper[], by: TopicsBy): Map<string, Paper[]> {
  const members = new Map<string, Paper[]>();
  for (const paper of rows) {
    const keys = new Set((by === 'domain' ? paper.domains : paper.tasks).map(topicKey).filter((k) => k !== NONE));
    if (keys.size === 0) keys.add(NONE);
    for (const key of keys) {
      let list = members.get(key);
      if (!list) members.set(key, (list = []));
      list.push(paper);
    }
  }
  return members;
}

/** `localeCompare` without arguments, i.e. the default collator, made once. */
const collator = new Intl.Collator();

/** Most training compute first, then rows without compute by name. */
function byCompute(a: Paper, b: Paper): number {
  return (b.trainingComputeFlop ?? -1) - (a.trainingComputeFlop ?? -1) || collator.compare(a.name, b.name);
}

/**
 * The first `limit` of `papers` in `byCompute` order, ties in their given order: the same as a
 * stable sort then a slice, without sorting a topic's tens of thousands of rows (issue #9).
 */
function topByCompute(papers: readonly Paper[], limit: number): Paper[] {
  const top: Paper[] = [];
  for (const paper of papers) {
    if (top.length === limit && byCompute(paper, top[limit - 1]) >= 0) continue;
    // After every kept paper that is not after it (stable), before the first that is.
    let lo = 0;
    let hi = top.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (byCompute(paper, top[mid]) < 0) hi = mid;
      else lo = mid + 1;
    }
    top.splice(lo, 0, paper);
    if (top.length > limit) top.pop();
  }
  return top;
}

/** `19%`, or `—` for a share with a zero denominator. */
export function percent(share: number | null): string {
  return share === null ? '—' : `${Math.round(100 * share)}%`;
}

/** A signed number with a true minus sign. */
function signed(value: number, decimals: number): string {
  const text = value.toFixed(decimals);
  return text.startsWith('-') ? `−${text.slice(1)}` : text;
}

/** A p-value: two significant digits, or `< 0.001`. */
export function formatP(p: number): string {
  if (p === 0) return '0';
  if (p < 0.001) return '< 0.001';
  return String(Number(p.toPrecision(2)));
}

function quantileName(q: number): string {
  if (q === 0.75) return 'top quartile';
  if (q === 0.9) return 'top decile';
  return `top ${Math.round(100 * (1 - q))}%`;
}

/** The one sentence about the threshold and the academic-only shares (issue #12). */
function topicsSentence(view: TopicsView): string {
  const o = view.overall;
  if (view.thresholdLog10Flop === null) return `No model in the window has a training compute, so there is no ${quantileName(view.topQuantile)}.`;
  return (
    `The ${quantileName(view.topQuantile)} of training compute starts at 10^${view.thresholdLog10Flop.toFixed(2)} FLOP: ` +
    `academic-only teams built ${percent(o.share)} of all ${o.n.toLocaleString('en-US')} models in the window (${o.academia.toLocaleString('en-US')}) ` +
    `but ${percent(o.topShare)} of the ${o.topN.toLocaleString('en-US')} models in the ${quantileName(view.topQuantile)} (${o.topAcademia.toLocaleString('en-US')}).`
  );
}

/** The scatter's caption: Spearman's rho with k and p, and the caution next to p. */
function topicsCaption(view: TopicsView, result: TopicsResult): string {
  const c = view.correlation;
  const what = result.by === 'domain' ? 'domains' : 'tasks';
  const entering = `${c.k} ${c.k === 1 ? what.slice(0, -1) : what} with at least ${c.minModels} models and some training compute`;
  if (c.rho === null) return `Spearman's rank correlation cannot be computed over ${entering}: ${c.note ?? 'too few topics'}.`;
  const p = c.pValue === null ? '' : `, p = ${formatP(c.pValue)} (t-approximation, two-sided)`;
  const exact = c.pExact === null ? '' : `; exact permutation p = ${formatP(c.pExact)}`;
  return `Spearman's ρ = ${signed(c.rho, 2)} between median training compute and academic-only share, k = ${c.k} (${entering})${p}${exact}. ${c.caution}`;
}

/** The diffusion tab: `diffusion(dataset, {filter})`, Academia and Collaboration. */
export function buildDiffusionView(dataset: Dataset & { modelLabels?: ReadonlyMap<string, ModelLabel> }, filters: TrendsFilters): DiffusionView {
  const result = diffusion(dataset, { filter: trendFilter(filters) });
  if (!result.available || !result.groups || !result.base_model_links) {
    return {
      available: false,
      message: result.message ?? 'The diffusion analysis is not available for this table.',
      notes: result.notes,
      rowsInWindow: 0,
      hasOpenWeights: false,
      years: [],
      periods: [],
      totals: [],
      links: { links: 0, unmatched: 0, unmatchedDistinct: 0, labelled: 0 },
      unmatched: [],
      caption: '',
    };
  }
  const groups = result.groups;
  const firstYear = firstYearWithBase(result);
  const years: DiffusionCell[] = [];
  const allYears = [...new Set(DIFFUSION_SERIES.flatMap((g) => groups[g].years.map((y) => y.year)))].filter((y) => firstYear !== null && y >= firstYear).sort((a, b) => a - b);
  for (const year of allYears)
    for (const group of DIFFUSION_SERIES) {
      const row = groups[group].years.find((y) => y.year === year);
      if (row) years.push(cell(group, String(year), year, row));
    }
  const periods = DIFFUSION_SERIES.flatMap((group) => groups[group].periods.map((p, i) => cell(group, p.period, i, p))).sort((a, b) => a.order - b.order);
  const totals = DIFFUSION_SERIES.map((group) => cell(group, 'All years', 0, groups[group].total));
  const links = result.base_model_links;
  const hasOpenWeights = totals.every((t) => t.nBaseIndustryOpen !== null);
  const view: DiffusionView = {
    available: true,
    notes: result.notes,
    rowsInWindow: result.rows_in_window ?? 0,
    hasOpenWeights,
    years,
    periods,
    totals,
    links: { links: links.links, unmatched: links.unmatched, unmatchedDistinct: links.unmatched_distinct, labelled: links.labelled },
    unmatched: result.unmatched_base_names.map((u) => ({ name: u.name, count: u.count, sectors: { ...u.sectors }, ...(u.label ? { label: u.label } : {}) })),
    caption: '',
  };
  view.caption = diffusionCaption(view, firstYear);
  return view;
}

function cell(group: DiffusionSeries, label: string, order: number, counts: DiffusionCounts): DiffusionCell {
  return {
    group,
    label,
    order,
    nModels: counts.n_models,
    nWithBase: counts.n_with_base,
    nBaseIndustry: counts.n_base_industry,
    nBaseIndustryOpen: counts.n_base_industry_open,
    share: counts.share_models_on_industry_open_base,
  };
}

/** The first publication year in which an academic or collaboration model has a base-model cell. */
function firstYearWithBase(result: DiffusionResult): number | null {
  let first: number | null = null;
  for (const group of DIFFUSION_SERIES)
    for (const y of result.groups![group].years) if (y.n_with_base > 0 && (first === null || y.year < first)) first = y.year;
  return first;
}

function diffusionCaption(view: DiffusionView, firstYear: number | null): string {
  const [academia, collaboration] = view.totals;
  const open = view.hasOpenWeights ? 'an industry model with open weights' : 'an industry model (open weights unknown: the table has no accessibility column)';
  const counted = (t: DiffusionCell): string => `${t.group} ${view.hasOpenWeights ? t.nBaseIndustryOpen : t.nBaseIndustry} of ${t.nModels.toLocaleString('en-US')}`;
  const since = firstYear === null ? 'No academic or collaboration model in the window names a base model.' : `Years from ${firstYear}, the first in which an academic or collaboration model names a base model.`;
  const unmatched =
    view.links.unmatched > 0
      ? ` ${view.links.unmatched} of ${view.links.links} base-model links (${view.links.unmatchedDistinct} names) match no row of the table and count as no parent until labelled (list below).`
      : '';
  return `Share of the models of each team sector whose base model is ${open}, per publication year; each bar is labelled with the models on such a base and the sector's models that year. In all: ${counted(academia)}, ${counted(collaboration)}. ${since}${unmatched}`;
}
