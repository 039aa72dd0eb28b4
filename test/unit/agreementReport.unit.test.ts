/**
 * The agreement report (core agreementReport.ts): the numbers on a small hand-made log of two
 * annotators, worked out by hand and checked with the independent oracle
 * (test/tools/agreement_oracle.py's `kappa` and `alpha`, which build the contingency table and
 * the coincidence matrix cell by cell); the blind shares from the `"blind": true` key; open versus
 * adjudicated disagreements; and the Markdown export, which refers to no file the user lacks.
 */
import { strict as assert } from 'node:assert';
import { agreementMarkdown, agreementSummary, blindShares, blindVerdict } from '../../src/core/labels/agreementReport';
import type { LabelEvent } from '../../src/core/labels/event';
import { foldLabels } from '../../src/core/labels/fold';
import { parseLabelLog } from '../../src/core/labels/parseLog';
import { loadDataset } from '../../src/core/dataset/loadDataset';
import { ev, logText, org, role, sector } from './fixtures/labels/helpers';

/** The log's text with `"blind": true` after `reason` on the events whose index is in `blind`. */
function withBlind(events: readonly LabelEvent[], blind: ReadonlySet<number>): string {
  return logText(events)
    .split('\n')
    .map((line, i) => (blind.has(i) ? line.replace(/}$/, ',"blind":true}') : line))
    .join('\n');
}

// ada and bob label seven organizations; bob also overrides one paper's team sector.
const EVENTS = [
  ev('ada', org('MIT', 'Academia'), 1), // 0
  ev('bob', org('MIT', 'Academia'), 2), // 1
  ev('ada', org('Google', 'Industry'), 3), // 2
  ev('bob', org('Google', 'Industry'), 4), // 3
  ev('ada', org('Stanford University', 'Academia'), 5), // 4
  ev('bob', org('Stanford University', 'Industry'), 6), // 5
  ev('ada', org('Meta', 'Industry'), 7), // 6
  ev('bob', org('Meta', 'Industry'), 8), // 7
  ev('ada', org('NIST', 'Government'), 9), // 8
  ev('bob', org('NIST', 'Government'), 10), // 9
  ev('ada', org('Inria', 'Academia'), 11), // 10
  ev('bob', org('Inria', 'Academia'), 12), // 11
  ev('ada', org('ETH Zurich', 'Academia'), 13), // 12
  ev('bob', sector('R8', 'Academia', 'all authors at a university'), 14), // 13
];
// Rows R1–R8: each annotator's team sector follows from their own labels of every organization.
const TABLE = Buffer.from(
  'Model,Organization,Organization categorization\n' +
    'R1,MIT,\nR2,Google,\nR3,Stanford University,\nR4,"MIT,Google",\nR5,NIST,\nR6,ETH Zurich,\nR7,"Stanford University,Meta",\nR8,Unlabelled Lab,\n',
);

describe('agreement report: the numbers on a hand-made log', function () {
  const parsed = parseLabelLog(withBlind(EVENTS, new Set([0, 2, 4, 6, 8, 10, 12, 1, 3])), 'labels.jsonl');
  const state = foldLabels(parsed.events);
  const summary = agreementSummary(state, loadDataset(TABLE, 't.csv'), parsed.events);

  it('organization categories: 7 items; κ(ada, bob) = 17/23 = 0.739 over 6 shared; α = 0.756', function () {
    // Shared items: MIT A/A, Google I/I, Stanford A/I, Meta I/I, NIST G/G, Inria A/A (ETH: ada only).
    // p_o = 5/6; marginals ada A3 I2 G1, bob A2 I3 G1 → p_e = (6 + 6 + 1)/36 = 13/36;
    // κ = (30 − 13)/(36 − 13) = 17/23. α: n = 12 pairable values (A5 I5 G2), 10 agreeing,
    // D_o = 2/12, D_e = (144 − 54)/132 → α = 1 − 264/1080 = 0.7556. The oracle
    // (test/tools/agreement_report_expected.py) gives
    // kappa 0.7391304347826088 and alpha 0.7555555555555555 for the same table.
    const r = summary.organizations!;
    assert.equal(r.items, 7);
    assert.deepEqual(r.annotators, ['ada', 'bob']);
    assert.equal(r.pairwise.length, 1);
    assert.equal(r.pairwise[0].kappa.n, 6);
    assert.ok(Math.abs(r.pairwise[0].kappa.kappa! - 17 / 23) < 1e-12, String(r.pairwise[0].kappa.kappa));
    assert.ok(Math.abs(r.alpha.alpha! - 0.7555555555555555) < 1e-12, String(r.alpha.alpha));
    assert.equal(r.alpha.units, 6);
    assert.equal(r.alpha.n, 12);
  });

  it('team sectors: 8 papers; κ = 4/7 = 0.571 over 6 shared; α = 0.585', function () {
    // By the sector rules: R1 A/A, R2 I/I, R3 A/I, R4 C/C (MIT + Google), R5 O/O (Government),
    // R7 C/I (ada: Academia + Industry; bob: Industry + Industry); R6 ada only; R8 bob's override only.
    // p_o = 4/6; ada A2 I1 C2 O1, bob A1 I3 C1 O1 → p_e = 8/36; κ = (24 − 8)/(36 − 8) = 4/7.
    // Oracle: kappa 0.5714285714285714, alpha 0.5849056603773585.
    const r = summary.sectors!;
    assert.equal(r.items, 8);
    assert.equal(r.pairwise[0].kappa.n, 6);
    assert.ok(Math.abs(r.pairwise[0].kappa.kappa! - 4 / 7) < 1e-12, String(r.pairwise[0].kappa.kappa));
    assert.ok(Math.abs(r.alpha.alpha! - 0.5849056603773585) < 1e-12, String(r.alpha.alpha));
  });

  it('blind shares: ada 7 of 7 events blind, bob 2 of 7; the verdict says some were not', function () {
    assert.deepEqual(summary.blind, [
      { annotator: 'ada', events: 7, blind: 7 },
      { annotator: 'bob', events: 7, blind: 2 },
    ]);
    assert.equal(blindVerdict(summary.blind), '9 of 14 labels were made blind; the others were made with other annotators’ labels in view.');
  });

  it('the open disagreement is Stanford University (ada Academia, bob Industry); none is adjudicated', function () {
    assert.deepEqual(
      summary.open.map((d) => [d.display, d.field, d.values.map((v) => `${v.annotator}:${v.value}`).sort()]),
      [['Stanford University', 'category', ['ada:Academia', 'bob:Industry']]],
    );
    assert.deepEqual(summary.adjudicated, []);
  });

  it('exports Markdown with those numbers, the blind table and the disagreement, and no file reference', function () {
    const text = agreementMarkdown(summary);
    assert.ok(text.includes("Krippendorff's alpha (nominal): **0.756** over 6 items rated at least twice (12 pairable values)."), text);
    assert.ok(text.includes('| ada – bob | 6 | 0.833 | 0.739 |'), text);
    assert.ok(text.includes("Krippendorff's alpha (nominal): **0.585** over 6 items rated at least twice (12 pairable values)."), text);
    assert.ok(text.includes('| ada – bob | 6 | 0.667 | 0.571 |'), text);
    assert.ok(text.includes('7 items rated by 2 annotators (ada, bob).'));
    assert.ok(text.includes('| ada | 7 | 7 of 7 (100%) |') && text.includes('| bob | 7 | 2 of 7 (29%) |'), text);
    assert.ok(text.includes('## Open disagreements (1)'));
    assert.ok(text.includes('| organization | Stanford University | category | bob: Industry; ada: Academia | Industry (bob) |'), text);
    assert.ok(text.includes('## Adjudicated (0)'));
    assert.ok(!text.includes('../shared'), 'no path into the project’s shared folder');
    assert.ok(!/spec/i.test(text), 'no mention of a spec');
    assert.ok(!/\.md\b/.test(text), 'no reference to a Markdown file');
  });
});

describe('agreement report: adjudication, missing annotators, hostile names', function () {
  it('an adjudicator’s value moves the disagreement from open to adjudicated', function () {
    const events = [ev('ada', org('Cornell University', 'Academia'), 1), ev('bob', org('Cornell University', 'Industry'), 2)];
    const before = agreementSummary(foldLabels(parseLabelLog(logText(events), 'l').events), undefined, []);
    assert.equal(before.open.length, 1);
    const after = agreementSummary(foldLabels(parseLabelLog(logText([...events, ev('carol', role('carol', 'adjudicator'), 3), ev('carol', org('Cornell University', 'Academia', 'adjudication'), 4)]), 'l').events), undefined, []);
    assert.equal(after.open.length, 0);
    assert.deepEqual(after.adjudicated.map((d) => [d.display, d.effective.annotator, d.effective.value]), [['Cornell University', 'carol', 'Academia']]);
    // The adjudication is a decision, not a rating: kappa stays ada–bob only, on the one item.
    assert.deepEqual(after.annotators, ['ada', 'bob']);
    assert.deepEqual(after.adjudicators, ['carol']);
    assert.deepEqual(after.organizations!.pairwise.map((p) => [p.a, p.b, p.kappa.n]), [['ada', 'bob', 1]]);
    assert.equal(after.organizations!.alpha.n, 2);
    assert.equal(after.sectors, undefined, 'no dataset, no team sectors');
    assert.match(agreementMarkdown(after), /No dataset is loaded/);
  });

  it('with one annotator says what is missing and computes nothing', function () {
    const parsed = parseLabelLog(logText([ev('ada', org('MIT', 'Academia'), 1)]), 'l');
    const summary = agreementSummary(foldLabels(parsed.events), undefined, parsed.events);
    assert.equal(summary.missing, 'Only ada has labelled so far; agreement needs labels from two annotators (each sets computeDivide.annotator).');
    assert.equal(summary.organizations, undefined);
    assert.equal(blindVerdict(summary.blind), 'No label was made blind: annotators could see each other’s labels, which may inflate agreement.');
    assert.match(agreementMarkdown(summary), /^# Label agreement\n\nOnly ada has labelled so far/);
    assert.equal(agreementSummary(foldLabels([]), undefined, []).missing?.startsWith('No labels yet.'), true);
    // An adjudicator's decisions do not make a second annotator.
    const adjudicated = parseLabelLog(logText([ev('ada', org('MIT', 'Academia'), 1), ev('carol', role('carol', 'adjudicator'), 2), ev('carol', org('MIT', 'Industry', 'adjudication'), 3)]), 'l');
    assert.match(agreementSummary(foldLabels(adjudicated.events), undefined, adjudicated.events).missing ?? '', /^Only ada has labelled so far/);
  });

  it('counts only the boolean true as blind, and no role event', function () {
    const text = [
      '{"v":1,"id":"a","ts":"2026-11-29T14:00:01Z","annotator":"ada","target":{"kind":"organization","name":"MIT"},"field":"category","value":"Academia","blind":true}',
      '{"v":1,"id":"b","ts":"2026-11-29T14:00:02Z","annotator":"ada","target":{"kind":"organization","name":"Google"},"field":"category","value":"Industry","blind":"true"}',
      '{"v":1,"id":"c","ts":"2026-11-29T14:00:03Z","annotator":"ada","target":{"kind":"annotator","name":"ada"},"field":"role","value":"adjudicator","blind":true}',
    ].join('\n');
    const events = parseLabelLog(`${text}\n`, 'l').events;
    // Once checkEvent accepts only `true` for "blind", the string "true" makes event b invalid
    // (skipped); until then it is a label that was not made blind. Either way it is not blind.
    const labels = events.filter((e) => e.event.target.kind !== 'annotator').length;
    assert.ok(labels === 1 || labels === 2, String(labels));
    assert.deepEqual(blindShares(events), [{ annotator: 'ada', events: labels, blind: 1 }]);
  });

  it('escapes names from the log so they cannot make links or break the table', function () {
    const events = [ev('ada', org('[x](https://evil.example) | y', 'Academia'), 1), ev('bob', org('[x](https://evil.example) | y', 'Industry'), 2)];
    const text = agreementMarkdown(agreementSummary(foldLabels(parseLabelLog(logText(events), 'l').events), undefined, []));
    assert.ok(text.includes('\\[x\\]\\(https\\:\\/\\/evil\\.example\\) \\| y'), text);
    assert.ok(!text.includes('[x](https://evil.example)'));
  });
});
