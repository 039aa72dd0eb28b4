import type * as vscode from 'vscode';
import type { DatasetService } from './datasetService';
import type { LabelService } from './labelService';
import type { OrganizationsTreeProvider } from './organizationsTreeProvider';
import type { PaperDetailsPanel } from './paperDetailsPanel';
import type { PaperNode, PapersTreeProvider } from './papersTreeProvider';
import type { TrendsPanel } from './trendsPanel';
import type { TriagePanel } from './triage/triagePanel';
import type { AgreementPanel } from './agreementPanel';

/** What commands work with; built once in `extension.ts` and passed in (no module globals). */
export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly labels: LabelService;
  readonly dataset: DatasetService;
  readonly papersTree: PapersTreeProvider;
  readonly papersView: vscode.TreeView<PaperNode>;
  readonly organizationsTree: OrganizationsTreeProvider;
  readonly details: PaperDetailsPanel;
  readonly trends: TrendsPanel;
  readonly triage: TriagePanel;
  readonly agreement: AgreementPanel;
  /** Set the Papers view's description (the table, and the decision filter when one is on). */
  describePapersView(): void;
  /** Re-run dataset discovery (setting, then workspace search). */
  locateAndLoad(interactive: boolean): Promise<void>;
}
