import { FakeQuickPick, vscodeCalls } from '../support/vscodeStub';
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { LabelChange } from '../../src/core/labels/event';
import { foldLabels } from '../../src/core/labels/fold';
import { loadDataset } from '../../src/core/dataset/loadDataset';
import type { Dataset } from '../../src/core/dataset/model';
import { labelOrganization, labelPaperAffiliations, markPaper, setTeamSector } from '../../src/host/commands/labelCommands';
import { labelBaseModel } from '../../src/host/commands/findingsCommands';
import { openPaperSource, showPaperDetails } from '../../src/host/commands/paperCommands';
import { DatasetView, type DatasetService } from '../../src/host/datasetService';
import type { LabelService } from '../../src/host/labelService';
import type { Services } from '../../src/host/services';
import { describeWithCorpus } from '../support/corpus';
import { TEST_DATA } from '../support/paths';

/**
 * Commands say what they act on (issue #10, Build 5): from the palette (no argument) they ask,
 * in a picker whose title names the choice; from a view they act on the view's rows; scripts
 * pass a paper id or an organization name. Never an earlier tree selection or the details view's
 * paper. Run against the stand-in vscode module on the real field case br-21 (duplicate names).
 */
const BR21 = path.join(TEST_DATA, 'field-cases', 'br-21-duplicate-names.csv');

interface Fake {
  services: Services;
  appended: LabelChange[][];
  shown: string[];
}

function fakeServices(dataset: Dataset): Fake {
  const appended: LabelChange[][] = [];
  const shown: string[] = [];
  const view = new DatasetView(dataset);
  const labels = {
    uri: { fsPath: '/tmp/labels.jsonl' },
    state: foldLabels([]),
    blindCoding: false,
    stateFor: () => foldLabels([]),
    annotator: () => Promise.resolve('tester'),
    append: (changes: readonly LabelChange[]) => {
      appended.push([...changes]);
      return Promise.resolve([]);
    },
  } as unknown as LabelService;
  const services = {
    labels,
    dataset: { view, state: { kind: 'loaded', view } } as unknown as DatasetService,
    // An old selection and a paper on show: the palette must not act on either.
    papersView: { selection: [{ kind: 'paper', grouping: 'topic-sector', outer: 'Language', inner: 'Industry', paperId: 'FLAN' }] },
    details: { shownPaperId: 'FLAN', show: (id: string) => shown.push(id) },
  } as unknown as Services;
  return { services, appended, shown };
}

/** Answer the next picker: in a createQuickPick, type `query` and accept the item whose label is `label`. */
function searchAndChoose(query: string, label: string): void {
  vscodeCalls.pickAnswers.push((picker) => {
    const pick = picker as FakeQuickPick<{ label: string }>;
    pick.type(query);
    const index = pick.items.findIndex((item) => item.label === label);
    assert.ok(index >= 0, `${label} among ${pick.items.map((i) => i.label).join(' | ')}`);
    pick.accept(index);
  });
}

/** Answer the next showQuickPick with the item whose label is `label` (or the labels, for canPickMany). */
function choose(...labels: string[]): void {
  vscodeCalls.pickAnswers.push((items) => {
    const list = items as readonly { label: string }[];
    const found = labels.map((label) => list.find((item) => item.label === label));
    assert.ok(found.every((f) => f !== undefined), `${labels.join(', ')} among ${list.map((i) => i.label).join(' | ')}`);
    return labels.length === 1 ? found[0] : found;
  });
}

describeWithCorpus('Commands that say what they act on (br-21, stand-in vscode)', () => {
  let dataset: Dataset;
  before(() => {
    dataset = loadDataset(readFileSync(BR21), 'br-21-duplicate-names.csv');
  });
  beforeEach(() => vscodeCalls.reset());

  it('Label Organization… from the palette asks which organization (by name, with paper counts), then titles the category picker with it', async () => {
    const { services, appended } = fakeServices(dataset);
    choose('Chandar Research Lab');
    choose('Academia');
    assert.equal(await labelOrganization(services), 1);
    assert.deepEqual(vscodeCalls.pickers.map((p) => p.title), ['Label which organization?', 'Label organization: Chandar Research Lab']);
    const items = vscodeCalls.pickers[0].items as { label: string; description: string }[];
    // Counted by hand from the file: Chandar Research Lab is on one AMPLIFY row, Mila on both.
    assert.equal(items.find((i) => i.label === 'Chandar Research Lab')?.description, '1 paper · Academia');
    assert.equal(items.find((i) => i.label === 'Mila')?.description, '2 papers · Academia');
    assert.equal(items.find((i) => i.label === 'CIFAR')?.description, '2 papers · Research collective');
    assert.deepEqual(appended, [[{ target: { kind: 'organization', name: 'Chandar Research Lab' }, field: 'category', value: 'Academia' }]]);
  });

  it('Set Team Sector… from the palette asks which paper with Find Paper’s search, then names it: duplicates by id, line and date', async () => {
    const { services, appended } = fakeServices(dataset);
    searchAndChoose('siglip', 'SigLIP #2 — line 3, 2023-03-27');
    choose('Academia');
    vscodeCalls.inputAnswers.push('all authors at a university');
    assert.equal(await setTeamSector(services), 1);
    assert.deepEqual(vscodeCalls.pickers.map((p) => p.title), ['Set team sector of which paper?', 'Set team sector of: SigLIP #2 — line 3, 2023-03-27 (Google DeepMind)']);
    assert.deepEqual(vscodeCalls.pickers[0].quickPick!.items.map((i) => (i as { label: string }).label).slice(0, 2), ['SigLIP — line 2, 2023-03-27', 'SigLIP #2 — line 3, 2023-03-27']);
    assert.match(vscodeCalls.inputBoxes[0].title ?? '', /^Why Academia\? \(kept with the label of: SigLIP #2/);
    assert.equal(appended.length, 1);
    assert.equal((appended[0][0].target as { id: string }).id, 'SigLIP #2');
  });

  it('Mark Paper Include from the palette asks (not the old selection nor the details’ paper); dismissing saves nothing', async () => {
    const { services, appended } = fakeServices(dataset);
    assert.equal(await markPaper(services, 'include'), 0);
    assert.deepEqual(vscodeCalls.pickers.map((p) => p.title), ['Mark paper Include: which paper?']);
    assert.deepEqual(appended, []);
  });

  it('Mark Paper Exclude from a view acts on the view’s selection, without asking', async () => {
    const { services, appended } = fakeServices(dataset);
    const node = (paperId: string) => ({ kind: 'paper', grouping: 'topic-sector', outer: 'Robotics', inner: 'Academia', paperId });
    assert.equal(await markPaper(services, 'exclude', node('Sibling One'), [node('Sibling One'), node('Target Paper To Reveal')]), 2);
    assert.deepEqual(vscodeCalls.pickers, []);
    assert.deepEqual(appended[0].map((c) => [(c.target as { id: string }).id, c.value]), [['Sibling One', 'exclude'], ['Target Paper To Reveal', 'exclude']]);
    assert.deepEqual(vscodeCalls.statusMessages, ['$(check) 2 papers: exclude (saved)']);
  });

  it('the scripted forms still work: a paper id, an organization name', async () => {
    const { services, appended } = fakeServices(dataset);
    assert.equal(await setTeamSector(services, 'FLAN #2', undefined, 'Collaboration', 'co-authors at a university'), 1);
    assert.equal(await labelOrganization(services, 'Amgen', undefined, 'Industry'), 1);
    assert.equal(await markPaper(services, 'maybe', 'AMPLIFY #2'), 1);
    assert.deepEqual(vscodeCalls.pickers, []);
    assert.deepEqual(appended.map((a) => [a[0].field, a[0].target.kind === 'paper' ? a[0].target.id : a[0].target.name, a[0].value]), [
      ['teamSector', 'FLAN #2', 'Collaboration'],
      ['category', 'Amgen', 'Industry'],
      ['decision', 'AMPLIFY #2', 'maybe'],
    ]);
    assert.deepEqual(vscodeCalls.statusMessages.at(-1), '$(check) AMPLIFY #2 — line 7, 2024-09-23 (Chandar Research Lab, Mila +3 more): maybe (saved)');
  });

  it('Label Organization… on a paper row asks which of its organizations, titled with the paper', async () => {
    const { services, appended } = fakeServices(dataset);
    choose('Mila', 'CIFAR');
    choose('Academia');
    const node = { kind: 'paper', grouping: 'topic-sector', outer: 'Biology', inner: 'Collaboration', paperId: 'AMPLIFY' };
    assert.equal(await labelOrganization(services, node, [node]), 2);
    assert.deepEqual(vscodeCalls.pickers.map((p) => p.title), ['Label organizations of: AMPLIFY — line 6, 2024-09-23 (Mila, Amgen +2 more)', 'Label organization: 2 organizations (Mila, CIFAR)']);
    assert.deepEqual(appended[0].map((c) => (c.target as { name: string }).name), ['Mila', 'CIFAR']);
  });

  it('Label Paper Affiliations… from the palette asks which paper, then titles each step with it', async () => {
    const { services } = fakeServices(dataset);
    searchAndChoose('sibling two', 'Sibling Two');
    // Esc at the first organization: nothing saved, but the title said what was being labelled.
    assert.equal(await labelPaperAffiliations(services), 0);
    assert.deepEqual(vscodeCalls.pickers.map((p) => p.title), ['Label the affiliations of which paper?', 'Label organization: Placeholder Corp (1 of 1, affiliations of Sibling Two (Placeholder Corp, 2020-06-01))']);
  });

  it('Show Paper Details and Go to Row in CSV from the palette ask which paper; a tree click’s id needs no question', async () => {
    const { services, shown } = fakeServices(dataset);
    searchAndChoose('flan', 'FLAN #2 — line 5, 2021-09-03');
    await showPaperDetails(services, undefined);
    await showPaperDetails(services, 'Multi Domain Model');
    assert.deepEqual(shown, ['FLAN #2', 'Multi Domain Model']);
    await openPaperSource(services, undefined);
    assert.deepEqual(vscodeCalls.pickers.map((p) => p.title), ['Show the details of which paper?', 'Go to the CSV row of which paper?']);
  });
}, ['field-cases/br-21-duplicate-names.csv']);

describe('Label Base Model… reads the diffusion tab only for a picker it shows', function () {
  const run = async (name?: string, sector?: 'Industry', open?: 'open'): Promise<{ saved: boolean; asked: number; appended: LabelChange[][] }> => {
    const appended: LabelChange[][] = [];
    let asked = 0;
    const services = {
      labels: { uri: { fsPath: '/tmp/labels.jsonl' }, append: (changes: readonly LabelChange[]) => (appended.push([...changes]), Promise.resolve([])) },
      // The Findings panel's numbers: waiting for them may take a redraw of the analysis worker.
      trends: { upToDateFindings: () => (asked++, Promise.resolve({ diffusion: { unmatched: [{ name: 'LLaMA-7B', count: 3 }] } })) },
    } as unknown as Pick<Services, 'labels' | 'trends'>;
    const saved = await labelBaseModel(services, name, sector, open);
    return { saved, asked, appended };
  };

  it('with the name, the sector and the open weights given (scripts), it does not wait for the panel’s numbers', async function () {
    const { saved, asked, appended } = await run('LLaMA-7B', 'Industry', 'open');
    assert.equal(saved, true);
    assert.equal(asked, 0);
    assert.deepEqual(appended, [
      [
        { target: { kind: 'model', name: 'LLaMA-7B' }, field: 'teamSector', value: 'Industry' },
        { target: { kind: 'model', name: 'LLaMA-7B' }, field: 'openWeights', value: 'open' },
      ],
    ]);
  });

  it('without a name it offers the diffusion tab’s unmatched names (read once), and saves nothing when dismissed', async function () {
    vscodeCalls.reset();
    const { saved, asked, appended } = await run(undefined, 'Industry', 'open');
    assert.equal(saved, false);
    assert.equal(asked, 1);
    assert.deepEqual(appended, []);
    assert.deepEqual((vscodeCalls.pickers.at(-1)?.items as { name: string }[]).map((i) => i.name), ['LLaMA-7B']);
  });
});
