/**
 * Labels feed the dataset: effective categories, team sector, leaning and provenance per paper
 * (spec `../shared/spec/labels.md`, "Folding the log into labels", rules 1–3 and the paper
 * `teamSector` override; alignment and the sector rule come from the loader's own code).
 */
import type { ModelLabel } from '../analyses/baseModels';
import { alignCategories } from '../dataset/loadDataset';
import type { Dataset, OrganizationCategory, Paper } from '../dataset/model';
import { deriveTeamSector, isCollaborationLabel } from '../sector/teamSector';
import type { LabelledTeamSector } from './event';
import type { LabelState, LabelValue, PaperLabels } from './fold';
import { organizationKey, paperKey } from './keys';
import { organizationLabelsOf, type OrganizationLabels } from '../sector/organizationCategory';
import { normalizeRor } from '../sources/identifiers';
import { workTeamSector } from '../sector/workSector';
import { organizationsOfSector, withExportedSector } from '../sources/literature';
import { workTopics } from '../sources/topics';
import type { Work } from '../sources/work';
import type { InstitutionIndex } from '../sector/institutionIndex';

/** One organization label that changed (or confirmed) a row's category. */
export interface AppliedOrganizationLabel {
  organization: string;
  category: OrganizationCategory;
  annotator: string;
  ts: string;
  eventId: string;
  adjudicated: boolean;
}

/**
 * Where a paper's effective categories and team sector come from. `categories`: `table` (rule 3,
 * or no labels), `labels` (rule 1: every organization labelled), `labels-partial` (rule 2: some
 * organizations of an aligned row). `teamSector`: derived from the effective `categories`, the
 * table's `Team sector` column, or a paper `label`.
 */
export interface PaperProvenance {
  categories: 'table' | 'labels' | 'labels-partial';
  /** The paper `organizations` label that replaced the row's organizations, when there is one. */
  organizationsLabel?: LabelValue & { list: string[] };
  organizationLabels: AppliedOrganizationLabel[];
  teamSector: 'categories' | 'team-sector-column' | 'label' | 'affiliations';
  teamSectorLabel?: LabelValue<LabelledTeamSector>;
}

/** A paper with its labels applied. Still a `Paper`, so trees, charts and the CLI take it as is. */
export type LabelledPaper = Paper & { provenance: PaperProvenance; labels?: PaperLabels };

/** A paper label whose recorded row (date, organizations) differs from the row its id now names. */
export interface StalePaperLabel {
  paperId: string;
  recorded: { date?: string; organizations?: string[] };
  row: { date?: string; organizations: string[] };
  eventId: string;
}

/** A dataset with labels applied; `original` is the dataset as loaded (never modified). */
export interface LabelledDataset extends Dataset {
  papers: LabelledPaper[];
  original: Dataset;
  /** Organization labels whose organization no row of this table names (kept, shown, not applied). */
  unmatchedOrganizations: { key: string; name: string; category: OrganizationCategory }[];
  /** Paper labels whose id no row of this table has. */
  unmatchedPapers: PaperLabels[];
  staleLabels: StalePaperLabel[];
  /** The `model` labels (base models the table may have no row for), for the diffusion analysis. */
  modelLabels: Map<string, ModelLabel>;
}

/**
 * The effective `model` labels of a fold as the diffusion analysis reads them (analyses.md,
 * "diffusion"): `modelKey` → name, team sector and open weights, each only when labelled.
 */
export function modelLabelsOf(state: Pick<LabelState, 'models'>): Map<string, ModelLabel> {
  const out = new Map<string, ModelLabel>();
  for (const [key, labels] of state.models) {
    const label: ModelLabel = { name: labels.name };
    if (labels.teamSector) label.teamSector = labels.teamSector.value;
    if (labels.openWeights) label.openWeights = labels.openWeights.value;
    out.set(key, label);
  }
  return out;
}

const sameParts = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x.toLowerCase() === b[i].toLowerCase());

/**
 * Apply folded labels to a loaded dataset and return a new dataset; the input and its papers are
 * never modified (the host keeps the loaded dataset and re-applies labels on every change). Per
 * paper, in the spec's order: a paper `organizations` label first replaces the row's organizations
 * (`withEffectiveOrganizations`; labels.md), then
 * 1. if the row has at least one organization and every one has an effective label, its
 *    categories become those labels, one per organization (this repairs length mismatches and
 *    2022–2023 rows with one team label);
 * 2. otherwise, in an aligned row (list-style file, category cell non-empty, no collaboration
 *    label, equal lengths; `alignCategories`), each labelled organization's category is replaced;
 * 3. otherwise the categories stay.
 * When the categories changed, the team sector and leaning are derived again with
 * `deriveTeamSector` (sector-and-dataset.md rules 1–6) and the table's `Team sector` column no
 * longer applies (labels take precedence over the table); when they did not, the loaded sector
 * stays, column override included. A paper `teamSector` label then replaces the sector (leaning
 * dropped). Papers are matched by `paperKey(id)`, organizations by `organizationKey(name)`.
 * `teamSectorSource` (and `provenance.teamSector`) say `label` for a paper label. O(rows ×
 * organizations).
 */
export function applyLabels(dataset: Dataset, state: LabelState): LabelledDataset {
  for (const steps = applyLabelsSteps(dataset, state); ;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * A row with its effective organizations (labels.md, paper field `organizations`): without a
 * label, `paper` itself; with one, a copy whose `organizations` are the label's names and whose
 * per-organization categories and length mismatch are aligned again from the row's own category
 * cell (`alignCategories`, sector-and-dataset.md), so the sector rules then see that list as the
 * row's own. The team sector is not re-derived here (applyLabels does it when the categories
 * change). `listStyle` is the table's. Pure; `paper` is not modified.
 */
export function withEffectiveOrganizations(paper: Paper, labels: PaperLabels | undefined, listStyle: boolean): Paper {
  const list = labels?.organizations?.list;
  if (!list) return paper;
  const aligned = alignCategories(list, paper.categories, listStyle, paper.categories.some(isCollaborationLabel));
  return { ...paper, organizations: [...list], organizationCategories: aligned.organizationCategories, lengthMismatch: aligned.lengthMismatch };
}

/** Papers between two yields of {@link applyLabelsSteps}: a few milliseconds of work. */
const STEP = 250;

/**
 * {@link applyLabels} as a generator that yields about every 250 papers, so the extension
 * host can label a 100,000-row table in slices without holding its thread. Same result.
 */
export function* applyLabelsSteps(dataset: Dataset, state: LabelState): Generator<void, LabelledDataset> {
  const seenOrganizations = new Set<string>();
  const seenPapers = new Set<string>();
  const staleLabels: StalePaperLabel[] = [];
  const papers = new Array<LabelledPaper>(dataset.papers.length);
  let workLabels: OrganizationLabels | undefined;
  for (let i = 0; i < dataset.papers.length; i++) {
    if (i % STEP === STEP - 1) yield;
    const paper = dataset.papers[i];
    const keys = paper.organizations.map((o) => organizationKey(o));
    for (const k of keys) seenOrganizations.add(k);
    const pk = paperKey(paper.id);
    if (state.papers.has(pk)) seenPapers.add(pk);
    papers[i] = paper.work?.kind === 'literature' ? labelWorkPaper(paper, state, (workLabels ??= organizationLabelsOf(state)), state.papers.get(pk), dataset) : labelPaper(paper, keys, state.organizations, state.papers.get(pk), dataset.listStyle, staleLabels);
    if (papers[i].provenance.organizationsLabel) for (const o of papers[i].organizations) seenOrganizations.add(organizationKey(o));
  }
  const unmatchedOrganizations = [...state.organizations]
    .filter(([k]) => !seenOrganizations.has(k))
    .map(([key, l]) => ({ key, name: l.name, category: l.value }));
  const unmatchedPapers = [...state.papers].filter(([k]) => !seenPapers.has(k)).map(([, p]) => p);
  return { ...dataset, papers, original: dataset, unmatchedOrganizations, unmatchedPapers, staleLabels, modelLabels: modelLabelsOf(state) };
}

/**
 * One paper with its labels (the paper `organizations` label first, then rules 1–3 and the paper
 * teamSector override); its stale labels go to `stale`.
 */
function labelPaper(
  row: Paper,
  rowKeys: readonly string[],
  organizationLabels: LabelState['organizations'],
  paperLabels: PaperLabels | undefined,
  listStyle: boolean,
  stale: StalePaperLabel[],
): LabelledPaper {
  const paper = withEffectiveOrganizations(row, paperLabels, listStyle);
  const keys = paper === row ? rowKeys : paper.organizations.map((o) => organizationKey(o));
  const labels = keys.map((k) => organizationLabels.get(k));
  let categories = paper.categories;
  let organizationCategories = paper.organizationCategories;
  let lengthMismatch = paper.lengthMismatch;
  let source: PaperProvenance['categories'] = 'table';
  const applied: AppliedOrganizationLabel[] = [];
  const use = (i: number): OrganizationCategory => {
    const l = labels[i]!;
    applied.push({ organization: paper.organizations[i], category: l.value, annotator: l.annotator, ts: l.ts, eventId: l.eventId, adjudicated: l.adjudicated });
    return l.value;
  };
  if (labels.length > 0 && labels.every((l) => l !== undefined)) {
    categories = labels.map((_, i) => use(i));
    organizationCategories = categories;
    lengthMismatch = false;
    source = 'labels';
  } else if (labels.some((l) => l !== undefined) && listStyle && !paper.lengthMismatch && paper.categories.length > 0 && !paper.categories.some(isCollaborationLabel)) {
    categories = paper.categories.map((c, i) => (labels[i] ? use(i) : c));
    organizationCategories = alignCategories(paper.organizations, categories, listStyle, false).organizationCategories;
    source = 'labels-partial';
  }

  let { teamSector, leaning } = paper;
  let sectorSource: PaperProvenance['teamSector'] = paper.teamSectorSource;
  if (!sameParts(categories, paper.categories) || (paper !== row && paper.lengthMismatch !== row.lengthMismatch)) {
    ({ teamSector, leaning } = deriveTeamSector(categories));
    sectorSource = 'categories';
  }
  const provenance: PaperProvenance = { categories: source, organizationLabels: applied, teamSector: sectorSource };
  if (paper !== row && paperLabels?.organizations) provenance.organizationsLabel = paperLabels.organizations;
  const sectorLabel = paperLabels?.teamSector;
  if (sectorLabel) {
    teamSector = sectorLabel.value;
    leaning = undefined;
    provenance.teamSector = 'label';
    provenance.teamSectorLabel = sectorLabel;
  }
  if (paperLabels) stale.push(...staleOf(row, paperLabels));

  const out: LabelledPaper = { ...paper, categories, organizationCategories, lengthMismatch, teamSector, teamSectorSource: provenance.teamSector, provenance };
  if (leaning === undefined) delete out.leaning;
  else out.leaning = leaning;
  if (paperLabels) out.labels = paperLabels;
  return out;
}

/**
 * A work of the researcher's literature with its labels (imports.md precedence): its sector derived
 * again by the author-share rule (`workTeamSector`) with the organization labels (by name or ROR id),
 * its paper `organizations` and `teamSector` labels; its organizations and their categories from
 * that evidence; its domains from a `topic` label when there is one.
 */
function labelWorkPaper(row: Paper, state: LabelState, labels: OrganizationLabels, paperLabels: PaperLabels | undefined, dataset: Dataset): LabelledPaper {
  const work = row.work!;
  // No organization label and no label on the paper: the sector the work was combined with (the same
  // rules, no labels) stands; re-deriving 100,000 works' evidence at load gave the same objects anew.
  if (!paperLabels && state.organizations.size === 0 && work.kind === 'literature' && row.teamSectorSource === 'affiliations') {
    return { ...row, provenance: { categories: 'table', organizationLabels: [], teamSector: 'affiliations' } };
  }
  const sector = withExportedSector(workTeamSector(work.work, { index: dataset.literature?.index, labels, paperLabels, suggestions: 3 }), work.work);
  const { organizations, categories } = organizationsOfSector(sector);
  const applied: AppliedOrganizationLabel[] = [];
  for (const name of organizations) {
    const l = state.organizations.get(organizationKey(name));
    if (l) applied.push({ organization: name, category: l.value, annotator: l.annotator, ts: l.ts, eventId: l.eventId, adjudicated: l.adjudicated });
  }
  const teamSector: PaperProvenance['teamSector'] = sector.basis === 'label' ? 'label' : 'affiliations';
  const provenance: PaperProvenance = {
    categories: applied.length === 0 ? 'table' : applied.length === organizations.length ? 'labels' : 'labels-partial',
    organizationLabels: applied,
    teamSector,
  };
  if (paperLabels?.organizations) provenance.organizationsLabel = paperLabels.organizations;
  if (paperLabels?.teamSector) provenance.teamSectorLabel = paperLabels.teamSector;
  const topics = paperLabels?.topic && dataset.literature ? workTopics(work.work, dataset.literature.topics, paperLabels.topic.value) : work.topics;
  const out: LabelledPaper = {
    ...row,
    organizations,
    categories: categories.filter((c): c is OrganizationCategory => c !== undefined),
    organizationCategories: categories,
    teamSector: sector.teamSector,
    teamSectorSource: teamSector,
    domains: topics?.domains ?? row.domains,
    work: { ...work, sector, topics },
    provenance,
  };
  if (sector.leaning === undefined) delete out.leaning;
  else out.leaning = sector.leaning;
  if (paperLabels) out.labels = paperLabels;
  return out;
}

/**
 * Which rows each label key matches in a table: organization keys (`organizationKey`) and paper
 * keys (`paperKey`) → row indices in table order, each row's organization keys, and paper id →
 * row index. Built once per loaded table (see {@link labelMatchIndexOf}).
 */
export interface LabelMatchIndex {
  byOrganization: Map<string, number[]>;
  byPaper: Map<string, number[]>;
  organizationKeys: string[][];
  rowOfId: Map<string, number>;
  /**
   * For a table with works of the literature: every organization key (`organizationKey`) whose
   * label a work's sector may consult, whatever the labels (its institutions' names, the names the
   * institutions data gives them, each raw affiliation string and each of its `;`/`,` parts) →
   * the rows of those works; see {@link workLabelKeys}.
   */
  byWorkKey?: Map<string, number[]>;
  /** Likewise, every ROR id whose label a work's sector may consult → the rows of those works. */
  byWorkRor?: Map<string, number[]>;
}

/**
 * The organization keys and ROR ids whose labels the sector of `work` may consult under any fold
 * of organization labels (given its paper `organizations` label, when `listed`). The rules only
 * ever stop looking on a label they find, so the lookups they make without any label are all the
 * lookups they can make: `workTeamSector` is run with labels that answer nothing and record every
 * question. The raw affiliation strings are added (an unresolved one is an organization of the
 * paper, whose label provenance names it).
 */
export function workLabelKeys(work: Pick<Work, 'authors' | 'model'>, index: InstitutionIndex | undefined, listed?: readonly string[]): { keys: Set<string>; rors: Set<string> } {
  const keys = new Set<string>();
  const rors = new Set<string>();
  const recorder: OrganizationLabels = {
    byName(name) {
      keys.add(organizationKey(name));
      return undefined;
    },
    byRor(ror) {
      const id = normalizeRor(ror);
      if (id) rors.add(id);
      return undefined;
    },
  };
  const organizations = listed ? { value: '', list: [...listed] } : undefined;
  workTeamSector(work, { index, labels: recorder, suggestions: 0, ...(organizations ? { paperLabels: { organizations } as PaperLabels } : {}) });
  for (const a of work.authors) for (const affiliation of a.affiliations) keys.add(organizationKey(affiliation));
  for (const name of listed ?? []) keys.add(organizationKey(name));
  return { keys, rors };
}

const matchIndexes = new WeakMap<Dataset, LabelMatchIndex>();

/**
 * The {@link LabelMatchIndex} of a table, as a generator that yields about every 250 rows (so
 * the host can build it in slices after a load); the index is remembered for `dataset` (a WeakMap),
 * and a second call returns it at once.
 */
export function* labelMatchIndexSteps(dataset: Dataset): Generator<void, LabelMatchIndex> {
  const known = matchIndexes.get(dataset);
  if (known) return known;
  const index: LabelMatchIndex = { byOrganization: new Map(), byPaper: new Map(), organizationKeys: [], rowOfId: new Map() };
  for (let row = 0; row < dataset.papers.length; row++) {
    if (row % STEP === STEP - 1) yield;
    const paper = dataset.papers[row];
    const keys = paper.organizations.map((o) => organizationKey(o));
    index.organizationKeys.push(keys);
    for (const k of new Set(keys)) {
      const rows = index.byOrganization.get(k);
      if (rows) rows.push(row);
      else index.byOrganization.set(k, [row]);
    }
    const pk = paperKey(paper.id);
    const rows = index.byPaper.get(pk);
    if (rows) rows.push(row);
    else index.byPaper.set(pk, [row]);
    index.rowOfId.set(paper.id, row);
    if (paper.work?.kind === 'literature') {
      const { keys: workKeys, rors } = workLabelKeys(paper.work.work, dataset.literature?.index);
      const pairs: [Map<string, number[]>, Set<string>][] = [
        [(index.byWorkKey ??= new Map<string, number[]>()), workKeys],
        [(index.byWorkRor ??= new Map<string, number[]>()), rors],
      ];
      for (const [map, ks] of pairs) {
        for (const k of ks) {
          const list = map.get(k);
          if (list) list.push(row);
          else map.set(k, [row]);
        }
      }
    }
  }
  matchIndexes.set(dataset, index);
  return index;
}

/** {@link labelMatchIndexSteps} run at once. */
export function labelMatchIndexOf(dataset: Dataset): LabelMatchIndex {
  for (const steps = labelMatchIndexSteps(dataset); ;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** The label keys a fold changed (`LabelFolder.lastChange`): organization keys and paper keys. */
export interface TouchedLabels {
  organizations: ReadonlySet<string>;
  papers: ReadonlySet<string>;
  /** The fold before the change (`LabelChangeSet.from`): a table with works of the literature needs it (a label's ROR id may have changed). */
  from?: LabelState;
}

/**
 * Re-apply labels after a few label keys changed, re-deriving only the rows those keys match.
 * `previous` must be `applyLabels(previous.original, before)` and `state` the fold of `before`'s
 * events plus appended ones whose (target, field) keys are `touched` (what `LabelFolder.lastChange`
 * reports). Returns the new dataset, equal to `applyLabels(previous.original, state)`, in which
 * untouched rows are the very `LabelledPaper` objects of `previous`, and `changed`, the re-derived
 * rows' indices (ascending); or undefined when more than `maxRows` rows (default: a tenth of the
 * table, at least 100; half of it with works of the literature) would change, where the full
 * `applyLabels` is as quick. With works of the literature (`dataset.literature`) `touched.from`
 * is needed (else undefined); the works re-derived are those whose sector may consult a touched
 * label (`workLabelKeys`).
 */
export function applyLabelsIncremental(
  previous: LabelledDataset,
  state: LabelState,
  touched: TouchedLabels,
  maxRows?: number,
): { dataset: LabelledDataset; changed: number[] } | undefined {
  const original = previous.original;
  // A work's sector costs more than a row's to derive again: the full apply is only as quick past half the table.
  if (original.literature) return applyLabelsIncrementalWorks(previous, state, touched, maxRows ?? Math.max(100, previous.papers.length / 2));
  maxRows ??= Math.max(100, previous.papers.length / 10);
  const index = labelMatchIndexOf(original);
  const rows = new Set<number>();
  for (const k of touched.organizations) for (const row of index.byOrganization.get(k) ?? []) rows.add(row);
  for (const k of touched.papers) for (const row of index.byPaper.get(k) ?? []) rows.add(row);
  // Organizations that only a paper `organizations` label names: the rows of those papers.
  const listed = new Set<string>();
  for (const [pk, labels] of state.papers) {
    if (!labels.organizations) continue;
    const keys = labels.organizations.list.map((o) => organizationKey(o));
    for (const k of keys) listed.add(k);
    if (keys.some((k) => touched.organizations.has(k))) for (const row of index.byPaper.get(pk) ?? []) rows.add(row);
  }
  if (rows.size > maxRows) return undefined;
  const changed = [...rows].sort((a, b) => a - b);
  const papers = previous.papers.slice();
  const added: StalePaperLabel[] = [];
  const addedRows: number[] = [];
  for (const row of changed) {
    const paper = original.papers[row];
    const before = added.length;
    papers[row] = labelPaper(paper, index.organizationKeys[row], state.organizations, state.papers.get(paperKey(paper.id)), original.listStyle, added);
    for (let k = before; k < added.length; k++) addedRows.push(row);
  }
  const staleLabels = mergeStaleLabels(previous.staleLabels, rows, added, addedRows, index.rowOfId);
  const allMatched = (keys: ReadonlySet<string>, matched: Map<string, number[]>): boolean => [...keys].every((k) => matched.has(k));
  const inTable = (k: string): boolean => index.byOrganization.has(k) || listed.has(k);
  const unmatchedOrganizations =
    listed.size === 0 && !changed.some((row) => previous.papers[row].provenance.organizationsLabel) && allMatched(touched.organizations, index.byOrganization)
      ? previous.unmatchedOrganizations
      : [...state.organizations].filter(([k]) => !inTable(k)).map(([key, l]) => ({ key, name: l.name, category: l.value }));
  const unmatchedPapers = allMatched(touched.papers, index.byPaper) ? previous.unmatchedPapers : [...state.papers].filter(([k]) => !index.byPaper.has(k)).map(([, p]) => p);
  return { dataset: { ...previous, papers, unmatchedOrganizations, unmatchedPapers, staleLabels, modelLabels: modelLabelsOf(state) }, changed };
}

/** The ROR id a label's target carries, normalised (as `organizationLabelsOf` reads it). */
function labelRor(label: { target: unknown } | undefined): string | undefined {
  const text = (label?.target as { ror?: unknown } | undefined)?.ror;
  return typeof text === 'string' ? normalizeRor(text) : undefined;
}

/**
 * {@link applyLabelsIncremental} for a table with works of the literature (`dataset.literature`):
 * the rows re-derived are the Epoch rows the touched keys match (as for a table alone) and the
 * works whose sector may consult a touched organization key or the ROR id of a touched label,
 * before or after (`workLabelKeys`, indexed once per table), and those with a paper label touched
 * or an `organizations` label that may consult them. Equal to the full `applyLabels`.
 */
function applyLabelsIncrementalWorks(previous: LabelledDataset, state: LabelState, touched: TouchedLabels, maxRows: number): { dataset: LabelledDataset; changed: number[] } | undefined {
  const original = previous.original;
  const from = touched.from;
  if (!from) return undefined;
  const index = labelMatchIndexOf(original);
  const literatureIndex = original.literature?.index;
  const rows = new Set<number>();
  const add = (list: readonly number[] | undefined): void => {
    for (const row of list ?? []) rows.add(row);
  };
  const touchedRors = new Set<string>();
  for (const k of touched.organizations) {
    add(index.byOrganization.get(k));
    add(index.byWorkKey?.get(k));
    for (const ror of [labelRor(from.organizations.get(k)), labelRor(state.organizations.get(k))]) if (ror) touchedRors.add(ror);
  }
  for (const ror of touchedRors) add(index.byWorkRor?.get(ror));
  for (const k of touched.papers) add(index.byPaper.get(k));
  // Rows whose paper `organizations` label may consult a touched key (a work's list also consults the institutions it names).
  for (const [pk, labels] of state.papers) {
    if (!labels.organizations) continue;
    for (const row of index.byPaper.get(pk) ?? []) {
      if (rows.has(row)) continue;
      const paper = original.papers[row];
      const { keys, rors } = paper.work?.kind === 'literature' ? workLabelKeys({ authors: [] }, literatureIndex, labels.organizations.list) : { keys: new Set(labels.organizations.list.map((o) => organizationKey(o))), rors: new Set<string>() };
      if ([...keys].some((k) => touched.organizations.has(k)) || [...rors].some((r) => touchedRors.has(r))) rows.add(row);
    }
  }
  if (rows.size > maxRows) return undefined;
  const changed = [...rows].sort((a, b) => a - b);
  const papers = previous.papers.slice();
  const added: StalePaperLabel[] = [];
  const addedRows: number[] = [];
  let workLabels: OrganizationLabels | undefined;
  for (const row of changed) {
    const paper = original.papers[row];
    const pk = paperKey(paper.id);
    const before = added.length;
    papers[row] =
      paper.work?.kind === 'literature'
        ? labelWorkPaper(paper, state, (workLabels ??= organizationLabelsOf(state)), state.papers.get(pk), original)
        : labelPaper(paper, index.organizationKeys[row], state.organizations, state.papers.get(pk), original.listStyle, added);
    for (let k = before; k < added.length; k++) addedRows.push(row);
  }
  const staleLabels = mergeStaleLabels(previous.staleLabels, rows, added, addedRows, index.rowOfId);
  // Organizations named by a row, or by the effective organizations of a row with an `organizations` label (as applyLabels counts them).
  const listedKeys = new Set<string>();
  for (const [pk, labels] of state.papers) {
    if (!labels.organizations) continue;
    for (const row of index.byPaper.get(pk) ?? []) if (papers[row].provenance.organizationsLabel) for (const o of papers[row].organizations) listedKeys.add(organizationKey(o));
  }
  const unmatchedOrganizations = [...state.organizations].filter(([k]) => !index.byOrganization.has(k) && !listedKeys.has(k)).map(([key, l]) => ({ key, name: l.name, category: l.value }));
  const unmatchedPapers = [...state.papers].filter(([k]) => !index.byPaper.has(k)).map(([, p]) => p);
  return { dataset: { ...previous, papers, unmatchedOrganizations, unmatchedPapers, staleLabels, modelLabels: modelLabelsOf(state) }, changed };
}

/**
 * The stale labels after an incremental label, in table order: the previous ones of rows not
 * re-derived (`rows`), merged with those the re-derived rows gave (`added`, of rows `addedRows`).
 */
function mergeStaleLabels(previous: readonly StalePaperLabel[], rows: ReadonlySet<number>, added: readonly StalePaperLabel[], addedRows: readonly number[], rowOfId: ReadonlyMap<string, number>): StalePaperLabel[] {
  const out: StalePaperLabel[] = [];
  let next = 0;
  for (const label of previous) {
    const row = rowOfId.get(label.paperId)!;
    if (rows.has(row)) continue;
    while (next < added.length && addedRows[next] < row) out.push(added[next++]);
    out.push(label);
  }
  while (next < added.length) out.push(added[next++]);
  return out;
}

/** Paper labels made on a row whose date or organizations differ from the row the id names now. */
function staleOf(paper: Paper, labels: PaperLabels): StalePaperLabel[] {
  const out: StalePaperLabel[] = [];
  for (const value of [labels.teamSector, labels.decision, labels.topic, labels.note, labels.organizations]) {
    const t = value?.target;
    if (!value || t?.kind !== 'paper') continue;
    const dateDiffers = t.date !== undefined && t.date !== (paper.publicationDate ?? '');
    const orgsDiffer = t.organizations !== undefined && !sameKeys(t.organizations, paper.organizations);
    if (dateDiffers || orgsDiffer)
      out.push({
        paperId: paper.id,
        recorded: { ...(t.date !== undefined ? { date: t.date } : {}), ...(t.organizations ? { organizations: t.organizations } : {}) },
        row: { ...(paper.publicationDate ? { date: paper.publicationDate } : {}), organizations: paper.organizations },
        eventId: value.eventId,
      });
  }
  return out;
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => organizationKey(x) === organizationKey(b[i]));
}

/**
 * A one-line, human-readable provenance for a paper (the export's `Label provenance` column):
 * `table` when no label changed it; else the organizations label (`organizations from a label by
 * ada <ts>: MIT; Google`), the organization labels (`Upstage=Industry by ada
 * 2026-06-20T10:00:09.000Z`) and/or the team-sector label with its reason, joined by `; `.
 */
export function formatProvenance(p: PaperProvenance): string {
  const parts: string[] = [];
  if (p.organizationLabels.length > 0) {
    const rule = p.categories === 'labels' ? 'categories from labels' : 'categories partly from labels';
    parts.push(`${rule}: ${p.organizationLabels.map((l) => `${l.organization}=${l.category} by ${l.annotator}${l.adjudicated ? ' (adjudicator)' : ''} ${l.ts}`).join(', ')}`);
  }
  if (p.organizationsLabel) parts.push(`organizations from a label by ${p.organizationsLabel.annotator} ${p.organizationsLabel.ts}: ${p.organizationsLabel.list.join('; ')}`);
  if (p.teamSector === 'team-sector-column') parts.push('team sector from the table\'s Team sector column');
  if (p.teamSectorLabel) {
    const l = p.teamSectorLabel;
    parts.push(`team sector ${l.value} by ${l.annotator} ${l.ts}${l.reason ? ` (${l.reason})` : ''}`);
  }
  return parts.length === 0 ? 'table' : parts.join('; ');
}
