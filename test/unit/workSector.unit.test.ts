/**
 * The team sector of a work with authors (spec imports.md "Team sector of a work with authors")
 * and the precedence of organization categories (label, type, Epoch, none), on the real OpenAlex
 * work W2741809807 (2 company and 7 education authors: test/tools/expected_institutions.py) and on
 * hand-made works.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { OrganizationCategory } from '../../src/core/dataset/model';
import { InstitutionIndex } from '../../src/core/sector/institutionIndex';
import { readInstitutions } from '../../src/core/sector/institutions';
import type { OrganizationLabels } from '../../src/core/sector/organizationCategory';
import { workTeamSector } from '../../src/core/sector/workSector';
import type { Author, Work } from '../../src/core/sources/work';
import { describeWithCorpus } from '../support/corpus';
import { REPO, testData } from '../support/paths';

const EXPECTED = (JSON.parse(readFileSync(path.join(REPO, 'test', 'unit', 'expectedInstitutions.json'), 'utf8')) as {
  work: { authors: { name: string; types: string[]; categories: string[] }[]; academic: number; industrial: number; teamSector: string; leaning: string };
}).work;

interface OaAuthorship {
  author: { display_name: string };
  institutions: { display_name: string; ror?: string | null; id?: string | null; type?: string | null; country_code?: string | null }[];
  raw_affiliation_string?: string | null;
}

/** A tiny stand-in for the OpenAlex importer (written in parallel): authorships → a Work. */
function openAlexWork(json: { id: string; title: string; authorships: OaAuthorship[] }): Work {
  return {
    id: `openalex:${json.id.replace(/^.*\//, '')}`,
    title: json.title,
    authors: json.authorships.map((a) => ({
      name: a.author.display_name,
      affiliations: a.raw_affiliation_string ? [a.raw_affiliation_string] : [],
      institutions: a.institutions.map((i) => ({
        name: i.display_name,
        ror: i.ror?.replace('https://ror.org/', ''),
        openalex: i.id?.replace('https://openalex.org/', ''),
        type: i.type ?? undefined,
        country: i.country_code ?? undefined,
      })),
    })),
    identifiers: [],
    links: [],
    keywords: [],
    categories: [],
    provenance: [{ source: 'openalex_work_W2741809807.json', format: 'openalex', index: 0 }],
  };
}

/** Labels by name (lower-cased) and by ROR id, for hand-made cases. */
function labelsOf(byName: Record<string, OrganizationCategory>, byRor: Record<string, OrganizationCategory> = {}): OrganizationLabels {
  const hit = (category: OrganizationCategory, name: string, matchedBy: 'name' | 'ror') => ({ category, name, annotator: 'ada', matchedBy });
  return {
    byName: (n) => (byName[n.toLowerCase()] ? hit(byName[n.toLowerCase()], n, 'name') : undefined),
    byRor: (r) => (byRor[r] ? hit(byRor[r], r, 'ror') : undefined),
  };
}

const author = (name: string, affiliations: string[], institutions: Author['institutions'] = []): Author => ({ name, affiliations, institutions });
const work = (authors: Author[], extra: Partial<Work> = {}): Work => ({ id: 'w', title: 't', authors, identifiers: [], links: [], keywords: [], categories: [], provenance: [], ...extra });

describeWithCorpus(
  'workTeamSector on the OpenAlex work W2741809807',
  function () {
    let w: Work;
    before(function () {
      w = openAlexWork(JSON.parse(readFileSync(testData('openalex', 'openalex_work_W2741809807.json'), 'utf8')) as { id: string; title: string; authorships: OaAuthorship[] });
    });

    it('is a Collaboration leaning to academia: 7 academic and 2 industrial authors (author share 7/9 > 0.7)', function () {
      const s = workTeamSector(w);
      assert.deepEqual(
        { teamSector: s.teamSector, leaning: s.leaning, basis: s.basis, a: s.counts.academic, i: s.counts.industrial, partial: s.partial, attention: s.needsAttention },
        { teamSector: EXPECTED.teamSector, leaning: EXPECTED.leaning, basis: 'authors', a: EXPECTED.academic, i: EXPECTED.industrial, partial: false, attention: false },
      );
      assert.deepEqual([s.teamSector, s.leaning, s.counts.academic, s.counts.industrial], ['Collaboration', 'academia', 7, 2]);
    });

    it('returns the evidence per author: institutions, types and categories', function () {
      const s = workTeamSector(w);
      assert.deepEqual(
        s.authors.map((a) => ({ name: a.name, types: a.institutions.map((i) => (i.evidence.source === 'type' ? i.evidence.type : '?')), categories: a.categories })),
        EXPECTED.authors,
      );
      const first = s.authors[0].institutions[0];
      assert.deepEqual([first.name, first.ror, first.openalex, first.found.by, first.evidence.source], ['Impact Technology Development (United States)', '05ppvf150', 'I4210166736', 'source', 'type']);
    });

    it('lets an organization label win over the type: Impactstory labelled Non-profit by ROR id → Other (academia mixed only with non-profit, as rule 6)', function () {
      const s = workTeamSector(w, { labels: labelsOf({}, { '05ppvf150': 'Non-profit' }) });
      assert.deepEqual([s.teamSector, s.counts.academic, s.counts.industrial], ['Other', 7, 0]);
      const ev = s.authors[0].institutions[0].evidence;
      assert.deepEqual(ev.source === 'label' ? [ev.category, ev.label.matchedBy] : ev, ['Non-profit', 'ror']);
      // By name as well (labels.md: organizations match by name).
      const byName = workTeamSector(w, { labels: labelsOf({ 'université de montréal': 'Industry' }) });
      assert.equal(byName.authors[2].institutions[0].evidence.source, 'label');
      // Larivière (UdeM and UQAM) now counts for both sides: a = 7, i = 3, 7/10 = 0.7 is not > 0.7 → balanced.
      assert.deepEqual([byName.teamSector, byName.leaning, byName.counts.academic, byName.counts.industrial], ['Collaboration', 'balanced', 7, 3]);
    });

    it('lets a paper teamSector label override, keeping what was derived', function () {
      const s = workTeamSector(w, { paperLabels: { teamSector: { value: 'Industry', annotator: 'ada', ts: '', eventId: 'e', line: 1, target: { kind: 'paper', id: 'x' } } } });
      assert.deepEqual([s.teamSector, s.leaning, s.basis, s.derived?.teamSector, s.derived?.leaning, s.needsAttention], ['Industry', undefined, 'label', 'Collaboration', 'academia', false]);
    });
  },
  ['openalex/openalex_work_W2741809807.json'],
);

describeWithCorpus(
  'workTeamSector with raw affiliation strings and the shared institutions data',
  function () {
    let index: InstitutionIndex;
    before(function () {
      const name = 'openalex_institutions_snapshot_2023-09-04_part_000.jsonl';
      const v2 = ['042nb2s44.json', '00njsd438.json', '05x2bcf33.json'].flatMap((f) => readInstitutions(readFileSync(testData('institutions', 'ror_records_sample', 'v2', f)), f).records);
      index = new InstitutionIndex([...v2, ...readInstitutions(readFileSync(testData('institutions', name)), name).records]);
    });

    it('resolves arXiv-style strings by exact name/alias/acronym and gives the author share', function () {
      const s = workTeamSector(
        work([
          author('A', ['CSAIL, Massachusetts Institute of Technology, Cambridge, MA']),
          author('B', ['Google Research, Mountain View, CA']),
          author('C', ['Carnegie Mellon University']),
          author('D', ['MIT; Google Research']),
        ]),
        { index },
      );
      assert.deepEqual(
        s.authors.map((a) => a.institutions.map((i) => [i.ror, i.found.by === 'affiliation' ? i.found.matchedBy : i.found.by, i.evidence.source === 'none' ? null : i.evidence.category])),
        [[['042nb2s44', 'name', 'Academia']], [['00njsd438', 'alias', 'Industry']], [['05x2bcf33', 'name', 'Academia']], [['042nb2s44', 'acronym', 'Academia'], ['00njsd438', 'alias', 'Industry']]],
      );
      // a = A, C, D = 3; i = B, D = 2; 3/5 = 0.6 → balanced.
      assert.deepEqual([s.teamSector, s.leaning, s.counts.academic, s.counts.industrial], ['Collaboration', 'balanced', 3, 2]);
    });

    it('gives partial evidence when some authors have no category, with fuzzy suggestions only', function () {
      const s = workTeamSector(work([author('A', ['Carnegie Mellon University']), author('B', ['Carnegie Melon Univrsity']), author('C', [])]), { index });
      assert.deepEqual([s.teamSector, s.partial, s.needsAttention, s.counts.withCategory, s.counts.participants], ['Academia', true, true, 1, 3]);
      const u = s.authors[1].unresolved[0];
      assert.equal(s.authors[1].institutions.length, 0, 'a fuzzy match is never applied');
      assert.equal(u.suggestions[0].ror, '05x2bcf33');
      assert.ok(u.suggestions[0].score < 1);
    });
  },
  ['institutions/'],
);

describe('workTeamSector: the rule on hand-made works', function () {
  const inst = (name: string, type?: string, ror?: string) => ({ name, type, ror });
  const cases: [string, Author[], string, string | undefined, boolean][] = [
    ['all academic', [author('a', [], [inst('U1', 'education')]), author('b', [], [inst('U2', 'Education')])], 'Academia', undefined, false],
    ['all industrial', [author('a', [], [inst('C1', 'company')])], 'Industry', undefined, false],
    ['one author with both counts for both', [author('a', [], [inst('U1', 'education'), inst('C1', 'company')])], 'Collaboration', 'balanced', false],
    ['1 academic, 3 industrial → industry-leaning (0.25 < 0.3)', [author('a', [], [inst('U', 'education')]), ...[1, 2, 3].map((i) => author(`c${i}`, [], [inst('C', 'company')]))], 'Collaboration', 'industry', false],
    ['government only → Other', [author('a', [], [inst('G', 'government')])], 'Other', undefined, false],
    ['academic and government, no industry → Other', [author('a', [], [inst('U', 'education')]), author('b', [], [inst('G', 'government')])], 'Other', undefined, false],
    ['academic with a government second affiliation → Academia', [author('a', [], [inst('U', 'education'), inst('G', 'government')])], 'Academia', undefined, false],
    ['facility, funder, other give no category → Unknown', [author('a', [], [inst('F', 'facility'), inst('X', 'funder'), inst('O', 'other')])], 'Unknown', undefined, false],
    ['no authors → Unknown', [], 'Unknown', undefined, false],
  ];
  for (const [title, authors, sector, leaning, partial] of cases) {
    it(title, function () {
      const s = workTeamSector(work(authors));
      assert.deepEqual([s.teamSector, s.leaning, s.partial, s.needsAttention], [sector, leaning, partial, sector === 'Unknown']);
    });
  }

  it('uses Epoch categories (rule 3) only after labels and types', function () {
    const epochCategory = (n: string): OrganizationCategory | undefined => (n === 'DeepMind' ? 'Industry' : n === 'Uni' ? 'Industry' : undefined);
    const s = workTeamSector(work([author('a', [], [inst('DeepMind')]), author('b', [], [inst('Uni', 'education')])]), { epochCategory });
    assert.deepEqual(s.authors.map((a) => a.institutions[0].evidence.source), ['epoch', 'type']);
    assert.deepEqual([s.teamSector, s.leaning], ['Collaboration', 'balanced']);
  });

  it('matches a label on a raw affiliation string as an organization name', function () {
    const s = workTeamSector(work([author('a', ['Impactstory, Sanford, NC, USA'])]), { labels: labelsOf({ impactstory: 'Non-profit' }) });
    assert.deepEqual([s.teamSector, s.authors[0].institutions[0].found.by, s.authors[0].categories], ['Other', 'label', ['Non-profit']]);
  });

  it("counts a paper's organizations label by organization share, before the authors", function () {
    const labels = labelsOf({ 'acme labs': 'Industry', 'uni a': 'Academia', 'uni b': 'Academia' });
    const list = ['Acme Labs', 'Uni A', 'Uni B', 'Nowhere Institute'];
    const organizations = { value: list.join('; '), list, annotator: 'ada', ts: '', eventId: 'e', line: 1, target: { kind: 'paper' as const, id: 'w' } };
    const s = workTeamSector(work([author('x', [], [inst('C', 'company')])]), { labels, paperLabels: { organizations } });
    assert.deepEqual([s.basis, s.teamSector, s.leaning, s.partial, s.needsAttention, s.counts.withCategory], ['organizations-label', 'Collaboration', 'balanced', true, true, 3]);
  });

  it("falls back to the Epoch row's own sector when no author has a category", function () {
    const model = { id: 'GPT-3', teamSector: 'Industry', leaning: undefined } as unknown as Work['model'];
    const s = workTeamSector(work([author('a', [])], { model }));
    assert.deepEqual([s.basis, s.teamSector, s.epoch?.id], ['epoch', 'Industry', 'GPT-3']);
  });
});
