import * as vscode from 'vscode';
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
