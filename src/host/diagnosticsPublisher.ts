import * as vscode from 'vscode';
import type { DatasetDiagnostic, DiagnosticKind } from '../core/model';
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
};

/**
 * Shows the loader's diagnostics in the Problems panel on the dataset file, at the cell when its
 * position is known (else at the record's first line), with the spec's kind as the code. A file
 * that is not an Epoch table gets one error at line 1.
 */
export class DiagnosticsPublisher extends Disposable {
  private readonly collection = this.register(vscode.languages.createDiagnosticCollection('computeDivide'));

  constructor(service: DatasetService) {
    super();
    this.register(service.onDidChange((state) => this.show(state)));
    this.show(service.state);
  }

  private show(state: DatasetState): void {
    this.collection.clear();
    if (state.kind === 'loaded') this.collection.set(state.uri, state.view.dataset.diagnostics.map(toDiagnostic));
    if (state.kind === 'error') {
      const diagnostic = new vscode.Diagnostic(new vscode.Range(0, 0, 0, 1000), state.message, vscode.DiagnosticSeverity.Error);
      diagnostic.source = 'Compute Divide';
      this.collection.set(state.uri, [diagnostic]);
    }
  }
}

/** Convert one dataset diagnostic to the editor's (0-based positions). */
export function toDiagnostic(d: DatasetDiagnostic): vscode.Diagnostic {
  const line = (d.position?.line ?? d.line) - 1;
  const column = (d.position?.column ?? 1) - 1;
  const length = Math.max(1, Math.min(d.raw?.length ?? 1, 200));
  const where = d.column ? ` [column "${d.column}"]` : '';
  const diagnostic = new vscode.Diagnostic(new vscode.Range(line, column, line, column + length), `${d.message}${where}`, SEVERITY[d.kind]);
  diagnostic.source = 'Compute Divide';
  diagnostic.code = d.kind;
  return diagnostic;
}
