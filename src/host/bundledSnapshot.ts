import { gunzipSync } from 'node:zlib';
import * as vscode from 'vscode';
import type { BundledSnapshotMeta } from '../core/dataset/bundledSnapshot';

/** The URI scheme of the bundled snapshot: a read-only file that exists only inside the extension. */
export const BUNDLED_SCHEME = 'compute-divide-bundled';
/** The `computeDivide.dataset` value that selects the bundled snapshot. */
export const BUNDLED_SETTING_VALUE = 'bundled';

const SNAPSHOT_FILE = 'epoch-notable-ai-models.csv.gz';
const META_FILE = 'epoch-notable-ai-models.json';

/**
 * Epoch AI's notable-models table as it ships inside the extension (`data/`, made by
 * `npm run bundle-data`), served as a read-only file system with one file,
 * `compute-divide-bundled:/notable_ai_models_<date>.csv`. The dataset service reads it like any
 * other table, Go to Row in CSV opens it, the Problems panel can point into it, and nothing can
 * write it (VS Code shows the reason when an edit is attempted). The gzip is decompressed on the
 * first read and kept.
 */
export class BundledSnapshot implements vscode.FileSystemProvider {
  readonly uri: vscode.Uri;
  private bytes: Uint8Array | undefined;
  private readonly never = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.never.event;

  private constructor(
    private readonly extensionUri: vscode.Uri,
    readonly meta: BundledSnapshotMeta,
  ) {
    this.uri = vscode.Uri.from({ scheme: BUNDLED_SCHEME, path: `/notable_ai_models_${meta.snapshotDate}.csv` });
  }

  /** Read the metadata beside the snapshot; undefined when this installation has no snapshot. */
  static async load(extensionUri: vscode.Uri): Promise<BundledSnapshot | undefined> {
    try {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'data', META_FILE)));
      return new BundledSnapshot(extensionUri, JSON.parse(text) as BundledSnapshotMeta);
    } catch {
      return undefined;
    }
  }

  /** Register the read-only file system; dispose to remove it. */
  register(): vscode.Disposable {
    const readonly = new vscode.MarkdownString(`This is the snapshot of ${this.meta.title} (${this.meta.licence}) bundled with Compute Divide; it is never written. Labels go to the workspace's label log.`);
    return vscode.Disposable.from(this.never, vscode.workspace.registerFileSystemProvider(BUNDLED_SCHEME, this, { isCaseSensitive: true, isReadonly: readonly }));
  }

  /** "2026-07-15 (4 months old)": the snapshot's date and its age today, for labels and the status bar. */
  age(now = new Date()): string {
    const [y, m, d] = this.meta.snapshotDate.split('-').map(Number);
    const months = (now.getUTCFullYear() - y) * 12 + (now.getUTCMonth() + 1 - m) - (now.getUTCDate() < d ? 1 : 0);
    const age = months <= 0 ? 'less than a month old' : months === 1 ? '1 month old' : months < 24 ? `${months} months old` : `${Math.floor(months / 12)} years old`;
    return `${this.meta.snapshotDate} (${age})`;
  }

  /** One line of attribution, as CC BY 4.0 asks wherever the table is shown. */
  get attribution(): string {
    return `${this.meta.title} (${this.meta.licence}), snapshot ${this.meta.snapshotDate}, bundled with the extension`;
  }

  private async content(): Promise<Uint8Array> {
    this.bytes ??= gunzipSync(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.extensionUri, 'data', SNAPSHOT_FILE)));
    return this.bytes;
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    if (uri.path === '/') return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
    if (uri.path !== this.uri.path) throw vscode.FileSystemError.FileNotFound(uri);
    return { type: vscode.FileType.File, ctime: 0, mtime: 0, size: (await this.content()).byteLength, permissions: vscode.FilePermission.Readonly };
  }

  readDirectory(uri: vscode.Uri): [string, vscode.FileType][] {
    if (uri.path !== '/') throw vscode.FileSystemError.FileNotADirectory(uri);
    return [[this.uri.path.slice(1), vscode.FileType.File]];
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    if (uri.path !== this.uri.path) throw vscode.FileSystemError.FileNotFound(uri);
    // A copy: a reader may transfer the bytes it gets (the load worker), which would empty the cache.
    return (await this.content()).slice();
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  createDirectory(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  writeFile(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  delete(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  rename(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
}
