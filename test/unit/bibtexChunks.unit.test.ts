import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { chunker } from '@retorquere/bibtex-parser';
import { bibtexChunks } from '../../src/core/sources/bibtexChunks';
import { readBibtex } from '../../src/core/sources/bibtex';
import { describeWithCorpus } from '../support/corpus';
import { TEST_DATA } from '../support/paths';

/** One segment for the whole text: exactly what the library's own chunker does. */
const WHOLE = Number.MAX_SAFE_INTEGER;
const SEGMENTS = [1, 40, 700, 5000];

/** What a chunk means to the importer: where its `@` is (position and line), its kind, and its text from the `@`. */
function meaning(text: string, c: ReturnType<typeof chunker.parse>[number]): unknown {
  const at = c.text.search(/@/);
  const pos = c.offset.pos + (at < 0 ? 0 : at);
  return {
    at: pos,
    line: text.slice(0, pos).split('\n').length,
    entry: c.entry === true,
    error: c.error !== undefined && c.error !== null,
    string: c.stringDeclaration === true,
    comment: c.comment === true,
    preamble: c.preamble === true,
    body: (at < 0 ? c.text : c.text.slice(at)).trimEnd(),
  };
}

function assertSameAsWhole(text: string, label: string): void {
  const whole = chunker.parse(text).map((c) => meaning(text, c));
  const bytes = new TextEncoder().encode(text);
  const read = readBibtex(bytes, { name: label }, WHOLE);
  assert.ok(whole.length > 0, label);
  for (const segment of SEGMENTS) {
    assert.deepEqual(bibtexChunks(text, segment).map((c) => meaning(text, c)), whole, `${label}, segments of ${segment}`);
    assert.deepEqual(readBibtex(bytes, { name: label }, segment), read, `${label}, read in segments of ${segment}`);
  }
}

describe('BibTeX chunks in linear time: the same chunks as the library chunker reading the whole file', () => {
  const entry = (key: string, extra = ''): string => `@article{${key},\n  title = {Title of ${key}},\n  author = {Doe, Jane and Roe, Richard},\n  year = {2020},${extra}\n}\n`;

  it('cuts well-formed files at every segment size, with file positions and lines', () => {
    const text = Array.from({ length: 30 }, (_, i) => entry(`k${i}`)).join('\n');
    assertSameAsWhole(text, 'plain.bib');
    const chunks = bibtexChunks(text, 1);
    assert.equal(chunks.length, 30);
    assert.equal(chunks[7].offset.pos, text.indexOf('@article{k7,'));
  });

  it('keeps an `@` at the start of a line inside a value inside its entry (the segment grows past it)', () => {
    const text = [entry('a'), `@misc{b,\n  abstract = {First line\n@mention of a handle at a line start\n  and more},\n  year = {2021}\n}\n`, entry('c')].join('\n');
    assertSameAsWhole(text, 'at-in-value.bib');
    const read = readBibtex(new TextEncoder().encode(text), { name: 'x.bib' }, 1);
    assert.deepEqual(read.works.map((w) => w.title), ['Title of a', '', 'Title of c']);
    assert.deepEqual(read.diagnostics.map((d) => d.kind), ['missing-title']);
  });

  it('reads broken entries, stray text, comments, strings and indented entries as the whole-file chunker does', () => {
    const text = [
      '% a comment line\n',
      '@string{ acl = "Association for Computational Linguistics" }\n',
      entry('good1'),
      'Some stray notes between entries, with an address: someone@example.org\n',
      '@article{broken,\n  title = {An unterminated value,\n  year = 2019\n',
      entry('good2'),
      '  @inproceedings{indented,\n    title = {Indented},\n    booktitle = acl,\n    year = {2022}\n  }\n',
      '@comment{ a comment block\n@with an at sign at a line start\n}\n',
      '% two comment lines\n% in a row\n',
      entry('good3'),
      '@preamble{ "\\newcommand{\\noop}[1]{}" }\n',
      '@article{unclosed-at-end,\n  title = {Never closed\n',
    ].join('\n');
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

describeWithCorpus('BibTeX chunks in linear time on the shared BibTeX files', () => {
  for (const name of ['d2l.bib', 'graph_embedding_review_refs.bib']) {
    it(`${name}: the same chunks and the same works and diagnostics at every segment size`, function () {
      this.timeout(60_000);
      assertSameAsWhole(readFileSync(path.join(TEST_DATA, 'bibtex', name), 'utf8'), name);
    });
  }
});
