import '../support/vscodeStub';
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { countNoun } from '../../src/core/text/format';
import { foldLabels } from '../../src/core/labels/fold';
import { loadDataset } from '../../src/core/dataset/loadDataset';
import type { Dataset } from '../../src/core/dataset/model';
import { distinctPaperName, duplicatedNames, paperTargetTitle } from '../../src/core/dataset/paperTitle';
import { toItem } from '../../src/host/commands/findPaper';
import { DatasetView, type DatasetService } from '../../src/host/datasetService';
import type { LabelService } from '../../src/host/labelService';
import { OrganizationsTreeProvider, type OrganizationNode } from '../../src/host/organizationsTreeProvider';
import { paperDetails } from '../../src/host/paperDetailsModel';
import { PapersTreeProvider } from '../../src/host/papersTreeProvider';
import { describeWithCorpus } from '../support/corpus';
import { TEST_DATA } from '../support/paths';

/**
 * What the trees, Find Paper and the details title show and announce (issue #10, Build 10): rows
 * that share a name look different, and every count reads "1 paper" / "4 organizations" after the
 * name of what is counted. Expected values are read off br-21-duplicate-names.csv by hand (line 1 is
 * the header: SigLIP rows on lines 2 and 3, FLAN on 4 and 5, AMPLIFY on 6 and 7).
 */
const BR21 = path.join(TEST_DATA, 'field-cases', 'br-21-duplicate-names.csv');

function services(dataset: Dataset): { dataset: DatasetService; labels: LabelService } {
  const view = new DatasetView(dataset);
  return {
    dataset: { view, onDidChange: () => ({ dispose: () => undefined }) } as unknown as DatasetService,
    labels: { state: foldLabels([]) } as unknown as LabelService,
  };
}

function accessible(item: vscode.TreeItem): string | undefined {
  return item.accessibilityInformation?.label;
}

describe('countNoun', () => {
  it('is singular for exactly one, plural otherwise, with en-US grouping', () => {
    assert.equal(countNoun(1, 'organization'), '1 organization');
    assert.equal(countNoun(0, 'paper'), '0 papers');
    assert.equal(countNoun(4, 'organization'), '4 organizations');
    assert.equal(countNoun(12345, 'paper'), '12,345 papers');
  });
});

describeWithCorpus('Duplicate names and count labels on the br-21 field case', () => {
  let dataset: Dataset;
  before(() => {
    dataset = loadDataset(readFileSync(BR21), 'br-21-duplicate-names.csv');
  });

  it('finds the three shared names, and names each row apart by id, line and date', () => {
    const duplicated = duplicatedNames(dataset.papers);
    assert.deepEqual([...duplicated].sort(), ['AMPLIFY', 'FLAN', 'SigLIP']);
    const byId = new Map(dataset.papers.map((p) => [p.id, p]));
    assert.equal(distinctPaperName(byId.get('SigLIP')!, duplicated), 'SigLIP — line 2, 2023-03-27');
    assert.equal(distinctPaperName(byId.get('SigLIP #2')!, duplicated), 'SigLIP #2 — line 3, 2023-03-27');
    assert.equal(distinctPaperName(byId.get('Sibling One')!, duplicated), 'Sibling One');
    assert.equal(paperTargetTitle(byId.get('Sibling One')!, duplicated), 'Sibling One (Placeholder University, 2018-06-01)');
    assert.equal(paperTargetTitle(byId.get('AMPLIFY #2')!, duplicated), 'AMPLIFY #2 — line 7, 2024-09-23 (Chandar Research Lab, Mila +3 more)');
  });

  it('Papers tree: the two SigLIP rows show their ids and lines; a unique name is unchanged', () => {
    const { dataset: service } = services(dataset);
    const tree = new PapersTreeProvider(service, 'topic-sector');
    const vision = tree.getChildren().find((n) => n.kind === 'group' && n.outer === 'Vision')!;
    const industry = tree.getChildren(vision).find((n) => n.kind === 'subgroup' && n.inner === 'Industry')!;
    const items = tree.getChildren(industry).map((n) => tree.getTreeItem(n));
    const rows = items.map((i) => [i.label, i.description]);
    assert.deepEqual(rows.map((r) => r[0]).sort(), ['Multi Domain Model', 'SigLIP', 'SigLIP #2']);
    assert.equal(rows.find((r) => r[0] === 'SigLIP')![1], 'line 2 · 2023-03-27 · 2e22 FLOP');
    assert.equal(rows.find((r) => r[0] === 'SigLIP #2')![1], 'line 3 · 2023-03-27 · 2e22 FLOP');
    assert.equal(rows.find((r) => r[0] === 'Multi Domain Model')![1], '2022-02-02 · 8e23 FLOP');
  });

  it('Papers tree: group rows announce their name with "1 paper" or "N papers"', () => {
    const { dataset: service } = services(dataset);
    const tree = new PapersTreeProvider(service, 'topic-sector');
    const robotics = tree.getChildren().find((n) => n.kind === 'group' && n.outer === 'Robotics')!;
    assert.equal(accessible(tree.getTreeItem(robotics)), 'Robotics: 3 papers');
    const sectors = tree.getChildren(robotics);
    assert.deepEqual(sectors.map((n) => accessible(tree.getTreeItem(n))), ['Academia: 2 papers', 'Industry: 1 paper']);
  });

  it('Organizations tree: category rows announce "Academia: 4 organizations", "Research collective: 1 organization"', () => {
    const { dataset: service, labels } = services(dataset);
    const tree = new OrganizationsTreeProvider(service, labels);
    const groups = tree.getChildren();
    const announced: Record<string, string | undefined> = Object.fromEntries(groups.map((n) => [(n as { group: string }).group, accessible(tree.getTreeItem(n))]));
    assert.deepEqual(announced, {
      Academia: 'Academia: 4 organizations',
      Industry: 'Industry: 4 organizations',
      'Research collective': 'Research collective: 1 organization',
    });
    for (const group of groups) assert.equal(tree.getTreeItem(group).tooltip, accessible(tree.getTreeItem(group)));
    const academia = groups.find((n) => (n as { group: string }).group === 'Academia')!;
    const orgs = tree.getChildren(academia).map((n) => tree.getTreeItem(n));
    const chandar = orgs.find((i) => i.label === 'Chandar Research Lab')!;
    assert.equal(chandar.description, '1 paper · from the table');
    assert.equal(accessible(chandar), 'Chandar Research Lab: 1 paper · from the table');
    assert.equal(orgs.find((i) => i.label === 'Mila')!.description, '2 papers · from the table');
    const tooltip = (tree.getTreeItem(tree.getChildren(academia).find((n) => tree.getTreeItem(n).label === 'Chandar Research Lab')!).tooltip as { value: string }).value;
    assert.match(tooltip, /1 paper$/);
  });

  it('Organizations tree: a paper under an organization shows its id and line when its name is shared', () => {
    const { dataset: service, labels } = services(dataset);
    const tree = new OrganizationsTreeProvider(service, labels);
    const industry = tree.getChildren().find((n) => (n as { group: string }).group === 'Industry')!;
    const deepmind = tree.getChildren(industry).find((n) => tree.getTreeItem(n).label === 'Google DeepMind')!;
    const papers = tree.getChildren(deepmind).map((n: OrganizationNode) => tree.getTreeItem(n));
    assert.deepEqual(papers.map((i) => [i.label, i.description]), [
      ['SigLIP', 'Industry · line 2 · 2023-03-27 · 2e22 FLOP'],
      ['SigLIP #2', 'Industry · line 3 · 2023-03-27 · 2e22 FLOP'],
    ]);
  });

  it('Find Paper items and the details title tell the FLAN rows apart', () => {
    const view = new DatasetView(dataset);
    const hits = view.search.search('flan').map((h) => toItem(view.byId.get(h.id)!, view.duplicatedNames).label);
    assert.deepEqual(hits.slice(0, 2), ['FLAN — line 4, 2021-09-03', 'FLAN #2 — line 5, 2021-09-03']);
    assert.equal(paperDetails(view.byId.get('FLAN #2')!, view.dataset, undefined, view.duplicatedNames).name, 'FLAN #2 — line 5, 2021-09-03');
    assert.equal(paperDetails(view.byId.get('Sibling Two')!, view.dataset, undefined, view.duplicatedNames).name, 'Sibling Two');
  });
}, ['field-cases/br-21-duplicate-names.csv']);
