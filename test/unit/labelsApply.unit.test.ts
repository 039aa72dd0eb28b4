/**
 * Labels applied to a dataset: rules 1–3 of labels.md ("Folding the log into labels"), the paper
 * teamSector override, labels for organizations or papers the table lacks, organization statuses
 * (sector-and-dataset.md "Organization ↔ category alignment") and the needs-attention list. Also
 * the field case br-01 (../shared/data/field-cases): the three labels of br-01c apply to br-01a and
 * br-01b alike.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyLabels, formatProvenance, type LabelledDataset, type LabelledPaper } from '../../src/core/labels/applyLabels';
import { foldLabels, type LabelState } from '../../src/core/labels/fold';
import { needsAttention, organizationsIndex } from '../../src/core/labels/organizations';
import { parseLabelLog } from '../../src/core/labels/parseLog';
import { loadDataset } from '../../src/core/dataset/loadDataset';
import type { Dataset } from '../../src/core/dataset/model';
import { describeWithCorpus } from '../support/corpus';
import { ev, logText, org, sector, TEST_DATA } from './fixtures/labels/helpers';
import type { LabelEvent } from '../../src/core/labels/event';

const csv = (text: string): Dataset => loadDataset(Buffer.from(text, 'utf8'), 't.csv');
const stateOf = (events: LabelEvent[]): LabelState => foldLabels(parseLabelLog(logText(events), 'l').events);
const paper = (ds: LabelledDataset, id: string): LabelledPaper => {
  const p = ds.papers.find((x) => x.id === id);
  assert.ok(p, `no paper ${id}`);
  return p;
};

// A list-style table (2024+): P1 aligned, P2 a length mismatch, P3 aligned collaboration, P4 no organizations.
const LIST = `Model,Organization,Publication date,Organization categorization
P1,"Stanford University,Acme Inc.",2024-01-01,"Academia,Industry"
P2,"Beta Labs,Gamma University",2024-02-01,Industry
P3,"MIT,Google,Oxford University",2024-03-01,"Academia,Industry,Academia"
P4,,2024-04-01,
P5,"MIT,Zeta",2024-05-01,"Academia,Indsutry"
`;
// A 2022–2023 table: one team label per row.
const PCD = `System,Organization(s),Organization Categorization,Publication date
Q1,"Alpha Corp,Beta University",Industry - Academia Collaboration (Academia leaning),01/02/2021
Q2,"Alpha Corp,Delta Lab",Industry,01/03/2021
Q3,"Epsilon Institute,Zeta Foundation",Research Collective,01/04/2021
`;

describe('labels: applyLabels', function () {
  it('rule 1: every organization labelled → the row\'s categories become the labels (repairs a length mismatch)', function () {
    const ds = csv(LIST);
    assert.equal(ds.papers[1].lengthMismatch, true);
    const out = applyLabels(ds, stateOf([ev('ada', org('beta labs', 'Industry'), 1), ev('ada', org('Gamma  University', 'Academia'), 2)]));
    const p2 = paper(out, 'P2');
    assert.deepEqual(p2.categories, ['Industry', 'Academia']);
    assert.deepEqual(p2.organizationCategories, ['Industry', 'Academia']);
    assert.equal(p2.lengthMismatch, false);
    assert.equal(p2.teamSector, 'Collaboration');
    assert.equal(p2.leaning, 'balanced');
    assert.equal(p2.provenance.categories, 'labels');
    assert.deepEqual(
      p2.provenance.organizationLabels.map((l) => [l.organization, l.category, l.annotator]),
      [
        ['Beta Labs', 'Industry', 'ada'],
        ['Gamma University', 'Academia', 'ada'],
      ],
    );
    assert.match(formatProvenance(p2.provenance), /^categories from labels: Beta Labs=Industry by ada 2026-11-29T14:00:01\.000Z, Gamma University=Academia by ada/);
  });

  it('rule 2: in an aligned row each labelled organization\'s category is replaced', function () {
    const out = applyLabels(csv(LIST), stateOf([ev('ada', org('Acme Inc.', 'Academia'), 1), ev('ada', org('Google', 'Academia'), 2), ev('ada', org('Zeta', 'Industry'), 3)]));
    const p1 = paper(out, 'P1');
    assert.deepEqual(p1.categories, ['Academia', 'Academia']);
    assert.equal(p1.teamSector, 'Academia');
    assert.equal(p1.leaning, undefined);
    assert.equal(p1.provenance.categories, 'labels-partial');
    const p3 = paper(out, 'P3');
    assert.deepEqual(p3.categories, ['Academia', 'Academia', 'Academia']);
    assert.equal(p3.teamSector, 'Academia');
    // An unknown word in an aligned row is replaced by a label like any category.
    const p5 = paper(out, 'P5');
    assert.deepEqual(p5.categories, ['Academia', 'Industry']);
    assert.deepEqual(p5.organizationCategories, ['Academia', 'Industry']);
    assert.equal(p5.teamSector, 'Collaboration');
  });

  it('rule 3: a row that is neither fully labelled nor aligned keeps its categories', function () {
    const ds = csv(LIST);
    const out = applyLabels(ds, stateOf([ev('ada', org('Gamma University', 'Academia'), 1)]));
    const p2 = paper(out, 'P2');
    assert.deepEqual(p2.categories, ['Industry']);
    assert.equal(p2.lengthMismatch, true);
    assert.equal(p2.teamSector, 'Industry');
    assert.equal(p2.provenance.categories, 'table');
    assert.equal(formatProvenance(p2.provenance), 'table');
  });

  it('a row without organizations is never "fully labelled"', function () {
    const out = applyLabels(csv(LIST), stateOf([ev('ada', org('MIT', 'Industry'), 1)]));
    const p4 = paper(out, 'P4');
    assert.equal(p4.teamSector, 'Unknown');
    assert.equal(p4.provenance.categories, 'table');
  });

  it('rule 1 repairs 2022–2023 rows with one team label; partial labels there change nothing (no alignment)', function () {
    const ds = csv(PCD);
    assert.equal(ds.listStyle, false);
    const out = applyLabels(ds, stateOf([ev('ada', org('Alpha Corp', 'Industry'), 1), ev('ada', org('Beta University', 'Industry'), 2), ev('ada', org('Epsilon Institute', 'Academia'), 3)]));
    const q1 = paper(out, 'Q1');
    assert.equal(ds.papers[0].leaning, 'academia');
    assert.deepEqual(q1.categories, ['Industry', 'Industry']);
    assert.equal(q1.teamSector, 'Industry');
    assert.equal(q1.leaning, undefined);
    const q2 = paper(out, 'Q2');
    assert.deepEqual(q2.categories, ['Industry']);
    assert.equal(q2.provenance.categories, 'table');
    assert.equal(paper(out, 'Q3').teamSector, 'Other');
  });

  it('a paper teamSector label replaces the derived sector, with its reason in the provenance', function () {
    const out = applyLabels(csv(LIST), stateOf([ev('ada', sector('P1', 'Industry', 'Acme funded and ran it'), 1)]));
    const p1 = paper(out, 'P1');
    assert.deepEqual(p1.categories, ['Academia', 'Industry']);
    assert.equal(p1.teamSector, 'Industry');
    assert.equal(p1.leaning, undefined);
    assert.equal(p1.provenance.teamSector, 'label');
    assert.equal(p1.labels?.teamSector?.value, 'Industry');
    assert.equal(formatProvenance(p1.provenance), 'team sector Industry by ada 2026-11-29T14:00:01.000Z (Acme funded and ran it)');
  });

  it('labels for organizations and papers the table lacks are kept aside and change nothing', function () {
    const ds = csv(LIST);
    const out = applyLabels(ds, stateOf([ev('ada', org('Nowhere University', 'Academia'), 1), ev('ada', sector('P99', 'Other'), 2), ev('ada', org('MIT', 'Academia'), 3)]));
    assert.deepEqual(out.unmatchedOrganizations, [{ key: 'nowhere university', name: 'Nowhere University', category: 'Academia' }]);
    assert.deepEqual(
      out.unmatchedPapers.map((p) => [p.id, p.teamSector?.value]),
      [['P99', 'Other']],
    );
    assert.deepEqual(
      out.papers.map((p) => p.teamSector),
      ds.papers.map((p) => p.teamSector),
    );
  });

  it('never modifies the loaded dataset, and applying no labels changes no sector', function () {
    const ds = csv(LIST);
    const before = JSON.stringify(ds);
    const out = applyLabels(ds, stateOf([ev('ada', org('Beta Labs', 'Industry'), 1), ev('ada', org('Gamma University', 'Academia'), 2), ev('ada', sector('P1', 'Other'), 3)]));
    assert.equal(JSON.stringify(ds), before);
    assert.equal(out.original, ds);
    assert.notEqual(out.papers, ds.papers);
    const none = applyLabels(ds, foldLabels([]));
    assert.deepEqual(
      none.papers.map((p) => [p.id, p.teamSector, p.leaning, p.categories, p.lengthMismatch]),
      ds.papers.map((p) => [p.id, p.teamSector, p.leaning, p.categories, p.lengthMismatch]),
    );
  });

  it('a Team sector column override stays while labels leave the categories alone, and yields once they change them', function () {
    const ds = csv('Model,Organization,Organization categorization,Team sector\nR1,"A,B","Academia,Industry",Industry\n');
    assert.equal(ds.papers[0].teamSectorSource, 'team-sector-column');
    const same = applyLabels(ds, stateOf([ev('ada', org('A', 'Academia'), 1)]));
    assert.equal(paper(same, 'R1').teamSector, 'Industry');
    assert.equal(paper(same, 'R1').provenance.teamSector, 'team-sector-column');
    const changed = applyLabels(ds, stateOf([ev('ada', org('B', 'Academia'), 1)]));
    assert.equal(paper(changed, 'R1').teamSector, 'Academia');
    assert.equal(paper(changed, 'R1').provenance.teamSector, 'categories');
  });

  it('flags paper labels whose recorded row (date, organizations) differs from the row the id names now', function () {
    const e = ev('ada', { target: { kind: 'paper', id: 'P1', date: '2023-12-31', organizations: ['Stanford University', 'Acme Inc.'] }, field: 'decision', value: 'include' }, 1);
    const fine = ev('ada', { target: { kind: 'paper', id: 'P3', date: '2024-03-01', organizations: ['mit', 'Google', 'Oxford University'] }, field: 'decision', value: 'include' }, 2);
    const out = applyLabels(csv(LIST), stateOf([e, fine]));
    assert.deepEqual(out.staleLabels, [{ paperId: 'P1', recorded: { date: '2023-12-31', organizations: ['Stanford University', 'Acme Inc.'] }, row: { date: '2024-01-01', organizations: ['Stanford University', 'Acme Inc.'] }, eventId: e.id }]);
  });
});

describe('labels: organizationsIndex and needsAttention', function () {
  const TABLE = `Model,Organization,Organization categorization
A1,"Kappa University,Omega AI","Academia,Industry"
A2,"Omega AI,Sigma Lab","Academia,Industry"
A3,"Kappa University,Tau Corp",Academia
A4,Phi Institute,
`;
  it('gives every organization its data categories, label, status and papers', function () {
    const ds = csv(TABLE);
    const index = organizationsIndex(ds, stateOf([ev('ada', org('sigma lab', 'Industry'), 1), ev('ada', org('Elsewhere Ltd', 'Industry'), 2)]));
    const row = (k: string) => {
      const e = index.get(k)!;
      return [e.name, e.status, e.category, e.dataCategories.map((d) => `${d.category}:${d.rows}`).join(' '), e.paperIds.join(' '), e.inTable];
    };
    assert.deepEqual(row('kappa university'), ['Kappa University', 'from-data', 'Academia', 'Academia:1', 'A1 A3', true]);
    assert.deepEqual(row('omega ai'), ['Omega AI', 'conflicting', undefined, 'Academia:1 Industry:1', 'A1 A2', true]);
    assert.deepEqual(row('sigma lab'), ['Sigma Lab', 'labelled', 'Industry', 'Industry:1', 'A2', true]);
    assert.deepEqual(row('tau corp'), ['Tau Corp', 'unlabelled', undefined, '', 'A3', true]);
    assert.deepEqual(row('phi institute'), ['Phi Institute', 'unlabelled', undefined, '', 'A4', true]);
    assert.deepEqual(row('elsewhere ltd'), ['Elsewhere Ltd', 'labelled', 'Industry', '', '', false]);
  });

  it('lists papers with an Unknown sector, mismatched lists, or a conflicting or unlabelled organization', function () {
    const ds = csv(TABLE);
    const items = needsAttention(ds, foldLabels([]));
    assert.deepEqual(
      items.map((i) => [i.paperId, i.reasons.join(' '), i.organizations.join(' ')]),
      [
        ['A1', 'conflicting-organization', 'Omega AI'],
        ['A2', 'conflicting-organization', 'Omega AI'],
        ['A3', 'length-mismatch unlabelled-organization', 'Tau Corp'],
        ['A4', 'unknown-sector unlabelled-organization', 'Phi Institute'],
      ],
    );
    // Labels resolve them: Omega AI labelled, A3 fully labelled (repairs the mismatch), Phi labelled.
    const state = stateOf([ev('ada', org('Omega AI', 'Industry'), 1), ev('ada', org('Tau Corp', 'Industry'), 2), ev('ada', org('Kappa University', 'Academia'), 3), ev('ada', org('Phi Institute', 'Academia'), 4)]);
    assert.deepEqual(needsAttention(ds, state), []);
  });
});

describeWithCorpus('labels: field case br-01 (labels keep their targets across white-space-only renames)', function () {
  const FIELD = path.join(TEST_DATA, 'field-cases');
  const load = (f: string): Dataset => loadDataset(fs.readFileSync(path.join(FIELD, f)), f);
  let log: ReturnType<typeof parseLabelLog>;
  before(function () {
    log = parseLabelLog(fs.readFileSync(path.join(FIELD, 'br-01c-labels.jsonl'), 'utf8'), 'br-01c-labels.jsonl');
  });

  it('reads the three labels without a diagnostic', function () {
    assert.deepEqual(log.diagnostics, []);
    assert.equal(log.events.length, 3);
  });

  for (const file of ['br-01a-epoch-names-with-whitespace.csv', 'br-01b-epoch-names-cleaned.csv'])
    it(`applies all three labels to ${file}`, function () {
      const out = applyLabels(load(file), foldLabels(log.events));
      assert.deepEqual(out.unmatchedOrganizations, []);
      assert.deepEqual(out.unmatchedPapers, []);
      assert.equal(paper(out, 'Template Adaptation').labels?.decision?.value, 'include');
      const gpt = paper(out, 'GPT-3.5 (davinci-002)');
      assert.equal(gpt.teamSector, 'Industry');
      assert.equal(gpt.provenance.teamSector, 'label');
      assert.equal(gpt.provenance.teamSectorLabel?.reason, 'OpenAI only');
      const solar = paper(out, 'Solar Open 100B');
      assert.equal(solar.provenance.categories, 'labels');
      assert.deepEqual(solar.provenance.organizationLabels.map((l) => [l.organization, l.category]), [['Upstage', 'Industry']]);
      assert.equal(organizationsIndex(out, foldLabels(log.events)).get('upstage')?.status, 'labelled');
    });

  it('gives both files the same effective papers', function () {
    const state = foldLabels(log.events);
    const view = (f: string) => applyLabels(load(f), state).papers.map((p) => [p.id, p.name, p.teamSector, p.categories, formatProvenance(p.provenance), p.labels?.decision?.value]);
    assert.deepEqual(view('br-01a-epoch-names-with-whitespace.csv'), view('br-01b-epoch-names-cleaned.csv'));
  });
}, ['field-cases/']);
