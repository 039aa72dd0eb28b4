import * as vscode from 'vscode';
import type { Paper } from '../../core/dataset/model';
import { distinctPaperName } from '../../core/dataset/paperTitle';
import type { Services } from '../services';
import type { DatasetView } from '../datasetService';
import { describePaper } from '../papersTreeProvider';
import { displayText } from '../../core/text/visibleText';
import { papersByIdentifier } from '../../core/search/identifierSearch';

/** The services these commands use (narrowed from `Services`). */
export type FindPaperServices = Pick<Services, 'dataset' | 'details' | 'papersTree' | 'papersView'>;

interface PaperPick extends vscode.QuickPickItem {
  paperId: string;
}

/** What a paper picker says: its title (naming what the choice is for) and the hint in its box. */
export interface PaperPickerText {
  title: string;
  placeholder?: string;
}

const SEARCH_HINT = 'Type a model or paper name, an organization or an author (typos and missing accents are fine), or paste a DOI or arXiv id';

/**
 * A QuickPick over names, organizations and authors that re-ranks with the fuzzy index
 * (`PaperSearchIndex`) as the user types: Find Paper's search, reused by every command that asks
 * which paper it acts on. Resolves to the chosen paper, or undefined when dismissed. Items are
 * `alwaysShow` so VS Code's own label filter does not hide fuzzy hits, and the pick's
 * `sortByLabel` is turned off so that the rows show in the index's order (an exact or
 * space/hyphen-insensitive name first: "gpt4" → GPT-4). Without that, VS Code moves the rows whose
 * label contains the typed text to the top, sorted its own way ("gpt4" put GPT4All above GPT-4).
 * `sortByLabel` is not in `@types/vscode` (it was proposed API), but the extension host's QuickPick
 * has honoured it without a proposal check since VS Code 1.6x; where it is missing, setting it does
 * nothing and the old order shows.
 */
export function choosePaper(view: DatasetView, text: PaperPickerText, initialQuery = ''): Promise<Paper | undefined> {
  const pick = vscode.window.createQuickPick<PaperPick>();
  pick.title = text.title;
  pick.placeholder = text.placeholder ?? SEARCH_HINT;
  pick.matchOnDescription = false;
  pick.matchOnDetail = false;
  keepOrder(pick);
  const update = (query: string): void => {
    // A pasted DOI, arXiv id or OpenAlex id finds its work first (exact), then the fuzzy search.
    const exact = papersByIdentifier(view.dataset.papers, query);
    const hits = query.trim() === '' ? [] : view.search.search(query, 50).map((h) => h.id).filter((id) => !exact.includes(id));
    pick.items = [...exact, ...hits].map((id) => toItem(view.byId.get(id)!, view.duplicatedNames));
  };
  pick.onDidChangeValue(update);
  pick.value = initialQuery;
  update(initialQuery);
  return new Promise((resolve) => {
    pick.onDidAccept(() => {
      const chosen = pick.selectedItems[0] ?? pick.activeItems[0];
      resolve(chosen ? view.byId.get(chosen.paperId) : undefined);
      pick.hide();
    });
    pick.onDidHide(() => {
      pick.dispose();
      resolve(undefined);
    });
    pick.show();
  });
}

/** Turn off VS Code's re-sorting of the rows whose label matches the typed text (see `choosePaper`). */
export function keepOrder(pick: vscode.QuickPick<vscode.QuickPickItem>): void {
  (pick as vscode.QuickPick<vscode.QuickPickItem> & { sortByLabel?: boolean }).sortByLabel = false;
}

/** Says that no dataset is loaded, with a button that opens one. */
export function noDataset(): void {
  void vscode.window.showInformationMessage('No dataset is loaded. Open an Epoch AI table first.', 'Open Dataset…').then((choice) => {
    if (choice) void vscode.commands.executeCommand('computeDivide.openDataset');
  });
}

/**
 * "Find Paper…": {@link choosePaper}; choosing a paper reveals it in the Papers tree (selected and
 * focused) and opens its details.
 */
export async function findPaper(services: FindPaperServices, initialQuery = ''): Promise<string | undefined> {
  const view = services.dataset.view;
  if (!view) {
    noDataset();
    return undefined;
  }
  const paper = await choosePaper(view, { title: `Find Paper (${view.dataset.papers.length.toLocaleString('en-US')} models)` }, initialQuery);
  if (paper) void revealPaper(services, paper.id);
  return paper?.id;
}

/**
 * Reveal a paper in the Papers tree and show its details. The tree row is selected and takes the
 * keyboard focus, so the arrow keys and the context-menu key act on it at once; from a chart
 * (`beside`), the details open beside the trends panel and the focus stays in the chart.
 */
export async function revealPaper(services: Pick<Services, 'dataset' | 'details' | 'papersTree' | 'papersView'>, paperId: string, beside?: { panelColumn: vscode.ViewColumn | undefined }): Promise<void> {
  const paper = services.dataset.view?.byId.get(paperId);
  if (!paper) return;
  if (beside) services.details.showBeside(paperId, beside.panelColumn);
  else services.details.show(paperId, true);
  await services.papersView.reveal(services.papersTree.nodeForPaper(paper), { select: true, focus: !beside, expand: true });
}

/**
 * A Find Paper item: the name (invisible characters shown; a name several rows share with the
 * row's id, line and date), sector and date, organizations.
 */
export function toItem(paper: Paper, duplicated: ReadonlySet<string> = new Set()): PaperPick {
  return {
    label: displayText(distinctPaperName(paper, duplicated)),
    description: `${paper.teamSector} · ${describePaper(paper)}`,
    detail: displayText(paper.organizations.join(', ')) || undefined,
    alwaysShow: true,
    paperId: paper.id,
  };
}
