import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { chunker } from '@retorquere/bibtex-parser';
import { bibtexChunks, withLinearChunker } from '../../src/core/sources/bibtexChunks';
import { readBibtex } from '../../src/core/sources/bibtex';
import { describeWithCorpus } from '../support/corpus';
import { TEST_DATA } from '../support/paths';

/** The library's own chunker on the whole text is the reference: the same chunks, exactly (text, positions, lines, errors). */
function assertSameAsWhole(text: string, label: string): void {
  const whole = chunker.parse(text);
  assert.ok(whole.length > 0, label);
  assert.deepEqual(bibtexChunks(text), whole, label);
}

/**
 * A file of what breaks BibTeX readers, around entries made by `entry`: comments, an @string, stray
 * text with an `@`, an unterminated value, a crossref, an indented entry, a @comment with an `@` at a
 * line start, a missing comma, a @preamble and an entry never closed before the end of the file.
 */
function hostileBibtex(entry: (key: string, extra?: string) => string): string {
  return [
    '% a comment line\n',
    '@string{ acl = "Association for Computational Linguistics" }\n',
    entry('good1'),
    'Some stray notes between entries, with an address: someone@example.org\n',
    '@article{broken,\n  title = {An unterminated value,\n  year = 2019\n',
    entry('good2', '\n  crossref = {good1}'),
    '  @inproceedings{indented,\n    title = {Indented},\n    booktitle = acl,\n    year = {2022}\n  }\n',
    '@comment{ a comment block\n@with an at sign at a line start\n}\n',
    '% two comment lines\n% in a row\n',
    entry('good3'),
    entry('nocomma').replace('year = {2020},', 'year = {2020}\n  note = {x}'),
    '@preamble{ "\\newcommand{\\noop}[1]{}" }\n',
    '@article{unclosed-at-end,\n  title = {Never closed\n',
  ].join('\n');
}

describe('BibTeX chunks in linear time: the same chunks as the library chunker reading the whole file', () => {
  const entry = (key: string, extra = ''): string => `@article{${key},\n  title = {Title of ${key}},\n  author = {Doe, Jane and Roe, Richard},\n  year = {2020},${extra}\n}\n`;

  it('cuts well-formed files with file positions and lines', () => {
    const text = Array.from({ length: 30 }, (_, i) => entry(`k${i}`)).join('\n');
    assertSameAsWhole(text, 'plain.bib');
    const chunks = bibtexChunks(text);
    assert.equal(chunks.length, 30);
    assert.equal(chunks[7].offset.pos, text.indexOf('@article{k7,'));
  });

  it('keeps an `@` at the start of a line inside a value inside its entry', () => {
    const text = [entry('a'), `@misc{b,\n  abstract = {First line\n@mention of a handle at a line start\n  and more},\n  year = {2021}\n}\n`, entry('c')].join('\n');
    assertSameAsWhole(text, 'at-in-value.bib');
    const read = readBibtex(new TextEncoder().encode(text), { name: 'x.bib' });
    assert.deepEqual(read.works.map((w) => w.title), ['Title of a', '', 'Title of c']);
    assert.deepEqual(read.diagnostics.map((d) => d.kind), ['missing-title']);
  });

  it('reads broken entries, stray text, comments, strings and indented entries as the whole-file chunker does', () => {
    const text = hostileBibtex(entry);
    assertSameAsWhole(text, 'hostile.bib');
    assertSameAsWhole(text.replace(/\n/g, '\r\n'), 'hostile-crlf.bib');
  });

  it('reads a file of 20,000 entries (the whole-file chunker took minutes: it splits the text before every chunk)', function () {
    this.timeout(120_000);
    const text = Array.from({ length: 20_000 }, (_, i) => entry(`key${i}`, `\n  doi = {10.5555/bench.${i}}`)).join('\n');
    const result = readBibtex(new TextEncoder().encode(text), { name: 'large.bib' });
    assert.equal(result.works.length, 20_000);
    assert.equal(result.works[19_999].title, 'Title of key19999');
    assert.equal(result.diagnostics.length, 0);
  });
});

describe('BibTeX chunks on hostile files (breaker)', () => {
  const entry = (key: string): string => `@article{${key},\n  title = {Title of ${key}},\n  year = {2020}\n}\n`;

  it('reads whole an entry past 64 KB whose value has "@comment" mid-line before a line starting with "@" (a segment cut there once read it as broken)', () => {
    // About 64 KB of plain entries, then entry b: its abstract has filler lines across the 64 KB mark,
    // then "see @comment here" and a line starting with "@mention". BibTeX reads b whole: its braces balance.
    const pad: string[] = [];
    for (let i = 0; pad.join('').length < 64 * 1024 - 2000; i++) pad.push(entry(`p${i}`));
    const b = `@article{b,\n  abstract = {${'filler line of the abstract\n'.repeat(200)}see @comment here\n@mention at a line start\n  and more},\n  title = {B}\n}\n`;
    const text = pad.join('') + b + entry('c');
    assert.ok(text.indexOf('@article{b,') < 64 * 1024 && text.indexOf('@mention') > 64 * 1024);
    const chunks = bibtexChunks(text);
    assert.deepEqual(chunks, chunker.parse(text));
    const read = readBibtex(new TextEncoder().encode(text), { name: 'straddle.bib' });
    assert.deepEqual(read.works.map((w) => w.title).slice(-2), ['B', 'Title of c']);
    assert.equal(read.works.length, pad.length + 2);
    assert.deepEqual(read.diagnostics, []);
  });

  // Files where every entry is broken: the chunker's errors run into one another, so a segment whose
  // last chunk is an error grew to the whole file and the library's quadratic line count came back
  // (20,000 entries missing a comma: 23 s; 60,000 lines of "@": 21 s).
  it('chunks 20,000 entries that each miss a comma (1.2 MB) in linear time, as the library does', function () {
    this.timeout(120_000);
    const text = Array.from({ length: 20_000 }, (_, i) => `@article{k${i},\n  title = {Title ${i}}\n  year = {2020}\n}\n`).join('');
    const started = Date.now();
    const chunks = bibtexChunks(text);
    const elapsed = Date.now() - started;
    assert.equal(chunks.length, 1);
    assert.equal(chunks[0].error !== null && chunks[0].error !== undefined, true);
    assert.equal(chunks[0].text, text);
    assert.ok(elapsed < 5000, `took ${elapsed} ms`);
  });

  it('chunks 60,000 lines of a lone "@" (120 KB) in linear time', function () {
    this.timeout(120_000);
    const text = '@\n'.repeat(60_000);
    const started = Date.now();
    const chunks = bibtexChunks(text);
    const elapsed = Date.now() - started;
    assert.equal(chunks.length, 1);
    assert.equal(chunks[0].text, text);
    assert.ok(elapsed < 3000, `took ${elapsed} ms`);
  });

  it('gives the library chunker back when the parser it wraps throws, and nests', () => {
    const original = chunker.parse;
    assert.throws(() => withLinearChunker(() => { throw new Error('boom'); }), /boom/);
    assert.equal(chunker.parse, original);
    const inner = withLinearChunker(() => withLinearChunker(() => chunker.parse('@a{k, t = {x}}\n').length));
    assert.equal(inner, 1);
    assert.equal(chunker.parse, original);
  });

  it('chunks CRLF files, a 10 MB single line and a file of only "@" characters as the library does', function () {
    this.timeout(60_000);
    const crlf = [entry('a'), '@article{b,\n title = {x @y\n@z}\n}\n', entry('c')].join('').replace(/\n/g, '\r\n');
    assert.deepEqual(bibtexChunks(crlf), chunker.parse(crlf));
    const line = `@misc{long, title = {${'x'.repeat(10 * 1024 * 1024)}}}`;
    assert.deepEqual(bibtexChunks(line), chunker.parse(line));
    const ats = '@'.repeat(5000);
    assert.deepEqual(bibtexChunks(ats), chunker.parse(ats));
  });
});

describeWithCorpus('BibTeX chunks in linear time on the shared BibTeX files', () => {
  for (const name of ['d2l.bib', 'graph_embedding_review_refs.bib']) {
    it(`${name}: the same chunks as the library chunker`, function () {
      this.timeout(60_000);
      assertSameAsWhole(readFileSync(path.join(TEST_DATA, 'bibtex', name), 'utf8'), name);
    });
  }
});

/**
 * `readBibtex` chunks a file once: the parser gets the chunks the screening cut. The reference is
 * the parser chunking the text itself (`chunkOnce: false`): the same works and diagnostics.
 */
describe('BibTeX read with one chunking: the same works and diagnostics as the parser chunking again', () => {
  const entry = (key: string, extra = ''): string => `@article{${key},\n  title = {Title of {\\'e}t{\\"u}de ${key}},\n  author = {Doe, Jane and Roe, Richard},\n  year = {2020},${extra}\n}\n`;
  const same = (text: string, label: string): void => {
    const bytes = new TextEncoder().encode(text);
    const once = readBibtex(bytes, { name: label });
    const twice = readBibtex(bytes, { name: label }, { chunkOnce: false });
    assert.deepEqual(once, twice, label);
    assert.ok(once.works.length + once.diagnostics.length > 0, label);
  };

  it('broken and unclosed entries, stray text, comments, @strings, crossref, a missing comma, CRLF', () => {
    const text = hostileBibtex(entry);
    same(text, 'hostile.bib');
    same(text.replace(/\n/g, '\r\n'), 'hostile-crlf.bib');
  });

  it('a key the library chunker refuses (Key*1) before stray text is now decoded too: the parser reads it in the chunk the screening cut', () => {
    const text = [entry('good1'), entry('Key*1'), 'Stray notes, an address: someone@example.org\n', '@article{broken,\n  title = {An unterminated value,\n  year = 2019\n', entry('good2')].join('\n');
    const bytes = new TextEncoder().encode(text);
    const once = readBibtex(bytes, { name: 'keys.bib' });
    const twice = readBibtex(bytes, { name: 'keys.bib' }, { chunkOnce: false });
    assert.deepEqual(once.works.map((w) => w.title), ['Title of étüde good1', 'Title of étüde Key*1', 'Title of étüde good2']);
    assert.equal(twice.works[1].title, 'Title of \\\'et\\"ude Key*1', 'chunked again, the parser could not decode it');
    assert.deepEqual(once.diagnostics.map((d) => [d.kind, d.line]), twice.diagnostics.filter((d) => d.kind !== 'partial-record').map((d) => [d.kind, d.line]));
    assert.deepEqual(twice.diagnostics.filter((d) => d.kind === 'partial-record').map((d) => d.line), [7]);
  });

  it('entries refused by the screening (an @string that doubles itself, a crossref cycle) blanked in place', () => {
    const strings = Array.from({ length: 24 }, (_, i) => (i === 0 ? '@string{s0 = "abcdefghij"}' : `@string{s${i} = s${i - 1} # s${i - 1}}`)).join('\n');
    const text = [strings, entry('before'), `@misc{bomb,\n  title = s23,\n  year = {2020}\n}\n`, entry('a', '\n  crossref = {b}'), entry('b', '\n  crossref = {a}'), entry('after')].join('\n');
    same(text, 'screened.bib');
  });
});

describeWithCorpus('BibTeX read with one chunking on the shared BibTeX files', () => {
  for (const name of ['d2l.bib', 'graph_embedding_review_refs.bib']) {
    it(`${name}: the same works and diagnostics as the parser chunking again`, function () {
      this.timeout(60_000);
      const bytes = readFileSync(path.join(TEST_DATA, 'bibtex', name));
      const once = readBibtex(bytes, { name });
      assert.deepEqual(once, readBibtex(bytes, { name }, { chunkOnce: false }));
      assert.ok(once.works.length > 50);
    });
  }
});
