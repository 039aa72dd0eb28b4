/**
 * The extension's settings (`computeDivide.*` in package.json), read and written through this one
 * typed module: each getter returns a usable value (a missing, mistyped or out-of-range value
 * means the default), so no other module calls `getConfiguration` with a string key.
 */
import * as vscode from 'vscode';
import { TRIAGE_ORDERS, type TriageOrder } from '../core/labels/triageQueue';
import { DEFAULT_TOPIC_MAPPING, type TopicMapping } from '../core/sources/topics';
import { DEFAULT_LABEL_LOG } from '../node/labels/labelLog';
import { DEFAULT_MAX_BYTES } from './download/boundedDownload';

const SECTION = 'computeDivide';

/** Setting keys without the `computeDivide.` prefix (package.json `contributes.configuration`). */
export const SETTING = {
  dataset: 'dataset',
  downloadUrl: 'downloadUrl',
  downloadMaxMegabytes: 'downloadMaxMegabytes',
  annotator: 'annotator',
  blindCoding: 'blindCoding',
  triageOrder: 'triageOrder',
  labelLog: 'labelLog',
  sources: 'sources',
  topicMapping: 'topicMapping',
} as const;
export type SettingKey = (typeof SETTING)[keyof typeof SETTING];

export const DEFAULT_DOWNLOAD_URL = 'https://epoch.ai/data/notable_ai_models.csv';

function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(SECTION);
}

function text(key: SettingKey): string {
  const value = config().get<unknown>(key);
  return typeof value === 'string' ? value.trim() : '';
}

/** True when a configuration change touches this setting. */
export function affects(event: vscode.ConfigurationChangeEvent, key: SettingKey): boolean {
  return event.affectsConfiguration(`${SECTION}.${key}`);
}

export const settings = {
  /** `computeDivide.dataset`: a path (absolute or workspace-relative), `bundled`, or '' (search the workspace). */
  dataset: (): string => text(SETTING.dataset),
  /** `computeDivide.downloadUrl`, the default when empty. */
  downloadUrl: (): string => text(SETTING.downloadUrl) || DEFAULT_DOWNLOAD_URL,
  /** `computeDivide.downloadMaxMegabytes` in bytes (positive finite, else the default 200 MB). */
  downloadMaxBytes: (): number => {
    const value = config().get<unknown>(SETTING.downloadMaxMegabytes);
    return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value * 1e6 : DEFAULT_MAX_BYTES;
  },
  /** `computeDivide.annotator` (may be '': the label service then asks or uses the OS user). */
  annotator: (): string => text(SETTING.annotator),
  /** `computeDivide.blindCoding`. */
  blindCoding: (): boolean => config().get<unknown>(SETTING.blindCoding) === true,
  /** `computeDivide.triageOrder` (one of TRIAGE_ORDERS, else `resolves-most`). */
  triageOrder: (): TriageOrder => {
    const value = config().get<unknown>(SETTING.triageOrder);
    return typeof value === 'string' && (TRIAGE_ORDERS as readonly string[]).includes(value) ? (value as TriageOrder) : 'resolves-most';
  },
  /** `computeDivide.sources`: literature files (paths or globs), trimmed, empty entries and non-strings dropped. */
  sources: (): string[] => {
    const value = config().get<unknown>(SETTING.sources);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string').map((v) => v.trim()).filter((v) => v !== '') : [];
  },
  /** `computeDivide.topicMapping` merged over the built-in mapping (string or null values only; others ignored). */
  topicMapping: (): TopicMapping => {
    const value = config().get<unknown>(SETTING.topicMapping);
    const extra: Record<string, string | null> = {};
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) if (typeof v === 'string' || v === null) extra[k] = v;
    }
    return { ...DEFAULT_TOPIC_MAPPING, ...extra };
  },
  /** `computeDivide.labelLog`, the default `.compute-divide/labels.jsonl` when empty. */
  labelLog: (): string => text(SETTING.labelLog) || DEFAULT_LABEL_LOG,
};

/** Where a setting change is kept: the workspace when one is open, else the user settings. */
function defaultTarget(): vscode.ConfigurationTarget {
  return vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
}

/** Write a setting (the workspace's by default, the user's with `target: Global`). */
export async function updateSetting(key: SettingKey, value: unknown, target: vscode.ConfigurationTarget = defaultTarget()): Promise<void> {
  await config().update(key, value, target);
}
