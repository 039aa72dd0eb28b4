import { vscodeCalls } from '../support/vscodeStub';
import { strict as assert } from 'node:assert';
import MarkdownIt from 'markdown-it';
import { escapeMarkdown } from '../../src/core/text/markdownText';
import { loadDataset } from '../../src/core/dataset/loadDataset';
import { foldLabels } from '../../src/core/labels/fold';
import { parseLabelLog } from '../../src/core/labels/parseLog';
import { DatasetView, type DatasetService } from '../../src/host/datasetService';
import type { LabelService } from '../../src/host/labelService';
import { OrganizationsTreeProvider, type OrganizationNode } from '../../src/host/organizationsTreeProvider';
import { paperTooltip } from '../../src/host/paperTooltip';
import { DatasetStatusBar } from '../../src/host/statusBar';
import type * as vscode from 'vscode';

// An independent CommonMark renderer (with GFM autolinks, as VS Code's hovers have) decides
// whether escaped text still means anything; `html: true` so that unescaped HTML would show.
const markdown = new MarkdownIt({ html: true, linkify: true });
const rendered = (text: string): string => markdown.renderInline(text);
const unescapeHtml = (html: string): string => html.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');

const HOSTILE = [
  '[click me](command:workbench.action.terminal.new)',
  '![x](https://evil.example/pixel.png)',
  '<img src=x onerror=alert(1)>',
  '**bold** _em_ `code` ~~gone~~',
  '# heading | a | b |',
  'https://evil.example/auto and www.evil.example',
  '&#x202E; &amp; entity',
  '$(zap) icon',
  'back\\slash \\* and [ref]: https://x.example',
  'a\nb\r\nc',
];

describe('Markdown escaping of data in tooltips (issue #9, item 7)', function () {
  for (const text of HOSTILE)
    it(`escapeMarkdown(${JSON.stringify(text)}) renders as the literal text`, function () {
      const html = rendered(escapeMarkdown(text));
      assert.doesNotMatch(html, /<(a|img|strong|em|code|s|h1)\b/, html);
      assert.equal(unescapeHtml(html), text.replace(/\r\n|[\r\n]/g, ' '));
    });

  it('keeps letters, digits, spaces and non-ASCII text as they are', function () {
    assert.equal(escapeMarkdown('Université de Montréal 2024'), 'Université de Montréal 2024');
    assert.equal(escapeMarkdown('Google DeepMind (UK)'), 'Google DeepMind \\(UK\\)');
  });

  const table = loadDataset(
    Buffer.from(
      [
        'Model,Organization,Organization categorization,Publication date,Link',
        '"**Bold** [x](command:evil)",<b>Org</b>,Academia,2020-01-01,https://example.org/a_(b)',
        'Other,"_Lab_ [y](command:evil)",Industry,2021-01-01,command:workbench.action.terminal.new',
      ].join('\n'),
    ),
    'md.csv',
  );
  const service = { view: new DatasetView(table), state: { kind: 'none' }, onDidChange: () => ({ dispose: () => undefined }) } as unknown as DatasetService;

  it('the paper tooltip escapes the name and organizations, links only http(s), and is neither trusted nor HTML', function () {
    const [first, second] = table.papers;
    const md = paperTooltip(first) as unknown as { value: string; isTrusted?: boolean; supportHtml?: boolean };
    assert.ok(!md.isTrusted && !md.supportHtml);
    const html = rendered(md.value);
    assert.doesNotMatch(html, /<strong>Bold<\/strong>|href="command:|<b>/);
    assert.match(html, /\*\*Bold\*\* \[x\]\(command:evil\)/);
    assert.match(html, /&lt;b&gt;Org&lt;\/b&gt;/);
    assert.match(html, /<a href="https:\/\/example\.org\/a_\(b\)">/);
    const other = rendered((paperTooltip(second) as unknown as { value: string }).value);
    assert.doesNotMatch(other, /href="command:/);
    assert.doesNotMatch(other, /<em>Lab<\/em>/);
  });

  it('the paper tooltip (which renders $(icons)) keeps a $( from the data as text, as appendText would', function () {
    const zap = loadDataset(Buffer.from('Model,Organization,Organization categorization\n$(zap) model,Org,Academia\n'), 'zap.csv').papers[0];
    const md = paperTooltip(zap) as unknown as { value: string; supportThemeIcons: boolean };
    assert.equal(md.supportThemeIcons, true);
    // Markdown turns `\\$\(zap\)` into the text `\$(zap)`: VS Code's escaped icon, shown as `$(zap)`.
    assert.ok(md.value.startsWith('**\\\\$\\(zap\\) model**'), md.value);
    assert.equal(unescapeHtml(rendered(md.value.split('\n')[0])), '<strong>\\$(zap) model</strong>');
  });

  it('the organization tooltip escapes the annotator, the label and the name from the label log', function () {
    const log = parseLabelLog(
      JSON.stringify({ v: 1, id: '7c9e6679-7425-40de-944b-e07fc1f90ae7', ts: '2026-01-02T03:04:05.000Z', annotator: '[ada](command:workbench.action.terminal.new) **x**', target: { kind: 'organization', name: '_Lab_ [y](command:evil)' }, field: 'category', value: 'Industry' }) + '\n',
      'labels.jsonl',
    );
    assert.equal(log.events.length, 1, JSON.stringify(log.diagnostics));
    const labels = { state: foldLabels(log.events), onDidChange: () => ({ dispose: () => undefined }) } as unknown as LabelService;
    const tree = new OrganizationsTreeProvider(service, labels);
    const industry = tree.getChildren().find((n) => n.kind === 'group' && n.group === 'Industry')!;
    const lab = tree.getChildren(industry).find((n: OrganizationNode) => n.kind === 'organization' && /lab/.test(n.key))!;
    const md = tree.getTreeItem(lab).tooltip as unknown as { value: string; isTrusted?: boolean; supportHtml?: boolean };
    assert.ok(!md.isTrusted && !md.supportHtml);
    const html = rendered(md.value);
    assert.doesNotMatch(html, /<a |<em>|<strong>x<\/strong>/, html);
    assert.match(unescapeHtml(html), /by \[ada\]\(command:workbench\.action\.terminal\.new\) \*\*x\*\*, 2026-01-02T03:04:05\.000Z/);
    assert.match(unescapeHtml(html), /<strong>_Lab_ \[y\]\(command:evil\)<\/strong>/);
  });

  it('the status bar tooltip escapes the dataset path', function () {
    vscodeCalls.reset();
    const state = { kind: 'loaded', uri: { fsPath: 'data/[x](command:evil)_*.csv' }, view: new DatasetView(table) };
    const bar = new DatasetStatusBar({ state, onDidChange: () => ({ dispose: () => undefined }) } as unknown as DatasetService);
    const md = bar.item.tooltip as unknown as vscode.MarkdownString;
    assert.ok(!md.isTrusted && !md.supportHtml);
    const html = rendered(md.value);
    assert.doesNotMatch(html, /<a |<em>/);
    assert.match(unescapeHtml(html), /<strong>data\/\[x\]\(command:evil\)_\*\.csv<\/strong>/);
    bar.dispose();
  });
});
