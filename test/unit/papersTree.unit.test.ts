import '../support/vscodeStub';
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { foldLabels } from '../../src/core/labels/fold';
import { parseLabelLog } from '../../src/core/labels/parseLog';
import { loadDataset } from '../../src/core/dataset/loadDataset';
import type { Dataset } from '../../src/core/dataset/model';
import { DatasetView, type DatasetService } from '../../src/host/datasetService';
import { PAGE_SIZE, PapersTreeProvider, type PaperNode } from '../../src/host/papersTreeProvider';
import { itWithCorpus } from '../support/corpus';
import { TEST_DATA } from '../support/paths';

function providerFor(dataset: Dataset): PapersTreeProvider {
  const service = { view: new DatasetView(dataset), onDidChange: () => ({ dispose: () => undefined }) } as unknown as DatasetService;
  return new PapersTreeProvider(service, 'topic-sector');
}

/** A table of n papers in one topic and sector, dated newest last in the file. */
function bigTable(n: number): Dataset {
  const rows = ['Model,Organization,Organization categorization,Publication date,Domain'];
  for (let i = 0; i < n; i++) rows.push(`Paper ${i},Org,Industry,${2000 + Math.floor(i / 365)}-01-01,Vision`);
  return loadDataset(Buffer.from(rows.join('\n')), 'big.csv');
}

describe('PapersTreeProvider (host class, with a stand-in vscode module)', function () {
  itWithCorpus('groups the notable-models table by topic, then sector in the spec order', function () {
    const tree = providerFor(loadDataset(readFileSync(path.join(TEST_DATA, 'epoch', 'notable_ai_models_2026-07.csv')), 'notable'));
    const roots = tree.getChildren();
    const language = roots.find((n) => n.kind === 'group' && n.outer === 'Language')!;
    const sectors = tree.getChildren(language).map((n) => (n.kind === 'subgroup' ? n.inner : ''));
    assert.deepEqual(sectors, ['Academia', 'Industry', 'Collaboration', 'Other', 'Unknown'].filter((s) => sectors.includes(s)));
    assert.equal(sectors[0], 'Academia');
    for (const node of roots) assert.equal(tree.getParent(node), undefined);
  }, ['epoch/notable_ai_models_2026-07.csv']);

  it('pages a large group with a "Show more" node and extends it on demand', function () {
    const tree = providerFor(bigTable(PAGE_SIZE * 2 + 7));
    const [vision] = tree.getChildren();
    const [industry] = tree.getChildren(vision);
    let children = tree.getChildren(industry);
    assert.equal(children.length, PAGE_SIZE + 1);
    const more = children[PAGE_SIZE];
    assert.deepEqual(more, { kind: 'more', grouping: 'topic-sector', outer: 'Vision', inner: 'Industry', remaining: PAGE_SIZE + 7 });
    assert.equal(tree.getTreeItem(more).label, `Show ${PAGE_SIZE} more…`);
    tree.showMore(more);
    children = tree.getChildren(industry);
    assert.equal(children.length, 2 * PAGE_SIZE + 1);
    tree.showMore(children[2 * PAGE_SIZE]);
    assert.equal(tree.getChildren(industry).length, 2 * PAGE_SIZE + 7);
    assert.equal(tree.getChildren(industry).at(-1)!.kind, 'paper');
  });

  it('extends the page so that a paper deep in a group can be revealed', function () {
    const dataset = bigTable(PAGE_SIZE * 3);
    const tree = providerFor(dataset);
    // Newest first: the oldest paper (the file's first row) is last in its group.
    const node = tree.nodeForPaper(dataset.papers[0]);
    const parent = tree.getParent(node)!;
    const ids = tree.getChildren(parent).map((n: PaperNode) => (n.kind === 'paper' ? n.paperId : ''));
    assert.ok(ids.includes('Paper 0'));
    assert.equal(tree.getParent(parent)!.kind, 'group');
  });

  it('builds a paper’s tooltip only when asked to resolve it', function () {
    const dataset = bigTable(3);
    const tree = providerFor(dataset);
    const node = tree.nodeForPaper(dataset.papers[1]);
    const item = tree.getTreeItem(node);
    assert.equal(item.tooltip, undefined);
    const resolved = tree.resolveTreeItem(item, node);
    assert.match((resolved.tooltip as { value: string }).value, /\*\*Paper 1\*\*/);
    assert.equal(item.description, '2000-01-01');
  });
});

describe('PapersTreeProvider: decision badges, disputed marker, decision filter (issue #10)', function () {
  itWithCorpus('on the real notable table with a small log: badges, marker, and the filter keeps exactly the included papers', function () {
    const original = loadDataset(readFileSync(path.join(TEST_DATA, 'epoch', 'notable_ai_models_2026-07.csv')), 'notable');
    const at = (s: number): string => new Date(Date.UTC(2026, 10, 29, 14, 0, s)).toISOString();
    const paper = (id: string) => ({ kind: 'paper' as const, id });
    const log = [
      { v: 1, id: 'a', ts: at(0), annotator: 'ada', target: paper('PaLM 2'), field: 'decision', value: 'include' },
      { v: 1, id: 'b', ts: at(1), annotator: 'ada', target: paper('ELMo'), field: 'decision', value: 'include' },
      { v: 1, id: 'c', ts: at(2), annotator: 'ada', target: paper('BERT-Large'), field: 'decision', value: 'exclude' },
      { v: 1, id: 'd', ts: at(3), annotator: 'bob', target: paper('BERT-Large'), field: 'decision', value: 'include' },
    ].map((e) => JSON.stringify(e)).join('\n');
    const state = foldLabels(parseLabelLog(`${log}\n`, 'l').events);
    const view = new DatasetView(original).withLabels(state);
    const service = { view, onDidChange: () => ({ dispose: () => undefined }) } as unknown as DatasetService;
    const tree = new PapersTreeProvider(service, 'topic-sector');
    const itemOf = (id: string) => {
      const p = view.byId.get(id)!;
      return tree.getTreeItem(tree.nodeForPaper(p));
    };
    assert.equal(itemOf('PaLM 2').description, '✓ Included · 2023-05-10 · 7.34e24 FLOP');
    assert.equal(itemOf('BERT-Large').description, '✓ Included · ⚠ disputed · 2018-10-11 · 2.85e20 FLOP', 'bob\'s later include counts, marked disputed');
    assert.equal(itemOf('Llama 2-70B').description, '2023-07-18 · 8.1e23 FLOP');

    tree.decisionFilter = 'include';
    const listed = new Set<string>();
    for (const group of tree.getChildren()) for (const sub of tree.getChildren(group)) for (const n of tree.getChildren(sub)) if (n.kind === 'paper') listed.add(n.paperId);
    assert.deepEqual([...listed].sort(), ['BERT-Large', 'ELMo', 'PaLM 2']);
    tree.decisionFilter = 'all';
    assert.ok(tree.getChildren().length > 5, 'every topic again');
  }, ['epoch/notable_ai_models_2026-07.csv']);
});
