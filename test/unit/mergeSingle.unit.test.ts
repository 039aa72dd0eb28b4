import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { mergeParts, mergeSingle } from '../../src/core/sources/duplicates';
import { readSourceFile } from '../../src/core/sources/literature';
import { describeWithCorpus } from '../support/corpus';
import { TEST_DATA } from '../support/paths';

/**
 * A work read alone (a merged work of one part) takes a short path in `mergeDuplicates`: it must
 * give exactly what the general merge gives for one part, on every work of every shared
 * literature file (titles of white space, empty venues, repeated links and keywords included).
 */
describeWithCorpus('Merging a work of one part: the short path equals the general merge', function () {
  this.timeout(60_000);
  for (const folder of ['bibtex', 'ris', 'csl_json', 'arxiv', 'openalex', 'semantic_scholar']) {
    it(`every work of the shared ${folder} files`, function () {
      let works = 0;
      for (const name of readdirSync(path.join(TEST_DATA, folder)).sort()) {
        const reading = readSourceFile(readFileSync(path.join(TEST_DATA, folder, name)), `${folder}/${name}`);
        for (const work of reading.works) {
          assert.deepStrictEqual(mergeSingle(work), mergeParts([work]), `${folder}/${name}: ${work.id}`);
          works++;
        }
      }
      assert.ok(works > 0, `${folder}: works read`);
    });
  }

  it('hand-made edge cases: a title of spaces, an empty venue, repeated links, keywords and identifiers', function () {
    const work = {
      id: 'x.bib#k',
      title: '   ',
      authors: [{ name: 'A B', affiliations: ['U'], institutions: [] }],
      venue: '',
      abstract: ' ',
      type: 'article',
      identifiers: ['arxiv:1234.5678', 'doi:10.1/x', 'doi:10.1/x'],
      links: ['https://a', 'https://a'],
      keywords: ['k', 'k', 'j'],
      categories: [],
      provenance: [{ file: 'x.bib', format: 'bibtex', line: 1 }],
    } as unknown as Parameters<typeof mergeSingle>[0];
    const single = mergeSingle(work);
    assert.deepStrictEqual(single, mergeParts([work]));
    assert.equal(single.venue, undefined);
    assert.deepEqual(single.links, ['https://a']);
    // Lists that need no change are the part's own (held once in memory and on the wire); changed ones are new.
    assert.equal(single.authors, work.authors);
    assert.equal(single.provenance, work.provenance);
    assert.equal(single.categories, work.categories);
    assert.notEqual(single.links, work.links);
    assert.deepEqual(work.links, ['https://a', 'https://a'], 'the part keeps what was read');
    assert.deepEqual(single.identifiers, ['doi:10.1/x', 'arxiv:1234.5678']);
    assert.deepEqual(work.identifiers, ['arxiv:1234.5678', 'doi:10.1/x', 'doi:10.1/x']);
  });
});
