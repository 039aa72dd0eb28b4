/** Regression tests for what a review of the label log with bad input found. */
import { strict as assert } from 'node:assert';
import { foldLabels } from '../../src/core/labels/fold';
import { parseLabelLog } from '../../src/core/labels/parseLog';
import { parseEventTime } from '../../src/core/labels/time';

const event = (id: string, ts: string, name: string, value: string) =>
  JSON.stringify({ v: 1, id, ts, annotator: 'ada', target: { kind: 'organization', name }, field: 'category', value });

describe('label log: findings of the bad-input review', function () {
  it('rejects a timestamp with a non-digit year, and year 0; keeps years below 100 in their own century', function () {
    assert.equal(parseEventTime('2O26-01-01T00:00:00.000Z'), undefined);
    assert.equal(parseEventTime('0000-01-01T00:00:00.000Z'), undefined);
    assert.ok(parseEventTime('0099-01-01T00:00:00.000Z')! < parseEventTime('1960-01-01T00:00:00.000Z')!);
  });

  it('skips a line with an unreadable ts instead of letting it scramble the order of the others', function () {
    const log = [
      event('a', '2026-01-05T00:00:00.000Z', 'Meta AI', 'Industry'),
      event('b', 'XXXX-01-01T00:00:00.000Z', 'Other Org', 'Academia'),
      event('c', '2026-01-01T00:00:00.000Z', 'Meta AI', 'Academia'),
    ].join('\n');
    const parsed = parseLabelLog(`${log}\n`, 'labels.jsonl');
    assert.deepEqual(parsed.diagnostics.map((d) => [d.kind, d.line]), [['bad-ts', 2]]);
    assert.equal(foldLabels(parsed.events).organizations.get('meta ai')!.value, 'Industry');
  });

  it('reads 50,000 events that share one timestamp (a bulk import) without quadratic work', function () {
    const lines = Array.from({ length: 50_000 }, (_, i) => event(`e${i}`, '2026-01-01T00:00:00.000Z', `Org ${i}`, 'Academia'));
    lines.push(event('late', '2025-01-01T00:00:00.000Z', 'Org 0', 'Industry'));
    const parsed = parseLabelLog(`${lines.join('\n')}\n`, 'labels.jsonl');
    assert.equal(parsed.events.length, 50_001);
    assert.deepEqual(parsed.diagnostics, []);
  });
});
