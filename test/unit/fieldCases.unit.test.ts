/**
 * The field cases of the test corpus's field-cases/ (rebuilt from public bug reports), each held to
 * the behaviour its README names. Contract: ../shared/spec/sector-and-dataset.md. The files are
 * read in `before`/`it`, so that without the corpus the suite is skipped without reading any.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import { loadDataset } from '../../src/core/dataset/loadDataset';
import type { Dataset, DatasetDiagnostic, Paper } from '../../src/core/dataset/model';
import { describeWithCorpus } from '../support/corpus';
import { corpusHas, TEST_DATA } from '../support/paths';


const FIELD_CASES = path.join(TEST_DATA, 'field-cases');
const load = (file: string): Dataset => loadDataset(fs.readFileSync(path.join(FIELD_CASES, file)), file);
const diagnosticsAt = (ds: Dataset, line: number): DatasetDiagnostic[] => ds.diagnostics.filter((d) => d.line === line);
const byId = (ds: Dataset, id: string): Paper => {
  const p = ds.papers.find((x) => x.id === id);
  assert.ok(p, `no paper with id ${JSON.stringify(id)}; ids: ${JSON.stringify(ds.papers.map((x) => x.id))}`);
  return p;
};

describeWithCorpus('field cases (test corpus: field-cases/)', function () {
  describe('br-01: names that differ only in white space keep their identity', function () {
    const FIVE = ['Template Adaptation', 'GPT-3.5 (davinci-002)', 'Qwen2.5-VL-7B', 'ALLaM adapted 70B', 'Solar Open 100B'];

    it('br-01a (raw white space, NBSP, trailing line breaks) gives the five clean ids and names', function () {
      const a = load('br-01a-epoch-names-with-whitespace.csv');
      assert.deepEqual(
        a.papers.map((p) => p.id),
        FIVE,
      );
      assert.deepEqual(
        a.papers.map((p) => p.name),
        FIVE,
      );
      // Records span two lines where the name ends in a line break: header 1, then 2, 4, 6, 7, 8.
      assert.deepEqual(
        a.papers.map((p) => p.line),
        [2, 4, 6, 7, 8],
      );
      // The only diagnostic: ALLaM has one organization beside "Industry,Government" (spec: a
      // list-style file, lengths 1 vs 2 → length mismatch).
      assert.deepEqual(
        a.diagnostics.map((d) => [d.kind, d.line, d.raw]),
        [['length-mismatch', 7, 'Industry,Government']],
      );
    });

    it('br-01b (cleaned) gives the same five ids and display names as br-01a', function () {
      const a = load('br-01a-epoch-names-with-whitespace.csv');
      const b = load('br-01b-epoch-names-cleaned.csv');
      assert.deepEqual(
        b.papers.map((p) => p.id),
        a.papers.map((p) => p.id),
      );
      assert.deepEqual(
        b.papers.map((p) => p.name),
        a.papers.map((p) => p.name),
      );
      assert.deepEqual(
        b.papers.map((p) => p.id),
        FIVE,
      );
      // Same data otherwise.
      for (let i = 0; i < FIVE.length; i++) {
        assert.equal(b.papers[i].publicationDate, a.papers[i].publicationDate);
        assert.equal(b.papers[i].trainingComputeFlop, a.papers[i].trainingComputeFlop);
        assert.equal(b.papers[i].teamSector, a.papers[i].teamSector);
      }
      assert.deepEqual(
        b.diagnostics.map((d) => [d.kind, d.line, d.raw]),
        [['length-mismatch', 5, 'Industry,Government']],
      );
    });

    it("br-01c's paper-label targets resolve to an id in both files", function () {
      const lines = fs
        .readFileSync(path.join(FIELD_CASES, 'br-01c-labels.jsonl'), 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '');
      const targets = lines
        .map((l) => JSON.parse(l) as { target: { kind: string; id?: string } })
        .filter((e) => e.target.kind === 'paper')
        .map((e) => e.target.id as string);
      assert.ok(targets.length >= 2, 'br-01c holds paper labels');
      for (const file of ['br-01a-epoch-names-with-whitespace.csv', 'br-01b-epoch-names-cleaned.csv']) {
        const ids = new Set(load(file).papers.map((p) => p.id));
        for (const t of targets) assert.ok(ids.has(t), `${file}: label target ${JSON.stringify(t)} has no paper`);
      }
    });
  });

  describe('br-02: sector label variants, per row exactly as br-02-expected.csv', function () {
    let ds: Dataset;
    before(function () {
      ds = load('br-02-sector-label-variants.csv');
    });
    interface ExpectedRow {
      System: string;
      team_sector: string;
      leaning: string;
      alignment_diagnostic: string;
      other_diagnostic: string;
    }
    // One test per expected row, so the rows are read when the suite is declared (none without the corpus).
    const expected = corpusHas(['field-cases/br-02-expected.csv'])
      ? parse<ExpectedRow>(fs.readFileSync(path.join(FIELD_CASES, 'br-02-expected.csv')), { columns: true, bom: true })
      : [];

    it('has one row per expected row, in order, and is list-style', function () {
      assert.ok(expected.length >= 18);
      assert.deepEqual(
        ds.papers.map((p) => p.id),
        expected.map((e) => e.System),
      );
      assert.equal(ds.listStyle, true);
    });

    for (const [i, e] of expected.entries()) {
      it(`${e.System}: ${e.team_sector}${e.leaning ? ` (${e.leaning})` : ''}${e.alignment_diagnostic ? `, ${e.alignment_diagnostic}` : ''}${e.other_diagnostic ? `, ${e.other_diagnostic}` : ''}`, function () {
        const p = ds.papers[i];
        assert.equal(p.id, e.System);
        assert.equal(p.teamSector, e.team_sector);
        assert.equal(p.leaning ?? '', e.leaning);
        const own = diagnosticsAt(ds, p.line);
        const mismatch = own.filter((d) => d.kind === 'length-mismatch');
        const unknown = own.filter((d) => d.kind === 'unknown-category');
        if (e.alignment_diagnostic === '') {
          assert.deepEqual(mismatch, [], 'no alignment diagnostic');
          assert.equal(p.lengthMismatch, false);
        } else {
          const m = /\((\d+) organizations, (\d+) categories\)/.exec(e.alignment_diagnostic);
          assert.ok(m, `cannot read ${e.alignment_diagnostic}`);
          assert.equal(mismatch.length, 1, 'one length-mismatch diagnostic');
          assert.match(mismatch[0].message, new RegExp(`\\b${m[1]} organizations, ${m[2]} categories\\b`));
          assert.equal(mismatch[0].column, 'Organization categorization');
          assert.equal(p.lengthMismatch, true);
          assert.equal(p.organizations.length, Number(m[1]));
          assert.equal(p.categories.length, Number(m[2]));
          assert.ok(p.organizationCategories.every((c) => c === undefined), 'no invented alignment');
        }
        if (e.other_diagnostic === '') {
          assert.deepEqual(unknown, [], 'no unknown-category diagnostic');
        } else {
          const m = /^unknown category: (.+)$/.exec(e.other_diagnostic);
          assert.ok(m, `cannot read ${e.other_diagnostic}`);
          assert.equal(unknown.length, 1);
          assert.equal(unknown[0].raw, m[1]);
          assert.equal(unknown[0].column, 'Organization categorization');
        }
        assert.equal(own.length, mismatch.length + unknown.length, `no other diagnostics: ${JSON.stringify(own)}`);
      });
    }

    it('has no diagnostics besides the expected ones', function () {
      const want = expected.filter((e) => e.alignment_diagnostic !== '').length + expected.filter((e) => e.other_diagnostic !== '').length;
      assert.equal(ds.diagnostics.length, want);
    });

    it('aligned rows give each organization its own category', function () {
      const v06 = byId(ds, 'V06 repeated industry');
      assert.deepEqual(v06.organizationCategories, ['Industry', 'Industry']);
      const v13 = byId(ds, 'V13 academia government');
      assert.deepEqual(v13.organizationCategories, ['Academia', 'Government']);
      const v18 = byId(ds, 'V18 trailing comma');
      assert.deepEqual(v18.organizations, ['Org A']);
      assert.deepEqual(v18.organizationCategories, ['Industry']);
    });
  });

  describe('br-04: BOM + CRLF', function () {
    it('loads three rows with their names; the first header is "System"', function () {
      const ds = load('br-04-bom-crlf.csv');
      assert.equal(ds.headers[0], 'System');
      assert.deepEqual(
        ds.papers.map((p) => p.name),
        ['Placeholder Net A', 'Placeholder Net B', 'Placeholder Net C'],
      );
      assert.deepEqual(
        ds.papers.map((p) => p.line),
        [2, 3, 4],
      );
      assert.deepEqual(
        ds.papers.map((p) => p.teamSector),
        ['Academia', 'Industry', 'Collaboration'],
      );
      assert.deepEqual(
        ds.papers.map((p) => p.publicationDate),
        ['2019-05-01', '2021-07-09', '2023-02-14'],
      );
      assert.deepEqual(ds.diagnostics, []);
    });
  });

  describe('br-05a: CRLF records, bare LF (and blank lines) inside quoted abstracts', function () {
    it('three rows; abstracts keep their inner line breaks', function () {
      const ds = load('br-05a-crlf-records-lf-inside-quotes.csv');
      assert.deepEqual(
        ds.papers.map((p) => p.name),
        ['first-model', 'second-model', 'last-model'],
      );
      assert.equal(ds.papers[0].abstract, 'We describe a "small" model.\n\nIt was trained on placeholder data.');
      assert.equal(ds.papers[1].abstract, 'Another abstract with a "quoted" word \n\nand a line after an empty one');
      assert.equal(ds.papers[2].abstract, '');
      assert.deepEqual(
        ds.papers.map((p) => p.line),
        [2, 5, 8],
      );
      assert.deepEqual(
        ds.papers.map((p) => p.teamSector),
        ['Industry', 'Academia', 'Unknown'],
      );
      assert.deepEqual(ds.diagnostics, []);
    });
  });

  describe('br-05b: LF after the header, CRLF after each row', function () {
    it('three rows, categories Industry / Academia / Industry, no unknown-category', function () {
      const ds = load('br-05b-lf-header-crlf-rows.csv');
      assert.equal(ds.papers.length, 3);
      assert.deepEqual(
        ds.papers.map((p) => p.categories),
        [['Industry'], ['Academia'], ['Industry']],
      );
      assert.deepEqual(
        ds.papers.map((p) => p.teamSector),
        ['Industry', 'Academia', 'Industry'],
      );
      assert.deepEqual(
        ds.papers.map((p) => p.cells['Organization categorization']),
        ['Industry', 'Academia', 'Industry'],
      );
      assert.deepEqual(
        ds.diagnostics.filter((d) => d.kind === 'unknown-category'),
        [],
      );
      assert.deepEqual(ds.diagnostics, []);
      assert.deepEqual(
        ds.papers.map((p) => p.line),
        [2, 3, 4],
      );
    });
  });

  describe('br-06: ragged rows', function () {
    let ds: Dataset;
    before(function () {
      ds = load('br-06-ragged-rows.csv');
    });

    it('keeps all four rows', function () {
      assert.deepEqual(
        ds.papers.map((p) => p.name),
        ['Good Row One', 'Extra Field Row', 'Short Row', 'Good Row Two'],
      );
      assert.deepEqual(
        ds.papers.map((p) => p.line),
        [2, 3, 4, 5],
      );
    });

    it('the row with an extra field has one ragged-row diagnostic naming 7 and 6 fields, and nothing else', function () {
      const own = diagnosticsAt(ds, 3);
      assert.equal(own.length, 1, JSON.stringify(own));
      assert.equal(own[0].kind, 'ragged-row');
      assert.match(own[0].message, /\b7\b/);
      assert.match(own[0].message, /\b6\b/);
    });

    it('the truncated row has one ragged-row diagnostic naming 4 and 6 fields, and nothing else', function () {
      const own = diagnosticsAt(ds, 4);
      assert.equal(own.length, 1, JSON.stringify(own));
      assert.equal(own[0].kind, 'ragged-row');
      assert.match(own[0].message, /\b4\b/);
      assert.match(own[0].message, /\b6\b/);
    });

    it('ragged rows are read by position (surplus ignored, missing cells empty)', function () {
      const extra = ds.papers[1];
      assert.equal(extra.cells['Organization'], 'University of California');
      assert.equal(extra.cells['Publication date'], 'Berkeley');
      assert.equal(extra.publicationDate, undefined);
      const short = ds.papers[2];
      assert.equal(short.cells['Domain'], 'Games');
      assert.deepEqual(short.domains, ['Games']);
      assert.equal(short.publicationDate, '2020-05-06');
      assert.equal(short.cells['Training compute (FLOP)'], '');
      assert.equal(short.trainingComputeFlop, undefined);
      assert.equal(short.teamSector, 'Unknown');
    });

    it('the good rows have no diagnostics; there are exactly two in all', function () {
      assert.deepEqual(diagnosticsAt(ds, 2), []);
      assert.deepEqual(diagnosticsAt(ds, 5), []);
      assert.equal(ds.diagnostics.length, 2);
      assert.equal(ds.papers[3].trainingComputeFlop, 3.0e21);
      assert.deepEqual(ds.papers[3].organizations, ['University of California', 'Berkeley']);
    });
  });

  describe('br-07: training compute number forms', function () {
    let ds: Dataset;
    before(function () {
      ds = load('br-07-compute-number-forms.csv');
    });
    const COLUMN = 'Training compute (FLOP)';
    // name → [value, bad-number raw text or undefined]
    const CASES: [string, number | undefined, string | undefined][] = [
      ['N01 sheets sci', 40, undefined],
      ['N02 leading plus', 1500, undefined],
      ['N03 lower e', 3.87e25, undefined],
      ['N04 many digits', 9.00001e21, undefined],
      ['N05 long mantissa', 5.0000000001e25, undefined],
      ['N06 float with .0', 991981425600000, undefined],
      ['N07 bare int', 40, undefined],
      ['N08 two dp', 694894.94, undefined],
      ['N09 no sign exp', 1.2e24, undefined],
      ['N10 N/A', undefined, undefined],
      ['N11 NA', undefined, undefined],
      ['N12 empty', undefined, undefined],
      ['N13 zero', undefined, '0'],
      ['N14 negative', undefined, '-5e20'],
      // Not in the spec's list of forms; the loader reads a decimal comma by design (cells.ts).
      ['N15 decimal comma', 1.2e22, undefined],
      ['N16 padded', 2.5e23, undefined],
      ['N17 overflow', undefined, '1e+400'],
      ['N18 text', undefined, 'about 1e22'],
      ['713752e1', 2.0e21, undefined],
      ['1e100', 3.0e22, undefined],
    ];

    it('has every case as a row, in order', function () {
      assert.deepEqual(
        ds.papers.map((p) => p.id),
        CASES.map((c) => c[0]),
      );
    });

    for (const [i, [name, value, badRaw]] of CASES.entries()) {
      it(`${name} → ${value === undefined ? 'empty' : value}${badRaw === undefined ? '' : ' + bad-number'}`, function () {
        const p = ds.papers[i];
        assert.equal(p.name, name, 'names that look like numbers stay strings');
        assert.equal(p.line, i + 2);
        assert.equal(p.trainingComputeFlop, value);
        assert.equal(p.citations, undefined, 'N/A citations are empty');
        const own = diagnosticsAt(ds, p.line);
        if (badRaw === undefined) assert.deepEqual(own, []);
        else {
          assert.equal(own.length, 1, JSON.stringify(own));
          assert.equal(own[0].kind, 'bad-number');
          assert.equal(own[0].column, COLUMN);
          assert.equal(own[0].raw, badRaw);
        }
      });
    }

    it('has exactly the four bad-number diagnostics (zero, negative, overflow, text)', function () {
      assert.deepEqual(
        ds.diagnostics.map((d) => [d.kind, d.line]),
        [
          ['bad-number', 14],
          ['bad-number', 15],
          ['bad-number', 18],
          ['bad-number', 19],
        ],
      );
    });
  });

  describe('br-21: duplicate names', function () {
    let ds: Dataset;
    before(function () {
      ds = load('br-21-duplicate-names.csv');
    });

    it('gives unique ids with " #2" for the second row of a name and keeps both rows', function () {
      assert.deepEqual(
        ds.papers.map((p) => p.id),
        ['SigLIP', 'SigLIP #2', 'FLAN', 'FLAN #2', 'AMPLIFY', 'AMPLIFY #2', 'Target Paper To Reveal', 'Sibling One', 'Sibling Two', 'Multi Domain Model'],
      );
      assert.equal(new Set(ds.papers.map((p) => p.id)).size, ds.papers.length);
      // Display names stay as written.
      assert.deepEqual(
        ds.papers.slice(0, 6).map((p) => p.name),
        ['SigLIP', 'SigLIP', 'FLAN', 'FLAN', 'AMPLIFY', 'AMPLIFY'],
      );
    });

    it('raises one duplicate-name diagnostic per later row, at its line, and nothing else', function () {
      assert.deepEqual(
        ds.diagnostics.map((d) => [d.kind, d.line, d.raw, d.column]),
        [
          ['duplicate-name', 3, 'SigLIP', 'Model'],
          ['duplicate-name', 5, 'FLAN', 'Model'],
          ['duplicate-name', 7, 'AMPLIFY', 'Model'],
        ],
      );
    });

    it('the two AMPLIFY rows keep their own organizations and sectors', function () {
      const a = byId(ds, 'AMPLIFY');
      const b = byId(ds, 'AMPLIFY #2');
      assert.deepEqual(a.organizations, ['Mila', 'Amgen', 'Polytechnique Montreal', 'CIFAR']);
      assert.deepEqual(b.organizations, ['Chandar Research Lab', 'Mila', 'Amgen', 'Polytechnique Montreal', 'CIFAR']);
      // a=2, i=1 → 2/3 ≤ 0.7 → balanced; a=3, i=1 → 0.75 > 0.7 → academia.
      assert.equal(a.teamSector, 'Collaboration');
      assert.equal(a.leaning, 'balanced');
      assert.equal(b.teamSector, 'Collaboration');
      assert.equal(b.leaning, 'academia');
      assert.deepEqual(byId(ds, 'Multi Domain Model').domains, ['Language', 'Vision']);
    });
  });
}, ['field-cases/']);
