import * as vscode from 'vscode';
import { LABELLED_TEAM_SECTORS, type LabelChange, type LabelledTeamSector, type PaperDecision } from '../../core/labels/event';
import { organizationsIndex } from '../../core/labels/organizations';
import { suggestCategories } from '../../core/labels/suggest';
import { ORGANIZATION_CATEGORIES, type OrganizationCategory, type Paper } from '../../core/dataset/model';
import { displayText } from '../../core/text/visibleText';
import { canSaveLabels } from '../labellingNeedsFolder';
import type { Services } from '../services';
import { papersTitle, targetOrganizations, targetPapers } from './targets';

/** The services these commands use (narrowed from `Services`). */
export type LabelCommandsServices = Pick<Services, 'dataset' | 'labels'>;

/** A paper target with the row's date and organizations, so a later snapshot can be checked (labels.md). */
function paperTarget(paper: Paper): { kind: 'paper'; id: string; date?: string; organizations: string[] } {
  return { kind: 'paper', id: paper.id, ...(paper.publicationDate ? { date: paper.publicationDate } : {}), organizations: paper.organizations };
}

/**
 * Ask for an organization's category: the five categories, the best-supported suggestion first
 * with its reason (the user's earlier labels, other rows, name patterns; under blind coding no
 * other annotator's labels). The title names the target: "Label organization: Stanford University"
 * (`step` adds where it is in a sequence). Undefined when dismissed.
 */
export async function pickCategory(services: LabelCommandsServices, name: string, step?: string): Promise<OrganizationCategory | undefined> {
  const view = services.dataset.view;
  const annotator = await services.labels.annotator();
  // Blind coding: only the annotator's own labels feed the suggestions (issue #10).
  const blind = services.labels.blindCoding;
  const state = services.labels.stateFor(annotator, blind);
  const suggestions = view ? suggestCategories(name, { state, index: organizationsIndex(view.dataset, state), annotator, blind }) : [];
  const best = suggestions[0];
  const items = ORGANIZATION_CATEGORIES.map((category) => {
    const suggestion = suggestions.find((s) => s.category === category);
    return {
      label: category,
      description: suggestion ? `${Math.round(suggestion.confidence * 100)}% — ${suggestion === best ? 'suggested' : 'also possible'}` : undefined,
      detail: suggestion?.reason,
      category,
    };
  }).sort((a, b) => (a.category === best?.category ? -1 : b.category === best?.category ? 1 : 0));
  const choice = await vscode.window.showQuickPick(items, { title: `Label organization: ${displayText(name)}${step ? ` (${step})` : ''}`, placeHolder: best ? `Suggested: ${best.category} — ${best.reason}` : 'No evidence yet: choose the category', matchOnDetail: true });
  return choice?.category;
}

/**
 * "Label Organization…": label one or many organizations (multi-select in the trees) with one
 * category. From a paper it asks which of its organizations; from the palette, which organization
 * of the table (see `targetOrganizations`). `category` skips the question (scripts).
 */
export async function labelOrganization(services: LabelCommandsServices, arg?: unknown, selected?: unknown, category?: OrganizationCategory): Promise<number> {
  if (!(await canSaveLabels(services.labels))) return 0;
  const names = await targetOrganizations(services, arg, selected);
  if (names.length === 0) return 0;
  const chosen = category ?? (await pickCategory(services, names.length === 1 ? names[0] : `${names.length} organizations (${names.slice(0, 3).join(', ')}${names.length > 3 ? ', …' : ''})`));
  if (!chosen) return 0;
  await services.labels.append(names.map((name) => ({ target: { kind: 'organization', name }, field: 'category', value: chosen }) satisfies LabelChange));
  void vscode.window.setStatusBarMessage(`$(check) ${names.length === 1 ? displayText(names[0]) : `${names.length} organizations`} → ${chosen} (saved)`, 4000);
  return names.length;
}

/** "Label Paper Affiliations…": step through a paper's organizations, one category each (Esc stops). */
export async function labelPaperAffiliations(services: LabelCommandsServices, arg?: unknown): Promise<number> {
  if (!(await canSaveLabels(services.labels))) return 0;
  const [paper] = await targetPapers(services, arg, undefined, 'Label the affiliations of which paper?');
  if (!paper) return 0;
  const title = papersTitle(services, [paper]);
  if (paper.organizations.length === 0) {
    void vscode.window.showInformationMessage(`${title} names no organization.`);
    return 0;
  }
  let count = 0;
  for (const [i, name] of paper.organizations.entries()) {
    const category = await pickCategory(services, name, `${i + 1} of ${paper.organizations.length}, affiliations of ${title}`);
    if (!category) break;
    await services.labels.append([{ target: { kind: 'organization', name }, field: 'category', value: category }]);
    count++;
  }
  return count;
}

/** "Set Team Sector…": override papers' derived sectors, with a reason. The pickers name the papers. */
export async function setTeamSector(services: LabelCommandsServices, arg?: unknown, selected?: unknown, sector?: LabelledTeamSector, reason?: string): Promise<number> {
  if (!(await canSaveLabels(services.labels))) return 0;
  const papers = await targetPapers(services, arg, selected, 'Set team sector of which paper?');
  if (papers.length === 0) return 0;
  const target = papersTitle(services, papers);
  const chosen: LabelledTeamSector | undefined =
    sector ??
    (await vscode.window.showQuickPick<{ label: LabelledTeamSector }>(
      LABELLED_TEAM_SECTORS.map((label) => ({ label })),
      { title: `Set team sector of: ${target}` },
    ))?.label;
  if (!chosen) return 0;
  const why = reason ?? (await vscode.window.showInputBox({ title: `Why ${chosen}? (kept with the label of: ${target})`, prompt: 'e.g. "all authors at DeepMind"', ignoreFocusOut: true }));
  if (why === undefined) return 0;
  await services.labels.append(papers.map((p) => ({ target: paperTarget(p), field: 'teamSector', value: chosen, ...(why ? { reason: why } : {}) }) satisfies LabelChange));
  return papers.length;
}

const DECISION_TITLES: Readonly<Record<PaperDecision, string>> = { include: 'Include', exclude: 'Exclude', maybe: 'Maybe' };

/** "Mark Paper Include / Exclude / Maybe": the view's papers, or the one chosen from the palette. */
export async function markPaper(services: LabelCommandsServices, decision: PaperDecision, arg?: unknown, selected?: unknown): Promise<number> {
  if (!(await canSaveLabels(services.labels))) return 0;
  const papers = await targetPapers(services, arg, selected, `Mark paper ${DECISION_TITLES[decision]}: which paper?`);
  if (papers.length === 0) return 0;
  await services.labels.append(papers.map((p) => ({ target: paperTarget(p), field: 'decision', value: decision }) satisfies LabelChange));
  void vscode.window.setStatusBarMessage(`$(check) ${papersTitle(services, papers)}: ${decision} (saved)`, 4000);
  return papers.length;
}

/** "Undo Last Label": appends the event that restores the earlier value; the log only grows. */
export async function undoLabel(services: LabelCommandsServices): Promise<boolean> {
  const undone = await services.labels.undo();
  if (!undone) void vscode.window.showInformationMessage('Nothing to undo in this session.');
  return undone !== undefined;
}

