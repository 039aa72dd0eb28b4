/**
 * Presets, the three definitions of "large-scale", the frontier fits and the leaning switch
 * (src/core/dataset/presets.ts, src/core/trends/largeScale.ts, src/core/sector/leaning.ts), on four
 * real Epoch tables of three eras (2022 PCD, December 2023, July 2026, and an Excel re-save with
 * the frontier flag), against test/unit/expectedLargeScale.json, written by the independent
 * oracle test/tools/expected_large_scale.py, at a relative tolerance of 1e-9; plus hand-made cases.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { filterPapers } from '../../src/core/dataset/filters';
import { loadDataset } from '../../src/core/dataset/loadDataset';
import type { Dataset, Paper } from '../../src/core/dataset/model';
import { applyPreset, presetFilter, presetOf } from '../../src/core/dataset/presets';
import { countCollaborationsByLeaning, sectorByLeaning } from '../../src/core/sector/leaning';
import { aboveTrend, frontierColumn, frontierPoints, frontierTrends, isFrontierFlagged, largeScaleSharesBy } from '../../src/core/trends/largeScale';
import { computeTrends, DEFAULT_BREAKS, largeScaleShares, trendPoints, type ShareYear, type TrendPoint, type TrendsResult } from '../../src/core/trends/trends';
import { topics } from '../../src/core/analyses/topics';
import { diffusion } from '../../src/core/analyses/diffusion';
import { itWithCorpus } from '../support/corpus';
import { assertFits, assertShareYears } from '../support/largeScaleAssert';
import { REPO, TEST_DATA } from '../support/paths';

type Sector = 'Academia' | 'Industry' | 'Collaboration' | 'Other' | 'Unknown';
interface FileExpected {
  hasFrontierColumn: boolean;
  presetPaper: { trends: TrendsResult; shares: { top: number; years: ShareYear[] } };
  presetLargeScale: { trends: TrendsResult; shares: { top: number; years: ShareYear[] } };
  leaning: { trends: TrendsResult; shares: { top: number; years: ShareYear[] }; sectorCounts: Record<Sector, number>; sectorCountsPlain: Record<Sector, number> };
  sharesThreshold: ShareYear[];
  sharesThreshold1e21: ShareYear[];
  sharesResidual: ShareYear[];
  sharesResidualZ2: ShareYear[];
  frontierTopK: TrendsResult;
  frontierTopK5: TrendsResult;
  frontierSectorTopK: TrendsResult;
  frontierFlag?: TrendsResult;
}
const EXPECTED = (JSON.parse(fs.readFileSync(path.join(REPO, 'test', 'unit', 'expectedLargeScale.json'), 'utf8')) as { files: Record<string, FileExpected> }).files;

const cache = new Map<string, Dataset>();
function dataset(file: string): Dataset {
  let ds = cache.get(file);
  if (!ds) cache.set(file, (ds = loadDataset(fs.readFileSync(path.join(TEST_DATA, 'epoch', file)), file)));
  return ds;
}

describe('Presets, large-scale definitions, frontier fits, leaning switch: real tables against the oracle', function () {
  this.timeout(60_000);
  after(() => cache.clear());
  for (const [file, expected] of Object.entries(EXPECTED)) {
    const needs = [`epoch/${file}`];
    itWithCorpus(`${file}: the presets select what the oracle selects (fits and top-10 shares)`, () => {
      const papers = dataset(file).papers;
      for (const [preset, want] of [['paper', expected.presetPaper], ['large-scale', expected.presetLargeScale]] as const) {
        const points = trendPoints(filterPapers(papers, presetFilter(preset)));
        assertFits(computeTrends(points, DEFAULT_BREAKS), want.trends, `${file} preset ${preset}`);
        assertShareYears(largeScaleShares(points, 10).years, want.shares.years, `${file} preset ${preset} shares`);
      }
    }, needs);

    itWithCorpus(`${file}: threshold and residual definitions of large-scale`, () => {
      const points = trendPoints(dataset(file).papers);
      const threshold = largeScaleSharesBy(points, { definition: 'threshold' });
      assert.equal(threshold.threshold_flop, 1e23);
      assertShareYears(threshold.years, expected.sharesThreshold, `${file} threshold 1e23`);
      assertShareYears(largeScaleSharesBy(points, { definition: 'threshold', thresholdFlop: 1e21 }).years, expected.sharesThreshold1e21, `${file} threshold 1e21`);
      const residual = largeScaleSharesBy(points, { definition: 'residual' });
      assert.equal(residual.z, 1);
      assert.deepEqual(residual.breaks, [...DEFAULT_BREAKS]);
      assertShareYears(residual.years, expected.sharesResidual, `${file} residual z 1`);
      assertShareYears(largeScaleSharesBy(points, { definition: 'residual', z: 2 }).years, expected.sharesResidualZ2, `${file} residual z 2`);
      // top-k is today's rule, unchanged.
      assert.deepEqual(largeScaleSharesBy(points, { definition: 'top-k', top: 7 }).years, largeScaleShares(points, 7).years);
    }, needs);

    itWithCorpus(`${file}: frontier fits (top-k per year, per sector, ${expected.hasFrontierColumn ? "Epoch's flag" : 'no flag column'})`, () => {
      const ds = dataset(file);
      const points = trendPoints(ds.papers);
      assertFits(frontierTrends(points, DEFAULT_BREAKS, 'top-k', 10), expected.frontierTopK, `${file} frontier top-10`);
      assertFits(frontierTrends(points, DEFAULT_BREAKS, 'top-k', 5), expected.frontierTopK5, `${file} frontier top-5`);
      assertFits(frontierTrends(points, DEFAULT_BREAKS, 'sector-top-k', 10), expected.frontierSectorTopK, `${file} frontier sector top-10`);
      const column = frontierColumn(ds.headers);
      assert.equal(column !== undefined, expected.hasFrontierColumn);
      if (column !== undefined) {
        const byId = new Map(ds.papers.map((p) => [p.id, p]));
        assertFits(frontierTrends(points, DEFAULT_BREAKS, 'flag', 10, (id) => isFrontierFlagged(byId.get(id)!, column)), expected.frontierFlag!, `${file} frontier flag`);
      }
    }, needs);

    itWithCorpus(`${file}: the leaning switch moves leaning collaborations in fits, shares, topics and diffusion`, () => {
      const ds = dataset(file);
      const leaning = countCollaborationsByLeaning(ds);
      const points = trendPoints(leaning.papers);
      assertFits(computeTrends(points, DEFAULT_BREAKS), expected.leaning.trends, `${file} leaning`);
      assertShareYears(largeScaleShares(points, 10).years, expected.leaning.shares.years, `${file} leaning shares`);
      const counts = (d: Dataset): Record<Sector, number> => topics(d, { by: 'domain' }).overall!.sector_counts;
      assert.deepEqual(counts(leaning), expected.leaning.sectorCounts, `${file}: topics' overall sector counts by leaning`);
      assert.deepEqual(counts(ds), expected.leaning.sectorCountsPlain, `${file}: topics' overall sector counts`);
      const d = diffusion(leaning, {});
      if (d.available) for (const g of ['Academia', 'Industry', 'Collaboration'] as const) assert.equal(d.groups![g].total.n_models, expected.leaning.sectorCounts[g], `${file}: diffusion ${g} models by leaning`);
      // The input is not changed.
      assert.equal(counts(ds).Collaboration, expected.leaning.sectorCountsPlain.Collaboration);
    }, needs);
  }
});

function paper(partial: Partial<Paper>): Paper {
  return { id: 'x', name: 'x', line: 2, organizations: [], categories: [], organizationCategories: [], lengthMismatch: false, teamSector: 'Unknown', teamSectorSource: 'categories', domains: [], tasks: [], authors: '', link: '', reference: '', notabilityCriteria: [], modelAccessibility: '', baseModel: '', country: '', abstract: '', cells: {}, ...partial };
}

function point(id: string, date: string, y: number, sector: Sector = 'Industry'): TrendPoint {
  const [yy, mm, dd] = date.split('-').map(Number);
  const x = yy + (Date.UTC(yy, mm - 1, dd) - Date.UTC(yy, 0, 1)) / 86_400_000 / ((yy % 4 === 0 && yy % 100 !== 0) || yy % 400 === 0 ? 366 : 365);
  return { id, x, y, computeFlop: 10 ** y, date, sector };
}

describe('Presets, large-scale definitions, frontier fits, leaning switch: hand-made cases', () => {
  it('applyPreset sets the preset filters, clears the other preset and keeps the rest; presetOf recognises them', () => {
    const start = { domains: ['Language'], sectors: ['Academia' as const], notability: ['Training cost'], minComputeFlop: 5, text: 'gpt' };
    const paperPreset = applyPreset(start, 'paper');
    assert.deepEqual(paperPreset, { domains: ['Language'], sectors: ['Academia'], notability: ['SOTA improvement', 'Historical significance', 'Highly cited'], text: 'gpt', since: '2010-01-01' });
    assert.equal(presetOf(paperPreset), 'paper');
    const big = applyPreset(paperPreset, 'large-scale');
    assert.deepEqual(big, { domains: ['Language'], sectors: ['Academia'], notability: [], text: 'gpt', minComputeFlop: 1e23 });
    assert.equal(presetOf(big), 'large-scale');
    // Editing a preset's filter makes it custom; the notability order and case do not matter.
    assert.equal(presetOf({ ...paperPreset, since: '2012-01-01' }), 'custom');
    assert.equal(presetOf({ ...big, minComputeFlop: 1e22 }), 'custom');
    assert.equal(presetOf({ since: '2010-01-01', notability: ['highly cited', 'SOTA IMPROVEMENT', 'Historical significance'] }), 'paper');
    assert.equal(presetOf({ since: '2010-01-01', notability: ['Highly cited'] }), 'custom');
    assert.equal(presetOf({}), 'custom');
  });

  it('the paper preset matches notability by containment, ignoring case, and needs a date from 2010 on', () => {
    const rows = [
      paper({ id: 'a', publicationDate: '2012-05-01', notabilityCriteria: ['SOTA Improvement'] }),
      paper({ id: 'b', publicationDate: '2009-12-31', notabilityCriteria: ['Highly cited'] }),
      paper({ id: 'c', publicationDate: '2015-01-01', notabilityCriteria: ['Significant use', 'Training cost'] }),
      paper({ id: 'd', notabilityCriteria: ['Highly cited'] }),
      paper({ id: 'e', publicationDate: '2010-01-01', notabilityCriteria: ['Training cost', 'Historical significance'] }),
    ];
    assert.deepEqual(filterPapers(rows, presetFilter('paper')).map((p) => p.id), ['a', 'e']);
    const big = [paper({ id: 'f', trainingComputeFlop: 1e23 }), paper({ id: 'g', trainingComputeFlop: 9.99e22 }), paper({ id: 'h' })];
    assert.deepEqual(filterPapers(big, presetFilter('large-scale')).map((p) => p.id), ['f']);
  });

  it('sectorByLeaning moves only leaning collaborations; countCollaborationsByLeaning copies only what changes', () => {
    assert.equal(sectorByLeaning({ teamSector: 'Collaboration', leaning: 'academia' }), 'Academia');
    assert.equal(sectorByLeaning({ teamSector: 'Collaboration', leaning: 'industry' }), 'Industry');
    assert.equal(sectorByLeaning({ teamSector: 'Collaboration', leaning: 'balanced' }), 'Collaboration');
    assert.equal(sectorByLeaning({ teamSector: 'Collaboration' }), 'Collaboration');
    assert.equal(sectorByLeaning({ teamSector: 'Other', leaning: 'academia' }), 'Other');
    const kept = paper({ id: 'k', teamSector: 'Industry' });
    const moved = paper({ id: 'm', teamSector: 'Collaboration', leaning: 'academia' });
    const ds: Dataset = { source: 's', headers: [], delimiter: ',', encoding: 'utf-8', listStyle: false, papers: [kept, moved], diagnostics: [] };
    const out = countCollaborationsByLeaning(ds);
    assert.equal(out.papers[0], kept);
    assert.equal(out.papers[1].teamSector, 'Academia');
    assert.equal(out.papers[1].leaning, 'academia');
    assert.equal(moved.teamSector, 'Collaboration', 'the input is not modified');
    const none: Dataset = { ...ds, papers: [kept] };
    assert.equal(countCollaborationsByLeaning(none), none, 'nothing to move: the same dataset');
  });

  it('aboveTrend keeps the points at least z residual standard errors above their segment\'s line', () => {
    // x = 2020..2023 (1 January), y = 23, 21, 22, 27: slope 1.3, line 21.3, 22.6, 23.9, 25.2, residuals 1.7, −1.6, −1.9, 1.8.
    const pts = [point('a', '2020-01-01', 23), point('b', '2021-01-01', 21), point('c', '2022-01-01', 22), point('d', '2023-01-01', 27)];
    const s = Math.sqrt((1.7 ** 2 + 1.6 ** 2 + 1.9 ** 2 + 1.8 ** 2) / 2);
    assert.deepEqual(aboveTrend(pts, 1.7 / s - 1e-9, []).map((p) => p.id), ['a', 'd']);
    assert.deepEqual(aboveTrend(pts, 1.7 / s + 1e-9, []).map((p) => p.id), ['d']);
    assert.deepEqual(aboveTrend(pts, 1.8 / s + 1e-9, []), []);
    assert.deepEqual(aboveTrend(pts, 10, []), []);
    // Two points per segment: no fit, nothing kept.
    assert.deepEqual(aboveTrend(pts, -10, ['2022-01-01']), []);
    // An exact line (s = 0) keeps nothing.
    assert.deepEqual(aboveTrend([point('a', '2020-01-01', 20), point('b', '2021-01-01', 21), point('c', '2022-01-01', 22)], -1, []), []);
  });

  it('largeScaleSharesBy: threshold counts every model at or above it, leaves out empty years, refuses bad parameters', () => {
    const pts = [point('a', '2020-03-01', 23, 'Academia'), point('b', '2020-04-01', 23.5), point('c', '2020-05-01', 22.9), point('d', '2021-01-01', 22)];
    const r = largeScaleSharesBy(pts, { definition: 'threshold' });
    assert.deepEqual(r, { large_scale: 'threshold', threshold_flop: 1e23, years: [{ year: 2020, n: 2, Academia: 0.5, Industry: 0.5, Collaboration: 0, Other: 0, Unknown: 0 }] });
    assert.throws(() => largeScaleSharesBy(pts, { definition: 'threshold', thresholdFlop: 0 }), RangeError);
    assert.throws(() => largeScaleSharesBy(pts, { definition: 'residual', z: Number.NaN }), RangeError);
    assert.throws(() => largeScaleSharesBy(pts, { definition: 'top-k', top: 0 }), RangeError);
  });

  it('frontierPoints: global top-k per year, each sector\'s own top-k, or the flag; ties by id in code-point order', () => {
    const pts = [
      point('z', '2020-01-01', 24, 'Industry'),
      point('a', '2020-02-01', 24, 'Industry'),
      point('m', '2020-03-01', 20, 'Academia'),
      point('n', '2020-04-01', 19, 'Academia'),
      point('q', '2021-01-01', 25, 'Industry'),
    ];
    assert.deepEqual(frontierPoints(pts, 'top-k', 1).map((p) => p.id), ['a', 'q']);
    assert.deepEqual(frontierPoints(pts, 'top-k', 2).map((p) => p.id), ['z', 'a', 'q']);
    assert.deepEqual(frontierPoints(pts, 'sector-top-k', 1).map((p) => p.id), ['a', 'm', 'q']);
    assert.deepEqual(frontierPoints(pts, 'flag', 1, (id) => id === 'n').map((p) => p.id), ['n']);
    assert.throws(() => frontierPoints(pts, 'flag'), RangeError);
    assert.throws(() => frontierPoints(pts, 'top-k', 1.5), RangeError);
  });

  it('frontierColumn and isFrontierFlagged read Epoch\'s flag column', () => {
    assert.equal(frontierColumn(['Model', ' frontier MODEL ']), ' frontier MODEL ');
    assert.equal(frontierColumn(['Model', 'Frontier']), undefined);
    for (const [cell, want] of [['True', true], ['TRUE', true], [' yes ', true], ['1', true], ['', false], ['False', false], ['no', false]] as const)
      assert.equal(isFrontierFlagged({ cells: { 'Frontier model': cell } }, 'Frontier model'), want, cell);
    assert.equal(isFrontierFlagged({ cells: {} }, 'Frontier model'), false);
  });
});
