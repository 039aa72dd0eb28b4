/**
 * The label log on disk (Node file system): reading and appending the log, where it lives, the
 * workspace's first-label setup and the labelled-table export. The pure parts are in
 * `src/core/labels/`.
 */
export * from './labelLog';
export * from './logFile';
export * from './logPlace';
export * from './exportLabelled';
export * from './workspaceSetup';
