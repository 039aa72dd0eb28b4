/**
 * Agreement between annotators: Cohen's kappa and Krippendorff's alpha (nominal) against worked
 * examples from the literature and against an independent oracle (test/tools/agreement_oracle.py,
 * which enumerates value pairs instead of using the closed form), then on the label state.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { agreementOf, cohensKappa, krippendorffAlphaNominal, organizationRatings, teamSectorRatings } from '../../src/core/labels/agreement';
import { foldLabels } from '../../src/core/labels/fold';
import { parseLabelLog } from '../../src/core/labels/parseLog';
import { loadDataset } from '../../src/core/dataset/loadDataset';
import { ev, logText, org, role, sector } from './fixtures/labels/helpers';

const close = (actual: number | undefined, expected: number, digits = 3): void => {
  assert.ok(actual !== undefined, 'undefined');
  assert.equal(Number(actual.toFixed(digits)), expected, `${actual} ≠ ${expected}`);
};
const repeat = (n: number, pair: [string, string]): [string, string][] => Array.from({ length: n }, () => pair);
const values = (s: string): (string | undefined)[] => s.split(' ').map((x) => (x === '.' ? undefined : x));

describe('labels: Cohen\'s kappa', function () {
  it('Wikipedia "Cohen\'s kappa", simple example: 50 items, 20/5/10/15 → p_o 0.7, p_e 0.5, κ = 0.4', function () {
    const r = cohensKappa([...repeat(20, ['yes', 'yes']), ...repeat(5, ['yes', 'no']), ...repeat(10, ['no', 'yes']), ...repeat(15, ['no', 'no'])]);
    assert.equal(r.n, 50);
    close(r.observed, 0.7);
    close(r.expected, 0.5);
    close(r.kappa, 0.4);
  });

  it('Wikipedia, "same percentages but different numbers": 45/15/25/15 → κ = 0.1304; 25/35/5/35 → κ = 0.2593', function () {
    close(cohensKappa([...repeat(45, ['y', 'y']), ...repeat(15, ['y', 'n']), ...repeat(25, ['n', 'y']), ...repeat(15, ['n', 'n'])]).kappa, 0.1304, 4);
    close(cohensKappa([...repeat(25, ['y', 'y']), ...repeat(35, ['y', 'n']), ...repeat(5, ['n', 'y']), ...repeat(35, ['n', 'n'])]).kappa, 0.2593, 4);
  });

  it('perfect agreement is 1; no items or a single shared value is undefined (0/0)', function () {
    close(cohensKappa([['a', 'a'], ['b', 'b'], ['c', 'c']]).kappa, 1);
    assert.equal(cohensKappa([]).kappa, undefined);
    assert.equal(cohensKappa([['a', 'a'], ['a', 'a']]).kappa, undefined);
  });
});

describe('labels: Krippendorff\'s alpha (nominal)', function () {
  it('Krippendorff (2011), nominal data, 4 observers, 12 units, missing values: α = 0.743', function () {
    const A = values('1 2 3 3 2 1 4 1 2 . . .');
    const B = values('1 2 3 3 2 2 4 1 2 5 . 3');
    const C = values('. 3 3 3 2 3 4 2 2 5 1 .');
    const D = values('1 2 3 3 2 4 4 1 2 5 1 .');
    const r = krippendorffAlphaNominal(A.map((_, i) => [A[i], B[i], C[i], D[i]]));
    assert.equal(r.n, 40);
    assert.equal(r.units, 11, 'unit 12 has one value and is not pairable');
    close(r.alpha, 0.743);
  });

  it('Krippendorff (2011), nominal data, two observers, no missing values: α = 0.692', function () {
    const A = 'a a b b d c c c e d d a'.split(' ');
    const B = 'b a b b b c c c e d d d'.split(' ');
    close(krippendorffAlphaNominal(A.map((a, i) => [a, B[i]])).alpha, 0.692);
  });

  it('Krippendorff (2011), binary data, two observers: α = 0.095', function () {
    const A = '0 1 0 0 0 0 0 0 1 0'.split(' ');
    const B = '1 1 1 0 0 1 0 0 0 0'.split(' ');
    close(krippendorffAlphaNominal(A.map((a, i) => [a, B[i]])).alpha, 0.095);
  });

  it('is undefined without variation or pairable values, and 1 for perfect agreement', function () {
    assert.equal(krippendorffAlphaNominal([['a', 'a'], ['a', 'a']]).alpha, undefined);
    assert.equal(krippendorffAlphaNominal([['a', undefined], [null, 'b']]).alpha, undefined);
    close(krippendorffAlphaNominal([['a', 'a', undefined], ['b', 'b', 'b']]).alpha, 1);
  });
});

describe('labels: agreement against the independent oracle (test/tools/agreement_oracle.py)', function () {
  const oracle = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'labels', 'agreementOracle.json'), 'utf8')) as {
    cases: { units: (string | null)[][]; kappa01: number | null; alpha: number | null }[];
  };
  it(`matches kappa and alpha on ${oracle.cases.length} seeded random rating tables`, function () {
    assert.ok(oracle.cases.length >= 40);
    for (const [i, c] of oracle.cases.entries()) {
      const alpha = krippendorffAlphaNominal(c.units).alpha;
      const pairs = c.units.filter((u) => u[0] !== null && u[1] !== null).map((u) => [u[0]!, u[1]!] as [string, string]);
      const kappa = cohensKappa(pairs).kappa;
      if (c.alpha === null) assert.equal(alpha, undefined, `case ${i}`);
      else assert.ok(Math.abs(alpha! - c.alpha) < 1e-9, `case ${i}: alpha ${alpha} vs ${c.alpha}`);
      if (c.kappa01 === null) assert.equal(kappa, undefined, `case ${i}`);
      else assert.ok(Math.abs(kappa! - c.kappa01) < 1e-9, `case ${i}: kappa ${kappa} vs ${c.kappa01}`);
    }
  });
});

describe('labels: agreement on the label state', function () {
  const events = [
    ev('ada', org('MIT', 'Academia'), 1),
    ev('bob', org('MIT', 'Academia'), 2),
    ev('ada', org('Google', 'Industry'), 3),
    ev('bob', org('Google', 'Industry'), 4),
    ev('ada', org('Allen Institute for AI', 'Non-profit'), 5),
    ev('bob', org('Allen Institute for AI', 'Research collective'), 6),
    ev('ada', org('Alan Turing Institute', 'Academia'), 7),
    ev('bob', org('Alan Turing Institute', 'Government'), 8),
    ev('carol', org('Alan Turing Institute', 'Government'), 9),
    ev('ada', org('Oxford University', 'Industry'), 10),
    ev('ada', org('Oxford University', null), 11),
    ev('x', role('carol', 'adjudicator'), 12),
    ev('ada', sector('P2', 'Other', 'government-funded institute'), 13),
  ];
  const state = foldLabels(parseLabelLog(logText(events), 'l').events);

  it('rates organizations by each annotator\'s own current label (retractions removed)', function () {
    const ratings = organizationRatings(state);
    assert.equal(ratings.has('oxford university'), false);
    const report = agreementOf(ratings, ['ada', 'bob']);
    assert.equal(report.items, 4);
    const kappa = report.pairwise[0].kappa;
    assert.equal(kappa.n, 4);
    close(kappa.observed, 0.5);
    // Marginals: ada A2 I1 N1, bob A1 I1 R1 G1 → p_e = (2·1 + 1·1)/16 = 0.1875.
    close(kappa.expected, 0.1875, 4);
    close(kappa.kappa, 0.384615, 6);
    const all = agreementOf(ratings);
    assert.deepEqual(all.annotators, ['ada', 'bob', 'carol']);
    assert.equal(all.pairwise.length, 3);
    assert.equal(all.alpha.units, 4);
    // The disagreements are listed, and the adjudicator's label wins.
    const turing = state.disagreements.find((d) => d.key === 'alan turing institute')!;
    assert.equal(turing.effective.annotator, 'carol');
    assert.equal(turing.adjudicated, true);
  });

  it('rates team sectors by each annotator\'s teamSector label, else by their labels of every organization of the row', function () {
    const ds = loadDataset(Buffer.from('Model,Organization,Organization categorization\nP1,"MIT,Google","Academia,Industry"\nP2,Alan Turing Institute,Government\nP3,"MIT,Nowhere",\n'), 't.csv');
    const ratings = teamSectorRatings(ds, state);
    assert.deepEqual(Object.fromEntries(ratings.get('P1')!), { ada: 'Collaboration', bob: 'Collaboration' });
    assert.deepEqual(Object.fromEntries(ratings.get('P2')!), { ada: 'Other', bob: 'Other', carol: 'Other' });
    assert.equal(ratings.has('P3'), false);
    const report = agreementOf(ratings);
    close(report.alpha.alpha, 1);
    assert.equal(report.alpha.units, 2);
  });
});
