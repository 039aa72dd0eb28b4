import * as vscode from 'vscode';
import { filterPapers } from '../core/dataset/filters';
import { foldTopic } from '../core/analyses/fold';
import { countNoun, formatFlop } from '../core/text/format';
import { paperDecision, type DecisionChoice } from '../core/labels/decisions';
import { paperDisputes } from '../core/labels/disputed';
import type { LabelState } from '../core/labels/fold';
import { TEAM_SECTORS, type Paper, type TeamSector } from '../core/dataset/model';
import { groupPapers, NO_DOMAIN, type Grouping, type PaperGroups } from '../core/dataset/paperGroups';
import { displayText } from '../core/text/visibleText';
import type { DatasetService, DatasetView } from './datasetService';
import { Disposable } from './disposable';
import { COMMAND_IDS } from './commandIds';
import { paperTooltip } from './paperTooltip';
import { paperIcon, sectorIcon } from './sectorStyle';
import type { SourceFormat } from '../core/sources/work';
import { assertNever } from './assertNever';

/** A node of the Papers tree. `outer`/`inner` are a topic and a sector, in the grouping's order. */
export type PaperNode =
  | { kind: 'group'; grouping: Grouping; outer: string }
  | { kind: 'subgroup'; grouping: Grouping; outer: string; inner: string }
  | { kind: 'paper'; grouping: Grouping; outer: string; inner: string; paperId: string }
  | { kind: 'more'; grouping: Grouping; outer: string; inner: string; remaining: number };

/**
 * Papers shown per page of a group. A group can hold tens of thousands of papers at 100,000 rows;
 * a "Show more" node extends it, so expanding stays fast and the list stays readable.
 */
export const PAGE_SIZE = 500;

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
    case 'more':
      return [node.grouping, node.outer, node.inner, '\u2026more'].join(SEP);
    default:
      return assertNever(node, 'node');
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
  /** Papers shown per expanded group (by the group's node id), beyond the first page. */
  private readonly shown = new Map<string, number>();
  /** The groups of the papers that pass the decision filter, for one view (rebuilt when either changes). */
  private filtered: { view: DatasetView; decision: DecisionChoice; groups: PaperGroups } | undefined;

  constructor(
    private readonly service: DatasetService,
    private groupingValue: Grouping,
    private decisionValue: DecisionChoice | 'all' = 'all',
  ) {
    super();
    this.register(service.onDidChange(() => this.changed.fire(undefined)));
  }

  /** Which papers the tree lists by screening decision (`all`: no filter). */
  get decisionFilter(): DecisionChoice | 'all' {
    return this.decisionValue;
  }

  set decisionFilter(value: DecisionChoice | 'all') {
    this.decisionValue = value;
    this.filtered = undefined;
    this.changed.fire(undefined);
  }

  /** The groups the tree shows: the view's own, or those of the papers passing the decision filter. */
  private groupsOf(view: DatasetView): PaperGroups {
    const decision = this.decisionValue;
    if (decision === 'all') return view.groups;
    if (this.filtered?.view !== view || this.filtered.decision !== decision)
      this.filtered = { view, decision, groups: groupPapers(filterPapers(view.dataset.papers, { decisions: [decision] })) };
    return this.filtered.groups;
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
    const groups = this.groupsOf(view);
    if (!node) {
      const outers = grouping === 'topic-sector' ? groups.topics : TEAM_SECTORS.filter((s) => groups.sectorCounts.get(s)! > 0);
      return outers.map((outer) => ({ kind: 'group', grouping, outer }));
    }
    if (node.kind === 'group') {
      const inners =
        node.grouping === 'topic-sector'
          ? TEAM_SECTORS.filter((s) => groups.cells.get(node.outer)?.has(s))
          : (groups.topicsBySector.get(node.outer as TeamSector) ?? []);
      return inners.map((inner) => ({ kind: 'subgroup', grouping: node.grouping, outer: node.outer, inner }));
    }
    if (node.kind === 'subgroup') {
      const papers = papersOf(groups, node);
      const limit = this.shown.get(nodeId(node)) ?? PAGE_SIZE;
      const children: PaperNode[] = papers
        .slice(0, limit)
        .map((p) => ({ kind: 'paper', grouping: node.grouping, outer: node.outer, inner: node.inner, paperId: p.id }));
      if (papers.length > limit) children.push({ kind: 'more', grouping: node.grouping, outer: node.outer, inner: node.inner, remaining: papers.length - limit });
      return children;
    }
    return [];
  }

  /** Show the next page of a group (the "Show more" node's command). */
  showMore(node: PaperNode): void {
    if (node.kind !== 'more') return;
    const group: PaperNode = { kind: 'subgroup', grouping: node.grouping, outer: node.outer, inner: node.inner };
    this.shown.set(nodeId(group), (this.shown.get(nodeId(group)) ?? PAGE_SIZE) + PAGE_SIZE);
    this.changed.fire(group);
  }

  getParent(node: PaperNode): PaperNode | undefined {
    if (node.kind === 'paper' || node.kind === 'more') return { kind: 'subgroup', grouping: node.grouping, outer: node.outer, inner: node.inner };
    if (node.kind === 'subgroup') return { kind: 'group', grouping: node.grouping, outer: node.outer };
    return undefined;
  }

  getTreeItem(node: PaperNode): vscode.TreeItem {
    const view = this.service.view;
    const id = nodeId(node);
    if (node.kind === 'paper') {
      const paper = view?.byId.get(node.paperId);
      // Rows sharing a name show their ids (` #2`) and lines, so they do not look identical (br-21).
      const duplicated = paper !== undefined && view!.duplicatedNames.has(paper.name);
      const item = new vscode.TreeItem(displayText(duplicated ? node.paperId : paper?.name || node.paperId), vscode.TreeItemCollapsibleState.None);
      item.id = id;
      if (paper) {
        item.description = duplicated ? `line ${paper.line} · ${describePaper(paper, view?.labels)}` : describePaper(paper, view?.labels);
        item.iconPath = paperIcon(paper);
        item.command = { command: COMMAND_IDS.showPaperDetails, title: 'Show Paper Details', arguments: [node.paperId] };
        item.contextValue = /^https?:\/\//i.test(paper.link) ? 'paper.withLink' : 'paper';
      }
      return item;
    }
    if (node.kind === 'more') {
      const item = new vscode.TreeItem(`Show ${Math.min(PAGE_SIZE, node.remaining).toLocaleString('en-US')} more…`, vscode.TreeItemCollapsibleState.None);
      item.id = id;
      item.description = `${node.remaining.toLocaleString('en-US')} not shown`;
      item.iconPath = new vscode.ThemeIcon('ellipsis');
      item.command = { command: COMMAND_IDS.showMorePapers, title: 'Show More Papers', arguments: [node] };
      item.contextValue = 'more';
      return item;
    }
    const label = node.kind === 'group' ? node.outer : node.inner;
    const count = view ? countOf(this.groupsOf(view), node) : 0;
    const item = new vscode.TreeItem(displayText(label), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = id;
    item.description = `${count.toLocaleString('en-US')}`;
    item.tooltip = `${displayText(label)}: ${countNoun(count, 'paper')}`;
    // Screen readers announce the row by this label: the group's name with its count.
    item.accessibilityInformation = { label: item.tooltip, role: 'treeitem' };
    const sector = (node.kind === 'group') === (node.grouping === 'sector-topic') ? (label as TeamSector) : undefined;
    item.iconPath = sector ? sectorIcon(sector) : new vscode.ThemeIcon(label === NO_DOMAIN ? 'circle-slash' : 'tag');
    item.contextValue = sector ? 'sector' : 'topic';
    return item;
  }

  /** Tooltips are built on hover only: at 100,000 rows building them all would cost seconds. */
  resolveTreeItem(item: vscode.TreeItem, node: PaperNode): vscode.TreeItem {
    if (node.kind === 'paper') {
      const view = this.service.view;
      const paper = view?.byId.get(node.paperId);
      if (paper && view) item.tooltip = paperTooltip(paper, { listStyle: view.dataset.listStyle, labels: view.labels });
    }
    return item;
  }

  /**
   * The tree's node for a topic of the topic analysis (a Domain, matched as analyses.md folds
   * topics: white space and quotes folded, case-insensitive): the topic's group when the tree
   * groups by topic first, else the topic under the first sector (in the spec's order) that has
   * it. Undefined when no row has the topic as its first domain (the tree files a row under its
   * first domain only) or no dataset is loaded.
   */
  nodeForTopic(topic: string): PaperNode | undefined {
    const view = this.service.view;
    if (!view) return undefined;
    const groups = this.groupsOf(view);
    const key = foldTopic(topic).toLowerCase();
    const found = groups.topics.find((t) => t === topic) ?? groups.topics.find((t) => foldTopic(t).toLowerCase() === key);
    if (found === undefined) return undefined;
    if (this.groupingValue === 'topic-sector') return { kind: 'group', grouping: 'topic-sector', outer: found };
    const sector = TEAM_SECTORS.find((s) => groups.cells.get(found)?.has(s));
    return sector ? { kind: 'subgroup', grouping: 'sector-topic', outer: sector, inner: found } : undefined;
  }

  /**
   * The node under which a paper is revealed: its first domain and its team sector. The group's
   * page is extended to include the paper, so `reveal` finds it among the group's children.
   */
  nodeForPaper(paper: Paper): PaperNode {
    const topic = paper.domains[0] ?? NO_DOMAIN;
    const sector = paper.teamSector;
    const [outer, inner] = this.groupingValue === 'topic-sector' ? [topic, sector] : [sector, topic];
    const group: PaperNode = { kind: 'subgroup', grouping: this.groupingValue, outer, inner };
    const view = this.service.view;
    if (view) {
      const index = papersOf(this.groupsOf(view), group).indexOf(paper);
      const limit = this.shown.get(nodeId(group)) ?? PAGE_SIZE;
      if (index >= limit) {
        this.shown.set(nodeId(group), Math.ceil((index + 1) / PAGE_SIZE) * PAGE_SIZE);
        this.changed.fire(group);
      }
    }
    return { kind: 'paper', grouping: this.groupingValue, outer, inner, paperId: paper.id };
  }
}

function papersOf(groups: PaperGroups, node: { grouping: Grouping; outer: string; inner: string }): readonly Paper[] {
  const [topic, sector] = node.grouping === 'topic-sector' ? [node.outer, node.inner] : [node.inner, node.outer];
  return groups.cells.get(topic)?.get(sector as TeamSector) ?? [];
}

function countOf(groups: PaperGroups, node: PaperNode): number {
  if (node.kind === 'subgroup') return papersOf(groups, node).length;
  if (node.kind === 'group')
    return node.grouping === 'topic-sector' ? (groups.topicCounts.get(node.outer) ?? 0) : (groups.sectorCounts.get(node.outer as TeamSector) ?? 0);
  return 0;
}

/** Badges of a paper's screening decision, first in its description. */
export const DECISION_BADGES = { include: '✓ Included', exclude: '✗ Excluded', maybe: '? Maybe' } as const;
/** The marker of a paper with a disputed label (its own or one of its organizations'). */
export const DISPUTED_BADGE = '⚠ disputed';

/** Short names of the literature formats, for the tree's descriptions. */
export const SHORT_FORMAT_NAMES: Record<SourceFormat, string> = {
  'epoch-csv': 'Epoch',
  bibtex: 'BibTeX',
  ris: 'RIS',
  'csl-json': 'CSL-JSON',
  'arxiv-atom': 'arXiv',
  'arxiv-oai': 'arXiv',
  openalex: 'OpenAlex',
  's2-paper': 'Semantic Scholar',
  's2-author': 'Semantic Scholar',
};

/**
 * `✓ Included · ⚠ disputed · 2023-03-14 · 2.1e25 FLOP`: the decision badge and the disputed
 * marker when there are any (with `labels`, the fold the paper's labels came from), the date (or
 * `no date`) and the training compute when there is one. A work of the literature shows its
 * sources (`BibTeX + RIS`), `partial evidence` when some authors' sectors are unknown, and its year;
 * an Epoch row that a library work joined says which files hold it too.
 */
export function describePaper(paper: Paper, labels?: LabelState): string {
  const parts: string[] = [];
  const decision = paperDecision(paper);
  if (decision) parts.push(DECISION_BADGES[decision]);
  if (labels && paperDisputes(paper, labels).length > 0) parts.push(DISPUTED_BADGE);
  const work = paper.work;
  if (work) {
    // Where a work of the literature was read from; for an Epoch row, the library files that hold it too.
    const formats = [...new Set(work.work.provenance.filter((p) => p.format !== 'epoch-csv').map((p) => SHORT_FORMAT_NAMES[p.format]))];
    parts.push(work.kind === 'literature' ? formats.join(' + ') : `also in ${formats.join(' + ')}`);
    if (work.sector?.partial) parts.push('partial evidence');
  }
  parts.push(work?.kind === 'literature' ? (work.work.date ? String(work.work.date.year) : 'no year') : (paper.publicationDate ?? 'no date'));
  if (paper.trainingComputeFlop !== undefined) parts.push(formatFlop(paper.trainingComputeFlop));
  return parts.join(' · ');
}
