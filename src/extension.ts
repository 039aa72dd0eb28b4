import { SETTING, affects, settings } from './host/settings';
import { resolveSources, watchSources } from './host/literatureSources';
import * as vscode from 'vscode';
import { COMMAND_IDS, CONTEXT_KEYS, VIEW_IDS } from './host/commandIds';
import { registerCommands } from './host/commands/registerCommands';
import { rememberedGrouping } from './host/commands/grouping';
import { decisionFilterDescription, rememberedDecisionFilter } from './host/commands/decisionFilter';
import { locateDataset } from './host/datasetLocator';
import { DatasetService, type DatasetState } from './host/datasetService';
import { DiagnosticsPublisher } from './host/diagnosticsPublisher';
import { PaperDetailsPanel } from './host/paperDetailsPanel';
import { PapersTreeProvider, type PaperNode } from './host/papersTreeProvider';
import type { Services } from './host/services';
import { DatasetStatusBar, DecisionsStatusBar } from './host/statusBar';
import { ANALYSIS_WORKER_MIN_ROWS, TrendsPanel } from './host/trendsPanel';
import { LabelService } from './host/labelService';
import { TriagePanel } from './host/triage/triagePanel';
import { OrganizationsTreeProvider, type OrganizationNode } from './host/organizationsTreeProvider';
import { revealPaper } from './host/commands/findPaper';
import { revealTopic } from './host/commands/findingsCommands';
import { SelectionKeeper } from './host/selectionKeeper';
import { BundledSnapshot } from './host/bundledSnapshot';
import { cleanWorkspaceTempFiles } from './host/staleTempFiles';
import { TableLoader } from './host/loading/tableLoader';
import { AnalysisClient } from './host/analysis/analysisClient';
import { LiteratureLoader } from './host/loading/literatureLoader';
import { AgreementPanel } from './host/agreementPanel';

/** What `activate` returns: the services, for integration tests and other extensions. */
export interface ComputeDivideApi extends Services {
  /** Settles when the first dataset discovery is done (it may wait for the user's choice). */
  readonly ready: Promise<void>;
}

/**
 * Composition root: builds the services, registers them, and puts every disposable into
 * `context.subscriptions`. No feature logic lives here.
 */
export async function activate(context: vscode.ExtensionContext): Promise<ComputeDivideApi> {
  const labels = new LabelService(context.workspaceState);
  const bundled = await BundledSnapshot.load(context.extensionUri);
  if (bundled) context.subscriptions.push(bundled.register());
  const loader = new TableLoader(vscode.Uri.joinPath(context.extensionUri, 'dist', 'loadWorker.js').fsPath);
  const literatureLoader = new LiteratureLoader(vscode.Uri.joinPath(context.extensionUri, 'dist', 'literatureWorker.js').fsPath);
  const dataset = new DatasetService(undefined, bundled, loader, literatureLoader);
  const analysis = new AnalysisClient(vscode.Uri.joinPath(context.extensionUri, 'dist', 'analysisWorker.js').fsPath);
  context.subscriptions.push({ dispose: () => analysis.dispose() });
  context.subscriptions.push(labels.onDidChange((state) => dataset.setLabels(state, labels.lastChange)));
  const papersTree = new PapersTreeProvider(dataset, rememberedGrouping(context), rememberedDecisionFilter(context));
  const papersView = vscode.window.createTreeView<PaperNode>(VIEW_IDS.papers, { treeDataProvider: papersTree, showCollapseAll: true, canSelectMany: true });
  const details = new PaperDetailsPanel(context.extensionUri, dataset);
  const organizationsTree = new OrganizationsTreeProvider(dataset, labels);
  const organizationsView = vscode.window.createTreeView<OrganizationNode>(VIEW_IDS.organizations, { treeDataProvider: organizationsTree, showCollapseAll: true, canSelectMany: true });
  const trends = new TrendsPanel(context.extensionUri, dataset, (id, panelColumn) => revealPaper({ dataset, details, papersTree, papersView }, id, { panelColumn }), undefined, {
    revealTopic: async (topic, by) => void (await revealTopic({ papersTree, papersView }, topic, by)),
    labelBaseModel: async (name) => void (await vscode.commands.executeCommand(COMMAND_IDS.labelBaseModel, name)),
  }, { client: analysis, minRows: ANALYSIS_WORKER_MIN_ROWS });
  const triage = new TriagePanel(context.extensionUri, dataset, labels, context.workspaceState);
  const agreement = new AgreementPanel(context.extensionUri, dataset, labels);
  context.subscriptions.push(
    triage,
    agreement,
    labels,
    dataset,
    papersTree,
    papersView,
    organizationsTree,
    organizationsView,
    details,
    trends,
    new DiagnosticsPublisher(dataset),
    new DatasetStatusBar(dataset),
    new DecisionsStatusBar(dataset),
    new SelectionKeeper(dataset, papersTree, papersView),
  );

  const locateAndLoad = async (interactive: boolean): Promise<void> => {
    const uri = await locateDataset(interactive, bundled?.uri);
    // Without an Epoch table, the researcher's literature alone (computeDivide.sources).
    const shown = uri ?? dataset.sources[0];
    if (shown) await dataset.open(shown);
    else dataset.clear();
  };
  let sourcesWatcher: vscode.Disposable | undefined;
  let sourcesTimer: NodeJS.Timeout | undefined;
  /**
   * Read computeDivide.sources (and the topic mapping) again, watch what they name, and show the
   * result: `changed` reloads when they changed, `always` reloads anyway (a watched file changed),
   * `none` only sets them (at start, before the first discovery loads everything once).
   */
  const applySources = async (reload: 'changed' | 'always' | 'none' = 'changed'): Promise<void> => {
    const entries = settings.sources();
    sourcesWatcher?.dispose();
    sourcesWatcher = watchSources(entries, () => {
      clearTimeout(sourcesTimer);
      sourcesTimer = setTimeout(() => void applySources('always'), 300);
    });
    const changed = dataset.setSources(await resolveSources(entries), settings.topicMapping());
    if (reload === 'none' || (!changed && reload === 'changed')) return;
    if (dataset.showsTable) await dataset.reload();
    else await locateAndLoad(false);
  };
  context.subscriptions.push({ dispose: () => (sourcesWatcher?.dispose(), clearTimeout(sourcesTimer)) });
  const describePapersView = (): void => describeView(dataset.state, papersView, dataset, papersTree);
  const services: Services = { context, labels, dataset, papersTree, papersView, organizationsTree, details, trends, triage, agreement, locateAndLoad, describePapersView };
  context.subscriptions.push(registerCommands(services));

  context.subscriptions.push(
    dataset.onDidChange((state) => void onState(state, papersView, dataset, papersTree)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (affects(event, SETTING.dataset)) void locateAndLoad(true);
      if (affects(event, SETTING.sources) || affects(event, SETTING.topicMapping)) void applySources();
    }),
  );
  await vscode.commands.executeCommand('setContext', CONTEXT_KEYS.grouping, papersTree.grouping);
  await onState(dataset.state, papersView, dataset, papersTree);
  // Not awaited: with several tables in the workspace the user is asked, and activation must not wait.
  const ready = labels.start().then(async () => {
    // The sources are resolved (and watched) once, then the first discovery loads table and literature together.
    await applySources('none');
    await locateAndLoad(true);
  });
  // Leftovers of a write interrupted by a crash (never a live writer's file): see atomicWrite.
  void cleanWorkspaceTempFiles(labels.uri);
  return { ...services, ready };
}

/**
 * Keep the welcome view's context key and the tree's message in step with the dataset. The
 * bundled snapshot is named with Epoch's attribution above the tree (CC BY 4.0).
 */
async function onState(state: DatasetState, view: vscode.TreeView<PaperNode>, dataset: DatasetService, tree: PapersTreeProvider): Promise<void> {
  const bundled = dataset.shownBundled;
  view.message = state.kind === 'error' ? state.message : state.kind === 'loaded' && bundled ? `${bundled.attribution}.` : undefined;
  describeView(state, view, dataset, tree);
  await vscode.commands.executeCommand('setContext', CONTEXT_KEYS.datasetState, state.kind);
}

/** The Papers view's description: the table (or the bundled snapshot), and the decision filter when one is on. */
function describeView(state: DatasetState, view: vscode.TreeView<PaperNode>, dataset: DatasetService, tree: PapersTreeProvider): void {
  const bundled = dataset.shownBundled;
  const table = state.kind === 'loaded' ? (bundled ? `bundled snapshot, ${bundled.meta.snapshotDate}` : vscode.workspace.asRelativePath(state.uri)) : undefined;
  const filter = decisionFilterDescription(tree.decisionFilter);
  view.description = [filter, table].filter(Boolean).join(' · ') || undefined;
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
