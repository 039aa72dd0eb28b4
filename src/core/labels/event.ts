/**
 * Label events: made and written (spec `../shared/spec/labels.md`, "An event"); one event is one
 * line of the label log. The types are in eventTypes.ts, the checks in checkEvent.ts, and both are
 * re-exported here.
 */
import { randomUUID } from 'node:crypto';
import { checkEvent, type Json } from './checkEvent';
import type { LabelChange, LabelEvent } from './eventTypes';

export * from './eventTypes';
export { checkEvent, type EventCheck, type Json } from './checkEvent';
export { parseEventTime } from './time';

/**
 * Make a new event for `annotator` (spec "An event"): `v: 1`, a fresh `crypto.randomUUID()` id,
 * `ts` = `now` (default: the current time) as ISO 8601 UTC with milliseconds. The change is
 * checked as a parsed line would be, so nothing invalid can reach the log.
 *
 * @throws Error with the reason when the annotator is empty or the change breaks the contract
 */
export function makeEvent(annotator: string, change: LabelChange, options: { now?: Date; id?: string } = {}): LabelEvent {
  const candidate = { v: 1, id: options.id ?? randomUUID(), ts: (options.now ?? new Date()).toISOString(), annotator, ...change };
  const checked = checkEvent(JSON.parse(JSON.stringify(candidate)) as Json);
  if (!checked.ok) throw new Error(`Invalid label event: ${checked.message}.`);
  return checked.event;
}

/**
 * One event as one line of JSON (no line break inside: JSON escapes them), keys in the spec's
 * order (v, id, ts, annotator, target, field, value, reason), without the trailing `\n`.
 */
export function serializeEvent(event: LabelEvent): string {
  const { v, id, ts, annotator, target, field, value, reason } = event;
  return JSON.stringify(reason === undefined ? { v, id, ts, annotator, target, field, value } : { v, id, ts, annotator, target, field, value, reason });
}

