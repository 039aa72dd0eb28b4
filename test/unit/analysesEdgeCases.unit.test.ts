/**
 * The analyses of ../shared/spec/analyses.md on hand-made tables and lists whose answers are worked
 * out by hand in the comments: ties in ranks, k < 3, a constant share, the exact permutation p, the
 * type-7 quantile, an empty window, a topic spelled in two cases and in quotes, a base-model name
 * with a comma, a base model that is its own row, an ambiguous name, open weights in both modes, a
 * missing column, and labels that change the result (a `model` label, an organization label).
 */
import { strict as assert } from 'node:assert';
import { diffusion } from '../../src/core/analyses/diffusion';
import { averageRanks, median, quantile, spearman } from '../../src/core/stats/rankStats';
import { parsePeriods } from '../../src/core/analyses/common';
import { topics } from '../../src/core/analyses/topics';
import { applyLabels } from '../../src/core/labels/applyLabels';
import { checkEvent, type Json } from '../../src/core/labels/checkEvent';
import { foldLabels } from '../../src/core/labels/fold';
import { parseLabelLog } from '../../src/core/labels/parseLog';
import { loadDataset } from '../../src/core/dataset/loadDataset';

const HEADER = 'Model,Organization,Publication date,Domain,Task,Training compute (FLOP),Organization categorization,Base model,Model accessibility,Open model weights?';
const ROWS = [
  '"Mamba 2, 2.7B",Cartesia,2024-05-01,Language,Language modeling,1e22,Industry,,Open weights (unrestricted),',
  'BERT,Google,2018-10-11,Language,Language modeling,3e20,Industry,,Open weights (non-commercial),',
  'Twin,X Corp,2020-01-01,Vision,Image classification,,Industry,,Unreleased,',
  'Twin,Y Corp,2021-01-01,Vision,Image classification,,Industry,,API access,',
  'Foo Base,Foo Lab,2022-01-01,Language,Language modeling,1e23,Academia,,,Yes',
  'FT1,Uni A,2024-06-01,language,Chat,1e21,Academia,"Mamba 2, 2.7B",,',
  'FT2,Uni B,2024-07-01,"Language,“Vision ”",Chat,,Academia,"Mamba 2,2.7B, BERT",,',
  'FT3,Uni C,2024-08-01,Language,Chat,,Academia,twin,,',
  'FT4,Uni D,2024-09-01,Language,Chat,,Academia,Foo Base,,',
  'FT5,"Uni E,Corp",2025-01-01,Language,Chat,,"Academia,Industry","Llama 2-13B, Mamba 2",,',
  'Selfie,Uni F,2023-01-01,Vision,,,Academia,Selfie,,',
  'Undated,Uni G,,Language,,,Academia,,,',
];
const table = (rows = ROWS, header = HEADER) => loadDataset(new TextEncoder().encode([header, ...rows].join('\n') + '\n'), 'edge.csv');

function labelled(lines: object[]) {
  const text = lines.map((l, i) => JSON.stringify({ v: 1, id: `e${i}`, ts: `2026-01-01T00:00:0${i}.000Z`, annotator: 'ada', ...l })).join('\n') + '\n';
  const log = parseLabelLog(text, 'labels.jsonl');
  assert.deepEqual(log.diagnostics, []);
  return applyLabels(table(), foldLabels(log.events));
}

describe('Analyses: statistics (analyses.md, "Correlation"; worked by hand)', () => {
  it('average ranks over ties: 10, 20, 20, 30 → 1, 2.5, 2.5, 4', () => {
    assert.deepEqual(averageRanks([10, 20, 20, 30]), [1, 2.5, 2.5, 4]);
    assert.deepEqual(averageRanks([5, 5, 5]), [2, 2, 2]);
  });

  it('Spearman with a tie: x ranks 1, 2.5, 2.5, 4 against 1…4 → rho = 4.5/√22.5; exact p = 4/24', () => {
    // dx = −1.5, 0, 0, 1.5; dy = −1.5, −0.5, 0.5, 1.5: Σdxdy = 4.5, Σdx² = 4.5, Σdy² = 5.
    const r = spearman([1, 2, 2, 3], [0.1, 0.2, 0.3, 0.4]);
    assert.ok(Math.abs(r.rho! - 4.5 / Math.sqrt(22.5)) < 1e-15);
    // t approximation with 2 degrees of freedom: p = I_{1−rho²}(1, ½) = 1 − √(rho²) = 1 − rho.
    assert.ok(Math.abs(r.pValue! - (1 - 4.5 / Math.sqrt(22.5))) < 1e-12);
    // Against dx = −1.5, 0, 0, 1.5 a permutation y gives Σdxdy = 1.5·(y₄ − y₁): |rho| reaches 0.9487 only
    // when {y₁, y₄} = {1, 4}: 2 orders of the ends × 2 of the middle = 4 of 24 (the oracle agrees).
    assert.equal(r.pExact, 4 / 24);
  });

  it('perfect rank agreement: rho = 1, p = 0, exact p = 2/k! (the order and its reverse)', () => {
    const r = spearman([1, 2, 3, 4, 5], [2, 4, 8, 16, 32]);
    assert.deepEqual([r.rho, r.pValue, r.pExact], [1, 0, 2 / 120]);
  });

  it('k < 3 and a constant variable: rho and p null, with a note', () => {
    const two = spearman([1, 2], [2, 1]);
    assert.deepEqual([two.rho, two.pValue, two.pExact], [null, null, null]);
    assert.match(two.note!, /at least 3 topics; there are 2/);
    const flat = spearman([1, 2, 3], [0.5, 0.5, 0.5]);
    assert.equal(flat.rho, null);
    assert.match(flat.note!, /academic-only share is the same for every topic/);
  });

  it('no exact p past k = 8; the t p-value as scipy.stats.spearmanr would give it', () => {
    // x = 1…9, y = 1…9 with 8 and 9 swapped: Σd² = 2, rho = 1 − 6·2/(9·80) = 0.98333…
    const r = spearman([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 5, 6, 7, 9, 8]);
    assert.ok(Math.abs(r.rho! - (1 - 12 / 720)) < 1e-15);
    assert.equal(r.pExact, null);
    // t = rho·√(7/(1 − rho²)) = 14.3…; two-sided p with 7 df: 1.936196303745918e-6 by the oracle's power
    // series (test/tools/expected_analyses.py), shared with no TypeScript.
    assert.ok(Math.abs(r.pValue! - 1.936196303745918e-6) < 1e-9 * 1.936196303745918e-6, String(r.pValue));
  });

  it('quantile by linear interpolation (type 7) and median', () => {
    assert.equal(quantile([4, 1, 3, 2], 0.75), 3.25); // position 3·0.75 = 2.25 → 3 + 0.25·(4 − 3)
    assert.equal(quantile([4, 1, 3, 2], 1), 4);
    assert.equal(quantile([], 0.5), null);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.equal(median([3, 1, 2]), 2);
    assert.throws(() => quantile([1], 1.5), RangeError);
  });

  it('periods: YYYY-YYYY, YYYY-, -YYYY, YYYY; errors name the part', () => {
    assert.deepEqual(parsePeriods('-2009, 2010-2014,2023-,2020'), [
      { label: '-2009', from: null, to: 2009 },
      { label: '2010-2014', from: 2010, to: 2014 },
      { label: '2023-', from: 2023, to: null },
      { label: '2020', from: 2020, to: 2020 },
    ]);
    assert.throws(() => parsePeriods('2014-2010'), /"2014-2010" ends before it starts/);
    assert.throws(() => parsePeriods('20-21'), /"20-21" is not a period/);
    assert.throws(() => parsePeriods('2010,2010'), /given twice/);
  });
});

describe('Analyses: topics on a hand-made table', () => {
  it('a topic spelled in two cases and in curly quotes is one topic, in its most frequent spelling; undated rows left out', () => {
    const r = topics(table(), { minModels: 1 });
    assert.equal(r.rows_in_window, 11);
    assert.equal(r.rows_without_date, 1);
    // Language: Mamba, BERT, Foo Base, FT1 (language), FT2, FT3, FT4, FT5 = 8; Vision: Twin ×2, FT2 (“Vision ”), Selfie = 4.
    assert.deepEqual(
      r.topics.map((t) => [t.topic, t.n_models, t.n_with_compute]),
      [
        ['Language', 8, 4],
        ['Vision', 4, 0],
      ],
    );
    const language = r.topics[0];
    // log10 compute: 22, 20.477…, 23, 21 → median (21 + 22)/2 = 21.5
    assert.equal(language.median_log10_flop, 21.5);
    // Sectors of Language: Industry 2 (Mamba, BERT), Academia 5 (Foo Base, FT1–FT4), Collaboration 1 (FT5).
    assert.deepEqual(language.sector_counts, { Academia: 5, Industry: 2, Collaboration: 1, Other: 0, Unknown: 0 });
    assert.equal(language.shares.Academia, 5 / 8);
    // Threshold: 0.75-quantile of 20.477, 21, 22, 23 → position 2.25 → 22.25; only Foo Base (23, Academia) is at or above.
    assert.equal(r.top_quantile.threshold_log10_flop, 22.25);
    assert.deepEqual([language.top_quantile.n, language.top_quantile.sector_counts.Academia], [1, 1]);
    assert.deepEqual(r.topics[1].top_quantile.shares, { Academia: null, Industry: null, Collaboration: null, Other: null, Unknown: null });
    // Vision has no compute: it does not enter the correlation, so k = 1 < 3.
    assert.deepEqual([r.correlation!.n_topics, r.correlation!.spearman_rho], [1, null]);
    assert.deepEqual(r.time_view!.topics.Language.find((c) => c.period === '2023-'), { period: '2023-', n: 6, n_academia: 4, academia_share: 4 / 6 });
  });

  it('an empty window gives zeros and nulls, never an error', () => {
    const r = topics(table(), { filter: { since: '2100-01-01' } });
    assert.deepEqual([r.available, r.rows_in_window, r.top_quantile.threshold_log10_flop, r.topics.length, r.overall!.shares.Academia], [true, 0, null, 0, null]);
    assert.equal(r.correlation!.spearman_rho, null);
    assert.ok(r.notes.some((n) => /No row is in the window/.test(n)));
    const d = diffusion(table(), { filter: { since: '2100-01-01' } });
    assert.deepEqual([d.groups!.All.total.n_models, d.groups!.All.total.share_models_on_industry_open_base, d.groups!.All.years], [0, null, []]);
  });

  it('a table without the Task column: by task is not available, by domain is', () => {
    const noTask = table(
      ROWS.map((r) => r),
      HEADER.replace(',Task,', ',Theme,'),
    );
    const r = topics(noTask, { by: 'task' });
    assert.deepEqual([r.available, r.missing_columns, r.rows_in_window, r.overall], [false, ['Task'], null, null]);
    assert.equal(topics(noTask).available, true);
  });
});

describe('Analyses: diffusion on a hand-made table', () => {
  it('comma names, own rows, ambiguous names, open weights', () => {
    const r = diffusion(table());
    const a = r.groups!.Academia.total;
    // Academia rows in the window: Foo Base, FT1–FT4, Selfie (Undated is left out) = 6.
    // FT1 → Mamba 2, 2.7B (whole cell); FT2 → Mamba 2,2.7B and BERT (greedy re-join); FT3 → twin: both
    // Twin rows match case-insensitively, the first wins (Industry, Unreleased); FT4 → Foo Base
    // (Academia, open by "Open model weights? = Yes"); Selfie names itself: unmatched.
    assert.deepEqual([a.n_models, a.n_with_base, a.n_base_matched, a.n_base_industry, a.n_base_industry_open], [6, 5, 4, 3, 2]);
    assert.equal(a.share_models_on_industry_open_base, 2 / 6);
    assert.deepEqual(r.ambiguous_names, [{ name: 'twin', rows: ['Twin', 'Twin #2'] }]);
    // FT5 (Collaboration): "Llama 2-13B, Mamba 2" → Llama 2-13B unmatched, "Mamba 2" alone matches nothing either.
    assert.deepEqual(
      r.unmatched_base_names.map((u) => [u.name, u.count, u.sectors.Academia, u.sectors.Collaboration]),
      [
        ['Llama 2-13B', 1, 0, 1],
        ['Mamba 2', 1, 0, 1],
        ['Selfie', 1, 1, 0],
      ],
    );
    assert.deepEqual(r.base_model_links, { links: 8, unmatched: 3, unmatched_distinct: 3, labelled: 0 });
    assert.deepEqual(r.base_column_coverage, { rows_with_base: 6, rows: 12, share: 0.5 });
    // Unrestricted: BERT's "Open weights (non-commercial)" no longer counts; Mamba's "(unrestricted)" does.
    const u = diffusion(table(), { open: 'unrestricted' }).groups!.Academia.total;
    assert.equal(u.n_base_industry_open, 2); // FT1 and FT2 via Mamba
    const onlyBert = diffusion(table(ROWS.map((row) => row.replace('"Mamba 2,2.7B, BERT"', 'BERT').replace(',"Mamba 2, 2.7B",', ',,'))), { open: 'unrestricted' });
    assert.equal(onlyBert.groups!.Academia.total.n_base_industry_open, 0);
    assert.equal(diffusion(table(ROWS.map((row) => row.replace('"Mamba 2,2.7B, BERT"', 'BERT').replace(',"Mamba 2, 2.7B",', ',,')))).groups!.Academia.total.n_base_industry_open, 1);
  });

  it('without Base model: available false; without accessibility columns: open counts null; sparse base column: a note', () => {
    const noBase = diffusion(table(ROWS, HEADER.replace('Base model', 'Parent')));
    assert.deepEqual([noBase.available, noBase.missing_columns, noBase.groups], [false, ['Base model'], null]);
    assert.match(noBase.message!, /no "Base model" column/);
    const noAccess = diffusion(table(ROWS, HEADER.replace('Model accessibility', 'Access').replace('Open model weights?', 'Weights')));
    assert.equal(noAccess.groups!.Academia.total.n_base_industry_open, null);
    assert.equal(noAccess.groups!.Academia.total.share_models_on_industry_open_base, null);
    assert.ok(noAccess.notes.some((n) => /no "Model accessibility" or "Open model weights\?" column/.test(n)));
    const filler = Array.from({ length: 200 }, (_, i) => `Filler ${i},Uni,2020-01-01,Vision,,,Academia,,,`);
    assert.ok(diffusion(table([...ROWS, ...filler])).notes.some((n) => /Only 6 of 212 rows \(2\.8%\) have a base-model cell/.test(n)));
    assert.equal(diffusion(table()).notes.length, 0);
  });

  it('a model label gives an unmatched name its sector and openness, and changes the counts', () => {
    const before = diffusion(table()).groups!.Collaboration.total;
    assert.deepEqual([before.n_base_matched, before.n_base_industry], [0, 0]);
    const d = labelled([
      { target: { kind: 'model', name: 'llama 2-13b' }, field: 'teamSector', value: 'Industry' },
      { target: { kind: 'model', name: 'Llama  2-13B' }, field: 'openWeights', value: 'open' },
    ]);
    const r = diffusion(d);
    const c = r.groups!.Collaboration.total;
    assert.deepEqual([c.n_base_matched, c.n_base_industry, c.n_base_industry_open], [1, 1, 1]);
    assert.deepEqual(r.unmatched_base_names[0], { name: 'Llama 2-13B', count: 1, sectors: { Academia: 0, Industry: 0, Collaboration: 1, Other: 0, Unknown: 0 }, label: { teamSector: 'Industry', openWeights: 'open' } });
    assert.deepEqual(r.base_model_links, { links: 8, unmatched: 2, unmatched_distinct: 2, labelled: 1 });
    // The model label is not a paper label: the row named FT5 keeps its sector.
    assert.equal(d.papers.find((p) => p.id === 'FT5')!.teamSector, 'Collaboration');
  });

  it('an organization label changes a parent\'s sector and a topic\'s shares', () => {
    const d = labelled([{ target: { kind: 'organization', name: 'Foo Lab' }, field: 'category', value: 'Industry' }]);
    const a = diffusion(d).groups!.Academia.total;
    // Foo Base is now Industry (open by "Open model weights? = Yes"); it also leaves the Academia group.
    assert.deepEqual([a.n_models, a.n_base_industry, a.n_base_industry_open], [5, 4, 3]);
    assert.equal(topics(d, { minModels: 1 }).topics[0].sector_counts.Academia, 4);
  });
});

describe('Labels: the model target (labels.md)', () => {
  const base = { v: 1, id: 'x', ts: '2026-01-01T00:00:00.000Z', annotator: 'ada' };
  it('accepts teamSector and openWeights (case-insensitive, canonical spelling), refuses the rest', () => {
    const ok = checkEvent({ ...base, target: { kind: 'model', name: 'Llama 2-13B' }, field: 'openWeights', value: 'Open' });
    assert.ok(ok.ok && ok.event.value === 'open');
    const sector = checkEvent({ ...base, target: { kind: 'model', name: 'Llama 2-13B' }, field: 'teamSector', value: 'industry' });
    assert.ok(sector.ok && sector.event.value === 'Industry');
    for (const [raw, message] of [
      [{ ...base, target: { kind: 'model', name: 'X' }, field: 'openWeights', value: 'partly' }, /open weights "partly" is not one of open, closed/],
      [{ ...base, target: { kind: 'model', name: 'X' }, field: 'category', value: 'Industry' }, /a model has no field "category"/],
      [{ ...base, target: { kind: 'model', name: ' ' }, field: 'teamSector', value: 'Industry' }, /a model target needs a non-empty "name"/],
      [{ ...base, target: { kind: 'model', name: 'X' }, field: 'teamSector', value: 'Unknown' }, /team sector "Unknown" is not one of/],
    ] as const) {
      const r = checkEvent(JSON.parse(JSON.stringify(raw)) as Json);
      assert.ok(!r.ok && message.test(r.message), JSON.stringify(r));
    }
  });

  it('a model teamSector and a paper teamSector on the same name stay apart; null retracts', () => {
    const text = [
      { target: { kind: 'model', name: 'FT5' }, field: 'teamSector', value: 'Industry' },
      { target: { kind: 'paper', id: 'FT5' }, field: 'teamSector', value: 'Other' },
      { target: { kind: 'model', name: 'Gone' }, field: 'openWeights', value: 'closed' },
      { target: { kind: 'model', name: 'gone' }, field: 'openWeights', value: null },
    ]
      .map((l, i) => JSON.stringify({ ...base, id: `e${i}`, ts: `2026-01-01T00:00:0${i}.000Z`, ...l }))
      .join('\n');
    const state = foldLabels(parseLabelLog(`${text}\n`, 'l.jsonl').events);
    assert.deepEqual([...state.models.keys()], ['ft5']);
    assert.equal(state.models.get('ft5')!.teamSector!.value, 'Industry');
    assert.equal(state.papers.get('FT5')!.teamSector!.value, 'Other');
  });
});
