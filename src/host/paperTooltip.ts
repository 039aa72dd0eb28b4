import { displayDate } from '../core/sources/literature';
import * as vscode from 'vscode';
import { formatFlop, formatParameters } from '../core/text/format';
import { checkExternalLink } from '../core/text/externalLink';
import { escapeMarkdown } from '../core/text/markdownText';
import { paperDecision } from '../core/labels/decisions';
import { formatDisputeValues, paperDisputes } from '../core/labels/disputed';
import type { LabelState } from '../core/labels/fold';
import { NOT_APPLIED_REASON, paperOrganizationsView } from '../core/labels/paperOrganizations';
import type { Paper } from '../core/dataset/model';
import { displayText } from '../core/text/visibleText';

/**
 * Text from the data for a tooltip: invisible characters shown (`displayText`), Markdown escaped.
 * Tooltips are never `isTrusted` and never `supportHtml`, so escaped text cannot run commands.
 * With `themeIcons` (a MarkdownString that renders `$(name)` icons, which VS Code does after the
 * Markdown is parsed) the `$(` is written as `\\$\(` so that what reaches the icon stage is the
 * escaped form `\$(`, shown as the text `$(`, as `MarkdownString.appendText` does it.
 */
export function markdownText(text: string, themeIcons = false): string {
  const escaped = escapeMarkdown(displayText(text));
  return themeIcons ? escaped.replace(/\\\$\\\(/g, '\\\\$\\(') : escaped;
}

const tooltipText = (text: string): string => markdownText(text, true);

/** What the trees pass so that a hover agrees with the labels: the table's schema and the fold. */
export interface TooltipContext {
  listStyle: boolean;
  labels?: LabelState;
}

/**
 * The tooltip of a paper in the trees: name, publication date, team sector, screening decision,
 * organizations each with its own category (`paperOrganizationsView`: its label, marked when the
 * row cannot use it yet; a 2022–23 team label as the team's, not each organization's), what is
 * disputed with the competing values and annotators, training compute (`3.14e23 FLOP`),
 * parameters and the link. Without `context`, organizations show the table's categories.
 */
export function paperTooltip(paper: Paper, context?: TooltipContext): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`**${tooltipText(paper.name || paper.id)}**\n\n`);
  md.appendMarkdown(`$(calendar) ${displayDate(paper) ?? 'no publication date'}  \n`);
  md.appendMarkdown(`$(organization) Team sector: **${paper.teamSector}**${paper.leaning ? ` (${paper.leaning} leaning)` : ''}  \n`);
  const decision = paperDecision(paper);
  if (decision) md.appendMarkdown(`$(${DECISION_ICONS[decision]}) Decision: **${DECISION_WORDS[decision]}**  \n`);
  const disputes = context?.labels ? paperDisputes(paper, context.labels) : [];
  for (const d of disputes.filter((x) => x.field !== 'category')) md.appendMarkdown(`$(warning) ${d.field} disputed: ${tooltipText(formatDisputeValues(d.dispute))}  \n`);
  md.appendMarkdown(`$(pulse) Training compute: ${formatFlop(paper.trainingComputeFlop)}  \n`);
  md.appendMarkdown(`$(symbol-numeric) Parameters: ${formatParameters(paper.parameters)}\n\n`);
  if (paper.organizations.length > 0) {
    const view = context ? paperOrganizationsView(paper, context.listStyle, context.labels) : undefined;
    const rows = paper.organizations.map((org, i) => {
      const o = view?.organizations[i];
      if (!o) return `- ${tooltipText(org)} — ${paper.organizationCategories[i] !== undefined ? tooltipText(paper.organizationCategories[i]) : '*category unknown*'}`;
      const category = o.category !== undefined ? tooltipText(o.category) : view.teamLabel !== undefined ? '*no own category*' : '*category unknown*';
      const notes = [o.source === 'label' ? `labelled by ${tooltipText(o.label!.annotator)}` : '', o.applied === false ? `*${NOT_APPLIED_REASON}*` : '', o.dispute ? `$(warning) disputed: ${tooltipText(formatDisputeValues(o.dispute))}` : ''].filter(Boolean);
      return `- ${tooltipText(org)} — ${category}${notes.length ? ` (${notes.join('; ')})` : ''}`;
    });
    if (view?.teamLabel !== undefined) md.appendMarkdown(`Team label (whole row): **${tooltipText(view.teamLabel)}**\n\n`);
    md.appendMarkdown(`${rows.join('\n')}\n\n`);
  }
  if (paper.lengthMismatch)
    md.appendMarkdown(`$(warning) ${paper.organizations.length} organizations but ${paper.categories.length} categories: needs review\n\n`);
  // Only a link `checkExternalLink` accepts, in angle brackets with `<`, `>` and spaces encoded (the
  // URL's href has them encoded already), so the link text cannot close the destination early.
  const link = checkExternalLink(paper.link);
  if (link.ok) md.appendMarkdown(`[$(link-external) ${tooltipText(shorten(paper.link, 60))}](<${link.url.replace(/[<>\s]/g, encodeURIComponent)}>)`);
  return md;
}

const DECISION_WORDS = { include: 'Included', exclude: 'Excluded', maybe: 'Maybe' } as const;
const DECISION_ICONS = { include: 'pass-filled', exclude: 'circle-slash', maybe: 'question' } as const;

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
