import * as vscode from 'vscode';
import { formatFlop, formatParameters } from '../core/format';
import { checkExternalLink } from '../core/externalLink';
import { escapeMarkdown } from '../core/markdownText';
import type { Paper } from '../core/model';
import { displayText } from '../core/visibleText';

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

/**
 * The tooltip of a paper in the trees: name, publication date, team sector, organizations with
 * their categories, training compute (`3.14e23 FLOP`), parameters and the link.
 */
export function paperTooltip(paper: Paper): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`**${tooltipText(paper.name || paper.id)}**\n\n`);
  md.appendMarkdown(`$(calendar) ${paper.publicationDate ?? 'no publication date'}  \n`);
  md.appendMarkdown(`$(organization) Team sector: **${paper.teamSector}**${paper.leaning ? ` (${paper.leaning} leaning)` : ''}  \n`);
  md.appendMarkdown(`$(pulse) Training compute: ${formatFlop(paper.trainingComputeFlop)}  \n`);
  md.appendMarkdown(`$(symbol-numeric) Parameters: ${formatParameters(paper.parameters)}\n\n`);
  if (paper.organizations.length > 0) {
    const rows = paper.organizations.map((org, i) => `- ${tooltipText(org)} — ${paper.organizationCategories[i] !== undefined ? tooltipText(paper.organizationCategories[i]) : '*category unknown*'}`);
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

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
