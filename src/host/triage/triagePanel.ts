import { SETTING, affects, settings, updateSetting } from '../settings';
import * as vscode from 'vscode';
import { canSaveLabels } from '../labellingNeedsFolder';
import { annotatorKey, organizationKey } from '../../core/labels/keys';
import { blindEvents, TRIAGE_ORDERS, TRIAGE_ORDER_TEXT, type TriageOrder } from '../../core/labels/triageQueue';
import type { LabelEvent } from '../../core/labels/eventTypes';
import { ORGANIZATION_CATEGORIES, type OrganizationCategory, type Paper } from '../../core/dataset/model';
import type { TriageControls, TriageFlash, TriageToHost, TriageToWebview, TriageWebviewState } from '../../shared/triageProtocol';
import { CONTEXT_KEYS, PANEL_TYPES } from '../commandIds';
import type { DatasetService } from '../datasetService';
import { openExternalLink } from '../openExternalLink';
import type { LabelService } from '../labelService';
import { WebviewPanelBase, type MessageHandlers, type PanelHostOptions } from '../webviewPanelBase';
import { pickOrganizations } from './pickOrganizations';
import { TriageSession } from './triageSession';
import { resolvedNote, triageModel, type TriageModel } from './triageModel';
import { triageItem } from './triageView';

const KEYS = '1–5 label the organization in focus (Academia, Industry, Government, Research collective, Non-profit) · Tab next organization · J next · K previous · S skip · U undo · A add organizations';

/** workspaceState: per annotator, the paper on screen and the papers done (kept across reopenings). */
const POSITION_KEY = 'computeDivide.triagePosition';
const TRIAGE_TIMES_KEY = 'computeDivide.triageTimes';
type Positions = Record<string, { paperId?: string; done: number }>;

/**
 * Affiliation triage: a focused view that walks through the papers that need attention. The queue
 * is live (recomputed whenever labels or the table change), ordered as the setting
 * `computeDivide.triageOrder` says, and honours blind coding (`computeDivide.blindCoding`: only the
 * annotator's own labels are seen, and labels made carry `"blind": true`). Single keys (VS Code
 * keybindings, active only while this panel is focused) label the organization in focus, move,
 * skip, undo and add organizations; the status bar shows progress and pace. The panel comes back
 * after a window reload (`WebviewPanelSerializer`), at the position kept per annotator.
 */
export class TriagePanel extends WebviewPanelBase<TriageToWebview, TriageToHost, TriageWebviewState> {
  private session: TriageSession | undefined;
  private model: TriageModel | undefined;
  private annotatorName: string | undefined;
  private flash: TriageFlash | undefined;
  private note: { paperId: string; text: string } | undefined;
  /** Event id → the paper and organization index it was made on in triage (undo returns there). */
  private readonly made = new Map<string, { paperId: string; index: number }>();
  private readonly status = this.register(vscode.window.createStatusBarItem('computeDivide.triage', vscode.StatusBarAlignment.Left, 9));
  private readonly posted = this.register(new vscode.EventEmitter<TriageToWebview>());
  /** Fires with every message for the webview (tests read what the panel shows). */
  readonly onDidPost = this.posted.event;
  /** The latest message for the webview. */
  lastPosted: TriageToWebview | undefined;

  constructor(
    extensionUri: vscode.Uri,
    private readonly dataset: DatasetService,
    private readonly labels: LabelService,
    private readonly memento?: vscode.Memento,
    hostOptions: PanelHostOptions = {},
  ) {
    super(extensionUri, { viewType: PANEL_TYPES.triage, title: 'Affiliation Triage', script: 'triage.js', style: 'triage/triage.css', errorPrefix: 'Triage' }, hostOptions);
    this.status.name = 'Compute Divide triage';
    this.register(dataset.onDidChange(() => void this.refresh()));
    this.register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affects(e, SETTING.blindCoding) || affects(e, SETTING.triageOrder) || affects(e, SETTING.annotator)) {
          if (affects(e, SETTING.annotator)) {
            // Another annotator: their own position, done count and (under blind coding) labels.
            this.session = undefined;
            this.annotatorName = undefined;
            this.made.clear();
          }
          void this.refresh();
        }
      }),
    );
  }

  get active(): TriageSession | undefined {
    return this.panel ? this.session : undefined;
  }

  /** The queue as triage sees it now (tests). */
  get queue(): readonly string[] {
    return this.session?.queue.map((q) => q.paperId) ?? [];
  }

  get order(): TriageOrder {
    return settings.triageOrder();
  }

  /** Start triage (or bring it forward) over the papers that need attention now. */
  async start(): Promise<void> {
    if (!this.dataset.view) {
      void vscode.window.showInformationMessage('Load a dataset first.');
      return;
    }
    if (!(await canSaveLabels(this.labels))) return;
    this.annotatorName = await this.labels.annotator();
    if (this.createOrReveal(vscode.ViewColumn.Active) === 'created') this.resumeAt = undefined;
    await this.refresh();
  }

  protected override revived(state: TriageWebviewState | undefined): void {
    this.resumeAt = state?.paperId;
    void this.labels
      .annotator()
      .then((name) => {
        this.annotatorName = name;
        return this.refresh();
      })
      .catch((error: unknown) => this.log(`Affiliation Triage: the restored panel could not be filled: ${error instanceof Error ? error.message : String(error)}`));
  }

  /** Where a restored panel resumes (the paper its webview kept), until the session starts. */
  private resumeAt: string | undefined;

  protected override attached(panel: vscode.WebviewPanel): vscode.Disposable[] {
    void this.setActive(panel.active);
    return [panel.onDidChangeViewState((e) => void this.setActive(e.webviewPanel.active))];
  }

  protected override detached(): void {
    this.status.hide();
    void this.setActive(false);
  }

  /** Recompute the queue (labels, table, order or blind coding changed) and redraw. */
  private async refresh(): Promise<void> {
    if (!this.panel || !this.dataset.view) return;
    const annotator = (this.annotatorName ??= await this.labels.annotator());
    const view = this.dataset.view;
    if (!view) return;
    const blind = this.labels.blindCoding;
    this.model = triageModel(view, this.labels.stateFor(annotator, blind), blind, this.order, this.model);
    if (!this.session) {
      const saved = this.positions()[this.who()];
      this.session = new TriageSession(this.model.queue, Date.now, { paperId: this.resumeAt ?? saved?.paperId, doneBefore: saved?.done ?? 0 });
    } else {
      const wasResolved = this.session.resolved;
      this.session.update(this.model.queue);
      const id = this.session.currentPaperId;
      const paper = id === undefined ? undefined : this.model.paper(id);
      const events = blind && annotator ? blindEvents(this.labels.events, annotator) : this.labels.events;
      if (this.session.resolved && !wasResolved && paper) this.note = { paperId: paper.id, text: resolvedNote(paper, events, annotator) };
    }
    await this.post();
  }

  /** Label the organization in focus and move on (the number keys). */
  async label(category: OrganizationCategory): Promise<void> {
    const session = this.active;
    const paper = this.currentPaper();
    if (!session || !paper) return;
    this.flash = undefined;
    if (paper.organizations.length === 0) {
      this.flash = { kind: 'changed', text: 'This paper has no organizations: press A to add them first.' };
      await this.post();
      return;
    }
    const index = Math.min(session.focusIndex, paper.organizations.length - 1);
    const name = paper.organizations[index];
    const own = this.ownValue(name);
    let events: LabelEvent[];
    try {
      events = await this.labels.append([{ target: { kind: 'organization', name }, field: 'category', value: category }]);
    } catch (error) {
      void vscode.window.showErrorMessage(`The label was not saved: ${(error as Error).message}`);
      return;
    }
    for (const e of events) this.made.set(e.id, { paperId: paper.id, index });
    // A relabel of one's own label never passes silently: it is named in the panel and the status bar.
    if (own !== undefined && own !== category) {
      this.flash = { kind: 'changed', text: `${name}: changed from ${own} to ${category} (U undoes)` };
      void vscode.window.setStatusBarMessage(`$(edit) ${name}: changed from ${own} to ${category}`, 8000);
    }
    // The append has been folded and the queue recomputed (dataset change) by now.
    const item = session.current;
    session.advanceAfterLabel(paper.organizations, new Set((item?.organizations ?? []).map((o) => organizationKey(o))));
    this.note = undefined;
    await this.post();
  }

  async move(delta: number): Promise<void> {
    this.flash = undefined;
    this.note = undefined;
    this.active?.move(delta);
    await this.post();
  }

  /** Show a paper (in the queue or not) with its organization `index` in focus (scripts and tests). */
  async goTo(paperId: string, index = 0): Promise<void> {
    this.flash = undefined;
    this.note = undefined;
    this.active?.goTo(paperId, index);
    await this.post();
  }

  async skip(): Promise<void> {
    this.flash = undefined;
    this.note = undefined;
    this.active?.skip();
    await this.post();
  }

  async nextOrganization(): Promise<void> {
    const session = this.active;
    const paper = this.currentPaper();
    if (!session || !paper) return;
    session.setFocus((session.focusIndex + 1) % Math.max(1, paper.organizations.length));
    await this.post();
  }

  /**
   * Undo this session's latest label, then return to the paper and organization it was made on,
   * and say what changed, value before and after, in the panel and the status bar.
   */
  async undo(): Promise<string | undefined> {
    this.flash = undefined;
    const result = await this.labels.undoWithDetail();
    if (!result) {
      this.flash = { kind: 'undo', text: 'Nothing to undo in this session.' };
      await this.post();
      return undefined;
    }
    const changes = result.undone.map((e, i) => `${targetName(e)}: ${valueText(e.value)} → ${valueText(result.undos[i].value)}`);
    const text = `Undid ${changes.join('; ')}`;
    void vscode.window.setStatusBarMessage(`$(discard) ${text}`, 15_000);
    this.flash = { kind: 'undo', text };
    const first = result.undone[0];
    const where = this.made.get(first.id) ?? this.findPaperOf(first);
    if (where && this.session) {
      this.session.goTo(where.paperId, where.index);
      this.note = undefined;
    }
    await this.post();
    return text;
  }

  /** The *Add organizations…* step for the paper on screen (`names` skips the picker: scripts and tests). */
  async addOrganizations(names?: string[]): Promise<void> {
    const paper = this.currentPaper();
    const row = paper && this.model?.row(paper.id);
    if (!paper || !row || !this.model) return;
    this.flash = undefined;
    const chosen = names ?? (await pickOrganizations(paper, this.model.index));
    if (!chosen || chosen.length === 0) return;
    await this.labels.append([
      {
        target: { kind: 'paper', id: row.id, ...(row.publicationDate ? { date: row.publicationDate } : {}), organizations: row.organizations },
        field: 'organizations',
        value: chosen,
      },
    ]);
    this.session?.setFocus(0);
    await this.post();
  }

  /** Switch blind coding (the setting, for this workspace when there is one). */
  async toggleBlind(): Promise<void> {
    await updateSetting(SETTING.blindCoding, !this.labels.blindCoding);
  }

  async setOrder(order: string): Promise<void> {
    if (!(TRIAGE_ORDERS as readonly string[]).includes(order)) return;
    await updateSetting(SETTING.triageOrder, order);
  }

  private currentPaper(): Paper | undefined {
    const id = this.session?.currentPaperId;
    return id === undefined ? undefined : this.model?.paper(id);
  }

  /** The annotator's own current category of an organization, if any. */
  private ownValue(name: string): string | undefined {
    const key = organizationKey(name);
    const me = this.annotatorName === undefined ? undefined : annotatorKey(this.annotatorName);
    const field = this.labels.state.fields.find((f) => f.kind === 'organization' && f.field === 'category' && f.key === key);
    return me === undefined ? undefined : field?.byAnnotator.get(me)?.value;
  }

  /** For an undo of a label made outside triage: the first paper of the queue (else of the table) naming its organization. */
  private findPaperOf(event: LabelEvent): { paperId: string; index: number } | undefined {
    if (event.target.kind !== 'organization' || !this.model) return undefined;
    const key = organizationKey(event.target.name);
    const ids = [...this.model.queue.map((q) => q.paperId), ...this.model.labelled.papers.map((p) => p.id)];
    for (const id of ids) {
      const index = this.model.paper(id)?.organizations.findIndex((o) => organizationKey(o) === key) ?? -1;
      if (index >= 0) return { paperId: id, index };
    }
    return undefined;
  }

  private who(): string {
    return annotatorKey(this.annotatorName ?? '');
  }

  private positions(): Positions {
    return this.memento?.get<Positions>(POSITION_KEY, {}) ?? {};
  }

  private async setActive(active: boolean): Promise<void> {
    await vscode.commands.executeCommand('setContext', CONTEXT_KEYS.triageActive, active && this.panel !== undefined);
  }

  protected readonly handlers: MessageHandlers<TriageToHost> = {
    ready: () => this.post(),
    label: async (message) => {
      if ((ORGANIZATION_CATEGORIES as readonly string[]).includes(message.category)) await this.label(message.category as OrganizationCategory);
    },
    focus: async (message) => {
      this.active?.setFocus(message.index);
      await this.post();
    },
    next: () => this.move(1),
    previous: () => this.move(-1),
    skip: () => this.skip(),
    undo: async () => {
      await this.undo();
    },
    addOrganizations: () => this.addOrganizations(),
    order: (message) => this.setOrder(message.order),
    toggleBlind: () => this.toggleBlind(),
    openLink: async (message) => {
      await openExternalLink(message.url);
    },
  };

  private controls(): TriageControls {
    const order = this.order;
    return { order, orderText: TRIAGE_ORDER_TEXT[order], blind: this.labels.blindCoding, annotator: this.annotatorName ?? '' };
  }

  private async post(): Promise<void> {
    const session = this.active;
    const model = this.model;
    if (!session || !model) return;
    await this.saveState(session);
    const progress = session.progress();
    const blind = this.labels.blindCoding;
    this.status.text = `$(checklist) Triage ${progress.done}/${progress.done + progress.total} done${progress.perHour ? ` · ${progress.perHour}/h` : ''}${blind ? ' · blind' : ''}`;
    this.status.tooltip = 'Papers you finished in triage / those plus the papers that still need attention, and this session’s pace';
    this.status.show();
    if (!this.panel) return;
    const id = session.currentPaperId;
    const paper = id === undefined ? undefined : model.paper(id);
    const controls = this.controls();
    const flash = this.flash ? { flash: this.flash } : {};
    const message: TriageToWebview = paper
      ? {
          type: 'item',
          item: triageItem({ paper, item: session.current, state: model.state, index: model.index, annotator: this.annotatorName, blind, focus: session.focusIndex, ...(this.note?.paperId === paper.id ? { resolvedNote: this.note.text } : {}) }),
          progress,
          keys: KEYS,
          controls,
          ...flash,
        }
      : { type: 'finished', progress, controls, ...flash, message: progress.total === 0 ? 'No paper needs attention: every organization has a category and every sector is known.' : 'End of the queue. K goes back to the papers that still need attention.' };
    this.lastPosted = message;
    this.posted.fire(message);
    if (this.isReady) await this.postMessage(message);
  }

  /**
   * Keep the position and the done count per annotator, and the time spent on each paper (ms,
   * summed over sessions), in the workspace state; `triageTimes` reads the times back.
   */
  private async saveState(session: TriageSession): Promise<void> {
    if (!this.memento) return;
    const positions = this.positions();
    const id = session.currentPaperId;
    positions[this.who()] = { ...(id !== undefined ? { paperId: id } : {}), done: session.progress().done };
    await this.memento.update(POSITION_KEY, positions);
    const saved = this.memento.get<Record<string, number>>(TRIAGE_TIMES_KEY, {});
    const recorded = this.recorded.get(session) ?? new Map<string, number>();
    for (const [paperId, ms] of session.timeSpent) {
      saved[paperId] = (saved[paperId] ?? 0) + ms - (recorded.get(paperId) ?? 0);
      recorded.set(paperId, ms);
    }
    this.recorded.set(session, recorded);
    await this.memento.update(TRIAGE_TIMES_KEY, saved);
  }

  /** Milliseconds spent on each paper in triage, over all sessions in this workspace. */
  triageTimes(): Record<string, number> {
    return this.memento?.get<Record<string, number>>(TRIAGE_TIMES_KEY, {}) ?? {};
  }

  private readonly recorded = new WeakMap<TriageSession, Map<string, number>>();
}

function targetName(e: LabelEvent): string {
  return e.target.kind === 'paper' ? `${e.target.id} (${e.field})` : e.target.name;
}

function valueText(value: LabelEvent['value']): string {
  return value === null ? 'no label' : Array.isArray(value) ? value.join('; ') : value;
}
