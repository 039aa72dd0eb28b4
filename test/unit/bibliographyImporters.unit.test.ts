/**
 * The BibTeX, RIS and CSL-JSON importers and writers (spec imports.md "Sources and formats",
 * "Writing back") on the five shared bibliography files: record counts and DOIs from the
 * independent oracle (test/tools/expected_bibliography.py → expectedBibliography.json), a few
 * records per file checked field by field against the raw file, the data README's traps, damaged
 * copies (made in a temp folder), and round trips through every writer with decisions and sectors.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bibtexImporter, readBibtex, writeBibtex } from '../../src/core/sources/bibtex';
import { cslJsonImporter, readCslJson, writeCslJson } from '../../src/core/sources/cslJson';
import { readExtras, type WorkExtras } from '../../src/core/sources/exportExtras';
import type { ImportResult } from '../../src/core/sources/importer';
import { readRis, risImporter, writeRis } from '../../src/core/sources/ris';
import type { Work } from '../../src/core/sources/work';
import { describeWithCorpus } from '../support/corpus';
import { testData } from '../support/paths';

interface Expected {
  files: Record<string, { records: number; recordsWithDoi: number; distinctDois: number; firstLines?: number[]; firstKeys?: string[]; firstTitles?: string[]; firstAuthors?: string[]; firstYears?: string[] }>;
  graphEmbeddingReview: { sharedDois: number; risRecordsSharingADoiWithBibtex: number; bibtexRecordsSharingADoiWithRis: number };
}
const EXPECTED = JSON.parse(fs.readFileSync(path.join(__dirname, 'expectedBibliography.json'), 'utf8')) as Expected;

type Reader = (bytes: Uint8Array, source: { name: string }) => ImportResult;
const FILES: [string, Reader][] = [
  ['bibtex/d2l.bib', readBibtex],
  ['bibtex/graph_embedding_review_refs.bib', readBibtex],
  ['ris/graph_embedding_review_references.ris', readRis],
  ['csl_json/manubot_fm_survey_references.json', readCslJson],
  ['csl_json/zotero_better_csl_json_stats_ml_library.json', readCslJson],
];
const NEEDS = FILES.map(([f]) => f);

function read(file: string, reader: Reader): ImportResult {
  return reader(fs.readFileSync(testData(...file.split('/'))), { name: path.basename(file) });
}
function bytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
function byKey(result: ImportResult, key: string): Work {
  const w = result.works.find((x) => x.provenance[0]?.key === key);
  assert.ok(w, `no work with key ${key}`);
  return w;
}
function dois(works: Work[]): Set<string> {
  return new Set(works.flatMap((w) => w.identifiers.filter((i) => i.startsWith('doi:'))));
}

describeWithCorpus(
  'Bibliography importers on the shared files',
  () => {
    for (const [file, reader] of FILES) {
      it(`${file}: reads every record (${EXPECTED.files[file].records}) with no diagnostic, DOIs as the oracle counts them`, () => {
        const r = read(file, reader);
        const exp = EXPECTED.files[file];
        assert.equal(r.works.length, exp.records);
        assert.deepEqual(r.diagnostics, []);
        assert.equal(r.works.filter((w) => w.identifiers.some((i) => i.startsWith('doi:'))).length, exp.recordsWithDoi);
        assert.equal(dois(r.works).size, exp.distinctDois);
        r.works.forEach((w, i) => {
          assert.equal(w.provenance[0].index, i);
          assert.equal(w.provenance[0].source, path.basename(file));
          assert.ok(w.id.length > 0);
        });
        if (exp.firstLines) assert.deepEqual(r.works.slice(0, 3).map((w) => w.provenance[0].line), exp.firstLines);
        if (exp.firstKeys) assert.deepEqual(r.works.slice(0, 3).map((w) => w.provenance[0].key), exp.firstKeys);
      });
    }

    it('d2l.bib: TAB-aligned fields, LaTeX accents, "et al." dropped (Abadi et al. 2016, line 1)', () => {
      const w = read('bibtex/d2l.bib', readBibtex).works[0];
      assert.equal(w.title, 'TensorFlow: A system for large-scale machine learning');
      assert.equal(w.authors.length, 10);
      assert.deepEqual([w.authors[0].family, w.authors[0].given, w.authors[0].name], ['Abadi', 'Martín', 'Martín Abadi']);
      assert.equal(w.authors[9].name, 'Michael Isard');
      assert.deepEqual(w.date, { year: 2016 });
      assert.equal(w.venue, '12th USENIX Symposium on Operating Systems Design and Implementation (OSDI 16)');
      assert.equal(w.type, 'inproceedings');
      assert.equal(w.id, 'd2l.bib#Abadi.Barham.Chen.ea.2016');
      assert.equal(w.raw?.title, 'Tensor{F}low: A system for large-scale machine learning');
    });

    it('d2l.bib: "and others" is not an author; braces removed and raw newlines collapsed in titles', () => {
      const r = read('bibtex/d2l.bib', readBibtex);
      const w = byKey(r, 'Lin.Lv.Zhu.ea.2010');
      assert.equal(w.title, 'ImageNet classification: fast descriptor coding and large-scale SVM training');
      assert.equal(w.authors.length, 10);
      assert.equal(w.authors[9].name, 'X Zhou');
      assert.ok(!w.authors.some((a) => /others/i.test(a.name)));
      assert.equal(w.provenance[0].line, 1643);
    });

    it('d2l.bib: a key with "*" (Dosovitskiy.Beyer.Kolesnikov.ea.2021*1, line 588) is read, math decoded', () => {
      const r = read('bibtex/d2l.bib', readBibtex);
      const w = byKey(r, 'Dosovitskiy.Beyer.Kolesnikov.ea.2021*1');
      assert.equal(w.provenance[0].line, 588);
      assert.match(w.title, /^An image is worth 16\s?×\s?16 words: Transformers for image recognition at scale$/);
      assert.equal(w.authors[0].family, 'Dosovitskiy');
      assert.equal(w.authors.length, 10);
      assert.deepEqual(w.date, { year: 2021 });
    });

    it('graph_embedding_review_refs.bib: BOM before the first @, EndNote DOI field, raw newlines in note/keywords (RN4, line 13)', () => {
      const r = read('bibtex/graph_embedding_review_refs.bib', readBibtex);
      assert.equal(r.works[0].provenance[0].key, 'RN57');
      assert.equal(r.works[0].provenance[0].line, 1);
      assert.equal(r.works[0].title, 'MixHop: Higher-Order Graph Convolutional Architectures via Sparsified Neighborhood Mixing');
      const w = byKey(r, 'RN4');
      assert.equal(w.provenance[0].line, 13);
      assert.equal(w.title, 'PPIDomainMiner: Inferring domain-domain interactions from multiple sources of protein-protein interactions');
      assert.deepEqual([w.authors[0].family, w.authors[0].given], ['Alborzi', 'S. Z.']);
      assert.deepEqual(w.date, { year: 2021 });
      assert.equal(w.id, 'doi:10.1371/journal.pcbi.1008844');
      assert.ok(w.identifiers.includes('pmid:34370723'));
      assert.deepEqual(w.keywords.slice(0, 3), ['Algorithms', 'Computational Biology', 'Data Mining/statistics & numerical data']);
      assert.equal(w.venue, 'PLoS Comput Biol');
    });

    it('graph_embedding_review_references.ris: continuation lines, several UR, ER with trailing space (records 1–3 as the oracle reads them)', () => {
      const r = read('ris/graph_embedding_review_references.ris', readRis);
      const exp = EXPECTED.files['ris/graph_embedding_review_references.ris'];
      assert.deepEqual(r.works.slice(0, 3).map((w) => w.title), exp.firstTitles);
      assert.deepEqual(r.works.slice(0, 3).map((w) => `${w.authors[0].family}, ${w.authors[0].given}`), exp.firstAuthors);
      assert.deepEqual(r.works.slice(0, 3).map((w) => String(w.date?.year)), exp.firstYears);
      const w = r.works[1];
      assert.equal(w.provenance[0].line, 31);
      assert.equal(w.type, 'JOUR');
      assert.deepEqual(w.links, ['https://www.ncbi.nlm.nih.gov/pubmed/34370723', 'http://dx.doi.org/10.1371/journal.pcbi.1008844']);
      assert.deepEqual(w.identifiers, ['doi:10.1371/journal.pcbi.1008844', 'pmid:34370723']);
      assert.match(w.abstract ?? '', /^Many biological processes are mediated by protein-protein interactions \(PPIs\)\. Because protein domains/);
      assert.ok(!/\s{2}/.test(w.abstract ?? ''));
    });

    it('the BibTeX and RIS exports of the graph-embedding review share as many DOIs as the oracle finds', () => {
      const b = read('bibtex/graph_embedding_review_refs.bib', readBibtex).works;
      const r = read('ris/graph_embedding_review_references.ris', readRis).works;
      const bd = dois(b);
      const rd = dois(r);
      const exp = EXPECTED.graphEmbeddingReview;
      assert.equal([...bd].filter((d) => rd.has(d)).length, exp.sharedDois);
      assert.equal(r.filter((w) => w.identifiers.some((i) => bd.has(i))).length, exp.risRecordsSharingADoiWithBibtex);
      assert.equal(b.filter((w) => w.identifiers.some((i) => rd.has(i))).length, exp.bibtexRecordsSharingADoiWithRis);
    });

    it('manubot CSL-JSON: integer date-parts of 3 parts, arXiv from URL and note standard_id, DOI (item 1, line 2)', () => {
      const r = read('csl_json/manubot_fm_survey_references.json', readCslJson);
      const w = r.works[0];
      assert.equal(w.provenance[0].line, 2);
      assert.equal(w.provenance[0].key, 'JTo16m3e');
      assert.equal(w.title, 'Large Language Models for Biomedical Knowledge Graph Construction: Information extraction from EMR notes');
      assert.deepEqual([w.authors[0].family, w.authors[0].given], ['Arsenyan', 'Vahan']);
      assert.deepEqual(w.date, { year: 2025, month: 1, day: 30 });
      assert.deepEqual(w.identifiers, ['doi:10.18653/v1/2024.bionlp-1.23', 'arxiv:2301.12473']);
      const cal = byKey(r, 'zPozLA0K');
      assert.equal(cal.title, 'On Calibration of Modern Neural Networks');
      assert.deepEqual(cal.identifiers, ['doi:10.48550/arxiv.1706.04599', 'arxiv:1706.04599']);
      assert.deepEqual(cal.date, { year: 2017 });
    });

    it('Better CSL JSON: one object per line, citation-key, 1-part dates, arXiv container-title, a title with RIS residue kept as written', () => {
      const r = read('csl_json/zotero_better_csl_json_stats_ml_library.json', readCslJson);
      const a = r.works[0];
      assert.deepEqual([a.provenance[0].key, a.provenance[0].line, a.title, a.authors[0].name, a.date], ['abbottUnderstandingAnalysis2015', 2, 'Understanding Analysis', 'Stephen Abbott', { year: 2015 }]);
      const b = byKey(r, 'arroyo-relionNetworkClassificationApplications2017');
      assert.equal(b.provenance[0].line, 7);
      assert.deepEqual(b.date, { year: 2017, month: 1, day: 27 });
      assert.equal(b.authors[0].family, 'Arroyo-Relión');
      assert.deepEqual(b.identifiers, ['arxiv:1701.08140']);
      const c = byKey(r, 'athreyaSemiparametricTwoSampleHypothesis2017');
      assert.equal(c.title, 'A Semiparametric Two-Sample Hypothesis Testing Problem for Random Graphs AU - Tang, Minh');
      assert.equal(c.id, 'doi:10.1080/10618600.2016.1193505');
    });

    it('each importer recognises its own files above the others', () => {
      const importers = [bibtexImporter, risImporter, cslJsonImporter];
      for (const [file] of FILES) {
        const head = fs.readFileSync(testData(...file.split('/'))).subarray(0, 65536).toString('utf8').replace(/^\ufeff/, '');
        const scores = importers.map((imp) => imp.recognise(head, path.basename(file)));
        const best = importers[scores.indexOf(Math.max(...scores))];
        assert.equal(best.format, file.startsWith('bibtex') ? 'bibtex' : file.startsWith('ris') ? 'ris' : 'csl-json', `${file}: ${scores.join(', ')}`);
        assert.ok(Math.max(...scores) >= 0.85);
      }
    });
  },
  NEEDS,
);

describeWithCorpus(
  'Bibliography importers on damaged copies (temp folder)',
  () => {
    let dir: string;
    before(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-bibris-'));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));
    function damaged(file: string, change: (text: string) => string): Uint8Array {
      const copy = path.join(dir, path.basename(file));
      fs.writeFileSync(copy, change(fs.readFileSync(testData(...file.split('/')), 'utf8')));
      return fs.readFileSync(copy);
    }

    it('BibTeX cut in the middle of an entry: every entry before it is read, the cut one is a diagnostic with its line', () => {
      const data = damaged('bibtex/d2l.bib', (t) => t.slice(0, t.indexOf('@InProceedings{\t  Dosovitskiy.Beyer.Kolesnikov.ea.2021,') + 120));
      const r = readBibtex(data, { name: 'd2l.bib' });
      const complete = readBibtex(fs.readFileSync(testData('bibtex', 'd2l.bib')), { name: 'd2l.bib' });
      const at = complete.works.findIndex((w) => w.provenance[0].key === 'Dosovitskiy.Beyer.Kolesnikov.ea.2021');
      assert.equal(r.works.length, at);
      assert.deepEqual(r.works.map((w) => w.title), complete.works.slice(0, at).map((w) => w.title));
      const d = r.diagnostics.find((x) => x.line === 577);
      assert.ok(d, JSON.stringify(r.diagnostics));
      assert.equal(d.kind, 'syntax');
      assert.ok((d.raw ?? '').length <= 200);
    });

    it('BibTeX with a field brace removed in one entry: the entries after it are still read', () => {
      const data = damaged('bibtex/graph_embedding_review_refs.bib', (t) => t.replace('title = {PPIDomainMiner:', 'title = PPIDomainMiner:'));
      const r = readBibtex(data, { name: 'g.bib' });
      assert.ok(r.works.length >= 74 && r.works.length <= 76, String(r.works.length));
      assert.ok(r.works.some((w) => w.provenance[0].key === 'RN17'));
      assert.equal(r.works[r.works.length - 1].provenance[0].key, 'RN88');
      assert.ok(r.diagnostics.length >= 1);
      assert.ok(r.diagnostics.every((x) => x.line >= 13 && x.line < 47 && (x.raw ?? '').length <= 200), JSON.stringify(r.diagnostics));
    });

    it('RIS cut inside a record: the record is kept with a partial-record diagnostic at its TY line', () => {
      const data = damaged('ris/graph_embedding_review_references.ris', (t) => t.slice(0, t.indexOf('TI  - HPIDB 2.0') + 40));
      const r = readRis(data, { name: 'g.ris' });
      assert.equal(r.works.length, 3);
      assert.deepEqual(r.diagnostics.map((d) => [d.kind, d.line]), [['partial-record', 84]]);
      assert.equal(r.works[2].authors[0].family, 'Ammari');
    });

    it('RIS with an ER line lost: both records are kept, one diagnostic', () => {
      let n = 0;
      const data = damaged('ris/graph_embedding_review_references.ris', (t) => t.replace(/^ER {2}- ?$/gm, (m) => (++n === 5 ? '' : m)));
      const r = readRis(data, { name: 'g.ris' });
      assert.equal(r.works.length, 76);
      assert.equal(r.diagnostics.length, 1);
      assert.equal(r.diagnostics[0].kind, 'partial-record');
    });

    it('CSL-JSON cut in the middle of an item: items before it kept, the cut one kept as partial, syntax error with line and column', () => {
      const file = 'csl_json/zotero_better_csl_json_stats_ml_library.json';
      const data = damaged(file, (t) => t.slice(0, t.indexOf('{"id":"athreyaSemiparametricTwoSampleHypothesis2017"') + 300));
      const r = readCslJson(data, { name: 'z.json' });
      assert.equal(r.works.length, 9);
      assert.equal(r.works[8].provenance[0].key, 'athreyaSemiparametricTwoSampleHypothesis2017');
      const partial = r.diagnostics.find((d) => d.kind === 'partial-record');
      assert.equal(partial?.line, 10);
      const syntax = r.diagnostics.find((d) => d.kind === 'syntax');
      assert.ok(syntax && syntax.line === 10 && syntax.column !== undefined && syntax.column > 1);
      assert.ok(r.diagnostics.every((d) => (d.raw ?? '').length <= 200));
    });

    it('CSL-JSON with a corrupted item in the middle: the items after it are read', () => {
      const file = 'csl_json/zotero_better_csl_json_stats_ml_library.json';
      const data = damaged(file, (t) => t.replace('{"id":"athreyaSemiparametricTwoSampleHypothesis2017",', '{"id":"athreyaSemiparametricTwoSampleHypothesis2017" "broken": ,'));
      const r = readCslJson(data, { name: 'z.json' });
      assert.equal(r.works.length, 134);
      assert.ok(r.diagnostics.some((d) => d.kind === 'syntax' && d.line === 10));
    });
  },
  NEEDS,
);

describe('Bibliography importers: the traps, on small inputs', () => {
  it('BibTeX: @string/@preamble/@comment are not records, macros expand, text outside entries and a BOM are ignored', () => {
    const text = '\ufeffSome words before.\n@preamble{"\\newcommand{\\x}{y}"}\n@string{jmlr = {J. Mach. Learn. Res.}}\n@comment{not a record}\nstray text\n@article{k1,\n  title = {One},\n  journal = jmlr,\n  year = 2004\n}\n';
    const r = readBibtex(bytes(text), { name: 'a.bib' });
    assert.equal(r.works.length, 1);
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.works[0].venue, 'J. Mach. Learn. Res.');
    assert.equal(r.works[0].provenance[0].line, 6);
  });

  it('BibTeX: BibLaTeX date without year, eprint + archiveprefix/eprinttype = arXiv, DOI URL, month macro', () => {
    const text = '@online{a, title={A}, date={2019-06-24}, eprint={1906.10026v2}, eprinttype={arxiv}}\n@article{b, title={B}, year={2020}, month=mar, eprint={hep-th/9901001}, archiveprefix={arXiv}, url={https://doi.org/10.1000/ABC}}\n';
    const r = readBibtex(bytes(text), { name: 'b.bib' });
    assert.deepEqual(r.works.map((w) => [w.date, w.identifiers]), [
      [{ year: 2019, month: 6, day: 24 }, ['arxiv:1906.10026']],
      [{ year: 2020, month: 3 }, ['doi:10.1000/abc', 'arxiv:hep-th/9901001']],
    ]);
    assert.equal(r.works[0].id, 'arxiv:1906.10026');
  });

  it('RIS: A1 authors, Y1/DA dates at day precision, ER without trailing space, a record without ID is named by file and index', () => {
    const text = 'TY  - JOUR\r\nT1  - First\r\nA1  - Doe, Jane\r\nY1  - 2019/06/24/\r\nER  -\r\n\r\nTY  - CPAPER\r\nTI  - Second\r\nAU  - Roe, Richard, Jr.\r\nPY  - 2020\r\nDA  - 2020/03//\r\nER  - \r\n';
    const r = readRis(bytes(text), { name: 'x.ris' });
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(r.works.map((w) => [w.title, w.authors[0].name, w.date]), [
      ['First', 'Jane Doe', { year: 2019, month: 6, day: 24 }],
      ['Second', 'Richard Roe Jr.', { year: 2020, month: 3 }],
    ]);
    assert.deepEqual(r.works.map((w) => w.id), ['x.ris#0', 'x.ris#1']);
  });

  it('CSL-JSON: date-parts as strings, 1–3 parts, issued.raw, literal names, note "arxiv:" line, a non-object item skipped', () => {
    const text = JSON.stringify([
      { id: 'a', type: 'article', title: 'A', issued: { 'date-parts': [['2019', '6']] }, author: [{ literal: 'The Team' }], note: 'arXiv: 2401.02452v3' },
      { id: 'b', type: 'book', title: 'B', issued: { raw: '2018-02-03' } },
      42,
      { id: 'c', type: 'report', title: 'C', issued: { 'date-parts': [[2017]] }, keyword: 'x, y' },
    ]);
    const r = readCslJson(bytes(text), { name: 'c.json' });
    assert.deepEqual(r.works.map((w) => [w.title, w.date, w.identifiers, w.keywords]), [
      ['A', { year: 2019, month: 6 }, ['arxiv:2401.02452'], []],
      ['B', { year: 2018, month: 2, day: 3 }, [], []],
      ['C', { year: 2017 }, [], ['x', 'y']],
    ]);
    assert.equal(r.works[0].authors[0].name, 'The Team');
    assert.deepEqual(r.diagnostics.map((d) => d.kind), ['syntax']);
  });

  it('a file of another format is not recognised by any of the three', () => {
    const head = '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry><title>x</title></entry></feed>';
    for (const imp of [bibtexImporter, risImporter, cslJsonImporter]) assert.equal(imp.recognise(head, 'a.xml'), 0);
    const openalex = '{"id":"https://openalex.org/W1","title":"x","type":"article","authorships":[]}';
    assert.ok(cslJsonImporter.recognise(openalex, 'w.json') < 0.5);
  });
});

// ---------------------------------------------------------------------------------------------
// Round trips

type Writer = (works: readonly Work[], extras?: Record<string, WorkExtras>) => string;
const WRITERS: [string, Writer, Reader][] = [
  ['BibTeX', writeBibtex, readBibtex],
  ['RIS', writeRis, readRis],
  ['CSL-JSON', writeCslJson, readCslJson],
];
const SECTORS = ['Academia', 'Industry', 'Collaboration'];
const DECISIONS = ['include', 'exclude', 'maybe'] as const;

function extrasOf(works: Work[]): Record<string, WorkExtras> {
  const out: Record<string, WorkExtras> = {};
  works.forEach((w, i) => {
    if (i % 4 === 3) return; // some works carry nothing
    out[w.id] = { decision: DECISIONS[i % 3], teamSector: SECTORS[i % 3], ...(i % 3 === 2 ? { leaning: 'academia-leaning' } : {}) };
  });
  return out;
}
/**
 * What a round trip must keep: title, authors (name; family and given where the name is split into
 * both: a one-part name such as "OpenAI" may come back as a family name or as a literal), date,
 * identifiers.
 */
function essentials(w: Work): unknown {
  return { title: w.title, authors: w.authors.map((a) => (a.given && a.family ? [a.name, a.family, a.given] : [a.name])), date: w.date ?? null, identifiers: w.identifiers };
}

describeWithCorpus(
  'Bibliography writers: export → import keeps the works, decisions and sectors',
  () => {
    for (const [file, reader] of FILES) {
      for (const [name, write, readBack] of WRITERS) {
        it(`${file} → ${name} → back`, () => {
          const original = read(file, reader).works;
          const extras = extrasOf(original);
          const text = write(original, extras);
          const back = readBack(bytes(text), { name: `export.${name}` });
          assert.deepEqual(back.diagnostics, []);
          assert.equal(back.works.length, original.length);
          back.works.forEach((w, i) => {
            const o = original[i];
            assert.deepEqual(essentials(w), essentials(o), `record ${i} (${o.id})`);
            assert.deepEqual(readExtras(w), extras[o.id] ?? {}, `extras of record ${i}`);
          });
          // A second export replaces the extras instead of adding a second set.
          const again = readBack(bytes(write(back.works, { [back.works[0].id]: { decision: 'exclude' } })), { name: 'again' });
          assert.deepEqual(readExtras(again.works[0]), { decision: 'exclude' });
          assert.equal(again.works[0].keywords.filter((k) => k.startsWith('compute-divide:')).length, 1);
        });
      }
    }
  },
  NEEDS,
);
