import * as vscode from 'vscode';
import type { Paper } from '../../core/model';
import type { Services } from '../services';
import { describePaper } from '../papersTreeProvider';
import { displayText } from '../../core/visibleText';

interface PaperPick extends vscode.QuickPickItem {
  paperId: string;
}

/**
 * "Find Paper…": a QuickPick over names, organizations and authors that re-ranks with the fuzzy
 * index (`PaperSearchIndex`) as the user types; choosing a paper reveals it in the Papers tree and
 * opens its details. Items are `alwaysShow` so VS Code's own label filter does not hide fuzzy hits.
 */
export async function findPaper(services: Services, initialQuery = ''): Promise<string | undefined> {
  const view = services.dataset.view;
  if (!view) {
    void vscode.window.showInformationMessage('No dataset is loaded. Open an Epoch AI table first.', 'Open Dataset…').then((choice) => {
      if (choice) void vscode.commands.executeCommand('computeDivide.openDataset');
    });
    return undefined;
  }
  const pick = vscode.window.createQuickPick<PaperPick>();
  pick.title = `Find Paper (${view.dataset.papers.length.toLocaleString('en-US')} models)`;
  pick.placeholder = 'Type a model name, an organization or an author (typos and missing accents are fine)';
  pick.matchOnDescription = false;
  pick.matchOnDetail = false;
  const update = (query: string): void => {
    const hits = query.trim() === '' ? [] : view.search.search(query, 50);
    pick.items = hits.map((hit) => toItem(view.byId.get(hit.id)!));
  };
  pick.onDidChangeValue(update);
  pick.value = initialQuery;
  update(initialQuery);
  return new Promise((resolve) => {
    pick.onDidAccept(() => {
      const chosen = pick.selectedItems[0] ?? pick.activeItems[0];
      pick.hide();
      if (chosen) void revealPaper(services, chosen.paperId);
      resolve(chosen?.paperId);
    });
    pick.onDidHide(() => {
      pick.dispose();
      resolve(undefined);
    });
    pick.show();
  });
}

/** Reveal a paper in the Papers tree (selected, focused) and show its details. */
export async function revealPaper(services: Pick<Services, 'dataset' | 'details' | 'papersTree' | 'papersView'>, paperId: string, beside?: { panelColumn: vscode.ViewColumn | undefined }): Promise<void> {
  const paper = services.dataset.view?.byId.get(paperId);
  if (!paper) return;
  if (beside) services.details.showBeside(paperId, beside.panelColumn);
  else services.details.show(paperId, true);
  await services.papersView.reveal(services.papersTree.nodeForPaper(paper), { select: true, focus: false, expand: true });
}

/** A Find Paper item: the name (invisible characters shown), sector and date, organizations. */
export function toItem(paper: Paper): PaperPick {
  return {
    label: displayText(paper.name || paper.id),
    description: `${paper.teamSector} · ${describePaper(paper)}`,
    detail: displayText(paper.organizations.join(', ')) || undefined,
    alwaysShow: true,
    paperId: paper.id,
  };
}
