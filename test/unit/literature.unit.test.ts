import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { combineLiterature, displayDate, readSourceFile, type FileReading } from '../../src/core/sources/literature';
import { paperDetails } from '../../src/host/paperDetailsModel';
import { applyLabels } from '../../src/core/labels/applyLabels';
import { foldLabels } from '../../src/core/labels/fold';
import { makeEvent, type LabelEvent } from '../../src/core/labels/event';
import { parseLabelLog } from '../../src/core/labels/parseLog';
import { logText } from './fixtures/labels/helpers';
import { needsAttention } from '../../src/core/labels/organizations';
import { describeWithCorpus, itWithCorpus } from '../support/corpus';
import { TEST_DATA } from '../support/paths';

/**
 * The literature pipeline (issue #11): any file recognised and read, works merged by identifier,
 * Epoch rows joined, works made papers with their sector from affiliation evidence, labels applied.
 * Expected numbers: the data README's record counts, test/tools/expected_bibliography.py (merged
 * works of the review's BibTeX and RIS exports, union-find over DOIs and arXiv ids), and the rows of
 * the Epoch table whose Link or Reference holds the arXiv id of a d2l.bib entry (found with Python's csv).
 */
/** Fold events as the log would hold them. */
const fold = (events: LabelEvent[]) => foldLabels(parseLabelLog(logText(events), 'labels.jsonl').events);
const read = (rel: string): FileReading => readSourceFile(readFileSync(path.join(TEST_DATA, rel)), rel);
const expectedBibliography = JSON.parse(readFileSync(path.join(__dirname, 'expectedBibliography.json'), 'utf8')) as { graphEmbeddingReview: { mergedWorks: number } };

describeWithCorpus('literature: every shared file is recognised and read with its record count', function () {
  const cases: [string, FileReading['kind'], string | undefined, number][] = [
    ['bibtex/d2l.bib', 'literature', 'bibtex', 488],
    ['bibtex/graph_embedding_review_refs.bib', 'literature', 'bibtex', 76],
    ['ris/graph_embedding_review_references.ris', 'literature', 'ris', 76],
    ['csl_json/manubot_fm_survey_references.json', 'literature', 'csl-json', 56],
    ['csl_json/zotero_better_csl_json_stats_ml_library.json', 'literature', 'csl-json', 134],
    ['arxiv/api_query_cs.RO_neural_2025-10.xml', 'literature', 'arxiv-atom', 2],
    ['arxiv/api_recorded_q_testing_m100_2026-04.json', 'literature', 'arxiv-atom', 100],
    ['arxiv/oai_pmh_listrecords_arXiv_cs_2015-12.xml', 'literature', 'arxiv-oai', 1000],
    ['openalex/openalex_work_W2741809807.json', 'literature', 'openalex', 1],
    ['openalex/openalex_works_snapshot_2023-05-16_part_000.jsonl', 'literature', 'openalex', 27],
    ['semantic_scholar/graph_v1_paper_turing1950_with_citations.json', 'literature', 's2-paper', 1009],
    ['semantic_scholar/graph_v1_author_with_papers.json', 'literature', 's2-author', 60],
    ['institutions/openalex_institutions_snapshot_2023-09-04_part_000.jsonl', 'institutions', undefined, 678],
    ['institutions/ror_records_sample/v2/042nb2s44.json', 'institutions', undefined, 1],
    ['epoch/notable_ai_models_2026-07.csv', 'epoch-table', 'epoch-csv', 1036],
  ];
  for (const [file, kind, format, records] of cases) {
    it(`${file}: ${kind}${format ? ` (${format})` : ''}, ${records} records`, function () {
      const r = read(file);
      assert.equal(r.kind, kind);
      assert.equal(r.format, format);
      assert.equal(r.records, records);
    });
  }

  it('a file of no known format is one diagnostic that names the formats read', function () {
    const r = readSourceFile(Buffer.from('just some notes\nnothing to see\n'), 'notes.txt');
    assert.equal(r.kind, 'unknown');
    assert.equal(r.diagnostics.length, 1);
    assert.match(r.diagnostics[0].message, /^notes\.txt is of none of the formats read\. Compute Divide reads Epoch AI tables \(CSV\), BibTeX\/BibLaTeX, RIS, CSL-JSON/);
  });
});

describeWithCorpus('literature: sources combined', function () {
  it('the BibTeX and RIS exports of one review merge into the works the independent script counts', function () {
    const lit = combineLiterature([read('bibtex/graph_embedding_review_refs.bib'), read('ris/graph_embedding_review_references.ris')]);
    assert.equal(lit.works.length, expectedBibliography.graphEmbeddingReview.mergedWorks);
    assert.equal(lit.dataset.papers.length, lit.works.length, 'no Epoch table: one paper per work');
    const both = lit.works.filter((w) => new Set(w.provenance.map((p) => p.format)).size === 2);
    assert.ok(both.length >= 60, `${both.length} works read from both files`);
    // No affiliations in either export: every work needs attention (triage), none is given a sector.
    assert.ok(lit.dataset.papers.every((p) => p.teamSector === 'Unknown' && p.teamSectorSource === 'affiliations'));
    const attention = new Set(needsAttention(lit.dataset, foldLabels([])).map((a) => a.paperId));
    assert.equal(attention.size, lit.dataset.papers.length);
  });

  it('an Epoch row joins the library work of its arXiv id; the table keeps its rows, ids and sectors', function () {
    const table = read('epoch/notable_ai_models_2026-07.csv');
    const lit = combineLiterature([table, read('bibtex/d2l.bib')]);
    const rows = lit.dataset.papers.slice(0, 1036);
    assert.deepEqual(
      rows.map((p) => [p.id, p.teamSector]),
      table.dataset!.papers.map((p) => [p.id, p.teamSector]),
    );
    const llama = rows.find((p) => p.id === 'Llama 2-70B')!;
    assert.equal(llama.work?.kind, 'joined');
    assert.deepEqual(
      llama.work.work.provenance.map((p) => [p.format, p.line]),
      [
        ['epoch-csv', llama.line],
        ['bibtex', 4486],
      ],
    );
    assert.equal(llama.trainingComputeFlop, table.dataset!.papers.find((p) => p.id === 'Llama 2-70B')!.trainingComputeFlop);
    // The d2l entry is not a second paper of the tree.
    assert.equal(
      lit.dataset.papers.filter((p) => p.work?.kind === 'literature' && p.work.work.provenance.some((q) => q.line === 4486 && q.source === 'bibtex/d2l.bib')).length,
      0,
    );
    assert.equal(lit.dataset.papers.length, 1036 + lit.works.filter((w) => w.models.length === 0).length);
  });

  itWithCorpus('the OpenAlex work with 7 education and 2 company authors is a collaboration leaning to academia, with its evidence', function () {
    const lit = combineLiterature([read('openalex/openalex_work_W2741809807.json')]);
    const paper = lit.dataset.papers[0];
    assert.equal(paper.id, 'doi:10.7717/peerj.4375');
    assert.equal(paper.teamSector, 'Collaboration');
    assert.equal(paper.leaning, 'academia');
    assert.equal(paper.work?.sector?.counts.academic, 7);
    assert.equal(paper.work?.sector?.counts.industrial, 2);
    assert.ok(paper.organizations.includes('Université de Montréal'));
    assert.equal(paper.organizationCategories[paper.organizations.indexOf('Université de Montréal')], 'Academia');
  });

  itWithCorpus('labels apply to works: an organization label re-derives the author-share sector, a team-sector label overrides', function () {
    const lit = combineLiterature([read('openalex/openalex_work_W2741809807.json')]);
    const company = lit.dataset.papers[0].organizations.find((_, i) => lit.dataset.papers[0].organizationCategories[i] === 'Industry')!;
    // Relabel the company as a university: every author is then academic.
    const relabel = makeEvent('ana', { target: { kind: 'organization', name: company }, field: 'category', value: 'Academia' });
    const labelled = applyLabels(lit.dataset, fold([relabel]));
    const paper = labelled.papers[0];
    assert.equal(paper.teamSector, 'Academia');
    assert.equal(paper.provenance.organizationLabels[0]?.organization, company);
    assert.equal(paper.teamSectorSource, 'affiliations');
    const override = makeEvent('ana', { target: { kind: 'paper', id: paper.id }, field: 'teamSector', value: 'Industry' });
    const overridden = applyLabels(lit.dataset, fold([relabel, override])).papers[0];
    assert.equal(overridden.teamSector, 'Industry');
    assert.equal(overridden.teamSectorSource, 'label');
    assert.equal(overridden.work?.sector?.derived?.teamSector, 'Academia');
  });

  itWithCorpus('a work without affiliations gets its sector from an organizations label and its organizations\' labels (triage)', function () {
    const lit = combineLiterature([read('bibtex/graph_embedding_review_refs.bib')]);
    const paper = lit.dataset.papers[0];
    const events = [
      makeEvent('ana', { target: { kind: 'paper', id: paper.id }, field: 'organizations', value: ['Tsinghua University', 'Baidu'] }),
      makeEvent('ana', { target: { kind: 'organization', name: 'Tsinghua University' }, field: 'category', value: 'Academia' }),
      makeEvent('ana', { target: { kind: 'organization', name: 'Baidu' }, field: 'category', value: 'Industry' }),
    ];
    const labelled = applyLabels(lit.dataset, fold(events)).papers[0];
    assert.deepEqual(labelled.organizations, ['Tsinghua University', 'Baidu']);
    assert.equal(labelled.teamSector, 'Collaboration');
    assert.equal(labelled.leaning, 'balanced');
    assert.equal(labelled.work?.sector?.basis, 'organizations-label');
    const attention = new Set(needsAttention(lit.dataset, fold(events)).map((a) => a.paperId));
    assert.equal(attention.has(paper.id), false, 'resolved: it leaves triage');
  });
});

describeWithCorpus('literature in the details view', function () {
  it('a year-only work shows its year, not a made-up 1 January; the evidence names authors, types and sources', function () {
    const lit = combineLiterature([read('bibtex/graph_embedding_review_refs.bib'), read('openalex/openalex_work_W2741809807.json')]);
    const bib = lit.dataset.papers.find((p) => p.id === 'doi:10.1371/journal.pcbi.1008844')!;
    assert.equal(bib.publicationDate, '2021-01-01', 'sorted and filtered as the first day of its year');
    assert.equal(displayDate(bib), '2021');
    const details = paperDetails(bib, lit.dataset);
    assert.equal(details.publicationDate, '2021');
    assert.equal(details.work?.authors.length, 5);
    assert.deepEqual(details.work?.sources, [{ label: 'bibtex/graph_embedding_review_refs.bib, line 13 (RN4) · BibTeX / BibLaTeX', part: 0 }]);
    assert.match(details.work.evidence, /^No author's institution has a known category/);
    const oa = paperDetails(lit.dataset.papers.find((p) => p.id === 'doi:10.7717/peerj.4375')!, lit.dataset);
    assert.equal(oa.publicationDate, '2018-02-13');
    const first = oa.work!.authors[0];
    assert.equal(first.counts, 'industrial');
    assert.deepEqual(first.institutions[0], { name: 'Impact Technology Development (United States)', category: 'Industry', how: 'named by the source; institution type "company"', ror: '05ppvf150' });
  });
});

describe('literature: a re-imported export keeps its sectors', function () {
  it('sectors written as compute-divide keywords come back in the tree (evidence first, keywords only for Unknown)', function () {
    const ris = [
      'TY  - JOUR', 'TI  - A paper an annotator labelled', 'AU  - Doe, Jane', 'PY  - 2021', 'DO  - 10.1000/one',
      'KW  - compute-divide:team-sector=Collaboration', 'KW  - compute-divide:leaning=industry', 'ER  - ',
      'TY  - JOUR', 'TI  - Another', 'AU  - Roe, Rick', 'PY  - 2022', 'DO  - 10.1000/two', 'KW  - compute-divide:team-sector=Nonsense', 'ER  - ',
      '',
    ].join('\n');
    const lit = combineLiterature([readSourceFile(Buffer.from(ris), 'export.ris')]);
    const [one, two] = lit.dataset.papers;
    assert.equal(one.teamSector, 'Collaboration');
    assert.equal(one.leaning, 'industry');
    assert.equal(one.work?.sector?.basis, 'keywords');
    assert.equal(two.teamSector, 'Unknown', 'a sector name that is not one is ignored');
    // Labels still apply, and an organizations label is evidence that comes first.
    const relabelled = applyLabels(lit.dataset, fold([makeEvent('ana', { target: { kind: 'paper', id: one.id }, field: 'organizations', value: ['MIT'] }), makeEvent('ana', { target: { kind: 'organization', name: 'MIT' }, field: 'category', value: 'Academia' })])).papers[0];
    assert.equal(relabelled.teamSector, 'Academia');
    const kept = applyLabels(lit.dataset, fold([])).papers[0];
    assert.equal(kept.teamSector, 'Collaboration');
  });
});
