import * as vscode from 'vscode';
import { applyLabels } from '../core/labels/applyLabels';
import type { LabelState } from '../core/labels/fold';
import { NotEpochTableError } from '../core/loadDataset';
import { DatasetTooLargeError, readDatasetFrom } from '../core/readDatasetFile';
import type { Dataset } from '../core/model';
import { groupPapers, type PaperGroups } from '../core/paperGroups';
import { PaperSearchIndex } from '../core/search';
import { BUNDLED_SCHEME, type BundledSnapshot } from './bundledSnapshot';
import { Disposable } from './disposable';
import { uriByteSource } from './uriByteSource';

/** What the extension currently shows. */
export type DatasetState =
  | { kind: 'none' }
  | { kind: 'loading'; uri: vscode.Uri }
  | { kind: 'loaded'; uri: vscode.Uri; view: DatasetView }
  | { kind: 'error'; uri: vscode.Uri; message: string };

/**
 * A loaded dataset with the indexes the views read from: groups for the tree (built at load) and a
 * search index (built on first use, since most sessions never search). `dataset` has the labels
 * applied (effective categories and sectors); `original` is the table as read from disk.
 */
export class DatasetView {
  readonly groups: PaperGroups;
  readonly byId: Map<string, Dataset['papers'][number]>;
  private searchIndex: PaperSearchIndex | undefined;

  constructor(
    readonly dataset: Dataset,
    readonly original: Dataset = dataset,
    previous?: DatasetView,
  ) {
    this.groups = groupPapers(dataset.papers);
    this.byId = new Map(dataset.papers.map((p) => [p.id, p]));
    // Names, organizations and authors do not change with labels: keep the search index.
    if (previous && previous.original === original) this.searchIndex = previous.searchIndex;
  }

  get search(): PaperSearchIndex {
    this.searchIndex ??= new PaperSearchIndex(
      this.dataset.papers.map((p) => ({ id: p.id, name: p.name, organizations: p.organizations, authors: p.authors })),
    );
    return this.searchIndex;
  }
}

/**
 * Owns the current dataset: loads a file, re-loads it when it changes on disk (debounced, so an
 * editor's several writes make one reload), and tells listeners. Reading never writes: the user's
 * file is only ever read.
 */
export class DatasetService extends Disposable {
  private readonly changed = this.register(new vscode.EventEmitter<DatasetState>());
  /** Fires after every state change (loading, loaded, error, none). */
  readonly onDidChange = this.changed.event;
  private current: DatasetState = { kind: 'none' };
  private watcher: vscode.Disposable | undefined;
  private reloadTimer: NodeJS.Timeout | undefined;
  private generation = 0;
  private labels: LabelState | undefined;
  private inflight: { uri: string; promise: Promise<DatasetState> } | undefined;

  /**
   * @param reloadDelayMs how long to wait after a change on disk before reloading
   * @param bundled the snapshot that ships with the extension, if this installation has one
   */
  constructor(
    private readonly reloadDelayMs = 150,
    readonly bundled?: BundledSnapshot,
  ) {
    super();
  }

  /** The bundled snapshot when it is what the views show (loading, loaded or failed), else undefined. */
  get shownBundled(): BundledSnapshot | undefined {
    return this.current.kind !== 'none' && this.current.uri.scheme === BUNDLED_SCHEME ? this.bundled : undefined;
  }

  get state(): DatasetState {
    return this.current;
  }

  /** The loaded view, if a dataset is loaded. */
  get view(): DatasetView | undefined {
    return this.current.kind === 'loaded' ? this.current.view : undefined;
  }

  /**
   * Load `uri` and watch it; resolves when the new state is published. Opening the table that is
   * already loaded, or being loaded, does not read it again (a setting change and the command that
   * made it both ask for the same file); `reload` does.
   */
  async open(uri: vscode.Uri): Promise<DatasetState> {
    const key = uri.toString();
    if (this.current.kind === 'loaded' && this.current.uri.toString() === key) return this.current;
    if (this.inflight?.uri === key) return this.inflight.promise;
    if (this.current.kind === 'none' || this.current.uri.toString() !== key) this.watch(uri);
    const promise = this.load(uri).finally(() => {
      if (this.inflight?.promise === promise) this.inflight = undefined;
    });
    this.inflight = { uri: key, promise };
    return promise;
  }

  /**
   * Apply a new fold of the label log: the loaded table is re-labelled (not re-read) and every
   * listener gets the new view at once.
   */
  setLabels(labels: LabelState): void {
    this.labels = labels;
    if (this.current.kind !== 'loaded') return;
    const { uri, view } = this.current;
    this.publish({ kind: 'loaded', uri, view: this.viewOf(view.original, view) });
  }

  private viewOf(original: Dataset, previous?: DatasetView): DatasetView {
    return new DatasetView(this.labels ? applyLabels(original, this.labels) : original, original, previous);
  }

  /** Forget the dataset (no file configured or found). */
  clear(): void {
    this.watcher?.dispose();
    this.watcher = undefined;
    this.generation++;
    this.inflight = undefined;
    this.publish({ kind: 'none' });
  }

  /** Reload the current file now. */
  async reload(): Promise<DatasetState> {
    if (this.current.kind === 'none') return this.current;
    return this.load(this.current.uri);
  }

  private async load(uri: vscode.Uri): Promise<DatasetState> {
    const generation = ++this.generation;
    if (this.current.kind !== 'loaded') this.publish({ kind: 'loading', uri });
    let next: DatasetState;
    try {
      // Size checked, then the first 64 KiB judged, before the file is read whole (issue #9).
      next = { kind: 'loaded', uri, view: this.viewOf(await readDatasetFrom(uriByteSource(uri), uri.fsPath)) };
    } catch (error) {
      const message =
        error instanceof NotEpochTableError
          ? `${vscode.workspace.asRelativePath(uri)} is not an Epoch AI model table: ${error.reason}.`
          : error instanceof DatasetTooLargeError
            ? error.message.replace(uri.fsPath, vscode.workspace.asRelativePath(uri))
            : error instanceof vscode.FileSystemError || (error as { code?: string }).code
            ? `Cannot read ${vscode.workspace.asRelativePath(uri)}: ${(error as Error).message}`
            : `Loading ${vscode.workspace.asRelativePath(uri)} failed: ${(error as Error).message}`;
      next = { kind: 'error', uri, message };
    }
    // A newer load started while this one read the file: drop this result.
    if (generation !== this.generation) return this.current;
    this.publish(next);
    return next;
  }

  private watch(uri: vscode.Uri): void {
    this.watcher?.dispose();
    this.watcher = undefined;
    // The bundled snapshot never changes while the extension runs.
    if (uri.scheme === BUNDLED_SCHEME) return;
    const folder = vscode.Uri.joinPath(uri, '..');
    const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, name));
    const schedule = (): void => {
      clearTimeout(this.reloadTimer);
      this.reloadTimer = setTimeout(() => void this.load(uri), this.reloadDelayMs);
    };
    this.watcher = vscode.Disposable.from(
      watcher,
      watcher.onDidChange(schedule),
      watcher.onDidCreate(schedule),
      watcher.onDidDelete(schedule),
      { dispose: () => clearTimeout(this.reloadTimer) },
    );
  }

  private publish(state: DatasetState): void {
    this.current = state;
    this.changed.fire(state);
  }

  override dispose(): void {
    this.watcher?.dispose();
    super.dispose();
  }
}
