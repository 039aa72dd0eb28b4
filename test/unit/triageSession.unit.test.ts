import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { foldLabels } from '../../src/core/labels/fold';
import { loadDataset } from '../../src/core/loadDataset';
import { TriageSession } from '../../src/host/triage/triageSession';
import { itWithCorpus } from '../support/corpus';
import { TEST_DATA } from '../support/paths';

describe('TriageSession', function () {
  itWithCorpus('queues the papers that need attention: every Unknown-sector and mismatched row among them', function () {
    const dataset = loadDataset(readFileSync(path.join(TEST_DATA, 'epoch', 'notable_ai_models_2026-07.csv')), 'notable');
    const session = TriageSession.start(dataset, foldLabels([]));
    const ids = new Set(session.queue.map((q) => q.paperId));
    const mustBeThere = dataset.papers.filter((p) => p.teamSector === 'Unknown' || p.lengthMismatch);
    // 19 Unknown rows (../shared/spec/cli.md) and 20 length mismatches (expectedEpochCounts.json).
    assert.ok(mustBeThere.length >= 20);
    for (const p of mustBeThere) assert.ok(ids.has(p.id), p.id);
    // A row whose every organization has a category from the table and a known sector is not queued.
    const settled = dataset.papers.find((p) => p.id === 'AlphaGo Zero')!;
    assert.equal(settled.organizationCategories.every((c) => c !== undefined), true);
    assert.equal(ids.has('AlphaGo Zero'), false);
  }, ['epoch/notable_ai_models_2026-07.csv']);

  it('moves through organizations then papers, counts done and records the time on each paper', function () {
    let now = 0;
    const session = new TriageSession(
      [
        { paperId: 'A', reasons: ['unknown-sector'], organizations: [] },
        { paperId: 'B', reasons: ['unknown-sector'], organizations: [] },
      ],
      () => now,
    );
    now = 30_000;
    session.advanceAfterLabel(2);
    assert.equal(session.focusIndex, 1);
    assert.equal(session.current!.paperId, 'A');
    now = 60_000;
    session.advanceAfterLabel(2);
    assert.equal(session.current!.paperId, 'B');
    assert.equal(session.timeSpent.get('A'), 60_000);
    assert.deepEqual(session.progress(), { position: 2, total: 2, done: 1, perHour: 60 });
    session.skip();
    assert.equal(session.current, undefined);
    session.move(-1);
    assert.equal(session.current!.paperId, 'B');
  });
});
