/**
 * What the trends panel is told besides the fits: the years covered only in part
 * (src/core/trends/trendsCoverage.ts), chart 3's counts split by known training compute, and the
 * filter-aware counts of the domain and notability choices (src/host/trendsViewModel.ts). Real
 * values come from Epoch's notable-models table in ../shared/data (read, never copied), checked
 * against counts taken straight from the loaded rows and, where the data's README or the CLI
 * spec states them, against those numbers.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadDataset } from '../../src/core/dataset/loadDataset';
import type { Dataset, Paper } from '../../src/core/dataset/model';
import { hasTrainingCompute } from '../../src/core/trends/trends';
import { dayBefore, partialYears } from '../../src/core/trends/trendsCoverage';
import { countsPerYear } from '../../src/core/trends/countsPerYear';
import { buildTrendsView } from '../../src/host/trendsViewModel';
import { DEFAULT_TRENDS_FILTERS, type SectorName, type TrendsFilters, type TrendsView } from '../../src/shared/trendsProtocol';
import { describeWithCorpus } from '../support/corpus';
import { TEST_DATA } from '../support/paths';

const FILE = 'notable_ai_models_2026-07.csv';
const SECTORS: SectorName[] = ['Academia', 'Industry', 'Collaboration', 'Other', 'Unknown'];

describe('partialYears and dayBefore (trendsCoverage)', function () {
  it('the year of the latest publication date is partial unless that date is 31 December', function () {
    assert.deepEqual(partialYears('2026-07-15'), [{ year: 2026, from: '2026-01-01', through: '2026-07-15' }]);
    assert.deepEqual(partialYears('2025-12-31'), []);
    assert.deepEqual(partialYears('2024-01-01'), [{ year: 2024, from: '2024-01-01', through: '2024-01-01' }]);
    assert.deepEqual(partialYears(undefined), [], 'no dated row: nothing to mark');
  });

  it('the date filter: since cuts the start of its year, until (exclusive) the end of the year before it', function () {
    assert.deepEqual(partialYears('2026-07-15', '2012-06-01'), [
      { year: 2012, from: '2012-06-01', through: '2012-12-31' },
      { year: 2026, from: '2026-01-01', through: '2026-07-15' },
    ]);
    assert.deepEqual(partialYears('2026-07-15', '2010-01-01'), [{ year: 2026, from: '2026-01-01', through: '2026-07-15' }], '1 January cuts nothing');
    assert.deepEqual(partialYears('2026-07-15', undefined, '2020-07-01'), [{ year: 2020, from: '2020-01-01', through: '2020-06-30' }]);
    assert.deepEqual(partialYears('2026-07-15', undefined, '2021-01-01'), [], 'until 1 January ends on a whole year');
    assert.deepEqual(partialYears('2026-07-15', undefined, '2020-03-01'), [{ year: 2020, from: '2020-01-01', through: '2020-02-29' }], 'leap year');
    assert.deepEqual(partialYears('2026-07-15', undefined, '2030-01-01'), [{ year: 2026, from: '2026-01-01', through: '2026-07-15' }], 'an until after the data changes nothing');
  });

  it('one year cut at both ends is reported once; a since after the data leaves nothing', function () {
    assert.deepEqual(partialYears('2026-07-15', '2020-03-01', '2020-09-01'), [{ year: 2020, from: '2020-03-01', through: '2020-08-31' }]);
    assert.deepEqual(partialYears('2026-07-15', '2026-03-01'), [{ year: 2026, from: '2026-03-01', through: '2026-07-15' }]);
    assert.deepEqual(partialYears('2026-07-15', '2027-01-01'), []);
  });

  it('dayBefore crosses months, leap days and years; impossible dates throw', function () {
    assert.equal(dayBefore('2020-03-01'), '2020-02-29');
    assert.equal(dayBefore('2021-03-01'), '2021-02-28');
    assert.equal(dayBefore('1900-03-01'), '1900-02-28');
    assert.equal(dayBefore('2021-01-01'), '2020-12-31');
    assert.equal(dayBefore('2021-05-01'), '2021-04-30');
    assert.equal(dayBefore('2021-05-17'), '2021-05-16');
    assert.equal(dayBefore('0999-01-01'), '0998-12-31');
    assert.throws(() => dayBefore('2021-02-29'), RangeError);
    assert.throws(() => dayBefore('0001-01-01'), RangeError);
    assert.throws(() => partialYears('2026-07-15', '2021-13-01'), RangeError);
  });
});

describeWithCorpus('buildTrendsView on the real notable-models table', function () {
  let dataset: Dataset;
  const view = (filters: Partial<TrendsFilters> = {}): TrendsView => buildTrendsView(dataset, { ...DEFAULT_TRENDS_FILTERS, ...filters }, FILE);
  before(function () {
    dataset = loadDataset(readFileSync(path.join(TEST_DATA, 'epoch', FILE)), FILE);
  });

  it('marks 2026 partial: the latest publication date is 2026-07-15', function () {
    // ../shared/data/README.md: publication dates 1950-07-02 … 2026-07-15.
    const latest = dataset.papers.reduce((max, p) => (p.publicationDate && p.publicationDate > max ? p.publicationDate : max), '');
    assert.equal(latest, '2026-07-15');
    assert.deepEqual(view().partialYears, [{ year: 2026, from: '2026-01-01', through: '2026-07-15' }]);
    // The whole dataset's coverage, not the filtered rows': Academia's last model is earlier.
    assert.deepEqual(view({ sectors: ['Academia'] }).partialYears, [{ year: 2026, from: '2026-01-01', through: '2026-07-15' }]);
    assert.deepEqual(view({ since: '2015-09-01', until: '2020-07-01' }).partialYears, [
      { year: 2015, from: '2015-09-01', through: '2015-12-31' },
      { year: 2020, from: '2020-01-01', through: '2020-06-30' },
    ]);
  });

  it('chart 3 counts every dated row (1,031), and per sector those with training compute (529, the points)', function () {
    const v = view();
    const total = (row: Record<SectorName, number>): number => SECTORS.reduce((n, s) => n + row[s], 0);
    // ../shared/spec/cli.md (`summary`): 1,036 rows, 1,031 with a date, 529 with training compute.
    assert.equal(v.totalRows, 1036);
    assert.equal(v.counts.reduce((n, row) => n + total(row), 0), 1031);
    assert.equal(v.counts.reduce((n, row) => n + total(row.withCompute), 0), 529);
    assert.equal(v.points.length, 529);
    for (const row of v.counts) {
      for (const s of SECTORS) {
        const dated = dataset.papers.filter((p) => p.teamSector === s && p.publicationDate?.startsWith(`${row.year}-`));
        assert.equal(row[s], dated.length, `${row.year} ${s}`);
        assert.equal(row.withCompute[s], v.points.filter((p) => p.sector === s && p.date.startsWith(`${row.year}-`)).length, `${row.year} ${s} with compute`);
      }
    }
    const before2010 = v.counts.filter((row) => row.year < 2010);
    assert.equal(before2010.reduce((n, row) => n + total(row), 0), 126);
    assert.equal(before2010.reduce((n, row) => n + total(row.withCompute), 0), 62);
  });

  it('countsPerYear follows the supplied sector and skips undated rows', function () {
    const rows = countsPerYear(dataset.papers, () => 'Other');
    assert.deepEqual(
      rows.map((r) => [r.Academia, r.Industry, r.Collaboration, r.Unknown]).flat().filter((n) => n !== 0),
      [],
    );
    assert.equal(rows.reduce((n, r) => n + r.Other, 0), 1031);
    assert.equal(rows.reduce((n, r) => n + r.withCompute.Other, 0), dataset.papers.filter((p) => p.publicationDate && hasTrainingCompute(p)).length);
  });

  it('each fit line spans its own models: x from the first to the last model of its sector and segment (oracle)', function () {
    const expected = (JSON.parse(readFileSync(path.join(__dirname, 'expectedTrends.json'), 'utf8')) as { files: Record<string, { fitRanges: { sector: string; segment: unknown; xMin: number; xMax: number }[] }> }).files[FILE].fitRanges;
    const fits = view().fits;
    assert.deepEqual(
      fits.map((f) => [f.sector, f.segment]),
      expected.map((r) => [r.sector, r.segment]),
    );
    fits.forEach((f, i) => {
      assert.ok(Math.abs(f.xMin - expected[i].xMin) < 1e-9 && Math.abs(f.xMax - expected[i].xMax) < 1e-9, `${f.sector} ${JSON.stringify(f.segment)}: ${f.xMin}–${f.xMax}, oracle ${expected[i].xMin}–${expected[i].xMax}`);
    });
    // The frontier fits are drawn over the same ranges as the fits of every model of their sector and segment.
    const frontier = view({ frontier: 'top-k' });
    for (const f of frontier.frontierFits ?? []) {
      const all = fits.find((g) => g.sector === f.sector && JSON.stringify(g.segment) === JSON.stringify(f.segment));
      if (all) assert.deepEqual([f.xMin, f.xMax], [all.xMin, all.xMax], `frontier ${f.sector}`);
    }
    assert.ok((frontier.frontierFits ?? []).length > 0);
  });

  it('without other filters a domain counts every row that has it (count = total)', function () {
    const domains = view().options.domains;
    assert.deepEqual(domains.slice(0, 3), [
      { value: 'Language', count: 532, total: 532 },
      { value: 'Vision', count: 344, total: 344 },
      { value: 'Multimodal', count: 118, total: 118 },
    ]);
    for (const d of domains) assert.equal(d.count, d.total, d.value);
  });

  it('domain counts follow every other filter but not the domain filter itself, and keep their order', function () {
    const byRows = (keep: (p: Paper) => boolean, domain: string): number => dataset.papers.filter((p) => keep(p) && p.domains.includes(domain)).length;
    const all = view().options.domains;
    const academia = view({ sectors: ['Academia'] }).options.domains;
    assert.deepEqual(
      academia.map((d) => d.value),
      all.map((d) => d.value),
      'the same values in the same order',
    );
    for (const d of academia) assert.equal(d.count, byRows((p) => p.teamSector === 'Academia', d.value), d.value);
    assert.deepEqual(academia.find((d) => d.value === 'Language'), { value: 'Language', count: 68, total: 532 });
    // Ticking a domain does not change the domain counts (so the list does not move under the pointer).
    assert.deepEqual(view({ sectors: ['Academia'], domains: ['Vision'] }).options.domains, academia);
    const since = view({ since: '2015-09-01', text: 'gpt' }).options.domains;
    for (const d of since) assert.equal(d.count, byRows((p) => !!p.publicationDate && p.publicationDate >= '2015-09-01' && p.name.toLowerCase().includes('gpt'), d.value), d.value);
    assert.ok(since.some((d) => d.count === 0 && d.total > 0), 'values no row matches stay listed, count 0');
  });

  it('notability counts follow the domain filter (and the others), not the notability filter', function () {
    const language = view({ domains: ['Language'] }).options.notability;
    const sota = language.find((n) => n.value === 'SOTA improvement')!;
    const hasSota = (p: Paper): boolean => p.notabilityCriteria.some((c) => c.toLowerCase() === 'sota improvement');
    assert.equal(sota.total, dataset.papers.filter(hasSota).length);
    assert.equal(sota.count, dataset.papers.filter((p) => hasSota(p) && p.domains.includes('Language')).length);
    assert.ok(sota.count < sota.total);
    assert.deepEqual(view({ domains: ['Language'], notability: ['Highly cited'] }).options.notability, language);
  });
}, ['epoch/notable_ai_models_2026-07.csv']);
