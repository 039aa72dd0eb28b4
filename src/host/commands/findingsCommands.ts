import * as vscode from 'vscode';
import { LABELLED_TEAM_SECTORS, OPEN_WEIGHTS_VALUES, type LabelChange, type LabelledTeamSector, type OpenWeightsValue } from '../../core/labels/event';
import { displayText } from '../../core/text/visibleText';
import { isFindingsTab, type TopicsBy } from '../../shared/findingsProtocol';
import { canSaveLabels } from '../labellingNeedsFolder';
import type { Services } from '../services';

/** "Show Findings": the Findings panel on a tab (`trends`, `topics` or `diffusion`; default trends). */
export function showFindings(services: Pick<Services, 'trends'>, tab?: unknown): void {
  services.trends.show(isFindingsTab(tab) ? tab : 'trends');
}

/**
 * Show a topic of the Topics tab in the Papers tree: its node is revealed, selected and expanded.
 * The tree groups rows by their first Domain, so a Task, or a domain that is never a row's first,
 * has no node: the user is told so. Returns whether a node was revealed.
 */
export async function revealTopic(services: Pick<Services, 'papersTree' | 'papersView'>, topic: string, by: TopicsBy): Promise<boolean> {
  if (by === 'task') {
    void vscode.window.showInformationMessage(`The Papers tree groups models by Domain, not by Task, so "${displayText(topic)}" has no node there. Switch the Topics tab to Domain to reveal a topic.`);
    return false;
  }
  const node = services.papersTree.nodeForTopic(topic);
  if (!node) {
    void vscode.window.showInformationMessage(`No model has "${displayText(topic)}" as its first domain, so the Papers tree (grouped by first domain) has no node for it.`);
    return false;
  }
  await services.papersView.reveal(node, { select: true, focus: true, expand: true });
  return true;
}

const OPEN_WEIGHTS_TITLES: Readonly<Record<OpenWeightsValue, string>> = { open: 'Open weights', closed: 'Closed (weights not released)' };

/**
 * "Label Base Model…": the team sector that built a base model the table has no row for, and
 * whether its weights are open (labels.md, `model` target; analyses.md, "diffusion"). Two
 * QuickPicks (sector, then open weights); `sector` and `openWeights` skip them (scripts and
 * tests). Without `name` the user picks one of the diffusion tab's unmatched names. Both labels
 * are appended at once; the Findings panel redraws from the new labels. Returns whether it saved.
 */
export async function labelBaseModel(services: Pick<Services, 'labels' | 'trends'>, name?: unknown, sector?: LabelledTeamSector, openWeights?: OpenWeightsValue): Promise<boolean> {
  if (!(await canSaveLabels(services.labels))) return false;
  let target = typeof name === 'string' && name.trim() !== '' ? name.trim() : undefined;
  // The diffusion tab's unmatched names (and their labels) are needed only for a pick to show.
  const needed = !target || !sector || !openWeights;
  const unmatched = needed ? ((await services.trends.upToDateFindings())?.diffusion.unmatched ?? []) : [];
  if (!target) {
    const picked = await vscode.window.showQuickPick(
      unmatched.map((u) => ({ label: displayText(u.name), description: `${u.count} ${u.count === 1 ? 'reference' : 'references'}${u.label ? ` · labelled ${[u.label.teamSector, u.label.openWeights].filter(Boolean).join(', ')}` : ''}`, name: u.name })),
      { title: 'Label which base model? (names no row of the table has)', matchOnDescription: true },
    );
    target = picked?.name;
  }
  if (!target) return false;
  const current = unmatched.find((u) => u.name === target)?.label;
  const chosenSector =
    sector ??
    (
      await vscode.window.showQuickPick(
        LABELLED_TEAM_SECTORS.map((s) => ({ label: s, description: current?.teamSector === s ? 'current label' : undefined })),
        { title: `Base model ${displayText(target)}: who built it? (1 of 2)`, placeHolder: 'The team sector of the organizations that released it' },
      )
    )?.label;
  if (!chosenSector) return false;
  const chosenOpen =
    openWeights ??
    (
      await vscode.window.showQuickPick(
        OPEN_WEIGHTS_VALUES.map((v) => ({ label: OPEN_WEIGHTS_TITLES[v], description: current?.openWeights === v ? 'current label' : undefined, value: v })),
        { title: `Base model ${displayText(target)}: are its weights open? (2 of 2)` },
      )
    )?.value;
  if (!chosenOpen) return false;
  await services.labels.append([
    { target: { kind: 'model', name: target }, field: 'teamSector', value: chosenSector },
    { target: { kind: 'model', name: target }, field: 'openWeights', value: chosenOpen },
  ] satisfies LabelChange[]);
  void vscode.window.setStatusBarMessage(`$(check) ${displayText(target)} → ${chosenSector}, ${chosenOpen} weights (saved)`, 4000);
  return true;
}
