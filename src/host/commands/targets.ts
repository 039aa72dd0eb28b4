import * as vscode from 'vscode';
import { organizationsIndex } from '../../core/labels/organizations';
import { countNoun } from '../../core/text/format';
import type { Paper } from '../../core/dataset/model';
import { paperTargetTitle } from '../../core/dataset/paperTitle';
import { displayText } from '../../core/text/visibleText';
import { groupOf, type OrganizationNode } from '../organizationsTreeProvider';
import type { PaperNode } from '../papersTreeProvider';
import type { Services } from '../services';
import { choosePaper, noDataset } from './findPaper';

/** The services these commands use (narrowed from `Services`). */
export type TargetsServices = Pick<Services, 'dataset' | 'labels'>;

/**
 * What a command was invoked for. VS Code passes a tree node from a view (context menu, inline
 * action; with multi-selection, the clicked node and every selected node), nothing from the
 * Command Palette; scripts and webviews pass a paper id or an organization name. A command never
 * falls back on an earlier tree selection or the paper in the details view: with nothing given it
 * asks, in a picker whose title says what the choice is for.
 */
export type TreeNode = PaperNode | OrganizationNode;

function isTreeNode(value: unknown): value is TreeNode {
  return typeof value === 'object' && value !== null && 'kind' in value;
}

/** The nodes a view passed: the selection when the clicked node is part of it, else the clicked node. */
export function nodesOf(arg: unknown, selected: unknown): TreeNode[] {
  if (!isTreeNode(arg)) return [];
  const all = Array.isArray(selected) ? selected.filter(isTreeNode) : [];
  return all.length > 0 ? all : [arg];
}

/** The papers among tree nodes (a paper row in either tree), each once, in order. */
function papersOfNodes(services: TargetsServices, nodes: readonly TreeNode[]): Paper[] {
  const view = services.dataset.view;
  const ids = [...new Set(nodes.flatMap((n) => (n.kind === 'paper' ? [n.paperId] : [])))];
  return ids.flatMap((id) => {
    const paper = view?.byId.get(id);
    return paper ? [paper] : [];
  });
}

/**
 * The papers a command acts on: a paper id (scripts, webviews, a tree row's click); the view's
 * paper rows; or, from the palette (no argument), the paper chosen in Find Paper's search, titled
 * `question` (e.g. "Set team sector of which paper?"). [] when dismissed or when the id is unknown.
 */
export async function targetPapers(services: TargetsServices, arg: unknown, selected: unknown, question: string): Promise<Paper[]> {
  const view = services.dataset.view;
  if (typeof arg === 'string') {
    const paper = view?.byId.get(arg);
    return paper ? [paper] : [];
  }
  if (arg !== undefined) return papersOfNodes(services, nodesOf(arg, selected));
  if (!view) {
    noDataset();
    return [];
  }
  const paper = await choosePaper(view, { title: question });
  return paper ? [paper] : [];
}

/** The name of what a command acts on, for a title: one paper as `GPT-4 (OpenAI, 2023-03-15)`, else "3 papers". */
export function papersTitle(services: TargetsServices, papers: readonly Paper[]): string {
  const duplicated = services.dataset.view?.duplicatedNames ?? new Set<string>();
  return papers.length === 1 ? displayText(paperTargetTitle(papers[0], duplicated)) : countNoun(papers.length, 'paper');
}

/**
 * The organizations "Label Organization…" acts on: a name (scripts); the Organizations view's
 * selected organizations; for paper rows, the ones chosen among their organizations (a picker
 * titled with the paper); from the palette, the one chosen among all organizations by name, with
 * their paper counts and groups. [] when dismissed.
 */
export async function targetOrganizations(services: TargetsServices, arg: unknown, selected: unknown): Promise<string[]> {
  const view = services.dataset.view;
  if (typeof arg === 'string') return [arg];
  if (!view) {
    noDataset();
    return [];
  }
  const index = organizationsIndex(view.dataset, services.labels.state);
  if (arg !== undefined) {
    const nodes = nodesOf(arg, selected);
    const names = [...new Set(nodes.flatMap((n) => {
      const entry = n.kind === 'organization' ? index.get(n.key) : undefined;
      return entry ? [entry.name] : [];
    }))];
    if (names.length > 0) return names;
    const papers = papersOfNodes(services, nodes);
    const candidates = [...new Set(papers.flatMap((p) => p.organizations))];
    if (candidates.length === 0) {
      void vscode.window.showInformationMessage(`${papersTitle(services, papers)} names no organization.`);
      return [];
    }
    const picked = await vscode.window.showQuickPick(candidates.map((name) => ({ label: displayText(name), name })), {
      title: `Label organizations of: ${papersTitle(services, papers)}`,
      placeHolder: 'Choose one or more organizations',
      canPickMany: true,
    });
    return (picked ?? []).map((p) => p.name);
  }
  const entries = [...index.values()].sort((a, b) => b.paperIds.length - a.paperIds.length || a.name.localeCompare(b.name));
  const picked = await vscode.window.showQuickPick(
    entries.map((e) => ({ label: displayText(e.name), description: `${countNoun(e.paperIds.length, 'paper')} · ${groupOf(e)}`, name: e.name })),
    { title: 'Label which organization?', placeHolder: 'Type an organization’s name', matchOnDescription: false },
  );
  return picked ? [picked.name] : [];
}
