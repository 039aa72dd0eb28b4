/**
 * The Findings panel's view model (src/host/findingsViewModel.ts) on Epoch's notable-models table
 * of 2026-07 (read from ../shared/data, never copied), against the numbers of the independent
 * Python oracle in test/unit/expectedAnalyses.json (test/tools/expected_analyses.py): the
 * scatter's points and the caption's rho, k and p for topics by domain and by task since 2010,
 * the sentence's threshold and academic-only shares, and the diffusion chart's counts per period
 * and in total for Academia and Collaboration. Also: a `model` label on an unmatched base-model
 * name moves the Academia count as the label says, and the panel's sector filter narrows both.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { ModelLabel } from '../../src/core/analyses/baseModels';
import { modelNameKey } from '../../src/core/analyses/baseModels';
import { loadDataset } from '../../src/core/dataset/loadDataset';
import type { Dataset } from '../../src/core/dataset/model';
import { diffusionCsv, topicsCsv } from '../../src/host/findingsCsv';
import { buildDiffusionView, buildTopicsView } from '../../src/host/findingsViewModel';
import { DEFAULT_TRENDS_FILTERS } from '../../src/shared/trendsProtocol';
import { describeWithCorpus } from '../support/corpus';
import { REPO, TEST_DATA } from '../support/paths';

const FILE = 'notable_ai_models_2026-07.csv';
const REL = 1e-9;

interface ExpectedTopic {
  topic: string;
  n_models: number;
  n_with_compute: number;
  median_log10_flop: number | null;
  shares: { Academia: number | null };
  top_quantile: { n: number; sector_counts: { Academia: number } };
}
interface ExpectedCounts {
  n_models: number;
  n_with_base: number;
  n_base_industry: number;
  n_base_industry_open: number | null;
  share_models_on_industry_open_base: number | null;
}
interface ExpectedTopics {
  rows_in_window: number;
  threshold_log10_flop: number;
  overall: { n_models: number; sector_counts: { Academia: number }; shares: { Academia: number }; top_quantile: { n: number; sector_counts: { Academia: number }; shares: { Academia: number } } };
  topics: ExpectedTopic[];
  correlation: { n_topics: number; spearman_rho: number; p_value: number; p_exact: number | null; topics: string[] };
}
interface ExpectedDiffusion {
  groups: Record<'Academia' | 'Collaboration', { years: ({ year: number } & ExpectedCounts)[]; periods: ({ period: string } & ExpectedCounts)[]; total: ExpectedCounts }>;
  base_model_links: { links: number; unmatched: number; unmatched_distinct: number };
  unmatched_base_names: { name: string; count: number }[];
}

function close(actual: number | null, expected: number | null, where: string): void {
  if (expected === null) return assert.equal(actual, null, where);
  assert.ok(actual !== null && Math.abs(actual - expected) <= REL * Math.max(1, Math.abs(expected)), `${where}: ${String(actual)} ≠ ${expected}`);
}

describeWithCorpus(
  'Findings view model (topics and diffusion tabs) on the 2026-07 notable models',
  function () {
    this.timeout(60_000);
    let dataset: Dataset;
    let expected: { topics_domain_since_2010: ExpectedTopics; topics_task_since_2010: ExpectedTopics; diffusion: ExpectedDiffusion };
    before(function () {
      dataset = loadDataset(readFileSync(path.join(TEST_DATA, 'epoch', FILE)), FILE);
      expected = (JSON.parse(readFileSync(path.join(REPO, 'test', 'unit', 'expectedAnalyses.json'), 'utf8')) as Record<string, typeof expected>)[FILE];
    });

    for (const by of ['domain', 'task'] as const)
      it(`topics by ${by} since 2010: points, rho, k, p and the sentence's numbers equal the oracle's`, function () {
        const want = by === 'domain' ? expected.topics_domain_since_2010 : expected.topics_task_since_2010;
        const view = buildTopicsView(dataset, { ...DEFAULT_TRENDS_FILTERS, since: '2010-01-01' }, by);
        assert.equal(view.available, true);
        assert.equal(view.rowsInWindow, want.rows_in_window);
        close(view.thresholdLog10Flop, want.threshold_log10_flop, 'threshold');
        assert.equal(view.overall.n, want.overall.n_models);
        assert.equal(view.overall.academia, want.overall.sector_counts.Academia);
        close(view.overall.share, want.overall.shares.Academia, 'overall share');
        assert.equal(view.overall.topN, want.overall.top_quantile.n);
        assert.equal(view.overall.topAcademia, want.overall.top_quantile.sector_counts.Academia);
        close(view.overall.topShare, want.overall.top_quantile.shares.Academia, 'top share');
        assert.equal(view.correlation.k, want.correlation.n_topics);
        close(view.correlation.rho, want.correlation.spearman_rho, 'rho');
        close(view.correlation.pValue, want.correlation.p_value, 'p');
        assert.deepEqual(
          view.topics.filter((t) => t.inCorrelation).map((t) => t.topic),
          want.correlation.topics,
          'the topics of the correlation (the scatter points that enter rho)',
        );
        for (const t of want.topics) {
          const row = view.topics.find((r) => r.topic === t.topic);
          assert.ok(row, t.topic);
          assert.equal(row.nModels, t.n_models, `${t.topic} n`);
          assert.equal(row.nWithCompute, t.n_with_compute, `${t.topic} n with compute`);
          close(row.medianLog10Flop, t.median_log10_flop, `${t.topic} median`);
          close(row.academiaShare, t.shares.Academia, `${t.topic} academic share`);
          assert.equal(row.topN, t.top_quantile.n, `${t.topic} top n`);
          assert.equal(row.topAcademia, t.top_quantile.sector_counts.Academia, `${t.topic} top academia`);
          assert.equal(row.modelCount, t.n_models, `${t.topic}: the hover list is drawn from the topic's own rows`);
        }
      });

    it('topics by domain since 2010: the caption and the sentence state the oracle numbers (analyses.md anchors)', function () {
      const view = buildTopicsView(dataset, { ...DEFAULT_TRENDS_FILTERS, since: '2010-01-01' }, 'domain');
      assert.match(view.caption, /Spearman's ρ = −0\.19 .* k = 11 .* p = 0\.57 \(t-approximation, two-sided\)\. With so few topics the p-value is fragile/);
      assert.equal(
        view.sentence,
        'The top quartile of training compute starts at 10^23.58 FLOP: academic-only teams built 19% of all 905 models in the window (174) but 0% of the 117 models in the top quartile (0).',
      );
      const language = view.topics.find((t) => t.topic === 'Language')!;
      assert.equal(language.models.length, 12);
      const computes = language.models.map((m) => dataset.papers.find((p) => p.id === m.id)!.trainingComputeFlop ?? -1);
      assert.deepEqual(computes, [...computes].sort((a, b) => b - a), 'hover list: most training compute first');
      assert.equal(language.inTree, true, 'Language is a first domain: the tree has a node for it');
    });

    it('diffusion (no window): Academia and Collaboration per period, per year and in total equal the oracle', function () {
      const view = buildDiffusionView(dataset, DEFAULT_TRENDS_FILTERS);
      const want = expected.diffusion;
      assert.equal(view.available, true);
      assert.equal(view.hasOpenWeights, true);
      for (const group of ['Academia', 'Collaboration'] as const) {
        const periods = view.periods.filter((c) => c.group === group);
        assert.deepEqual(
          periods.map((c) => [c.label, c.nModels, c.nWithBase, c.nBaseIndustry, c.nBaseIndustryOpen]),
          want.groups[group].periods.map((p) => [p.period, p.n_models, p.n_with_base, p.n_base_industry, p.n_base_industry_open]),
          `${group} periods`,
        );
        periods.forEach((c, i) => close(c.share, want.groups[group].periods[i].share_models_on_industry_open_base, `${group} ${c.label} share`));
        const total = view.totals.find((t) => t.group === group)!;
        assert.deepEqual([total.nModels, total.nWithBase, total.nBaseIndustry, total.nBaseIndustryOpen], [want.groups[group].total.n_models, want.groups[group].total.n_with_base, want.groups[group].total.n_base_industry, want.groups[group].total.n_base_industry_open]);
        for (const c of view.years.filter((y) => y.group === group)) {
          const y = want.groups[group].years.find((w) => String(w.year) === c.label)!;
          assert.deepEqual([c.nModels, c.nBaseIndustryOpen], [y.n_models, y.n_base_industry_open], `${group} ${c.label}`);
        }
      }
      // Years start where a base model is first named; none is named before.
      const first = Number(view.years[0].label);
      for (const group of ['Academia', 'Collaboration'] as const) assert.ok(want.groups[group].years.every((y) => y.year >= first || y.n_with_base === 0));
      assert.deepEqual([view.links.links, view.links.unmatched, view.links.unmatchedDistinct], [want.base_model_links.links, want.base_model_links.unmatched, want.base_model_links.unmatched_distinct]);
      assert.deepEqual(
        view.unmatched.map((u) => [u.name, u.count]),
        want.unmatched_base_names.map((u) => [u.name, u.count]),
        'unmatched names, most referenced first',
      );
      assert.match(view.caption, /In all: Academia 4 of 243, Collaboration \d+ of 173\./);
    });

    it('a model label on an unmatched name (Llama 2-13B: 2 academic references) makes it an open industry parent', function () {
      const before = buildDiffusionView(dataset, DEFAULT_TRENDS_FILTERS);
      const labels = new Map<string, ModelLabel>([[modelNameKey('Llama 2-13B'), { name: 'Llama 2-13B', teamSector: 'Industry', openWeights: 'open' }]]);
      const after = buildDiffusionView({ ...dataset, modelLabels: labels }, DEFAULT_TRENDS_FILTERS);
      const academia = (v: typeof before): number => v.totals.find((t) => t.group === 'Academia')!.nBaseIndustryOpen!;
      // The two academic rows that cite it had no industry-open parent before (else the oracle's list would not move them).
      assert.ok(academia(after) > academia(before) && academia(after) <= academia(before) + 2, `${academia(before)} → ${academia(after)}`);
      assert.deepEqual(after.unmatched.find((u) => u.name === 'Llama 2-13B')?.label, { teamSector: 'Industry', openWeights: 'open' });
      assert.equal(after.links.labelled, 3);
    });

    it("the panel's sector filter narrows both analyses (Industry only: no academic model, rho over industry rows)", function () {
      const filters = { ...DEFAULT_TRENDS_FILTERS, sectors: ['Industry' as const] };
      const topics = buildTopicsView(dataset, filters, 'domain');
      assert.equal(topics.overall.academia, 0);
      assert.equal(topics.overall.n, 569);
      const diffusion = buildDiffusionView(dataset, filters);
      assert.ok(diffusion.totals.every((t) => t.nModels === 0));
    });
  },
  [`epoch/${FILE}`],
);

describeWithCorpus(
  'Findings CSV exports (src/host/findingsCsv.ts)',
  function () {
    it('topics and diffusion CSV hold the view numbers unrounded, one row per topic / per group and year, period and total', function () {
      const dataset = loadDataset(readFileSync(path.join(TEST_DATA, 'epoch', FILE)), FILE);
      const topicsView = buildTopicsView(dataset, { ...DEFAULT_TRENDS_FILTERS, since: '2010-01-01' }, 'domain');
      const lines = topicsCsv(topicsView).trimEnd().split('\n');
      assert.equal(lines[0], 'Domain,Models,Models with training compute,Median log10 training compute (FLOP),Academic-only share,Models in top quantile,Academic-only models in top quantile,In correlation');
      assert.equal(lines.length, 1 + topicsView.topics.length);
      const language = topicsView.topics.find((t) => t.topic === 'Language')!;
      assert.equal(lines[1], `Language,508,289,${language.medianLog10Flop},${language.academiaShare},${language.topN},${language.topAcademia},yes`);
      const diffusionView = buildDiffusionView(dataset, DEFAULT_TRENDS_FILTERS);
      const [shares, names] = diffusionCsv(diffusionView).split('\n\n');
      const rows = shares.trimEnd().split('\n');
      assert.equal(rows.length, 1 + diffusionView.years.length + diffusionView.periods.length + 2);
      assert.ok(rows.includes('Academia,2023-,23,13,3,2,0.08695652173913043'), 'the oracle\'s Academia 2023- row');
      assert.equal(names.trimEnd().split('\n').length, 1 + 41, 'every unmatched name (41 distinct)');
    });
  },
  [`epoch/${FILE}`],
);
