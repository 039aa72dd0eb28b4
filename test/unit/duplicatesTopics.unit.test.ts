/**
 * Duplicates (spec imports.md "Duplicates") and topics ("Topics of a work") on hand-made works:
 * merging by shared identifier with provenance and kept disagreements, Epoch rows joined by
 * Link/Reference, possible duplicates by title and year, and the topic mapping.
 */
import { strict as assert } from 'node:assert';
import type { Paper } from '../../src/core/dataset/model';
import { NO_DOMAIN } from '../../src/core/dataset/paperGroups';
import { mergeDuplicates, titleKey } from '../../src/core/sources/duplicates';
import { epochRowWork } from '../../src/core/sources/epochWork';
import { DEFAULT_TOPIC_MAPPING, workTopics } from '../../src/core/sources/topics';
import type { Work } from '../../src/core/sources/work';

let n = 0;
function w(source: string, fields: Partial<Work>): Work {
  return {
    id: fields.identifiers?.[0] ?? `${source}#${n}`,
    title: 'Untitled',
    authors: [],
    identifiers: [],
    links: [],
    keywords: [],
    categories: [],
    provenance: [{ source, format: source.endsWith('.ris') ? 'ris' : 'bibtex', index: n++ }],
    ...fields,
  };
}
const row = (id: string, link: string, reference = ''): Paper =>
  ({ id, name: id, line: 2, link, reference, abstract: '', publicationDate: '2023-07-18', organizations: ['Meta AI'], domains: ['Language'], trainingComputeFlop: 1e24, teamSector: 'Industry' }) as unknown as Paper;

describe('mergeDuplicates', function () {
  it('merges works sharing any identifier (transitively), keeping every source and every disagreeing value', function () {
    const bib = w('lib.bib', { title: 'Attention Is All You Need', identifiers: ['doi:10.5555/3295222.3295349'], date: { year: 2017 }, venue: 'NeurIPS', keywords: ['transformers'] });
    const ris = w('lib.ris', { title: 'Attention is all you need', identifiers: ['arxiv:1706.03762', 'doi:10.5555/3295222.3295349'], date: { year: 2017, month: 6, day: 12 }, venue: 'Advances in Neural Information Processing Systems', keywords: ['attention'] });
    const s2 = w('s2.json', { title: 'Attention Is All You Need', identifiers: ['arxiv:1706.03762', 's2:204e3073'], date: { year: 2017 } });
    const other = w('lib.bib', { title: 'Something else', identifiers: ['doi:10.1/x'], date: { year: 2020 } });
    const { works, possible } = mergeDuplicates([bib, ris, other, s2]);
    assert.equal(works.length, 2);
    const m = works[0];
    assert.deepEqual(m.parts, [bib, ris, s2]);
    assert.equal(m.id, bib.id);
    assert.deepEqual(m.ids, ['doi:10.5555/3295222.3295349', 'arxiv:1706.03762']);
    assert.deepEqual(m.identifiers, ['doi:10.5555/3295222.3295349', 'arxiv:1706.03762', 's2:204e3073']);
    assert.deepEqual(m.provenance.map((p) => p.source), ['lib.bib', 'lib.ris', 's2.json']);
    assert.deepEqual(m.keywords, ['transformers', 'attention']);
    // Titles that differ only in case agree; the date only gets finer; venues disagree and both are kept, first source first.
    assert.equal(m.merged.title, undefined);
    assert.deepEqual(m.date, { year: 2017, month: 6, day: 12 });
    assert.equal(m.venue, 'NeurIPS');
    assert.deepEqual(m.merged.venue, [{ value: 'NeurIPS', parts: [0] }, { value: 'Advances in Neural Information Processing Systems', parts: [1] }]);
    assert.deepEqual(possible, []);
  });

  it('enriches the first author list with the affiliations of a source whose list lines up', function () {
    const bib = w('lib.bib', { identifiers: ['doi:10.1/a'], authors: [{ name: 'Ada Lovelace', affiliations: [], institutions: [] }, { name: 'Alan Turing', affiliations: [], institutions: [] }] });
    const oa = w('oa.json', {
      identifiers: ['doi:10.1/a', 'openalex:W1'],
      authors: [
        { name: 'A. Lovelace', family: 'Lovelace', affiliations: ['Uni X'], institutions: [{ name: 'Uni X', type: 'education' }] },
        { name: 'A. M. Turing', affiliations: [], institutions: [{ name: 'Acme', type: 'company' }] },
      ],
    });
    const [m] = mergeDuplicates([bib, oa]).works;
    assert.deepEqual(m.authors.map((a) => [a.name, a.institutions.map((i) => i.name)]), [['Ada Lovelace', ['Uni X']], ['Alan Turing', ['Acme']]]);
    assert.equal(m.merged.authors, undefined);
    assert.deepEqual(bib.authors[0].institutions, [], 'the parts are not modified');
    // A list that does not line up is kept as a disagreeing value, not mixed in.
    const s2 = w('s2.json', { identifiers: ['doi:10.1/a'], authors: [{ name: 'Someone Else', affiliations: ['Y'], institutions: [] }] });
    const [m2] = mergeDuplicates([bib, s2]).works;
    assert.deepEqual(m2.authors.map((a) => a.affiliations), [[], []]);
    assert.equal(m2.merged.authors?.length, 2);
  });

  it('a list of other length still gives the affiliations of authors whose family name occurs once in both lists, whatever the file order', function () {
    // As the RIS and BibTeX readers give them: "Family, Given" with the family name apart.
    const author = (name: string, affiliations: string[] = []) => ({ name, ...(name.includes(',') ? { family: name.split(',')[0] } : {}), affiliations, institutions: [] });
    // A BibTeX entry with the four authors, a RIS record of the same paper with two and their address (the newcomer's case).
    const bib = w('lib.bib', { identifiers: ['doi:10.1109/cvpr.2016.90'], authors: ['Kaiming He', 'Xiangyu Zhang', 'Shaoqing Ren', 'Jian Sun'].map((n) => author(n)) });
    const ris = w('refs.ris', { identifiers: ['doi:10.1109/cvpr.2016.90'], authors: [author('He, Kaiming', ['Microsoft Research']), author('Zhang, Xiangyu', ['Microsoft Research'])] });
    const [m] = mergeDuplicates([bib, ris]).works;
    assert.deepEqual(m.authors.map((a) => [a.name, a.affiliations]), [['Kaiming He', ['Microsoft Research']], ['Xiangyu Zhang', ['Microsoft Research']], ['Shaoqing Ren', []], ['Jian Sun', []]]);
    assert.equal(m.merged.authors?.length, 2, 'the two lists are still kept as disagreeing values');
    const [r] = mergeDuplicates([ris, bib]).works;
    assert.deepEqual(r.authors.map((a) => a.affiliations), [['Microsoft Research'], ['Microsoft Research']]);
    // A family name that occurs twice in either list is not matched (which Zhang?).
    const twoZhangs = w('x.ris', { identifiers: ['doi:10.1109/cvpr.2016.90'], authors: [author('Zhang, Wei', ['Tsinghua']), author('Zhang, Xiangyu', ['Microsoft Research']), author('Sun, Jian', ['Megvii'])] });
    const [z] = mergeDuplicates([bib, twoZhangs]).works;
    assert.deepEqual(z.authors.map((a) => a.affiliations), [[], [], [], ['Megvii']]);
    assert.deepEqual(bib.authors.map((a) => a.affiliations), [[], [], [], []], 'the parts are not modified');
  });

  it("joins an Epoch row to a work by the arXiv id or DOI of its Link/Reference, but never two rows on their own", function () {
    const r7 = epochRowWork(row('Llama 2-7B', 'https://arxiv.org/abs/2307.09288v2'), 'epoch.csv', 0);
    const r13 = epochRowWork(row('Llama 2-13B', 'https://arxiv.org/abs/2307.09288'), 'epoch.csv', 1);
    const gpt = epochRowWork(row('GPT-4', 'https://cdn.openai.com/papers/gpt-4.pdf', 'arXiv:2303.08774'), 'epoch.csv', 2);
    assert.deepEqual([r7.identifiers, gpt.identifiers, r7.id, r7.date], [['arxiv:2307.09288'], ['arxiv:2303.08774'], 'Llama 2-7B', { year: 2023, month: 7, day: 18 }]);
    // Two rows of one paper stay two works without a library work.
    assert.equal(mergeDuplicates([r7, r13, gpt]).works.length, 3);
    const bib = w('lib.bib', { title: 'GPT-4 Technical Report', identifiers: ['doi:10.48550/arxiv.2303.08774', 'arxiv:2303.08774'], date: { year: 2023 } });
    const { works } = mergeDuplicates([bib, r7, r13, gpt]);
    assert.equal(works.length, 3);
    const joined = works.find((x) => x.ids.includes('GPT-4'))!;
    assert.deepEqual([joined.id, joined.title, joined.model?.trainingComputeFlop, joined.models.length], [bib.id, 'GPT-4 Technical Report', 1e24, 1]);
    assert.deepEqual(joined.merged.title?.map((v) => v.value), ['GPT-4 Technical Report', 'GPT-4']);
  });

  it('lists works with the same normalised title and years at most one apart as possible duplicates, never merged', function () {
    const a = w('lib.bib', { title: 'Déjà Vu: Learning to Rank!', identifiers: ['doi:10.1/a'], date: { year: 2019 } });
    const b = w('lib.ris', { title: 'deja vu — learning to rank', date: { year: 2020 } });
    const c = w('lib.ris', { title: 'Deja vu learning to rank', date: { year: 2022 } });
    const d = w('lib.ris', { title: 'Deja vu learning to rank', identifiers: ['doi:10.1/d'] });
    const { works, possible } = mergeDuplicates([a, b, c, d]);
    assert.equal(works.length, 4);
    assert.equal(titleKey(a.title), 'dejavulearningtorank');
    assert.deepEqual(possible, [{ ids: [a.id, b.id], title: 'dejavulearningtorank', years: [2019, 2020] }]);
  });
});

describe('workTopics and the default mapping', function () {
  const t = (categories: string[], keywords: string[] = []) => workTopics({ categories, keywords });
  it('maps arXiv categories, with * patterns, and keeps each domain once in order', function () {
    assert.deepEqual(t(['cs.CL', 'cs.LG', 'cs.CV', 'cs.CL']).domains, ['Language', 'Vision']);
    assert.deepEqual(t(['q-bio.BM']).domains, ['Biology']);
    assert.deepEqual(t(['eess.AS', 'cs.SD']).domains, ['Speech']);
    assert.deepEqual(t(['cs.RO']).evidence, [{ term: 'cs.RO', rule: 'cs.RO', domain: 'Robotics' }]);
  });
  it('maps OpenAlex concepts and keywords by name, case-insensitively', function () {
    assert.deepEqual(t(['Computer science', 'Natural language processing'], ['computer  vision']).domains, ['Language', 'Vision']);
  });
  it('puts a work with no mapped topic (cs.LG only) under (no domain); a topic label overrides', function () {
    assert.deepEqual(t(['cs.LG', 'stat.ML']).domains, [NO_DOMAIN]);
    assert.equal(DEFAULT_TOPIC_MAPPING['cs.LG'], null);
    assert.deepEqual(workTopics({ categories: ['cs.CL'], keywords: [] }, DEFAULT_TOPIC_MAPPING, 'Games'), { domains: ['Games'], evidence: [], labelled: true });
  });
  it('takes an edited mapping', function () {
    assert.deepEqual(workTopics({ categories: ['cs.LG'], keywords: [] }, { 'cs.*': 'Other' }).domains, ['Other']);
  });
});
