import * as vscode from 'vscode';
import { decisionCounts, formatDecisionCounts, paperDecision, type DecisionCounts } from '../core/labels/decisions';
import { summarize, type DatasetSummary } from '../core/dataset/summary';
import type { Dataset, Paper } from '../core/dataset/model';
import { COMMAND_IDS } from './commandIds';
import type { DatasetService, DatasetState, DatasetView } from './datasetService';
import { Disposable } from './disposable';
import { markdownText } from './paperTooltip';
import { assertNever } from './assertNever';

const summaries = new WeakMap<Dataset, DatasetSummary & { works: number }>();

/** `summarize` of a table as read, once per table (a label at 100,000 rows does not count it again). */
function summaryOf(original: Dataset): DatasetSummary & { works: number } {
  let summary = summaries.get(original);
  if (!summary) summaries.set(original, (summary = { ...summarize(original), works: original.papers.filter((p) => p.work?.kind === 'literature').length }));
  return summary;
}

/**
 * The decision counts of a view's table: after an incremental label, the previous view's counts
 * moved by the rows it re-derived (a pass over every row per label cost about 10 ms at 100,000
 * rows); else counted over every row. Kept per labelled table.
 */
const decisionCountsOf = new WeakMap<Dataset, DecisionCounts>();
function viewDecisionCounts(view: DatasetView): DecisionCounts {
  const known = decisionCountsOf.get(view.dataset);
  if (known) return known;
  const change = view.labelChange;
  const before = change && decisionCountsOf.get(change.from);
  let counts: DecisionCounts;
  if (change && before) {
    counts = { ...before };
    const move = (paper: Paper, by: number): void => {
      const decision = paperDecision(paper);
      if (decision) {
        counts[decision] += by;
        counts.screened += by;
      } else counts.undecided += by;
    };
    for (const row of change.rows) {
      move(change.from.papers[row], -1);
      move(view.dataset.papers[row], 1);
    }
  } else counts = decisionCounts(view.dataset.papers);
  decisionCountsOf.set(view.dataset, counts);
  return counts;
}

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
        // Rows, dates and compute do not change with labels: counted once per table read.
        const s = summaryOf(state.view.original);
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
        // With literature beside the table: its models (and their share with compute), then the works.
        const works = s.works;
        const models = s.rows - works;
        const modelShare = models === 0 ? 0 : Math.round((100 * s.withCompute) / models);
        this.item.text =
          works === 0
            ? `$(graph-scatter) ${s.rows.toLocaleString('en-US')} models · ${share}% with compute`
            : models === 0
              ? `$(book) ${works.toLocaleString('en-US')} works`
              : `$(graph-scatter) ${models.toLocaleString('en-US')} models · ${modelShare}% with compute · ${works.toLocaleString('en-US')} works`;
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
        return assertNever(state, 'state');
    }
    this.item.show();
  }
}

/**
 * The second status-bar item: screening decisions in the manner of a PRISMA flow diagram, e.g.
 * `screened 7 · included 5 · excluded 1 · maybe 1`, with the table's papers and the undecided in the
 * tooltip (`decisionCounts` over the loaded table's rows); a click filters the Papers tree by
 * decision. Hidden while no paper of the table has a decision.
 */
export class DecisionsStatusBar extends Disposable {
  readonly item = this.register(vscode.window.createStatusBarItem('computeDivide.decisions', vscode.StatusBarAlignment.Left, 9));

  constructor(private readonly service: DatasetService) {
    super();
    this.item.name = 'Compute Divide screening decisions';
    this.item.command = COMMAND_IDS.filterByDecision;
    this.register(service.onDidChange(() => this.show()));
    this.show();
  }

  private show(): void {
    const view = this.service.view;
    const counts = view ? viewDecisionCounts(view) : undefined;
    if (!counts || counts.screened === 0) {
      this.item.hide();
      return;
    }
    this.item.text = `$(checklist) ${formatDecisionCounts(counts)}`;
    this.item.tooltip = `Screening decisions in the label log, over the ${counts.papers.toLocaleString('en-US')} papers of the table: ${formatDecisionCounts(counts)}; ${counts.undecided.toLocaleString('en-US')} undecided. Click to filter the Papers tree by decision.`;
    this.item.show();
  }
}
