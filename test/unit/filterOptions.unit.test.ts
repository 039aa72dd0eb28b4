/**
 * The filter bar's choices and the models per year, moved from the host into core
 * (src/core/dataset/filterOptions.ts, src/core/trends/countsPerYear.ts) so the CLI can use them:
 * checked on three eras of Epoch's table against the independent oracle
 * test/tools/expected_filter_options.py (expectedFilterOptions.json), and the host's view
 * (buildTrendsView) checked to give exactly core's numbers.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { filterPapers, type TrendFilter } from '../../src/core/dataset/filters';
import { filterOptions, publicationDateRange } from '../../src/core/dataset/filterOptions';
import { loadDataset } from '../../src/core/dataset/loadDataset';
import type { Dataset, Paper } from '../../src/core/dataset/model';
import { countsPerYear, type SectorCountYear } from '../../src/core/trends/countsPerYear';
import { buildTrendsView } from '../../src/host/trendsViewModel';
import { DEFAULT_TRENDS_FILTERS } from '../../src/shared/trendsProtocol';
import { describeWithCorpus } from '../support/corpus';
import { TEST_DATA } from '../support/paths';

interface OracleOptions {
  domains: Record<string, { count: number; total: number }>;
  sectors: { value: string; count: number; total: number }[];
  dateRange: { min: string; max: string } | null;
}
const EXPECTED = JSON.parse(readFileSync(path.join(__dirname, 'expectedFilterOptions.json'), 'utf8')) as {
  cases: Record<string, TrendFilter>;
  files: Record<string, { rows: number; options: Record<string, OracleOptions>; countsPerYearLanguageSince2015: SectorCountYear[] }>;
};
const FILES = Object.keys(EXPECTED.files);

describe('core filter options and counts per year (hand-made rows)', function () {
  const paper = (id: string, date: string | undefined, domains: string[], sector: Paper['teamSector'], flop?: number): Paper => ({ id, name: id, publicationDate: date, domains, teamSector: sector, notabilityCriteria: [], organizations: [], trainingComputeFlop: flop }) as unknown as Paper;
  const rows = [paper('a', '2020-05-01', ['Vision', 'Vision'], 'Academia', 1e20), paper('b', '2020-01-01', ['Language'], 'Industry'), paper('c', undefined, ['Language'], 'Industry', 1e22), paper('d', '2019-12-31', [], 'Unknown', 1e18)];

  it('counts a domain written twice in a row once, lists every sector in the spec order, and spans the dated rows', function () {
    const options = filterOptions(rows, { sectors: ['Industry'] });
    assert.deepEqual(options.domains, [
      { value: 'Language', count: 2, total: 2 },
      { value: 'Vision', count: 0, total: 1 },
    ]);
    assert.deepEqual(
      options.sectors.map((s) => [s.value, s.count, s.total]),
      [
        ['Academia', 1, 1],
        ['Industry', 2, 2],
        ['Collaboration', 0, 0],
        ['Other', 0, 0],
        ['Unknown', 1, 1],
      ],
      'the sector filter itself does not narrow the sector counts',
    );
    assert.deepEqual(options.dateRange, { min: '2019-12-31', max: '2020-05-01' });
    assert.equal(publicationDateRange([rows[2]]), null);
  });

  it('countsPerYear skips undated rows, counts compute per sector, follows sectorOf, and ascends', function () {
    assert.deepEqual(countsPerYear(rows), [
      { year: 2019, Academia: 0, Industry: 0, Collaboration: 0, Other: 0, Unknown: 1, withCompute: { Academia: 0, Industry: 0, Collaboration: 0, Other: 0, Unknown: 1 } },
      { year: 2020, Academia: 1, Industry: 1, Collaboration: 0, Other: 0, Unknown: 0, withCompute: { Academia: 1, Industry: 0, Collaboration: 0, Other: 0, Unknown: 0 } },
    ]);
    assert.deepEqual(
      countsPerYear(rows, () => 'Other').map((r) => [r.year, r.Other, r.withCompute.Other]),
      [
        [2019, 1, 1],
        [2020, 2, 1],
      ],
    );
  });
});

describeWithCorpus(
  'core filter options and counts per year on three eras of the table (independent oracle)',
  function () {
    const datasets = new Map<string, Dataset>();
    before(function () {
      for (const file of FILES) datasets.set(file, loadDataset(readFileSync(path.join(TEST_DATA, 'epoch', file)), file));
    });

    for (const file of FILES) {
      for (const [name, filter] of Object.entries(EXPECTED.cases)) {
        it(`${file}, filter ${name}: domains, team sectors and date range as the oracle counts them`, function () {
          const dataset = datasets.get(file)!;
          const oracle = EXPECTED.files[file].options[name];
          assert.equal(dataset.papers.length, EXPECTED.files[file].rows);
          const options = filterOptions(dataset.papers, filter);
          assert.deepEqual(Object.fromEntries(options.domains.map((d) => [d.value, { count: d.count, total: d.total }])), oracle.domains);
          for (let i = 1; i < options.domains.length; i++) assert.ok(options.domains[i - 1].total >= options.domains[i].total, 'most frequent first');
          assert.deepEqual(options.sectors, oracle.sectors);
          assert.deepEqual(options.dateRange, oracle.dateRange);
        });
      }

      it(`${file}: models per year and team sector in Language since 2015-09-01 as the oracle counts them`, function () {
        const dataset = datasets.get(file)!;
        const oracle = EXPECTED.files[file].countsPerYearLanguageSince2015;
        assert.ok(oracle.length >= 7);
        assert.deepEqual(countsPerYear(filterPapers(dataset.papers, EXPECTED.cases.languageSince2015)), oracle);
      });

      it(`${file}: the panel's view takes its counts and filter choices from core`, function () {
        const dataset = datasets.get(file)!;
        const filters = { ...DEFAULT_TRENDS_FILTERS, sectors: ['Academia' as const], since: '2012-01-01' };
        const view = buildTrendsView(dataset, filters, file);
        const filter: TrendFilter = { since: filters.since, sectors: filters.sectors, domains: [], notability: [], text: '' };
        const core = filterOptions(dataset.papers, filter);
        assert.deepEqual({ domains: view.options.domains, notability: view.options.notability, dateRange: view.options.dateRange }, { domains: core.domains, notability: core.notability, dateRange: core.dateRange });
        assert.deepEqual(view.counts, countsPerYear(filterPapers(dataset.papers, filter)));
      });
    }
  },
  FILES.map((f) => `epoch/${f}`),
);
