import * as vscode from 'vscode';
import type { DetailsState, DetailsToHost, DetailsToWebview } from '../shared/protocol';
import { COMMAND_IDS, PANEL_TYPES } from './commandIds';
import type { DatasetService } from './datasetService';
import { openExternalLink } from './openExternalLink';
import { paperDetails } from './paperDetailsModel';
import { distinctPaperName } from '../core/dataset/paperTitle';
import { displayText } from '../core/text/visibleText';
import type { ReadyWatchdogOptions } from './readyWatchdog';
import { WebviewPanelBase, type MessageHandlers } from './webviewPanelBase';

/**
 * The paper-details webview: one panel, reused for each paper the user selects. It follows the
 * dataset (a reload redraws the shown paper) and is restored after a window reload through a
 * `WebviewPanelSerializer` from the paper id kept in the webview's state.
 */
export class PaperDetailsPanel extends WebviewPanelBase<DetailsToWebview, DetailsToHost, DetailsState> {
  private paperId: string | undefined;

  constructor(
    extensionUri: vscode.Uri,
    private readonly service: DatasetService,
    watchdogOptions: ReadyWatchdogOptions = {},
  ) {
    super(extensionUri, { viewType: PANEL_TYPES.paperDetails, title: 'Paper', htmlTitle: 'Paper details', script: 'details.js', style: 'details/details.css', enableFindWidget: true }, watchdogOptions);
    this.register(service.onDidChange(() => this.post()));
  }

  /**
   * Show a paper, creating the panel if needed (in the active editor group unless told, keeping
   * focus); an open panel stays in its column unless `move`.
   */
  show(paperId: string, preserveFocus = true, viewColumn: vscode.ViewColumn = vscode.ViewColumn.Active, move = false): void {
    this.paperId = paperId;
    if (this.createOrReveal({ viewColumn, preserveFocus }, { viewColumn: move ? viewColumn : undefined, preserveFocus }) === 'revealed') this.post();
  }

  /**
   * Show a paper beside a panel that sits in `panelColumn` (the trends panel, whose chart asked),
   * never over it: the details stay where they are when they are already in another column, and
   * otherwise open (or move) one column to the right of that panel, which VS Code creates when
   * needed. Keyboard focus stays in the panel that asked.
   */
  showBeside(paperId: string, panelColumn: vscode.ViewColumn | undefined): void {
    const column = panelColumn === undefined || (panelColumn as number) < 1 ? vscode.ViewColumn.Beside : ((panelColumn + 1) as vscode.ViewColumn);
    if (this.panel && this.panel.viewColumn !== undefined && this.panel.viewColumn !== panelColumn) this.show(paperId, true);
    else this.show(paperId, true, column, true);
  }

  /** The column the details are shown in, if open (tests read it). */
  get viewColumn(): vscode.ViewColumn | undefined {
    return this.panel?.viewColumn;
  }

  /** The id of the paper on show, if any (tests and commands read it). */
  get shownPaperId(): string | undefined {
    return this.panel ? this.paperId : undefined;
  }

  protected override revived(state: DetailsState | undefined): void {
    this.paperId = state?.paperId;
  }

  protected readonly handlers: MessageHandlers<DetailsToHost> = {
    ready: () => this.post(),
    openLink: (message) => openExternalLink(message.url),
    openSource: async (message) => {
      await vscode.commands.executeCommand(COMMAND_IDS.openPaperSource, message.paperId, message.part ?? 0);
    },
    findPaper: async () => {
      await vscode.commands.executeCommand(COMMAND_IDS.findPaper);
    },
    labelAffiliations: async (message) => {
      await vscode.commands.executeCommand(COMMAND_IDS.labelPaperAffiliations, message.paperId);
    },
  };

  private post(): void {
    if (!this.panel || !this.isReady) return;
    const view = this.service.view;
    const paper = this.paperId === undefined ? undefined : view?.byId.get(this.paperId);
    let message: DetailsToWebview;
    if (view && paper) {
      message = { type: 'paper', paper: { ...paperDetails(paper, view.dataset, view.labels, view.duplicatedNames), ...(this.service.shownBundled ? { attribution: this.service.shownBundled.attribution } : {}) } };
      // A tab title, not the whole name: long names would push the other tabs aside.
      const title = displayText(distinctPaperName(paper, view.duplicatedNames));
      this.panel.title = title.length > 40 ? `${title.slice(0, 39).trimEnd()}…` : title;
    } else {
      const why = !view ? 'No dataset is loaded.' : this.paperId ? `"${this.paperId}" is no longer in the dataset.` : 'No paper selected.';
      message = { type: 'empty', message: `${why} Select a paper in the Papers tree, or use Find Paper.` };
      this.panel.title = 'Paper';
    }
    void this.postMessage(message);
  }
}
