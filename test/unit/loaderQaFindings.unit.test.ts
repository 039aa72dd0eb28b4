/**
 * Regression tests for what a bad-input review found (each case names the fault it pins down).
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseNumber, parsePublicationDate } from '../../src/core/dataset/cells';
import { loadDataset } from '../../src/core/dataset/loadDataset';
import { trendPoints } from '../../src/core/trends/trends';
import { itWithCorpus } from '../support/corpus';
import { TEST_DATA } from '../support/paths';

const load = (text: string | Buffer) => loadDataset(typeof text === 'string' ? Buffer.from(text, 'utf8') : text, 'qa.csv');

describe('loader: findings of the bad-input review', function () {
  it('rejects year 0 (and keeps years below 100 on their own calendar), so trends cannot crash on it', function () {
    const ds = load('Model,Publication date,Training compute (FLOP)\nA,0000-01-01,1e20\nB,01/01/0000,1e20\nC,2020-01-01,1e21\n');
    assert.deepEqual(ds.papers.map((p) => p.publicationDate), [undefined, undefined, '2020-01-01']);
    assert.deepEqual(ds.diagnostics.map((d) => d.kind), ['bad-date', 'bad-date']);
    assert.equal(trendPoints(ds.papers).length, 1);
    assert.equal(parsePublicationDate('29/02/0100').ok, false, '100 is not a leap year');
    assert.deepEqual(parsePublicationDate('29/02/0004'), { ok: true, value: '0004-02-29' });
  });

  it('reads one stray non-UTF-8 byte as Windows-1252 without touching the valid UTF-8 around it', function () {
    const bytes = Buffer.concat([Buffer.from('Model,Organization,Publication date\nDALL·E 3,Université de Montréal,2023-09-20\n', 'utf8'), Buffer.from([0x43, 0x61, 0x66, 0xe9]), Buffer.from(',Org,2020-01-01\n', 'utf8')]);
    const ds = load(bytes);
    assert.deepEqual(ds.papers.map((p) => p.id), ['DALL·E 3', 'Café']);
    assert.equal(ds.papers[0].organizations[0], 'Université de Montréal');
    assert.deepEqual(ds.diagnostics.map((d) => [d.kind, d.line]), [['encoding', 3]]);
  });

  it('drops a UTF-8 byte-order mark before looking for stray bytes', function () {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('System,Publication date\nA,2020-01-01\n', 'utf8'), Buffer.from([0x42, 0xe9]), Buffer.from(',2021-01-01\n')]);
    const ds = load(bytes);
    assert.deepEqual(ds.papers.map((p) => p.id), ['A', 'Bé']);
  });

  it('reads UTF-16 with a byte-order mark (Excel "Unicode text"), with an encoding note', function () {
    const text = 'Model\tOrganization\tPublication date\r\nAlphaFold\tDeepMind\t2020-11-30\r\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const ds = load(le);
    assert.deepEqual(ds.papers.map((p) => [p.id, p.organizations[0], p.publicationDate]), [['AlphaFold', 'DeepMind', '2020-11-30']]);
    assert.equal(ds.encoding, 'utf-16');
    assert.deepEqual(ds.diagnostics.map((d) => d.kind), ['encoding']);
  });

  it('treats lines of spaces or tabs as blank lines, not rows', function () {
    const ds = load('Model,Publication date\nA,2020-01-01\n \nB,2020-01-02\n\t\nC,2020-01-03\n \n');
    assert.deepEqual(ds.papers.map((p) => [p.id, p.line]), [['A', 2], ['B', 4], ['C', 6]]);
    assert.deepEqual(ds.diagnostics, []);
  });

  it('keeps every cell of repeated and unnamed columns for the details view', function () {
    const ds = load('Model,Organization,Model,,Publication date\nA,OrgA,B,x,2020-01-01\n');
    assert.deepEqual(ds.papers[0].cells, { Model: 'A', Organization: 'OrgA', 'Model (2)': 'B', '(column 4)': 'x', 'Publication date': '2020-01-01' });
    assert.equal(ds.papers[0].id, 'A');
  });

  it('matches a header whose words are separated by a no-break space', function () {
    const ds = load('Model,Publication\u00a0date\nA,2020-01-01\n');
    assert.equal(ds.papers[0].publicationDate, '2020-01-01');
  });

  it('reads numbers in linear time and does not take two values in one cell for a decimal comma', function () {
    assert.deepEqual(parseNumber(`${'1'.repeat(200_000)}x`), { ok: false });
    assert.deepEqual(parseNumber('2260275840,2290000001'), { ok: false });
    assert.deepEqual(parseNumber('1,2e+22'), { ok: true, value: 1.2e22 });
    const ds = load(`Model,Training compute (FLOP)\nA,${'9'.repeat(100_000)} FLOP\n`);
    assert.equal(ds.papers[0].trainingComputeFlop, undefined);
    assert.equal(ds.diagnostics[0].kind, 'bad-number');
    assert.ok(ds.diagnostics[0].message.length < 400, 'the message quotes at most 200 characters of the cell');
  });

  it('gives 20,000 rows of one name unique ids without quadratic work', function () {
    const ds = load(`Model,Publication date\n${'X,2020-01-01\n'.repeat(20_000)}`);
    const ids = new Set(ds.papers.map((p) => p.id));
    assert.equal(ids.size, 20_000);
    assert.ok(ids.has('X') && ids.has('X #2') && ids.has('X #20000'));
  });

  it('loads a header of 50,000 columns', function () {
    const header = ['Model', 'Publication date', ...Array.from({ length: 50_000 }, (_, i) => `C${i}`)].join(',');
    const ds = load(`${header}\nA,2020-01-01${',1'.repeat(50_000)}\n`);
    assert.equal(ds.papers.length, 1);
    assert.equal(Object.keys(ds.papers[0].cells).length, 50_002);
    assert.equal(ds.papers[0].cells.C49999, '1');
  });

  it('points empty-name and duplicate-name diagnostics at the name cell', function () {
    const ds = load('Organization,Publication date,Model\nOrg,2020-01-01,A\nOrg,2020-01-02,A\nOrg,2020-01-03,\n');
    assert.deepEqual(ds.diagnostics.map((d) => [d.kind, d.position]), [
      ['duplicate-name', { line: 3, column: 'Org,2020-01-02,'.length + 1 }],
      ['empty-name', { line: 4, column: 'Org,2020-01-03,'.length + 1 }],
    ]);
  });

  it('reports unreadable Parameters and Citations cells instead of emptying them in silence', function () {
    const ds = load('Model,Parameters,Citations,Publication date\nA,~7B,12,2020-01-01\nB,1.75e11,many,2020-02-01\nC,N/A,,2020-03-01\n');
    assert.deepEqual(
      ds.diagnostics.map((d) => [d.kind, d.line, d.column, d.raw]),
      [
        ['bad-number', 2, 'Parameters', '~7B'],
        ['bad-number', 3, 'Citations', 'many'],
      ],
    );
    assert.deepEqual(
      ds.papers.map((p) => [p.parameters, p.citations]),
      [
        [undefined, 12],
        [1.75e11, undefined],
        [undefined, undefined],
      ],
    );
  });

  it('reports a Team sector cell that is not a sector, and keeps the derived sector', function () {
    const ds = load('Model,Organization,Organization categorization,Team sector\nA,MIT,Academia,Industrial\nB,MIT,Academia,industry\nC,MIT,Academia,\n');
    assert.deepEqual(
      ds.diagnostics.map((d) => [d.kind, d.line, d.column, d.raw]),
      [['unknown-category', 2, 'Team sector', 'Industrial']],
    );
    assert.deepEqual(
      ds.papers.map((p) => [p.teamSector, p.teamSectorSource]),
      [
        ['Academia', 'categories'],
        ['Industry', 'team-sector-column'],
        ['Academia', 'categories'],
      ],
    );
  });

  itWithCorpus('still loads the real notable-models table the same way', function () {
    const ds = loadDataset(readFileSync(path.join(TEST_DATA, 'epoch', 'notable_ai_models_2026-07.csv')), 'notable');
    assert.equal(ds.papers.length, 1036);
  }, ['epoch/notable_ai_models_2026-07.csv']);
});
