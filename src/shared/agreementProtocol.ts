/**
 * Messages between the host and the Agreement webview. The host computes every number (core
 * `agreementSummary`) and re-sends the view whenever the labels or the dataset change; the webview
 * draws it and forwards clicks (adjudicate, export). Both sides switch over `type` exhaustively.
 */

/** Cohen's kappa of one pair of annotators. `null` where the statistic is undefined (0/0). */
export interface AgreementPairView {
  a: string;
  b: string;
  /** Items both rated. */
  n: number;
  observed: number;
  kappa: number | null;
}

/** Agreement on one kind of item (organization categories, team sectors). */
export interface AgreementSectionView {
  title: string;
  note?: string;
  /** Why there are no numbers (no dataset loaded); the other fields are then empty. */
  unavailable?: string;
  items: number;
  annotators: string[];
  alpha: number | null;
  /** Items rated at least twice, and the pairable values in them. */
  alphaUnits: number;
  alphaValues: number;
  pairs: AgreementPairView[];
}

export interface BlindShareView {
  annotator: string;
  events: number;
  blind: number;
}

/** One disagreement: every annotator's current value, and what is in force. */
export interface DisagreementView {
  kind: 'organization' | 'paper' | 'annotator' | 'model';
  /** The matching key of the target: with kind and field, what an `adjudicate` message names. */
  key: string;
  display: string;
  field: string;
  values: { annotator: string; value: string }[];
  effective: { annotator: string; value: string };
  adjudicated: boolean;
  /** The values an adjudicator can choose with one click (the annotators' distinct values). */
  choices: string[];
}

export interface AgreementView {
  /** The annotators whose ratings count (adjudications left out). */
  annotators: string[];
  adjudicators: string[];
  /** Why agreement cannot be measured yet (fewer than two annotators). */
  missing?: string;
  sections: AgreementSectionView[];
  blind: BlindShareView[];
  /** One sentence: all, none or some labels made blind. */
  blindVerdict: string;
  open: DisagreementView[];
  adjudicated: DisagreementView[];
  /** The current annotator, when known, and whether they are an adjudicator already. */
  me?: { name: string; adjudicator: boolean };
}

/** What the webview keeps across reloads (nothing the host cannot recompute). */
export interface AgreementState {
  showAdjudicated?: boolean;
}

/** The view, after `ready` and after every change (and after an adjudication, done or cancelled). */
export type AgreementToWebview = { type: 'view'; view: AgreementView };

export type AgreementToHost =
  | { type: 'ready' }
  | { type: 'adjudicate'; kind: DisagreementView['kind']; key: string; field: string; value: string }
  | { type: 'export' };
