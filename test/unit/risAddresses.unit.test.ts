/**
 * RIS `AD` (author address) lines as the authors' raw affiliation strings (src/core/sources/ris.ts,
 * imports.md "A work"): one `AD` per author paired in order, one `AD` for the record (every author
 * gets it), `;`-separated addresses, continuation lines, empty `AD` lines keeping authors in place;
 * the team sector reading them (author share, labels by name); `AD` written back so that a round
 * trip keeps every author's affiliations. The expected affiliations are written out by hand from
 * the inputs below. The shared RIS file has no `AD` line (`grep -c '^AD  -'` gives 0), so on it
 * every author has no affiliation, before and after.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import type { OrganizationCategory } from '../../src/core/dataset/model';
import type { OrganizationLabels } from '../../src/core/sector/organizationCategory';
import { workTeamSector } from '../../src/core/sector/workSector';
import { affiliationsFromAddresses, readRis, writeRis } from '../../src/core/sources/ris';
import type { Work } from '../../src/core/sources/work';
import { describeWithCorpus } from '../support/corpus';
import { testData } from '../support/paths';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const affiliationsOf = (w: Work): string[][] => w.authors.map((a) => a.affiliations);

/** Labels by lower-cased name, for the sector checks. */
function labelsOf(byName: Record<string, OrganizationCategory>): OrganizationLabels {
  return {
    byName: (n) => (byName[n.toLowerCase()] ? { category: byName[n.toLowerCase()], name: n, annotator: 'ada', matchedBy: 'name' } : undefined),
    byRor: () => undefined,
  };
}

const RIS = [
  // 1: one AD per author, in order (EndNote / Web of Science), the second continued on a 6-space line.
  'TY  - JOUR',
  'TI  - Per-author addresses',
  'AU  - Lovelace, Ada',
  'AU  - Babbage, Charles',
  'AU  - Hopper, Grace',
  'AD  - University of Cambridge, Cambridge, UK',
  'AD  - Google DeepMind, London,',
  '      United Kingdom',
  'AD  - Massachusetts Institute of Technology; Google Research',
  'PY  - 2021',
  'ER  - ',
  '',
  // 2: one AD for a record of three authors: every author gets both addresses.
  'TY  - JOUR',
  'TI  - One address line for the record',
  'AU  - Turing, Alan',
  'AU  - Shannon, Claude',
  'AU  - Minsky, Marvin',
  'AD  - Stanford University; Microsoft Research; ',
  'ER  - ',
  '',
  // 3: two distinct addresses (Scopus style) for three authors, one repeated: every author gets each once.
  'TY  - CPAPER',
  'TI  - Fewer addresses than authors',
  'AU  - Noether, Emmy',
  'AU  - Hilbert, David',
  'AU  - Klein, Felix',
  'AD  - University of Göttingen',
  'AD  - Meta AI; University of Göttingen',
  'ER  - ',
  '',
  // 4: an empty AD keeps the second author without an address in place.
  'TY  - JOUR',
  'TI  - An author without an address',
  'AU  - Curie, Marie',
  'AU  - Curie, Pierre',
  'AU  - Langevin, Paul',
  'AD  - Université de Paris',
  'AD  - ',
  'AD  - OpenAI',
  'ER  - ',
  '',
  // 5: no AD at all.
  'TY  - GEN',
  'TI  - No addresses',
  'AU  - Gauss, Carl Friedrich',
  'ER  - ',
  '',
].join('\n');

describe('RIS AD lines: authors’ affiliations', () => {
  const read = readRis(bytes(RIS), { name: 'addresses.ris' });

  it('reads the five records with no diagnostic', () => {
    assert.equal(read.works.length, 5);
    assert.deepEqual(read.diagnostics, []);
  });

  it('one AD per author: paired in order, a continuation line joined, `;` splitting one author’s two addresses', () => {
    assert.deepEqual(affiliationsOf(read.works[0]), [
      ['University of Cambridge, Cambridge, UK'],
      ['Google DeepMind, London, United Kingdom'],
      ['Massachusetts Institute of Technology', 'Google Research'],
    ]);
  });

  it('one AD for the record: every author gets every address (the empty part after the last `;` dropped)', () => {
    const both = ['Stanford University', 'Microsoft Research'];
    assert.deepEqual(affiliationsOf(read.works[1]), [both, both, both]);
  });

  it('fewer AD lines than authors: every author gets each distinct address once, in file order', () => {
    const all = ['University of Göttingen', 'Meta AI'];
    assert.deepEqual(affiliationsOf(read.works[2]), [all, all, all]);
  });

  it('an empty AD line keeps its author without an address and the others paired', () => {
    assert.deepEqual(affiliationsOf(read.works[3]), [['Université de Paris'], [], ['OpenAI']]);
  });

  it('no AD: no affiliation', () => {
    assert.deepEqual(affiliationsOf(read.works[4]), [[]]);
  });

  it('affiliationsFromAddresses: as many lines as authors pair; otherwise all to all, in fresh arrays', () => {
    assert.deepEqual(affiliationsFromAddresses(['A; B', 'C'], 2), [['A', 'B'], ['C']]);
    const shared = affiliationsFromAddresses(['A', 'B; A'], 3);
    assert.deepEqual(shared, [['A', 'B'], ['A', 'B'], ['A', 'B']]);
    shared[0].push('X');
    assert.deepEqual(shared[1], ['A', 'B']);
    assert.deepEqual(affiliationsFromAddresses(['A'], 0), []);
  });

  it('the team sector reads them: per-author addresses give an author share, a record AD an unleaning collaboration', () => {
    const labels = labelsOf({
      'university of cambridge': 'Academia',
      'google deepmind': 'Industry',
      'massachusetts institute of technology': 'Academia',
      'google research': 'Industry',
      'stanford university': 'Academia',
      'microsoft research': 'Industry',
    });
    const perAuthor = workTeamSector(read.works[0], { labels });
    // Lovelace academic; Babbage industrial; Hopper both: a = 2, i = 2 → Collaboration, a/(a+i) = 0.5 → balanced.
    assert.equal(perAuthor.teamSector, 'Collaboration');
    assert.deepEqual(perAuthor.counts, { participants: 3, withCategory: 3, academic: 2, industrial: 2 });
    assert.deepEqual(
      perAuthor.authors.map((a) => a.categories),
      [['Academia'], ['Industry'], ['Academia', 'Industry']],
    );
    const record = workTeamSector(read.works[1], { labels });
    assert.equal(record.teamSector, 'Collaboration');
    assert.equal(record.leaning, 'balanced');
    assert.deepEqual(record.counts, { participants: 3, withCategory: 3, academic: 3, industrial: 3 });
    // Only academic addresses → Academia, every author counted, no partial evidence.
    const academic = workTeamSector(read.works[1], { labels: labelsOf({ 'stanford university': 'Academia', 'microsoft research': 'Academia' }) });
    assert.equal(academic.teamSector, 'Academia');
    assert.equal(academic.partial, false);
  });

  it('written back: a record read from RIS keeps its AD lines as read; a round trip keeps every author’s affiliations', () => {
    const text = writeRis(read.works);
    const again = readRis(bytes(text), { name: 'again.ris' });
    assert.deepEqual(again.diagnostics, []);
    assert.deepEqual(again.works.map(affiliationsOf), read.works.map(affiliationsOf));
    const records = text.split('\n\n');
    const adLines = (record: string) => record.split('\n').filter((l) => l.startsWith('AD  -'));
    assert.deepEqual(adLines(records[0]), ['AD  - University of Cambridge, Cambridge, UK', 'AD  - Google DeepMind, London, United Kingdom', 'AD  - Massachusetts Institute of Technology; Google Research']);
    // The record-level AD is kept as read (one line, its trailing "; " as written).
    assert.deepEqual(adLines(records[1]), ['AD  - Stanford University; Microsoft Research;']);
    assert.deepEqual(adLines(records[3]), ['AD  - Université de Paris', 'AD  - ', 'AD  - OpenAI']);
    assert.deepEqual(adLines(records[4]), []);
  });

  it('written from another source: one AD per author, an empty one for an author without affiliations', () => {
    const w: Work = {
      id: 'doi:10.1/x',
      title: 'From OpenAlex',
      authors: [
        { name: 'A One', affiliations: ['Tsinghua University'], institutions: [] },
        { name: 'B Two', affiliations: [], institutions: [] },
        { name: 'C Three', affiliations: ['Alibaba Group', 'Zhejiang University'], institutions: [] },
      ],
      identifiers: ['doi:10.1/x'],
      links: [],
      keywords: [],
      categories: [],
      type: 'article',
      provenance: [{ source: 'w.json', format: 'openalex', index: 0 }],
    };
    const text = writeRis([w]);
    assert.deepEqual(
      text.split('\n').filter((l) => l.startsWith('AD  -')),
      ['AD  - Tsinghua University', 'AD  - ', 'AD  - Alibaba Group; Zhejiang University'],
    );
    assert.deepEqual(affiliationsOf(readRis(bytes(text), { name: 'x.ris' }).works[0]), [['Tsinghua University'], [], ['Alibaba Group', 'Zhejiang University']]);
  });
});

describeWithCorpus(
  'RIS AD lines on the shared RIS file',
  () => {
    it('graph_embedding_review_references.ris has no AD line: its 320 authors have no affiliation, and its export writes none', () => {
      const text = fs.readFileSync(testData('ris', 'graph_embedding_review_references.ris'), 'utf8');
      assert.equal(text.split(/\r?\n/).filter((l) => l.startsWith('AD  -')).length, 0);
      const r = readRis(bytes(text), { name: 'graph_embedding_review_references.ris' });
      const authors = r.works.flatMap((w) => w.authors);
      assert.equal(authors.length, 320);
      assert.ok(authors.every((a) => a.affiliations.length === 0));
      assert.ok(!writeRis(r.works).split('\n').some((l) => l.startsWith('AD  -')));
    });
  },
  ['ris/graph_embedding_review_references.ris'],
);

describe('RIS AD lines on a hostile record: authors × addresses is bounded (breaker)', () => {
  // 5,000 authors and 5,001 distinct AD lines (not one per author): every author on every address
  // was 25 million author-address pairs (combining the file took 62 s and 3.5 GB).
  const authors = 5000;
  const addresses = 5001;
  const record = ['', 'TY  - JOUR', 'TI  - A very large collaboration'];
  for (let i = 0; i < authors; i++) record.push(`AU  - Family${i}, Given${i}`);
  for (let i = 0; i < addresses; i++) record.push(`AD  - Institute ${i}, Some City`);
  record.push('PY  - 2020', 'ER  - ', '');
  const text = record.join('\n');

  it('gives every author the first 100,000 / 5,000 = 20 addresses, with a diagnostic at the record line naming what was left out', () => {
    const read = readRis(bytes(text), { name: 'big.ris' });
    assert.equal(read.works.length, 1);
    const work = read.works[0];
    assert.equal(work.authors.length, authors);
    const first20 = Array.from({ length: 20 }, (_, i) => `Institute ${i}, Some City`);
    for (const a of work.authors) assert.deepEqual(a.affiliations, first20);
    const capped = read.diagnostics.filter((d) => d.kind === 'too-large');
    assert.equal(capped.length, 1);
    assert.equal(capped[0].line, 2);
    assert.match(capped[0].message, /^big\.ris:2: .*5,000 authors.*5,001 distinct addresses.*first 20.*4,981/);
  });

  it('writes every AD line back on a RIS round trip (nothing of the file is lost)', () => {
    const work = readRis(bytes(text), { name: 'big.ris' }).works[0];
    const written = writeRis([work]);
    assert.equal(written.split('\n').filter((l) => l.startsWith('AD  - ')).length, addresses);
    assert.ok(written.includes(`AD  - Institute ${addresses - 1}, Some City\n`));
  });

  it('keeps small records as they were: 3 authors and 4 distinct addresses give each author all 4', () => {
    assert.deepEqual(affiliationsFromAddresses(['A', 'B', 'C', 'D'], 3), [['A', 'B', 'C', 'D'], ['A', 'B', 'C', 'D'], ['A', 'B', 'C', 'D']]);
  });
});
