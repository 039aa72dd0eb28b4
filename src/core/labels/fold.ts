/**
 * Folding the label log into labels (spec `../shared/spec/labels.md`, "Folding the log into
 * labels"): order, last-wins per annotator, retraction, adjudicator precedence, disagreements.
 */
import type { OrganizationCategory } from '../model';
import type { LabelEvent, LabelField, LabelTarget, LabelledTeamSector, PaperDecision } from './eventTypes';
import { annotatorKey, organizationDisplayName, organizationKey, paperKey } from './keys';
import type { ParsedEvent } from './parseLog';

/** One annotator's current value of a (target, field), with the event that set it. */
export interface LabelValue<V extends string = string> {
  value: V;
  annotator: string;
  ts: string;
  eventId: string;
  /** 1-based line of the event in the log. */
  line: number;
  reason?: string;
  /** The event's target as written (a paper target may carry the row's date and organizations). */
  target: LabelTarget;
}

/** The labels of one (target, field): each annotator's current value and the effective one. */
export interface FieldLabels {
  kind: LabelTarget['kind'];
  /** Matching key: `organizationKey`, `paperKey` or `annotatorKey` of the target. */
  key: string;
  /** The target's name or id as the latest event wrote it (white space folded). */
  display: string;
  field: LabelField;
  /** Annotator → current value; annotators whose latest event retracted are absent. */
  byAnnotator: Map<string, LabelValue>;
  /** The adjudicators' latest value if any adjudicator has one, else the latest of any annotator. */
  effective?: LabelValue;
  /** True when `effective` comes from an adjudicator. */
  adjudicated: boolean;
}

/** A (target, field) whose annotators' current values differ (spec: listed for review). */
export interface Disagreement {
  kind: LabelTarget['kind'];
  key: string;
  display: string;
  field: LabelField;
  /** Every annotator's current value, latest first. */
  values: LabelValue[];
  effective: LabelValue;
  adjudicated: boolean;
}

/** A paper's effective labels. */
export interface PaperLabels {
  /** The paper id as written in the labels (white space folded). */
  id: string;
  teamSector?: LabelValue<LabelledTeamSector>;
  decision?: LabelValue<PaperDecision>;
  topic?: LabelValue;
  note?: LabelValue;
}

/** Everything the log says, folded. Maps are keyed by the matching keys of keys.ts. */
export interface LabelState {
  /** organizationKey → effective category (only organizations with one). */
  organizations: Map<string, LabelValue<OrganizationCategory> & { name: string; adjudicated: boolean }>;
  /** paperKey → effective paper labels (only papers with at least one). */
  papers: Map<string, PaperLabels>;
  /** Annotators whose latest role event makes them adjudicators. */
  adjudicators: Set<string>;
  /** Every (target, field) the log mentions, including fully retracted ones; role fields excluded. */
  fields: FieldLabels[];
  disagreements: Disagreement[];
  /** Every annotator who wrote a valid event, sorted. */
  annotators: string[];
  /** Number of valid events folded. */
  eventCount: number;
}

/**
 * Fold valid events into labels, per labels.md: events are ordered by `ts` (the UTC instant), ties
 * by file order (`index`); for each (target, field, annotator) the latest event wins and `null`
 * removes that annotator's value. An annotator's role is the value of the latest `role` event that
 * targets them (whoever wrote it), and holds for all their events, so the log alone determines the
 * result. The effective value of a (target, field) is the latest value among adjudicators who have
 * one, else the latest among all annotators; where the current values differ, the (target, field)
 * is a disagreement. Targets are matched by key (organizations: NFC, white space folded,
 * case-insensitive; papers: id with white space folded; annotators: name with white space folded,
 * case kept). O(n log n) in the number of events; pure (the input is not modified).
 *
 * @param events valid events as `parseLabelLog` returns them (any order)
 */
export function foldLabels(events: readonly ParsedEvent[]): LabelState {
  const ordered = inFoldOrder(events) ? events : [...events].sort((a, b) => a.time - b.time || a.index - b.index);
  const role = new Map<string, boolean>();
  for (const { event } of ordered) if (event.field === 'role') role.set(annotatorKey(event.target.name), event.value === 'adjudicator');
  const adjudicators = new Set([...role].filter(([, yes]) => yes).map(([name]) => name));

  // Pass 1: for each (target, field), the rank (position in `ordered`) of each annotator's latest
  // event. Built for a replay of ~10^5 events: annotators are small integers, a target's name as
  // written finds its slot with one lookup (its key is computed once per spelling), and a slot
  // holds its one annotator directly, making a Map only when a second annotator labels it.
  const annotatorIndex = new Map<string, number>(); // name as written → index into annotatorKeys
  const indexOfKey = new Map<string, number>();
  const annotatorKeys: string[] = [];
  const fields = new Map<LabelField, FieldSlots>();
  let lastName: string | undefined;
  let lastIndex = -1;
  for (let rank = 0; rank < ordered.length; rank++) {
    const event = ordered[rank].event;
    // Consecutive events by one annotator are the rule in a real log: no lookup then.
    let annotator = event.annotator === lastName ? lastIndex : annotatorIndex.get(event.annotator);
    if (annotator === undefined) {
      const key = annotatorKey(event.annotator);
      annotator = indexOfKey.get(key);
      if (annotator === undefined) {
        annotator = annotatorKeys.push(key) - 1;
        indexOfKey.set(key, annotator);
      }
      annotatorIndex.set(event.annotator, annotator);
    }
    lastName = event.annotator;
    lastIndex = annotator;
    if (event.field === 'role') continue;
    let slots = fields.get(event.field);
    if (!slots) fields.set(event.field, (slots = { bySpelling: new Map(), byKey: new Map() }));
    // Role events (the only ones on annotator targets) were skipped above.
    const t = event.target;
    const spelling = t.kind === 'organization' ? t.name : t.id;
    let slot = slots.bySpelling.get(spelling);
    if (slot === undefined) {
      const key = t.kind === 'organization' ? organizationKey(spelling) : paperKey(spelling);
      slot = slots.byKey.get(key);
      if (slot === undefined) slots.byKey.set(key, (slot = { key, annotator, rank }));
      slots.bySpelling.set(spelling, slot);
    }
    if (slot.more === undefined) {
      if (slot.annotator === annotator) slot.rank = rank;
      else slot.more = new Map([[slot.annotator, slot.rank], [annotator, rank]]);
    } else {
      // Kept in the order of their latest events (ranks only grow), so pass 2 need not sort.
      slot.more.delete(annotator);
      slot.more.set(annotator, rank);
    }
  }

  const adjudicatorIndexes = new Set(annotatorKeys.flatMap((key, i) => (adjudicators.has(key) ? [i] : [])));
  const state: LabelState = { organizations: new Map(), papers: new Map(), adjudicators, fields: [], disagreements: [], annotators: [...annotatorKeys].sort(), eventCount: events.length };
  // Pass 2: each (target, field)'s current values, newest first; retractions leave no value.
  for (const slots of fields.values())
    for (const slot of slots.byKey.values()) {
      const { key } = slot;
      // [annotator, rank] of each annotator's latest event, newest first.
      const latest = slot.more === undefined ? undefined : [...slot.more].reverse();
      const newest = ordered[latest === undefined ? slot.rank : latest[0][1]].event;
      const byAnnotator = new Map<string, LabelValue>();
      let fromAdjudicator: LabelValue | undefined;
      if (latest === undefined) {
        const { event, line } = ordered[slot.rank];
        if (event.value !== null) {
          const value = toValue(event, annotatorKeys[slot.annotator], line);
          byAnnotator.set(value.annotator, value);
          if (adjudicatorIndexes.has(slot.annotator)) fromAdjudicator = value;
        }
      } else {
        for (const [annotator, rank] of latest) {
          const { event, line } = ordered[rank];
          if (event.value === null) continue;
          const value = toValue(event, annotatorKeys[annotator], line);
          byAnnotator.set(value.annotator, value);
          if (fromAdjudicator === undefined && adjudicatorIndexes.has(annotator)) fromAdjudicator = value;
        }
      }
      const effective = fromAdjudicator ?? byAnnotator.values().next().value;
      const display = newest.target.kind === 'organization' ? organizationDisplayName(newest.target.name) : key;
      const field: FieldLabels = { kind: newest.target.kind, key, display, field: newest.field, byAnnotator, adjudicated: fromAdjudicator !== undefined };
      if (effective) field.effective = effective;
      state.fields.push(field);
      if (effective) record(state, field, effective);
    }
  return state;
}

/** The slots of one field: by the target's name or id as written, and by its matching key. */
interface FieldSlots {
  bySpelling: Map<string, Slot>;
  byKey: Map<string, Slot>;
}

/** One (target, field): its first annotator's latest event, and every annotator's once there are two. */
interface Slot {
  key: string;
  annotator: number;
  rank: number;
  more?: Map<number, number>;
}

/** True when the events are already in the fold's order (the usual case: appends in time order). */
function inFoldOrder(events: readonly ParsedEvent[]): boolean {
  for (let i = 1; i < events.length; i++) {
    const a = events[i - 1];
    const b = events[i];
    if (b.time < a.time || (b.time === a.time && b.index < a.index)) return false;
  }
  return true;
}

/** Enter a (target, field)'s effective value into the state's maps and list its disagreement. */
function record(state: LabelState, field: FieldLabels, effective: LabelValue): void {
  const { kind, key, display } = field;
  if (field.byAnnotator.size > 1 && new Set([...field.byAnnotator.values()].map((v) => v.value)).size > 1)
    state.disagreements.push({ kind, key, display, field: field.field, values: [...field.byAnnotator.values()], effective, adjudicated: field.adjudicated });
  if (kind === 'organization') {
    state.organizations.set(key, { ...(effective as LabelValue<OrganizationCategory>), name: display, adjudicated: field.adjudicated });
  } else if (kind === 'paper') {
    const paper: PaperLabels = state.papers.get(key) ?? { id: display };
    if (field.field === 'teamSector') paper.teamSector = effective as LabelValue<LabelledTeamSector>;
    else if (field.field === 'decision') paper.decision = effective as LabelValue<PaperDecision>;
    else if (field.field === 'topic') paper.topic = effective;
    else if (field.field === 'note') paper.note = effective;
    state.papers.set(key, paper);
  }
}

function toValue(event: LabelEvent, annotator: string, line: number): LabelValue {
  const value: LabelValue = { value: event.value as string, annotator, ts: event.ts, eventId: event.id, line, target: event.target };
  if (event.reason !== undefined) value.reason = event.reason;
  return value;
}
