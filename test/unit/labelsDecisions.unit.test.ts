/**
 * Issue #10: disputed labels and visible decisions. The disputed flag (annotators differ, no
 * adjudicator), the export's `Decision` and `Disputed` columns and the labels CSV's `disputed` flag
 * on the real notable table, the decision filter in core and in the CLI (`--decision`) against
 * test/unit/expectedDecisionFilter.json (written by the independent oracle
 * test/tools/expected_decision_filter.py), and the PRISMA-style counts.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import { applyLabels } from '../../src/core/labels/applyLabels';
import { decisionCounts, formatDecisionCounts, paperDecision, parseDecisionChoices } from '../../src/core/labels/decisions';
import { disputesOf, formatDisputeValues, formatPaperDisputes, isDisputed, paperDisputes } from '../../src/core/labels/disputed';
import type { LabelChange, LabelEvent } from '../../src/core/labels/event';
import { exportLabelledCsv, labelsCsv } from '../../src/node/labels/exportLabelled';
import { foldLabels, type LabelState } from '../../src/core/labels/fold';
import { parseLabelLog } from '../../src/core/labels/parseLog';
import { filterPapers } from '../../src/core/dataset/filters';
import { loadDataset } from '../../src/core/dataset/loadDataset';
import { trendPoints } from '../../src/core/trends/trends';
import { buildTrendsView } from '../../src/host/trendsViewModel';
import { DEFAULT_TRENDS_FILTERS } from '../../src/shared/trendsProtocol';
import type { Dataset } from '../../src/core/dataset/model';
import { describeWithCorpus } from '../support/corpus';
import { REPO } from '../support/paths';
import { assertUsageError, runCli } from '../support/runCli';
import { ev, logText, makeTemp, org, removeTemp, role, TEST_DATA } from './fixtures/labels/helpers';

const stateOf = (events: LabelEvent[]): LabelState => foldLabels(parseLabelLog(logText(events), 'l').events);
const decision = (id: string, value: string | null): LabelChange => ({ target: { kind: 'paper', id }, field: 'decision', value }) as LabelChange;
const readCsv = (text: string): string[][] => parse(text, { columns: false });

interface Oracle {
  file: string;
  events: { annotator: string; second: number; paper: string; value: string | null }[];
  effective: Record<string, string>;
  expected: Record<'include' | 'exclude' | 'maybe', { rows: number; points: string[] }> & { undecided: { rows: number; points: number } };
}
const ORACLE = JSON.parse(fs.readFileSync(path.join(REPO, 'test', 'unit', 'expectedDecisionFilter.json'), 'utf8')) as Oracle;
const oracleEvents = (): LabelEvent[] => ORACLE.events.map((e) => ev(e.annotator, decision(e.paper, e.value), e.second));

describe('labels: the disputed flag', function () {
  it('two annotators with different current values: disputed, with both values, latest first', function () {
    const state = stateOf([ev('ada', org('Mila', 'Academia'), 0), ev('bob', org('mila ', 'Non-profit'), 1)]);
    const [field] = state.fields;
    assert.equal(isDisputed(field), true);
    const disputes = disputesOf(state);
    assert.equal(disputes.all.length, 1);
    const dispute = disputes.organizations.get('mila')!;
    assert.deepEqual(dispute.values.map((v) => [v.annotator, v.value]), [['bob', 'Non-profit'], ['ada', 'Academia']]);
    assert.equal(dispute.effective.value, 'Non-profit', 'the effective value stays the latest of any annotator');
    assert.equal(formatDisputeValues(dispute), 'Non-profit (bob), Academia (ada)');
  });

  it('the same value from two annotators is not disputed', function () {
    const state = stateOf([ev('ada', org('Mila', 'Academia'), 0), ev('bob', org('Mila', 'Academia'), 1)]);
    assert.equal(isDisputed(state.fields[0]), false);
    assert.equal(disputesOf(state).all.length, 0);
  });

  it('an adjudicator with a value decides: not disputed (even a role event written later)', function () {
    const events = [ev('ada', org('Mila', 'Academia'), 0), ev('bob', org('Mila', 'Non-profit'), 1), ev('carol', org('Mila', 'Academia'), 2)];
    assert.equal(disputesOf(stateOf(events)).all.length, 1, 'three annotators, two values, nobody adjudicates');
    const state = stateOf([...events, ev('carol', role('carol', 'adjudicator'), 3)]);
    assert.equal(isDisputed(state.fields[0]), false);
    assert.equal(disputesOf(state).all.length, 0);
    assert.equal(state.organizations.get('mila')!.value, 'Academia');
  });

  it('an adjudicator without a value on that target does not end the dispute', function () {
    const state = stateOf([ev('ada', org('Mila', 'Academia'), 0), ev('bob', org('Mila', 'Non-profit'), 1), ev('carol', org('Google', 'Industry'), 2), ev('carol', role('carol', 'adjudicator'), 3)]);
    assert.deepEqual(disputesOf(state).all.map((d) => d.key), ['mila']);
  });

  it('one annotator retracts: not disputed', function () {
    const state = stateOf([ev('ada', org('Mila', 'Academia'), 0), ev('bob', org('Mila', 'Non-profit'), 1), ev('ada', org('Mila', null), 2)]);
    assert.equal(isDisputed(state.fields[0]), false);
    assert.equal(disputesOf(state).all.length, 0);
    assert.equal(state.organizations.get('mila')!.value, 'Non-profit');
  });

  it("a paper's disputes: its own fields, then its organizations' categories in row order", function () {
    const state = stateOf([
      ev('ada', decision('GPT-4', 'include'), 0),
      ev('bob', decision('GPT-4', 'exclude'), 1),
      ev('ada', org('OpenAI', 'Industry'), 2),
      ev('bob', org('OpenAI', 'Non-profit'), 3),
      ev('ada', org('Microsoft', 'Industry'), 4),
    ]);
    const disputes = paperDisputes({ id: 'GPT-4', organizations: ['Microsoft', 'OpenAI', 'openai'] }, state);
    assert.equal(formatPaperDisputes(disputes), 'decision; category (OpenAI)');
    assert.deepEqual(paperDisputes({ id: 'GPT-3', organizations: ['Microsoft'] }, state), []);
  });
});

describe('labels: decisions in core', function () {
  it('parses decision choices case-insensitively, with the status bar\'s spellings, and names a bad one', function () {
    assert.deepEqual(parseDecisionChoices(['Include', 'excluded', 'MAYBE', 'undecided', 'include']), ['include', 'exclude', 'maybe', 'undecided']);
    assert.throws(() => parseDecisionChoices(['yes']), /unknown decision "yes"; expected one of include, exclude, maybe, undecided/);
  });
});

describeWithCorpus('labels: decisions and disputes on the real notable table', function () {
  this.timeout(30_000);
  let bytes: Buffer;
  let ds: Dataset;
  before(function () {
    bytes = fs.readFileSync(path.join(TEST_DATA, 'epoch', ORACLE.file));
    ds = loadDataset(bytes, ORACLE.file);
  });

  it('filterPapers keeps the rows of each decision choice (oracle: rows per choice)', function () {
    const labelled = applyLabels(ds, stateOf(oracleEvents()));
    for (const choice of ['include', 'exclude', 'maybe', 'undecided'] as const)
      assert.equal(filterPapers(labelled.papers, { decisions: [choice] }).length, ORACLE.expected[choice].rows, choice);
    assert.equal(filterPapers(labelled.papers, { decisions: ['include', 'maybe'] }).length, ORACLE.expected.include.rows + ORACLE.expected.maybe.rows);
    assert.equal(filterPapers(labelled.papers, { decisions: [] }).length, ds.papers.length, 'an empty list does not filter');
    for (const choice of ['include', 'exclude', 'maybe'] as const)
      assert.deepEqual(trendPoints(filterPapers(labelled.papers, { decisions: [choice] })).map((p) => p.id).sort(), ORACLE.expected[choice].points, `${choice}: points`);
    assert.equal(trendPoints(filterPapers(labelled.papers, { decisions: ['undecided'] })).length, ORACLE.expected.undecided.points);
    assert.equal(filterPapers(ds.papers, { decisions: ['undecided'] }).length, ds.papers.length, 'a table without labels: every row undecided');
  });

  it('the trends panel\'s decision filter goes through the same core filter (oracle points)', function () {
    const labelled = applyLabels(ds, stateOf(oracleEvents()));
    const view = buildTrendsView(labelled, { ...DEFAULT_TRENDS_FILTERS, decisions: ['include', 'maybe'] }, ORACLE.file);
    assert.deepEqual(view.points.map((p) => p.id).sort(), [...ORACLE.expected.include.points, ...ORACLE.expected.maybe.points].sort());
    const all = buildTrendsView(labelled, { ...DEFAULT_TRENDS_FILTERS, decisions: [] }, ORACLE.file);
    assert.equal(all.points.length, ORACLE.expected.undecided.points + 6, 'an empty list does not filter: 523 undecided + 6 decided points');
  });

  it('PRISMA-style counts: screened = included + excluded + maybe', function () {
    const labelled = applyLabels(ds, stateOf(oracleEvents()));
    const counts = decisionCounts(labelled.papers);
    const { include, exclude, maybe, undecided } = ORACLE.expected;
    assert.deepEqual(counts, { papers: ds.papers.length, screened: include.rows + exclude.rows + maybe.rows, include: include.rows, exclude: exclude.rows, maybe: maybe.rows, undecided: undecided.rows });
    assert.equal(formatDecisionCounts(counts), 'screened 7 · included 5 · excluded 1 · maybe 1');
    assert.equal(paperDecision(labelled.papers.find((p) => p.id === 'AlphaGo Zero')!), undefined, 'retracted');
  });

  it('the exported table carries Decision and Disputed columns; the labels CSV a disputed flag', function () {
    const events = [...oracleEvents(), ev('ada', org('Google', 'Industry'), 20), ev('bob', org('google', 'Non-profit'), 21)];
    const state = stateOf(events);
    const out = exportLabelledCsv(bytes, ds, state);
    const [header, ...rows] = readCsv(out.text);
    const at = (name: string): number => header.indexOf(name);
    assert.ok(at('Decision') > 0 && at('Disputed') > at('Decision'), 'both columns added at the end');
    const byModel = new Map(rows.map((r) => [r[at('Model')], r]));
    for (const [id, value] of Object.entries(ORACLE.effective)) assert.equal(byModel.get(id)![at('Decision')], value, id);
    assert.equal(byModel.get('AlphaGo Zero')![at('Decision')], '', 'a retracted decision is undecided');
    assert.equal(byModel.get('BERT-Large')![at('Disputed')], 'decision; category (Google)', 'ada exclude vs bob include, and Google disputed');
    assert.equal(byModel.get('PaLM 2')![at('Disputed')], 'category (Google)');
    assert.equal(byModel.get('Llama 2-70B')![at('Disputed')], '', 'Meta AI: nothing disputed');
    const googleRows = ds.papers.filter((p) => p.organizations.some((o) => o.toLowerCase() === 'google')).length;
    assert.equal(rows.filter((r) => r[at('Disputed')].includes('category (Google)')).length, googleRows);
    // The same from an already labelled dataset, given its fold; without the fold the column stays empty.
    assert.equal(exportLabelledCsv(bytes, ds, applyLabels(ds, state), state).text, out.text);
    const [, ...bare] = readCsv(exportLabelledCsv(bytes, ds, applyLabels(ds, state)).text);
    assert.ok(bare.every((r) => r[at('Disputed')] === ''));

    const parsed = parseLabelLog(logText(events), 'l').events;
    const [csvHeader, ...csvRows] = readCsv(labelsCsv(parsed, state));
    assert.equal(csvHeader[csvHeader.length - 1], 'disputed');
    const flagged = csvRows.filter((r) => r[csvHeader.length - 1] === 'yes').map((r) => `${r[3]}:${r[5]}`);
    assert.deepEqual(flagged, ['ada:BERT-Large', 'bob:BERT-Large', 'ada:Google', 'bob:google']);
    assert.ok(readCsv(labelsCsv(parsed)).slice(1).every((r) => r[12] === ''), 'no state, no flag');
  });

  it('the CLI: trends --decision include keeps the included points (oracle), and names bad input', async function () {
    const tmp = makeTemp();
    try {
      const log = path.join(tmp, 'labels.jsonl');
      fs.writeFileSync(log, logText(oracleEvents()));
      const file = path.join(TEST_DATA, 'epoch', ORACLE.file);
      for (const choice of ['include', 'exclude', 'maybe'] as const) {
        const r = await runCli(['trends', file, '--json', '--labels', log, '--decision', choice]);
        assert.equal(r.code, 0, r.stderr);
        assert.equal((JSON.parse(r.stdout) as { points: number }).points, ORACLE.expected[choice].points.length, choice);
      }
      const undecided = await runCli(['trends', file, '--json', '--labels', log, '--decision', 'Undecided']);
      assert.equal((JSON.parse(undecided.stdout) as { points: number }).points, ORACLE.expected.undecided.points);
      const two = await runCli(['shares', file, '--json', '--labels', log, '--decision', 'include', '--decision', 'maybe', '--top', '1']);
      const years = (JSON.parse(two.stdout) as { years: { n: number }[] }).years;
      const pointYears = new Set(
        [...ORACLE.expected.include.points, ...ORACLE.expected.maybe.points].map((id) => ds.papers.find((p) => p.id === id)!.publicationDate!.slice(0, 4)),
      );
      assert.equal(years.length, pointYears.size, 'one top-1 model per year that has an included or maybe point');
      assertUsageError(await runCli(['trends', file, '--labels', log, '--decision', 'yes']), /--decision: unknown decision "yes"/);
      assertUsageError(await runCli(['trends', file, '--decision', 'include']), /--decision needs --labels/);
    } finally {
      removeTemp(tmp);
    }
  });
});
