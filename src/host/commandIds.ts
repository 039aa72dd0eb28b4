/**
 * Every command id the extension registers, in one place. A unit test checks this list against
 * `contributes.commands` in package.json, so the manifest and the code cannot drift apart.
 */
export const COMMAND_IDS = {
  openDataset: 'computeDivide.openDataset',
  openBundledSnapshot: 'computeDivide.openBundledSnapshot',
  downloadDataset: 'computeDivide.downloadDataset',
  importLiterature: 'computeDivide.importLiterature',
  exportWorks: 'computeDivide.exportWorks',
  reloadDataset: 'computeDivide.reloadDataset',
  findPaper: 'computeDivide.findPaper',
  groupBySectorThenTopic: 'computeDivide.groupBySectorThenTopic',
  groupByTopicThenSector: 'computeDivide.groupByTopicThenSector',
  filterByDecision: 'computeDivide.filterByDecision',
  showPaperDetails: 'computeDivide.showPaperDetails',
  openPaperLink: 'computeDivide.openPaperLink',
  openPaperSource: 'computeDivide.openPaperSource',
  showMorePapers: 'computeDivide.showMorePapers',
  showTrends: 'computeDivide.showTrends',
  showFindings: 'computeDivide.showFindings',
  labelBaseModel: 'computeDivide.labelBaseModel',
  exportTrends: 'computeDivide.exportTrends',
  exportFindingsReport: 'computeDivide.exportFindingsReport',
  labelOrganization: 'computeDivide.labelOrganization',
  labelPaperAffiliations: 'computeDivide.labelPaperAffiliations',
  setTeamSector: 'computeDivide.setTeamSector',
  markPaperInclude: 'computeDivide.markPaperInclude',
  markPaperExclude: 'computeDivide.markPaperExclude',
  markPaperMaybe: 'computeDivide.markPaperMaybe',
  undoLabel: 'computeDivide.undoLabel',
  exportLabelledDataset: 'computeDivide.exportLabelledDataset',
  startTriage: 'computeDivide.startTriage',
  showAgreement: 'computeDivide.showAgreement',
  exportAgreementReport: 'computeDivide.exportAgreementReport',
  triageLabel: 'computeDivide.triageLabel',
  triageNext: 'computeDivide.triageNext',
  triagePrevious: 'computeDivide.triagePrevious',
  triageSkip: 'computeDivide.triageSkip',
  triageUndo: 'computeDivide.triageUndo',
  triageNextOrganization: 'computeDivide.triageNextOrganization',
  triageAddOrganizations: 'computeDivide.triageAddOrganizations',
  triageToggleBlind: 'computeDivide.triageToggleBlind',
} as const;

export type CommandId = (typeof COMMAND_IDS)[keyof typeof COMMAND_IDS];

/** View ids (package.json `contributes.views`). */
export const VIEW_IDS = { papers: 'computeDivide.papers', organizations: 'computeDivide.organizations' } as const;

/** Webview panel view types (package.json `activationEvents`: `onWebviewPanel:<type>`). */
export const PANEL_TYPES = { paperDetails: 'computeDivide.paperDetails', trends: 'computeDivide.trends', triage: 'computeDivide.triage', agreement: 'computeDivide.agreement' } as const;

/** Context keys used in `when` clauses. */
export const CONTEXT_KEYS = {
  datasetState: 'computeDivide:datasetState',
  grouping: 'computeDivide:grouping',
  triageActive: 'computeDivide:triageActive',
} as const;
