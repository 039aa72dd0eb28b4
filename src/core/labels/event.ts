/**
 * Label events: made and written (spec `../shared/spec/labels.md`, "An event"); one event is one
 * line of the label log. The types are in eventTypes.ts, the checks in checkEvent.ts, and both are
 * re-exported here.
 */
import { checkEvent, type Json } from './checkEvent';
import type { LabelChange, LabelEvent } from './eventTypes';

export * from './eventTypes';
export { checkEvent, type EventCheck, type Json } from './checkEvent';
export { parseEventTime } from './time';

/**
 * Make a new event for `annotator` (spec "An event"): `v: 1`, a fresh `crypto.randomUUID()` id,
 * `ts` = `now` (default: the current time) as ISO 8601 UTC with milliseconds. The change is
 * checked as a parsed line would be, so nothing invalid can reach the log. `options.blind` marks the
 * event `"blind": true` (made under blind coding).
 *
 * @throws Error with the reason when the annotator is empty or the change breaks the contract
 */
export function makeEvent(annotator: string, change: LabelChange, options: { now?: Date; id?: string; blind?: boolean } = {}): LabelEvent {
  const candidate = { v: 1, id: options.id ?? globalThis.crypto.randomUUID(), ts: (options.now ?? new Date()).toISOString(), annotator, ...change, ...(options.blind ? { blind: true } : {}) };
  const checked = checkEvent(JSON.parse(JSON.stringify(candidate)) as Json);
  if (!checked.ok) throw new Error(`Invalid label event: ${checked.message}.`);
  return checked.event;
}

/**
 * One event as one line of JSON (no line break inside: JSON escapes them), keys in the spec's
 * order (v, id, ts, annotator, target, field, value, reason, then `blind` when true: issue #10),
 * without the trailing `\n`. Absent optional keys are not written.
 */
export function serializeEvent(event: LabelEvent): string {
  const { v, id, ts, annotator, target, field, value, reason, blind } = event;
  const out: Record<string, unknown> = { v, id, ts, annotator, target, field, value };
  if (reason !== undefined) out.reason = reason;
  if (blind === true) out.blind = true;
  return JSON.stringify(out);
}

