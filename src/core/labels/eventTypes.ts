/**
 * The shape of label events (spec `../shared/spec/labels.md`, "An event"). Types and the value
 * lists only; checking is in checkEvent.ts, making and writing in event.ts.
 */
import type { OrganizationCategory } from '../model';

/** Team sectors a paper's `teamSector` label may set (Unknown is not a label: spec "An event"). */
export const LABELLED_TEAM_SECTORS = ['Academia', 'Industry', 'Collaboration', 'Other'] as const;
export type LabelledTeamSector = (typeof LABELLED_TEAM_SECTORS)[number];
/** A paper's triage decision. */
export const PAPER_DECISIONS = ['include', 'exclude', 'maybe'] as const;
export type PaperDecision = (typeof PAPER_DECISIONS)[number];
export type AnnotatorRole = 'adjudicator';

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
export type LabelTarget = OrganizationTarget | PaperTarget | AnnotatorTarget;

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
  | Change<AnnotatorTarget, 'role', AnnotatorRole>;
/** One event of the log (spec "An event"). `ts` is ISO 8601 UTC. */
export type LabelEvent = { v: 1; id: string; ts: string; annotator: string } & LabelChange;
export type LabelField = LabelEvent['field'];

