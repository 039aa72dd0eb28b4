/**
 * Folding the label log into labels (spec `../shared/spec/labels.md`, "Folding the log into
 * labels"): order, last-wins per annotator, retraction, adjudicator precedence, disagreements.
 */
import type { OrganizationCategory } from '../dataset/model';
import type { LabelEvent, LabelField, LabelTarget, LabelledTeamSector, OpenWeightsValue, PaperDecision } from './eventTypes';
import { annotatorKey, modelKey, organizationDisplayName, organizationKey, paperKey } from './keys';
import { compareInstants, type ParsedEvent } from './parseLog';

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
  /**
   * For the paper field `organizations` only: the names as written (then `value` is them joined
   * by "; ", which is what disagreements and agreement compare).
   */
  list?: string[];
  /** True when the event was made under blind coding (`"blind": true`). */
  blind?: true;
}

/** The labels of one (target, field): each annotator's current value and the effective one. */
export interface FieldLabels {
  kind: LabelTarget['kind'];
  /** Matching key: `organizationKey`, `paperKey`, `modelKey` or `annotatorKey` of the target. */
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
  /** The organizations the annotator read from the paper (labels.md); `list` holds the names. */
  organizations?: LabelValue & { list: string[] };
}

/** A base model's effective labels (labels.md, `model` target). */
export interface ModelLabels {
  /** The name as the latest event wrote it (white space folded). */
  name: string;
  teamSector?: LabelValue<LabelledTeamSector>;
  openWeights?: LabelValue<OpenWeightsValue>;
}

/** Everything the log says, folded. Maps are keyed by the matching keys of keys.ts. */
export interface LabelState {
  /** organizationKey → effective category (only organizations with one). */
  organizations: Map<string, LabelValue<OrganizationCategory> & { name: string; adjudicated: boolean }>;
  /** paperKey → effective paper labels (only papers with at least one). */
  papers: Map<string, PaperLabels>;
  /** modelKey → effective base-model labels (only models with at least one). */
  models: Map<string, ModelLabels>;
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
  return new LabelFolder().fold(events);
}

/**
 * `foldLabels` for a log that keeps growing: folding the events of the previous call plus a few
 * appended ones (the same ParsedEvent objects first, as `LabelLogReader` gives them, then events
 * that come after them in the fold's order and set no annotator's role) updates only the (target,
 * field) pairs those events touch; anything else folds everything again. Either way the result
 * equals `foldLabels(events)`; earlier results are never modified.
 */
export class LabelFolder {
  /** The events of the latest fold as given (file order), and in the fold's order. */
  private given: ParsedEvent[] = [];
  private ordered: ParsedEvent[] = [];
  private adjudicators = new Set<string>();
  private annotatorIndex = new Map<string, number>(); // name as written → index into annotatorKeys
  private indexOfKey = new Map<string, number>();
  private annotatorKeys: string[] = [];
  private fieldSlots = new Map<string, FieldSlots>();
  /** Every (target, field), in the order of their first event; `labels[i]` is `slots[i]` folded. */
  private slots: Slot[] = [];
  private labels: FieldLabels[] = [];
  private lastName: string | undefined;
  private lastIndex = -1;
  private state: LabelState | undefined;
  private change: LabelChangeSet | undefined;

  /**
   * What the latest `fold` changed, when it only folded appended events: the state before and
   * after, and the organization and paper keys of every (target, field) the appended events touched
   * (a superset of the keys whose effective labels differ). Undefined after a full fold (the first,
   * a role event, an event out of order, a rewritten log), when anything may have changed.
   */
  get lastChange(): LabelChangeSet | undefined {
    return this.change;
  }

  /** Fold `events` (any order), reusing the previous fold when they only add to its events. */
  fold(events: readonly ParsedEvent[]): LabelState {
    const from = this.state === undefined ? -1 : this.appendedFrom(events);
    this.change = undefined;
    if (from === -1) return this.foldAll(events);
    if (from === events.length) {
      this.change = { from: this.state!, to: this.state!, organizations: new Set(), papers: new Set(), models: new Set() };
      return this.state!;
    }
    const touched = new Set<Slot>();
    for (let i = from; i < events.length; i++) {
      this.given.push(events[i]);
      const rank = this.ordered.push(events[i]) - 1;
      const slot = this.add(rank);
      if (slot) touched.add(slot);
    }
    const previous = this.state!;
    const organizations = new Map(previous.organizations);
    const papers = new Map(previous.papers);
    const models = new Map(previous.models);
    const touchedKeys = { organizations: new Set<string>(), papers: new Set<string>(), models: new Set<string>() };
    for (const slot of touched) {
      const old = slot.at < this.labels.length ? this.labels[slot.at] : undefined;
      const field = this.label(slot);
      this.labels[slot.at] = field;
      if (old?.effective) forget(organizations, papers, old, models);
      if (field.effective) enter(organizations, papers, field, field.effective, undefined, models);
      if (field.kind === 'organization') touchedKeys.organizations.add(field.key);
      else if (field.kind === 'paper') touchedKeys.papers.add(field.key);
      else if (field.kind === 'model') touchedKeys.models.add(field.key);
    }
    const state = this.finish(organizations, papers, events.length, models);
    this.change = { from: previous, to: state, ...touchedKeys };
    return state;
  }

  /** Where `events` continue the previous fold's events (-1 when they do not). */
  private appendedFrom(events: readonly ParsedEvent[]): number {
    const known = this.given.length;
    if (events.length < known) return -1;
    for (let i = 0; i < known; i++) if (events[i] !== this.given[i]) return -1;
    let last = known > 0 ? this.ordered[known - 1] : undefined;
    for (let i = known; i < events.length; i++) {
      const e = events[i];
      if (e.event.field === 'role') return -1;
      if (last && inverted(last, e)) return -1;
      last = e;
    }
    return known;
  }

  private foldAll(events: readonly ParsedEvent[]): LabelState {
    this.given = [...events];
    this.ordered = inFoldOrder(events) ? [...events] : [...events].sort((a, b) => compareInstants(a, b) || a.index - b.index);
    const role = new Map<string, boolean>();
    for (const { event } of this.ordered) if (event.field === 'role') role.set(annotatorKey(event.target.name), event.value === 'adjudicator');
    this.adjudicators = new Set([...role].filter(([, yes]) => yes).map(([name]) => name));
    this.annotatorIndex = new Map();
    this.indexOfKey = new Map();
    this.annotatorKeys = [];
    this.fieldSlots = new Map();
    this.slots = [];
    this.lastName = undefined;
    this.lastIndex = -1;
    for (let rank = 0; rank < this.ordered.length; rank++) this.add(rank);
    const organizations: LabelState['organizations'] = new Map();
    const papers: LabelState['papers'] = new Map();
    const models: LabelState['models'] = new Map();
    // Paper and model entries made by this fold are filled in place; later (incremental) folds copy them.
    const made = new Set<PaperLabels | ModelLabels>();
    this.labels = this.slots.map((slot) => {
      const field = this.label(slot);
      if (field.effective) enter(organizations, papers, field, field.effective, made, models);
      return field;
    });
    return this.finish(organizations, papers, events.length, models);
  }

  /**
   * Pass 1 for the event at `rank`: note it as its annotator's latest on its (target, field), and
   * return that slot (undefined for a role event). Built for a replay of ~10^5 events: annotators
   * are small integers, a target's name as written finds its slot with one lookup (its key is
   * computed once per spelling), and a slot holds its one annotator directly, making a Map only
   * when a second annotator labels it.
   */
  private add(rank: number): Slot | undefined {
    const event = this.ordered[rank].event;
    // Consecutive events by one annotator are the rule in a real log: no lookup then.
    let annotator = event.annotator === this.lastName ? this.lastIndex : this.annotatorIndex.get(event.annotator);
    if (annotator === undefined) {
      const key = annotatorKey(event.annotator);
      annotator = this.indexOfKey.get(key);
      if (annotator === undefined) {
        annotator = this.annotatorKeys.push(key) - 1;
        this.indexOfKey.set(key, annotator);
      }
      this.annotatorIndex.set(event.annotator, annotator);
    }
    this.lastName = event.annotator;
    this.lastIndex = annotator;
    if (event.field === 'role') return undefined;
    // Role events (the only ones on annotator targets) were handled above. A model's `teamSector`
    // is not a paper's: model fields have slots of their own.
    const t = event.target;
    const slotsKey = t.kind === 'model' ? `model:${event.field}` : event.field;
    let slots = this.fieldSlots.get(slotsKey);
    if (!slots) this.fieldSlots.set(slotsKey, (slots = { bySpelling: new Map(), byKey: new Map() }));
    const spelling = t.kind === 'paper' ? t.id : t.name;
    let slot = slots.bySpelling.get(spelling);
    if (slot === undefined) {
      const key = t.kind === 'organization' ? organizationKey(spelling) : t.kind === 'model' ? modelKey(spelling) : paperKey(spelling);
      slot = slots.byKey.get(key);
      if (slot === undefined) {
        slot = { key, annotator, rank, at: this.slots.length };
        slots.byKey.set(key, slot);
        this.slots.push(slot);
      }
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
    return slot;
  }

  /** Pass 2 for one (target, field): its annotators' current values, newest first (retractions leave none), and the effective one. */
  private label(slot: Slot): FieldLabels {
    const { ordered, annotatorKeys, adjudicators } = this;
    const { key } = slot;
    // [annotator, rank] of each annotator's latest event, newest first.
    const latest = slot.more === undefined ? [[slot.annotator, slot.rank] as const] : [...slot.more].reverse();
    const newest = ordered[latest[0][1]].event;
    const byAnnotator = new Map<string, LabelValue>();
    let fromAdjudicator: LabelValue | undefined;
    for (const [annotator, rank] of latest) {
      const { event, line } = ordered[rank];
      if (event.value === null) continue;
      const name = annotatorKeys[annotator];
      const value = toValue(event, name, line);
      byAnnotator.set(name, value);
      if (fromAdjudicator === undefined && adjudicators.has(name)) fromAdjudicator = value;
    }
    const effective = fromAdjudicator ?? byAnnotator.values().next().value;
    const display = newest.target.kind === 'organization' || newest.target.kind === 'model' ? organizationDisplayName(newest.target.name) : key;
    const field: FieldLabels = { kind: newest.target.kind, key, display, field: newest.field, byAnnotator, adjudicated: fromAdjudicator !== undefined };
    if (effective) field.effective = effective;
    return field;
  }

  private finish(organizations: LabelState['organizations'], papers: LabelState['papers'], eventCount: number, models: LabelState['models']): LabelState {
    const disagreements: Disagreement[] = [];
    for (const field of this.labels) {
      const { effective } = field;
      if (effective && field.byAnnotator.size > 1 && new Set([...field.byAnnotator.values()].map((v) => v.value)).size > 1)
        disagreements.push({ kind: field.kind, key: field.key, display: field.display, field: field.field, values: [...field.byAnnotator.values()], effective, adjudicated: field.adjudicated });
    }
    this.state = { organizations, papers, models, adjudicators: this.adjudicators, fields: [...this.labels], disagreements, annotators: [...this.annotatorKeys].sort(), eventCount };
    return this.state;
  }
}

/** What one incremental fold changed (`LabelFolder.lastChange`). */
export interface LabelChangeSet {
  from: LabelState;
  to: LabelState;
  /** `organizationKey`s whose labels the appended events touched. */
  organizations: ReadonlySet<string>;
  /** `paperKey`s whose labels the appended events touched. */
  papers: ReadonlySet<string>;
  /** `modelKey`s whose labels the appended events touched (they change no row, only the diffusion analysis). */
  models: ReadonlySet<string>;
}

/** One (target, field): its first annotator's latest event, and every annotator's once there are two. */
interface Slot {
  key: string;
  annotator: number;
  rank: number;
  more?: Map<number, number>;
  /** Position in the folder's list of slots. */
  at: number;
}

/** The slots of one field: by the target's name or id as written, and by its matching key. */
interface FieldSlots {
  bySpelling: Map<string, Slot>;
  byKey: Map<string, Slot>;
}

/** True when the events are already in the fold's order (the usual case: appends in time order). */
function inFoldOrder(events: readonly ParsedEvent[]): boolean {
  for (let i = 1; i < events.length; i++) {
    const a = events[i - 1];
    const b = events[i];
    if (inverted(a, b)) return false;
  }
  return true;
}

/** True when `b` comes before `a` in the fold's order (ts, then file order). */
function inverted(a: ParsedEvent, b: ParsedEvent): boolean {
  if (a.time !== b.time) return b.time < a.time;
  const order = compareInstants(a, b);
  return order > 0 || (order === 0 && b.index < a.index);
}

/**
 * Enter a (target, field)'s effective value into the organization or paper map. A paper entry of
 * an earlier state is replaced by a copy, never changed; one in `made` (made by this fold) is
 * filled in place.
 */
function enter(
  organizations: LabelState['organizations'],
  papers: LabelState['papers'],
  field: FieldLabels,
  effective: LabelValue,
  made?: Set<PaperLabels | ModelLabels>,
  models?: LabelState['models'],
): void {
  const { kind, key, display } = field;
  if (kind === 'model' && models) {
    const existing = models.get(key);
    let model: ModelLabels;
    if (existing === undefined) {
      model = { name: display };
      made?.add(model);
    } else model = made?.has(existing) ? existing : { ...existing };
    if (field.field === 'teamSector') model.teamSector = effective as LabelValue<LabelledTeamSector>;
    else if (field.field === 'openWeights') model.openWeights = effective as LabelValue<OpenWeightsValue>;
    models.set(key, model);
  } else if (kind === 'organization') {
    organizations.set(key, { ...(effective as LabelValue<OrganizationCategory>), name: display, adjudicated: field.adjudicated });
  } else if (kind === 'paper') {
    const existing = papers.get(key);
    let paper: PaperLabels;
    if (existing === undefined) {
      paper = { id: display };
      made?.add(paper);
    } else paper = made?.has(existing) ? existing : { ...existing };
    if (field.field === 'teamSector') paper.teamSector = effective as LabelValue<LabelledTeamSector>;
    else if (field.field === 'decision') paper.decision = effective as LabelValue<PaperDecision>;
    else if (field.field === 'topic') paper.topic = effective;
    else if (field.field === 'note') paper.note = effective;
    else if (field.field === 'organizations') paper.organizations = effective as LabelValue & { list: string[] };
    papers.set(key, paper);
  }
}

/** Remove a (target, field)'s earlier effective value from the maps (before entering its new one). */
function forget(organizations: LabelState['organizations'], papers: LabelState['papers'], field: FieldLabels, models?: LabelState['models']): void {
  if (field.kind === 'model' && models) {
    const old = models.get(field.key);
    if (!old) return;
    const model: ModelLabels = { ...old };
    delete model[field.field as 'teamSector' | 'openWeights'];
    if (model.teamSector || model.openWeights) models.set(field.key, model);
    else models.delete(field.key);
  } else if (field.kind === 'organization') organizations.delete(field.key);
  else if (field.kind === 'paper') {
    const old = papers.get(field.key);
    if (!old) return;
    const paper: PaperLabels = { ...old };
    delete paper[field.field as 'teamSector' | 'decision' | 'topic' | 'note' | 'organizations'];
    if (paper.teamSector || paper.decision || paper.topic || paper.note || paper.organizations) papers.set(field.key, paper);
    else papers.delete(field.key);
  }
}

function toValue(event: LabelEvent, annotator: string, line: number): LabelValue {
  const list = Array.isArray(event.value) ? event.value : undefined;
  const value: LabelValue = { value: list ? list.join('; ') : (event.value as string), annotator, ts: event.ts, eventId: event.id, line, target: event.target };
  if (list) value.list = list;
  if (event.reason !== undefined) value.reason = event.reason;
  if (event.blind === true) value.blind = true;
  return value;
}
