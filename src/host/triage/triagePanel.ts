import * as vscode from 'vscode';
import { canSaveLabels } from '../labellingNeedsFolder';
import { ORGANIZATION_CATEGORIES, type OrganizationCategory } from '../../core/model';
import type { TriageToHost, TriageToWebview } from '../../shared/triageProtocol';
import { CONTEXT_KEYS, PANEL_TYPES } from '../commandIds';
import type { DatasetService } from '../datasetService';
import { Disposable } from '../disposable';
import { openExternalLink } from '../openExternalLink';
import type { LabelService } from '../labelService';
import { webviewHtml, webviewRoots } from '../webviewHtml';
import { TriageSession } from './triageSession';

const KEYS = '1–5 label the organization in focus (Academia, Industry, Government, Research collective, Non-profit) · Tab next organization · J next · K previous · S skip · U undo';

/**
 * Affiliation triage: a focused view that walks through the papers that need attention. Single
 * keys (VS Code keybindings, active only while this panel is focused, so users can rebind them)
 * label the organization in focus, move, skip and undo; the status bar shows progress and pace.
 */
export class TriagePanel extends Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private session: TriageSession | undefined;
  private ready = false;
  private readonly status = this.register(vscode.window.createStatusBarItem('computeDivide.triage', vscode.StatusBarAlignment.Left, 9));

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly dataset: DatasetService,
    private readonly labels: LabelService,
    private readonly memento?: vscode.Memento,
  ) {
    super();
    this.status.name = 'Compute Divide triage';
    this.register(dataset.onDidChange(() => void this.post()));
  }

  get active(): TriageSession | undefined {
    return this.panel ? this.session : undefined;
  }

  /** Start (or restart) triage over the papers that need attention now. */
  async start(): Promise<void> {
    const view = this.dataset.view;
    if (!view) {
      void vscode.window.showInformationMessage('Load a dataset first.');
      return;
    }
    if (!(await canSaveLabels(this.labels))) return;
    this.session = TriageSession.start(view.original, this.labels.state);
    if (!this.panel) {
      const panel = vscode.window.createWebviewPanel(PANEL_TYPES.triage, 'Affiliation Triage', vscode.ViewColumn.Active, { enableScripts: true, localResourceRoots: webviewRoots(this.extensionUri) });
      this.panel = panel;
      this.ready = false;
      panel.webview.html = webviewHtml(panel.webview, this.extensionUri, { script: 'triage.js', style: 'triage/triage.css', title: 'Affiliation Triage' });
      const subscriptions = [
        panel.webview.onDidReceiveMessage((message: TriageToHost) => {
          this.receive(message).catch((error: Error) => void vscode.window.showErrorMessage(`Triage: ${error.message}`));
        }),
        panel.onDidChangeViewState((e) => void this.setActive(e.webviewPanel.active)),
        panel.onDidDispose(() => {
          for (const s of subscriptions) s.dispose();
          this.panel = undefined;
          this.status.hide();
          void this.setActive(false);
        }),
      ];
      void this.setActive(true);
    } else {
      this.panel.reveal();
      void this.post();
    }
  }

  /** Label the organization in focus and move on (the number keys). */
  async label(category: OrganizationCategory): Promise<void> {
    const session = this.active;
    const view = this.dataset.view;
    const paper = session?.current ? view?.byId.get(session.current.paperId) : undefined;
    if (!session || !paper || paper.organizations.length === 0) return;
    const name = paper.organizations[Math.min(session.focusIndex, paper.organizations.length - 1)];
    try {
      await this.labels.append([{ target: { kind: 'organization', name }, field: 'category', value: category }]);
    } catch (error) {
      void vscode.window.showErrorMessage(`The label was not saved: ${(error as Error).message}`);
      return;
    }
    session.advanceAfterLabel(paper.organizations.length);
    await this.post();
  }

  async move(delta: number): Promise<void> {
    this.active?.move(delta);
    await this.post();
  }

  async skip(): Promise<void> {
    this.active?.skip();
    await this.post();
  }

  async nextOrganization(): Promise<void> {
    const session = this.active;
    const paper = session?.current ? this.dataset.view?.byId.get(session.current.paperId) : undefined;
    if (!session || !paper) return;
    session.setFocus((session.focusIndex + 1) % Math.max(1, paper.organizations.length));
    await this.post();
  }

  async undo(): Promise<void> {
    await this.labels.undo();
    await this.post();
  }

  private async setActive(active: boolean): Promise<void> {
    await vscode.commands.executeCommand('setContext', CONTEXT_KEYS.triageActive, active && this.panel !== undefined);
  }

  private async receive(message: TriageToHost): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        await this.post();
        return;
      case 'label':
        if ((ORGANIZATION_CATEGORIES as readonly string[]).includes(message.category)) await this.label(message.category as OrganizationCategory);
        return;
      case 'focus':
        this.active?.setFocus(message.index);
        await this.post();
        return;
      case 'next':
        return this.move(1);
      case 'previous':
        return this.move(-1);
      case 'skip':
        return this.skip();
      case 'undo':
        return this.undo();
      case 'openLink':
        await openExternalLink(message.url);
        return;
      default: {
        const unexpected: never = message;
        throw new Error(`unexpected message ${JSON.stringify(unexpected)}`);
      }
    }
  }

  private async post(): Promise<void> {
    const session = this.active;
    const view = this.dataset.view;
    if (!session || !view) return;
    await this.saveTimes(session);
    const progress = session.progress();
    this.status.text = `$(checklist) Triage ${progress.done}/${progress.total} done${progress.perHour ? ` · ${progress.perHour}/h` : ''}`;
    this.status.tooltip = 'Papers that needed attention when triage started: done / to do, and this session’s pace';
    this.status.show();
    if (!this.panel || !this.ready) return;
    const item = session.view(view.dataset, view.original, this.labels.state, await this.labels.annotator());
    const message: TriageToWebview = item
      ? { type: 'item', item, progress, keys: KEYS }
      : { type: 'finished', progress, message: progress.total === 0 ? 'No paper needs attention: every organization has a category and every sector is known.' : 'End of the queue. Run "Start Affiliation Triage" again to see what still needs attention.' };
    await this.panel.webview.postMessage(message);
  }

  /**
   * Keep the time spent on each paper (ms, summed over sessions) in the workspace state, so a
   * researcher can report the effort per item; `triageTimes` reads it back.
   */
  private async saveTimes(session: TriageSession): Promise<void> {
    if (!this.memento) return;
    const saved = this.memento.get<Record<string, number>>(TRIAGE_TIMES_KEY, {});
    const recorded = this.recorded.get(session) ?? new Map<string, number>();
    for (const [id, ms] of session.timeSpent) {
      saved[id] = (saved[id] ?? 0) + ms - (recorded.get(id) ?? 0);
      recorded.set(id, ms);
    }
    this.recorded.set(session, recorded);
    await this.memento.update(TRIAGE_TIMES_KEY, saved);
  }

  /** Milliseconds spent on each paper in triage, over all sessions in this workspace. */
  triageTimes(): Record<string, number> {
    return this.memento?.get<Record<string, number>>(TRIAGE_TIMES_KEY, {}) ?? {};
  }

  private readonly recorded = new WeakMap<TriageSession, Map<string, number>>();

  override dispose(): void {
    this.panel?.dispose();
    super.dispose();
  }
}

const TRIAGE_TIMES_KEY = 'computeDivide.triageTimes';
