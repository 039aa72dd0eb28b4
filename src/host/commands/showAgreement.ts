import * as vscode from 'vscode';
import type { LabelChange, LabelledTeamSector, OpenWeightsValue, PaperDecision, PaperTarget } from '../../core/labels/event';
import { ADJUDICATION_REASON } from '../../core/labels/agreementReport';
import type { Disagreement } from '../../core/labels/fold';
import type { OrganizationCategory } from '../../core/dataset/model';
import type { LabelService } from '../labelService';
import type { Services } from '../services';

/** The services these commands use (narrowed from `Services`). */
export type ShowAgreementServices = Pick<Services, 'agreement'>;

/**
 * "Show Agreement": opens (or brings forward) the Agreement view, a read-only webview with
 * Krippendorff's alpha and Cohen's kappa per pair, whether the labels were made blind, and the
 * disagreements, each one click from adjudication (`AgreementPanel`).
 */
export function showAgreement(services: ShowAgreementServices): void {
  services.agreement.show();
}

/**
 * Adjudicate one disagreement with one of its values: the current annotator's label with reason
 * "adjudication", appended through the LabelService. The first adjudication asks (a modal) to make
 * the annotator an adjudicator, recorded in the log as a `role` event, so their labels win as the
 * label log's rules say. Returns true when the label was appended, false when cancelled or when
 * the value is not one the annotators gave.
 */
export async function adjudicate(labels: LabelService, d: Disagreement, value: string): Promise<boolean> {
  if (!d.values.some((v) => v.value === value)) return false;
  const change = adjudicationChange(d, value);
  if (!change) return false;
  const me = await labels.annotator();
  if (!me) return false;
  if (!labels.state.adjudicators.has(me)) {
    const ok = await vscode.window.showWarningMessage(
      `Adjudicate as ${me}? Your labels will then win over other annotators' on every target (recorded in the label log).`,
      { modal: true },
      'Adjudicate',
    );
    if (ok !== 'Adjudicate') return false;
    await labels.append([{ target: { kind: 'annotator', name: me }, field: 'role', value: 'adjudicator' }]);
  }
  await labels.append([change]);
  void vscode.window.setStatusBarMessage(`$(law) ${d.display}: ${d.field} → ${value} (adjudicated, saved)`, 4000);
  return true;
}

/** The label an adjudicator appends to decide `d` for `value` (the paper target as the latest label wrote it). */
function adjudicationChange(d: Disagreement, value: string): LabelChange | undefined {
  const reason = ADJUDICATION_REASON;
  if (d.kind === 'organization') return { target: { kind: 'organization', name: d.display }, field: 'category', value: value as OrganizationCategory, reason };
  if (d.kind === 'model') {
    const target = { kind: 'model' as const, name: d.display };
    if (d.field === 'teamSector') return { target, field: 'teamSector', value: value as LabelledTeamSector, reason };
    if (d.field === 'openWeights') return { target, field: 'openWeights', value: value as OpenWeightsValue, reason };
    return undefined;
  }
  if (d.kind !== 'paper') return undefined;
  const written = d.values[0]?.target;
  const target: PaperTarget = written?.kind === 'paper' ? written : { kind: 'paper', id: d.display };
  switch (d.field) {
    case 'teamSector':
      return { target, field: 'teamSector', value: value as LabelledTeamSector, reason };
    case 'decision':
      return { target, field: 'decision', value: value as PaperDecision, reason };
    case 'topic':
      return { target, field: 'topic', value, reason };
    case 'note':
      return { target, field: 'note', value, reason };
    default:
      return undefined;
  }
}
