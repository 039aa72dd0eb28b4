/**
 * The arXiv (Atom in both layouts, the recorded `{url, status_code, body}` JSON, OAI-PMH), OpenAlex
 * (work, snapshot shard) and Semantic Scholar (paper with snowballing, author) importers on every
 * shared file: record counts from the data README, and for a few records per file the fields that
 * test/tools/expected_xml_json_sources.py works out with xml.etree/json (no code shared with the
 * importers) into expectedXmlJsonSources.json. Contract: ../shared/spec/imports.md.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { arxivAtomImporter } from '../../src/core/sources/arxivAtom';
import { arxivOaiImporter } from '../../src/core/sources/arxivOai';
import type { Importer, ImportResult } from '../../src/core/sources/importer';
import { openAlexEntities, openAlexImporter } from '../../src/core/sources/openAlex';
import { s2AuthorImporter, s2PaperImporter } from '../../src/core/sources/semanticScholar';
import type { Work } from '../../src/core/sources/work';
import { describeWithCorpus } from '../support/corpus';
import { REPO, testData } from '../support/paths';

interface ExpectedRecord {
  index: number;
  line?: number;
  title: string;
  firstAuthor: string | null;
  firstAuthorAffiliations: string[];
  authorCount: number;
  year: number | null;
  identifiers: string[];
  categories?: string[];
  venue?: string | null;
}
type Section = { count: number; records: ExpectedRecord[] } & Record<string, unknown>;
const EXPECTED = JSON.parse(fs.readFileSync(path.join(REPO, 'test', 'unit', 'expectedXmlJsonSources.json'), 'utf8')) as Record<string, Section>;
const section = (name: string): Section => EXPECTED[name];

const IMPORTERS: Importer[] = [arxivAtomImporter, arxivOaiImporter, openAlexImporter, s2PaperImporter, s2AuthorImporter];
const FILES = {
  atom: ['arxiv', 'api_query_cs.RO_neural_2025-10.xml'],
  recorded: ['arxiv', 'api_recorded_q_testing_m100_2026-04.json'],
  oai: ['arxiv', 'oai_pmh_listrecords_arXiv_cs_2015-12.xml'],
  oaWork: ['openalex', 'openalex_work_W2741809807.json'],
  oaShard: ['openalex', 'openalex_works_snapshot_2023-05-16_part_000.jsonl'],
  s2Paper: ['semantic_scholar', 'graph_v1_paper_turing1950_with_citations.json'],
  s2Author: ['semantic_scholar', 'graph_v1_author_with_papers.json'],
  institutions: ['institutions', 'openalex_institutions_snapshot_2023-09-04_part_000.jsonl'],
} as const;
type FileKey = keyof typeof FILES;

const cache = new Map<FileKey, ImportResult>();
function bytesOf(key: FileKey): Buffer {
  return fs.readFileSync(testData(...FILES[key]));
}
function read(key: FileKey, importer: Importer): ImportResult {
  let r = cache.get(key);
  if (!r) {
    r = importer.read(bytesOf(key), { name: FILES[key][1] });
    cache.set(key, r);
  }
  return r;
}
/** The importer `recognise` picks for a file's first 64 KiB (highest score > 0), as a dispatcher would. */
function recognised(key: FileKey): Importer | undefined {
  const head = bytesOf(key).subarray(0, 65536).toString('utf8').replace(/^\ufeff/, '');
  const scored = IMPORTERS.map((i) => ({ i, s: i.recognise(head, FILES[key][1]) })).filter((x) => x.s > 0);
  scored.sort((a, b) => b.s - a.s);
  return scored[0]?.i;
}

function project(w: Work, withCategories: boolean, withVenue: boolean): Omit<ExpectedRecord, 'index' | 'line'> {
  const first = w.authors[0];
  const out: Omit<ExpectedRecord, 'index' | 'line'> = {
    title: w.title,
    firstAuthor: first ? first.name : null,
    firstAuthorAffiliations: first ? first.affiliations : [],
    authorCount: w.authors.length,
    year: w.date?.year ?? null,
    identifiers: [...w.identifiers].sort(),
  };
  if (withCategories) out.categories = w.categories;
  if (withVenue) out.venue = w.venue ?? null;
  return out;
}
function assertRecords(works: Work[], expected: ExpectedRecord[], withLines: boolean): void {
  for (const e of expected) {
    const w = works[e.index];
    assert.ok(w, `no work at index ${e.index}`);
    const { index, line, ...fields } = e;
    assert.deepEqual(project(w, e.categories !== undefined, e.venue !== undefined), fields, `record ${index}`);
    assert.equal(w.provenance[0].index, index);
    if (withLines) assert.equal(w.provenance[0].line, line, `line of record ${index}`);
    assert.equal(w.id, w.identifiers[0], 'a work is named by its first identifier');
  }
}

describeWithCorpus('arXiv, OpenAlex and Semantic Scholar importers on the shared files', function () {
  describe('recognise()', function () {
    const cases: [FileKey, Importer][] = [
      ['atom', arxivAtomImporter],
      ['recorded', arxivAtomImporter],
      ['oai', arxivOaiImporter],
      ['oaWork', openAlexImporter],
      ['oaShard', openAlexImporter],
      ['s2Paper', s2PaperImporter],
      ['s2Author', s2AuthorImporter],
    ];
    for (const [key, importer] of cases) {
      it(`${FILES[key][1]} is ${importer.format}`, function () {
        assert.equal(recognised(key)?.format, importer.format);
      });
    }
    it('the OpenAlex institutions shard is claimed by none of them, and is named institutions data', function () {
      assert.equal(recognised('institutions'), undefined);
      const head = bytesOf('institutions').subarray(0, 65536).toString('utf8');
      assert.equal(openAlexEntities(head), 'institutions');
      assert.equal(openAlexEntities(bytesOf('oaShard').subarray(0, 65536).toString('utf8')), 'works');
      const r = openAlexImporter.read(bytesOf('institutions'), { name: FILES.institutions[1] });
      assert.equal(r.works.length, 0);
      assert.deepEqual(r.diagnostics.map((d) => d.kind), ['not-recognised']);
      assert.match(r.diagnostics[0].message, /institutions, not works/);
    });
  });

  describe('arXiv API Atom, pre-2026 layout (api_query_cs.RO)', function () {
    it('reads the README count (2 entries) without diagnostics', function () {
      const r = read('atom', arxivAtomImporter);
      assert.equal(r.works.length, section('arxivAtom').count);
      assert.equal(r.works.length, 2);
      assert.deepEqual(r.diagnostics, []);
    });
    it('title (hard wraps collapsed), first author, year, ids without version, primary category first, line', function () {
      const r = read('atom', arxivAtomImporter);
      assertRecords(r.works, section('arxivAtom').records, true);
      const w = r.works[0];
      assert.equal(w.title, 'RDD: Retrieval-Based Demonstration Decomposer for Planner Alignment in Long-Horizon Tasks');
      assert.deepEqual(w.identifiers, ['arxiv:2510.14968']);
      assert.deepEqual(w.categories, ['cs.RO', 'cs.AI', 'cs.CV', 'cs.LG', 'cs.SY', 'eess.SY']);
      assert.deepEqual(w.date, { year: 2025, month: 10, day: 16 });
      assert.ok(w.abstract?.startsWith('To tackle long-horizon tasks, recent hierarchical vision-language-action (VLAs) frameworks'));
      assert.deepEqual(w.links, ['http://arxiv.org/abs/2510.14968v1', 'http://arxiv.org/pdf/2510.14968v1']);
      assert.match(w.raw?.['comment'] ?? '', /^39th Conference on Neural Information Processing Systems \(NeurIPS 2025\)/);
    });
  });

  describe('arXiv API Atom, 2026 layout in a recorded {url, status_code, body} JSON', function () {
    it('reads the README count (100 entries)', function () {
      const r = read('recorded', arxivAtomImporter);
      assert.equal(r.works.length, section('arxivRecorded').count);
      assert.equal(r.works.length, 100);
      assert.equal(r.works.filter((w) => w.identifiers.some((id) => id.startsWith('doi:'))).length, section('arxivRecorded')['withDoi']);
    });
    it('fields of three entries (arxiv:doi, journal_ref as venue, arxiv:affiliation)', function () {
      const r = read('recorded', arxivAtomImporter);
      assertRecords(r.works, section('arxivRecorded').records, false);
      assert.equal(r.works[1].id, 'doi:10.1109/icstw58534.2023.00023');
    });
    it('repairs the double-encoded UTF-8 (24 Ã in the body) with one mojibake-repaired diagnostic per field', function () {
      const s = section('arxivRecorded');
      assert.equal(s['mojibakeCharsInBody'], 24);
      const r = read('recorded', arxivAtomImporter);
      const repaired = r.diagnostics.filter((d) => d.kind === 'mojibake-repaired');
      assert.equal(repaired.length, s['repairedFields']);
      assert.deepEqual(
        r.diagnostics.filter((d) => d.kind !== 'mojibake-repaired'),
        [],
      );
      const names = r.works.flatMap((w) => w.authors.map((a) => a.name));
      for (const name of s['repairedAuthorNames'] as string[]) assert.ok(names.includes(name), `${name} among the authors`);
      assert.equal(r.works[1].authors[0].name, 'Aurora Ramírez');
      const all = JSON.stringify(r.works);
      assert.equal(all.includes('Ã'), false, 'no Ã left in any field');
      // Every diagnostic sits on the line of "body" in the JSON file and names the feed line.
      const bodyLine = bytesOf('recorded').toString('utf8').split('\n').findIndex((l) => l.includes('"body"')) + 1;
      assert.ok(repaired.every((d) => d.line === bodyLine && /feed line \d+/.test(d.message)));
      assert.ok(repaired.some((d) => /Aurora RamÃ­rez" → "Aurora Ramírez"/.test(d.message)));
    });
  });

  describe('arXiv OAI-PMH ListRecords', function () {
    it('reads the README counts: 1000 records, 3067 authors, 154 affiliations', function () {
      const r = read('oai', arxivOaiImporter);
      const s = section('arxivOai');
      assert.equal(r.works.length, 1000);
      assert.equal(r.works.length, s.count);
      assert.equal(r.works.reduce((n, w) => n + w.authors.length, 0), 3067);
      assert.equal(r.works.reduce((n, w) => n + w.authors.reduce((m, a) => m + a.affiliations.length, 0), 0), s['affiliations']);
      assert.deepEqual(r.diagnostics, []);
    });
    it('fields and lines of four records, numeric character references decoded (G&#xf6;teborg → Göteborg)', function () {
      const r = read('oai', arxivOaiImporter);
      assertRecords(r.works, section('arxivOai').records, true);
      const ericsson = r.works.find((w) => w.authors[0]?.affiliations[0]?.startsWith('Ericsson AB'));
      assert.equal(ericsson?.authors[0]?.affiliations[0], 'Ericsson AB, Göteborg, Sweden');
      assert.equal(JSON.stringify(r.works).includes('&#x'), false);
      const first = r.works[0];
      assert.deepEqual([first.authors[0].given, first.authors[0].family], ['Byunghan', 'Lee']);
      assert.deepEqual(first.date, { year: 2015, month: 12, day: 16 });
    });
  });

  describe('OpenAlex work W2741809807', function () {
    it('one work with identifiers doi, openalex, pmid, the abstract rebuilt and the venue', function () {
      const r = read('oaWork', openAlexImporter);
      const s = section('openalexWork') as unknown as { record: ExpectedRecord; abstractStart: string; abstractWords: number; venue: string; concepts: string[] };
      assert.equal(r.works.length, 1);
      assert.deepEqual(r.diagnostics, []);
      assertRecords(r.works, [s.record], false);
      const w = r.works[0];
      assert.deepEqual(w.identifiers, ['doi:10.7717/peerj.4375', 'openalex:W2741809807', 'pmid:29456894']);
      assert.ok(w.abstract?.startsWith(s.abstractStart));
      assert.equal(w.abstract?.split(' ').length, s.abstractWords);
      assert.equal(w.venue, s.venue);
      assert.deepEqual(w.date, { year: 2018, month: 2, day: 13 });
      assert.deepEqual(w.categories, s.concepts);
    });
    it('authors with raw affiliation strings and institutions: 2 company and 7 education authors', function () {
      const w = read('oaWork', openAlexImporter).works[0];
      const s = section('openalexWork') as unknown as { authors: { name: string; types: string[]; rors: string[]; affiliations: string[] }[]; companyAuthors: number; educationAuthors: number };
      assert.equal(s.companyAuthors, 2);
      assert.equal(s.educationAuthors, 7);
      assert.deepEqual(
        w.authors.map((a) => ({ name: a.name, types: [...new Set(a.institutions.map((i) => i.type))].sort(), rors: a.institutions.map((i) => i.ror), affiliations: a.affiliations })),
        s.authors,
      );
      assert.equal(w.authors.filter((a) => a.institutions.some((i) => i.type === 'company')).length, 2);
      assert.equal(w.authors.filter((a) => a.institutions.some((i) => i.type === 'education')).length, 7);
      assert.deepEqual(w.authors[0].institutions, [{ name: 'Impact Technology Development (United States)', ror: '05ppvf150', openalex: 'I4210166736', type: 'company', country: 'US' }]);
    });
  });

  describe('OpenAlex works snapshot shard', function () {
    it('reads the README count (27 works), all with empty authorships, lines in provenance', function () {
      const r = read('oaShard', openAlexImporter);
      const s = section('openalexShard');
      assert.equal(r.works.length, 27);
      assert.equal(r.works.length, s.count);
      assert.equal(s['emptyAuthorships'], 27);
      assert.ok(r.works.every((w) => w.authors.length === 0));
      assert.deepEqual(
        r.works.map((w) => w.provenance[0].line),
        Array.from({ length: 27 }, (_, i) => i + 1),
      );
      assertRecords(r.works, s.records, true);
    });
    it('works without a title are kept, each with a missing-title diagnostic on its line', function () {
      const r = read('oaShard', openAlexImporter);
      assert.deepEqual(
        r.diagnostics.map((d) => [d.kind, d.line]),
        (section('openalexShard')['untitledLines'] as number[]).map((l) => ['missing-title', l]),
      );
    });
  });

  describe('Semantic Scholar paper with citations and references', function () {
    it('reads 1 + 1000 + 8 = 1009 works (citations/references with a paperId)', function () {
      const r = read('s2Paper', s2PaperImporter);
      const s = section('s2Paper');
      assert.deepEqual([s['citations'], s['citationsWithId'], s['references'], s['referencesWithId']], [1000, 1000, 14, 8]);
      assert.equal(r.works.length, 1009);
      assert.equal(r.works.length, s.count);
      assert.deepEqual(r.diagnostics, []);
    });
    it('marks citations as citing the paper and references as cited by it', function () {
      const r = read('s2Paper', s2PaperImporter);
      const main = r.works[0];
      assert.equal(main.id, 'doi:10.1093/mind/lix.236.433');
      assert.equal(main.provenance[0].relation, undefined);
      const rel = (w: Work): string => `${w.provenance[0].relation?.kind}:${w.provenance[0].relation?.of}`;
      assert.ok(r.works.slice(1, 1001).every((w) => rel(w) === `cites:${main.id}`));
      assert.ok(r.works.slice(1001).every((w) => rel(w) === `cited-by:${main.id}`));
      assert.equal(r.works.slice(1001).length, 8);
    });
    it('fields of the paper, a citation and two references; nulls read as absent', function () {
      const r = read('s2Paper', s2PaperImporter);
      assertRecords(r.works, section('s2Paper').records, false);
      const noAbstract = r.works.slice(1, 1001).filter((w) => w.abstract === undefined).length;
      assert.equal(noAbstract, section('s2Paper')['citationsWithoutAbstract']);
      assert.equal(r.works[0].authors[0].affiliations.length, 0);
      assert.equal(r.works[0].venue, 'The Philosophy of Artificial Intelligence');
    });
  });

  describe('Semantic Scholar author with papers', function () {
    it('reads the README count (60 papers); null publicationDate falls back to year, null year to none', function () {
      const r = read('s2Author', s2AuthorImporter);
      const s = section('s2Author');
      assert.equal(r.works.length, 60);
      assert.equal(r.works.length, s.count);
      assertRecords(r.works, s.records, false);
      assert.equal(r.works.filter((w) => w.date === undefined).length, s['withoutYear']);
      assert.equal(r.works.filter((w) => w.date !== undefined && w.date.day === undefined).length, (s['withoutPublicationDate'] as number) - (s['withoutYear'] as number));
      assert.ok(r.works.every((w) => w.provenance[0].format === 's2-author' && w.provenance[0].relation === undefined));
    });
  });
});
