/**
 * The per-file cap on works (src/core/sources/literature.ts `MAX_SOURCE_WORKS`, the same 300,000 as
 * an Epoch table's rows): a literature file of any format with more works keeps the first ones, in
 * file order, and says so in one `too-large` diagnostic at the line of the first work left out.
 * Generated inputs with a small cap (injected, as the tests of the other limits do), one per
 * reading path (OpenAlex JSON Lines, CSL-JSON, RIS, BibTeX), and one RIS file one record over the
 * real cap.
 */
import { strict as assert } from 'node:assert';
import { MAX_DATASET_ROWS } from '../../src/core/dataset/loadDataset';
import { MAX_SOURCE_WORKS, readSourceFile } from '../../src/core/sources/literature';

const openAlexLine = (i: number): string => JSON.stringify({ id: `https://openalex.org/W${1000 + i}`, doi: null, title: `Work ${i}`, publication_year: 2020, authorships: [] });
const openAlexJsonl = (n: number): Buffer => Buffer.from(Array.from({ length: n }, (_, i) => openAlexLine(i + 1)).join('\n') + '\n');

describe('Literature files: at most MAX_SOURCE_WORKS works per file', () => {
  it('the cap is the table cap, 300,000', () => {
    assert.equal(MAX_SOURCE_WORKS, MAX_DATASET_ROWS);
    assert.equal(MAX_SOURCE_WORKS, 300_000);
  });

  it('OpenAlex JSON Lines, 8 works, cap 5: works 1–5 kept, one diagnostic at line 6', () => {
    const r = readSourceFile(openAlexJsonl(8), 'shard.jsonl', { maxWorks: 5 });
    assert.equal(r.format, 'openalex');
    assert.deepEqual(
      r.works.map((w) => w.title),
      ['Work 1', 'Work 2', 'Work 3', 'Work 4', 'Work 5'],
    );
    assert.equal(r.records, 5);
    assert.deepEqual(r.diagnostics, [
      {
        kind: 'too-large',
        line: 6,
        message: 'shard.jsonl:6: this file has more than 5 works, the most Compute Divide reads from one file; the first 5 works are kept; the rest were not read (split the file to read them).',
      },
    ]);
  });

  it('OpenAlex JSON Lines: the lines past the cap are not parsed (a broken line there gives no syntax diagnostic)', () => {
    const text = `${[1, 2, 3, 4].map(openAlexLine).join('\n')}\n{"id": "https://openalex.org/W9", broken\n`;
    const r = readSourceFile(Buffer.from(text), 'shard.jsonl', { maxWorks: 3 });
    assert.deepEqual(r.works.map((w) => w.title), ['Work 1', 'Work 2', 'Work 3']);
    assert.deepEqual(r.diagnostics.map((d) => [d.kind, d.line]), [['too-large', 4]]);
    // Under the cap the same broken line is one syntax diagnostic at its line, and the others load.
    const all = readSourceFile(Buffer.from(text), 'shard.jsonl', { maxWorks: 10 });
    assert.equal(all.works.length, 4);
    assert.deepEqual(all.diagnostics.map((d) => [d.kind, d.line]), [['syntax', 5]]);
  });

  it('OpenAlex JSON Lines: each line is parsed once (the first too, though it also tells JSON Lines from a document)', () => {
    const parse = JSON.parse;
    let calls = 0;
    JSON.parse = ((text: string, reviver?: (this: unknown, key: string, value: unknown) => unknown): unknown => (calls++, parse(text, reviver) as unknown)) as typeof JSON.parse;
    try {
      const r = readSourceFile(openAlexJsonl(3), 'shard.jsonl');
      assert.equal(r.works.length, 3);
      assert.deepEqual(r.works.map((w) => w.provenance[0].line), [1, 2, 3]);
    } finally {
      JSON.parse = parse;
    }
    assert.equal(calls, 3);
  });

  it('exactly the cap: every work, no diagnostic', () => {
    const r = readSourceFile(openAlexJsonl(5), 'shard.jsonl', { maxWorks: 5 });
    assert.equal(r.works.length, 5);
    assert.deepEqual(r.diagnostics, []);
  });

  it('CSL-JSON, one item a line after "[", 7 items, cap 3: items 1–3 kept, the diagnostic at item 4’s line (5)', () => {
    const items = Array.from({ length: 7 }, (_, i) => JSON.stringify({ id: `k${i + 1}`, type: 'article-journal', title: `Item ${i + 1}`, issued: { 'date-parts': [[2021]] } }));
    const r = readSourceFile(Buffer.from(`[\n${items.join(',\n')}\n]\n`), 'library.json', { maxWorks: 3 });
    assert.equal(r.format, 'csl-json');
    assert.deepEqual(
      r.works.map((w) => w.title),
      ['Item 1', 'Item 2', 'Item 3'],
    );
    assert.equal(r.diagnostics.length, 1);
    assert.equal(r.diagnostics[0].kind, 'too-large');
    assert.equal(r.diagnostics[0].line, 5);
    assert.match(r.diagnostics[0].message, /^library\.json:5: .*the first 3 works are kept; the rest were not read/);
  });

  it('RIS, 4 records of 4 lines each, cap 2: records 1–2 kept, the diagnostic at record 3’s TY line (9)', () => {
    const ris = Array.from({ length: 4 }, (_, i) => `TY  - JOUR\nTI  - Record ${i + 1}\nPY  - 2019\nER  - `).join('\n');
    const r = readSourceFile(Buffer.from(`${ris}\n`), 'refs.ris', { maxWorks: 2 });
    assert.equal(r.format, 'ris');
    assert.deepEqual(
      r.works.map((w) => w.title),
      ['Record 1', 'Record 2'],
    );
    assert.deepEqual(
      r.diagnostics.map((d) => [d.kind, d.line]),
      [['too-large', 9]],
    );
  });

  it('BibTeX (cut after reading), 6 entries of 4 lines each, cap 4: entries 1–4 kept, the diagnostic at entry 5’s line (17)', () => {
    const bib = Array.from({ length: 6 }, (_, i) => `@article{k${i + 1},\n  title = {Entry ${i + 1}},\n  year = {2018}\n}`).join('\n');
    const r = readSourceFile(Buffer.from(`${bib}\n`), 'refs.bib', { maxWorks: 4 });
    assert.equal(r.format, 'bibtex');
    assert.deepEqual(
      r.works.map((w) => w.provenance[0].key),
      ['k1', 'k2', 'k3', 'k4'],
    );
    assert.deepEqual(
      r.diagnostics.map((d) => [d.kind, d.line]),
      [['too-large', 17]],
    );
  });

  it(`the real cap: a RIS file of ${(MAX_SOURCE_WORKS + 1).toLocaleString('en-US')} records keeps ${MAX_SOURCE_WORKS.toLocaleString('en-US')}`, function () {
    // About 2 s on a loaded 2-core machine (RIS is the quickest reader of the four).
    this.timeout(60_000);
    const n = MAX_SOURCE_WORKS + 1;
    const ris = Buffer.from(`${Array.from({ length: n }, (_, i) => `TY  - GEN\nTI  - R${i + 1}\nER  - `).join('\n')}\n`);
    const r = readSourceFile(ris, 'big.ris');
    assert.equal(r.works.length, MAX_SOURCE_WORKS);
    assert.equal(r.works[MAX_SOURCE_WORKS - 1].title, `R${MAX_SOURCE_WORKS}`);
    // Record k starts at line 3(k − 1) + 1: the one left out, k = 300,001, at line 900,001.
    assert.deepEqual(
      r.diagnostics.map((d) => [d.kind, d.line]),
      [['too-large', 3 * MAX_SOURCE_WORKS + 1]],
    );
  });
});
