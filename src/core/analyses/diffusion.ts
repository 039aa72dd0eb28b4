/**
 * The diffusion analysis of `../shared/spec/analyses.md` ("diffusion"): does academic research
 * increasingly build on open pre-trained models released by industry? Per team sector, year and
 * period: the models whose base model is an industry model with open weights.
 */
import type { TrendFilter } from '../dataset/filters';
import type { Dataset, TeamSector } from '../dataset/model';
import { BaseModelIndex, modelNameKey, type ModelLabel, type ParentLink } from './baseModels';
import { DEFAULT_PERIODS, inPeriod, missingColumns, parsePeriods, share, unavailableMessage, windowRows, zeroCounts, type Period, type SectorCounts } from './common';
import { hasAccessibilityColumn, opennessOf, type OpenMode } from './openWeights';

export interface DiffusionParams {
  /** `any` (default) or `unrestricted` (openWeights.ts). */
  open?: OpenMode;
  periods?: string | readonly Period[];
  filter?: TrendFilter;
  /** `model` labels by `modelNameKey`; default: the dataset's own `modelLabels` (applyLabels), if any. */
  modelLabels?: ReadonlyMap<string, ModelLabel>;
}

/** The counts of analyses.md for one group in one year, one period or in total. */
export interface DiffusionCounts {
  n_models: number;
  n_with_base: number;
  n_base_matched: number;
  n_base_industry: number;
  /** Null when the table has no accessibility column. */
  n_base_industry_open: number | null;
  share_models_on_industry_open_base: number | null;
  share_industry_of_matched: number | null;
}

export interface DiffusionGroup {
  years: ({ year: number } & DiffusionCounts)[];
  periods: ({ period: string } & DiffusionCounts)[];
  total: DiffusionCounts;
}

export const DIFFUSION_GROUPS = ['Academia', 'Collaboration', 'Industry', 'All'] as const;
export type DiffusionGroupName = (typeof DIFFUSION_GROUPS)[number];

export interface UnmatchedBaseName {
  name: string;
  /** Links to it from the window's rows. */
  count: number;
  /** The team sectors of the rows that reference it (a row counts once per link). */
  sectors: SectorCounts;
  /** The researcher's `model` label for it, when there is one (it then counts as a parent). */
  label?: { teamSector: string | null; openWeights: string | null };
}

export interface DiffusionResult {
  available: boolean;
  missing_columns: string[];
  message?: string;
  parameters: { open: OpenMode; since: string | null; until: string | null; periods: string[] };
  rows_in_window: number | null;
  rows_without_date: number | null;
  groups: Record<DiffusionGroupName, DiffusionGroup> | null;
  /** Over the window's rows: every name of every base-model cell, and those no row has. */
  base_model_links: { links: number; unmatched: number; unmatched_distinct: number; labelled: number } | null;
  /** Names no row has (labelled ones included, with their label); most referenced first, then name. */
  unmatched_base_names: UnmatchedBaseName[];
  /** Names that matched several rows (the first in file order was taken), with those rows' ids. */
  ambiguous_names: { name: string; rows: string[] }[];
  /** Over the whole table (any date): rows with a base-model cell / all rows. */
  base_column_coverage: { rows_with_base: number; rows: number; share: number | null } | null;
  notes: string[];
}

/** Below this share of rows with a base-model cell, zeros may mean "not recorded" (analyses.md). */
export const SPARSE_BASE_SHARE = 0.05;

interface RowFacts {
  year: number;
  sector: TeamSector;
  withBase: boolean;
  matched: boolean;
  industry: boolean;
  industryOpen: boolean;
}

/**
 * The diffusion analysis of analyses.md on a loaded dataset (labels applied by the caller; `model`
 * labels from `params.modelLabels` or the dataset's `modelLabels`). Parents are found among all
 * rows of the table (`BaseModelIndex`), their sector is the row's (labelled) team sector and their
 * openness `opennessOf(row, open)`; a name no row has but a `model` label names is a parent with
 * the label's sector and openness (`open` counts as open in both modes). Groups Academia,
 * Collaboration, Industry and All over the window's rows (`windowRows`), per publication year
 * (years with rows, ascending), per period and in total. `n_base_industry_open` and the headline
 * share are null when the table has no `Model accessibility` or `Open model weights?` column. A
 * table without `Base model`, `Publication date` or `Organization categorization` gives
 * `available: false` with null numbers. Pure; O(rows × names per cell²) with names per cell ≤ 16.
 *
 * @throws RangeError for a bad period list or window date
 */
export function diffusion(dataset: Dataset & { modelLabels?: ReadonlyMap<string, ModelLabel> }, params: DiffusionParams = {}): DiffusionResult {
  const open = params.open ?? 'any';
  const periods = typeof params.periods === 'string' || params.periods === undefined ? parsePeriods(params.periods ?? DEFAULT_PERIODS) : params.periods;
  const filter = params.filter ?? {};
  const parameters = { open, since: filter.since ?? null, until: filter.until ?? null, periods: periods.map((p) => p.label) };
  const missing = missingColumns(dataset, ['baseModel', 'publicationDate', 'categories']);
  if (missing.length > 0) {
    windowRows([], filter);
    return {
      available: false,
      missing_columns: missing,
      message: unavailableMessage('diffusion', missing),
      parameters,
      rows_in_window: null,
      rows_without_date: null,
      groups: null,
      base_model_links: null,
      unmatched_base_names: [],
      ambiguous_names: [],
      base_column_coverage: null,
      notes: [],
    };
  }
  const labels = params.modelLabels ?? dataset.modelLabels ?? new Map<string, ModelLabel>();
  const papers = dataset.papers;
  const rowOf = new Map(papers.map((p, i) => [p, i]));
  const index = new BaseModelIndex(papers, labels);
  const hasAccess = hasAccessibilityColumn(dataset.headers);
  const { rows, rowsWithoutDate } = windowRows(papers, filter);

  let links = 0;
  let labelled = 0;
  const unmatched = new Map<string, UnmatchedBaseName>();
  const ambiguous = new Map<string, { name: string; rows: string[] }>();
  const facts: RowFacts[] = rows.map((paper) => {
    const self = rowOf.get(paper)!;
    const parents = index.parentsOf(paper.baseModel, self);
    let matched = false;
    let industry = false;
    let industryOpen = false;
    for (const link of parents) {
      links++;
      const sector = parentSector(link, papers);
      if (link.kind === 'row' && link.ambiguous) {
        const key = modelNameKey(link.name);
        if (!ambiguous.has(key)) ambiguous.set(key, { name: link.name, rows: link.ambiguous.map((r) => papers[r].id) });
      }
      if (link.kind !== 'row') noteUnmatched(unmatched, link, paper.teamSector);
      if (link.kind === 'label') labelled++;
      if (sector === undefined) continue;
      matched = true;
      if (sector !== 'Industry') continue;
      industry = true;
      if (isOpen(link, papers, open)) industryOpen = true;
    }
    return { year: Number(paper.publicationDate!.slice(0, 4)), sector: paper.teamSector, withBase: paper.baseModel.trim() !== '', matched, industry, industryOpen };
  });

  const groups = {} as Record<DiffusionGroupName, DiffusionGroup>;
  for (const name of DIFFUSION_GROUPS) {
    const members = name === 'All' ? facts : facts.filter((f) => f.sector === name);
    const years = [...new Set(members.map((f) => f.year))].sort((a, b) => a - b);
    groups[name] = {
      years: years.map((year) => ({ year, ...countsOf(members.filter((f) => f.year === year), hasAccess) })),
      periods: periods.map((period) => ({ period: period.label, ...countsOf(members.filter((f) => inPeriod(f.year, period)), hasAccess) })),
      total: countsOf(members, hasAccess),
    };
  }
  const withBaseInTable = papers.filter((p) => p.baseModel.trim() !== '').length;
  const coverage = { rows_with_base: withBaseInTable, rows: papers.length, share: share(withBaseInTable, papers.length) };
  const notes: string[] = [];
  if (coverage.share === null || coverage.share < SPARSE_BASE_SHARE)
    notes.push(
      `Only ${withBaseInTable} of ${papers.length} rows (${(100 * (coverage.share ?? 0)).toFixed(1)}%) have a base-model cell: fewer than 5%, so a zero may mean "not recorded" rather than "built on no base model".`,
    );
  if (!hasAccess) notes.push('This table has no "Model accessibility" or "Open model weights?" column: whether a base model has open weights is unknown, so the open-weights counts are null.');
  const unmatchedList = [...unmatched.values()].sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    available: true,
    missing_columns: [],
    parameters,
    rows_in_window: rows.length,
    rows_without_date: rowsWithoutDate,
    groups,
    base_model_links: {
      links,
      unmatched: unmatchedList.reduce((s, u) => s + (u.label ? 0 : u.count), 0),
      unmatched_distinct: unmatchedList.filter((u) => !u.label).length,
      labelled,
    },
    unmatched_base_names: unmatchedList,
    ambiguous_names: [...ambiguous.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    base_column_coverage: coverage,
    notes,
  };
}

/** The sector of a parent, undefined when the link found no parent. A label without a sector gives Unknown. */
function parentSector(link: ParentLink, papers: Dataset['papers']): TeamSector | undefined {
  if (link.kind === 'row') return papers[link.row].teamSector;
  if (link.kind === 'label') return link.label.teamSector ?? 'Unknown';
  return undefined;
}

function isOpen(link: ParentLink, papers: Dataset['papers'], mode: OpenMode): boolean {
  if (link.kind === 'row') return opennessOf(papers[link.row], mode) === 'open';
  return link.kind === 'label' && link.label.openWeights === 'open';
}

function noteUnmatched(into: Map<string, UnmatchedBaseName>, link: Exclude<ParentLink, { kind: 'row' }>, sector: TeamSector): void {
  const key = modelNameKey(link.name);
  let entry = into.get(key);
  if (!entry) {
    entry = { name: link.name, count: 0, sectors: zeroCounts() };
    if (link.kind === 'label') entry.label = { teamSector: link.label.teamSector ?? null, openWeights: link.label.openWeights ?? null };
    into.set(key, entry);
  }
  entry.count++;
  entry.sectors[sector]++;
}

function countsOf(facts: readonly RowFacts[], hasAccess: boolean): DiffusionCounts {
  let withBase = 0;
  let matched = 0;
  let industry = 0;
  let industryOpen = 0;
  for (const f of facts) {
    if (f.withBase) withBase++;
    if (f.matched) matched++;
    if (f.industry) industry++;
    if (f.industryOpen) industryOpen++;
  }
  const openCount = hasAccess ? industryOpen : null;
  return {
    n_models: facts.length,
    n_with_base: withBase,
    n_base_matched: matched,
    n_base_industry: industry,
    n_base_industry_open: openCount,
    share_models_on_industry_open_base: openCount === null ? null : share(openCount, facts.length),
    share_industry_of_matched: share(industry, matched),
  };
}

