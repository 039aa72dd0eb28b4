/**
 * The short paths the importers take for the common case (issue #11, import at 100,000 works) must
 * give exactly what the general rule gives. Each rule is written out here as imports.md states it
 * (the reference), and held equal to the code on hand-made edge cases and on every title, name,
 * identifier list and abstract of the shared literature files.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { titleKey } from '../../src/core/sources/duplicates';
import { IDENTIFIER_ORDER, normalizeArxiv, orderIdentifiers } from '../../src/core/sources/identifiers';
import { readSourceFile } from '../../src/core/sources/literature';
import { rebuildAbstract } from '../../src/core/sources/openAlex';
import { collapseWhitespace } from '../../src/core/sources/workBuild';
import { describeWithCorpus } from '../support/corpus';
import { TEST_DATA } from '../support/paths';

/** imports.md: NFKD, combining marks removed, case-folded, only letters and digits kept. */
const referenceTitleKey = (t: string): string => t.normalize('NFKD').replace(/\p{M}/gu, '').toUpperCase().toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
/** White space runs made one space, trimmed. */
const referenceCollapse = (t: string): string => t.replace(/\s+/g, ' ').trim();
/** Every identifier once, a 10.48550/arXiv DOI adding its arXiv id, stably sorted by scheme. */
function referenceOrder(ids: string[]): string[] {
  const all: string[] = [];
  for (const id of ids) {
    if (!all.includes(id)) all.push(id);
    const m = /^doi:10\.48550\/arxiv\.(.+)$/.exec(id);
    const ax = m ? normalizeArxiv(m[1]) : undefined;
    if (ax && !all.includes(`arxiv:${ax}`)) all.push(`arxiv:${ax}`);
  }
  const rank = (id: string): number => {
    const i = (IDENTIFIER_ORDER as readonly string[]).indexOf(id.split(':')[0]);
    return i < 0 ? IDENTIFIER_ORDER.length : i;
  };
  return all.map((id, i) => [id, i] as const).sort((a, b) => rank(a[0]) - rank(b[0]) || a[1] - b[1]).map(([id]) => id);
}
/** Words at their positions, holes skipped, joined by single spaces. */
function referenceAbstract(index: Record<string, number[]>): string | undefined {
  const words: string[] = [];
  for (const [w, ps] of Object.entries(index)) for (const p of ps) words[p] = w;
  return words.filter((w) => w !== undefined).join(' ') || undefined;
}

describe('Import short paths equal the general rules (hand-made cases)', () => {
  it('titleKey: ASCII, accents, punctuation, tabs, non-Latin scripts', () => {
    for (const t of ['Attention Is All You Need', 'Déjà Vu: A Study!', 'GPT-4\tTechnical Report', '  ', '', 'ﬁne-tuning (ligature)', 'Über α-β', '日本語のタイトル 2', 'A\u0301B']) {
      assert.equal(titleKey(t), referenceTitleKey(t), JSON.stringify(t));
    }
  });

  it('collapseWhitespace: nothing to do, doubled, leading, trailing, tabs, NBSP, line breaks', () => {
    for (const t of ['Stanford University', 'Stanford  University', ' Stanford', 'Stanford ', 'a\tb', 'a\u00a0b', 'a\nb', '', ' ', 'x']) {
      assert.equal(collapseWhitespace(t), referenceCollapse(t), JSON.stringify(t));
    }
  });

  it('orderIdentifiers: in order, out of order, repeated, arXiv DOI, unknown schemes', () => {
    const lists = [
      ['doi:10.1/a', 'openalex:W1', 'pmid:1'],
      ['openalex:W1', 'doi:10.1/a'],
      ['doi:10.1/a', 'doi:10.1/a', 'openalex:W1'],
      ['doi:10.1/a', 'openalex:W1', 'doi:10.1/a'],
      ['doi:10.48550/arxiv.2401.02452', 'openalex:W2'],
      ['x:1', 'doi:10.1/a'],
      ['doi:10.1/a', 'x:1'],
      [],
    ];
    for (const ids of lists) {
      const out = orderIdentifiers(ids);
      assert.deepEqual(out, referenceOrder(ids), JSON.stringify(ids));
      assert.notEqual(out, ids, 'a new list: the caller may change it');
    }
  });

  it('normalizeArxiv: a web address that spells the arXiv DOI with percent escapes still names the arXiv id (the DOI is read decoded)', () => {
    // 10.48550/arXiv.2101.00001 with the "a" of arXiv as %61, and with the slash as %2F.
    assert.equal(normalizeArxiv('https://doi.org/10.48550/%61rXiv.2101.00001'), '2101.00001');
    assert.equal(normalizeArxiv('https://doi.org/10.48550%2F%41RXIV.2101.00001v2'), '2101.00001');
    assert.equal(normalizeArxiv('http://dx.doi.org/10.48550/arXiv.hep-th/9901001'), 'hep-th/9901001');
    // Web addresses that name no arXiv id, with and without escapes.
    assert.equal(normalizeArxiv('https://example.org/hep-th/9901001'), undefined);
    assert.equal(normalizeArxiv('https://doi.org/10.1145/3292500.3330701'), undefined);
    assert.equal(normalizeArxiv('https://example.org/a%20b/2101.00001'), undefined);
  });

  it('rebuildAbstract: holes, repeated positions, empty index, null', () => {
    assert.equal(rebuildAbstract({ b: [1], a: [0, 3] }), referenceAbstract({ b: [1], a: [0, 3] }));
    assert.equal(rebuildAbstract({ b: [1], a: [0, 3] }), 'a b a');
    assert.equal(rebuildAbstract({}), undefined);
    assert.equal(rebuildAbstract(null), undefined);
    assert.equal(rebuildAbstract({ x: [0], '': [1], y: [2] }), 'x  y');
  });

  it('rebuildAbstract: a position far past the words (a hostile index) costs what the words cost, and reads as the rule does', function () {
    // Put at an array index, 4,294,967,294 made a four-billion-hole array walked one index at a time (over a minute).
    this.timeout(2000);
    const far = 4_294_967_294;
    // Words in position order; the later claim of a position wins; a position past the largest array index (2^32 - 2) is no position.
    assert.equal(rebuildAbstract({ end: [far], a: [0], c: [7, 1e12, 2 ** 32 - 1] }), 'a c end');
    assert.equal(rebuildAbstract({ x: [3_000_000_000], y: [3_000_000_000, 1], z: [0] }), 'z y y');
    assert.equal(rebuildAbstract({ only: [1e12] }), undefined);
    // The same claims at small positions, through the reference rule.
    assert.equal(rebuildAbstract({ x: [3], y: [3, 1], z: [0] }), referenceAbstract({ x: [3], y: [3, 1], z: [0] }));
    assert.equal(rebuildAbstract({ x: [3], y: [3, 1], z: [0] }), 'z y y');
  });
});

describeWithCorpus('Import short paths equal the general rules (every shared literature file)', function () {
  this.timeout(60_000);
  it('titles, names, affiliations, identifier lists and OpenAlex abstracts', function () {
    let checked = 0;
    for (const folder of ['bibtex', 'ris', 'csl_json', 'arxiv', 'openalex', 'semantic_scholar']) {
      for (const name of readdirSync(path.join(TEST_DATA, folder)).sort()) {
        const bytes = readFileSync(path.join(TEST_DATA, folder, name));
        for (const work of readSourceFile(bytes, `${folder}/${name}`).works) {
          assert.equal(titleKey(work.title), referenceTitleKey(work.title));
          assert.deepEqual(orderIdentifiers(work.identifiers), referenceOrder(work.identifiers));
          assert.deepEqual(orderIdentifiers([...work.identifiers].reverse()), referenceOrder([...work.identifiers].reverse()));
          for (const a of work.authors) for (const s of [a.name, ...a.affiliations]) assert.equal(collapseWhitespace(s), referenceCollapse(s));
          checked++;
        }
        if (folder !== 'openalex' || !/\.jsonl$/.test(name)) continue;
        for (const line of bytes.toString('utf8').split('\n')) {
          if (!line.trim()) continue;
          const index = (JSON.parse(line) as { abstract_inverted_index?: Record<string, number[]> | null }).abstract_inverted_index;
          if (index) assert.equal(rebuildAbstract(index), referenceAbstract(index));
        }
      }
    }
    assert.ok(checked > 1000, `works checked: ${checked}`);
  });
});
