import * as vscode from 'vscode';
import { formatFlop, formatParameters } from '../core/format';
import type { Paper } from '../core/model';

/** Escape text for a MarkdownString (names hold `*`, `_`, brackets…). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

/**
 * The tooltip of a paper in the trees: name, publication date, team sector, organizations with
 * their categories, training compute (`3.14e23 FLOP`), parameters and the link.
 */
export function paperTooltip(paper: Paper): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`**${escapeMarkdown(paper.name || paper.id)}**\n\n`);
  md.appendMarkdown(`$(calendar) ${paper.publicationDate ?? 'no publication date'}  \n`);
  md.appendMarkdown(`$(organization) Team sector: **${paper.teamSector}**${paper.leaning ? ` (${paper.leaning} leaning)` : ''}  \n`);
  md.appendMarkdown(`$(pulse) Training compute: ${formatFlop(paper.trainingComputeFlop)}  \n`);
  md.appendMarkdown(`$(symbol-numeric) Parameters: ${formatParameters(paper.parameters)}\n\n`);
  if (paper.organizations.length > 0) {
    const rows = paper.organizations.map((org, i) => `- ${escapeMarkdown(org)} — ${paper.organizationCategories[i] ?? '*category unknown*'}`);
    md.appendMarkdown(`${rows.join('\n')}\n\n`);
  }
  if (paper.lengthMismatch)
    md.appendMarkdown(`$(warning) ${paper.organizations.length} organizations but ${paper.categories.length} categories: needs review\n\n`);
  if (/^https?:\/\//i.test(paper.link)) md.appendMarkdown(`[$(link-external) ${escapeMarkdown(shorten(paper.link, 60))}](${encodeURI(paper.link)})`);
  return md;
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
