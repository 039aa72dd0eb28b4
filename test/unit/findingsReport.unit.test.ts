/**
 * "Export Findings Report…" writes the report of `compute-divide report`: for the same table, the
 * same filters (the panel's since/until, team sectors, the leaning switch, Domain / Task) and the
 * same label log, the editor's files (`panelReportInputs` → `renderReport`) are byte-identical to
 * the CLI's. On the bundled snapshot (no corpus needed), with a label log that relabels an
 * organization and labels an unmatched base model.
 */
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { diffusion } from '../../src/core/analyses/diffusion';
import { loadDataset } from '../../src/core/dataset/loadDataset';
import { applyLabels } from '../../src/core/labels/applyLabels';
import { foldLabels } from '../../src/core/labels/fold';
import { parseLabelLog } from '../../src/core/labels/parseLog';
import { panelReportInputs } from '../../src/host/findingsReport';
import { renderReport } from '../../src/node/report/writeReport';
import { DEFAULT_TRENDS_FILTERS, type TrendsFilters } from '../../src/shared/trendsProtocol';
import type { TopicsBy } from '../../src/shared/findingsProtocol';
import { REPO } from '../support/paths';
import { runCli } from '../support/runCli';

describe('Export Findings Report… equals compute-divide report (src/host/findingsReport.ts)', function () {
  this.timeout(120_000);
  let tmp: string;
  let table: string;
  let log: string;
  let bytes: Buffer;
  let unmatched: string;

  before(function () {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'compute-divide-panel-report-'));
    table = path.join(tmp, 'notable_ai_models_2026-07-15.csv');
    bytes = gunzipSync(fs.readFileSync(path.join(REPO, 'data', 'epoch-notable-ai-models.csv.gz')));
    fs.writeFileSync(table, bytes);
    // The most referenced unmatched base model of the table, labelled open Industry; an organization relabelled.
    unmatched = diffusion(loadDataset(bytes, table)).unmatched_base_names[0].name;
    const events = [
      { target: { kind: 'model', name: unmatched }, field: 'teamSector', value: 'Industry' },
      { target: { kind: 'model', name: unmatched }, field: 'openWeights', value: 'open' },
      { target: { kind: 'organization', name: 'Google' }, field: 'category', value: 'Academia' },
    ].map((e, i) => JSON.stringify({ v: 1, id: `r${i}`, ts: `2026-02-01T00:00:0${i}.000Z`, annotator: i === 2 ? 'bo' : 'ada', ...e }));
    log = path.join(tmp, 'labels.jsonl');
    fs.writeFileSync(log, `${events.join('\n')}\n`);
  });
  after(function () {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  /** The editor's report files for the panel's `filters` and `by`, with the log applied as the extension applies it. */
  async function editorFiles(filters: TrendsFilters, by: TopicsBy): Promise<Map<string, Buffer>> {
    const logText = fs.readFileSync(log);
    const state = foldLabels(parseLabelLog(logText.toString('utf8'), log).events);
    const dataset = applyLabels(loadDataset(bytes, table), state);
    const labels = {
      file: path.basename(log),
      sha256: createHash('sha256').update(logText).digest('hex'),
      events: state.eventCount,
      annotators: [...state.annotators],
      organizations: state.organizations.size,
      papers: state.papers.size,
      models: state.models.size,
    };
    const files = await renderReport(panelReportInputs(dataset, { name: path.basename(table), bytes }, filters, by, labels));
    return new Map(files.map((f) => [f.name, Buffer.from(f.bytes)]));
  }

  for (const [title, filters, by, args] of [
    ['default filters, by domain', DEFAULT_TRENDS_FILTERS, 'domain', []],
    [
      'since 2015, until 2025, Academia, Industry and Collaboration only, leaning collaborations counted with their side, by task',
      { ...DEFAULT_TRENDS_FILTERS, since: '2015-01-01', until: '2025-01-01', sectors: ['Academia', 'Industry', 'Collaboration'], byLeaning: true },
      'task',
      ['--since', '2015-01-01', '--until', '2025-01-01', '--sector', 'Academia', '--sector', 'Industry', '--sector', 'Collaboration', '--collaborations-by-leaning', '--by', 'task'],
    ],
  ] as const) {
    it(`${title}: the same bytes in every file`, async function () {
      const out = path.join(tmp, `cli-${by}-${args.length}`);
      const r = await runCli(['report', table, '--out', out, '--labels', log, ...args]);
      assert.equal(r.code, 0, r.stderr);
      const editor = await editorFiles(filters as TrendsFilters, by);
      assert.deepEqual([...editor.keys()].sort(), fs.readdirSync(out).sort());
      for (const [name, content] of editor) assert.ok(content.equals(fs.readFileSync(path.join(out, name))), `${name} differs from the CLI's`);
      // The labels are stated, and the model label is in the numbers: the name's links are found through it.
      const md = editor.get('report.md')!.toString('utf8');
      assert.match(md, /`labels\.jsonl` \(SHA-256 `[0-9a-f]{64}`\): 3 events by 2 annotators \(ada, bo\), labelling 1 organization, 0 papers and 1 base model/);
      assert.match(md, /; \d+ were found through model labels\./);
      const row = md.split('\n').find((line) => line.startsWith(`| ${unmatched} |`));
      assert.ok(row?.endsWith('| Industry, open |'), row);
    });
  }

  it('a name filter (the panel has one, the CLI not) is stated in the report', async function () {
    const editor = await editorFiles({ ...DEFAULT_TRENDS_FILTERS, text: 'GPT' }, 'domain');
    assert.match(editor.get('report.md')!.toString('utf8'), /Model name contains `GPT`/);
  });
});
