import * as vscode from 'vscode';
import type { LabelChangeSet, LabelState } from '../core/labels/fold';
import { NotEpochTableError } from '../core/dataset/loadDataset';
import { DatasetTooLargeError, readEpochTableBytes } from '../node/readDatasetFile';
import { BUNDLED_SCHEME, type BundledSnapshot } from './bundledSnapshot';
import { DatasetView } from './datasetView';
import { Disposable } from './disposable';
import { uriByteSource } from './uriByteSource';
import { runInSlices } from './loading/slices';
import { LoadCancelledError, TableLoader } from './loading/tableLoader';
import type { FileReading } from '../core/sources/literature';
import type { PossibleDuplicate } from '../core/sources/duplicates';
import type { TopicMapping } from '../core/sources/topics';
import { readSourceBytes } from '../node/readSourceFile';
import { inputBytes, LiteratureLoader } from './loading/literatureLoader';
import type { SourceInput } from './loading/literatureRead';

/** A literature file read with the table: where it is and what it held (its diagnostics go to the Problems panel). */
export interface LiteratureFile {
  uri: vscode.Uri;
  reading: FileReading;
}

export { DatasetView } from './datasetView';

/** What the extension currently shows. */
export type DatasetState =
  | { kind: 'none' }
  | { kind: 'loading'; uri: vscode.Uri }
  | { kind: 'loaded'; uri: vscode.Uri; view: DatasetView }
  | { kind: 'error'; uri: vscode.Uri; message: string };

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
  /** Cancels the load in progress (its worker and its slices). */
  private loading: AbortController | undefined;
  /** Cancels the background warm-up of the shown table's indexes. */
  private warming: AbortController | undefined;
  /** The literature files (`computeDivide.sources`, resolved), in the setting's order. */
  private sourceUris: vscode.Uri[] = [];
  private topicMapping: TopicMapping | undefined;
  private literatureFiles: LiteratureFile[] = [];
  private possible: PossibleDuplicate[] = [];
  /** Whether the latest load was of an Epoch table (else of the literature alone). */
  private tableShown = true;

  /**
   * @param reloadDelayMs how long to wait after a change on disk before reloading
   * @param bundled the snapshot that ships with the extension, if this installation has one
   * @param loader parses tables (in a worker thread when large); without one, tables parse inline
   * @param literatureLoader reads literature files with the table (in a worker thread when large); without one, inline
   */
  constructor(
    private readonly reloadDelayMs = 150,
    readonly bundled?: BundledSnapshot,
    private readonly loader: TableLoader = new TableLoader('', { inlineBelowBytes: Infinity }),
    private readonly literatureLoader: LiteratureLoader = new LiteratureLoader('', { inlineBelowBytes: Infinity }),
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

  /** The literature files to show beside the table (the setting, resolved). */
  get sources(): readonly vscode.Uri[] {
    return this.sourceUris;
  }

  /** The literature files read with the shown dataset (with their diagnostics), in the setting's order. */
  get literature(): readonly LiteratureFile[] {
    return this.literatureFiles;
  }

  /** Works that may be the same (same normalised title, years at most one apart, no shared identifier). */
  get possibleDuplicates(): readonly PossibleDuplicate[] {
    return this.possible;
  }

  /**
   * Set the literature files shown beside the table and the topic mapping, for the next load (the
   * caller reloads: `reload` when `showsTable`, else its discovery). Returns whether anything changed.
   */
  setSources(uris: readonly vscode.Uri[], topicMapping?: TopicMapping): boolean {
    const same = uris.length === this.sourceUris.length && uris.every((u, i) => u.toString() === this.sourceUris[i].toString());
    const sameMapping = JSON.stringify(topicMapping) === JSON.stringify(this.topicMapping);
    this.sourceUris = [...uris];
    this.topicMapping = topicMapping;
    return !(same && sameMapping);
  }

  /** True when an Epoch table is shown (or failed, or is loading), false with the literature alone or nothing. */
  get showsTable(): boolean {
    return this.current.kind !== 'none' && this.tableShown;
  }

  /** True when `uri` is one of the literature files (not an Epoch table opened as the dataset). */
  private isSource(uri: vscode.Uri): boolean {
    return this.sourceUris.some((s) => s.toString() === uri.toString());
  }

  /** The bytes of every literature file (bounded, not yet decompressed; a file that cannot be read carries why: one diagnostic, the others load). */
  private async readSources(signal: AbortSignal): Promise<SourceInput[]> {
    const out: SourceInput[] = [];
    for (const uri of this.sourceUris) {
      if (signal.aborted) throw new LoadCancelledError(uri.fsPath);
      const name = vscode.workspace.asRelativePath(uri);
      try {
        out.push({ name, bytes: await readSourceBytes(uriByteSource(uri), name, { decompress: false }) });
      } catch (error) {
        const code = (error as { code?: string }).code;
        out.push({ name, failure: code === 'ENOENT' || (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') ? 'the file does not exist' : (error as Error).message });
      }
    }
    return out;
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
   * listener gets the new view at once. With `change` (what the fold touched since the previous
   * one: `LabelFolder.lastChange`) only the rows the touched keys match are re-derived and regrouped.
   */
  setLabels(labels: LabelState, change?: LabelChangeSet): void {
    this.labels = labels;
    if (this.current.kind !== 'loaded') return;
    const { uri, view } = this.current;
    // The fold the view already shows: nothing to re-derive, and no view needs to redraw.
    if (view.labels === labels) return;
    this.publish({ kind: 'loaded', uri, view: view.withLabels(labels, change) });
  }

  /** Forget the dataset (no file configured or found). */
  clear(): void {
    this.watcher?.dispose();
    this.watcher = undefined;
    this.generation++;
    this.inflight = undefined;
    this.loading?.abort();
    this.warming?.abort();
    this.publish({ kind: 'none' });
  }

  /** Reload the current file now. */
  async reload(): Promise<DatasetState> {
    if (this.current.kind === 'none') return this.current;
    return this.load(this.current.uri);
  }

  /**
   * Read and parse `uri`: large tables parse in the load worker behind a cancellable progress
   * notification, and the view is built in slices, so the extension host stays responsive. A first
   * load shows `loading`; a reload keeps the current table shown until the new one is ready.
   * Cancelling keeps what was shown before.
   */
  private async load(uri: vscode.Uri): Promise<DatasetState> {
    const generation = ++this.generation;
    this.loading?.abort();
    const abort = (this.loading = new AbortController());
    const before = this.current;
    if (this.current.kind !== 'loaded') this.publish({ kind: 'loading', uri });
    let next: DatasetState;
    try {
      // Size checked, then the first 64 KiB judged, before the file is read whole (issue #9).
      // Without an Epoch table (`uri` is a literature file) the literature alone is shown.
      const isTable = !this.isSource(uri);
      this.tableShown = isTable;
      const bytes = isTable ? await readEpochTableBytes(uriByteSource(uri), uri.fsPath) : new Uint8Array();
      // With literature, the table is read with it (in the literature worker when they are large).
      const sourceUris = this.sourceUris;
      const sources = sourceUris.length > 0 ? await this.readSources(abort.signal) : undefined;
      const input = sources && { ...(isTable ? { table: { bytes, source: uri.fsPath } } : {}), files: sources, topicMapping: this.topicMapping };
      const work = async (report?: (message: string) => void): Promise<DatasetView> => {
        let dataset, order;
        let files: LiteratureFile[] = [];
        let possible: PossibleDuplicate[] = [];
        if (input) {
          const onFile = (i: number, name: string): void => report?.(`${name} (${i + 1} of ${input.files.length})`);
          const read = await this.literatureLoader.load(input, { signal: abort.signal, onFile });
          ({ dataset, order, possible } = read);
          files = read.readings.map((reading, i) => ({ uri: sourceUris[i], reading }));
        } else if (isTable) ({ dataset, order } = await this.loader.parse(bytes, uri.fsPath, abort.signal));
        if (!dataset || !order) throw new Error('no dataset');
        if (generation === this.generation) {
          this.literatureFiles = files;
          this.possible = possible;
        }
        const view = await runInSlices(DatasetView.buildSteps(dataset, order, this.labels), { signal: abort.signal, label: uri.fsPath });
        // Labels that changed while the view was built.
        return this.labels && view.labels !== this.labels ? view.withLabels(this.labels) : view;
      };
      const viaWorker = input ? this.literatureLoader.usesWorker(inputBytes(input)) : this.loader.usesWorker(bytes.byteLength);
      const view = viaWorker ? await this.withProgress(uri, abort, work) : await work();
      next = { kind: 'loaded', uri, view };
    } catch (error) {
      if (error instanceof LoadCancelledError) {
        if (generation !== this.generation) return this.current;
        this.generation++;
        // Back to what was shown: the previous table (still shown), or the state before a first load.
        if (this.current.kind === 'loading') this.publish(before.kind === 'loading' ? { kind: 'none' } : before);
        if (this.current.kind === 'none') this.watcher?.dispose();
        else if (this.current.uri.toString() !== uri.toString()) this.watch(this.current.uri);
        return this.current;
      }
      const message =
        error instanceof NotEpochTableError
          ? `${vscode.workspace.asRelativePath(uri)} is not an Epoch AI model table: ${error.reason}.`
          : error instanceof DatasetTooLargeError
            ? error.message.replace(uri.fsPath, vscode.workspace.asRelativePath(uri))
            : error instanceof vscode.FileSystemError || (error as { code?: string }).code
            ? `Cannot read ${vscode.workspace.asRelativePath(uri)}: ${(error as Error).message}`
            : `Loading ${vscode.workspace.asRelativePath(uri)} failed: ${(error as Error).message}`;
      next = { kind: 'error', uri, message };
    } finally {
      if (this.loading === abort) this.loading = undefined;
    }
    // A newer load started while this one read the file: drop this result.
    if (generation !== this.generation) return this.current;
    this.publish(next);
    if (next.kind === 'loaded') this.warm(next.view);
    return next;
  }

  private withProgress<T>(uri: vscode.Uri, abort: AbortController, work: (report: (message: string) => void) => Promise<T>): Thenable<T> {
    const name = uri.scheme === BUNDLED_SCHEME ? 'the bundled snapshot' : vscode.workspace.asRelativePath(uri);
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Loading ${name}…`, cancellable: true }, (progress, token) => {
      token.onCancellationRequested(() => abort.abort());
      return work((message) => progress.report({ message }));
    });
  }

  /** Build the Find Paper index and the labels' match index in the background, in slices. */
  private warm(view: DatasetView): void {
    this.warming?.abort();
    const abort = (this.warming = new AbortController());
    view.warm((steps) => runInSlices(steps, { signal: abort.signal })).catch(() => {
      // Cancelled by a newer table, or failed: Find Paper then builds the index on first use.
    });
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
    this.loading?.abort();
    this.warming?.abort();
    this.watcher?.dispose();
    super.dispose();
  }
}
