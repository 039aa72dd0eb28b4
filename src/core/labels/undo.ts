/**
 * Undo as an append (spec `../shared/spec/labels.md`: "undo appends, it never deletes").
 */
import { makeEvent, type LabelChange, type LabelEvent } from './event';
import { annotatorKey, modelKey, organizationKey, paperKey } from './keys';
import { compareInstants, type ParsedEvent } from './parseLog';
import { instantParts } from './time';

const targetKey = (e: LabelEvent): string => {
  const t = e.target;
  return `${t.kind}\u0000${t.kind === 'organization' ? organizationKey(t.name) : t.kind === 'paper' ? paperKey(t.id) : t.kind === 'model' ? modelKey(t.name) : annotatorKey(t.name)}\u0000${e.field}`;
};

/**
 * The event that undoes `undone` for its annotator: a retraction (`value: null`) when that
 * annotator had no value for the same target and field before it, else their earlier value
 * again, so undoing a change from Academia to Industry gives Academia back rather than nothing.
 * "Before" follows the fold's order (ts, then file order). The new event is made now, by the
 * same annotator, with `reason` "undo <id>", and `blind: true` when the undone event had it;
 * append it with `appendEvents`.
 *
 * @param log the log's valid events (as parsed), which must contain `undone`
 * @param undone the event to undo
 * @throws Error when `undone` is not in `log`
 */
export function makeUndo(log: readonly ParsedEvent[], undone: LabelEvent, now: Date = new Date()): LabelEvent {
  const ordered = [...log].sort((a, b) => compareInstants(a, b) || a.index - b.index);
  // By id and ts: a hand-edited log can repeat an id at another time.
  let at = ordered.findIndex((p) => p.event.id === undone.id && p.event.ts === undone.ts);
  if (at === -1) at = ordered.findIndex((p) => p.event.id === undone.id);
  if (at === -1) throw new Error(`Event ${undone.id} is not in the label log; nothing to undo.`);
  const key = targetKey(undone);
  const who = annotatorKey(undone.annotator);
  let previous: LabelEvent | undefined;
  for (let i = at - 1; i >= 0 && previous === undefined; i--) {
    const e = ordered[i].event;
    if (annotatorKey(e.annotator) === who && targetKey(e) === key) previous = e;
  }
  const change = { target: undone.target, field: undone.field, value: previous?.value ?? null, reason: `undo ${undone.id}` } as LabelChange;
  // The undo must come after what it undoes in the fold's order, even when that event is dated
  // later than this clock (another machine's clock, sub-millisecond digits): then it is dated one
  // millisecond after it.
  const undoneAt = instantParts(undone.ts);
  const after = undoneAt ? Math.floor(undoneAt[0]) + 1 : -Infinity;
  return makeEvent(undone.annotator, change, { now: now.getTime() >= after ? now : new Date(after), blind: undone.blind === true });
}
