/**
 * Issue #10, "Details and hovers agree with the labels", on real Epoch rows: each organization shows
 * its own effective label, marked "not applied" where the row's sector cannot use it yet (labels.md
 * rules 1–3), and a 2022–23 table's one team label (ELMo in the 2023-12 full view: "University of
 * Washington, Allen Institute for AI" with the single category "Industry") is the team's, not each
 * organization's; disputes and the decision reach the details model.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyLabels } from '../../src/core/labels/applyLabels';
import type { LabelChange, LabelEvent } from '../../src/core/labels/event';
import { foldLabels, type LabelState } from '../../src/core/labels/fold';
import { NOT_APPLIED_REASON, paperOrganizationsView } from '../../src/core/labels/paperOrganizations';
import { parseLabelLog } from '../../src/core/labels/parseLog';
import { loadDataset } from '../../src/core/dataset/loadDataset';
import type { Dataset } from '../../src/core/dataset/model';
import { paperDetails } from '../../src/host/paperDetailsModel';
import { describeWithCorpus } from '../support/corpus';
import { ev, logText, org, TEST_DATA } from './fixtures/labels/helpers';

const stateOf = (events: LabelEvent[]): LabelState => foldLabels(parseLabelLog(logText(events), 'l').events);
const decision = (id: string, value: string): LabelChange => ({ target: { kind: 'paper', id }, field: 'decision', value }) as LabelChange;
const load = (file: string): Dataset => loadDataset(fs.readFileSync(path.join(TEST_DATA, 'epoch', file)), file);
const UW = 'University of Washington';
const AI2 = 'Allen Institute for AI';

describeWithCorpus('labels: details and hovers agree with the labels (real rows)', function () {
  this.timeout(30_000);
  let teamTable: Dataset;
  let listTable: Dataset;
  before(function () {
    teamTable = load('all_ml_systems_full_view_2023-12-14.csv');
    listTable = load('notable_ai_models_2026-07.csv');
  });

  it('ELMo (2023-12, one team label "Industry"): the label is the team\'s, no organization gets it as its own', function () {
    const elmo = teamTable.papers.find((p) => p.id === 'ELMo')!;
    assert.deepEqual([teamTable.listStyle, elmo.organizations, elmo.categories], [false, [UW, AI2], ['Industry']], 'the row as the table has it');
    const view = paperOrganizationsView(elmo, teamTable.listStyle);
    assert.equal(view.teamLabel, 'Industry');
    assert.deepEqual(view.organizations.map((o) => [o.name, o.category, o.source]), [[UW, undefined, 'none'], [AI2, undefined, 'none']]);
    const details = paperDetails(elmo, teamTable);
    assert.equal(details.teamLabel, 'Industry');
    assert.deepEqual(details.organizations.map((o) => o.category), ['no own category (see team label)', 'no own category (see team label)']);
    assert.equal(details.teamSector, 'Industry');
  });

  it('one organization of ELMo labelled: its own label shown, marked not applied; the team label and sector stay', function () {
    const state = stateOf([ev('ada', org(UW, 'Academia'), 0)]);
    const elmo = applyLabels(teamTable, state).papers.find((p) => p.id === 'ELMo')!;
    assert.equal(elmo.teamSector, 'Industry', 'rule 3: a 2022–23 row with one organization unlabelled keeps its categories');
    const details = paperDetails(elmo, teamTable, state);
    assert.equal(details.teamLabel, 'Industry');
    assert.deepEqual(details.organizations, [
      { name: UW, category: 'Academia', source: 'label', notApplied: NOT_APPLIED_REASON },
      { name: AI2, category: 'no own category (see team label)', source: 'none' },
    ]);
    assert.equal(NOT_APPLIED_REASON, 'not applied: other organizations of this row are unlabelled');
  });

  it('both organizations of ELMo labelled: rule 1 applies, no team label, nothing marked', function () {
    const state = stateOf([ev('ada', org(UW, 'Academia'), 0), ev('ada', org(AI2, 'Research collective'), 1)]);
    const elmo = applyLabels(teamTable, state).papers.find((p) => p.id === 'ELMo')!;
    assert.deepEqual(elmo.categories, ['Academia', 'Research collective']);
    const details = paperDetails(elmo, teamTable, state);
    assert.equal(details.teamLabel, undefined);
    assert.deepEqual(details.organizations, [
      { name: UW, category: 'Academia', source: 'label' },
      { name: AI2, category: 'Research collective', source: 'label' },
    ]);
  });

  it('an aligned list-style row (ELMo, 2026-07): a label on one organization applies (rule 2); the other keeps the table\'s', function () {
    const state = stateOf([ev('ada', org(UW, 'Industry'), 0)]);
    const elmo = applyLabels(listTable, state).papers.find((p) => p.id === 'ELMo')!;
    assert.deepEqual(elmo.categories, ['Industry', 'Research collective']);
    assert.deepEqual(paperDetails(elmo, listTable, state).organizations, [
      { name: UW, category: 'Industry', source: 'label' },
      { name: AI2, category: 'Research collective', source: 'table' },
    ]);
  });

  it('a length mismatch (LUKE, 2026-07: two organizations, one category): the label is shown, not applied', function () {
    const state = stateOf([ev('ada', org(UW, 'Academia'), 0)]);
    const luke = applyLabels(listTable, state).papers.find((p) => p.id === 'LUKE')!;
    assert.deepEqual([luke.organizations, luke.categories, luke.lengthMismatch], [[UW, 'National Institute of Informatics'], ['Academia'], true]);
    assert.deepEqual(paperDetails(luke, listTable, state).organizations, [
      { name: UW, category: 'Academia', source: 'label', notApplied: NOT_APPLIED_REASON },
      { name: 'National Institute of Informatics', category: 'alignment unknown', source: 'none' },
    ]);
  });

  it('disputes and the decision reach the details: competing values and annotators, the latest in force', function () {
    const state = stateOf([ev('ada', org(UW, 'Academia'), 0), ev('bob', org(UW, 'Industry'), 1), ev('ada', decision('ELMo', 'include'), 2), ev('bob', decision('ELMo', 'exclude'), 3)]);
    const elmo = applyLabels(listTable, state).papers.find((p) => p.id === 'ELMo')!;
    const details = paperDetails(elmo, listTable, state);
    assert.equal(details.decision, 'exclude');
    assert.deepEqual(details.disputes, [{ field: 'decision', values: 'exclude (bob), include (ada)' }]);
    assert.deepEqual(details.organizations[0], { name: UW, category: 'Industry', source: 'label', disputed: 'Industry (bob), Academia (ada)' });
  });
});
