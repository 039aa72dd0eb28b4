import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadDataset } from '../../src/core/dataset/loadDataset';
import { PaperSearchIndex, compactForSearch, type SearchDoc } from '../../src/core/search/search';
import { describeWithCorpus } from '../support/corpus';
import { TEST_DATA } from '../support/paths';

const NOTABLE = path.join(TEST_DATA, 'epoch', 'notable_ai_models_2026-07.csv');
const ORACLE = path.join(__dirname, '..', 'tools', 'expected_find_paper.py');

/** Queries of a researcher who knows the name but not its spelling in the table. */
const QUERIES = ['gpt4', 'GPT 4', 'gpt-4', 'llama 3 70b', 'llama3-70b', 'alphafold2', 'palm2', 'claude 3 opus', 't5 3b', 'gpt 4o', 'bert', 'dall-e', 'openai', 'stanford'];

describe('Find Paper ranking: exact and space/hyphen-insensitive names first (hand-made cases)', () => {
  const docs: SearchDoc[] = ['GPT-4o', 'GPT-4 Turbo', 'GPT-4', 'GPT-5', 'GPT-1', 'Llama 2-70B', 'Llama 3-70B', 'Llama 3.3 70B'].map((name) => ({ id: name, name, organizations: ['Lab'], authors: '' }));
  const index = new PaperSearchIndex(docs);

  it('compacts by dropping spaces, hyphens, dashes and underscores, not dots', () => {
    assert.equal(compactForSearch('gpt - 4'), 'gpt4');
    assert.equal(compactForSearch('llama 3\u201170b'), 'llama370b');
    assert.equal(compactForSearch('gpt_4\u22123.5'), 'gpt43.5');
    assert.equal(compactForSearch(' -_'), '');
  });

  it('"gpt4" and "GPT 4" find GPT-4 first, then the names that continue it', () => {
    for (const query of ['gpt4', 'GPT 4', 'gpt - 4']) {
      const hits = index.search(query).map((h) => h.id);
      assert.equal(hits[0], 'GPT-4', `${query}: ${hits.join(', ')}`);
      // Both continue "gpt4" inside a word (compact "gpt4turbo", "gpt4o"), so both come before GPT-5.
      assert.deepEqual(hits.slice(1, 3).sort(), ['GPT-4 Turbo', 'GPT-4o'], `${query}: ${hits.join(', ')}`);
    }
  });

  it('"llama 3 70b" finds Llama 3-70B before Llama 2-70B and Llama 3.3 70B', () => {
    const hits = index.search('llama 3 70b').map((h) => h.id);
    assert.equal(hits[0], 'Llama 3-70B');
  });

  it('finds the compact match even when thousands of names share more trigrams with the query', () => {
    const crowd: SearchDoc[] = Array.from({ length: 3000 }, (_, i) => ({ id: `c${i}`, name: `llama 370b clone ${i}`, organizations: [], authors: '' }));
    const crowded = new PaperSearchIndex([...crowd, { id: 'target', name: 'Llama 3-70B', organizations: [], authors: '' }]);
    assert.equal(crowded.search('llama370b')[0]?.id, 'target');
  });

  it('ranks an organization match below every name that holds the query', () => {
    const mixed = new PaperSearchIndex([
      { id: 'org', name: 'Model A', organizations: ['Orion'], authors: '' },
      { id: 'name', name: 'The Orion Benchmark Model', organizations: ['Lab'], authors: '' },
    ]);
    assert.deepEqual(mixed.search('orion').map((h) => [h.id, h.matchedField]), [['name', 'name'], ['org', 'organizations']]);
  });
});

describeWithCorpus('Find Paper ranking on the notable-models table (tiers from test/tools/expected_find_paper.py)', function () {
  this.timeout(60_000);
  let byId = new Map<string, string>();
  let index = new PaperSearchIndex([]);
  let expected: Record<string, Record<string, number>> = {};

  before(function () {
    const dataset = loadDataset(readFileSync(NOTABLE), 'notable_ai_models_2026-07.csv');
    byId = new Map(dataset.papers.map((p) => [p.id, p.name]));
    index = new PaperSearchIndex(dataset.papers.map((p) => ({ id: p.id, name: p.name, organizations: p.organizations, authors: p.authors })));
    expected = JSON.parse(execFileSync('python3', [ORACLE, NOTABLE, ...QUERIES], { encoding: 'utf8' })) as typeof expected;
  });

  for (const query of QUERIES) {
    it(`${JSON.stringify(query)}: the names that hold it come first, in the oracle's tier order`, () => {
      const tiers = expected[query];
      const names = Object.keys(tiers);
      assert.ok(names.length > 0, `the oracle finds a name for ${query}`);
      const hits = index.search(query, 50);
      const k = Math.min(50, names.length);
      const got = hits.slice(0, k).map((h) => byId.get(h.id)!);
      assert.deepEqual(got.map((name) => tiers[name]), names.map((name) => tiers[name]).sort((a, b) => a - b).slice(0, k), `${query}: ${got.join(' | ')}`);
      if (names.length <= 50) assert.deepEqual([...got].sort(), [...names].sort());
      for (const hit of hits.slice(0, k)) assert.equal(hit.matchedField, 'name');
    });
  }

  it('the top hits the review asked for: gpt4 → GPT-4, llama 3 70b → Llama 3-70B, gpt-4 → GPT-4 before GPT-4o', () => {
    assert.match(byId.get(index.search('gpt4')[0].id)!, /^GPT-4 \((Mar|Jun) 2023\)$/);
    assert.equal(byId.get(index.search('llama 3 70b')[0].id), 'Llama 3-70B');
    const gpt4 = index.search('gpt-4').map((h) => byId.get(h.id));
    assert.ok(gpt4.indexOf('GPT-4 (Mar 2023)') < gpt4.indexOf('GPT-4o'), gpt4.join(' | '));
  });

  it('"openai" and "stanford": organization matches follow the names that hold the query', () => {
    for (const query of ['openai', 'stanford']) {
      const names = Object.keys(expected[query]).length;
      const hits = index.search(query, 50);
      assert.equal(hits[names]?.matchedField, 'organizations', `${query}: ${hits.slice(0, names + 2).map((h) => `${h.id}/${h.matchedField}`).join(', ')}`);
    }
  });
}, ['epoch/notable_ai_models_2026-07.csv']);
