import { applyLabels, type LabelledDataset } from '../../core/labels/applyLabels';
import type { LabelState } from '../../core/labels/fold';
import { annotatorKey, organizationKey } from '../../core/labels/keys';
import { attentionItem, organizationsIndex, type AttentionItem, type OrganizationEntry } from '../../core/labels/organizations';
import { orderAttention, type TriageOrder } from '../../core/labels/triageQueue';
import type { LabelEvent } from '../../core/labels/eventTypes';
import type { Dataset, Paper } from '../../core/dataset/model';
import type { DatasetView } from '../datasetView';

/** What triage sees of the table and the labels at one moment (recomputed on every change). */
export interface TriageModel {
  /** The labels the annotator sees (their own only under blind coding). */
  state: LabelState;
  labelled: LabelledDataset;
  index: Map<string, OrganizationEntry>;
  /** The ordered queue. */
  queue: AttentionItem[];
  /** Each row's needs-attention entry (table rows; undefined: it needs none), what `queue` orders. */
  attention: readonly (AttentionItem | undefined)[];
  /** Labelled papers by id. */
  paper(id: string): Paper | undefined;
  /** The row as loaded (before labels) by id. */
  row(id: string): Paper | undefined;
}

const byIdCache = new WeakMap<Dataset, Map<string, Paper>>();
function byId(dataset: Dataset): Map<string, Paper> {
  let map = byIdCache.get(dataset);
  if (!map) byIdCache.set(dataset, (map = new Map(dataset.papers.map((p) => [p.id, p]))));
  return map;
}

/**
 * The queue as of now: with all labels the view's own labelled table; under blind coding the
 * table labelled with `state` (the annotator's own events folded), so nothing another annotator
 * decided resolves, orders or colours it. Given the model of the view before an incremental
 * label (`previous`, built from `view.labelChange.from`), only the rows the label re-derived and
 * the papers of organizations whose status it changed are looked at again (issue #9: a pass over
 * 100,000 rows per label before); the queue is the same as a full pass gives.
 */
export function triageModel(view: DatasetView, state: LabelState, blind: boolean, order: TriageOrder, previous?: TriageModel): TriageModel {
  const labelled = blind || !('original' in view.dataset) ? applyLabels(view.original, state) : (view.dataset as LabelledDataset);
  // The view's own lookup when it is the view's table: no 100,000-entry map per label (issue #9).
  const papers = labelled === view.dataset ? view.byId : byId(labelled);
  const rows = byId(view.original);
  const index = organizationsIndex(view.original, state);
  const attention = (labelled === view.dataset && previous && updatedAttention(view, previous, index)) || labelled.papers.map((paper) => attentionItem(paper, index));
  const items: AttentionItem[] = [];
  for (const item of attention) if (item) items.push(item);
  return {
    state,
    labelled,
    index,
    attention,
    queue: orderAttention(items, order, (id) => papers.get(id)),
    paper: (id) => papers.get(id),
    row: (id) => rows.get(id),
  };
}

/** `previous.attention` brought up to `view` after an incremental label, or undefined when it cannot be. */
function updatedAttention(view: DatasetView, previous: TriageModel, index: ReadonlyMap<string, OrganizationEntry>): (AttentionItem | undefined)[] | undefined {
  const change = view.labelChange;
  if (!change || previous.labelled !== change.from || previous.attention.length !== view.dataset.papers.length) return undefined;
  const attention = previous.attention.slice();
  const again = new Set<number>(change.rows);
  for (const [key, entry] of index) {
    const before = previous.index.get(key);
    if (before?.status === entry.status) continue;
    for (const id of entry.paperIds) {
      const row = view.rowOf(id);
      if (row !== undefined) again.add(row);
    }
  }
  // An organization no longer indexed (a paper's organizations relabelled) changes its papers' rows too, already in change.rows.
  for (const row of again) attention[row] = attentionItem(view.dataset.papers[row], index);
  return attention;
}

/**
 * The note for a paper that left the queue while on screen: the latest of the last 500 events
 * that labelled one of its organizations ("resolved by your label on MIT", "resolved by a label
 * by ada on MIT"), else a plain "resolved: no longer needs attention".
 */
export function resolvedNote(paper: Paper, events: readonly { event: LabelEvent }[], annotator: string | undefined): string {
  const keys = new Set(paper.organizations.map((o) => organizationKey(o)));
  const me = annotator === undefined ? undefined : annotatorKey(annotator);
  for (let i = events.length - 1; i >= Math.max(0, events.length - 500); i--) {
    const e = events[i].event;
    if (e.target.kind !== 'organization' || e.value === null || !keys.has(organizationKey(e.target.name))) continue;
    const who = annotatorKey(e.annotator) === me ? 'your label' : `a label by ${e.annotator}`;
    return `Resolved by ${who} on ${e.target.name} (${String(e.value)}): this paper no longer needs attention. J moves on.`;
  }
  return 'Resolved: this paper no longer needs attention. J moves on.';
}
