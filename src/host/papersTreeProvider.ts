import * as vscode from 'vscode';
import { formatFlop } from '../core/format';
import { TEAM_SECTORS, type Paper, type TeamSector } from '../core/model';
import { NO_DOMAIN, type Grouping } from '../core/paperGroups';
import type { DatasetService, DatasetView } from './datasetService';
import { Disposable } from './disposable';
import { COMMAND_IDS } from './commandIds';
import { paperTooltip } from './paperTooltip';
import { sectorDot, sectorIcon } from './sectorStyle';

/** A node of the Papers tree. `outer`/`inner` are a topic and a sector, in the grouping's order. */
export type PaperNode =
  | { kind: 'group'; grouping: Grouping; outer: string }
  | { kind: 'subgroup'; grouping: Grouping; outer: string; inner: string }
  | { kind: 'paper'; grouping: Grouping; outer: string; inner: string; paperId: string };

const SEP = '\u241f';

/** Stable id of a node: the same paper under the same groups keeps its id across reloads. */
export function nodeId(node: PaperNode): string {
  switch (node.kind) {
    case 'group':
      return [node.grouping, node.outer].join(SEP);
    case 'subgroup':
      return [node.grouping, node.outer, node.inner].join(SEP);
    case 'paper':
      return [node.grouping, node.outer, node.inner, node.paperId].join(SEP);
    default:
      return assertNever(node);
  }
}

/**
 * The Papers tree: topic (Domain) → team sector → papers, or team sector → topic → papers, with
 * counts on every group and papers newest first. Every answer is a lookup in the dataset's
 * groups built at load (`groupPapers`), never a read from disk.
 */
export class PapersTreeProvider extends Disposable implements vscode.TreeDataProvider<PaperNode> {
  private readonly changed = this.register(new vscode.EventEmitter<PaperNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;

  constructor(
    private readonly service: DatasetService,
    private groupingValue: Grouping,
  ) {
    super();
    this.register(service.onDidChange(() => this.changed.fire(undefined)));
  }

  get grouping(): Grouping {
    return this.groupingValue;
  }

  set grouping(value: Grouping) {
    this.groupingValue = value;
    this.changed.fire(undefined);
  }

  getChildren(node?: PaperNode): PaperNode[] {
    const view = this.service.view;
    if (!view) return [];
    const grouping = this.groupingValue;
    if (!node) {
      const outers = grouping === 'topic-sector' ? view.groups.topics : TEAM_SECTORS.filter((s) => view.groups.sectorCounts.get(s)! > 0);
      return outers.map((outer) => ({ kind: 'group', grouping, outer }));
    }
    if (node.kind === 'group') {
      const inners =
        node.grouping === 'topic-sector'
          ? TEAM_SECTORS.filter((s) => view.groups.cells.get(node.outer)?.has(s))
          : (view.groups.topicsBySector.get(node.outer as TeamSector) ?? []);
      return inners.map((inner) => ({ kind: 'subgroup', grouping: node.grouping, outer: node.outer, inner }));
    }
    if (node.kind === 'subgroup')
      return papersOf(view, node).map((p) => ({ kind: 'paper', grouping: node.grouping, outer: node.outer, inner: node.inner, paperId: p.id }));
    return [];
  }

  getParent(node: PaperNode): PaperNode | undefined {
    if (node.kind === 'paper') return { kind: 'subgroup', grouping: node.grouping, outer: node.outer, inner: node.inner };
    if (node.kind === 'subgroup') return { kind: 'group', grouping: node.grouping, outer: node.outer };
    return undefined;
  }

  getTreeItem(node: PaperNode): vscode.TreeItem {
    const view = this.service.view;
    const id = nodeId(node);
    if (node.kind === 'paper') {
      const paper = view?.byId.get(node.paperId);
      const item = new vscode.TreeItem(paper?.name || node.paperId, vscode.TreeItemCollapsibleState.None);
      item.id = id;
      if (paper) {
        item.description = describePaper(paper);
        item.tooltip = paperTooltip(paper);
        item.iconPath = sectorDot(paper.teamSector);
        item.command = { command: COMMAND_IDS.showPaperDetails, title: 'Show Paper Details', arguments: [node.paperId] };
        item.contextValue = /^https?:\/\//i.test(paper.link) ? 'paper.withLink' : 'paper';
      }
      return item;
    }
    const label = node.kind === 'group' ? node.outer : node.inner;
    const count = view ? countOf(view, node) : 0;
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = id;
    item.description = `${count.toLocaleString('en-US')}`;
    item.tooltip = `${label}: ${count.toLocaleString('en-US')} ${count === 1 ? 'paper' : 'papers'}`;
    const sector = (node.kind === 'group') === (node.grouping === 'sector-topic') ? (label as TeamSector) : undefined;
    item.iconPath = sector ? sectorIcon(sector) : new vscode.ThemeIcon(label === NO_DOMAIN ? 'circle-slash' : 'tag');
    item.contextValue = sector ? 'sector' : 'topic';
    return item;
  }

  /** The node under which a paper is revealed: its first domain and its team sector. */
  nodeForPaper(paper: Paper): PaperNode {
    const topic = paper.domains[0] ?? NO_DOMAIN;
    const sector = paper.teamSector;
    return this.groupingValue === 'topic-sector'
      ? { kind: 'paper', grouping: 'topic-sector', outer: topic, inner: sector, paperId: paper.id }
      : { kind: 'paper', grouping: 'sector-topic', outer: sector, inner: topic, paperId: paper.id };
  }
}

function papersOf(view: DatasetView, node: { grouping: Grouping; outer: string; inner: string }): Paper[] {
  const [topic, sector] = node.grouping === 'topic-sector' ? [node.outer, node.inner] : [node.inner, node.outer];
  return view.groups.cells.get(topic)?.get(sector as TeamSector) ?? [];
}

function countOf(view: DatasetView, node: PaperNode): number {
  if (node.kind === 'subgroup') return papersOf(view, node).length;
  if (node.kind === 'group')
    return node.grouping === 'topic-sector' ? (view.groups.topicCounts.get(node.outer) ?? 0) : (view.groups.sectorCounts.get(node.outer as TeamSector) ?? 0);
  return 0;
}

/** `2023-03-14 · 2.1e25 FLOP`, or just the date when there is no training compute. */
export function describePaper(paper: Paper): string {
  const parts = [paper.publicationDate ?? 'no date'];
  if (paper.trainingComputeFlop !== undefined) parts.push(formatFlop(paper.trainingComputeFlop));
  return parts.join(' · ');
}

function assertNever(value: never): never {
  throw new Error(`unexpected node ${JSON.stringify(value)}`);
}
