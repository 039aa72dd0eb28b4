import type * as vscode from 'vscode';
import type { DatasetService } from './datasetService';
import { Disposable } from './disposable';
import type { PaperNode, PapersTreeProvider } from './papersTreeProvider';

/**
 * Keeps the selected papers selected when the dataset reloads (a change on disk, a label): the
 * tree's ids are stable, so expansion survives by itself, but the selection is re-revealed here
 * for the papers that still exist.
 */
export class SelectionKeeper extends Disposable {
  private remembered: string[] = [];

  constructor(service: DatasetService, tree: PapersTreeProvider, view: vscode.TreeView<PaperNode>) {
    super();
    this.register(
      view.onDidChangeSelection((event) => {
        this.remembered = event.selection.flatMap((n) => (n.kind === 'paper' ? [n.paperId] : []));
      }),
    );
    this.register(
      service.onDidChange((state) => {
        if (state.kind !== 'loaded' || this.remembered.length === 0 || !view.visible) return;
        const keep = [...this.remembered];
        // Let the tree take the refresh first, then select again.
        setTimeout(() => {
          for (const [i, id] of keep.entries()) {
            const paper = state.view.byId.get(id);
            if (paper) void Promise.resolve(view.reveal(tree.nodeForPaper(paper), { select: true, focus: false, expand: i === 0 })).catch(() => undefined);
          }
        }, 50);
      }),
    );
  }
}
