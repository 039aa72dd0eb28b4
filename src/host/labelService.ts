import { SETTING, affects, settings, updateSetting } from './settings';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { appendEvents, LabelLogReader, type LabelLogRead } from '../node/labels/labelLog';
import type { LogPlace } from '../node/labels/logFile';
import { isInsideFolder, LabelLogRefusedError } from '../node/labels/logPlace';
import { makeEvent, type LabelChange, type LabelEvent } from '../core/labels/event';
import { foldLabels, LabelFolder, type LabelChangeSet, type LabelState } from '../core/labels/fold';
import { makeUndo } from '../core/labels/undo';
import { blindEvents } from '../core/labels/triageQueue';
import { hasUnionMerge, resolveAnnotator, unionMergeLine, withUnionMerge } from '../node/labels/workspaceSetup';
import { writeFileAtomic } from '../node/atomicWrite';
import { capTotal, displayText, summarizeOmitted } from '../core/text/displaySafe';
import { PROBLEMS_PER_FILE, summaryDiagnostic } from './diagnosticsPublisher';
import { Disposable } from './disposable';
import { MissingLogGrace } from './missingLogGrace';

/** workspaceState key: the label logs outside the workspace that the user agreed to use. */
const APPROVED_OUTSIDE_LOGS = 'computeDivide.approvedOutsideLabelLogs';

/**
 * The workspace's label log (`computeDivide.labelLog`, default `.compute-divide/labels.jsonl`):
 * read and folded at start, re-read whenever the file changes on disk (a `git pull`, a colleague,
 * a second window), invalid lines shown in the Problems panel and skipped (never removed).
 * `append` returns only after the events are flushed to disk (spec labels.md).
 *
 * Containment (issue #9): a log inside the workspace folder is used only when neither it nor a
 * folder on its path is a symbolic link and it is a regular file (`logFile.ts`); a log that the
 * setting puts outside the workspace is used only after the user agreed, once per path (a modal,
 * remembered in workspaceState). A refused log gives no labels, one Error in the Problems panel on
 * the log's path and one notification, both with the same message (`LabelLogRefusedError`).
 * A log that vanishes keeps its labels for `MissingLogGrace`'s delay (500 ms) and drops them only
 * if still absent then; deleting the log's folder counts like deleting the log.
 */
export class LabelService extends Disposable {
  private readonly changed = this.register(new vscode.EventEmitter<LabelState>());
  /** Fires after a re-read of the log that changed the folded labels, with them. */
  readonly onDidChange = this.changed.event;
  private readonly problems = this.register(vscode.languages.createDiagnosticCollection('computeDivide.labels'));
  private log: LabelLogRead | undefined;
  private reader: LabelLogReader | undefined;
  private folder: { file: string; folder: LabelFolder } | undefined;
  private folded: LabelState = foldLabels([]);
  private change: LabelChangeSet | undefined;
  private watcher: vscode.Disposable | undefined;
  private reading: Promise<void> = Promise.resolve();
  /** This session's own appends (each a batch, e.g. a multi-select label), newest last, for Undo. */
  private readonly sessionBatches: LabelEvent[][] = [];

  private readonly grace = this.register(new MissingLogGrace(() => void this.reread()));
  /** Messages of refusals already notified (once each, until the log is read again). */
  private readonly notified = new Set<string>();
  /** Outside paths the user declined this session (asked once per path). */
  private readonly declined = new Set<string>();

  constructor(private readonly memory?: vscode.Memento) {
    super();
    this.register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (affects(event, SETTING.labelLog)) void this.start();
      }),
    );
  }

  /** The log file, or undefined without a workspace folder. */
  get uri(): vscode.Uri | undefined {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) return undefined;
    const setting = settings.labelLog();
    return path.isAbsolute(setting) ? vscode.Uri.file(setting) : vscode.Uri.joinPath(folder.uri, setting);
  }

  get state(): LabelState {
    return this.folded;
  }

  /** What the latest fold changed (the keys its appended events touched), or undefined after a full fold. */
  get lastChange(): LabelChangeSet | undefined {
    return this.change;
  }

  /** Valid events as read (with lines), for undo and exports. */
  get events(): LabelLogRead['events'] {
    return this.log?.events ?? [];
  }

  /** Read the log and watch it. */
  async start(): Promise<void> {
    this.watcher?.dispose();
    const uri = this.uri;
    if (!uri) return;
    this.grace.cancel();
    const watcher = vscode.workspace.createFileSystemWatcher(watchPattern(uri.fsPath, vscode.workspace.workspaceFolders?.[0]?.uri.fsPath));
    const reread = (): void => void this.reread();
    this.watcher = vscode.Disposable.from(watcher, watcher.onDidChange(reread), watcher.onDidCreate(reread), watcher.onDidDelete(reread));
    await this.reread();
  }

  /**
   * Re-read the log (only its appended lines when the rest is unchanged: `LabelLogReader`) and fold
   * it (serialised, so two changes never race). A failed read (the
   * file briefly locked or replaced) keeps the last labels, says why once, and does not stop later
   * reads.
   */
  reread(): Promise<void> {
    this.reading = this.reading.then(async () => {
      const uri = this.uri;
      if (!uri) return;
      let log: LabelLogRead;
      try {
        const place = await this.place(uri);
        // One reader per file: it parses only what was appended since its last read.
        if (this.reader?.file !== uri.fsPath) this.reader = new LabelLogReader(uri.fsPath, place);
        log = await this.reader.read();
      } catch (error) {
        if (error instanceof LabelLogRefusedError) this.refuse(uri, error);
        else void vscode.window.setStatusBarMessage(`$(warning) Could not read the label log: ${(error as Error).message}`, 8000);
        return;
      }
      // A log that just vanished keeps its labels until a re-check after a short delay.
      if (!this.grace.shouldApply(log.exists, this.events.length > 0)) return;
      this.notified.clear();
      this.log = log;
      // Folds only what the appended events touch when the log just grew (LabelFolder).
      if (this.folder?.file !== uri.fsPath) this.folder = { file: uri.fsPath, folder: new LabelFolder() };
      const before = this.folded;
      this.folded = this.folder.folder.fold(log.events);
      this.change = this.folder.folder.lastChange;
      // The same fold (no event appended since the last read: the watcher's echo of our own append,
      // a touch, a line that is not an event) changes no label: the views are not rebuilt for it.
      // At 100,000 rows each rebuild costs every open view a pass over the table (issue #9).
      const unchanged = this.folded === before;
      // At most 500 entries and a summary (a binary file as a log gave thousands), messages escaped.
      const capped = capTotal(log.diagnostics, PROBLEMS_PER_FILE, log.omitted);
      const problems = capped.shown.map((d) => {
        const column = (d.column ?? 1) - 1;
        const message = displayText(d.message, 1000);
        const diagnostic = new vscode.Diagnostic(new vscode.Range(d.line - 1, column, d.line - 1, Math.max(column + 1, d.raw.length)), d.kept ? message : `${message} (the line is skipped, not removed)`, vscode.DiagnosticSeverity.Warning);
        diagnostic.source = 'Compute Divide labels';
        diagnostic.code = d.kind;
        return diagnostic;
      });
      const summary = summarizeOmitted(capped.omitted);
      if (summary) problems.push(summaryDiagnostic(summary, (log.diagnostics[PROBLEMS_PER_FILE] ?? log.diagnostics[log.diagnostics.length - 1] ?? { line: 1 }).line, 'Compute Divide labels'));
      this.problems.set(uri, problems);
      if (!unchanged) this.changed.fire(this.folded);
    });
    return this.reading;
  }

  /**
   * Append label changes as events by the current annotator; resolves once they are flushed to
   * disk and folded in. Returns the events written.
   */
  async append(changes: readonly LabelChange[]): Promise<LabelEvent[]> {
    const uri = this.uri;
    if (!uri) throw new Error('Open a folder first: labels are kept in the workspace.');
    const annotator = await this.annotator();
    if (!annotator) throw new Error('No annotator name: set computeDivide.annotator.');
    const blind = this.blindCoding;
    const events = changes.map((change) => makeEvent(annotator, change, { blind }));
    await this.appendChecked(uri, events);
    this.sessionBatches.push(events);
    await this.reread();
    void this.offerUnionMerge(uri);
    return events;
  }

  private async appendChecked(uri: vscode.Uri, events: LabelEvent[]): Promise<void> {
    try {
      await appendEvents(uri.fsPath, events, await this.place(uri));
    } catch (error) {
      if (error instanceof LabelLogRefusedError) this.refuse(uri, error);
      throw error;
    }
  }

  /**
   * Where the log is used: inside the workspace folder, with that folder as the root it must stay
   * in; outside it, only once the user has agreed for this path (asked once: a modal "Use label
   * log outside the workspace: PATH?", remembered in workspaceState).
   *
   * @throws LabelLogRefusedError ('outside') when the user did not agree
   */
  private async place(uri: vscode.Uri): Promise<LogPlace> {
    const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    const file = uri.fsPath;
    if (root !== undefined && isInsideFolder(root, file)) return { root };
    const approved = this.memory?.get<string[]>(APPROVED_OUTSIDE_LOGS, []) ?? [];
    if (approved.includes(file)) return {};
    if (!this.declined.has(file)) {
      const choice = await vscode.window.showWarningMessage(
        `Use label log outside the workspace: ${file}?`,
        { modal: true, detail: 'The setting computeDivide.labelLog points outside the workspace folder. Labels will be read from and appended to this file.' },
        'Use',
      );
      if (choice === 'Use') {
        await this.memory?.update(APPROVED_OUTSIDE_LOGS, [...approved, file]);
        return {};
      }
      this.declined.add(file);
    }
    throw new LabelLogRefusedError('outside', file, `Refusing the label log ${file}: it is outside the workspace folder${root ? ` ${root}` : ''}, and its use was not confirmed. Change computeDivide.labelLog, or reload the window to be asked again.`);
  }

  /** A refused log: no labels from it, its message in the Problems panel and (once) as a notification. */
  private refuse(uri: vscode.Uri, error: LabelLogRefusedError): void {
    this.grace.cancel();
    this.log = undefined;
    this.reader = undefined;
    this.folder = undefined;
    this.folded = foldLabels([]);
    const diagnostic = new vscode.Diagnostic(new vscode.Range(0, 0, 0, 0), error.message, vscode.DiagnosticSeverity.Error);
    diagnostic.source = 'Compute Divide labels';
    diagnostic.code = `refused-${error.reason}`;
    this.problems.set(uri, [diagnostic]);
    if (!this.notified.has(error.message)) {
      this.notified.add(error.message);
      void vscode.window.showErrorMessage(error.message);
    }
    this.changed.fire(this.folded);
  }

  private offeredUnionMerge = false;

  /**
   * Once per session, in a git repository whose `.gitattributes` lacks it, offer to add
   * `labels.jsonl merge=union`, so git merges two people's appends without conflict markers
   * (labels.md). The file is written atomically and only when the user agrees.
   */
  private async offerUnionMerge(log: vscode.Uri): Promise<void> {
    const folder = vscode.workspace.getWorkspaceFolder(log);
    if (this.offeredUnionMerge || !folder) return;
    this.offeredUnionMerge = true;
    const git = vscode.Uri.joinPath(folder.uri, '.git');
    const attributes = vscode.Uri.joinPath(folder.uri, '.gitattributes');
    if (!(await exists(git))) return;
    const current = (await exists(attributes)) ? new TextDecoder().decode(await vscode.workspace.fs.readFile(attributes)) : '';
    const relative = path.relative(folder.uri.fsPath, log.fsPath).split(path.sep).join('/');
    if (hasUnionMerge(current, relative)) return;
    const choice = await vscode.window.showInformationMessage(
      `Add "${unionMergeLine(relative)}" to .gitattributes? Git then merges two people's label appends without conflict markers.`,
      'Add',
      'Not now',
    );
    if (choice === 'Add') await writeFileAtomic(attributes.fsPath, Buffer.from(withUnionMerge(current, relative), 'utf8'));
  }

  /**
   * Undo this session's latest labelling action (all the labels one command gave): appends the
   * events that restore the annotator's earlier values (or retract them); the log only grows.
   * Returns the new events, or undefined when there is nothing to undo.
   */
  async undo(): Promise<LabelEvent[] | undefined> {
    return (await this.undoWithDetail())?.undos;
  }

  /**
   * `undo`, telling what it undid: the events undone (this session's latest batch) and the events
   * appended to undo them, in the same order (so `undone[i].value → undos[i].value` is the change).
   */
  async undoWithDetail(): Promise<{ undone: LabelEvent[]; undos: LabelEvent[] } | undefined> {
    const uri = this.uri;
    if (this.sessionBatches.length === 0 || !uri) return undefined;
    const last = this.sessionBatches.pop()!;
    await this.reading;
    const undos = last.map((event) => makeUndo(this.events, event));
    await this.appendChecked(uri, undos);
    await this.reread();
    return { undone: last, undos };
  }

  /** The setting `computeDivide.blindCoding`: labels made now carry `"blind": true`, and views hide other annotators' labels. */
  get blindCoding(): boolean {
    return settings.blindCoding();
  }

  /**
   * The labels `annotator` may see: everything folded, or under blind coding (`blind`, default the
   * setting) only their own events and role events (`blindEvents`), folded.
   */
  stateFor(annotator: string | undefined, blind = this.blindCoding): LabelState {
    return blind && annotator ? foldLabels(blindEvents(this.events, annotator)) : this.folded;
  }

  /**
   * The annotator's name: the `computeDivide.annotator` setting, else the OS user name; when that
   * is generic (`root`, `coder`, `vscode`, `node`) ask once and keep the answer in the user
   * settings, so two people are never merged into one annotator (labels.md).
   */
  async annotator(): Promise<string | undefined> {
    const setting = settings.annotator();
    let user: string | undefined;
    try {
      user = os.userInfo().username;
    } catch {
      user = undefined;
    }
    const resolved = resolveAnnotator(setting, user);
    if (!resolved.ask) return resolved.name;
    const name = await vscode.window.showInputBox({
      title: 'Compute Divide: who is labelling?',
      prompt: `Your name for the label log (the OS user "${user ?? ''}" could be anyone). Kept in your user settings as computeDivide.annotator.`,
      ignoreFocusOut: true,
      validateInput: (value) => (value.trim() === '' ? 'A name is needed so that two people are never merged into one annotator.' : undefined),
    });
    if (!name?.trim()) return undefined;
    await updateSetting(SETTING.annotator, name.trim(), vscode.ConfigurationTarget.Global);
    return name.trim();
  }

  override dispose(): void {
    this.watcher?.dispose();
    super.dispose();
  }
}

/**
 * What to watch: the log and every folder between the workspace folder and it, so that deleting
 * the log's folder (which reports only the folder's deletion) is seen like deleting the log.
 */
function watchPattern(file: string, root: string | undefined): vscode.RelativePattern {
  const base = root !== undefined && isInsideFolder(root, path.dirname(file)) ? root : path.dirname(path.dirname(file));
  const parts = path.relative(base, file).split(path.sep);
  const paths = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
  return new vscode.RelativePattern(vscode.Uri.file(base), paths.length === 1 ? paths[0] : `{${paths.join(',')}}`);
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
