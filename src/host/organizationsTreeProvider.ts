import * as vscode from 'vscode';
import { disputesOf, formatDisputeValues, type Dispute } from '../core/labels/disputed';
import { organizationsIndex, type OrganizationEntry } from '../core/labels/organizations';
import { ORGANIZATION_CATEGORIES } from '../core/dataset/model';
import { countNoun } from '../core/text/format';
import { displayText } from '../core/text/visibleText';
import { COMMAND_IDS } from './commandIds';
import type { DatasetService } from './datasetService';
import { Disposable } from './disposable';
import type { LabelService } from './labelService';
import { describePaper, DISPUTED_BADGE } from './papersTreeProvider';
import { markdownText, paperTooltip } from './paperTooltip';
import { sectorDot } from './sectorStyle';

/** The Organizations tree's groups: the five categories, then the two that need a label. */
export const ORGANIZATION_GROUPS = [...ORGANIZATION_CATEGORIES, 'Unlabelled', 'Conflicting'] as const;
export type OrganizationGroup = (typeof ORGANIZATION_GROUPS)[number];

export type OrganizationNode =
  | { kind: 'group'; group: OrganizationGroup }
  | { kind: 'organization'; group: OrganizationGroup; key: string }
  | { kind: 'paper'; group: OrganizationGroup; key: string; paperId: string };

/** The group an organization is listed under (spec: categories, Unlabelled, Conflicting). */
export function groupOf(entry: OrganizationEntry): OrganizationGroup {
  if (entry.status === 'conflicting') return 'Conflicting';
  if (entry.status === 'unlabelled' || entry.category === undefined) return 'Unlabelled';
  return (ORGANIZATION_CATEGORIES as readonly string[]).includes(entry.category) ? (entry.category as OrganizationGroup) : 'Unlabelled';
}

/**
 * The Organizations tree: every organization of the dataset grouped by its category (labels
 * first, else the table's; Conflicting when rows disagree, Unlabelled when nothing says), each
 * with its number of papers and sorted by it; expanding one lists its papers. Rebuilt from the
 * label fold and the loaded table (`organizationsIndex`), never from disk, when first read after a change.
 */
export class OrganizationsTreeProvider extends Disposable implements vscode.TreeDataProvider<OrganizationNode> {
  private readonly changed = this.register(new vscode.EventEmitter<OrganizationNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  private index = new Map<string, OrganizationEntry>();
  private groups = new Map<OrganizationGroup, OrganizationEntry[]>();

  constructor(
    private readonly dataset: DatasetService,
    private readonly labels: LabelService,
  ) {
    super();
    this.register(dataset.onDidChange(() => this.invalidate()));
  }

  /** The entry for an organization key (commands read it). */
  entry(key: string): OrganizationEntry | undefined {
    this.ensure();
    return this.index.get(key);
  }

  /** The table or its labels changed: rebuilt when next read (VS Code asks only while the view is shown). */
  private stale = true;

  private invalidate(): void {
    this.stale = true;
    this.changed.fire(undefined);
  }

  /**
   * Rebuild the index if the table or the labels changed since it was built: on the first read
   * after a change, not inside the change (a label at 100,000 rows does not wait for this view's
   * pass over the table, and a hidden view makes none; issue #9).
   */
  private ensure(): void {
    if (!this.stale) return;
    this.stale = false;
    const view = this.dataset.view;
    this.index = view ? organizationsIndex(view.dataset, this.labels.state) : new Map<string, OrganizationEntry>();
    this.groups = new Map(ORGANIZATION_GROUPS.map((g) => [g, []]));
    for (const entry of this.index.values()) this.groups.get(groupOf(entry))!.push(entry);
    for (const list of this.groups.values()) list.sort((a, b) => b.paperIds.length - a.paperIds.length || a.name.localeCompare(b.name));
  }

  getChildren(node?: OrganizationNode): OrganizationNode[] {
    this.ensure();
    if (!node) return ORGANIZATION_GROUPS.filter((g) => this.groups.get(g)!.length > 0).map((group) => ({ kind: 'group', group }));
    if (node.kind === 'group') return this.groups.get(node.group)!.map((e) => ({ kind: 'organization', group: node.group, key: e.key }));
    if (node.kind === 'organization') {
      // Newest first, as in the Papers tree; papers without a date last.
      const byId = this.dataset.view?.byId;
      const date = (id: string): string => byId?.get(id)?.publicationDate ?? '';
      const ids = [...(this.index.get(node.key)?.paperIds ?? [])].sort((a, b) => (date(a) < date(b) ? 1 : date(a) > date(b) ? -1 : 0));
      return ids.map((paperId) => ({ kind: 'paper', group: node.group, key: node.key, paperId }));
    }
    return [];
  }

  getParent(node: OrganizationNode): OrganizationNode | undefined {
    if (node.kind === 'paper') return { kind: 'organization', group: node.group, key: node.key };
    if (node.kind === 'organization') return { kind: 'group', group: node.group };
    return undefined;
  }

  getTreeItem(node: OrganizationNode): vscode.TreeItem {
    this.ensure();
    if (node.kind === 'group') {
      const entries = this.groups.get(node.group)!;
      const item = new vscode.TreeItem(node.group, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `org-group:${node.group}`;
      item.description = entries.length.toLocaleString('en-US');
      // The tooltip doubles as the row's accessible name when no other is given: name the category.
      item.tooltip = `${node.group}: ${countNoun(entries.length, 'organization')}`;
      item.accessibilityInformation = { label: item.tooltip, role: 'treeitem' };
      item.iconPath = new vscode.ThemeIcon(node.group === 'Unlabelled' ? 'question' : node.group === 'Conflicting' ? 'warning' : 'tag');
      return item;
    }
    const entry = this.index.get(node.key);
    if (node.kind === 'organization') {
      const item = new vscode.TreeItem(displayText(entry?.name ?? node.key), vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `org:${node.group}:${node.key}`;
      const papers = entry?.paperIds.length ?? 0;
      const how = entry?.label ? `labelled by ${displayText(entry.label.annotator)}` : entry?.status === 'conflicting' ? entry.dataCategories.map((c) => `${displayText(c.category)} ×${c.rows}`).join(', ') : entry?.status === 'from-data' ? 'from the table' : '';
      const dispute = disputesOf(this.labels.state).organizations.get(node.key);
      item.description = `${dispute ? `${DISPUTED_BADGE} · ` : ''}${countNoun(papers, 'paper')}${how ? ` · ${how}` : ''}`;
      item.accessibilityInformation = { label: `${displayText(entry?.name ?? node.key)}: ${item.description}`, role: 'treeitem' };
      item.contextValue = 'organization';
      item.iconPath = dispute ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')) : new vscode.ThemeIcon(entry?.label ? 'pass-filled' : 'organization');
      item.tooltip = entry ? organizationTooltip(entry, dispute) : undefined;
      return item;
    }
    const view = this.dataset.view;
    const paper = view?.byId.get(node.paperId);
    const duplicated = paper !== undefined && view!.duplicatedNames.has(paper.name);
    const item = new vscode.TreeItem(displayText(duplicated ? node.paperId : paper?.name || node.paperId), vscode.TreeItemCollapsibleState.None);
    item.id = `org:${node.group}:${node.key}:${node.paperId}`;
    if (paper) {
      const view = this.dataset.view;
      item.description = `${paper.teamSector} · ${duplicated ? `line ${paper.line} · ` : ''}${describePaper(paper, view?.labels)}`;
      item.iconPath = sectorDot(paper.teamSector);
      item.tooltip = paperTooltip(paper, view ? { listStyle: view.dataset.listStyle, labels: view.labels } : undefined);
    }
    item.contextValue = 'paper';
    item.command = { command: COMMAND_IDS.showPaperDetails, title: 'Show Paper Details', arguments: [node.paperId] };
    return item;
  }
}

function organizationTooltip(entry: OrganizationEntry, dispute?: Dispute): vscode.MarkdownString {
  // Every string from the table or the label log goes through markdownText (escaped, invisible
  // characters shown); the MarkdownString is neither trusted nor HTML-enabled.
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${markdownText(entry.name)}**\n\n`);
  if (entry.label)
    md.appendMarkdown(`Label: **${markdownText(entry.label.value)}** by ${markdownText(entry.label.annotator)}${entry.label.adjudicated ? ' (adjudicator)' : ''}, ${markdownText(entry.label.ts)}\n\n`);
  if (dispute)
    md.appendMarkdown(`**Disputed**: annotators disagree and no adjudicator has decided: ${markdownText(formatDisputeValues(dispute))}. The latest value counts until an adjudicator decides (Show Agreement).\n\n`);
  if (entry.dataCategories.length) md.appendMarkdown(`In the table: ${entry.dataCategories.map((c) => `${markdownText(c.category)} (${c.rows} ${c.rows === 1 ? 'row' : 'rows'})`).join(', ')}\n\n`);
  else md.appendMarkdown('The table gives no category (length mismatch or no categorization).\n\n');
  md.appendMarkdown(`${countNoun(entry.paperIds.length, 'paper')}${entry.inTable ? '' : ' · not in this table'}`);
  return md;
}
