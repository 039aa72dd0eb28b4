import * as vscode from 'vscode';
import { COMMAND_IDS, type CommandId } from '../commandIds';
import type { PaperNode } from '../papersTreeProvider';
import type { Services } from '../services';
import { downloadDataset } from './downloadDataset';
import { findPaper } from './findPaper';
import { setGrouping } from './grouping';
import { filterByDecision } from './decisionFilter';
import type { DecisionChoice } from '../../core/labels/decisions';
import { openDataset } from './openDataset';
import { importLiterature } from './importLiterature';
import { exportWorks } from './exportWorks';
import { openBundledSnapshot } from './openBundledSnapshot';
import { openPaperLink, openPaperSource, showPaperDetails } from './paperCommands';
import { exportTrends } from './exportTrends';
import { exportFindingsReport } from './exportFindingsReport';
import { exportLabelledDataset } from './exportLabelled';
import { showAgreement } from './showAgreement';
import { exportAgreementReport } from './exportAgreement';
import { labelOrganization, labelPaperAffiliations, markPaper, setTeamSector, undoLabel } from './labelCommands';
import type { LabelledTeamSector } from '../../core/labels/event';
import type { OrganizationCategory } from '../../core/dataset/model';
import type { TrendsExport } from '../trendsPanel';
import { labelBaseModel, showFindings } from './findingsCommands';
import type { OpenWeightsValue } from '../../core/labels/event';

/** The one registration point: every command id of `COMMAND_IDS` and its handler. */
export function registerCommands(services: Services): vscode.Disposable {
  const handlers: Record<CommandId, (...args: never[]) => unknown> = {
    [COMMAND_IDS.openDataset]: (uri?: vscode.Uri) => openDataset(services, uri),
    [COMMAND_IDS.openBundledSnapshot]: () => openBundledSnapshot(services),
    [COMMAND_IDS.downloadDataset]: () => downloadDataset(services),
    [COMMAND_IDS.exportWorks]: (target?: unknown) => exportWorks(services, target instanceof vscode.Uri ? target : undefined),
    [COMMAND_IDS.importLiterature]: (uris?: unknown) => importLiterature(Array.isArray(uris) ? (uris as vscode.Uri[]) : undefined),
    [COMMAND_IDS.reloadDataset]: () => (services.dataset.state.kind === 'none' ? services.locateAndLoad(true) : services.dataset.reload()),
    [COMMAND_IDS.findPaper]: (query?: string) => findPaper(services, typeof query === 'string' ? query : ''),
    [COMMAND_IDS.groupBySectorThenTopic]: () => setGrouping(services, 'sector-topic'),
    [COMMAND_IDS.groupByTopicThenSector]: () => setGrouping(services, 'topic-sector'),
    [COMMAND_IDS.filterByDecision]: (choice?: DecisionChoice | 'all') => filterByDecision(services, typeof choice === 'string' ? choice : undefined, () => services.describePapersView()),
    [COMMAND_IDS.showPaperDetails]: (arg?: unknown) => showPaperDetails(services, arg),
    [COMMAND_IDS.openPaperLink]: (arg?: unknown) => openPaperLink(services, arg),
    [COMMAND_IDS.openPaperSource]: (arg?: unknown, part?: unknown) => openPaperSource(services, arg, typeof part === 'number' ? part : 0),
    [COMMAND_IDS.showMorePapers]: (node: PaperNode) => services.papersTree.showMore(node),
    [COMMAND_IDS.showTrends]: () => services.trends.show('trends'),
    [COMMAND_IDS.showFindings]: (tab?: unknown) => showFindings(services, tab),
    [COMMAND_IDS.labelBaseModel]: (name?: unknown, sector?: LabelledTeamSector, openWeights?: OpenWeightsValue) => labelBaseModel(services, name, sector, openWeights),
    [COMMAND_IDS.exportTrends]: (request?: TrendsExport, target?: vscode.Uri) => exportTrends(services, request, target),
    [COMMAND_IDS.exportFindingsReport]: (folder?: unknown) => exportFindingsReport(services, folder instanceof vscode.Uri ? folder : undefined),
    [COMMAND_IDS.labelOrganization]: (arg?: unknown, selected?: unknown, category?: OrganizationCategory) => labelOrganization(services, arg, selected, category),
    [COMMAND_IDS.labelPaperAffiliations]: (arg?: unknown) => labelPaperAffiliations(services, arg),
    [COMMAND_IDS.setTeamSector]: (arg?: unknown, selected?: unknown, sector?: LabelledTeamSector, reason?: string) => setTeamSector(services, arg, selected, sector, reason),
    [COMMAND_IDS.markPaperInclude]: (arg?: unknown, selected?: unknown) => markPaper(services, 'include', arg, selected),
    [COMMAND_IDS.markPaperExclude]: (arg?: unknown, selected?: unknown) => markPaper(services, 'exclude', arg, selected),
    [COMMAND_IDS.markPaperMaybe]: (arg?: unknown, selected?: unknown) => markPaper(services, 'maybe', arg, selected),
    [COMMAND_IDS.undoLabel]: () => undoLabel(services),
    [COMMAND_IDS.exportLabelledDataset]: (target?: vscode.Uri) => exportLabelledDataset(services, target),
    [COMMAND_IDS.startTriage]: () => services.triage.start(),
    [COMMAND_IDS.showAgreement]: () => showAgreement(services),
    [COMMAND_IDS.exportAgreementReport]: (target?: vscode.Uri) => exportAgreementReport(services, target instanceof vscode.Uri ? target : undefined),
    [COMMAND_IDS.triageLabel]: (category: OrganizationCategory) => services.triage.label(category),
    [COMMAND_IDS.triageNext]: () => services.triage.move(1),
    [COMMAND_IDS.triagePrevious]: () => services.triage.move(-1),
    [COMMAND_IDS.triageSkip]: () => services.triage.skip(),
    [COMMAND_IDS.triageUndo]: () => services.triage.undo(),
    [COMMAND_IDS.triageNextOrganization]: () => services.triage.nextOrganization(),
    [COMMAND_IDS.triageAddOrganizations]: (names?: string[]) => services.triage.addOrganizations(Array.isArray(names) ? names : undefined),
    [COMMAND_IDS.triageToggleBlind]: () => services.triage.toggleBlind(),
  };
  return vscode.Disposable.from(...Object.entries(handlers).map(([id, handler]) => vscode.commands.registerCommand(id, handler)));
}
