/**
 * The organizations of a dataset with their categories from the data and from labels, and the
 * triage list "needs attention" (spec `../shared/spec/sector-and-dataset.md`, "Organization ↔
 * category alignment", and `labels.md`, "Needs attention").
 */
import type { Dataset, OrganizationCategory, Paper } from '../dataset/model';
import { applyLabels, withEffectiveOrganizations, type LabelledDataset } from './applyLabels';
import type { LabelState, LabelValue } from './fold';
import { organizationKey, paperKey } from './keys';

/**
 * `labelled`: an effective label exists; `from-data`: no label, the rows agree on one category;
 * `conflicting`: no label, rows give different categories; `unlabelled`: neither.
 */
export type OrganizationStatus = 'labelled' | 'from-data' | 'conflicting' | 'unlabelled';

export interface OrganizationEntry {
  key: string;
  /** The first spelling in the table (or the label's, for an organization the table lacks). */
  name: string;
  /** Categories the rows give it (canonical spelling), most rows first. */
  dataCategories: { category: string; rows: number }[];
  label?: LabelValue<OrganizationCategory> & { adjudicated: boolean };
  /** The category in force: the label's, else the data's single category. */
  category?: string;
  status: OrganizationStatus;
  /** Ids of the papers that name it, in table order (empty when the table lacks it). */
  paperIds: string[];
  inTable: boolean;
}

/**
 * Index every organization of a dataset (by `organizationKey`, in order of first appearance,
 * then organizations that only labels name). An organization's category from the data is the
 * loader's per-row alignment (`Paper.organizationCategories`: in an aligned row its own category;
 * in a file that is not list-style the team label when it is Academia or Industry or the row has
 * one organization; else none). Different categories from different rows make it conflicting.
 * Data categories are always taken from the table as loaded (`original` of a labelled dataset).
 * A paper `organizations` label replaces its row's organizations here too
 * (`withEffectiveOrganizations`), so the organizations it names are indexed with that paper.
 *
 * @param dataset the loaded dataset (or a `LabelledDataset`, whose `original` is used)
 * @param state folded labels
 */
export function organizationsIndex(dataset: Dataset, state: LabelState): Map<string, OrganizationEntry> {
  const table = 'original' in dataset ? (dataset as LabelledDataset).original : dataset;
  const base = indexBase(table, state);
  const out = new Map<string, OrganizationEntry>();
  for (const [key, b] of base) {
    const entry: OrganizationEntry = { key, name: b.name, dataCategories: b.dataCategories, status: 'unlabelled', paperIds: b.paperIds, inTable: true };
    const label = state.organizations.get(key);
    if (label) {
      entry.label = label;
      entry.category = label.value;
      entry.status = 'labelled';
    } else if (entry.dataCategories.length === 1) {
      entry.category = entry.dataCategories[0].category;
      entry.status = 'from-data';
    } else entry.status = entry.dataCategories.length > 1 ? 'conflicting' : 'unlabelled';
    out.set(key, entry);
  }
  for (const [key, label] of state.organizations)
    if (!base.has(key)) out.set(key, { key, name: label.name, dataCategories: [], status: 'labelled', paperIds: [], inTable: false, label, category: label.value });
  return out;
}

/** What an organization is in the table alone (no label): its first spelling, data categories and papers. Shared between indexes: never mutated. */
interface IndexBase {
  name: string;
  dataCategories: { category: string; rows: number }[];
  paperIds: string[];
}

/**
 * The table's part of `organizationsIndex`, which labels on organizations do not change: kept per
 * table (and per set of paper `organizations` labels, which do change it), so that a label on an
 * organization costs a pass over the organizations, not over every paper (issue #9: 80 ms per
 * label at 100,000 rows, twice per triage update).
 */
const baseCache = new WeakMap<Dataset, { papers: LabelState['papers'] | undefined; base: Map<string, IndexBase> }>();

function indexBase(table: Dataset, state: LabelState): Map<string, IndexBase> {
  const listed = [...state.papers.values()].some((p) => p.organizations !== undefined);
  const cached = baseCache.get(table);
  if (cached && (cached.papers === undefined ? !listed : cached.papers === state.papers)) return cached.base;
  const index = new Map<string, IndexBase & { counts: Map<string, number> }>();
  for (const row of table.papers) {
    // A paper `organizations` label replaces the row's organizations (labels.md).
    const paper = listed ? withEffectiveOrganizations(row, state.papers.get(paperKey(row.id)), table.listStyle) : row;
    const keys = organizationKeysOf(paper.organizations);
    paper.organizations.forEach((name, i) => {
      const key = keys[i];
      let entry = index.get(key);
      if (!entry) index.set(key, (entry = { name, dataCategories: [], paperIds: [], counts: new Map() }));
      if (entry.paperIds[entry.paperIds.length - 1] !== paper.id) entry.paperIds.push(paper.id);
      const category = paper.organizationCategories[i];
      if (category !== undefined) entry.counts.set(category, (entry.counts.get(category) ?? 0) + 1);
    });
  }
  const base = new Map<string, IndexBase>();
  for (const [key, { counts, ...entry }] of index) {
    entry.dataCategories = [...counts].map(([category, rows]) => ({ category, rows })).sort((a, b) => b.rows - a.rows || a.category.localeCompare(b.category));
    base.set(key, entry);
  }
  baseCache.set(table, { papers: listed ? state.papers : undefined, base });
  return base;
}

const keysCache = new WeakMap<readonly string[], string[]>();

/**
 * The `organizationKey` of each name of a paper's `organizations` list, kept per list (a row's
 * list is the same array in every labelled copy of the row): tables with more distinct names than
 * the key function's bounded memo would otherwise normalise every name again on every pass.
 */
export function organizationKeysOf(organizations: readonly string[]): string[] {
  let keys = keysCache.get(organizations);
  if (!keys) keysCache.set(organizations, (keys = organizations.map((name) => organizationKey(name))));
  return keys;
}

export type AttentionReason = 'unknown-sector' | 'length-mismatch' | 'conflicting-organization' | 'unlabelled-organization';

export interface AttentionItem {
  paperId: string;
  reasons: AttentionReason[];
  /** The organizations that are conflicting or unlabelled (names as the row writes them). */
  organizations: string[];
}

/**
 * Papers that need attention in triage (labels.md "Needs attention"), in table order: effective
 * team sector Unknown; organization and category lists that do not line up (unless rule 1 of the
 * fold repaired the row: every organization labelled); a conflicting or an unlabelled organization
 * (statuses of `organizationsIndex`, labels included). Each item lists all its reasons.
 *
 * @param labelled the dataset with labels applied (default: `applyLabels(dataset, state)`)
 * @param index `organizationsIndex(dataset, state)`, when the caller has it already
 */
export function needsAttention(dataset: Dataset, state: LabelState, labelled: LabelledDataset = applyLabels(dataset, state), index: ReadonlyMap<string, OrganizationEntry> = organizationsIndex(dataset, state)): AttentionItem[] {
  const items: AttentionItem[] = [];
  for (const paper of labelled.papers) {
    const item = attentionItem(paper, index);
    if (item) items.push(item);
  }
  return items;
}

/**
 * One paper's entry in `needsAttention` (its reasons and the organizations behind them), or
 * undefined when it needs none: what the list holds for that paper, for callers that update the
 * list row by row (the triage queue after a label).
 */
export function attentionItem(paper: Paper, index: ReadonlyMap<string, OrganizationEntry>): AttentionItem | undefined {
  const reasons: AttentionReason[] = [];
  const organizations: string[] = [];
  if (paper.teamSector === 'Unknown') reasons.push('unknown-sector');
  if (paper.lengthMismatch) reasons.push('length-mismatch');
  const keys = organizationKeysOf(paper.organizations);
  for (let i = 0; i < paper.organizations.length; i++) {
    const status = index.get(keys[i])?.status;
    if (status === 'conflicting' || status === 'unlabelled') {
      organizations.push(paper.organizations[i]);
      const reason: AttentionReason = status === 'conflicting' ? 'conflicting-organization' : 'unlabelled-organization';
      if (!reasons.includes(reason)) reasons.push(reason);
    }
  }
  return reasons.length > 0 ? { paperId: paper.id, reasons, organizations } : undefined;
}
