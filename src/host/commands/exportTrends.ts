import * as vscode from 'vscode';
import type { Services } from '../services';
import type { TrendsExport } from '../trendsPanel';

/** The services these commands use (narrowed from `Services`). */
export type ExportTrendsServices = Pick<Services, 'trends'>;

const CHOICES: (vscode.QuickPickItem & { request: TrendsExport })[] = [
  { label: 'Training compute chart (SVG)', request: { chart: 'compute', format: 'svg' } },
  { label: 'Training compute chart (PNG)', request: { chart: 'compute', format: 'png' } },
  { label: 'Plotted points (CSV)', request: { chart: 'compute', format: 'csv' } },
  { label: 'Fit table (CSV)', request: { chart: 'fits', format: 'csv' } },
  { label: 'Fit table as Markdown (clipboard)', request: { chart: 'fits', format: 'markdown' } },
  { label: 'Top-k share chart (SVG)', request: { chart: 'shares', format: 'svg' } },
  { label: 'Top-k share chart (PNG)', request: { chart: 'shares', format: 'png' } },
  { label: 'Top-k shares per year and sector (CSV)', request: { chart: 'shares', format: 'csv' } },
  { label: 'Models per year chart (SVG)', request: { chart: 'counts', format: 'svg' } },
  { label: 'Models per year chart (PNG)', request: { chart: 'counts', format: 'png' } },
  { label: 'Models per year and sector (CSV)', request: { chart: 'counts', format: 'csv' } },
];

/**
 * "Export Compute Trends…": a chart as SVG/PNG (light, print-ready), the plotted points, the top-k
 * shares, the models per year or the fit table as CSV, or the fit table as Markdown. From the
 * palette it asks what and where; scripts and tests pass `request` and `target`.
 */
export async function exportTrends(services: ExportTrendsServices, request?: TrendsExport, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  if (!services.trends.isOpen) {
    services.trends.show();
    void vscode.window.showInformationMessage('The Compute Trends panel is opening; run the export again once it shows the charts.');
    return undefined;
  }
  const chosen = request ?? (await vscode.window.showQuickPick(CHOICES, { title: 'Export from Compute Trends' }))?.request;
  if (!chosen) return undefined;
  return services.trends.export(chosen, target);
}
