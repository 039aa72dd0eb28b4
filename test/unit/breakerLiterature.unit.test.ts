import { strict as assert } from 'node:assert';
import { readSourceFile } from '../../src/core/sources/literature';
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
});
