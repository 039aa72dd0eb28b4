/**
 * Damaged and odd inputs for the arXiv, OpenAlex and Semantic Scholar importers: truncated copies
 * of the shared files (written to a temp folder, never to ../shared), a broken tag in the middle of
 * the OAI-PMH page, a bad line in a JSON Lines shard, and hand-made records with the traps of the
 * data README (nulls, empty authorships, both Atom layouts, numeric character references). The
 * expected numbers come from the damaged text itself (complete `</record>`s before the cut, the
 * line of the cut), not from the importers. Contract: ../shared/spec/imports.md.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { arxivAtomImporter } from '../../src/core/sources/arxivAtom';
import { arxivOaiImporter } from '../../src/core/sources/arxivOai';
import type { Importer, ImportResult } from '../../src/core/sources/importer';
import { isGzip } from '../../src/core/sources/jsonUtil';
import { openAlexImporter, rebuildAbstract } from '../../src/core/sources/openAlex';
import { s2AuthorImporter, s2PaperImporter } from '../../src/core/sources/semanticScholar';
import { isoDate } from '../../src/core/sources/workBuild';
import { describeWithCorpus } from '../support/corpus';
import { testData } from '../support/paths';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const linesIn = (s: string): number => s.split('\n').length;
const kinds = (r: ImportResult): string[] => r.diagnostics.map((d) => d.kind);

describeWithCorpus('damaged copies of the shared arXiv, OpenAlex and Semantic Scholar files', function () {
  let tmp: string;
  before(function () {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-xmljson-'));
  });
  after(function () {
    fs.rmSync(tmp, { recursive: true, force: true });
  });
  /** Writes `text` to the temp folder and reads it back through `importer`, as a file would be. */
  function readCopy(importer: Importer, name: string, text: string): ImportResult {
    const file = path.join(tmp, name);
    fs.writeFileSync(file, text);
    return importer.read(fs.readFileSync(file), { name });
  }
  const shared = (...p: string[]): string => fs.readFileSync(testData(...p), 'utf8');

  it('OAI-PMH cut off in the middle: the complete records before the cut load, one syntax diagnostic at the end', function () {
    const cut = shared('arxiv', 'oai_pmh_listrecords_arXiv_cs_2015-12.xml').slice(0, 1_000_000);
    const complete = cut.split('</record>').length - 1;
    assert.equal(complete, 498);
    const r = readCopy(arxivOaiImporter, 'oai-cut.xml', cut);
    assert.equal(r.works.length, complete);
    const syntax = r.diagnostics.filter((d) => d.kind === 'syntax');
    assert.equal(syntax.length, 1);
    assert.equal(syntax[0].line, linesIn(cut));
    assert.ok(syntax[0].column! > 0);
    assert.ok((syntax[0].raw ?? '').length <= 200);
    // The record the cut falls in (its header only) is named, at the line of its <record>.
    const lastRecordLine = linesIn(cut.slice(0, cut.lastIndexOf('<record>')));
    assert.deepEqual(
      r.diagnostics.filter((d) => d.kind === 'partial-record').map((d) => d.line),
      [lastRecordLine],
    );
  });

  it('OAI-PMH with a broken tag in record 26: every record before and after it loads, record 26 kept as far as it reads', function () {
    const text = shared('arxiv', 'oai_pmh_listrecords_arXiv_cs_2015-12.xml');
    const at = text.indexOf('<title>', 50_000);
    const broken = text.slice(0, at) + '<title oops="x>' + text.slice(at + '<title>'.length);
    const recordOfBreak = text.slice(0, at).split('<record>').length - 1; // 1-based
    assert.equal(recordOfBreak, 26);
    const r = readCopy(arxivOaiImporter, 'oai-broken.xml', broken);
    assert.equal(r.works.length, 1000);
    const syntax = r.diagnostics.filter((d) => d.kind === 'syntax');
    assert.equal(syntax.length, 1);
    assert.equal(syntax[0].line, linesIn(text.slice(0, at)));
    const partial = r.diagnostics.filter((d) => d.kind === 'partial-record');
    assert.equal(partial.length, 1);
    assert.match(partial[0].message, /^record 26 /);
    assert.equal(r.works[25].title, '', 'the broken title is lost, the record is kept');
    assert.equal(r.works[26].provenance[0].line, linesIn(text.slice(0, text.indexOf('<record>', at))));
  });

  it('Atom (pre-2026) cut inside an attribute: entry 1 whole, entry 2 kept partial with a diagnostic', function () {
    const text = shared('arxiv', 'api_query_cs.RO_neural_2025-10.xml');
    const cut = text.slice(0, text.lastIndexOf('scheme="http://arxiv.org/schemas/atom"') + 20);
    const r = readCopy(arxivAtomImporter, 'atom-cut.xml', cut);
    assert.equal(r.works.length, 2);
    assert.deepEqual(kinds(r), ['syntax', 'partial-record']);
    assert.equal(r.diagnostics[0].line, linesIn(cut));
    assert.equal(r.diagnostics[1].line, linesIn(text.slice(0, text.lastIndexOf('<entry>'))));
    assert.equal(r.works[1].title, 'Neural Implicit Flow Fields for Spatio-Temporal Motion Mapping');
    assert.equal(r.works[1].authors.length, 6);
  });

  it('the recorded arXiv JSON cut inside its body: the entries of the body before the cut load', function () {
    const text = shared('arxiv', 'api_recorded_q_testing_m100_2026-04.json');
    const cut = text.slice(0, 100_000);
    const body = (JSON.parse(`${cut}"}`) as { body: string }).body; // the cut body, closed by hand
    const complete = body.split('</entry>').length - 1;
    const r = readCopy(arxivAtomImporter, 'recorded-cut.json', cut);
    const partial = r.diagnostics.filter((d) => d.kind === 'partial-record');
    assert.equal(partial.length, 1);
    assert.equal(r.works.length, complete + 1, 'the complete entries and the one the cut falls in');
    assert.match(partial[0].message, new RegExp(`^entry ${complete + 1} `));
    assert.equal(r.diagnostics[0].kind, 'syntax');
    assert.match(r.diagnostics[0].message, /^JSON syntax error/);
    assert.ok(r.diagnostics.some((d) => d.kind === 'syntax' && /cut off.*feed line \d+/.test(d.message)));
  });

  it('a JSON Lines shard with one bad line: that line is one diagnostic, the 26 others load', function () {
    const lines = shared('openalex', 'openalex_works_snapshot_2023-05-16_part_000.jsonl').split('\n');
    lines[4] = lines[4].slice(0, 300); // line 5 cut short
    const r = readCopy(openAlexImporter, 'shard-bad-line.jsonl', lines.join('\n'));
    assert.equal(r.works.length, 26);
    const syntax = r.diagnostics.filter((d) => d.kind === 'syntax');
    assert.deepEqual(
      syntax.map((d) => d.line),
      [5],
    );
    assert.equal(syntax[0].raw?.length, 200);
    assert.ok(!r.works.some((w) => w.provenance[0].line === 5));
    assert.equal(r.works[4].provenance[0].line, 6);
  });

  it('a JSON Lines shard cut in its last line: 26 works and one diagnostic on line 27', function () {
    const text = shared('openalex', 'openalex_works_snapshot_2023-05-16_part_000.jsonl');
    const cut = text.slice(0, text.length - 500);
    const r = readCopy(openAlexImporter, 'shard-cut.jsonl', cut);
    assert.equal(r.works.length, 26);
    assert.deepEqual(
      r.diagnostics.filter((d) => d.kind === 'syntax').map((d) => d.line),
      [27],
    );
  });

  it('an OpenAlex work cut off: the work kept as far as it reads, with its identifiers and title', function () {
    const text = shared('openalex', 'openalex_work_W2741809807.json');
    const r = readCopy(openAlexImporter, 'work-cut.json', text.slice(0, 12_000));
    assert.equal(r.works.length, 1);
    assert.deepEqual(kinds(r), ['syntax', 'partial-record']);
    assert.equal(r.works[0].id, 'doi:10.7717/peerj.4375');
    assert.equal(r.works[0].title, 'The state of OA: a large-scale analysis of the prevalence and impact of Open Access articles');
  });

  it('a Semantic Scholar paper cut inside its citations: the paper and the complete citations load', function () {
    const text = shared('semantic_scholar', 'graph_v1_paper_turing1950_with_citations.json');
    const cut = text.slice(0, 1_500_000);
    // Complete citations before the cut, counted in the text: each citation object starts with
    // {"paperId" (S2's key order), and the last one started is the one the cut falls in.
    const citationsStart = cut.indexOf('"citations"');
    const starts = cut.slice(citationsStart).split('{"paperId"').length - 1;
    const r = readCopy(s2PaperImporter, 'paper-cut.json', cut);
    assert.equal(r.works.length, 1 + (starts - 1));
    assert.deepEqual(kinds(r), ['syntax', 'partial-record']);
    assert.match(r.diagnostics[1].message, /"citations" is cut off/);
    assert.equal(r.works[0].title, 'Computing Machinery and Intelligence');
  });

  it('a Semantic Scholar author cut inside its papers: the complete papers load', function () {
    const text = shared('semantic_scholar', 'graph_v1_author_with_papers.json');
    const cut = text.slice(0, 45_000);
    const starts = cut.split('{"paperId"').length - 1;
    const r = readCopy(s2AuthorImporter, 'author-cut.json', cut);
    assert.equal(r.works.length, starts - 1);
    assert.deepEqual(kinds(r), ['syntax', 'partial-record']);
  });
});

describe('arXiv, OpenAlex and Semantic Scholar importers on hand-made records', function () {
  const src = { name: 'hand.json' };

  it('both Atom layouts give the same work: namespaces on each element or on <feed>, wrapped or not', function () {
    const classic = `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <entry>
    <id>http://arxiv.org/abs/hep-th/9901001v3</id>
    <published>1999-01-04T00:00:00-05:00</published>
    <title>Strings
  and things</title>
    <summary>  An
abstract.</summary>
    <author><name>Jos&#233; Ram&#xed;rez</name><arxiv:affiliation xmlns:arxiv="http://arxiv.org/schemas/atom">G&#xf6;teborg University</arxiv:affiliation></author>
    <arxiv:doi xmlns:arxiv="http://arxiv.org/schemas/atom">10.1000/ABC</arxiv:doi>
    <arxiv:primary_category xmlns:arxiv="http://arxiv.org/schemas/atom" term="hep-th"/>
    <category term="gr-qc"/><category term="hep-th"/>
  </entry>
</feed>`;
    const modern = `<?xml version='1.0' encoding='UTF-8'?>
<feed xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:a="http://arxiv.org/schemas/atom" xmlns="http://www.w3.org/2005/Atom">
  <id>https://arxiv.org/api/abc</id>
  <entry>
    <id>http://arxiv.org/abs/hep-th/9901001v3</id>
    <title>Strings and things</title>
    <summary>An abstract.</summary>
    <category term="gr-qc"/><category term="hep-th"/>
    <published>1999-01-04T00:00:00Z</published>
    <a:primary_category term="hep-th"/>
    <author><name>José Ramírez</name><a:affiliation>Göteborg University</a:affiliation></author>
    <a:doi>10.1000/ABC</a:doi>
  </entry>
</feed>`;
    const a = arxivAtomImporter.read(enc(classic), { name: 'classic.xml' });
    const b = arxivAtomImporter.read(enc(modern), { name: 'modern.xml' });
    for (const r of [a, b]) {
      assert.deepEqual(r.diagnostics, []);
      const w = r.works[0];
      assert.equal(w.title, 'Strings and things');
      assert.equal(w.abstract, 'An abstract.');
      assert.deepEqual(w.identifiers, ['doi:10.1000/abc', 'arxiv:hep-th/9901001']);
      assert.deepEqual(w.authors, [{ name: 'José Ramírez', affiliations: ['Göteborg University'], institutions: [] }]);
      assert.deepEqual(w.categories, ['hep-th', 'gr-qc']);
      assert.deepEqual(w.date, { year: 1999, month: 1, day: 4 });
    }
    assert.equal(a.works[0].provenance[0].line, 3);
  });

  it('OpenAlex: empty authorships, null title, null abstract, publication_year only', function () {
    const r = openAlexImporter.read(enc(JSON.stringify({ id: 'https://openalex.org/W1', doi: null, title: null, display_name: null, publication_year: 2001, publication_date: null, authorships: [], abstract_inverted_index: null, ids: { openalex: 'https://openalex.org/W1' } })), src);
    assert.equal(r.works.length, 1);
    const w = r.works[0];
    assert.deepEqual([w.id, w.title, w.authors, w.date, w.abstract], ['openalex:W1', '', [], { year: 2001 }, undefined]);
    assert.deepEqual(kinds(r), ['missing-title']);
  });

  it('OpenAlex: an API list {meta, results} reads each result; an institution record among works is skipped with a diagnostic', function () {
    const r = openAlexImporter.read(enc(JSON.stringify({ meta: { count: 2 }, results: [{ id: 'https://openalex.org/W2', title: 'A', authorships: [] }, { id: 'https://openalex.org/I5', display_name: 'Inst' }] })), src);
    assert.deepEqual(r.works.map((w) => w.id), ['openalex:W2']);
    assert.deepEqual(kinds(r), ['not-recognised']);
  });

  it('rebuildAbstract puts each word at its positions', function () {
    assert.equal(rebuildAbstract({ is: [1, 4], This: [0], a: [2], test: [3], fine: [5] }), 'This is a test is fine');
    assert.equal(rebuildAbstract(null), undefined);
    assert.equal(rebuildAbstract({}), undefined);
  });

  it('Semantic Scholar: nulls everywhere read as absent; a citation without paperId is not a work', function () {
    const paper = {
      paperId: 'p0', externalIds: null, title: 'T', abstract: null, venue: '', year: null, publicationDate: null, journal: null, fieldsOfStudy: null, s2FieldsOfStudy: [{ category: 'Computer Science', source: 's2-fos-model' }], authors: [{ authorId: null, name: 'A. B.', affiliations: null }],
      citations: [{ paperId: null, title: 'lost' }, { paperId: 'p1', externalIds: { ArXiv: '2401.02452', DOI: '10.48550/arXiv.2401.02452', PubMed: '123' }, title: 'C', authors: null, year: 2024 }],
      references: null,
    };
    const r = s2PaperImporter.read(enc(JSON.stringify(paper)), src);
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.works.length, 2);
    const [main, cit] = r.works as [typeof r.works[0], typeof r.works[0]];
    assert.deepEqual([main.id, main.venue, main.date, main.abstract, main.categories, main.authors], ['s2:p0', undefined, undefined, undefined, ['Computer Science'], [{ name: 'A. B.', affiliations: [], institutions: [] }]]);
    assert.deepEqual(cit.identifiers, ['doi:10.48550/arxiv.2401.02452', 'arxiv:2401.02452', 's2:p1', 'pmid:123']);
    assert.deepEqual(cit.provenance[0].relation, { kind: 'cites', of: 's2:p0' });
    assert.deepEqual(cit.date, { year: 2024 });
  });

  it('recognise() gives 0 to text of none of these formats', function () {
    const importers: Importer[] = [arxivAtomImporter, arxivOaiImporter, openAlexImporter, s2PaperImporter, s2AuthorImporter];
    for (const head of ['Model,Organization\nGPT,OpenAI\n', '@article{k, title={x}}', 'TY  - JOUR\nER  - \n', '[{"id":"x","type":"article"}]', '<html><body/></html>']) {
      assert.deepEqual(importers.map((i) => i.recognise(head, 'x.txt')), [0, 0, 0, 0, 0], head);
    }
  });

  it('isGzip tells gzip bytes (1F 8B) from text', function () {
    assert.equal(isGzip(Uint8Array.from([0x1f, 0x8b, 8, 0])), true);
    assert.equal(isGzip(enc('{"id":1}')), false);
    assert.equal(isGzip(new Uint8Array(0)), false);
  });

  it('isoDate keeps the precision written', function () {
    assert.deepEqual(isoDate('2025-10-16T17:59:37-04:00'), { year: 2025, month: 10, day: 16 });
    assert.deepEqual(isoDate('2018-02'), { year: 2018, month: 2 });
    assert.deepEqual(isoDate('1950'), { year: 1950 });
    assert.equal(isoDate('2018-13-01'), undefined);
    assert.equal(isoDate(null), undefined);
  });
});
