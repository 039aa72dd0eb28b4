/**
 * The topic and diffusion analyses (../shared/spec/analyses.md) through `compute-divide topics` and
 * `diffusion --json` on five real Epoch snapshots of four eras, against
 * test/unit/expectedAnalyses.json, written by the independent Python oracle
 * test/tools/expected_analyses.py (numbers to 1e-9 relative); `available: false` where a column is
 * missing; the spec's sanity anchors; usage errors as one stderr line with exit status 2.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DiffusionResult } from '../../src/core/analyses/diffusion';
import type { TopicsResult } from '../../src/core/analyses/topics';
import { describeWithCorpus } from '../support/corpus';
import { REPO, testData } from '../support/paths';
import { assertUsageError, runCli, type CliRun } from '../support/runCli';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const EXPECTED = JSON.parse(fs.readFileSync(path.join(REPO, 'test', 'unit', 'expectedAnalyses.json'), 'utf8')) as Record<string, Record<string, { [key: string]: Json }>>;
const FILES = Object.keys(EXPECTED);
const NOTABLE = 'notable_ai_models_2026-07.csv';
const REL = 1e-9;

function json<T>(r: CliRun): T {
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.indexOf('\n'), r.stdout.length - 1, 'exactly one line on stdout');
  return JSON.parse(r.stdout) as T;
}

/** Every key of `expected` is in `actual` with an equal value; numbers to 1e-9 relative (absolute near 0). */
function matches(actual: unknown, expected: Json, where: string): void {
  if (typeof expected === 'number') {
    assert.equal(typeof actual, 'number', `${where}: ${String(actual)} is not a number (expected ${expected})`);
    assert.ok(Math.abs((actual as number) - expected) <= REL * Math.max(1, Math.abs(expected)) || Math.abs((actual as number) - expected) <= REL * Math.abs(expected), `${where}: ${String(actual)} ≠ ${expected}`);
  } else if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual), `${where}: not a list`);
    assert.equal(actual.length, expected.length, `${where}: length`);
    expected.forEach((e, i) => matches(actual[i], e, `${where}[${i}]`));
  } else if (expected !== null && typeof expected === 'object') {
    assert.ok(actual !== null && typeof actual === 'object', `${where}: not an object`);
    for (const [k, v] of Object.entries(expected)) matches((actual as Record<string, unknown>)[k], v, `${where}.${k}`);
  } else assert.equal(actual, expected, where);
}

/** The oracle's topic analysis against the CLI's (its per-topic time view sits in `time_view.topics`). */
function matchTopics(actual: TopicsResult, expected: { [key: string]: Json }, where: string): void {
  if (expected.available === false) {
    matches(actual, expected, where);
    assert.equal(actual.overall, null);
    assert.equal(actual.rows_in_window, null, 'numbers are null, never zero');
    // The message names the missing column the oracle found (the sector column, or Task for topics by task).
    for (const column of (expected.missing_columns as string[] | undefined) ?? ['Organization categorization']) assert.match(actual.message ?? '', new RegExp(`no "${column}" column`));
    return;
  }
  const { topics, threshold_log10_flop, ...rest } = expected;
  matches(actual, rest, where);
  matches(actual.top_quantile.threshold_log10_flop, threshold_log10_flop, `${where}.threshold`);
  const list = topics as { [key: string]: Json }[];
  if (where.includes('task')) {
    // The oracle keeps the tasks with 10 or more models (and `(no task)`, listed last): found by name.
    for (const t of list) matches(actual.topics.find((x) => x.topic === t.topic), t, `${where}.topics[${JSON.stringify(t.topic)}]`);
    assert.deepEqual(
      actual.topics.filter((x) => x.n_models >= 10).map((x) => x.topic),
      list.map((t) => t.topic),
      `${where}: order`,
    );
    return;
  }
  assert.equal(actual.topics.length, list.length, `${where}: number of topics`);
  list.forEach((t, i) => {
    const { time_view, ...numbers } = t;
    matches(actual.topics[i], numbers, `${where}.topics[${i}]`);
    matches(actual.time_view!.topics[actual.topics[i].topic], time_view, `${where}.time_view[${JSON.stringify(t.topic)}]`);
  });
}

function matchDiffusion(actual: DiffusionResult, expected: { [key: string]: Json }, where: string): void {
  const { ambiguous_names, sparse_note, ...rest } = expected;
  matches(actual, rest, where);
  if (ambiguous_names !== undefined)
    assert.deepEqual(
      actual.ambiguous_names.map((a) => a.name.toLowerCase()).sort(),
      ambiguous_names,
      `${where}.ambiguous_names`,
    );
  if (sparse_note !== undefined) assert.equal(actual.notes.some((n) => /fewer than 5%/.test(n)), sparse_note, `${where}: the sparse-base-model note`);
}

describeWithCorpus(
  'Analyses on real snapshots (analyses.md; numbers from test/tools/expected_analyses.py)',
  function () {
    this.timeout(60_000);
    for (const file of FILES) {
      const expected = EXPECTED[file];
      it(`${file}: topics by domain since 2010, by task since 2010, by domain all time`, async () => {
        const f = testData('epoch', file);
        matchTopics(json<TopicsResult>(await runCli(['topics', f, '--json', '--since', '2010-01-01'])), expected.topics_domain_since_2010, 'domain');
        matchTopics(json<TopicsResult>(await runCli(['topics', f, '--json', '--since', '2010-01-01', '--by', 'task'])), expected.topics_task_since_2010, 'task');
        matchTopics(json<TopicsResult>(await runCli(['topics', f, '--json'])), expected.topics_domain_all_time, 'domain all time');
      });
      it(`${file}: diffusion, open any and unrestricted`, async () => {
        const f = testData('epoch', file);
        const any = json<DiffusionResult>(await runCli(['diffusion', f, '--json']));
        matchDiffusion(any, expected.diffusion, 'diffusion');
        matchDiffusion(json<DiffusionResult>(await runCli(['diffusion', f, '--json', '--open', 'unrestricted'])), expected.diffusion_unrestricted, 'unrestricted');
        if (expected.diffusion.available === false) {
          assert.equal(any.groups, null);
          assert.ok(any.message && any.missing_columns.every((c) => any.message!.includes(c)));
        }
      });
    }

    it('the sanity anchors of analyses.md on the 2026-07 table', async () => {
      const f = testData('epoch', NOTABLE);
      const t = json<TopicsResult>(await runCli(['topics', f, '--json', '--since', '2010-01-01']));
      assert.equal(t.rows_in_window, 905);
      assert.equal(t.top_quantile.threshold_log10_flop!.toFixed(2), '23.58');
      assert.equal(Math.round(100 * t.overall!.shares.Academia!), 19);
      assert.deepEqual([t.overall!.top_quantile.n, t.overall!.top_quantile.sector_counts.Academia], [117, 0]);
      assert.equal(Math.round(100 * t.topics.find((x) => x.topic === 'Language')!.shares.Academia!), 11);
      assert.deepEqual([t.correlation!.spearman_rho!.toFixed(2), t.correlation!.n_topics, t.correlation!.p_value!.toFixed(2)], ['-0.19', 11, '0.57']);
      const byTask = json<TopicsResult>(await runCli(['topics', f, '--json', '--since', '2010-01-01', '--by', 'task']));
      assert.deepEqual([byTask.correlation!.spearman_rho!.toFixed(2), byTask.correlation!.n_topics], ['-0.80', 38]);
      const d = json<DiffusionResult>(await runCli(['diffusion', f, '--json']));
      const a = d.groups!.Academia.total;
      assert.deepEqual([a.n_models, a.n_with_base, a.n_base_industry, a.n_base_industry_open], [243, 27, 5, 4]);
      assert.deepEqual([d.base_model_links!.unmatched, d.base_model_links!.links], [52, 144]);
    });

    it('plain text: the topic table, the threshold sentence and rho with its caution; diffusion per period', async () => {
      const f = testData('epoch', NOTABLE);
      const t = await runCli(['topics', f, '--since', '2010-01-01']);
      assert.equal(t.code, 0);
      assert.match(t.stdout, /^Language\s+508\s+289\s+22\.89\s+11\.2%/m);
      assert.match(t.stdout, /Academic-only share: 19\.2% of all 905 rows, 0\.0% of the 117 top-quantile rows\./);
      assert.match(t.stdout, /Spearman's rho .*: -0\.191 over k = 11 topics with ≥ 10 models \(p = 0\.573\)\.\nWith so few topics the p-value is fragile/);
      const d = await runCli(['diffusion', f]);
      assert.match(d.stdout, /^Academia\s+2023-\s+23\s+13\s+4\s+3\s+2\s+8\.7%$/m);
      assert.match(d.stdout, /Base-model links: 144, of which 52 name no row \(41 distinct names\)\./);
    });

    it('--periods, --min-models and --top-quantile change what they name', async () => {
      const f = testData('epoch', NOTABLE);
      const t = json<TopicsResult>(await runCli(['topics', f, '--json', '--since', '2010-01-01', '--min-models', '50', '--top-quantile', '0.5', '--periods', '2010-2019,2020-']));
      assert.deepEqual(t.correlation!.topics, ['Language', 'Vision', 'Multimodal', 'Image generation']);
      assert.equal(t.correlation!.p_exact !== null, true, 'k = 4 ≤ 8: an exact p');
      assert.deepEqual(t.time_view!.periods, ['2010-2019', '2020-']);
      assert.ok(t.overall!.top_quantile.n > 117);
      assert.equal(t.parameters.top_quantile, 0.5);
    });
  },
  ['epoch/'],
);

describe('Analyses CLI errors (cli.md, "Errors")', () => {
  const table = testData('epoch', NOTABLE);
  for (const [args, what] of [
    [['topics', table, '--by', 'title'], /--by: "title" is not one of domain, task/],
    [['topics', table, '--top-quantile', '1.5'], /--top-quantile: "1\.5" is not a number from 0 to 1/],
    [['topics', table, '--min-models', '0'], /--min-models: "0" is not a whole number ≥ 1/],
    [['topics', table, '--periods', '2015-2010'], /--periods: "2015-2010" ends before it starts/],
    [['topics', table, '--since', '2023-02-30'], /--since: "2023-02-30" is not a real calendar date/],
    [['diffusion', table, '--open', 'maybe'], /--open: "maybe" is not one of any, unrestricted/],
    [['diffusion', table, '--periods', 'recent'], /--periods: "recent" is not a period/],
    [['diffusion', '/nonexistent/table.csv'], /no such file: \/nonexistent\/table\.csv/],
    [['topics', table, '--labels', '/nonexistent/labels.jsonl'], /no such label log/],
  ] as const)
    it(`${args.slice(2).join(' ') || args[1]}: one line, exit 2`, async () => assertUsageError(await runCli([...args]), what));
});
