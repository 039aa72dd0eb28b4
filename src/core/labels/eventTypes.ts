/**
 * The shape of label events (spec `../shared/spec/labels.md`, "An event"). Types and the value
 * lists only; checking is in checkEvent.ts, making and writing in event.ts.
 */
import type { OrganizationCategory } from '../dataset/model';

/** Team sectors a paper's `teamSector` label may set (Unknown is not a label: spec "An event"). */
export const LABELLED_TEAM_SECTORS = ['Academia', 'Industry', 'Collaboration', 'Other'] as const;
export type LabelledTeamSector = (typeof LABELLED_TEAM_SECTORS)[number];
/** A paper's triage decision. */
export const PAPER_DECISIONS = ['include', 'exclude', 'maybe'] as const;
export type PaperDecision = (typeof PAPER_DECISIONS)[number];
export type AnnotatorRole = 'adjudicator';
/** Whether a base model's weights are released (labels.md, `model` target, field `openWeights`). */
export const OPEN_WEIGHTS_VALUES = ['open', 'closed'] as const;
export type OpenWeightsValue = (typeof OPEN_WEIGHTS_VALUES)[number];

export interface OrganizationTarget {
  kind: 'organization';
  name: string;
}
/** A paper, by id; `date` and `organizations` are those of the row the label was made on. */
export interface PaperTarget {
  kind: 'paper';
  id: string;
  date?: string;
  organizations?: string[];
}
export interface AnnotatorTarget {
  kind: 'annotator';
  name: string;
}
/** A base model that the table has no row for, by name (labels.md; analyses.md, "diffusion"). */
export interface ModelTarget {
  kind: 'model';
  name: string;
}
export type LabelTarget = OrganizationTarget | PaperTarget | AnnotatorTarget | ModelTarget;

type Change<T, F extends string, V> = { target: T; field: F; value: V | null; reason?: string; blind?: true };
/**
 * What an event says, without who and when. `value: null` retracts the annotator's value.
 * `blind: true` records that the annotator saw no other annotator's labels when making it (blind
 * coding, issue #10); the fold ignores it. A paper's `organizations` value is the list of
 * organization names the annotator read from the paper (labels.md).
 */
export type LabelChange =
  | Change<OrganizationTarget, 'category', OrganizationCategory>
  | Change<PaperTarget, 'teamSector', LabelledTeamSector>
  | Change<PaperTarget, 'decision', PaperDecision>
  | Change<PaperTarget, 'topic', string>
  | Change<PaperTarget, 'note', string>
  | Change<PaperTarget, 'organizations', string[]>
  | Change<AnnotatorTarget, 'role', AnnotatorRole>
  | Change<ModelTarget, 'teamSector', LabelledTeamSector>
  | Change<ModelTarget, 'openWeights', OpenWeightsValue>;
/** One event of the log (spec "An event"). `ts` is ISO 8601 UTC. */
export type LabelEvent = { v: 1; id: string; ts: string; annotator: string } & LabelChange;
export type LabelField = LabelEvent['field'];

