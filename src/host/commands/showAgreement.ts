import * as vscode from 'vscode';
import { agreementOf, organizationRatings, teamSectorRatings, type AgreementReport } from '../../core/labels/agreement';
import type { Disagreement } from '../../core/labels/fold';
import { LABELLED_TEAM_SECTORS } from '../../core/labels/event';
import type { OrganizationCategory } from '../../core/model';
import type { Services } from '../services';
import { pickCategory } from './labelCommands';

const fmt = (x: number | undefined): string => (x === undefined ? 'n/a' : x.toFixed(3));

/** The agreement report as Markdown: alpha and pairwise kappa on categories and sectors, then the disagreements. */
export function agreementMarkdown(organizations: AgreementReport, sectors: AgreementReport, disagreements: readonly Disagreement[]): string {
  const section = (title: string, r: AgreementReport): string[] => [
    `## ${title}`,
    '',
    `${r.items} items rated by ${r.annotators.length} annotators (${r.annotators.join(', ') || 'none'}).`,
    '',
    `Krippendorff's alpha (nominal): **${fmt(r.alpha.alpha)}** over ${r.alpha.units} items rated at least twice (${r.alpha.n} pairable values).`,
    '',
    ...(r.pairwise.length ? ['| Annotators | Items both rated | Observed agreement | Cohen\'s kappa |', '|---|---:|---:|---:|', ...r.pairwise.map((p) => `| ${p.a} – ${p.b} | ${p.kappa.n} | ${fmt(p.kappa.observed)} | ${fmt(p.kappa.kappa)} |`)] : ['Cohen\'s kappa needs two annotators.']),
    '',
  ];
  const rows = disagreements.map((d) => `| ${d.kind} | ${d.display.replace(/\|/g, '\\|')} | ${d.field} | ${d.values.map((v) => `${v.annotator}: ${v.value}`).join('; ')} | ${d.effective.value}${d.adjudicated ? ' (adjudicated)' : ''} |`);
  return [
    '# Label agreement',
    '',
    ...section('Organization categories', organizations),
    ...section('Team sectors (effective, per paper)', sectors).flatMap((line, i) =>
      i === 1 ? ['', "Each annotator's team sector of a paper follows from their own organization labels (and their team-sector overrides), so a paper counts here once an annotator has labelled any of its organizations.", ''] : [line],
    ),
    `## Disagreements (${disagreements.length})`,
    '',
    ...(rows.length
      ? ['| Target | Name | Field | Values | In force |', '|---|---|---|---|---|', ...rows, '', "Pick one in the list that opens with this report to adjudicate it: an adjudicator's label wins (labels.md)."]
      : ['None.']),
    '',
  ].join('\n');
}

/**
 * "Show Agreement": Cohen's kappa for each pair of annotators and Krippendorff's alpha (nominal)
 * for all, on organization categories and on team sectors, as a Markdown report beside the editor;
 * then the disagreements in a QuickPick, each one step from adjudication: the chosen value is
 * appended by the current annotator, who is made an adjudicator first (after confirming), so the
 * label wins as labels.md says.
 */
export async function showAgreement(services: Services): Promise<void> {
  const view = services.dataset.view;
  if (!view) return;
  const state = services.labels.state;
  if (state.annotators.length < 2) {
    void vscode.window.showInformationMessage(
      state.annotators.length === 0
        ? 'No labels yet. Label with "Label Organization…" or "Start Affiliation Triage"; agreement needs labels from two annotators.'
        : `Only ${state.annotators[0]} has labelled so far; agreement needs labels from two annotators (each sets computeDivide.annotator).`,
    );
    return;
  }
  const report = agreementMarkdown(agreementOf(organizationRatings(state)), agreementOf(teamSectorRatings(view.original, state)), state.disagreements);
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: report });
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
  const adjudicable = state.disagreements.filter((d) => (d.kind === 'organization' && d.field === 'category') || (d.kind === 'paper' && d.field === 'teamSector'));
  if (adjudicable.length === 0) return;
  const choice = await vscode.window.showQuickPick(
    adjudicable.map((d) => ({ label: d.display, description: d.values.map((v) => `${v.annotator}: ${v.value}`).join(' · '), detail: `${d.field} — in force: ${d.effective.value}${d.adjudicated ? ' (adjudicated)' : ''}`, d })),
    { title: `${adjudicable.length} disagreements — pick one to adjudicate` },
  );
  if (!choice) return;
  await adjudicate(services, choice.d);
}

async function adjudicate(services: Services, d: Disagreement): Promise<void> {
  const me = await services.labels.annotator();
  if (!me) return;
  if (!services.labels.state.adjudicators.has(me)) {
    const ok = await vscode.window.showWarningMessage(`Adjudicate as ${me}? Your labels will then win over other annotators' on every target (recorded in the label log).`, { modal: true }, 'Adjudicate');
    if (ok !== 'Adjudicate') return;
    await services.labels.append([{ target: { kind: 'annotator', name: me }, field: 'role', value: 'adjudicator' }]);
  }
  if (d.kind === 'organization') {
    const category: OrganizationCategory | undefined = await pickCategory(services, d.display, 'adjudication');
    if (category) await services.labels.append([{ target: { kind: 'organization', name: d.display }, field: 'category', value: category, reason: 'adjudication' }]);
  } else {
    const sector = (await vscode.window.showQuickPick(LABELLED_TEAM_SECTORS.map((label) => ({ label })), { title: `Team sector of ${d.display} (adjudication)` }))?.label;
    if (sector) await services.labels.append([{ target: { kind: 'paper', id: d.display }, field: 'teamSector', value: sector, reason: 'adjudication' }]);
  }
}
