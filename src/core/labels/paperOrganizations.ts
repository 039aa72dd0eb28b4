/**
 * What a paper's details and hovers say about its organizations, so that they agree with the labels
 * (issue #10, "Details and hovers agree with the labels"; spec `../shared/spec/labels.md`, "Folding
 * the log into labels", rules 1–3): each organization's own effective label, whether the row's
 * sector uses it, and a 2022–23 table's one team label shown as the team's.
 */
import type { Paper } from '../dataset/model';
import type { PaperProvenance } from './applyLabels';
import { disputesOf, type Dispute } from './disputed';
import type { LabelState, LabelValue } from './fold';
import { organizationKey } from './keys';

/** Why an organization's own label does not (yet) count in its row's sector. */
export const NOT_APPLIED_REASON = 'not applied: other organizations of this row are unlabelled';

/** One organization of a row as the views show it. */
export interface OrganizationView {
  /** The name as the row writes it. */
  name: string;
  /** Its own category: its effective label, else the table's for this organization; undefined when neither says. */
  category?: string;
  /** `label`: from the label log; `table`: the row's own category for it; `none`: no own category. */
  source: 'label' | 'table' | 'none';
  /** The effective label, when it has one (who, when, adjudicated). */
  label?: LabelValue & { adjudicated?: boolean };
  /** For a label: whether the row's categories use it (rule 1 or 2); false with `NOT_APPLIED_REASON`. */
  applied?: boolean;
  /** Annotators' values when its category is disputed (they differ, no adjudicator decided). */
  dispute?: Dispute;
}

/** The organizations of a row with their own categories, and the row's team label if it has one. */
export interface PaperOrganizationsView {
  organizations: OrganizationView[];
  /**
   * The one category a 2022–23 table gives the whole team of a multi-organization row (`Industry`,
   * `Industry - Academia Collaboration`): the team's, not any organization's. Undefined when the
   * row has one category per organization, or when labels replaced the team label (rule 1).
   */
  teamLabel?: string;
}

/**
 * Each organization of `paper` with its own category, as the details view and hovers show it:
 * its effective label when it has one (marked `applied: false` when rules 1–2 of labels.md do not
 * let the row use it: some other organization is unlabelled and the row is not aligned), else the
 * table's category for that organization (`organizationCategories`, after the labels applied to an
 * aligned row) — except in a table that is not list-style (2022–23) whose row has several
 * organizations and one category: that category is the team's (`teamLabel`) and no organization
 * gets it as its own (the loader copies an Academia or Industry team label to every organization
 * for the sector rules; a view must not present it as each one's category). Disputed categories
 * (`disputesOf`) are attached. Pure.
 *
 * @param paper a row, with labels applied (`LabelledPaper`, whose `provenance` is read) or not
 * @param listStyle the dataset's `listStyle` (2024+ exports: one category per organization)
 * @param state the fold the labels came from (none: only the table's categories)
 */
export function paperOrganizationsView(paper: Paper & { provenance?: PaperProvenance }, listStyle: boolean, state?: LabelState): PaperOrganizationsView {
  const fromTable = (paper.provenance?.categories ?? 'table') === 'table';
  const teamLabel = !listStyle && fromTable && paper.organizations.length > 1 && paper.categories.length === 1 ? paper.categories[0] : undefined;
  const applied = new Set((paper.provenance?.organizationLabels ?? []).map((l) => organizationKey(l.organization)));
  const disputes = state ? disputesOf(state).organizations : undefined;
  const organizations = paper.organizations.map((name, i): OrganizationView => {
    const key = organizationKey(name);
    const label = state?.organizations.get(key);
    const dispute = disputes?.get(key);
    const view: OrganizationView = label
      ? { name, category: label.value, source: 'label', label, applied: applied.has(key) }
      : teamLabel === undefined && paper.organizationCategories[i] !== undefined
        ? { name, category: paper.organizationCategories[i], source: 'table' }
        : { name, source: 'none' };
    if (dispute) view.dispute = dispute;
    return view;
  });
  return teamLabel === undefined ? { organizations } : { organizations, teamLabel };
}
