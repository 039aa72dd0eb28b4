/**
 * `loadDataset` on small hand-made inputs, one rule of ../shared/spec/sector-and-dataset.md at a
 * time: dates, numbers, names and ids, delimiters, encodings, line endings, CSV syntax breaks,
 * files that are not Epoch tables, the `Team sector` override, alignment and diagnostic positions.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadDataset, NotEpochTableError } from '../../src/core/dataset/loadDataset';
import type { Dataset, DatasetDiagnostic, Paper } from '../../src/core/dataset/model';
import { REPO } from '../support/paths';

const FIXTURES = path.join(REPO, 'test', 'unit', 'fixtures');

const SOURCE = 'fixture.csv';
const load = (input: string | Uint8Array): Dataset => loadDataset(typeof input === 'string' ? Buffer.from(input, 'utf8') : input, SOURCE);
const at = (ds: Dataset, line: number): DatasetDiagnostic[] => ds.diagnostics.filter((d) => d.line === line);
const ofKind = (ds: Dataset, kind: DatasetDiagnostic['kind']): DatasetDiagnostic[] => ds.diagnostics.filter((d) => d.kind === kind);
const paper = (ds: Dataset, id: string): Paper => {
  const p = ds.papers.find((x) => x.id === id);
  assert.ok(p, `no paper ${JSON.stringify(id)} among ${JSON.stringify(ds.papers.map((x) => x.id))}`);
  return p;
};

const HEADER = 'Model,Organization,Organization categorization,Publication date,Training compute (FLOP)';
/** A one-row-per-date table; row i (0-based) starts on line i + 2. */
const dateTable = (dates: string[]): string => [HEADER, ...dates.map((d, i) => `D${i},Org,Academia,${d.includes(',') ? `"${d}"` : d},1e20`)].join('\n') + '\n';
const computeTable = (values: string[]): string => [HEADER, ...values.map((v, i) => `C${i},Org,Academia,2020-01-01,${v.includes(',') ? `"${v}"` : v}`)].join('\n') + '\n';

function expectNotEpoch(input: string | Uint8Array, reason: RegExp): void {
  assert.throws(
    () => load(input),
    (error: unknown) => {
      assert.ok(error instanceof NotEpochTableError, `expected NotEpochTableError, got ${String(error)}`);
      assert.ok(!error.message.includes('\n'), 'one line');
      assert.ok(error.message.includes(SOURCE), 'names the file');
      assert.match(error.message, /not an Epoch AI model table/);
      assert.match(error.message, reason);
      assert.match(error.message, /\.$/, 'one sentence, ending in a full stop');
      return true;
    },
  );
}

describe('loadDataset edge cases', function () {
  describe('dates', function () {
    const VALID: [string, string][] = [
      ['2023-07-14', '2023-07-14'], // YYYY-MM-DD
      ['14/07/2023', '2023-07-14'], // DD/MM/YYYY
      ['4/7/2023', '2023-07-04'], // D/M/YYYY
      ['04/7/2023', '2023-07-04'],
      ['4/07/2023', '2023-07-04'],
      ['14-07-2023', '2023-07-14'], // DD-MM-YYYY (Excel re-save)
      ['29/02/2024', '2024-02-29'], // leap day in a leap year
      ['2000-02-29', '2000-02-29'], // divisible by 400
      ['02/07/1950', '1950-07-02'], // Theseus, PCD form
      ['  2021-12-31\t', '2021-12-31'], // surrounding white space trimmed
      ['', ''], // empty: no date, no diagnostic
    ];
    const IMPOSSIBLE = ['2023-02-30', '31/04/2020', '29/02/2023', '1900-02-29', '2020-13-01', '2020-00-10', '00/01/2020', '32-01-2020', '29-02-2023', '05/14/2020'];
    const GARBAGE = ['2020', '2020-05', 'March 2020', '2020/05/01', '2020-05-01T00:00:00', 'unknown', '2020.05.01', '14.07.2023', 'N/A'];

    it('reads every spec form to ISO YYYY-MM-DD without a diagnostic', function () {
      const ds = load(dateTable(VALID.map((v) => v[0])));
      assert.equal(ds.papers.length, VALID.length);
      VALID.forEach(([raw, iso], i) => {
        assert.equal(ds.papers[i].publicationDate, iso === '' ? undefined : iso, `date ${JSON.stringify(raw)}`);
      });
      assert.deepEqual(ds.diagnostics, []);
    });

    it('impossible calendar dates → empty + bad-date with column, raw text and line', function () {
      const ds = load(dateTable(IMPOSSIBLE));
      assert.equal(ds.papers.length, IMPOSSIBLE.length, 'rows are kept');
      IMPOSSIBLE.forEach((raw, i) => {
        const p = ds.papers[i];
        assert.equal(p.publicationDate, undefined, raw);
        assert.equal(p.line, i + 2);
        const own = at(ds, i + 2);
        assert.equal(own.length, 1, `${raw}: ${JSON.stringify(own)}`);
        assert.equal(own[0].kind, 'bad-date');
        assert.equal(own[0].column, 'Publication date');
        assert.equal(own[0].raw, raw);
      });
    });

    it('garbage dates → empty + bad-date with column, raw text and line', function () {
      const ds = load(dateTable(GARBAGE));
      assert.equal(ds.papers.length, GARBAGE.length);
      GARBAGE.forEach((raw, i) => {
        assert.equal(ds.papers[i].publicationDate, undefined, raw);
        assert.deepEqual(
          at(ds, i + 2).map((d) => [d.kind, d.column, d.raw]),
          [['bad-date', 'Publication date', raw]],
        );
      });
    });

    it('the bad-date line is the line where the record starts, after multi-line records', function () {
      const text = `${HEADER}\n"Multi\nline\nname",Org,Academia,2020-01-01,1e20\nBad,Org,Academia,31/06/2021,1e20\n`;
      const ds = load(text);
      assert.deepEqual(
        ds.papers.map((p) => p.line),
        [2, 5],
      );
      assert.deepEqual(
        ds.diagnostics.map((d) => [d.kind, d.line, d.raw]),
        [['bad-date', 5, '31/06/2021']],
      );
    });

    it('forms outside the spec (unpadded ISO, D-M-YYYY) → bad-date ("anything else ... is empty plus a diagnostic")', function () {
      const OTHER = ['2023-7-4', '2023-07-4', '4-7-2023', '4-07-2023'];
      const ds = load(dateTable(OTHER));
      OTHER.forEach((raw, i) => {
        assert.equal(ds.papers[i].publicationDate, undefined, `${raw} is none of YYYY-MM-DD, DD/MM/YYYY, D/M/YYYY, DD-MM-YYYY`);
        assert.deepEqual(
          at(ds, i + 2).map((d) => [d.kind, d.raw]),
          [['bad-date', raw]],
        );
      });
    });
  });

  describe('numbers', function () {
    it('reads decimal and scientific forms; empty, N/A and NA are empty without a diagnostic', function () {
      const CASES: [string, number | undefined][] = [
        ['1e+25', 1e25],
        ['4.00E+01', 40],
        ['991981425600000.0', 991981425600000],
        ['40', 40],
        ['+1.5E+03', 1500],
        ['1.2E24', 1.2e24],
        ['5.0000000001e+25', 5.0000000001e25],
        ['694894.94', 694894.94],
        ['.5', 0.5],
        ['2.', 2],
        ['1e-3', 0.001],
        ['  3.1e23 ', 3.1e23],
        ['', undefined],
        ['N/A', undefined],
        ['NA', undefined],
        // Locale forms read by design (cells.ts, field case br-07): decimal comma, thousands groups.
        ['1,2e+22', 1.2e22],
        ['1,200,000', 1200000],
      ];
      const ds = load(computeTable(CASES.map((c) => c[0])));
      CASES.forEach(([raw, value], i) => assert.equal(ds.papers[i].trainingComputeFlop, value, `compute ${JSON.stringify(raw)}`));
      assert.deepEqual(ds.diagnostics, []);
    });

    it('zero, negative, infinite and unreadable training compute → empty + bad-number at the right line', function () {
      const BAD = ['0', '0.0', '-0', '-5e20', '1e+400', '-1e400', 'Infinity', 'NaN', '0x10', '1e22 FLOP', '~1e22', 'about 1e22', '1_000', '1.2.3', 'e10'];
      const ds = load(computeTable(BAD));
      assert.equal(ds.papers.length, BAD.length);
      BAD.forEach((raw, i) => {
        assert.equal(ds.papers[i].trainingComputeFlop, undefined, raw);
        assert.deepEqual(
          at(ds, i + 2).map((d) => [d.kind, d.column, d.raw]),
          [['bad-number', 'Training compute (FLOP)', raw]],
          raw,
        );
      });
    });

    it('PCD-style FLOPs column, float-formatted parameters and citations, N/A citations', function () {
      const text = 'System,Organization(s),Training compute (FLOPs),Parameters,Citations\nA,Org,1.80E+02,975000000000.0,16.0\nB,Org,7.80E+24,,N/A\nC,Org,NA,1.2E+09,NA\n';
      const ds = load(text);
      assert.deepEqual(
        ds.papers.map((p) => [p.trainingComputeFlop, p.parameters, p.citations]),
        [
          [180, 975000000000, 16],
          [7.8e24, undefined, undefined],
          [undefined, 1.2e9, undefined],
        ],
      );
      assert.deepEqual(ds.diagnostics, []);
    });
  });

  describe('organization ↔ category alignment', function () {
    it('list-style file: mismatched lengths raise length-mismatch; empty cells and collaboration labels do not', function () {
      const text = [
        'Model,Organization,Organization categorization',
        'Aligned,"A,B","Academia,Industry"',
        'Three orgs two cats,"A,B,C","Academia,Industry"',
        'Two orgs one cat,"A,B",Academia',
        'No categories,"A,B",',
        'Collab label,"A,B",Industry - Academia Collaboration (Academia leaning)',
        'No orgs,,"Academia,Industry"',
        'One gov,A,Government',
        'Spaces and case,"A , B ,,"," academia , INDUSTRY "',
      ].join('\n');
      const ds = load(text);
      assert.equal(ds.listStyle, true);
      const mismatched = ofKind(ds, 'length-mismatch');
      assert.deepEqual(
        mismatched.map((d) => d.line),
        [3, 4, 7],
      );
      for (const d of mismatched) assert.equal(d.column, 'Organization categorization');
      assert.match(mismatched[0].message, /3 organizations, 2 categories/);
      assert.equal(mismatched[0].raw, 'Academia,Industry');
      assert.match(mismatched[1].message, /2 organizations, 1 categor/);
      assert.match(mismatched[2].message, /0 organizations, 2 categories/);
      assert.equal(ds.diagnostics.length, 3);

      assert.deepEqual(paper(ds, 'Aligned').organizationCategories, ['Academia', 'Industry']);
      assert.equal(paper(ds, 'Aligned').lengthMismatch, false);
      const three = paper(ds, 'Three orgs two cats');
      assert.equal(three.lengthMismatch, true);
      assert.deepEqual(three.organizationCategories, [undefined, undefined, undefined]);
      assert.equal(three.teamSector, 'Collaboration', 'the sector still follows rules 1–6');
      assert.equal(paper(ds, 'Two orgs one cat').teamSector, 'Academia');
      assert.equal(paper(ds, 'Two orgs one cat').lengthMismatch, true);
      assert.equal(paper(ds, 'No categories').teamSector, 'Unknown');
      assert.deepEqual(paper(ds, 'Collab label').organizationCategories, [undefined, undefined]);
      assert.equal(paper(ds, 'Collab label').leaning, 'academia');
      assert.deepEqual(paper(ds, 'One gov').organizationCategories, ['Government']);
      const spaces = paper(ds, 'Spaces and case');
      assert.deepEqual(spaces.organizations, ['A', 'B']);
      assert.deepEqual(spaces.categories, ['academia', 'INDUSTRY']);
      assert.deepEqual(spaces.organizationCategories, ['Academia', 'Industry']);
      assert.equal(spaces.lengthMismatch, false);
    });

    it('one-label-per-team file (2022–23): no alignment diagnostics; Academia/Industry labels go to every organization', function () {
      const text = [
        'System,Organization(s),Organization Categorization',
        'Academic team,"U1,U2,U3",Academia',
        'Industry team,"C1,C2",Industry',
        'Government pair,"G1,G2",Government',
        'Single nonprofit,N1,Non-profit',
        'Collab,"U1,C1",Industry - Academia Collaboration',
      ].join('\n');
      const ds = load(text);
      assert.equal(ds.listStyle, false);
      assert.deepEqual(ds.diagnostics, []);
      assert.deepEqual(paper(ds, 'Academic team').organizationCategories, ['Academia', 'Academia', 'Academia']);
      assert.deepEqual(paper(ds, 'Industry team').organizationCategories, ['Industry', 'Industry']);
      assert.deepEqual(paper(ds, 'Government pair').organizationCategories, [undefined, undefined]);
      assert.deepEqual(paper(ds, 'Single nonprofit').organizationCategories, ['Non-profit']);
      assert.deepEqual(paper(ds, 'Collab').organizationCategories, [undefined, undefined]);
      assert.equal(paper(ds, 'Collab').teamSector, 'Collaboration');
      assert.equal(paper(ds, 'Collab').leaning, 'balanced');
    });
  });

  describe('categories', function () {
    it('an unknown category raises unknown-category (column, raw, line) and counts as Other', function () {
      const ds = load(`${HEADER}\nA,Org,Big Tech,2020-01-01,1e20\nB,"Org1,Org2","Academia,Start-up",2020-01-01,1e20\nC,Org,Research Collective,2020-01-01,1e20\n`);
      assert.equal(paper(ds, 'A').teamSector, 'Other');
      assert.equal(paper(ds, 'B').teamSector, 'Other');
      assert.equal(paper(ds, 'C').teamSector, 'Other');
      assert.deepEqual(
        ds.diagnostics.map((d) => [d.kind, d.line, d.column, d.raw]),
        [
          ['unknown-category', 2, 'Organization categorization', 'Big Tech'],
          ['unknown-category', 3, 'Organization categorization', 'Start-up'],
        ],
      );
    });
  });

  describe('names and ids', function () {
    it('an empty name gets "(unnamed, line N)" with N the line where its record starts, and an empty-name diagnostic', function () {
      const text = `${HEADER}\n"Two\nlines",Org,Academia,2020-01-01,1e20\n,Org,Academia,2020-01-01,1e20\n"  \t ",Org,Industry,2021-01-01,1e21\n`;
      const ds = load(text);
      assert.deepEqual(
        ds.papers.map((p) => p.id),
        ['Two lines', '(unnamed, line 4)', '(unnamed, line 5)'],
      );
      assert.deepEqual(
        ds.papers.map((p) => p.name),
        ['Two lines', '', ''],
      );
      assert.deepEqual(
        ds.diagnostics.map((d) => [d.kind, d.line, d.column]),
        [
          ['empty-name', 4, 'Model'],
          ['empty-name', 5, 'Model'],
        ],
      );
    });

    it('a record whose cells are all empty is still a row; blank lines between records are not', function () {
      const text = `${HEADER}\nA,Org,Academia,2020-01-01,1e20\n\n\n,,,,\nB,Org,Academia,2020-01-01,1e20\n\n`;
      const ds = load(text);
      assert.deepEqual(
        ds.papers.map((p) => [p.id, p.line]),
        [
          ['A', 2],
          ['(unnamed, line 5)', 5],
          ['B', 6],
        ],
      );
      assert.deepEqual(
        ds.diagnostics.map((d) => [d.kind, d.line]),
        [['empty-name', 5]],
      );
    });

    it('duplicates get " #2", " #3" … in file order, each with a duplicate-name diagnostic', function () {
      const ds = load(`Model,Organization\nX,a\nX,b\nX,c\nY,d\n`);
      assert.deepEqual(
        ds.papers.map((p) => p.id),
        ['X', 'X #2', 'X #3', 'Y'],
      );
      assert.deepEqual(
        ds.diagnostics.map((d) => [d.kind, d.line, d.raw]),
        [
          ['duplicate-name', 3, 'X'],
          ['duplicate-name', 4, 'X'],
        ],
      );
    });

    it('when "X #2" is a real name, the duplicate of X gets "X #3" (before or after it in the file)', function () {
      const before = load(`Model,Organization\nX,a\nX #2,b\nX,c\n`);
      assert.deepEqual(
        before.papers.map((p) => p.id),
        ['X', 'X #2', 'X #3'],
      );
      assert.deepEqual(
        before.diagnostics.map((d) => [d.kind, d.line]),
        [['duplicate-name', 4]],
      );
      const after = load(`Model,Organization\nX,a\nX,c\nX #2,b\n`);
      assert.deepEqual(
        after.papers.map((p) => p.id),
        ['X', 'X #3', 'X #2'],
      );
      assert.deepEqual(
        after.diagnostics.map((d) => [d.kind, d.line]),
        [['duplicate-name', 3]],
      );
    });

    it('ids are case-sensitive: CALM and CaLM are two papers without a diagnostic', function () {
      const ds = load(`Model,Organization\nCALM,a\nCaLM,b\n`);
      assert.deepEqual(
        ds.papers.map((p) => p.id),
        ['CALM', 'CaLM'],
      );
      assert.deepEqual(ds.diagnostics, []);
    });

    it('white space in names (NBSP, thin, ideographic, tab, newline, CRLF) is trimmed and folded to one space', function () {
      const raw = ['ALLaM\u00a0adapted 70B', 'Thin\u2009space', 'Wide\u3000space', 'Tab\tname', '"New\nline"', '"Cr\r\nlf "', '"  many   spaces\t\n"', '\u00a0Lead NBSP\u00a0'];
      const ds = load(`Model,Organization\n${raw.map((r) => `${r},Org`).join('\n')}\n`);
      assert.deepEqual(
        ds.papers.map((p) => p.name),
        ['ALLaM adapted 70B', 'Thin space', 'Wide space', 'Tab name', 'New line', 'Cr lf', 'many spaces', 'Lead NBSP'],
      );
      assert.deepEqual(
        ds.papers.map((p) => p.id),
        ds.papers.map((p) => p.name),
      );
      assert.deepEqual(ds.diagnostics, []);
    });

    it('names equal after folding are the same name: the later one is a duplicate', function () {
      const ds = load(`Model,Organization\nGPT 4,a\nGPT\u00a04,b\n"GPT\n4",c\n`);
      assert.deepEqual(
        ds.papers.map((p) => p.id),
        ['GPT 4', 'GPT 4 #2', 'GPT 4 #3'],
      );
      assert.deepEqual(
        ds.diagnostics.map((d) => [d.kind, d.line]),
        [
          ['duplicate-name', 3],
          ['duplicate-name', 4],
        ],
      );
    });

    it('Model wins over System; header names match case-insensitively with spaces ignored', function () {
      const ds = load(`System, MODEL ,  publication DATE ,training compute (flop)\nsys name,model name,2020-01-01,1e20\n`);
      assert.equal(ds.papers[0].name, 'model name');
      assert.equal(ds.papers[0].publicationDate, '2020-01-01');
      assert.equal(ds.papers[0].trainingComputeFlop, 1e20);
      assert.deepEqual(ds.headers, ['System', 'MODEL', 'publication DATE', 'training compute (flop)']);
    });
  });

  describe('delimiters, encodings and line endings', function () {
    it('a ";"-delimited file (commas inside cells stay inside)', function () {
      const ds = load('Model;Organization;Organization categorization;Publication date;Training compute (FLOP)\nSemi A;Org, Inc;Industry;14/07/2023;1,5e+22\nSemi B;U1,C1;Academia,Industry;2023-01-02;3e21\n');
      assert.equal(ds.delimiter, ';');
      assert.deepEqual(
        ds.papers.map((p) => p.name),
        ['Semi A', 'Semi B'],
      );
      assert.equal(ds.papers[0].cells['Organization'], 'Org, Inc');
      assert.equal(ds.papers[0].publicationDate, '2023-07-14');
      assert.equal(ds.papers[0].trainingComputeFlop, 1.5e22);
      assert.equal(ds.papers[1].teamSector, 'Collaboration');
      assert.equal(ds.papers[1].trainingComputeFlop, 3e21);
    });

    it('a tab-delimited file', function () {
      const ds = load('Model\tOrganization\tPublication date\tTraining compute (FLOP)\nTab, A\tOrg; Ltd\t2023-07-14\t1e21\n');
      assert.equal(ds.delimiter, '\t');
      assert.equal(ds.papers[0].name, 'Tab, A');
      assert.equal(ds.papers[0].cells['Organization'], 'Org; Ltd');
      assert.equal(ds.papers[0].trainingComputeFlop, 1e21);
      assert.deepEqual(ds.diagnostics, []);
    });

    it('fixture tab-delimited-bom.csv: BOM dropped, tab delimiter, PCD-era columns', function () {
      const ds = loadDataset(fs.readFileSync(path.join(FIXTURES, 'tab-delimited-bom.csv')), 'tab-delimited-bom.csv');
      assert.equal(ds.delimiter, '\t');
      assert.equal(ds.headers[0], 'System');
      assert.deepEqual(
        ds.papers.map((p) => [p.id, p.publicationDate, p.trainingComputeFlop, p.teamSector, p.leaning]),
        [
          ['Tab Model A', '2019-03-02', 40, 'Academia', undefined],
          ['Tab Model B', '2020-06-15', 2.27e22, 'Collaboration', 'industry'],
        ],
      );
      assert.equal(ds.listStyle, false);
      assert.deepEqual(ds.diagnostics, []);
    });

    it('the delimiter is detected from the header line even after a leading blank line', function () {
      const ds = load('\r\nModel;Organization;Publication date\r\nA;Org, Inc;2020-01-01\r\n');
      assert.equal(ds.delimiter, ';');
      assert.equal(ds.papers.length, 1);
      assert.equal(ds.papers[0].line, 3);
      assert.equal(ds.papers[0].cells['Organization'], 'Org, Inc');
    });

    it('Windows-1252 bytes (0xE9 for é) → encoding diagnostic and correct é', function () {
      const bytes = Buffer.concat([
        Buffer.from('Model,Organization,Publication date\n', 'latin1'),
        Buffer.from([0x43, 0x61, 0x66, 0xe9]), // "Caf" + é
        Buffer.from(' Net,Universit\xe9 de Montr\xe9al,2020-01-01\n', 'latin1'),
      ]);
      const ds = load(bytes);
      assert.equal(ds.encoding, 'windows-1252');
      assert.equal(ds.papers[0].name, 'Café Net');
      assert.deepEqual(ds.papers[0].organizations, ['Université de Montréal']);
      assert.equal(ds.papers[0].publicationDate, '2020-01-01');
      const enc = ofKind(ds, 'encoding');
      assert.equal(enc.length, 1);
      assert.match(enc[0].message, /Windows-1252/i);
      assert.equal(ds.diagnostics.length, 1);
    });

    it('Windows-1252 bytes 0x80–0x9F (€, curly quotes, dashes, ellipsis) read as Windows-1252, not as C1 control characters', function () {
      // 0x80 €, 0x85 …, 0x91 ‘, 0x92 ’, 0x93 “, 0x94 ”, 0x96 –, 0x97 —, 0x99 ™ (WHATWG index-windows-1252).
      const bytes = Buffer.concat([
        Buffer.from('Model,Organization\n', 'latin1'),
        Buffer.from([0x93, 0x51, 0x94, 0x20, 0x80, 0x31, 0x20, 0x96, 0x20, 0x97, 0x20, 0x85, 0x2c]), // “Q” €1 – — …,
        Buffer.from([0x91, 0x4f, 0x92, 0x73, 0x20, 0x4c, 0x61, 0x62, 0x99, 0xe9, 0x0a]), // ‘O’s Lab™é
      ]);
      const ds = load(bytes);
      assert.equal(ds.encoding, 'windows-1252');
      assert.equal(ds.papers[0].name, '“Q” €1 – — …');
      assert.deepEqual(ds.papers[0].organizations, ['‘O’s Lab™é']);
      const fixture = loadDataset(fs.readFileSync(path.join(FIXTURES, 'windows1252-semicolon-crlf.csv')), 'windows1252-semicolon-crlf.csv');
      assert.deepEqual(
        fixture.papers.map((p) => p.name),
        ['Café Net', 'Zürich “Quoted” Model', 'Señor €uro'],
      );
    });

    it('fixture windows1252-semicolon-crlf.csv (a spreadsheet re-save): cp1252 + ";" + CRLF + decimal commas', function () {
      const ds = loadDataset(fs.readFileSync(path.join(FIXTURES, 'windows1252-semicolon-crlf.csv')), 'windows1252-semicolon-crlf.csv');
      assert.equal(ds.encoding, 'windows-1252');
      assert.equal(ds.delimiter, ';');
      // Names with bytes 0x80–0x9F are checked in the test above.
      assert.deepEqual(
        ds.papers.map((p) => [p.line, p.publicationDate, p.trainingComputeFlop, p.teamSector]),
        [
          [2, '2021-07-14', 1.5e21, 'Academia'],
          [3, '2022-02-01', undefined, 'Collaboration'],
          [4, '2022-03-04', 7.8e24, 'Industry'],
        ],
      );
      assert.equal(ds.papers[0].id, 'Café Net');
      assert.deepEqual(ds.papers[0].organizations, ['Université de Montréal']);
      assert.deepEqual(ds.papers[1].organizations, ['ETH Zürich', 'Société Générale']);
      assert.deepEqual(ds.papers[1].organizationCategories, ['Academia', 'Industry']);
      assert.equal(ds.listStyle, true);
      assert.deepEqual(
        ds.diagnostics.map((d) => d.kind),
        ['encoding'],
      );
      for (const p of ds.papers) for (const v of Object.values(p.cells)) assert.ok(!v.includes('\r'), `stray CR in ${JSON.stringify(v)}`);
    });

    it('valid UTF-8 is read as UTF-8 without an encoding diagnostic', function () {
      const ds = load('Model,Organization\nCafé Net,Université de Montréal\n');
      assert.equal(ds.encoding, 'utf-8');
      assert.equal(ds.papers[0].name, 'Café Net');
      assert.deepEqual(ds.diagnostics, []);
    });

    it('a byte-order mark is dropped from the first header', function () {
      const ds = load('\ufeffModel,Organization\nA,Org\n');
      assert.equal(ds.headers[0], 'Model');
      assert.equal(ds.papers[0].name, 'A');
      assert.equal(ds.papers[0].line, 2);
    });

    it('CRLF: right lines (quoted CRLF counts as one line break), no stray CR in cells', function () {
      // B's quoted cells end in a stray CR (mixed line endings): trimmed before they are read.
      const ds = load(`${HEADER}\r\nA,"Org\r\nwith break",Academia,2020-01-01,1e20\r\nB,Org,"Industry\r","2021-01-01\r",2e20\r\n`);
      assert.deepEqual(
        ds.papers.map((p) => [p.name, p.line]),
        [
          ['A', 2],
          ['B', 4],
        ],
      );
      assert.equal(ds.papers[0].cells['Organization'], 'Org\r\nwith break');
      assert.equal(paper(ds, 'B').categories[0], 'Industry');
      assert.equal(paper(ds, 'B').teamSector, 'Industry');
      assert.equal(paper(ds, 'B').publicationDate, '2021-01-01');
      assert.deepEqual(ds.diagnostics, []);
    });

    it('lone CR line ends (classic Mac) are line ends too', function () {
      const ds = load('Model,Publication date\rA,2020-01-01\rB,2020-01-02\r');
      assert.deepEqual(
        ds.papers.map((p) => [p.name, p.line, p.publicationDate]),
        [
          ['A', 2, '2020-01-01'],
          ['B', 3, '2020-01-02'],
        ],
      );
    });
  });

  describe('CSV syntax breaks and ragged rows', function () {
    it('an unterminated quote partway: records before it kept, csv-syntax at the line where the broken record starts', function () {
      const text = `${HEADER}\nA,Org,Academia,2020-01-01,1e20\n"B\nname",Org,Industry,2020-01-02,2e20\nC,"Org never closed,Academia,2020-01-03,3e20\nD,Org,Academia,2020-01-04,4e20\n`;
      const ds = load(text);
      assert.deepEqual(
        ds.papers.map((p) => [p.id, p.line]),
        [
          ['A', 2],
          ['B name', 3],
        ],
      );
      const syntax = ofKind(ds, 'csv-syntax');
      assert.equal(syntax.length, 1);
      assert.equal(syntax[0].line, 5);
    });

    it('a ragged row reports only ragged-row (not its bad date, empty name or unknown category), with both field counts', function () {
      const text = `${HEADER}\n,Org,Nonsense,not a date,-1,surplus\nOK,Org,Academia,2020-01-01,1e20\n`;
      const ds = load(text);
      assert.equal(ds.papers.length, 2);
      assert.equal(ds.papers[0].id, '(unnamed, line 2)');
      const own = at(ds, 2);
      assert.equal(own.length, 1, JSON.stringify(own));
      assert.equal(own[0].kind, 'ragged-row');
      assert.match(own[0].message, /\b6\b/);
      assert.match(own[0].message, /\b5\b/);
      assert.deepEqual(at(ds, 3), []);
    });
  });

  describe('files that are not Epoch tables', function () {
    it('a CSV with an unrelated header', function () {
      expectNotEpoch('foo,bar\n1,2\n', /Model|System/);
    });
    it('a header with only a name column', function () {
      expectNotEpoch('Model\nA\nB\n', /Organization|Publication date|Training compute/);
    });
    it('a name column plus only non-core columns', function () {
      expectNotEpoch('Model,Parameters,Link\nA,1e9,http://x\n', /Organization|Publication date|Training compute/);
    });
    it('an empty file', function () {
      expectNotEpoch('', /empty/);
    });
    it('a file of white space only', function () {
      expectNotEpoch('  \n\t\r\n   \n', /empty/);
    });
    it('a binary file (PNG signature and NUL bytes)', function () {
      const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x01, 0x00]);
      expectNotEpoch(png, /binary/);
    });
    it('a header-only Epoch table is a table with no rows (not an error)', function () {
      const ds = load(`${HEADER}\n`);
      assert.equal(ds.papers.length, 0);
      assert.deepEqual(ds.diagnostics, []);
    });
  });

  describe('Team sector column override', function () {
    it('a valid sector that differs from the derived one overrides it; equal, empty or unknown values do not', function () {
      const text = [
        'Model,Organization,Organization categorization,Team sector',
        'Override,Org,Academia,Industry',
        'Same,Org,Academia,Academia',
        'Same collab,"U,C","Academia,Industry",Collaboration',
        'Unknown to Other,Org,,Other',
        'Empty override,Org,Industry,',
        'Case,Org,Industry,collaboration',
        'Not a sector,Org,Industry,Big Tech',
      ].join('\n');
      const ds = load(text);
      const rows = ds.papers.map((p) => [p.id, p.teamSector, p.teamSectorSource, p.leaning]);
      assert.deepEqual(rows, [
        ['Override', 'Industry', 'team-sector-column', undefined],
        ['Same', 'Academia', 'categories', undefined],
        ['Same collab', 'Collaboration', 'categories', 'balanced'],
        ['Unknown to Other', 'Other', 'team-sector-column', undefined],
        ['Empty override', 'Industry', 'categories', undefined],
        ['Case', 'Collaboration', 'team-sector-column', undefined],
        ['Not a sector', 'Industry', 'categories', undefined],
      ]);
      assert.deepEqual(paper(ds, 'Override').categories, ['Academia'], 'the table categories are kept as written');
    });
  });

  describe('diagnostic positions', function () {
    it('point at the cell on the record’s first line (1-based line and character column)', function () {
      const text = `${HEADER}\nCafé,Org,Big Tech,2020-02-30,zero\n`;
      const ds = load(text);
      const pos = (kind: DatasetDiagnostic['kind']) => ofKind(ds, kind)[0]?.position;
      // "Café,Org," is 9 characters, so the categories cell starts at column 10.
      assert.deepEqual(pos('unknown-category'), { line: 2, column: 10 });
      assert.deepEqual(pos('bad-date'), { line: 2, column: 'Café,Org,Big Tech,'.length + 1 });
      assert.deepEqual(pos('bad-number'), { line: 2, column: 'Café,Org,Big Tech,2020-02-30,'.length + 1 });
    });

    it('point at a cell on a later line of a multi-line record', function () {
      const text = `${HEADER}\nA,Org,Academia,2020-01-01,1e20\n"Multi\nline",Org,Academia,13/13/2020,1e20\n`;
      const ds = load(text);
      const d = ofKind(ds, 'bad-date')[0];
      assert.equal(d.line, 3);
      assert.deepEqual(d.position, { line: 4, column: 'line",Org,Academia,'.length + 1 });
    });

    it('point at the right cell on CRLF files and after quoted cells with commas and "" escapes', function () {
      const text = `${HEADER}\r\nOK,Org,Academia,2020-01-01,1e20\r\n"Say ""hi"", ok","A, B",Academia,2020-01-01,-3\r\n`;
      const ds = load(text);
      const d = ofKind(ds, 'bad-number')[0];
      assert.equal(d.line, 3);
      assert.deepEqual(d.position, { line: 3, column: '"Say ""hi"", ok","A, B",Academia,2020-01-01,'.length + 1 });
    });

    it('stay on the record’s line when an unquoted cell before it holds a stray quote (an inch mark)', function () {
      // The parser reads both inch marks as text (relax_quotes); the position must agree with it.
      const text = `${HEADER}\nScreen 7" model,Org,Academia,2020-02-30,1e20\nScreen 9" model,Org,Academia,2020-01-01,1e20\n`;
      const ds = load(text);
      assert.deepEqual(
        ds.papers.map((p) => [p.name, p.line]),
        [
          ['Screen 7" model', 2],
          ['Screen 9" model', 3],
        ],
        'relaxed quotes: the inch marks are text',
      );
      const d = ofKind(ds, 'bad-date')[0];
      assert.equal(d.line, 2);
      assert.deepEqual(d.position, { line: 2, column: 'Screen 7" model,Org,Academia,'.length + 1 });
    });
  });
});
