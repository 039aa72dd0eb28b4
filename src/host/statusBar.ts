import * as vscode from 'vscode';
import { summarize } from '../core/summary';
import { COMMAND_IDS } from './commandIds';
import type { DatasetService, DatasetState } from './datasetService';
import { Disposable } from './disposable';
import { markdownText } from './paperTooltip';

/**
 * The status-bar item: the dataset's size and the share of rows with training compute, e.g.
 * `1,036 models · 51% with compute`; a click opens Find Paper. Hidden when no dataset is loaded.
 */
export class DatasetStatusBar extends Disposable {
  readonly item = this.register(vscode.window.createStatusBarItem('computeDivide.dataset', vscode.StatusBarAlignment.Left, 10));

  constructor(private readonly service: DatasetService) {
    super();
    this.item.name = 'Compute Divide dataset';
    this.register(service.onDidChange((state) => this.show(state)));
    this.show(service.state);
  }

  private show(state: DatasetState): void {
    switch (state.kind) {
      case 'none':
        this.item.hide();
        return;
      case 'loading':
        this.item.text = '$(loading~spin) Loading models…';
        this.item.tooltip = state.uri.fsPath;
        this.item.command = undefined;
        break;
      case 'error':
        this.item.text = '$(error) Dataset not loaded';
        this.item.tooltip = state.message;
        this.item.command = 'workbench.actions.view.problems';
        break;
      case 'loaded': {
        const s = summarize(state.view.dataset);
        const share = s.rows === 0 ? 0 : Math.round((100 * s.withCompute) / s.rows);
        const bundled = this.service.shownBundled;
        if (bundled) {
          // The bundled snapshot ages with the installation: say how old it is, one click to the current table.
          this.item.text = `$(graph-scatter) ${s.rows.toLocaleString('en-US')} models · bundled snapshot ${bundled.age()}`;
          const md = new vscode.MarkdownString(
            `**${bundled.meta.title}** (${bundled.meta.licence}), the snapshot bundled with the extension: publication dates up to ${bundled.meta.snapshotDate}.\n\n` +
              `${s.rows.toLocaleString('en-US')} models, ${s.withCompute.toLocaleString('en-US')} with training compute. Click to download Epoch's current table into the workspace.`,
          );
          this.item.tooltip = md;
          this.item.command = COMMAND_IDS.downloadDataset;
          break;
        }
        this.item.text = `$(graph-scatter) ${s.rows.toLocaleString('en-US')} models · ${share}% with compute`;
        const md = new vscode.MarkdownString(
          `**${markdownText(vscode.workspace.asRelativePath(state.uri))}**\n\n${s.rows.toLocaleString('en-US')} rows, ` +
            `${s.withCompute.toLocaleString('en-US')} with training compute, ${s.withDate.toLocaleString('en-US')} with a publication date.\n\n` +
            `${state.view.dataset.diagnostics.length.toLocaleString('en-US')} diagnostics in the Problems panel. Click to find a paper.`,
        );
        this.item.tooltip = md;
        this.item.command = COMMAND_IDS.findPaper;
        break;
      }
      default:
        return assertNever(state);
    }
    this.item.show();
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected state ${JSON.stringify(value)}`);
}
