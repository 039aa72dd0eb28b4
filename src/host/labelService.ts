import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { appendEvents, DEFAULT_LABEL_LOG, LabelLogReader, type LabelLogRead } from '../core/labels/labelLog';
import { makeEvent, type LabelChange, type LabelEvent } from '../core/labels/event';
import { foldLabels, LabelFolder, type LabelChangeSet, type LabelState } from '../core/labels/fold';
import { makeUndo } from '../core/labels/undo';
import { hasUnionMerge, resolveAnnotator, unionMergeLine, withUnionMerge } from '../core/labels/workspaceSetup';
import { writeFileAtomic } from '../core/atomicWrite';
import { Disposable } from './disposable';

/**
 * The workspace's label log (`computeDivide.labelLog`, default `.compute-divide/labels.jsonl`):
 * read and folded at start, re-read whenever the file changes on disk (a `git pull`, a colleague,
 * a second window), invalid lines shown in the Problems panel and skipped (never removed).
 * `append` returns only after the events are flushed to disk (spec labels.md).
 */
export class LabelService extends Disposable {
  private readonly changed = this.register(new vscode.EventEmitter<LabelState>());
  /** Fires after every re-read of the log, with the folded labels. */
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

  constructor() {
    super();
    this.register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('computeDivide.labelLog')) void this.start();
      }),
    );
  }

  /** The log file, or undefined without a workspace folder. */
  get uri(): vscode.Uri | undefined {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) return undefined;
    const setting = vscode.workspace.getConfiguration('computeDivide').get<string>('labelLog', '').trim() || DEFAULT_LABEL_LOG;
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
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.joinPath(uri, '..'), path.basename(uri.fsPath)));
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
        // One reader per file: it parses only what was appended since its last read.
        if (this.reader?.file !== uri.fsPath) this.reader = new LabelLogReader(uri.fsPath);
        log = await this.reader.read();
      } catch (error) {
        void vscode.window.setStatusBarMessage(`$(warning) Could not read the label log: ${(error as Error).message}`, 8000);
        return;
      }
      this.log = log;
      // Folds only what the appended events touch when the log just grew (LabelFolder).
      if (this.folder?.file !== uri.fsPath) this.folder = { file: uri.fsPath, folder: new LabelFolder() };
      this.folded = this.folder.folder.fold(log.events);
      this.change = this.folder.folder.lastChange;
      this.problems.set(
        uri,
        log.diagnostics.map((d) => {
          const column = (d.column ?? 1) - 1;
          const diagnostic = new vscode.Diagnostic(new vscode.Range(d.line - 1, column, d.line - 1, Math.max(column + 1, d.raw.length)), d.kept ? d.message : `${d.message} (the line is skipped, not removed)`, vscode.DiagnosticSeverity.Warning);
          diagnostic.source = 'Compute Divide labels';
          diagnostic.code = d.kind;
          return diagnostic;
        }),
      );
      this.changed.fire(this.folded);
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
    const events = changes.map((change) => makeEvent(annotator, change));
    await appendEvents(uri.fsPath, events);
    this.sessionBatches.push(events);
    await this.reread();
    void this.offerUnionMerge(uri);
    return events;
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
    const last = this.sessionBatches.pop();
    const uri = this.uri;
    if (!last || !uri) return undefined;
    await this.reading;
    const undos = last.map((event) => makeUndo(this.events, event));
    await appendEvents(uri.fsPath, undos);
    await this.reread();
    return undos;
  }

  /**
   * The annotator's name: the `computeDivide.annotator` setting, else the OS user name; when that
   * is generic (`root`, `coder`, `vscode`, `node`) ask once and keep the answer in the user
   * settings, so two people are never merged into one annotator (labels.md).
   */
  async annotator(): Promise<string | undefined> {
    const setting = vscode.workspace.getConfiguration('computeDivide').get<string>('annotator', '');
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
    await vscode.workspace.getConfiguration('computeDivide').update('annotator', name.trim(), vscode.ConfigurationTarget.Global);
    return name.trim();
  }

  override dispose(): void {
    this.watcher?.dispose();
    super.dispose();
  }
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
