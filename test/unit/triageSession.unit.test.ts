import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { foldLabels } from '../../src/core/labels/fold';
import { loadDataset } from '../../src/core/dataset/loadDataset';
import { TriageSession } from '../../src/host/triage/triageSession';
import { triageModel } from '../../src/host/triage/triageModel';
import { DatasetView } from '../../src/host/datasetView';
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
    session.advanceAfterLabel(['X', 'Y']);
    assert.equal(session.focusIndex, 1);
    assert.equal(session.current!.paperId, 'A');
    now = 60_000;
    session.advanceAfterLabel(['X', 'Y'], new Set());
    assert.equal(session.current!.paperId, 'B');
    assert.equal(session.timeSpent.get('A'), 60_000);
    assert.deepEqual(session.progress(), { position: 2, total: 2, done: 1, perHour: 60 });
    session.skip();
    assert.equal(session.current, undefined);
    session.move(-1);
    assert.equal(session.current!.paperId, 'B');
  });

  it('keeps its place in a live queue: a resolved paper stays on screen until J, which goes to its successor', function () {
    const item = (paperId: string) => ({ paperId, reasons: ['unlabelled-organization' as const], organizations: [] });
    const session = new TriageSession([item('A'), item('B'), item('C'), item('D')], () => 0);
    session.move(1);
    assert.equal(session.currentPaperId, 'B');
    // B and C are resolved elsewhere (say one label on MIT): B stays on screen, marked resolved.
    session.update([item('A'), item('D')]);
    assert.equal(session.currentPaperId, 'B');
    assert.equal(session.resolved, true);
    assert.equal(session.current, undefined);
    session.move(1);
    assert.equal(session.currentPaperId, 'D', 'the first paper after B that is still queued');
    assert.equal(session.resolved, false);
    session.move(-1);
    assert.equal(session.currentPaperId, 'A');
    // Undo returns to a paper even when it had left the queue; it is found again once it is back.
    session.goTo('C', 1);
    assert.equal(session.currentPaperId, 'C');
    assert.equal(session.focusIndex, 1);
    session.update([item('A'), item('C'), item('D')]);
    assert.equal(session.resolved, false, 'C is queued again and found');
    assert.deepEqual(session.progress(), { position: 2, total: 3, done: 0 });
  });

  it('resumes at a saved paper with the done count of earlier sessions, and focuses the next open organization', function () {
    const item = (paperId: string, organizations: string[]) => ({ paperId, reasons: ['unlabelled-organization' as const], organizations });
    const session = new TriageSession([item('A', ['MIT']), item('B', ['MIT', 'Google', 'Meta'])], () => 0, { paperId: 'B', doneBefore: 7 });
    assert.equal(session.currentPaperId, 'B');
    // Only Meta is still open after MIT was labelled: Google (from the table) is passed over.
    session.advanceAfterLabel(['MIT', 'Google', 'Meta'], new Set(['meta']));
    assert.equal(session.focusIndex, 2);
    session.advanceAfterLabel(['MIT', 'Google', 'Meta'], new Set());
    assert.equal(session.currentPaperId, undefined);
    assert.equal(session.progress().done, 8);
  });
});

describe('TriageSession: rows added to the table on disk while triage is open (issue #10, item 10)', function () {
  it('the new rows join the live queue, the paper on screen keeps its place and the total grows', function () {
    const header = 'Model,Publication date,Organization,Organization categorization,Domain\n';
    const before = `${header}Alpha,2023-01-01,Acme Labs,,Language\nBeta,2023-02-01,Unlabelled U,,Vision\nGamma,2022-01-01,MIT,Academia,Language\n`;
    const added = 'Delta,2024-05-01,New Org,,Language\nEpsilon,2024-06-01,MIT,Academia,Vision\n';
    const model = (csv: string) => triageModel(new DatasetView(loadDataset(Buffer.from(csv), 't.csv')), foldLabels([]), false, 'table');
    const first = model(before);
    assert.deepEqual(first.queue.map((q) => q.paperId), ['Alpha', 'Beta'], 'the two rows without categories need attention');
    const session = new TriageSession(first.queue, () => 0);
    session.move(1);
    assert.equal(session.currentPaperId, 'Beta');
    // The file gains two rows (what the dataset watcher reloads); triage recomputes its queue from the new table.
    const second = model(before + added);
    assert.deepEqual(second.queue.map((q) => q.paperId), ['Alpha', 'Beta', 'Delta'], 'Delta (no category) joins; Epsilon (MIT, Academia) does not');
    session.update(second.queue);
    assert.equal(session.currentPaperId, 'Beta', 'the paper on screen keeps its place');
    assert.deepEqual(session.progress(), { position: 2, total: 3, done: 0 });
  });
});
