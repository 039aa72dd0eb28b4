/**
 * Disputed labels: a (target, field) whose annotators' current values differ and on which no
 * adjudicator has a value (issue #10, "Blind coding"; spec `../shared/spec/labels.md`, "Folding the
 * log into labels"). The effective value stays the spec's (the latest of any annotator); views and
 * exports mark it as disputed instead of taking it silently.
 */
import type { Paper } from '../dataset/model';
import type { LabelField, LabelTarget } from './eventTypes';
import type { FieldLabels, LabelState, LabelValue } from './fold';
import { organizationKey, paperKey } from './keys';

/** One disputed (target, field) with each annotator's current value. */
export interface Dispute {
  kind: LabelTarget['kind'];
  /** Matching key of the target (`organizationKey` or `paperKey`). */
  key: string;
  /** The target's name or id as the latest event wrote it. */
  display: string;
  field: LabelField;
  /** Every annotator's current value, latest first (at least two distinct values). */
  values: LabelValue[];
  /** The value in force (the latest of any annotator), marked disputed. */
  effective: LabelValue;
}

/** The disputes of a fold, indexed for the views: by organization key, and by paper key then field. */
export interface DisputeIndex {
  all: Dispute[];
  organizations: Map<string, Dispute>;
  papers: Map<string, Map<LabelField, Dispute>>;
}

/**
 * Whether one (target, field) of a fold is disputed: at least two annotators hold a current value
 * (retracted values do not count), those values are not all equal, and no adjudicator holds a value
 * on it (`FieldLabels.adjudicated` false). Pure.
 *
 * @param field one entry of `LabelState.fields`
 */
export function isDisputed(field: FieldLabels): boolean {
  if (field.adjudicated || field.byAnnotator.size < 2) return false;
  const first = field.byAnnotator.values().next().value!.value;
  for (const v of field.byAnnotator.values()) if (v.value !== first) return true;
  return false;
}

const indexes = new WeakMap<LabelState, DisputeIndex>();

/**
 * Every disputed (target, field) of a fold (`isDisputed`), in the order of the fold's fields, with
 * each annotator's current value (latest first) and the effective one; indexed by organization key
 * (field `category`) and by paper key then field (`teamSector`, `decision`, `topic`, `note`). The
 * result is remembered per state (a WeakMap), so views may ask for it on every redraw. Pure.
 *
 * @param state a fold of the label log (`foldLabels`)
 */
export function disputesOf(state: LabelState): DisputeIndex {
  const known = indexes.get(state);
  if (known) return known;
  const index: DisputeIndex = { all: [], organizations: new Map(), papers: new Map() };
  for (const field of state.fields) {
    if (!isDisputed(field) || !field.effective) continue;
    const dispute: Dispute = { kind: field.kind, key: field.key, display: field.display, field: field.field, values: [...field.byAnnotator.values()], effective: field.effective };
    index.all.push(dispute);
    if (field.kind === 'organization') index.organizations.set(field.key, dispute);
    else if (field.kind === 'paper') {
      let fields = index.papers.get(field.key);
      if (!fields) index.papers.set(field.key, (fields = new Map<LabelField, Dispute>()));
      fields.set(field.field, dispute);
    }
  }
  indexes.set(state, index);
  return index;
}

/** One disputed thing about a paper: a field of its own, or the category of one of its organizations. */
export interface PaperDispute {
  /** `teamSector`, `decision`, `topic`, `note`, or `category` (of `organization`). */
  field: LabelField;
  /** For `category`: the organization's name as the row writes it. */
  organization?: string;
  dispute: Dispute;
}

/**
 * The disputes that bear on one paper: its own paper fields (by `paperKey(paper.id)`), then the
 * `category` of each of its organizations in the row's order (each organization once), so a view
 * can mark the paper and an export can list them. Empty when nothing about it is disputed. Pure.
 *
 * @param paper a row of the table (its id and organizations are read)
 * @param state a fold of the label log
 */
export function paperDisputes(paper: Pick<Paper, 'id' | 'organizations'>, state: LabelState): PaperDispute[] {
  const index = disputesOf(state);
  if (index.all.length === 0) return [];
  const out: PaperDispute[] = [];
  for (const [field, dispute] of index.papers.get(paperKey(paper.id)) ?? []) out.push({ field, dispute });
  const seen = new Set<string>();
  for (const name of paper.organizations) {
    const key = organizationKey(name);
    const dispute = index.organizations.get(key);
    if (dispute && !seen.has(key)) out.push({ field: 'category', organization: name, dispute });
    seen.add(key);
  }
  return out;
}

/**
 * A paper's disputes as one short text (the export's `Disputed` column): paper fields by name,
 * organization categories as `category (Mila)`, joined by `; ` (`decision; category (Mila)`);
 * empty when nothing is disputed.
 */
export function formatPaperDisputes(disputes: readonly PaperDispute[]): string {
  return disputes.map((d) => (d.field === 'category' ? `category (${d.organization})` : d.field)).join('; ');
}

/**
 * The competing values of a dispute as one line, latest first: `Industry (ada), Academia (bob)`;
 * for tooltips and the details view.
 */
export function formatDisputeValues(dispute: Dispute): string {
  return dispute.values.map((v) => `${v.value} (${v.annotator})`).join(', ');
}
