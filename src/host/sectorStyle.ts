import * as vscode from 'vscode';
import type { Paper } from '../core/dataset/model';
import type { SourceFormat } from '../core/sources/work';
import type { TeamSector } from '../core/dataset/model';

/**
 * Tree icons per team sector: theme colours, so they follow light, dark and high-contrast themes.
 * The hues match the trends chart's colour-blind-safe palette as closely as theme colours allow.
 */
const COLOURS: Record<TeamSector, string> = {
  Academia: 'charts.blue',
  Industry: 'charts.orange',
  Collaboration: 'charts.purple',
  Other: 'charts.green',
  Unknown: 'disabledForeground',
};

const ICONS: Record<TeamSector, string> = {
  Academia: 'mortar-board',
  Industry: 'organization',
  Collaboration: 'git-merge',
  Other: 'globe',
  Unknown: 'question',
};

export function sectorIcon(sector: TeamSector): vscode.ThemeIcon {
  return new vscode.ThemeIcon(ICONS[sector], new vscode.ThemeColor(COLOURS[sector]));
}

export function sectorDot(sector: TeamSector): vscode.ThemeIcon {
  return new vscode.ThemeIcon('circle-filled', new vscode.ThemeColor(COLOURS[sector]));
}

/** The codicon of each literature source format (Epoch rows keep the sector dot). */
export const SOURCE_ICONS: Record<SourceFormat, string> = {
  'epoch-csv': 'circle-filled',
  bibtex: 'book',
  ris: 'book',
  'csl-json': 'book',
  'arxiv-atom': 'file-text',
  'arxiv-oai': 'file-text',
  openalex: 'globe',
  's2-paper': 'references',
  's2-author': 'person',
};

/**
 * A paper's icon in the tree: the sector dot for an Epoch row; for a work of the literature, the
 * icon of the source it was first read from (book: BibTeX, RIS, CSL-JSON; page: arXiv; globe:
 * OpenAlex; references/person: Semantic Scholar) in its sector's colour.
 */
export function paperIcon(paper: Pick<Paper, 'teamSector' | 'work'>): vscode.ThemeIcon {
  if (paper.work?.kind !== 'literature') return sectorDot(paper.teamSector);
  const format = paper.work.work.provenance[0]?.format ?? 'epoch-csv';
  return new vscode.ThemeIcon(SOURCE_ICONS[format], new vscode.ThemeColor(COLOURS[paper.teamSector]));
}
