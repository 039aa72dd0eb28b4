/**
 * The repair of double-encoded UTF-8 (src/core/sources/mojibake.ts) on hand-made strings, each
 * made by encoding a known text to UTF-8 and reading the bytes back as Latin-1 or Windows-1252,
 * which is how such text arises. Contract: ../shared/spec/imports.md ("repaired where the repair is
 * unambiguous, with a diagnostic; otherwise kept and flagged").
 */
import { strict as assert } from 'node:assert';
import { repairMojibake, repairWorkMojibake } from '../../src/core/sources/mojibake';
import type { ImportDiagnostic, Work } from '../../src/core/sources/work';

/** `text` encoded as UTF-8 and decoded as Latin-1 (`latin1`) or Windows-1252 (`cp1252`). */
function doubleEncode(text: string, as: 'latin1' | 'cp1252'): string {
  const bytes = new TextEncoder().encode(text);
  return as === 'latin1' ? String.fromCharCode(...bytes) : new TextDecoder('windows-1252').decode(bytes);
}

describe('mojibake: repair of double-encoded UTF-8', function () {
  it('the hand-made strings are what the recorded arXiv response holds', function () {
    assert.equal(doubleEncode('Ramírez', 'latin1'), 'Ram\u00c3\u00adrez');
    assert.equal(doubleEncode('Weißl', 'latin1'), 'Wei\u00c3\u009fl');
  });

  for (const text of ['Ramírez', 'José Raúl Romero', 'Oliver Weißl', 'Mika V. Mäntylä', 'Lasse Møldrup', 'type-I error at most $α$, $π$', 'Dvořák’s “quotes” — ok', '𝔼 and 中文']) {
    for (const as of ['latin1', 'cp1252'] as const) {
      it(`repairs ${JSON.stringify(text)} read back as ${as}`, function () {
        const broken = doubleEncode(text, as);
        assert.notEqual(broken, text);
        assert.deepEqual(repairMojibake(broken), { text, status: 'repaired' });
      });
    }
  }

  it('leaves genuine accented text alone (clean), including a letter before a Windows-1252 one (Lukáš)', function () {
    for (const text of ['Göteborg', 'Lukáš Holík', 'Université de Montréal', 'naïve café', 'Ã alone', 'plain ASCII', '']) {
      assert.deepEqual(repairMojibake(text), { text, status: 'clean' }, text);
    }
  });

  it('flags, and keeps, a run that looks double-encoded but does not decode (a stray continuation byte)', function () {
    const broken = 'Ram\u00c3\u00ad\u00adrez';
    assert.deepEqual(repairMojibake(broken), { text: broken, status: 'suspect' });
  });

  it('flags, and keeps, text encoded three times: one repair would still leave mojibake', function () {
    const twice = doubleEncode(doubleEncode('Ramírez', 'latin1'), 'cp1252');
    assert.deepEqual(repairMojibake(twice), { text: twice, status: 'suspect' });
  });

  it('flags a repair that would produce a C1 control character', function () {
    const broken = 'x\u00c2\u0085y'; // C2 85 decodes to U+0085 (NEL), a C1 control
    assert.equal(repairMojibake(broken).status, 'suspect');
  });

  it('repairWorkMojibake repairs every text field in place with one diagnostic per field', function () {
    const work: Work = {
      id: 'arxiv:2405.13786',
      title: doubleEncode('Über testing', 'latin1'),
      authors: [{ name: doubleEncode('Aurora Ramírez', 'latin1'), affiliations: [doubleEncode('Universidad de Córdoba', 'latin1'), 'LRI'], institutions: [] }],
      abstract: 'clean abstract',
      identifiers: ['arxiv:2405.13786'],
      links: [],
      keywords: [],
      categories: [],
      provenance: [{ source: 'x.json', format: 'arxiv-atom', index: 1 }],
      raw: { comment: doubleEncode('eds. C. Lämmerzahl', 'latin1'), weird: 'Ram\u00c3\u00ad\u00adrez' },
    };
    const diagnostics: ImportDiagnostic[] = [];
    const n = repairWorkMojibake(work, { line: 4, label: 'entry 2' }, diagnostics);
    assert.equal(n, 4);
    assert.equal(work.title, 'Über testing');
    assert.equal(work.authors[0].name, 'Aurora Ramírez');
    assert.deepEqual(work.authors[0].affiliations, ['Universidad de Córdoba', 'LRI']);
    assert.equal(work.raw?.['comment'], 'eds. C. Lämmerzahl');
    assert.equal(work.raw?.['weird'], 'Ram\u00c3\u00ad\u00adrez');
    assert.deepEqual(
      diagnostics.map((d) => [d.kind, d.line, d.message.replace(/:.*/, '')]),
      [
        ['mojibake-repaired', 4, 'entry 2, title'],
        ['mojibake-repaired', 4, 'entry 2, author 1 name'],
        ['mojibake-repaired', 4, 'entry 2, author 1 affiliation 1'],
        ['mojibake-repaired', 4, 'entry 2, comment'],
        ['mojibake-suspect', 4, 'entry 2, weird'],
      ],
    );
    assert.ok(diagnostics.every((d) => (d.raw ?? '').length <= 200));
  });
});
