/**
 * The label-log core (spec `../shared/spec/labels.md`): events, the log on disk, the fold, labels
 * applied to a dataset, organizations and triage, agreement, suggestions and export.
 */
export * from './event';
export * from './keys';
export * from './parseLog';
export * from './fold';
export * from './disputed';
export * from './decisions';
export * from './undo';
export * from './applyLabels';
export * from './organizations';
export * from './agreement';
export * from './namePatterns';
export * from './suggest';
export * from './triageQueue';
