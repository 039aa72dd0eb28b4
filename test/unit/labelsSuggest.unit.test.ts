/**
 * Suggestions for an organization's category: the user's earlier labels, other annotators',
 * other rows of the table, other spellings, name patterns — each with its reason, best first. The
 * name patterns are held to Epoch AI's own per-organization categories in the real tables.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { foldLabels } from '../../src/core/labels/fold';
import { matchNamePatterns } from '../../src/core/labels/namePatterns';
import { organizationsIndex } from '../../src/core/labels/organizations';
import { parseLabelLog } from '../../src/core/labels/parseLog';
import { looseOrganizationKey, suggestCategories } from '../../src/core/labels/suggest';
import { loadDataset } from '../../src/core/dataset/loadDataset';
import type { Dataset } from '../../src/core/dataset/model';
import type { LabelEvent } from '../../src/core/labels/event';
import { itWithCorpus } from '../support/corpus';
import { ev, logText, org, role, TEST_DATA } from './fixtures/labels/helpers';

const csv = (text: string): Dataset => loadDataset(Buffer.from(text, 'utf8'), 't.csv');
const EMPTY = csv('Model,Organization,Organization categorization\nX,Nobody,\n');
const context = (ds: Dataset, events: LabelEvent[] = [], annotator?: string) => {
  const state = foldLabels(parseLabelLog(logText(events), 'l').events);
  return { state, index: organizationsIndex(ds, state), ...(annotator ? { annotator } : {}) };
};
const top = (name: string, ds: Dataset = EMPTY, events: LabelEvent[] = [], annotator?: string) => suggestCategories(name, context(ds, events, annotator))[0];

describe('labels: suggestions from name patterns', function () {
  const cases: [string, string][] = [
    ['Stanford University', 'Academia'],
    ['Université de Montréal', 'Academia'],
    ['Technische Universität München', 'Academia'],
    ['Universidad de Chile', 'Academia'],
    ['Università di Bologna', 'Academia'],
    ['Imperial College London', 'Academia'],
    ['Georgia Institute of Technology', 'Academia'],
    ['Harvard Medical School', 'Academia'],
    ['École Polytechnique', 'Academia'],
    ['Chinese Academy of Sciences', 'Academia'],
    ['Acme Inc.', 'Industry'],
    ['Acme Inc', 'Industry'],
    ['Widget Ltd', 'Industry'],
    ['Foo LLC', 'Industry'],
    ['Bar GmbH', 'Industry'],
    ['Baz Corp.', 'Industry'],
    ['Qux Corporation', 'Industry'],
    ['Quux AG', 'Industry'],
    ['Telefónica S.A.', 'Industry'],
    ['Arm Holdings PLC', 'Industry'],
    ['Samsung Electronics Co., Ltd.', 'Industry'],
    ['Google DeepMind', 'Industry'],
    ['Microsoft Research Asia', 'Industry'],
    ['Ministry of Education of China', 'Government'],
    ['UK Government', 'Government'],
    ['Argonne National Laboratory', 'Government'],
    ['DSO National Laboratories', 'Government'],
    ['Defense Advanced Research Projects Agency', 'Government'],
    ['Saudi Data and Artificial Intelligence Authority', 'Government'],
    ['Department of Energy', 'Government'],
    ['EleutherAI', 'Research collective'],
    ['RWKV Foundation', 'Research collective'],
  ];
  for (const [name, category] of cases)
    it(`${name} → ${category}`, function () {
      const s = top(name);
      assert.ok(s, 'no suggestion');
      assert.equal(s.category, category, JSON.stringify(s));
      assert.match(s.reason, /^name pattern: /);
      assert.deepEqual(
        s.evidence.map((e) => e.source),
        s.evidence.map(() => 'name-pattern'),
      );
    });

  it('"Labs" is a weak hint (AI21 Labs, Intel Labs are companies; Shanghai AI Lab is academic); a university\'s department is not government', function () {
    assert.equal(top('AI21 Labs').category, 'Industry');
    assert.ok(top('Black Forest Labs').confidence <= 0.85);
    assert.ok(top('Pika Labs').confidence < 0.6);
    assert.equal(top('Department of Computer Science, University of Toronto').category, 'Academia');
    assert.equal(matchNamePatterns('Department of Computer Science, University of Toronto').some((p) => p.category === 'Government'), false);
    assert.equal(top('Toyota Technological Institute at Chicago').category, 'Academia');
  });

  it('foundations get low-confidence Research collective and Non-profit suggestions; no evidence, no suggestion', function () {
    const s = suggestCategories('Zeta Foundation', context(EMPTY));
    assert.deepEqual(
      s.map((x) => x.category),
      ['Research collective', 'Non-profit'],
    );
    assert.ok(s.every((x) => x.confidence < 0.5));
    assert.deepEqual(suggestCategories('Qwerty', context(EMPTY)), []);
  });

  itWithCorpus('agrees with Epoch\'s own categories for most organizations in the real tables (≥ 95 %, ≥ 98 % when confident)', function () {
    for (const file of ['notable_ai_models_2026-07.csv', 'all_ai_models_2025-03.csv', 'pcd_notable_ml_systems_2022-09.csv']) {
      const ds = loadDataset(fs.readFileSync(path.join(TEST_DATA, 'epoch', file)), file);
      const index = organizationsIndex(ds, foldLabels([]));
      let fired = 0;
      let right = 0;
      let confident = 0;
      let confidentRight = 0;
      for (const entry of index.values()) {
        if (entry.status !== 'from-data') continue;
        const best = [...matchNamePatterns(entry.name)].sort((a, b) => b.confidence - a.confidence)[0];
        if (!best) continue;
        fired++;
        if (best.category === entry.category) right++;
        if (best.confidence >= 0.8) {
          confident++;
          if (best.category === entry.category) confidentRight++;
        }
      }
      assert.ok(fired >= 150, `${file}: patterns fired for ${fired} organizations only`);
      assert.ok(right / fired >= 0.95, `${file}: ${right}/${fired}`);
      assert.ok(confidentRight / confident >= 0.98, `${file}: ${confidentRight}/${confident} at confidence ≥ 0.8`);
    }
  }, ['epoch/']);
});

describe('labels: suggestions from labels and from the table', function () {
  const TABLE = csv(`Model,Organization,Organization categorization
A1,"Vector Institute,Omega AI","Academia,Industry"
A2,"Vector Institute,Omega AI","Academia,Academia"
A3,Vector Institute,Academia
A4,"Massachusetts Institute of Technology (MIT),Omega AI","Academia,Industry"
`);

  it('the user\'s own earlier label comes first, with who and when', function () {
    const s = suggestCategories('Omega AI', context(TABLE, [ev('ada', org('omega ai', 'Industry'), 1), ev('bob', org('Omega AI', 'Academia'), 2)], 'ada'));
    assert.equal(s[0].category, 'Industry');
    assert.equal(s[0].evidence[0].source, 'your-label');
    assert.match(s[0].reason, /^you labelled it Industry \(2026-11-29\); 2 rows of the table give Industry \(67 % of its rows\)/);
    assert.equal(s[1].category, 'Academia');
    assert.match(s[1].reason, /^bob labelled it Academia/);
  });

  it('an adjudicator\'s label counts more than another annotator\'s', function () {
    const s = suggestCategories('Nowhere AI', context(TABLE, [ev('bob', org('Nowhere AI', 'Academia'), 1), ev('carol', org('Nowhere AI', 'Industry'), 2), ev('x', role('carol', 'adjudicator'), 3)], 'ada'));
    assert.equal(s[0].category, 'Industry');
    assert.match(s[0].reason, /carol \(adjudicator\) labelled it Industry/);
  });

  it('other rows of the table: agreeing rows raise the confidence; conflicting rows split it', function () {
    const vector = suggestCategories('Vector Institute', context(TABLE));
    assert.equal(vector[0].category, 'Academia');
    assert.equal(vector[0].evidence[0].source, 'table');
    assert.match(vector[0].reason, /^3 rows of the table give Academia/);
    assert.ok(vector[0].confidence > 0.85);
    const omega = suggestCategories('Omega AI', context(TABLE));
    assert.deepEqual(
      omega.map((x) => x.category),
      ['Industry', 'Academia'],
    );
    assert.ok(omega[0].confidence < 0.7);
  });

  it('another spelling of the same organization (accents, a trailing acronym) is evidence too', function () {
    assert.equal(looseOrganizationKey('Université de Montréal'), looseOrganizationKey('Universite de Montreal'));
    assert.equal(looseOrganizationKey('Massachusetts Institute of Technology (MIT)'), looseOrganizationKey('Massachusetts Institute of Technology'));
    const mit = suggestCategories('Massachusetts Institute of Technology', context(TABLE));
    assert.equal(mit[0].category, 'Academia');
    assert.ok(mit[0].evidence.some((e) => e.source === 'similar-name' && /"Massachusetts Institute of Technology \(MIT\)" Academia/.test(e.reason)));
    const labelled = suggestCategories('Universite de Montreal', context(TABLE, [ev('ada', org('Université de Montréal', 'Academia'), 1)], 'ada'));
    assert.equal(labelled[0].evidence[0].source, 'your-label');
    assert.match(labelled[0].evidence[0].reason, /you labelled "Université de Montréal" Academia/);
  });
});
