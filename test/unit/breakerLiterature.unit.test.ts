import { strict as assert } from 'node:assert';
import { combineLiterature, readSourceFile } from '../../src/core/sources/literature';
import { MAX_POSSIBLE_PER_TITLE } from '../../src/core/sources/duplicates';
import { limitJsonDepth } from '../../src/core/sources/jsonUtil';

/**
 * Hostile literature files (breaker review of "bring your own literature"): each input here once
 * made the reader throw (losing every record of the file), hang, or expand a small file to
 * hundreds of megabytes. The numbers in the titles are what happened before the fix.
 */
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

/** An arXiv Atom feed with a DOCTYPE and one entry whose summary is `summary`, then a second, plain entry. */
function atomWithDoctype(dtd: string, summary: string): string {
  return [
    '<?xml version="1.0"?>',
    `<!DOCTYPE feed [${dtd}]>`,
    '<feed xmlns="http://www.w3.org/2005/Atom"><id>http://arxiv.org/api/x</id>',
    `<entry><id>http://arxiv.org/abs/2401.02452v1</id><title>First</title><summary>${summary}</summary><author><name>A. Author</name></author></entry>`,
    '<entry><id>http://arxiv.org/abs/2401.00001v2</id><title>Second &amp; last</title><author><name>B. Author</name></author></entry>',
    '</feed>',
  ].join('\n');
}

describe('breaker: hostile literature files', function () {
  describe('XML (arXiv Atom, OAI-PMH)', function () {
    it('an external entity (XXE on /etc/passwd) is not read, and the entries still load (before: the reader threw, no entry loaded)', function () {
      const reading = readSourceFile(bytes(atomWithDoctype('<!ENTITY xxe SYSTEM "file:///etc/passwd">', 'see &xxe;')), 'xxe.xml');
      assert.equal(reading.format, 'arxiv-atom');
      assert.deepEqual(
        reading.works.map((w) => [w.id, w.title, w.abstract]),
        [
          ['arxiv:2401.02452', 'First', 'see &xxe;'],
          ['arxiv:2401.00001', 'Second & last', undefined],
        ],
      );
      assert.ok(!reading.works.some((w) => /root:/.test(w.abstract ?? '')));
      const d = reading.diagnostics.find((x) => /XML refused/.test(x.message));
      assert.ok(d, JSON.stringify(reading.diagnostics));
      assert.equal(d.kind, 'syntax');
      assert.equal(d.line, 2);
      assert.match(d.message, /External entities are not supported; the document was read without its DOCTYPE/);
    });

    it('a 70 KB feed cannot expand to 200 MB through a declared entity (before: a 199,980,000-character abstract)', function () {
      // A 9,999-character entity (the parser's own per-entity cap is 10,000) used 20,000 times.
      const text = atomWithDoctype(`<!ENTITY a "${'A'.repeat(9999)}">`, '&a;'.repeat(20000));
      assert.ok(text.length < 80_000);
      const reading = readSourceFile(bytes(text), 'amplify.xml');
      assert.deepEqual(
        reading.works.map((w) => w.id),
        ['arxiv:2401.02452', 'arxiv:2401.00001'],
      );
      // Read without the DOCTYPE: the references stay as written (3 characters each).
      assert.equal(reading.works[0].abstract?.length, 20000 * 3);
      const d = reading.diagnostics.find((x) => /XML refused/.test(x.message));
      assert.equal(d?.kind, 'too-large');
      assert.match(d.message, /Expanded content length limit exceeded/);
    });

    it('a DOCTYPE entity used within the limits is still expanded, and the predefined entities are never limited', function () {
      const reading = readSourceFile(bytes(atomWithDoctype('<!ENTITY org "Universit\u00e9 Laval">', '&org; &amp; &org;')), 'ok.xml');
      assert.equal(reading.works[0].abstract, 'Université Laval & Université Laval');
      assert.deepEqual(reading.diagnostics, []);
      // 300,000 predefined entities and character references (a large real feed has many): all decoded.
      const many = readSourceFile(bytes(atomWithDoctype('', '&amp;&#xe9;'.repeat(150_000))), 'many.xml');
      assert.equal(many.works[0].abstract?.length, 300_000);
      assert.deepEqual(many.diagnostics, []);
    });
  });

  describe('CSL-JSON nesting', function () {
    const item = (title: string, extra = ''): string => `{"type":"article-journal","title":"${title}"${extra}}`;

    it('an item with arrays nested 10,000 deep costs only that value (before: RangeError, no item loaded)', function () {
      const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
      const text = `[\n${item('First', `,"x":${deep}`)},\n${item('Second')}\n]`;
      const reading = readSourceFile(bytes(text), 'deep.json');
      assert.equal(reading.format, 'csl-json');
      assert.deepEqual(
        reading.works.map((w) => w.title),
        ['First', 'Second'],
      );
      assert.deepEqual(
        reading.diagnostics.map((d) => [d.kind, d.line, d.column]),
        [["too-large", 2, 109]],
      );
    });

    it('limitJsonDepth keeps offsets, strings and line breaks, and leaves shallow text alone', function () {
      const shallow = '[{"a":[1,[2,{"b":"[[[["}]]}]';
      assert.equal(limitJsonDepth(shallow, 5).text, shallow);
      assert.equal(limitJsonDepth(shallow, 4).text, '[{"a":[1,[2,0           ]]}]');
      const cut = limitJsonDepth('[[[["]]]",\n1]]]]', 2);
      assert.equal(cut.text, '[[0       \n   ]]');
      assert.deepEqual(cut.cuts, [2]);
      // An unclosed deep value is cut to the end.
      assert.equal(limitJsonDepth('[[[[', 2).text, '[[0 ');
    });
  });

  describe('BibTeX', function () {
    const read = (text: string) => readSourceFile(bytes(text), 'x.bib');
    const kinds = (reading: ReturnType<typeof read>) => reading.diagnostics.map((d) => `${d.kind}@${d.line}`);

    it('an entry with 1,000,000 nested braces costs only itself (before: RangeError, no entry loaded)', function () {
      const reading = read(`@article{k1,\n title = ${'{'.repeat(1_000_000)}${'}'.repeat(1_000_000)}\n}\n@article{k2, title={Second {\\'e}}, year=2020}\n`);
      assert.deepEqual(
        reading.works.map((w) => [w.provenance[0].key, w.provenance[0].line]),
        [
          ['k1', 1],
          ['k2', 4],
        ],
      );
      // The other entries' LaTeX is still decoded.
      assert.equal(reading.works[1].title, 'Second é');
      assert.match(reading.diagnostics[0].message, /x\.bib:1: braces are nested more than 100 deep; its LaTeX is not decoded\./);
      assert.equal(reading.diagnostics[0].kind, 'too-large');
    });

    it('@strings that refer to themselves are refused, the entries load (before: RangeError)', function () {
      const reading = read('@string{a = a # a}\n@string{b = c}\n@string{c = b}\n@string{j = "Journal"}\n@article{k1, title = {One}, journal = j}\n@article{k2, title = a}\n');
      assert.deepEqual(
        reading.works.map((w) => [w.title, w.venue]),
        [
          ['One', 'Journal'],
          ['a', undefined],
        ],
      );
      assert.deepEqual(kinds(reading).filter((k) => k.startsWith('too-large')), ['too-large@1', 'too-large@2', 'too-large@3']);
      assert.match(reading.diagnostics[0].message, /refers to itself/);
    });

    it('@strings that double 22 times are refused (before: 92 s for a 600-byte file)', function () {
      this.timeout(10000);
      let text = '@string{s0 = "ab"}\n';
      for (let i = 1; i <= 22; i++) text += `@string{s${i} = s${i - 1} # s${i - 1}}\n`;
      text += '@article{k1, title = s22}\n@article{k2, title = {Plain}}\n';
      const started = Date.now();
      const reading = read(text);
      assert.ok(Date.now() - started < 5000, `${Date.now() - started} ms`);
      assert.deepEqual(
        reading.works.map((w) => w.title),
        ['s22', 'Plain'],
      );
      // As the screen counts (each declaration's text, about 20 characters, plus its references), s15 on line 16 is the first over 1,000,000.
      assert.ok(reading.diagnostics.some((d) => d.kind === 'too-large' && /x\.bib:16: this @string expands to more than 1,000,000 characters/.test(d.message)), JSON.stringify(reading.diagnostics.slice(0, 3)));
    });

    it('a crossref cycle is reported and crossref is not applied (before: RangeError)', function () {
      const reading = read('@inproceedings{a, crossref = {b}, title = {A}}\n@proceedings{b, crossref = {a}, booktitle = {B}}\n@article{c, crossref = {c}, title = {C}}\n');
      assert.deepEqual(
        reading.works.map((w) => w.title),
        ['A', '', 'C'],
      );
      assert.ok(reading.diagnostics.some((d) => d.kind === 'syntax' && /crossref of entry "a" leads back to it/.test(d.message)));
    });

    it('crossref without a cycle still inherits fields', function () {
      const reading = read('@inproceedings{a, crossref = {b}, title = {A}}\n@proceedings{b, booktitle = {The Book}, title = {The Book}}\n');
      assert.equal(reading.works[0].venue, 'The Book');
    });
  });

  it('a year is a whole number from 1 to 9999 (before: CSL 1e308 became 1e+308-01-01, counted in 1000 by the Findings chart)', function () {
    const csl = JSON.stringify([1e308, 12345, 2021.5, 2021].map((y, i) => ({ id: `k${i}`, type: 'article-journal', title: `T${i}`, issued: { 'date-parts': [[y]] } })));
    const reading = readSourceFile(bytes(csl), 'years.json');
    assert.deepEqual(
      reading.works.map((w) => w.date?.year),
      [undefined, undefined, undefined, 2021],
    );
    assert.equal(reading.diagnostics.filter((d) => d.kind === 'bad-date').length, 3);
    const oa = (year: number, i: number) => JSON.stringify({ id: `https://openalex.org/W${i}`, title: `T${i}`, display_name: `T${i}`, publication_year: year, authorships: [] });
    const openAlex = readSourceFile(bytes([1e308, -5, 2020].map(oa).join('\n')), 'w.jsonl');
    assert.equal(openAlex.format, 'openalex');
    assert.deepEqual(
      openAlex.works.map((w) => w.date?.year),
      [undefined, undefined, 2020],
    );
  });
});

describe('literature: what the breaker review left, fixed', function () {
  it('a CSL-JSON title holding U+2028 then "TY  - " is still CSL-JSON, not RIS', function () {
    const text = JSON.stringify([{ id: 'a', type: 'article', title: 'A\u2028TY  - JOUR title', issued: { 'date-parts': [[2020]] } }]);
    const r = readSourceFile(Buffer.from(text), 'lib.json');
    assert.equal(r.format, 'csl-json');
    assert.equal(r.records, 1);
  });

  it('3,000 works of one title and year: possible duplicates stay bounded (not 4.5 million pairs)', function () {
    const ris = Array.from({ length: 3000 }, (_, i) => `TY  - JOUR\nTI  - Introduction\nPY  - 2020\nDO  - 10.1000/x${i}\nER  - \n`).join('');
    const lit = combineLiterature([readSourceFile(Buffer.from(ris), 'big.ris')]);
    const pairs = (MAX_POSSIBLE_PER_TITLE + 1) * MAX_POSSIBLE_PER_TITLE / 2;
    assert.equal(lit.works.length, 3000);
    assert.equal(lit.possible.length, pairs);
  });
});
