import * as vscode from 'vscode';
import { LABELLED_TEAM_SECTORS, type LabelChange, type LabelledTeamSector, type PaperDecision } from '../../core/labels/event';
import { organizationsIndex } from '../../core/labels/organizations';
import { suggestCategories } from '../../core/labels/suggest';
import { ORGANIZATION_CATEGORIES, type OrganizationCategory, type Paper } from '../../core/model';
import type { OrganizationNode } from '../organizationsTreeProvider';
import type { PaperNode } from '../papersTreeProvider';
import { canSaveLabels } from '../labellingNeedsFolder';
import { paperIdOf, type Services } from '../services';

type AnyNode = PaperNode | OrganizationNode;

/** Organization names a command was invoked for: tree nodes (with multi-select), a name, or a paper's organizations. */
function organizationsOf(services: Services, arg: unknown, selected: unknown): string[] {
  const nodes = (Array.isArray(selected) && selected.length > 0 ? selected : [arg]) as unknown[];
  const names: string[] = [];
  for (const node of nodes) {
    if (typeof node === 'string') names.push(node);
    else if (node && typeof node === 'object' && 'kind' in node) {
      const n = node as AnyNode;
      if (n.kind === 'organization') {
        const index = organizationsIndex(services.dataset.view!.dataset, services.labels.state);
        const entry = index.get(n.key);
        if (entry) names.push(entry.name);
      }
    }
  }
  return [...new Set(names)];
}

function papersOf(services: Services, arg: unknown, selected: unknown): Paper[] {
  const nodes = (Array.isArray(selected) && selected.length > 0 ? selected : [arg]) as unknown[];
  const ids = nodes.map((n) => paperIdOf(n as string | PaperNode | undefined, services)).filter((id): id is string => id !== undefined);
  return [...new Set(ids)].flatMap((id) => {
    const paper = services.dataset.view?.byId.get(id);
    return paper ? [paper] : [];
  });
}

/** A paper target with the row's date and organizations, so a later snapshot can be checked (labels.md). */
function paperTarget(paper: Paper): { kind: 'paper'; id: string; date?: string; organizations: string[] } {
  return { kind: 'paper', id: paper.id, ...(paper.publicationDate ? { date: paper.publicationDate } : {}), organizations: paper.organizations };
}

/**
 * Ask for an organization's category: the five categories, the best-supported suggestion first
 * with its reason (the user's earlier labels, other rows, name patterns; under blind coding no
 * other annotator's labels). Undefined when dismissed.
 */
export async function pickCategory(services: Services, name: string, step?: string): Promise<OrganizationCategory | undefined> {
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
  const choice = await vscode.window.showQuickPick(items, { title: `Category of ${name}${step ? ` (${step})` : ''}`, placeHolder: best ? `Suggested: ${best.category} — ${best.reason}` : 'No evidence yet: choose the category', matchOnDetail: true });
  return choice?.category;
}

/**
 * "Label Organization…": label one or many organizations (multi-select in the trees) with one
 * category. From a paper it asks which of its organizations. `category` skips the question (scripts).
 */
export async function labelOrganization(services: Services, arg?: unknown, selected?: unknown, category?: OrganizationCategory): Promise<number> {
  if (!(await canSaveLabels(services.labels))) return 0;
  let names = organizationsOf(services, arg, selected);
  if (names.length === 0) {
    const papers = papersOf(services, arg, selected);
    const candidates = papers.length > 0 ? papers.flatMap((p) => p.organizations) : [...organizationsIndex(services.dataset.view!.dataset, services.labels.state).values()].sort((a, b) => b.paperIds.length - a.paperIds.length).map((e) => e.name);
    const picked = await vscode.window.showQuickPick([...new Set(candidates)], { title: 'Label which organization?', canPickMany: papers.length > 0 });
    names = picked === undefined ? [] : Array.isArray(picked) ? picked : [picked];
  }
  if (names.length === 0) return 0;
  const chosen = category ?? (await pickCategory(services, names.length === 1 ? names[0] : `${names.length} organizations`));
  if (!chosen) return 0;
  await services.labels.append(names.map((name) => ({ target: { kind: 'organization', name }, field: 'category', value: chosen }) satisfies LabelChange));
  void vscode.window.setStatusBarMessage(`$(check) ${names.length === 1 ? names[0] : `${names.length} organizations`} → ${chosen} (saved)`, 4000);
  return names.length;
}

/** "Label Paper Affiliations…": step through a paper's organizations, one category each (Esc stops). */
export async function labelPaperAffiliations(services: Services, arg?: unknown): Promise<number> {
  if (!(await canSaveLabels(services.labels))) return 0;
  const [paper] = papersOf(services, arg, undefined);
  if (!paper) return 0;
  let count = 0;
  for (const [i, name] of paper.organizations.entries()) {
    const category = await pickCategory(services, name, `${i + 1} of ${paper.organizations.length}, ${paper.name}`);
    if (!category) break;
    await services.labels.append([{ target: { kind: 'organization', name }, field: 'category', value: category }]);
    count++;
  }
  return count;
}

/** "Set Team Sector…": override papers' derived sectors, with a reason. */
export async function setTeamSector(services: Services, arg?: unknown, selected?: unknown, sector?: LabelledTeamSector, reason?: string): Promise<number> {
  if (!(await canSaveLabels(services.labels))) return 0;
  const papers = papersOf(services, arg, selected);
  if (papers.length === 0) return 0;
  const chosen: LabelledTeamSector | undefined =
    sector ??
    (await vscode.window.showQuickPick<{ label: LabelledTeamSector }>(
      LABELLED_TEAM_SECTORS.map((label) => ({ label })),
      { title: `Team sector of ${papers.length === 1 ? papers[0].name : `${papers.length} papers`}` },
    ))?.label;
  if (!chosen) return 0;
  const why = reason ?? (await vscode.window.showInputBox({ title: 'Why? (kept with the label)', prompt: 'e.g. "all authors at DeepMind"', ignoreFocusOut: true }));
  if (why === undefined) return 0;
  await services.labels.append(papers.map((p) => ({ target: paperTarget(p), field: 'teamSector', value: chosen, ...(why ? { reason: why } : {}) }) satisfies LabelChange));
  return papers.length;
}

/** "Mark Paper Include / Exclude / Maybe". */
export async function markPaper(services: Services, decision: PaperDecision, arg?: unknown, selected?: unknown): Promise<number> {
  if (!(await canSaveLabels(services.labels))) return 0;
  const papers = papersOf(services, arg, selected);
  if (papers.length === 0) return 0;
  await services.labels.append(papers.map((p) => ({ target: paperTarget(p), field: 'decision', value: decision }) satisfies LabelChange));
  void vscode.window.setStatusBarMessage(`$(check) ${papers.length === 1 ? papers[0].name : `${papers.length} papers`}: ${decision} (saved)`, 4000);
  return papers.length;
}

/** "Undo Last Label": appends the event that restores the earlier value; the log only grows. */
export async function undoLabel(services: Services): Promise<boolean> {
  const undone = await services.labels.undo();
  if (!undone) void vscode.window.showInformationMessage('Nothing to undo in this session.');
  return undone !== undefined;
}

