import * as vscode from 'vscode';
import type { Grouping } from '../../core/dataset/paperGroups';
import { CONTEXT_KEYS } from '../commandIds';
import type { Services } from '../services';

/** The services these commands use (narrowed from `Services`). */
export type GroupingServices = Pick<Services, 'context' | 'papersTree'>;

const GROUPING_KEY = 'computeDivide.grouping';

/** The grouping remembered for this workspace (default topic → sector). */
export function rememberedGrouping(context: vscode.ExtensionContext): Grouping {
  return context.workspaceState.get<Grouping>(GROUPING_KEY) === 'sector-topic' ? 'sector-topic' : 'topic-sector';
}

/** Switch the Papers tree's grouping, remember it per workspace and update the title-bar action. */
export async function setGrouping(services: GroupingServices, grouping: Grouping): Promise<void> {
  services.papersTree.grouping = grouping;
  await services.context.workspaceState.update(GROUPING_KEY, grouping);
  await vscode.commands.executeCommand('setContext', CONTEXT_KEYS.grouping, grouping);
}
