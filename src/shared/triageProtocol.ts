/**
 * Messages between the host and the triage webview. The host owns the session (queue, position,
 * labels); the webview only draws the current item and forwards clicks. Keys are VS Code
 * keybindings (package.json, active only during triage), so users can change them.
 */

export interface TriageOrganization {
  name: string;
  /** The category in force (label, else the table's), or '' when none. */
  category: string;
  /** Where it comes from: "label by ada", "table rows: Academia ×3", "rows disagree: Academia ×2, Industry ×1", "no row gives one". */
  source: string;
  /** The best suggestion with its reason, when there is evidence. */
  suggestion?: { category: string; confidence: number; reason: string };
  /** True when it still needs a category (conflicting or unlabelled). */
  open?: boolean;
}

export interface TriageItem {
  paperId: string;
  name: string;
  date: string;
  teamSector: string;
  reasons: string[];
  authors: string;
  abstract: string;
  link: string;
  organizations: TriageOrganization[];
  /** Index of the organization the number keys label. */
  focus: number;
  /** Set when the paper left the queue while on screen: "resolved by your label on MIT". */
  resolvedNote?: string;
}

/** The queue's order (setting `computeDivide.triageOrder`), in the panel's control. */
export type TriageOrderId = 'resolves-most' | 'table' | 'newest';

/** What the panel's toolbar shows: the order and why, and blind coding. */
export interface TriageControls {
  order: TriageOrderId;
  /** One sentence: how the queue is ordered. */
  orderText: string;
  blind: boolean;
  annotator: string;
}

/** A short message about the last action: an undo (value before → after) or a relabel ("changed from Academia"). */
export interface TriageFlash {
  kind: 'undo' | 'changed';
  text: string;
}

export interface TriageProgress {
  position: number;
  total: number;
  done: number;
  /** Items finished per hour in this session, when at least one is finished. */
  perHour?: number;
}

export type TriageToWebview =
  | { type: 'item'; item: TriageItem; progress: TriageProgress; keys: string; controls: TriageControls; flash?: TriageFlash }
  | { type: 'finished'; progress: TriageProgress; message: string; controls: TriageControls; flash?: TriageFlash };

/** The webview's saved state (getState/setState), read by the panel serializer after a reload. */
export interface TriageWebviewState {
  paperId?: string;
}

export type TriageToHost =
  | { type: 'ready' }
  | { type: 'label'; category: string }
  | { type: 'focus'; index: number }
  | { type: 'next' }
  | { type: 'previous' }
  | { type: 'skip' }
  | { type: 'undo' }
  | { type: 'addOrganizations' }
  | { type: 'order'; order: string }
  | { type: 'toggleBlind' }
  | { type: 'openLink'; url: string };
