import * as vscode from 'vscode';
import type { DetailsState, DetailsToHost, DetailsToWebview } from '../shared/protocol';
import { COMMAND_IDS, PANEL_TYPES } from './commandIds';
import type { DatasetService } from './datasetService';
import { Disposable } from './disposable';
import { openExternalLink } from './openExternalLink';
import { paperDetails } from './paperDetailsModel';
import { distinctPaperName } from '../core/dataset/paperTitle';
import { displayText } from '../core/text/visibleText';
import { ReadyWatchdog, type ReadyWatchdogOptions } from './readyWatchdog';
import { webviewHtml, webviewRoots } from './webviewHtml';
import { assertNever } from './assertNever';

/**
 * The paper-details webview: one panel, reused for each paper the user selects. It follows the
 * dataset (a reload redraws the shown paper) and is restored after a window reload through a
 * `WebviewPanelSerializer` from the paper id kept in the webview's state.
 */
export class PaperDetailsPanel extends Disposable implements vscode.WebviewPanelSerializer<DetailsState> {
  private panel: vscode.WebviewPanel | undefined;
  private paperId: string | undefined;
  private ready = false;
  private watchdog: ReadyWatchdog | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly service: DatasetService,
    private readonly watchdogOptions: ReadyWatchdogOptions = {},
  ) {
    super();
    this.register(vscode.window.registerWebviewPanelSerializer(PANEL_TYPES.paperDetails, this));
    this.register(service.onDidChange(() => this.post()));
  }

  /**
   * Show a paper, creating the panel if needed (in the active editor group unless told, keeping
   * focus); an open panel stays in its column unless `move`.
   */
  show(paperId: string, preserveFocus = true, viewColumn: vscode.ViewColumn = vscode.ViewColumn.Active, move = false): void {
    this.paperId = paperId;
    if (!this.panel) {
      const panel = vscode.window.createWebviewPanel(PANEL_TYPES.paperDetails, 'Paper', { viewColumn, preserveFocus }, this.options());
      this.attach(panel);
    } else {
      this.panel.reveal(move ? viewColumn : undefined, preserveFocus);
      this.post();
    }
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

  deserializeWebviewPanel(panel: vscode.WebviewPanel, state: DetailsState | undefined): Promise<void> {
    this.paperId = state?.paperId;
    panel.webview.options = this.options();
    this.attach(panel);
    return Promise.resolve();
  }

  private options(): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return { enableScripts: true, localResourceRoots: webviewRoots(this.extensionUri), enableFindWidget: true };
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel?.dispose();
    this.panel = panel;
    this.ready = false;
    const setHtml = (): void => {
      panel.webview.html = webviewHtml(panel.webview, this.extensionUri, { script: 'details.js', style: 'details/details.css', title: 'Paper details' });
    };
    setHtml();
    // A panel restored beside another one may never come up (code-server's service worker race).
    this.watchdog?.dispose();
    const watchdog = new ReadyWatchdog(panel, setHtml, 'Paper details', this.watchdogOptions);
    this.watchdog = watchdog;
    const subscriptions: vscode.Disposable[] = [
      watchdog,
      panel.webview.onDidReceiveMessage((message: DetailsToHost) => {
        if (message.type === 'ready') watchdog.ready();
        this.receive(message);
      }),
      panel.onDidDispose(() => {
        for (const s of subscriptions) s.dispose();
        if (this.panel === panel) this.panel = undefined;
      }),
    ];
  }

  private receive(message: DetailsToHost): void {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.post();
        return;
      case 'openLink':
        void openExternalLink(message.url);
        return;
      case 'openSource':
        void vscode.commands.executeCommand(COMMAND_IDS.openPaperSource, message.paperId, message.part ?? 0);
        return;
      case 'findPaper':
        void vscode.commands.executeCommand(COMMAND_IDS.findPaper);
        return;
      case 'labelAffiliations':
        void vscode.commands.executeCommand(COMMAND_IDS.labelPaperAffiliations, message.paperId);
        return;
      default:
        assertNever(message, 'message');
    }
  }

  private post(): void {
    if (!this.panel || !this.ready) return;
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
    void this.panel.webview.postMessage(message);
  }

  override dispose(): void {
    this.panel?.dispose();
    super.dispose();
  }
}
