import * as vscode from 'vscode';
import { fileByteSource, type ByteSource } from '../node/readDatasetFile';

/**
 * A `ByteSource` over a URI: a `file:` URI reads its head with one positioned read (Node), so a
 * large file that is not an Epoch table is refused after 64 KiB; other schemes (a remote or
 * virtual workspace) have no partial read in `vscode.workspace.fs`, so they read the whole file
 * once, after its size was checked against the cap, and the head is a view of it.
 */
export function uriByteSource(uri: vscode.Uri): ByteSource {
  if (uri.scheme === 'file') return fileByteSource(uri.fsPath);
  let whole: Promise<Uint8Array> | undefined;
  const all = (): Promise<Uint8Array> => (whole ??= Promise.resolve(vscode.workspace.fs.readFile(uri)));
  return {
    size: async () => (await vscode.workspace.fs.stat(uri)).size,
    head: async (length) => (await all()).subarray(0, length),
    all,
  };
}
