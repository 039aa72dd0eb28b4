import '../support/vscodeStub';
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadDataset } from '../../src/core/loadDataset';
import type { Dataset } from '../../src/core/model';
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
