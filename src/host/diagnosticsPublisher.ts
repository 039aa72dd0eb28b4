import * as vscode from 'vscode';
import { capTotal, displayText, escapeControls, summarizeOmitted } from '../core/text/displaySafe';
import type { DatasetDiagnostic, DiagnosticKind } from '../core/dataset/model';
import type { ImportDiagnostic, ImportDiagnosticKind } from '../core/sources/work';
import type { DatasetService, DatasetState } from './datasetService';
import { Disposable } from './disposable';

const SEVERITY: Record<DiagnosticKind, vscode.DiagnosticSeverity> = {
  'csv-syntax': vscode.DiagnosticSeverity.Error,
  'ragged-row': vscode.DiagnosticSeverity.Warning,
  'empty-name': vscode.DiagnosticSeverity.Information,
  'duplicate-name': vscode.DiagnosticSeverity.Information,
  'bad-date': vscode.DiagnosticSeverity.Warning,
  'bad-number': vscode.DiagnosticSeverity.Warning,
  'unknown-category': vscode.DiagnosticSeverity.Warning,
  'length-mismatch': vscode.DiagnosticSeverity.Warning,
  encoding: vscode.DiagnosticSeverity.Warning,
  'record-too-large': vscode.DiagnosticSeverity.Error,
  'list-too-long': vscode.DiagnosticSeverity.Warning,
};

/**
 * Entries per file in the Problems panel (VS Code itself shows at most 1,000 per file); the rest are
 * counted in one summary entry after them (issue #9).
 */
export const PROBLEMS_PER_FILE = 500;

/** Longest message shown in the Problems panel (raw texts inside are already clipped to 200). */
const MESSAGE_MAX = 1000;

/**
 * Shows the loader's diagnostics in the Problems panel on the dataset file, at the cell when its
 * position is known (else at the record's first line), with the spec's kind as the code: at most
 * `PROBLEMS_PER_FILE`, then one entry "… and N more diagnostics of kinds …". A file that is not an
 * Epoch table gets one error at line 1.
 */
export class DiagnosticsPublisher extends Disposable {
  private readonly collection = this.register(vscode.languages.createDiagnosticCollection('computeDivide'));

  constructor(private readonly service: DatasetService) {
    super();
    this.register(service.onDidChange((state) => this.show(state)));
    this.show(service.state);
  }

  private show(state: DatasetState): void {
    this.collection.clear();
    // Literature files first: a table listed among them too gets the table's own entries below.
    for (const { uri, reading } of this.service.literature) {
      if (reading.diagnostics.length === 0) continue;
      const capped = capTotal(reading.diagnostics, PROBLEMS_PER_FILE);
      const shown = capped.shown.map(toImportDiagnostic);
      const summary = summarizeOmitted(capped.omitted);
      if (summary) shown.push(summaryDiagnostic(summary, reading.diagnostics[PROBLEMS_PER_FILE].line, 'Compute Divide'));
      this.collection.set(uri, shown);
    }
    // With the literature alone, `state.uri` is its first file, whose entries are set above.
    if (state.kind === 'loaded' && this.service.showsTable) {
      const all = state.view.dataset.diagnostics;
      const capped = capTotal(all, PROBLEMS_PER_FILE);
      const shown = capped.shown.map(toDiagnostic);
      const summary = summarizeOmitted(capped.omitted);
      if (summary) shown.push(summaryDiagnostic(summary, all[PROBLEMS_PER_FILE].line, 'Compute Divide'));
      this.collection.set(state.uri, shown);
    }
    if (state.kind === 'error') {
      const diagnostic = new vscode.Diagnostic(new vscode.Range(0, 0, 0, 1000), displayText(state.message, MESSAGE_MAX), vscode.DiagnosticSeverity.Error);
      diagnostic.source = 'Compute Divide';
      this.collection.set(state.uri, [diagnostic]);
    }
  }
}

const IMPORT_SEVERITY: Record<ImportDiagnosticKind, vscode.DiagnosticSeverity> = {
  'not-recognised': vscode.DiagnosticSeverity.Error,
  syntax: vscode.DiagnosticSeverity.Error,
  'too-large': vscode.DiagnosticSeverity.Error,
  'partial-record': vscode.DiagnosticSeverity.Warning,
  'missing-title': vscode.DiagnosticSeverity.Warning,
  'bad-date': vscode.DiagnosticSeverity.Warning,
  'bad-identifier': vscode.DiagnosticSeverity.Warning,
  'mojibake-suspect': vscode.DiagnosticSeverity.Warning,
  'mojibake-repaired': vscode.DiagnosticSeverity.Information,
  'duplicate-key': vscode.DiagnosticSeverity.Information,
};

/** Convert one diagnostic of a literature file to the editor's (line and column 1-based in, 0-based out). */
export function toImportDiagnostic(d: ImportDiagnostic): vscode.Diagnostic {
  const line = Math.max(0, d.line - 1);
  const column = Math.max(0, (d.column ?? 1) - 1);
  const length = Math.max(1, Math.min(d.raw?.length ?? 1, 200));
  const diagnostic = new vscode.Diagnostic(new vscode.Range(line, column, line, column + length), displayText(d.message, MESSAGE_MAX), IMPORT_SEVERITY[d.kind] ?? vscode.DiagnosticSeverity.Warning);
  diagnostic.source = 'Compute Divide';
  diagnostic.code = d.kind;
  return diagnostic;
}

/** Convert one dataset diagnostic to the editor's (0-based positions). */
export function toDiagnostic(d: DatasetDiagnostic): vscode.Diagnostic {
  const line = (d.position?.line ?? d.line) - 1;
  const column = (d.position?.column ?? 1) - 1;
  const length = Math.max(1, Math.min(d.raw?.length ?? 1, 200));
  const where = d.column ? ` [column "${displayText(d.column)}"]` : '';
  // Control characters escaped: the message shows a cell's text, which may hold anything.
  const diagnostic = new vscode.Diagnostic(new vscode.Range(line, column, line, column + length), `${displayText(d.message, MESSAGE_MAX)}${where}`, SEVERITY[d.kind]);
  diagnostic.source = 'Compute Divide';
  diagnostic.code = d.kind;
  return diagnostic;
}

/**
 * The one entry that stands for the diagnostics left out of a file's Problems list, on `line`
 * (1-based: the first one left out, so it sorts after those shown), as information.
 */
export function summaryDiagnostic(message: string, line: number, source: string): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(new vscode.Range(line - 1, 0, line - 1, 1), escapeControls(message), vscode.DiagnosticSeverity.Information);
  diagnostic.source = source;
  diagnostic.code = 'more-diagnostics';
  return diagnostic;
}
