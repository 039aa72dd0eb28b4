/**
 * The loader's fast paths give what the plain rules give: every row's `cells` and name on every
 * Epoch snapshot against the Python oracle (test/tools/expected_epoch_cells.py, hashed the same
 * way), name folding against its regular-expression definition, ISO dates kept as written, the
 * header judged from the first record only, a `__proto__` header read as before (no key), and
 * `cells`, made on first read, seen as a plain property by every way a paper is copied or compared.
 */
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { normaliseName, parsePublicationDate } from '../../src/core/dataset/cells';
import { parseCsv } from '../../src/core/dataset/csvTable';
import { cellsLayout } from '../../src/core/dataset/rowCells';
import { judgeHead } from '../../src/core/dataset/epochHeader';
import { loadDataset } from '../../src/core/dataset/loadDataset';
import type { Paper } from '../../src/core/dataset/model';
import { packStrings, unpackStrings } from '../../src/host/loading/stringPacking';
import { itWithCorpus } from '../support/corpus';
import { REPO, testData } from '../support/paths';

const EXPECTED = JSON.parse(readFileSync(path.join(REPO, 'test', 'unit', 'expectedEpochCells.json'), 'utf8')) as Record<string, { rows: number; cells: string; names: string }>;
/** The name rule as sector-and-dataset.md states it, without the fast path. */
const folded = (raw: string): string => raw.replace(/[\s\u0085]+/gu, ' ').trim();

describe('loader fast paths', function () {
  for (const [file, expected] of Object.entries(EXPECTED)) {
    itWithCorpus(`${file}: every row's cells (keys in header order, trimmed values) and name equal the oracle's`, function () {
      const ds = loadDataset(readFileSync(testData('epoch', file)), file);
      assert.equal(ds.papers.length, expected.rows);
      const cells = createHash('sha256');
      const names = createHash('sha256');
      for (const p of ds.papers) {
        cells.update(`${JSON.stringify(Object.entries(p.cells))}\n`);
        names.update(`${JSON.stringify(p.name)}\n`);
      }
      assert.equal(cells.digest('hex'), expected.cells);
      assert.equal(names.digest('hex'), expected.names);
    });
  }

  itWithCorpus('normaliseName equals the folding rule on every name cell of every snapshot and on edge cases', function () {
    const edge = ['', ' ', 'a', ' a', 'a ', 'a  b', 'a b', 'a\tb', 'a\u00a0b', 'a\u0085b', '\u200bZero width', 'GPT-4', 'x '.repeat(50), 'Ünïcödé name', 'A\r\nB', '~!@#$%^&*()'];
    const cells: string[] = [...edge];
    for (const file of Object.keys(EXPECTED)) {
      const table = parseCsv(readFileSync(testData('epoch', file)));
      const at = table.header!.fields.findIndex((h) => ['model', 'system'].includes(h.trim().toLowerCase()));
      for (const r of table.records) cells.push(r.fields[at] ?? '');
    }
    assert.ok(cells.length > 10_000, `${cells.length} names`);
    for (const raw of cells) assert.equal(normaliseName(raw), folded(raw), JSON.stringify(raw));
  });

  it('an ISO date is returned as written (zero-padded year kept); the other forms are rewritten to ISO', function () {
    assert.deepEqual(parsePublicationDate('2023-07-14'), { ok: true, value: '2023-07-14' });
    assert.deepEqual(parsePublicationDate('0999-01-31'), { ok: true, value: '0999-01-31' });
    assert.deepEqual(parsePublicationDate('4/7/2023'), { ok: true, value: '2023-07-04' });
    assert.deepEqual(parsePublicationDate('0000-01-01'), { ok: false });
  });

  it('parseCsv with maxRecords 1 reads the header only, even when a later record is broken', function () {
    const bytes = Buffer.from('\n\nModel,Organization\nA,"never closed\nB,C\n', 'utf8');
    const table = parseCsv(bytes, 'utf-8', 1);
    assert.deepEqual(table.header?.fields, ['Model', 'Organization']);
    assert.equal(table.header?.line, 3);
    assert.deepEqual(table.records, []);
    assert.deepEqual(table.diagnostics, []);
    // Read whole, the same bytes give the broken record's csv-syntax diagnostic.
    assert.deepEqual(parseCsv(bytes).diagnostics.map((d) => [d.kind, d.line]), [['csv-syntax', 4]]);
  });

  it('judgeHead decides from the first record: an Epoch header before a broken row is accepted; a non-Epoch one refused', function () {
    assert.equal(judgeHead(Buffer.from('Model,Organization,Publication date\nA,"open\n', 'utf8'), true), undefined);
    assert.equal(judgeHead(Buffer.from('  \n\nModel,Domain\n', 'utf8'), true), undefined);
    assert.equal(judgeHead(Buffer.from('Title,Year\nModel,Organization\n', 'utf8'), true), 'its header has no "Model" or "System" column');
  });

  it('cellsLayout: a header repeated 20,000 times (a hostile 40 KB header line) is keyed in linear time, each key as the numbering rule gives it', function () {
    // Trying ` (2)`, ` (3)`… from 2 for every repeat took 13 s here for 20,000 repeats (quadratic: minutes at 100,000).
    this.timeout(2000);
    const n = 20_000;
    const { keys } = cellsLayout(['Model', 'Organization', ...Array.from({ length: n }, () => 'a')]);
    assert.deepEqual(keys, ['Model', 'Organization', 'a', ...Array.from({ length: n - 1 }, (_, i) => `a (${i + 2})`)]);
    // A literal `a (3)` takes its name first; later repeats of `a` skip it. Empty headers are `(column N)`.
    assert.deepEqual(cellsLayout(['a', 'a (3)', 'a', 'a', '', 'a', '(column 5)', '']).keys, ['a', 'a (3)', 'a (2)', 'a (4)', '(column 5)', 'a (5)', '(column 5) (2)', '(column 8)']);
  });

  it('a "__proto__" header gives no key in cells (as assignment to a plain object does) and leaves the prototype alone', function () {
    const ds = loadDataset(Buffer.from('Model,__proto__,Organization\nA,x,Org\n', 'utf8'), 'proto.csv');
    const cells = ds.papers[0].cells;
    assert.deepEqual(Object.keys(cells), ['Model', 'Organization']);
    assert.equal(Object.getPrototypeOf(cells), Object.prototype);
    assert.deepEqual(cells, { Model: 'A', Organization: 'Org' });
  });

  it('cells made on first read: a plain own property in key order for JSON, spread, entries, structured clone, packing, deep equality and assignment', function () {
    const csv = 'Model,Organization,Organization categorization,Publication date,Notes\n  A  ,"Org1,Org2","Academia,Industry",2020-01-01, n1 \nB,Org,Academia\n';
    const [a, b] = loadDataset(Buffer.from(csv, 'utf8'), 'lazy.csv').papers;
    const cellsA = { Model: 'A', Organization: 'Org1,Org2', 'Organization categorization': 'Academia,Industry', 'Publication date': '2020-01-01', Notes: 'n1' };
    const keys = Object.keys(a);
    assert.deepEqual(keys.slice(keys.indexOf('abstract'), keys.indexOf('abstract') + 4), ['abstract', 'cells', 'leaning', 'publicationDate']);
    assert.deepEqual((JSON.parse(JSON.stringify(a)) as Paper).cells, cellsA);
    assert.deepEqual({ ...a }.cells, cellsA);
    assert.deepEqual(Object.fromEntries(Object.entries(a)).cells, cellsA);
    assert.deepEqual(structuredClone(a).cells, cellsA);
    assert.deepEqual(unpackStrings(structuredClone(packStrings([a, b]))).map((p) => p.cells), [cellsA, { Model: 'B', Organization: 'Org', 'Organization categorization': 'Academia', 'Publication date': '', Notes: '' }]);
    assert.deepStrictEqual(a, JSON.parse(JSON.stringify(a)));
    assert.equal(a.cells, a.cells, 'made once, then the same object');
    b.cells = { Model: 'changed' };
    assert.deepEqual(b.cells, { Model: 'changed' });
    assert.deepEqual((JSON.parse(JSON.stringify(b)) as Paper).cells, { Model: 'changed' });
  });

  it('cells made on first read behave as a data property when assigned: undefined reads back as undefined, a frozen paper refuses the assignment, an inheriting object gets its own', function () {
    const load = (): Paper[] => loadDataset(Buffer.from('Model,Organization\nA,Org\nB,Org2\n', 'utf8'), 'assign.csv').papers;
    const [unread, read] = load();
    // Assigned before the first read and after it: a data property would then hold undefined.
    (unread as { cells: unknown }).cells = undefined;
    assert.equal(unread.cells, undefined);
    assert.deepEqual(read.cells, { Model: 'B', Organization: 'Org2' });
    (read as { cells: unknown }).cells = undefined;
    assert.equal(read.cells, undefined);
    assert.equal(JSON.stringify({ ...read }).includes('"cells"'), false, 'JSON leaves an undefined cells out, as for a data property');
    // Object.freeze makes a data property read-only; assigning it then throws in strict code.
    const [frozen, other] = load();
    Object.freeze(frozen);
    assert.throws(() => {
      (frozen as { cells: unknown }).cells = { Model: 'changed' };
    }, TypeError);
    assert.deepEqual(frozen.cells, { Model: 'A', Organization: 'Org' });
    // An object inheriting from a paper gets its own cells when assigned; the paper keeps its own.
    const derived = Object.create(other) as Paper;
    derived.cells = { Model: 'derived' };
    assert.deepEqual(derived.cells, { Model: 'derived' });
    assert.deepEqual(other.cells, { Model: 'B', Organization: 'Org2' });
  });

  describe('records of a whole file (one csv-parse call) against the record-by-record reading', function () {
    /** The record-by-record path: a finite maxRecords makes parseCsv read with its per-record callback. */
    const byRecord = (bytes: Buffer): ReturnType<typeof parseCsv> => parseCsv(bytes, 'utf-8', Number.MAX_SAFE_INTEGER);
    const CASES: [string, string][] = [
      ['quoted CRLF and LF inside CRLF records', 'Model,Notes\r\nA,"one\r\ntwo"\r\nB,"x\ny\nz"\r\nC,c\r\n'],
      ['lone CR line ends, a quoted lone CR', 'Model,Notes\rA,"p\rq"\rB,b\r'],
      ['blank lines, a line of spaces, a quoted blank record over two lines', 'Model,Notes\n\n\nA,a\n   \n"  \n  "\nB,b\n\n'],
      ['no final line break; a quote inside an unquoted field; an empty quoted field', 'Model,Notes\nA,ab"c\nB,""\nC,"end"'],
      ['CR LF mixed: LF header, CRLF rows, a CR-only blank line', 'Model,Notes\nA,a\r\n\r\nB,"m\r\nn"\r\nC,c'],
    ];
    for (const [what, text] of CASES) {
      it(`${what}: same fields, lines and offsets`, function () {
        const bytes = Buffer.from(text, 'utf8');
        const whole = parseCsv(bytes);
        assert.deepEqual(whole.header, byRecord(bytes).header);
        assert.deepEqual(whole.records, byRecord(bytes).records);
      });
    }

    it('the lines as an editor counts them, on the quoted-CRLF case', function () {
      const table = parseCsv(Buffer.from(CASES[0][1], 'utf8'));
      assert.deepEqual(table.records.map((r) => [r.fields[0], r.line]), [['A', 2], ['B', 4], ['C', 7]]);
    });

    itWithCorpus('every Epoch snapshot: same records, lines and offsets both ways', function () {
      for (const file of Object.keys(EXPECTED)) {
        const bytes = readFileSync(testData('epoch', file));
        const whole = parseCsv(bytes);
        const reference = byRecord(bytes);
        assert.equal(whole.records.length, reference.records.length, file);
        whole.records.forEach((r, i) => assert.deepEqual([r.line, r.offset, r.fields], [reference.records[i].line, reference.records[i].offset, reference.records[i].fields], `${file} record ${i}`));
      }
    });
  });
});
