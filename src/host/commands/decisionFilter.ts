import * as vscode from 'vscode';
import { decisionCounts, DECISION_CHOICES, type DecisionChoice } from '../../core/labels/decisions';
import type { Services } from '../services';

/** The services these commands use (narrowed from `Services`). */
export type DecisionFilterServices = Pick<Services, 'context' | 'dataset' | 'papersTree'>;

const DECISION_FILTER_KEY = 'computeDivide.papersDecisionFilter';

/** The choices of "Filter by Decision…", as the Papers view's description names them. */
export const DECISION_FILTER_WORDS: Record<DecisionChoice | 'all', string> = { all: 'all papers', include: 'included', exclude: 'excluded', maybe: 'maybe', undecided: 'undecided' };

/** The decision filter remembered for this workspace (default: all papers). */
export function rememberedDecisionFilter(context: vscode.ExtensionContext): DecisionChoice | 'all' {
  const value = context.workspaceState.get<string>(DECISION_FILTER_KEY);
  return (DECISION_CHOICES as readonly string[]).includes(value ?? '') ? (value as DecisionChoice) : 'all';
}

/** What the Papers view's description says while a decision filter is on (empty when none). */
export function decisionFilterDescription(filter: DecisionChoice | 'all'): string {
  return filter === 'all' ? '' : `decision: ${DECISION_FILTER_WORDS[filter]}`;
}

/**
 * "Filter by Decision…" (Papers view title): a QuickPick of all / included / excluded / maybe /
 * undecided with the number of papers of each, the current one marked; the choice is applied to the
 * tree, remembered per workspace, and named in the view's description. `choice` skips the picker.
 */
export async function filterByDecision(services: DecisionFilterServices, choice?: DecisionChoice | 'all', describe?: () => void): Promise<void> {
  let next = choice;
  if (next === undefined) {
    const view = services.dataset.view;
    const counts = view ? decisionCounts(view.dataset.papers) : undefined;
    const current = services.papersTree.decisionFilter;
    const items = (['all', ...DECISION_CHOICES] as const).map((value) => ({
      label: `${value === current ? '$(check) ' : ''}${DECISION_FILTER_WORDS[value][0].toUpperCase()}${DECISION_FILTER_WORDS[value].slice(1)}`,
      description: counts ? `${(value === 'all' ? counts.papers : counts[value]).toLocaleString('en-US')} papers` : undefined,
      value,
    }));
    const picked = await vscode.window.showQuickPick(items, { title: 'Show papers with the screening decision…', placeHolder: `Now: ${DECISION_FILTER_WORDS[current]}` });
    if (!picked) return;
    next = picked.value;
  }
  services.papersTree.decisionFilter = next;
  await services.context.workspaceState.update(DECISION_FILTER_KEY, next);
  describe?.();
}
