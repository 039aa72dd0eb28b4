/**
 * Issue #10, the triage flow in core: the queue's order (against a Python oracle on a real table,
 * and a small case worked out by hand), suggestions without retracted or hidden labels, the paper
 * field `organizations` (checked, folded, applied before the sector rules), and the `blind` key.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyLabels, applyLabelsIncremental } from '../../src/core/labels/applyLabels';
import { checkEvent, makeEvent, serializeEvent, type LabelEvent } from '../../src/core/labels/event';
import { foldLabels, LabelFolder } from '../../src/core/labels/fold';
import { needsAttention, organizationsIndex, type AttentionItem } from '../../src/core/labels/organizations';
import { parseLabelLog } from '../../src/core/labels/parseLog';
import { suggestCategories } from '../../src/core/labels/suggest';
import { blindEvents, orderAttention, organizationChoices } from '../../src/core/labels/triageQueue';
import { makeUndo } from '../../src/core/labels/undo';
import { loadDataset } from '../../src/core/dataset/loadDataset';
import type { Dataset } from '../../src/core/dataset/model';
import { itWithCorpus } from '../support/corpus';
import { ev, logText, org, TEST_DATA } from './fixtures/labels/helpers';

const csv = (text: string): Dataset => loadDataset(Buffer.from(text, 'utf8'), 't.csv');
const parsed = (events: LabelEvent[]) => parseLabelLog(logText(events), 'l').events;

describe('triage queue order', function () {
  const item = (paperId: string, organizations: string[]): AttentionItem => ({ paperId, reasons: ['unlabelled-organization'], organizations });

  it('puts first the paper whose open organization is in the most queued papers (worked out by hand)', function () {
    // reach: MIT 3 (A, C, D), Acme 2 (B, D), Solo 1 (E). Scores (max, sum): A (3, 3), B (2, 2),
    // C (3, 3), D (3, 5), E (1, 1), F no open organization (0, 0).
    const items = [item('A', ['MIT']), item('B', ['Acme']), item('C', ['mit ']), item('D', ['Acme', 'MIT']), item('E', ['Solo']), { paperId: 'F', reasons: ['unknown-sector' as const], organizations: [] }];
    const order = orderAttention(items, 'resolves-most', () => undefined).map((i) => i.paperId);
    assert.deepEqual(order, ['D', 'A', 'C', 'B', 'E', 'F']);
    const dates: Record<string, string | undefined> = { A: '2020-01-01', B: undefined, C: '2023-05-01', D: '2020-01-01', E: '2024-01-01', F: undefined };
    assert.deepEqual(
      orderAttention(items, 'newest', (id) => ({ publicationDate: dates[id] })).map((i) => i.paperId),
      ['E', 'C', 'A', 'D', 'B', 'F'],
    );
    assert.deepEqual(orderAttention(items, 'table', () => undefined).map((i) => i.paperId), ['A', 'B', 'C', 'D', 'E', 'F']);
  });

  itWithCorpus('orders the real queue of notable_ai_models_2026-07.csv as the Python oracle does, in all three orders', function () {
    const expected = JSON.parse(fs.readFileSync(path.join(__dirname, 'expectedTriageOrder.json'), 'utf8')) as { items: (AttentionItem & { date: string })[]; expected: Record<'resolves-most' | 'table' | 'newest', string[]> };
    const dataset = loadDataset(fs.readFileSync(path.join(TEST_DATA, 'epoch', 'notable_ai_models_2026-07.csv')), 'notable');
    const items = needsAttention(dataset, foldLabels([]));
    // The oracle's input is this table's queue as it is today.
    assert.deepEqual(items, expected.items.map(({ date: _date, ...i }) => i));
    const byId = new Map(dataset.papers.map((p) => [p.id, p]));
    for (const order of ['resolves-most', 'table', 'newest'] as const)
      assert.deepEqual(orderAttention(items, order, (id) => byId.get(id)).map((i) => i.paperId), expected.expected[order], order);
    // A row with no organization is never first any more (issue #10: "(unnamed, line 3)" was).
    assert.ok(byId.get(expected.expected['resolves-most'][0])!.organizations.length > 0);
  }, ['epoch/notable_ai_models_2026-07.csv']);

  it('offers the table\'s organizations, those named in the paper first, then by paper count', function () {
    const entries = [
      { name: 'Google', paperIds: ['a', 'b', 'c'] },
      { name: 'Stanford University', paperIds: ['d'] },
      { name: 'Meta AI', paperIds: ['e', 'f'] },
      { name: 'Labelled only', paperIds: [] },
    ];
    assert.deepEqual(
      organizationChoices(entries, 'A. Author (Stanford University), B. Author').map((c) => [c.name, c.papers, c.mentioned]),
      [
        ['Stanford University', 1, true],
        ['Google', 3, false],
        ['Meta AI', 2, false],
      ],
    );
  });
});

describe('triage suggestions', function () {
  const table = csv('Model,Organization,Organization categorization\nX,Cornell University,\nY,Cornell University,\n');

  it('never count a label the annotator undid: after an undo the university reason leads again', function () {
    const relabel = ev('ada', org('Cornell University', 'Industry'), 1);
    const log = parsed([relabel]);
    const undo = makeUndo(log, relabel, new Date(Date.UTC(2026, 10, 29, 14, 0, 2)));
    const state = foldLabels(parsed([relabel, undo]));
    const [best, ...rest] = suggestCategories('Cornell University', { state, index: organizationsIndex(table, state), annotator: 'ada' });
    assert.equal(best.category, 'Academia');
    assert.match(best.reason, /^name pattern: .*universit/i);
    assert.equal(rest.length, 0, 'no Industry suggestion is left');
    assert.ok(!JSON.stringify(best).includes('you labelled'), 'no "you labelled it" after the undo');
  });

  it('under blind coding show nothing from another annotator, in the evidence or the index', function () {
    const events = parsed([ev('tamay', org('Cornell University', 'Industry'), 1), ev('ada', org('Other Org', 'Government'), 2)]);
    const open = foldLabels(events);
    const seen = suggestCategories('Cornell University', { state: open, index: organizationsIndex(table, open), annotator: 'ada' });
    assert.ok(seen.some((s) => s.reason.includes('tamay labelled it Industry')), 'without blind coding tamay\'s label is evidence');
    const state = foldLabels(blindEvents(events, 'ada'));
    const index = organizationsIndex(table, state);
    const blind = suggestCategories('Cornell University', { state, index, annotator: 'ada', blind: true });
    assert.deepEqual(blind.map((s) => s.category), ['Academia']);
    assert.ok(!JSON.stringify(blind).includes('tamay'));
    assert.equal(index.get('cornell university')!.status, 'unlabelled');
    // `blind` alone also drops others' labels, even with the full state.
    assert.ok(!JSON.stringify(suggestCategories('Cornell University', { state: open, index: organizationsIndex(table, open), annotator: 'ada', blind: true })).includes('tamay'));
  });
});

describe('paper field organizations', function () {
  const paperOrgs = (id: string, value: string[] | null) => ({ target: { kind: 'paper' as const, id, organizations: [] }, field: 'organizations' as const, value });
  const table = csv('Model,Organization,Organization categorization,Publication date\nNoOrgs,,,2024-01-01\nWithMit,MIT,,2023-01-01\n');

  it('is checked: a non-empty list of non-empty names (trimmed), or null', function () {
    const base = { v: 1, id: 'x', ts: '2026-11-29T14:00:00.000Z', annotator: 'ada', target: { kind: 'paper', id: 'NoOrgs' }, field: 'organizations' };
    const ok = checkEvent({ ...base, value: [' MIT ', 'Google'] });
    assert.ok(ok.ok && JSON.stringify(ok.event.value) === '["MIT","Google"]');
    assert.ok(checkEvent({ ...base, value: null }).ok);
    for (const bad of [[], [''], 'MIT', [1]]) {
      const r = checkEvent({ ...base, value: bad });
      assert.ok(!r.ok && /organizations must be a non-empty array/.test(r.message), JSON.stringify(bad));
    }
  });

  it('folds last-wins per annotator and replaces the row\'s organizations before the sector rules', function () {
    const events = parsed([ev('ada', paperOrgs('NoOrgs', ['Old Name']), 1), ev('ada', paperOrgs('NoOrgs', ['MIT', 'Acme Inc.']), 2)]);
    const state = foldLabels(events);
    assert.deepEqual(state.papers.get('NoOrgs')!.organizations!.list, ['MIT', 'Acme Inc.']);
    assert.equal(state.papers.get('NoOrgs')!.organizations!.value, 'MIT; Acme Inc.');
    const labelled = applyLabels(table, state);
    const paper = labelled.papers[0];
    assert.deepEqual(paper.organizations, ['MIT', 'Acme Inc.']);
    assert.equal(paper.teamSector, 'Unknown');
    assert.match(paper.provenance.organizationsLabel ? 'yes' : 'no', /yes/);
    // The queue now names its organizations as open, and MIT's reach counts both papers.
    const queue = needsAttention(table, state);
    assert.deepEqual(queue.map((q) => [q.paperId, q.organizations]), [['NoOrgs', ['MIT', 'Acme Inc.']], ['WithMit', ['MIT']]]);
    assert.deepEqual(organizationsIndex(table, state).get('mit')!.paperIds, ['NoOrgs', 'WithMit']);
    // Labelling both organizations gives the paper its sector (rule 1) and resolves both papers.
    const more = [...events, ...parsed([ev('ada', org('MIT', 'Academia'), 3), ev('ada', org('Acme Inc.', 'Industry'), 4)])];
    const after = foldLabels(more);
    const done = applyLabels(table, after);
    assert.equal(done.papers[0].teamSector, 'Collaboration');
    assert.equal(done.papers[1].teamSector, 'Academia');
    assert.deepEqual(needsAttention(table, after), []);
    // The label is not stale: it was made on the row as it is.
    assert.deepEqual(done.staleLabels, []);
    // Retracting the list gives the row back its own (empty) organizations.
    const retracted = foldLabels([...more, ...parsed([ev('ada', paperOrgs('NoOrgs', null), 5)])]);
    assert.deepEqual(applyLabels(table, retracted).papers[0].organizations, []);
  });

  it('re-derives, incrementally, the rows whose listed organization gets a label', function () {
    const first = parsed([ev('ada', paperOrgs('NoOrgs', ['Acme Inc.']), 1)]);
    const folder = new LabelFolder();
    const before = folder.fold(first);
    const previous = applyLabels(table, before);
    const events = [...first, ...parsed([ev('ada', org('Acme Inc.', 'Industry'), 2)])];
    const state = folder.fold(events);
    const incremental = applyLabelsIncremental(previous, state, folder.lastChange!);
    assert.ok(incremental);
    assert.deepEqual(incremental.changed, [0]);
    assert.equal(incremental.dataset.papers[0].teamSector, 'Industry');
    assert.deepEqual(incremental.dataset.papers.map((p) => p.teamSector), applyLabels(table, state).papers.map((p) => p.teamSector));
    assert.deepEqual(incremental.dataset.unmatchedOrganizations, []);
  });
});

describe('the blind key', function () {
  const base = { v: 1, id: 'b1', ts: '2026-11-29T14:00:00.000Z', annotator: 'ada', target: { kind: 'organization', name: 'MIT' }, field: 'category', value: 'Academia' };

  it('is accepted when true and refused otherwise', function () {
    const ok = checkEvent({ ...base, blind: true });
    assert.ok(ok.ok && ok.event.blind === true);
    for (const bad of [false, 'true', 1, null]) {
      const r = checkEvent({ ...base, blind: bad });
      assert.ok(!r.ok && r.message.includes('"blind" must be true'), JSON.stringify(bad));
    }
  });

  it('is written after reason, and made by makeEvent and by the undo of a blind label', function () {
    const event = makeEvent('ada', { target: { kind: 'organization', name: 'MIT' }, field: 'category', value: 'Academia', reason: 'r' }, { now: new Date('2026-11-29T14:00:00.000Z'), id: 'b2', blind: true });
    const line = serializeEvent(event);
    assert.equal(line, '{"v":1,"id":"b2","ts":"2026-11-29T14:00:00.000Z","annotator":"ada","target":{"kind":"organization","name":"MIT"},"field":"category","value":"Academia","reason":"r","blind":true}');
    assert.ok(!serializeEvent(makeEvent('ada', { target: { kind: 'organization', name: 'MIT' }, field: 'category', value: 'Academia' })).includes('blind'));
    const log = parseLabelLog(`${line}\n`, 'l').events;
    assert.equal(log[0].event.blind, true);
    assert.equal(makeUndo(log, log[0].event).blind, true);
    // The fold ignores it, apart from remembering it on the value.
    const state = foldLabels(log);
    assert.equal(state.organizations.get('mit')!.value, 'Academia');
    assert.equal(state.organizations.get('mit')!.blind, true);
  });

  it('blindEvents keeps the annotator\'s own events and role events only', function () {
    const events = parsed([ev('ada', org('A', 'Academia'), 1), ev('tamay', org('A', 'Industry'), 2), ev(' ada ', org('B', 'Industry'), 3), ev('tamay', { target: { kind: 'annotator', name: 'lead' }, field: 'role', value: 'adjudicator' }, 4)]);
    assert.deepEqual(blindEvents(events, 'ada').map((e) => e.event.id), [events[0].event.id, events[2].event.id, events[3].event.id]);
  });
});
