import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { identifiersOfQuery, papersByIdentifier } from '../../src/core/search/identifierSearch';
import { combineLiterature, readSourceFile } from '../../src/core/sources/literature';
import { describeWithCorpus } from '../support/corpus';
import { TEST_DATA } from '../support/paths';

/** Find Paper takes a pasted identifier (issue #11, item 3): DOI, arXiv id, OpenAlex id, in any written form. */
describe('identifier search: what a pasted identifier normalises to', function () {
  it('DOIs, arXiv ids and OpenAlex ids in their usual written forms', function () {
    assert.deepEqual(identifiersOfQuery('https://doi.org/10.7717/PeerJ.4375'), ['doi:10.7717/peerj.4375']);
    assert.deepEqual(identifiersOfQuery('doi:10.7717/peerj.4375'), ['doi:10.7717/peerj.4375']);
    assert.deepEqual(identifiersOfQuery('arXiv:2307.09288v2'), ['arxiv:2307.09288']);
    assert.deepEqual(identifiersOfQuery('https://arxiv.org/abs/2307.09288'), ['arxiv:2307.09288']);
    assert.deepEqual(identifiersOfQuery('10.48550/arXiv.2307.09288'), ['arxiv:2307.09288', 'doi:10.48550/arxiv.2307.09288']);
    assert.deepEqual(identifiersOfQuery('https://openalex.org/W2741809807'), ['openalex:W2741809807']);
    assert.deepEqual(identifiersOfQuery('GPT-4'), []);
    assert.deepEqual(identifiersOfQuery('llama 2'), []);
  });
});

describeWithCorpus('identifier search on real files', function () {
  it('a pasted DOI finds the OpenAlex work; an arXiv URL finds the Epoch row its Link names', function () {
    const read = (rel: string) => readSourceFile(readFileSync(path.join(TEST_DATA, rel)), rel);
    const lit = combineLiterature([read('epoch/notable_ai_models_2026-07.csv'), read('openalex/openalex_work_W2741809807.json'), read('bibtex/d2l.bib')]);
    assert.deepEqual(papersByIdentifier(lit.dataset.papers, 'https://doi.org/10.7717/peerj.4375'), ['doi:10.7717/peerj.4375']);
    assert.deepEqual(papersByIdentifier(lit.dataset.papers, 'https://arxiv.org/abs/2307.09288v3'), ['Llama 2-70B']);
    assert.deepEqual(papersByIdentifier(lit.dataset.papers, 'attention'), []);
  });
});
