/**
 * Spearman's rho across topics through `topics()` itself (analyses.md, "Correlation"), on hand-made
 * tables whose answers are worked out in the comments (and checked against scipy.stats.spearmanr,
 * which gives rho = −0.632455532033676, p = 0.367544467966324 for the first table): two topics tied
 * on median compute get the average rank; a share that is the same for every topic gives no rho and
 * says why; a topic below --min-models leaves the correlation.
 */
import { strict as assert } from 'node:assert';
import { topics } from '../../src/core/analyses/topics';
import { loadDataset } from '../../src/core/dataset/loadDataset';

const HEADER = 'Model,Organization,Publication date,Domain,Training compute (FLOP),Organization categorization';
const table = (rows: string[]) => loadDataset(new TextEncoder().encode([HEADER, ...rows].join('\n') + '\n'), 'topics-edges.csv');

describe('Analyses: the correlation across topics on hand-made tables', () => {
  it('a tie in median compute: average ranks, rho = −3/√22.5, p = 1 − |rho| (2 df), exact p = 12/24', () => {
    const r = topics(
      table([
        'A1,Uni,2020-01-01,Alpha,1e20,Academia',
        'B1,Corp,2020-01-01,Beta,1e21,Industry',
        'B2,Uni,2020-01-01,Beta,1e21,Academia',
        'C1,Corp,2020-01-01,Gamma,1e21,Industry',
        'D1,Uni,2020-01-01,Delta,1e22,Academia',
        'D2,Corp,2020-01-01,Delta,1e22,Industry',
        'D3,Corp,2020-01-01,Delta,1e22,Industry',
      ]),
      { minModels: 1 },
    );
    // Medians 20, 21, 21, 22 → ranks 1, 2.5, 2.5, 4; shares 1, 1/2, 0, 1/3 → ranks 4, 3, 1, 2.
    // dx = −1.5, 0, 0, 1.5; dy = 1.5, 0.5, −1.5, −0.5: Σdxdy = −3, Σdx² = 4.5, Σdy² = 5.
    const c = r.correlation!;
    assert.deepEqual(c.topics, ['Delta', 'Beta', 'Alpha', 'Gamma'], 'n_models descending, then name');
    assert.ok(Math.abs(c.spearman_rho! - -3 / Math.sqrt(22.5)) < 1e-15, String(c.spearman_rho));
    assert.ok(Math.abs(c.p_value! - (1 - 3 / Math.sqrt(22.5))) < 1e-12, String(c.p_value));
    // Against dx a permutation of the shares gives Σdxdy = 1.5·(y_Delta − y_Alpha) in rank deviations
    // {−1.5, −0.5, 0.5, 1.5}: |rho| ≥ 0.632 needs |y_Delta − y_Alpha| ≥ 2: 6 ordered pairs × 2 orders of the middle = 12 of 24.
    assert.equal(c.p_exact, 12 / 24);
    assert.equal(c.note, null);
  });

  it('the same academic-only share in every topic: rho and p null, and the note says why', () => {
    const r = topics(
      table([
        'A1,Uni,2020-01-01,Alpha,1e20,Academia',
        'A2,Corp,2020-01-01,Alpha,1e20,Industry',
        'B1,Uni,2020-01-01,Beta,1e21,Academia',
        'B2,Corp,2020-01-01,Beta,1e21,Industry',
        'C1,Uni,2020-01-01,Gamma,1e22,Academia',
        'C2,Corp,2020-01-01,Gamma,1e22,Industry',
      ]),
      { minModels: 1 },
    );
    const c = r.correlation!;
    assert.equal(c.n_topics, 3);
    assert.deepEqual([c.spearman_rho, c.p_value, c.p_exact], [null, null, null]);
    assert.match(c.note!, /academic-only share is the same for every topic/);
    assert.ok(r.notes.includes(c.note!), 'the note is among the result notes');
  });

  it('--min-models leaves small topics out: k < 3 gives no rho, with a note naming k', () => {
    const rows = [
      'A1,Uni,2020-01-01,Alpha,1e20,Academia',
      'A2,Corp,2020-01-01,Alpha,1e20,Industry',
      'B1,Uni,2020-01-01,Beta,1e21,Academia',
      'B2,Corp,2020-01-01,Beta,1e21,Industry',
      'B3,Corp,2020-01-01,Beta,1e21,Industry',
      'C1,Uni,2020-01-01,Gamma,1e22,Academia',
    ];
    const r = topics(table(rows), { minModels: 2 });
    assert.deepEqual(r.correlation!.topics, ['Beta', 'Alpha']);
    assert.equal(r.correlation!.spearman_rho, null);
    assert.match(r.correlation!.note!, /at least 3 topics; there are 2/);
  });
});
