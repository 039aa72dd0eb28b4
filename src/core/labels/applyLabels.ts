/**
 * Labels feed the dataset: effective categories, team sector, leaning and provenance per paper
 * (spec `../shared/spec/labels.md`, "Folding the log into labels", rules 1–3 and the paper
 * `teamSector` override; alignment and the sector rule come from the loader's own code).
 */
import { alignCategories } from '../loadDataset';
import type { Dataset, OrganizationCategory, Paper } from '../model';
import { deriveTeamSector, isCollaborationLabel } from '../teamSector';
import type { LabelledTeamSector } from './event';
import type { LabelState, LabelValue, PaperLabels } from './fold';
import { organizationKey, paperKey } from './keys';

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
  organizationLabels: AppliedOrganizationLabel[];
  teamSector: 'categories' | 'team-sector-column' | 'label';
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
}

const sameParts = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x.toLowerCase() === b[i].toLowerCase());

/**
 * Apply folded labels to a loaded dataset and return a new dataset; the input and its papers are
 * never modified (the host keeps the loaded dataset and re-applies labels on every change). Per
 * paper, in the spec's order:
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
  const seenOrganizations = new Set<string>();
  const seenPapers = new Set<string>();
  const staleLabels: StalePaperLabel[] = [];
  const papers = dataset.papers.map((paper): LabelledPaper => {
    const keys = paper.organizations.map((o) => organizationKey(o));
    for (const k of keys) seenOrganizations.add(k);
    const labels = keys.map((k) => state.organizations.get(k));
    const pk = paperKey(paper.id);
    const paperLabels = state.papers.get(pk);
    if (paperLabels) seenPapers.add(pk);

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
    } else if (labels.some((l) => l !== undefined) && dataset.listStyle && !paper.lengthMismatch && paper.categories.length > 0 && !paper.categories.some(isCollaborationLabel)) {
      categories = paper.categories.map((c, i) => (labels[i] ? use(i) : c));
      organizationCategories = alignCategories(paper.organizations, categories, dataset.listStyle, false).organizationCategories;
      source = 'labels-partial';
    }

    let { teamSector, leaning } = paper;
    let sectorSource: PaperProvenance['teamSector'] = paper.teamSectorSource;
    if (!sameParts(categories, paper.categories)) {
      ({ teamSector, leaning } = deriveTeamSector(categories));
      sectorSource = 'categories';
    }
    const provenance: PaperProvenance = { categories: source, organizationLabels: applied, teamSector: sectorSource };
    const sectorLabel = paperLabels?.teamSector;
    if (sectorLabel) {
      teamSector = sectorLabel.value;
      leaning = undefined;
      provenance.teamSector = 'label';
      provenance.teamSectorLabel = sectorLabel;
    }
    if (paperLabels) staleLabels.push(...staleOf(paper, paperLabels));

    const out: LabelledPaper = { ...paper, categories, organizationCategories, lengthMismatch, teamSector, teamSectorSource: provenance.teamSector, provenance };
    if (leaning === undefined) delete out.leaning;
    else out.leaning = leaning;
    if (paperLabels) out.labels = paperLabels;
    return out;
  });
  const unmatchedOrganizations = [...state.organizations]
    .filter(([k]) => !seenOrganizations.has(k))
    .map(([key, l]) => ({ key, name: l.name, category: l.value }));
  const unmatchedPapers = [...state.papers].filter(([k]) => !seenPapers.has(k)).map(([, p]) => p);
  return { ...dataset, papers, original: dataset, unmatchedOrganizations, unmatchedPapers, staleLabels };
}

/** Paper labels made on a row whose date or organizations differ from the row the id names now. */
function staleOf(paper: Paper, labels: PaperLabels): StalePaperLabel[] {
  const out: StalePaperLabel[] = [];
  for (const value of [labels.teamSector, labels.decision, labels.topic, labels.note]) {
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
 * `table` when no label changed it; else the organization labels (`Upstage=Industry by ada
 * 2026-06-20T10:00:09.000Z`) and/or the team-sector label with its reason, joined by `; `.
 */
export function formatProvenance(p: PaperProvenance): string {
  const parts: string[] = [];
  if (p.organizationLabels.length > 0) {
    const rule = p.categories === 'labels' ? 'categories from labels' : 'categories partly from labels';
    parts.push(`${rule}: ${p.organizationLabels.map((l) => `${l.organization}=${l.category} by ${l.annotator}${l.adjudicated ? ' (adjudicator)' : ''} ${l.ts}`).join(', ')}`);
  }
  if (p.teamSector === 'team-sector-column') parts.push('team sector from the table\'s Team sector column');
  if (p.teamSectorLabel) {
    const l = p.teamSectorLabel;
    parts.push(`team sector ${l.value} by ${l.annotator} ${l.ts}${l.reason ? ` (${l.reason})` : ''}`);
  }
  return parts.length === 0 ? 'table' : parts.join('; ');
}
