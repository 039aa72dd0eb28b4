/**
 * The label log read and folded: invalid lines reported and skipped, last wins, retraction,
 * adjudicator precedence, organization matching, events and undo. Contract:
 * ../shared/spec/labels.md ("An event", "Folding the log into labels").
 */
import { strict as assert } from 'node:assert';
import { makeEvent, parseEventTime, type LabelEvent } from '../../src/core/labels/event';
import { foldLabels } from '../../src/core/labels/fold';
import { organizationKey, paperKey } from '../../src/core/labels/keys';
import { parseLabelLog, type ParsedEvent } from '../../src/core/labels/parseLog';
import { makeUndo } from '../../src/core/labels/undo';
import { ev, logText, org, role, sector } from './fixtures/labels/helpers';

const parse = (events: LabelEvent[]): ParsedEvent[] => parseLabelLog(logText(events), 'labels.jsonl').events;
const fold = (events: LabelEvent[]) => foldLabels(parse(events));
const GOOD = '{"v":1,"id":"g1","ts":"2026-11-29T14:03:05.123Z","annotator":"ada","target":{"kind":"organization","name":"Stanford University"},"field":"category","value":"Academia"}';
const line = (fields: Record<string, unknown>): string =>
  JSON.stringify({ v: 1, id: `x${Math.random()}`, ts: '2026-11-29T14:03:05.123Z', annotator: 'ada', target: { kind: 'organization', name: 'X' }, field: 'category', value: 'Academia', ...fields });

describe('labels: parseLabelLog', function () {
  it('reads valid events with their 1-based lines; blank lines, CRLF and a BOM are tolerated', function () {
    const text = `\ufeff${GOOD}\r\n\n   \n${GOOD.replace('g1', 'g2')}\n`;
    const log = parseLabelLog(text, 'l.jsonl');
    assert.deepEqual(log.diagnostics, []);
    assert.deepEqual(
      log.events.map((e) => [e.event.id, e.line, e.index]),
      [
        ['g1', 1, 0],
        ['g2', 4, 1],
      ],
    );
    assert.equal(log.events[0].event.target.kind, 'organization');
  });

  it('reports a torn last line (no \\n) with its line number and skips it; a complete last line without \\n is an event', function () {
    const torn = parseLabelLog(`${GOOD}\n{"v":1,"id":"t","ts":"2026-11-29T14:0`, 'l.jsonl');
    assert.equal(torn.events.length, 1);
    assert.deepEqual(
      torn.diagnostics.map((d) => [d.kind, d.line, d.source]),
      [['torn-line', 2, 'l.jsonl']],
    );
    assert.match(torn.diagnostics[0].raw, /^\{"v":1,"id":"t"/);
    const complete = parseLabelLog(`${GOOD}\n${GOOD.replace('g1', 'g2')}`, 'l.jsonl');
    assert.deepEqual(complete.diagnostics, []);
    assert.equal(complete.events.length, 2);
  });

  it('reports merge-conflict markers and keeps the events of both sides', function () {
    const text = ['<<<<<<< HEAD', GOOD, '=======', GOOD.replace('g1', 'g2').replace('ada', 'bob'), '>>>>>>> origin/main', ''].join('\n');
    const log = parseLabelLog(text, 'l.jsonl');
    assert.deepEqual(
      log.diagnostics.map((d) => [d.kind, d.line]),
      [
        ['merge-conflict', 1],
        ['merge-conflict', 3],
        ['merge-conflict', 5],
      ],
    );
    assert.deepEqual(
      log.events.map((e) => e.event.id),
      ['g1', 'g2'],
    );
  });

  it('reports bad JSON in the middle of the file with a column where JSON.parse gives one', function () {
    const log = parseLabelLog(`${GOOD}\n{"v":1,"id":"b"\n${GOOD.replace('g1', 'g3')}\n`, 'l.jsonl');
    assert.deepEqual(
      log.diagnostics.map((d) => [d.kind, d.line, d.column]),
      [['bad-json', 2, 16]],
    );
    assert.equal(log.events.length, 2);
  });

  it('reports field/value combinations the spec does not allow, bad timestamps and versions', function () {
    const cases: [string, string][] = [
      [line({ field: 'teamSector' }), 'invalid-event'],
      [line({ value: 'Academic' }), 'invalid-event'],
      [line({ target: { kind: 'paper', id: 'P' }, field: 'teamSector', value: 'Unknown' }), 'invalid-event'],
      [line({ target: { kind: 'paper', id: 'P' }, field: 'decision', value: 'yes' }), 'invalid-event'],
      [line({ target: { kind: 'paper', id: 'P' }, field: 'topic', value: '  ' }), 'invalid-event'],
      [line({ target: { kind: 'paper', id: 'P' }, field: 'note', value: 3 }), 'invalid-event'],
      [line({ target: { kind: 'paper', id: 'P', organizations: 'A, B' }, field: 'note', value: 'x' }), 'invalid-event'],
      [line({ target: { kind: 'annotator', name: 'bob' }, field: 'role', value: 'admin' }), 'invalid-event'],
      [line({ target: { kind: 'venue', name: 'NeurIPS' } }), 'invalid-event'],
      [line({ target: { kind: 'organization', name: ' ' } }), 'invalid-event'],
      [line({ value: undefined }), 'invalid-event'],
      [line({ annotator: '' }), 'invalid-event'],
      [line({ id: '' }), 'invalid-event'],
      [line({ reason: 42 }), 'invalid-event'],
      [line({ v: 2 }), 'unsupported-version'],
      [line({ ts: '2026-02-30T10:00:00.000Z' }), 'bad-ts'],
      [line({ ts: '2026-11-29 14:03:05' }), 'bad-ts'],
      [line({ ts: 'yesterday' }), 'bad-ts'],
      [line({ ts: 1764424985123 }), 'bad-ts'],
      ['[1,2,3]', 'invalid-event'],
      ['"just a string"', 'invalid-event'],
    ];
    const log = parseLabelLog(`${cases.map(([l]) => l).join('\n')}\n`, 'l.jsonl');
    assert.equal(log.events.length, 0);
    assert.deepEqual(
      log.diagnostics.map((d) => [d.line, d.kind]),
      cases.map(([, kind], i) => [i + 1, kind]),
    );
    for (const d of log.diagnostics) assert.ok(d.message.length > 10, d.message);
  });

  it('accepts category and sector values in any case and writes them canonically', function () {
    const log = parseLabelLog(
      [
        line({ id: 'a', value: 'academia' }),
        line({ id: 'b', value: 'nonprofit' }),
        line({ id: 'c', value: 'research collective' }),
        line({ id: 'd', target: { kind: 'paper', id: 'P', date: '2024-01-01', organizations: ['A'] }, field: 'teamSector', value: 'collaboration' }),
        line({ id: 'e', target: { kind: 'paper', id: 'P' }, date: '2024-01-01', organizations: ['A', 'B'], field: 'decision', value: 'Include' }),
        line({ id: 'f', value: null, reason: null }),
      ].join('\n'),
      'l.jsonl',
    );
    assert.deepEqual(log.diagnostics, []);
    assert.deepEqual(
      log.events.map((e) => e.event.value),
      ['Academia', 'Non-profit', 'Research collective', 'Collaboration', 'include', null],
    );
    // date/organizations are read from the target or from beside it.
    assert.deepEqual(log.events[4].event.target, { kind: 'paper', id: 'P', date: '2024-01-01', organizations: ['A', 'B'] });
  });

  it('numbers lines alike with a BOM, CRLF, lone CR and blank lines, in a log out of time order too', function () {
    const late = GOOD.replace('14:03:05.123Z', '15:00:00.000Z');
    const early = GOOD.replace('"g1"', '"g2"').replace('14:03:05.123Z', '09:00:00.000Z');
    const text = `\ufeff${late}\r\n\r\n\r\n${early}\r\n   \r\n${late}\r\n{"v":1,"id":"torn"`;
    const log = parseLabelLog(text, 'l.jsonl');
    assert.deepEqual(
      log.events.map((e) => [e.event.id, e.line, e.index]),
      [
        ['g1', 1, 0],
        ['g2', 4, 1],
      ],
    );
    assert.deepEqual(
      log.diagnostics.map((d) => [d.kind, d.line, d.raw]),
      [
        ['duplicate-id', 6, late],
        ['torn-line', 7, '{"v":1,"id":"torn"'],
      ],
    );
    // A last line of white space only, without a newline, is blank rather than torn.
    assert.deepEqual(parseLabelLog(`${GOOD}\n  \t`, 'l.jsonl').diagnostics, []);
  });

  it('reports a repeated event id and keeps the first', function () {
    const log = parseLabelLog(`${GOOD}\n${GOOD.replace('Academia', 'Industry')}\n`, 'l.jsonl');
    assert.deepEqual(
      log.diagnostics.map((d) => [d.kind, d.line]),
      [['duplicate-id', 2]],
    );
    assert.equal(log.events[0].event.value, 'Academia');
  });

  it('finds a repeated event in a log out of time order (after a merge) and renumbers the events', function () {
    const late = GOOD.replace('14:03:05.123Z', '15:00:00.000Z');
    const early = GOOD.replace('"g1"', '"g2"').replace('14:03:05.123Z', '09:00:00.000Z');
    const log = parseLabelLog(`${late}\n${early}\n${late}\n${late.replace('15:00:00.000Z', '16:00:00.000Z')}\n`, 'l.jsonl');
    assert.deepEqual(
      log.diagnostics.map((d) => [d.kind, d.line]),
      [['duplicate-id', 3]],
    );
    assert.match(log.diagnostics[0].message, /repeats the event on line 1/);
    // Same id, another ts: a different event (only a hand edit makes one); both count.
    assert.deepEqual(
      log.events.map((e) => [e.event.id, e.line, e.index]),
      [
        ['g1', 1, 0],
        ['g2', 2, 1],
        ['g1', 4, 2],
      ],
    );
  });

  it('parses timestamps to instants: offsets, sub-millisecond digits, impossible dates', function () {
    assert.equal(parseEventTime('2026-11-29T14:03:05.123Z'), Date.UTC(2026, 10, 29, 14, 3, 5, 123));
    assert.equal(parseEventTime('2026-11-29T16:03:05+02:00'), Date.UTC(2026, 10, 29, 14, 3, 5));
    assert.ok(parseEventTime('2026-11-29T14:03:05.1234Z')! > parseEventTime('2026-11-29T14:03:05.123Z')!);
    assert.ok(parseEventTime('2026-11-29T14:03:05.5Z')! > parseEventTime('2026-11-29T14:03:05.123Z')!);
    for (const bad of ['2026-13-01T00:00:00Z', '2025-02-29T00:00:00Z', '2026-11-29T24:00:00Z', '2026-11-29T14:03Z', '2026-11-29T14:03:05'])
      assert.equal(parseEventTime(bad), undefined, bad);
    assert.notEqual(parseEventTime('2024-02-29T00:00:00Z'), undefined);
  });
});

describe('labels: foldLabels', function () {
  it('the latest event per (target, field, annotator) wins, ordered by ts and not by file position', function () {
    const state = fold([ev('ada', org('Stanford University', 'Industry'), 30), ev('ada', org('Stanford University', 'Academia'), 40), ev('ada', org('Stanford University', 'Government'), 10)]);
    assert.equal(state.organizations.get(organizationKey('Stanford University'))?.value, 'Academia');
    assert.deepEqual(state.disagreements, []);
  });

  it('breaks ties in ts by file order (the later line wins)', function () {
    const state = fold([ev('ada', org('MIT', 'Industry'), 5), ev('ada', org('MIT', 'Academia'), 5)]);
    assert.equal(state.organizations.get('mit')?.value, 'Academia');
    const reversed = fold([ev('ada', org('MIT', 'Academia'), 5), ev('ada', org('MIT', 'Industry'), 5)]);
    assert.equal(reversed.organizations.get('mit')?.value, 'Industry');
  });

  it('null retracts only that annotator\'s value; the other annotators\' values remain', function () {
    const alone = fold([ev('ada', org('MIT', 'Academia'), 1), ev('ada', org('MIT', null), 2)]);
    assert.equal(alone.organizations.size, 0);
    assert.equal(alone.fields.length, 1);
    assert.equal(alone.fields[0].effective, undefined);
    const two = fold([ev('ada', org('MIT', 'Academia'), 1), ev('bob', org('MIT', 'Industry'), 2), ev('bob', org('MIT', null), 3)]);
    assert.equal(two.organizations.get('mit')?.value, 'Academia');
    assert.equal(two.organizations.get('mit')?.annotator, 'ada');
    assert.deepEqual(two.disagreements, []);
    // A value after a retraction counts again.
    const again = fold([ev('ada', org('MIT', 'Academia'), 1), ev('ada', org('MIT', null), 2), ev('ada', org('MIT', 'Industry'), 3)]);
    assert.equal(again.organizations.get('mit')?.value, 'Industry');
  });

  it('without adjudicators the latest value of any annotator is effective, and differing values are a disagreement', function () {
    const state = fold([ev('ada', org('Allen Institute for AI', 'Non-profit'), 1), ev('bob', org('Allen Institute for AI', 'Research collective'), 2)]);
    const label = state.organizations.get('allen institute for ai')!;
    assert.equal(label.value, 'Research collective');
    assert.equal(label.adjudicated, false);
    assert.equal(state.disagreements.length, 1);
    const d = state.disagreements[0];
    assert.equal(d.display, 'Allen Institute for AI');
    assert.deepEqual(
      d.values.map((v) => [v.annotator, v.value]),
      [
        ['bob', 'Research collective'],
        ['ada', 'Non-profit'],
      ],
    );
    assert.equal(d.adjudicated, false);
  });

  it('an adjudicator\'s value wins over later values of others; the role holds for all their events, even earlier ones', function () {
    const events = [ev('carol', org('DeepMind', 'Industry'), 1), ev('ada', org('DeepMind', 'Academia'), 2), ev('bob', role('carol', 'adjudicator'), 3)];
    const state = fold(events);
    assert.deepEqual([...state.adjudicators], ['carol']);
    const label = state.organizations.get('deepmind')!;
    assert.equal(label.value, 'Industry');
    assert.equal(label.annotator, 'carol');
    assert.equal(label.adjudicated, true);
    assert.equal(state.disagreements.length, 1);
    assert.equal(state.disagreements[0].adjudicated, true);
    assert.equal(state.disagreements[0].effective.annotator, 'carol');
  });

  it('an annotator\'s role is their latest role event: a revoked role no longer counts', function () {
    const events = [ev('carol', role('carol', 'adjudicator'), 1), ev('carol', org('DeepMind', 'Industry'), 2), ev('ada', org('DeepMind', 'Academia'), 3), ev('carol', role('carol', null), 4)];
    const state = fold(events);
    assert.equal(state.adjudicators.size, 0);
    assert.equal(state.organizations.get('deepmind')?.value, 'Academia');
  });

  it('falls back to the other annotators when the adjudicator retracts; between adjudicators the latest wins', function () {
    const retracted = fold([ev('x', role('carol', 'adjudicator'), 0), ev('carol', org('NVIDIA', 'Academia'), 1), ev('ada', org('NVIDIA', 'Industry'), 2), ev('carol', org('NVIDIA', null), 3)]);
    assert.equal(retracted.organizations.get('nvidia')?.value, 'Industry');
    assert.equal(retracted.organizations.get('nvidia')?.adjudicated, false);
    const two = fold([ev('x', role('carol', 'adjudicator'), 0), ev('x', role('dan', 'adjudicator'), 0), ev('dan', org('NVIDIA', 'Government'), 1), ev('carol', org('NVIDIA', 'Industry'), 2), ev('ada', org('NVIDIA', 'Academia'), 3)]);
    assert.equal(two.organizations.get('nvidia')?.value, 'Industry');
    assert.equal(two.organizations.get('nvidia')?.annotator, 'carol');
  });

  it('the log alone determines the result: the same events in another file order fold the same', function () {
    const events = [ev('carol', org('A', 'Industry'), 1), ev('ada', org('A', 'Academia'), 2), ev('bob', role('carol', 'adjudicator'), 3), ev('ada', sector('P', 'Other', 'why'), 4), ev('bob', sector('P', 'Industry'), 5)];
    const a = fold(events);
    const b = fold([...events].reverse());
    const summary = (s: ReturnType<typeof fold>) => ({
      orgs: [...s.organizations].map(([k, v]) => [k, v.value, v.annotator]),
      papers: [...s.papers].map(([k, v]) => [k, v.teamSector?.value, v.teamSector?.annotator]),
      disagreements: s.disagreements.map((d) => [d.key, d.field, d.effective.value]).sort(),
    });
    assert.deepEqual(summary(a), summary(b));
  });

  it('matches organizations by NFC, folded white space and case; accents count', function () {
    const state = fold([ev('ada', org('  Université\u00a0de   Montréal ', 'Academia'), 1)]);
    const key = organizationKey('Université de Montréal');
    assert.equal(state.organizations.get(key)?.value, 'Academia');
    assert.equal(state.organizations.get(key)?.name, 'Université de Montréal');
    assert.equal(organizationKey('UNIVERSITE\u0301 DE MONTRE\u0301AL'), key, 'NFD and upper case match');
    assert.equal(organizationKey('Universite\tde\nMontreal') === key, false, 'accents count');
    assert.equal(organizationKey('Technische Universität MÜNCHEN'), organizationKey('technische universität münchen'));
    assert.equal(organizationKey('STRASSE'), organizationKey('Straße'));
  });

  it('matches papers by id with white space folded, case-sensitively', function () {
    const state = fold([ev('ada', sector(' GPT-3\n', 'Industry'), 1), ev('ada', sector('CaLM', 'Academia'), 2)]);
    assert.equal(state.papers.get(paperKey('GPT-3'))?.teamSector?.value, 'Industry');
    assert.equal(state.papers.get('CALM'), undefined);
    assert.equal(state.papers.get('CaLM')?.teamSector?.value, 'Academia');
  });

  it('keeps the paper fields apart and lists annotators', function () {
    const p = { kind: 'paper' as const, id: 'P' };
    const state = fold([
      ev('ada', { target: p, field: 'decision', value: 'include' }, 1),
      ev('ada', { target: p, field: 'topic', value: 'Language' }, 2),
      ev('bob', { target: p, field: 'note', value: 'check the affiliations' }, 3),
      ev('bob', { target: p, field: 'decision', value: 'exclude' }, 4),
    ]);
    const labels = state.papers.get('P')!;
    assert.equal(labels.decision?.value, 'exclude');
    assert.equal(labels.topic?.value, 'Language');
    assert.equal(labels.note?.value, 'check the affiliations');
    assert.deepEqual(state.annotators, ['ada', 'bob']);
    assert.deepEqual(
      state.disagreements.map((d) => [d.kind, d.key, d.field]),
      [['paper', 'P', 'decision']],
    );
  });
});

describe('labels: foldLabels against the spec read literally', function () {
  /**
   * The fold rule of labels.md written as directly as possible (sort, then one pass per (target,
   * field, annotator) with plain objects): the optimised fold must agree with it on a random log.
   */
  function referenceFold(events: LabelEvent[]) {
    const ordered = events.map((event, index) => ({ event, index, time: parseEventTime(event.ts)! })).sort((a, b) => a.time - b.time || a.index - b.index);
    const isAdjudicator: Record<string, boolean> = {};
    for (const { event } of ordered) if (event.field === 'role') isAdjudicator[event.target.kind === 'annotator' ? event.target.name.trim() : ''] = event.value === 'adjudicator';
    // (target key, field) → annotator → [value, order of their latest event]
    const latest: Record<string, Record<string, [string | null, number]>> = {};
    ordered.forEach(({ event }, order) => {
      if (event.field === 'role') return;
      const t = event.target;
      const key = `${event.field}|${t.kind === 'organization' ? organizationKey(t.name) : t.kind === 'paper' ? paperKey(t.id) : ''}`;
      (latest[key] ??= {})[event.annotator.trim()] = [Array.isArray(event.value) ? event.value.join('; ') : event.value, order];
    });
    const effective: Record<string, [string, string]> = {};
    const disagreements: string[] = [];
    for (const [key, byAnnotator] of Object.entries(latest)) {
      const current = Object.entries(byAnnotator).filter(([, [value]]) => value !== null);
      if (current.length === 0) continue;
      const newest = (xs: typeof current) => xs.reduce((a, b) => (b[1][1] > a[1][1] ? b : a));
      const adjudicated = current.filter(([name]) => isAdjudicator[name]);
      const [name, [value]] = newest(adjudicated.length > 0 ? adjudicated : current);
      effective[key] = [value!, name];
      // A disagreement lists every current value, newest first.
      if (new Set(current.map(([, [v]]) => v)).size > 1) disagreements.push(`${key} ${current.sort((a, b) => b[1][1] - a[1][1]).map(([n, [v]]) => `${n}=${v}`).join(' ')}`);
    }
    return { effective, disagreements: disagreements.sort() };
  }

  /** A random log over a few targets written several ways, with ties in ts and a file order that is not time order. */
  function randomLog(seed: number, roles: boolean): LabelEvent[] {
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor(seed / 65536) % n; // the high bits: an LCG's low bits cycle
    };
    const names = ['MIT', 'mit ', 'Stanford University', 'STANFORD  university', 'Université de Montréal', 'Universite\u0301 de Montre\u0301al', 'DeepMind', 'Google'];
    const annotators = ['ada', 'bob', 'carol', ' ada'];
    const events: LabelEvent[] = [];
    for (let i = 0; i < 3000; i++) {
      const who = annotators[random(annotators.length)];
      const at = random(600);
      const pick = random(20);
      const change =
        roles && pick === 0
          ? role(['ada', 'bob'][random(2)], random(2) === 0 ? 'adjudicator' : null)
          : pick < 7
            ? sector(['P1', ' P1', 'P2', 'p2'][random(4)], random(5) === 0 ? null : ['Academia', 'Industry', 'Collaboration', 'Other'][random(4)])
            : org(names[random(names.length)], random(6) === 0 ? null : (['Academia', 'Industry', 'Government', 'Research collective', 'Non-profit'] as const)[random(5)]);
      events.push(ev(who, change, at, `r${i}`));
    }
    // Logs that end with one adjudicator, and with two (so that the latest of them must win).
    if (roles && seed >= 2) events.push(ev('carol', role('ada', 'adjudicator'), 700));
    if (roles && seed === 3) events.push(ev('carol', role('bob', 'adjudicator'), 700));
    return events;
  }

  for (const roles of [false, true])
    it(`gives the same effective values, annotators and disagreements as the literal rule on random logs of 3,000 events${roles ? ' with adjudicators' : ''}`, function () {
      for (const seed of [1, 2, 3]) {
        const events = randomLog(seed, roles);
        const state = fold(events);
        const expected = referenceFold(events);
        const actual: Record<string, [string, string]> = {};
        for (const f of state.fields) if (f.effective) actual[`${f.field}|${f.key}`] = [f.effective.value, f.effective.annotator];
        assert.deepEqual(actual, expected.effective);
        const disagreements = state.disagreements.map((d) => `${d.field}|${d.key} ${d.values.map((v) => `${v.annotator}=${v.value}`).join(' ')}`).sort();
        assert.deepEqual(disagreements, expected.disagreements);
        assert.deepEqual(state.annotators, ['ada', 'bob', 'carol']);
        assert.ok(Object.keys(expected.effective).length >= 8, 'the log exercises several targets');
        assert.ok(expected.disagreements.length >= 4, 'and several disagreements');
        if (roles) assert.ok(state.adjudicators.size >= seed - 1, 'and adjudicators (two in the last log)');
      }
    });
});

describe('labels: makeEvent and undo', function () {
  it('makes v1 events with a UUID and an ISO UTC timestamp with milliseconds', function () {
    const e = makeEvent('ada', { target: { kind: 'organization', name: 'MIT' }, field: 'category', value: 'Academia', reason: 'a university' }, { now: new Date(Date.UTC(2026, 10, 29, 14, 3, 5, 7)) });
    assert.equal(e.v, 1);
    assert.match(e.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(e.ts, '2026-11-29T14:03:05.007Z');
    assert.equal(e.reason, 'a university');
    assert.notEqual(makeEvent('ada', org('MIT', 'Academia')).id, makeEvent('ada', org('MIT', 'Academia')).id);
  });

  it('refuses an event the contract does not allow', function () {
    assert.throws(() => makeEvent(' ', org('MIT', 'Academia')), /annotator/);
    assert.throws(() => makeEvent('ada', org('MIT', 'Academic')), /not one of/);
    assert.throws(() => makeEvent('ada', sector('P', 'Unknown')), /team sector/);
  });

  it('undo appends: a retraction after a first label, the earlier value after a change', function () {
    const first = ev('ada', org('MIT', 'Industry'), 1);
    const second = ev('ada', org('MIT', 'Academia'), 2);
    const other = ev('bob', org('MIT', 'Government'), 3);
    const log = parse([first, second, other]);
    const undoSecond = makeUndo(log, second);
    assert.equal(undoSecond.value, 'Industry');
    assert.equal(undoSecond.annotator, 'ada');
    assert.equal(undoSecond.reason, `undo ${second.id}`);
    const undoFirst = makeUndo(log, first);
    assert.equal(undoFirst.value, null);
    const after = foldLabels(parseLabelLog(logText([first, second, other, makeUndo(log, second, new Date(Date.UTC(2026, 10, 29, 15)))]), 'l').events);
    assert.equal(after.fields[0].byAnnotator.get('ada')?.value, 'Industry');
    assert.throws(() => makeUndo(log, ev('ada', org('X', 'Academia'), 9)), /not in the label log/);
  });
});
