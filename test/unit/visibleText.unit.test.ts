import { vscodeCalls } from '../support/vscodeStub';
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { loadDataset } from '../../src/core/dataset/loadDataset';
import { foldLabels } from '../../src/core/labels/fold';
import { displayText, hasInvisibleCharacters } from '../../src/core/text/visibleText';
import { toItem } from '../../src/host/commands/findPaper';
import { DatasetView, type DatasetService } from '../../src/host/datasetService';
import type { LabelService } from '../../src/host/labelService';
import { OrganizationsTreeProvider } from '../../src/host/organizationsTreeProvider';
import { paperDetails } from '../../src/host/paperDetailsModel';
import { PaperDetailsPanel } from '../../src/host/paperDetailsPanel';
import { PapersTreeProvider } from '../../src/host/papersTreeProvider';
import { paperTooltip } from '../../src/host/paperTooltip';
import { TriageSession } from '../../src/host/triage/triageSession';
import { triageItem } from '../../src/host/triage/triageView';
import { organizationsIndex } from '../../src/core/labels/organizations';
import { testData } from '../support/paths';
import { itWithCorpus } from '../support/corpus';
import type * as vscode from 'vscode';

// The code points the review names, each with the token it must show as.
const INVISIBLES: [string, string][] = [
  ['\u202A', '⟨U+202A⟩'],
  ['\u202B', '⟨U+202B⟩'],
  ['\u202C', '⟨U+202C⟩'],
  ['\u202D', '⟨U+202D⟩'],
  ['\u202E', '⟨U+202E⟩'],
  ['\u2066', '⟨U+2066⟩'],
  ['\u2067', '⟨U+2067⟩'],
  ['\u2068', '⟨U+2068⟩'],
  ['\u2069', '⟨U+2069⟩'],
  ['\u200B', '⟨U+200B⟩'],
  ['\u200C', '⟨U+200C⟩'],
  ['\u200D', '⟨U+200D⟩'],
  ['\u2060', '⟨U+2060⟩'],
  ['\uFEFF', '⟨U+FEFF⟩'],
  ['\u200E', '⟨U+200E⟩'],
  ['\u200F', '⟨U+200F⟩'],
];

describe('Invisible characters in names are shown (issue #9, item 7)', function () {
  for (const [c, token] of INVISIBLES)
    it(`shows U+${c.codePointAt(0)!.toString(16).toUpperCase()} as ${token}`, function () {
      assert.equal(displayText(`a${c}b${c}`), `a${token}b${token}`);
      assert.equal(hasInvisibleCharacters(`a${c}`), true);
    });

  it('keeps visible text, including other scripts, emoji and ordinary spaces, as it is', function () {
    for (const text of ['Université de Montréal', 'مختبر', '清华大学', 'ZWJ-free 👩‍', 'a\u00A0b', 'GPT‑4.1']) {
      const expected = text.replace('\u200D', '⟨U+200D⟩');
      assert.equal(displayText(text), expected);
    }
    assert.equal(hasInvisibleCharacters('plain text'), false);
  });

  itWithCorpus('shows the two zero-width spaces in a real Reference (360 Smart Brain, all_ml_systems_full_view_2025-06.csv, record 860)', function () {
    // No Model or Organization cell of Epoch's tables holds one; the Reference of this row does.
    const dataset = loadDataset(readFileSync(testData('epoch', 'all_ml_systems_full_view_2025-06.csv')), 'all_ml_systems_full_view_2025-06.csv');
    const matches = dataset.papers.filter((p) => p.name === '360 Smart Brain');
    assert.equal(matches.length, 1);
    const [paper] = matches;
    assert.equal(paper.cells.Reference, 'The 360 \u200B\u200BBrain Model is now open to the public');
    const reference = paperDetails(paper, dataset).fields.find((f) => f.label === 'Reference')!;
    assert.equal(reference.value, 'The 360 ⟨U+200B⟩⟨U+200B⟩Brain Model is now open to the public');
    // The stored cell is untouched.
    assert.equal(paper.cells.Reference, 'The 360 \u200B\u200BBrain Model is now open to the public');
  }, ['epoch/all_ml_systems_full_view_2025-06.csv']);

  const spoof = 'Deep\u202EdniMgoogle';
  const table = loadDataset(
    Buffer.from(['Model,Organization,Organization categorization,Publication date,Domain,Authors', `${spoof},Open\u200BAI,,2020-01-01,Language,Ada\u2066 Lovelace`].join('\n')),
    'spoof.csv',
  );
  const [paper] = table.papers;
  const service = { view: new DatasetView(table), state: { kind: 'none' }, onDidChange: () => ({ dispose: () => undefined }) } as unknown as DatasetService;
  const labels = { state: foldLabels([]), onDidChange: () => ({ dispose: () => undefined }), annotator: () => Promise.resolve('ada') } as unknown as LabelService;

  it('stores the name and organization as read (ids and values unchanged)', function () {
    assert.equal(paper.name, spoof);
    assert.deepEqual(paper.organizations, ['Open\u200BAI']);
  });

  it('Papers tree label, Find Paper item, tooltip and details show the tokens', function () {
    const tree = new PapersTreeProvider(service, 'topic-sector');
    const [topic] = tree.getChildren();
    const [sector] = tree.getChildren(topic);
    const [node] = tree.getChildren(sector);
    assert.equal(tree.getTreeItem(node).label, 'Deep⟨U+202E⟩dniMgoogle');
    const item = toItem(paper);
    assert.equal(item.label, 'Deep⟨U+202E⟩dniMgoogle');
    assert.equal(item.detail, 'Open⟨U+200B⟩AI');
    assert.equal(item.paperId, paper.id);
    // Markdown-escaped: `+` is written `\+`.
    assert.ok((paperTooltip(paper) as unknown as { value: string }).value.includes('Deep⟨U\\+202E⟩dniMgoogle'));
    assert.ok((paperTooltip(paper) as unknown as { value: string }).value.includes('Open⟨U\\+200B⟩AI'));
    const details = paperDetails(paper, table);
    assert.equal(details.name, 'Deep⟨U+202E⟩dniMgoogle');
    assert.equal(details.organizations[0].name, 'Open⟨U+200B⟩AI');
    assert.equal(details.id, paper.id);
  });

  it('the details tab title shows the tokens', function () {
    vscodeCalls.reset();
    const panel = new PaperDetailsPanel({ toString: () => 'ext' } as unknown as vscode.Uri, service);
    panel.show(paper.id);
    vscodeCalls.panels[0].receive!({ type: 'ready' });
    assert.equal(vscodeCalls.panels[0].title, 'Deep⟨U+202E⟩dniMgoogle');
    panel.dispose();
  });

  it('the Organizations view label and tooltip show the tokens; the node key keeps the name', function () {
    const tree = new OrganizationsTreeProvider(service, labels);
    const [group] = tree.getChildren();
    const [org] = tree.getChildren(group);
    const item = tree.getTreeItem(org);
    assert.equal(item.label, 'Open⟨U+200B⟩AI');
    assert.ok((item.tooltip as unknown as { value: string }).value.includes('Open⟨U\\+200B⟩AI'));
    assert.ok(org.kind === 'organization' && org.key.includes('\u200B'));
    const [paperNode] = tree.getChildren(org);
    assert.equal(tree.getTreeItem(paperNode).label, 'Deep⟨U+202E⟩dniMgoogle');
  });

  it('the triage item shows the tokens in the paper, organization and author names', function () {
    const session = TriageSession.start(table, foldLabels([]));
    const state = foldLabels([]);
    const item = session.current ? triageItem({ paper: table.papers.find((p) => p.id === session.current!.paperId)!, item: session.current, state, index: organizationsIndex(table, state), annotator: 'ada', blind: false, focus: 0 }) : undefined;
    if (!item) assert.fail('the spoof paper should need attention (its organization is unlabelled)');
    assert.equal(item.name, 'Deep⟨U+202E⟩dniMgoogle');
    assert.equal(item.organizations[0].name, 'Open⟨U+200B⟩AI');
    assert.equal(item.authors, 'Ada⟨U+2066⟩ Lovelace');
    assert.equal(item.paperId, paper.id);
  });
});
