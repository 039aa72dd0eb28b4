import { SETTING, affects, settings } from './settings';
import * as vscode from 'vscode';
import { agreementSummary } from '../core/labels/agreementReport';
import type { AgreementState, AgreementToHost, AgreementToWebview, AgreementView } from '../shared/agreementProtocol';
import { COMMAND_IDS, PANEL_TYPES } from './commandIds';
import { adjudicate } from './commands/showAgreement';
import type { DatasetService } from './datasetService';
import { buildAgreementView } from './agreementViewModel';
import type { LabelService } from './labelService';
import { WebviewPanelBase, type MessageHandlers, type PanelHostOptions } from './webviewPanelBase';

/**
 * The Agreement view: a read-only webview beside the editor with Krippendorff's alpha and Cohen's
 * kappa per pair (organization categories, team sectors), whether the labels were made blind, and
 * the open disagreements, each with a button per value that adjudicates it. The host computes
 * everything (core `agreementSummary`) and re-sends it whenever the labels or the dataset change,
 * so an adjudication (here, in another window, or by `git pull`) shows at once. Restored after a
 * window reload through a `WebviewPanelSerializer`.
 */
export class AgreementPanel extends WebviewPanelBase<AgreementToWebview, AgreementToHost, AgreementState> {
  private lastView: AgreementView | undefined;
  private readonly postedEmitter = this.register(new vscode.EventEmitter<AgreementView>());
  /** Fires after a view is sent to a ready webview (tests wait for it). */
  readonly onDidPost = this.postedEmitter.event;

  constructor(
    extensionUri: vscode.Uri,
    private readonly dataset: DatasetService,
    private readonly labels: LabelService,
    hostOptions: PanelHostOptions = {},
  ) {
    super(extensionUri, { viewType: PANEL_TYPES.agreement, title: 'Compute Divide: Agreement', htmlTitle: 'Agreement', script: 'agreement.js', style: 'agreement/agreement.css', enableFindWidget: true }, hostOptions);
    this.register(labels.onDidChange(() => this.post()));
    this.register(dataset.onDidChange(() => this.post()));
    this.register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (affects(event, SETTING.annotator)) this.post();
      }),
    );
  }

  /** Open the panel beside the editor, or bring it forward. */
  show(): void {
    this.createOrReveal({ viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { preserveFocus: true });
  }

  get isOpen(): boolean {
    return this.panel !== undefined;
  }

  /** The view on show (tests read it), once the webview is ready. */
  get view(): AgreementView | undefined {
    return this.isReady ? this.lastView : undefined;
  }

  /**
   * Adjudicate the open disagreement (kind, key, field) with `value`, as the webview's buttons do.
   * Returns true when a label was appended; false when there is no such disagreement (any more),
   * the value is not one of its values, or the user cancelled.
   */
  async adjudicate(kind: string, key: string, field: string, value: string): Promise<boolean> {
    const d = this.labels.state.disagreements.find((x) => x.kind === kind && x.key === key && x.field === field);
    try {
      return d ? await adjudicate(this.labels, d, value) : false;
    } catch (error) {
      void vscode.window.showErrorMessage(`Could not adjudicate: ${(error as Error).message}`);
      return false;
    } finally {
      // Redraw even when nothing changed, so the webview re-enables the row's buttons.
      this.post();
    }
  }

  protected readonly handlers: MessageHandlers<AgreementToHost> = {
    ready: () => this.post(),
    adjudicate: async (message) => {
      await this.adjudicate(message.kind, message.key, message.field, message.value);
    },
    export: async () => {
      await vscode.commands.executeCommand(COMMAND_IDS.exportAgreementReport);
    },
  };

  private post(): void {
    if (!this.panel || !this.isReady) return;
    const state = this.labels.state;
    const name = settings.annotator();
    const view = buildAgreementView(agreementSummary(state, this.dataset.view?.original, this.labels.events), name ? { name, adjudicator: state.adjudicators.has(name) } : undefined);
    this.lastView = view;
    const message: AgreementToWebview = { type: 'view', view };
    const panel = this.panel;
    void panel.webview.postMessage(message).then((delivered) => {
      if (delivered && this.panel === panel) this.postedEmitter.fire(view);
    });
  }
}
