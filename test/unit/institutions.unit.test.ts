/**
 * Institutions data (ROR v1 and v2 records, the OpenAlex institutions shard), their index and the
 * category of an institution by type (spec imports.md "Organization categories from affiliation
 * evidence"). Expected values: test/tools/expected_institutions.py → expectedInstitutions.json.
 */
import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { InstitutionIndex, institutionNameKey } from '../../src/core/sector/institutionIndex';
import { readInstitutions, type InstitutionRecord } from '../../src/core/sector/institutions';
import { categoryOfTypes } from '../../src/core/sector/organizationCategory';
import { describeWithCorpus } from '../support/corpus';
import { REPO, testData } from '../support/paths';

interface Expected {
  ror: Record<string, { ror: string; name: string; types: string[]; category: string | null }>;
  openalex: { records: number; byType: Record<string, number>; byCategory: Record<string, number> };
  lookups: Record<string, { tier: 'name' | 'alias-or-label' | 'acronym' | 'none'; keys: string[] }>;
  entries: number;
  rorSharedBySchemas: string[];
}
const EXPECTED = JSON.parse(readFileSync(path.join(REPO, 'test', 'unit', 'expectedInstitutions.json'), 'utf8')) as Expected;
const SHARD = 'openalex_institutions_snapshot_2023-09-04_part_000.jsonl';
const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

function rorSample(): { file: string; records: InstitutionRecord[] }[] {
  const out: { file: string; records: InstitutionRecord[] }[] = [];
  for (const version of ['v1', 'v2']) {
    const dir = testData('institutions', 'ror_records_sample', version);
    for (const name of readdirSync(dir).sort()) {
      const result = readInstitutions(readFileSync(path.join(dir, name)), name);
      assert.deepEqual(result.diagnostics, [], `${version}/${name}`);
      out.push({ file: `${version}/${name}`, records: result.records });
    }
  }
  return out;
}

describeWithCorpus(
  'Institutions data: the shared ROR sample and OpenAlex shard',
  function () {
    let ror: { file: string; records: InstitutionRecord[] }[];
    let shard: InstitutionRecord[];
    let index: InstitutionIndex;
    before(function () {
      ror = rorSample();
      const result = readInstitutions(readFileSync(testData('institutions', SHARD)), SHARD);
      assert.deepEqual(result.diagnostics, []);
      shard = result.records;
      index = new InstitutionIndex([...ror.flatMap((r) => r.records), ...shard]);
    });

    it('reads each of the 28 ROR files (12 v1, 16 v2) as one record with its id, display name and lower-cased types', function () {
      assert.equal(ror.length, 28);
      assert.deepEqual(Object.keys(EXPECTED.ror).sort(), ror.map((r) => r.file).sort());
      for (const { file, records } of ror) {
        assert.equal(records.length, 1, file);
        const [r] = records;
        const want = EXPECTED.ror[file];
        assert.equal(r.schema, file.startsWith('v1/') ? 'ror-v1' : 'ror-v2', file);
        assert.deepEqual({ ror: r.ror, name: r.name, types: r.types }, { ror: want.ror, name: want.name, types: want.types }, file);
      }
    });

    it('gives each ROR record the category of the first of education, company, government, nonprofit it has (v1 capitalised, v2 not)', function () {
      for (const { file, records } of ror) assert.equal(categoryOfTypes(records[0].types)?.category ?? null, EXPECTED.ror[file].category, file);
      // The spec's own example and the README's multi-type records, by hand.
      const byRor = new Map(ror.map((r) => [r.records[0].ror, r.records[0]]));
      assert.equal(categoryOfTypes(byRor.get('042nb2s44')!.types)?.category, 'Academia'); // MIT ["education","funder"]
      assert.equal(categoryOfTypes(byRor.get('02kw1ws04')!.types)?.category, 'Government'); // BIGAI ["facility","government"]
      assert.equal(categoryOfTypes(byRor.get('03kqdja62')!.types), undefined); // Vector Institute ["Facility","Funder"]
      assert.equal(categoryOfTypes(byRor.get('00d0nc645')!.types)?.category, 'Industry'); // Microsoft ["Company","Funder"] (v1)
      assert.equal(categoryOfTypes(['Education'])?.category, 'Academia');
    });

    it('reads v2 names by their types and v1 aliases, acronyms and labels', function () {
      const mila = ror.find((r) => r.file === 'v2/05c22rx21.json')!.records[0];
      assert.equal(mila.name, 'Mila - Quebec Artificial Intelligence Institute');
      assert.deepEqual(mila.labels, ['Mila - Institut québécois d’intelligence artificielle']);
      assert.ok(mila.aliases.includes('Montreal Institute for Learning Algorithms'));
      assert.equal(mila.country, 'CA');
      const meta = ror.find((r) => r.file === 'v1/01zbnvs85.json')!.records[0];
      assert.deepEqual([meta.aliases, meta.acronyms, meta.country], [['Meta Platforms', 'Facebook'], ['FB'], 'US']);
      const huawei = ror.find((r) => r.file === 'v1/00cmhce21.json')!.records[0];
      assert.deepEqual(huawei.labels, ['华为技术有限公司']);
    });

    it('reads the 678 OpenAlex institutions with the README counts by type', function () {
      assert.equal(shard.length, 678);
      const byType: Record<string, number> = {};
      for (const r of shard) byType[r.types[0]] = (byType[r.types[0]] ?? 0) + 1;
      assert.deepEqual(byType, { company: 291, education: 93, nonprofit: 87, other: 66, healthcare: 51, government: 35, facility: 32, archive: 23 });
      assert.deepEqual(byType, EXPECTED.openalex.byType);
      const byCategory: Record<string, number> = {};
      for (const r of shard) {
        const c = categoryOfTypes(r.types)?.category ?? '(none)';
        byCategory[c] = (byCategory[c] ?? 0) + 1;
      }
      assert.deepEqual(byCategory, EXPECTED.openalex.byCategory);
      assert.ok(shard.every((r) => r.ror && r.openalex && r.country), 'every record has ror, id and country_code');
    });

    it('indexes ROR and OpenAlex records of one institution as one entry (Google: v1 and v2)', function () {
      assert.equal(index.entries.length, EXPECTED.entries);
      assert.deepEqual(EXPECTED.rorSharedBySchemas, ['00njsd438']);
      const google = index.byRor('https://ror.org/00njsd438')!;
      assert.equal(google.records.length, 2);
      assert.equal(google.name, 'Google (United States)');
      assert.ok(google.aliases.includes('Google Research'));
      assert.equal(index.byOpenAlex('https://openalex.org/I4210124069')?.ror, '02ztp3208');
      assert.equal(index.byRor('00000000x'), undefined);
    });

    it('looks real names up by exact name, then label/alias, then acronym; several institutions are ambiguous', function () {
      for (const [name, want] of Object.entries(EXPECTED.lookups)) {
        const got = index.lookupName(name);
        if (want.tier === 'none') {
          assert.equal(got.kind, 'none', name);
          continue;
        }
        const keys = got.kind === 'match' ? [got.entry.key] : got.kind === 'ambiguous' ? got.entries.map((e) => e.key).sort() : [];
        const tier = got.kind === 'none' ? 'none' : got.matchedBy === 'label' || got.matchedBy === 'alias' ? 'alias-or-label' : got.matchedBy;
        assert.deepEqual({ tier, keys }, want, name);
        assert.equal(got.kind, want.keys.length > 1 ? 'ambiguous' : 'match', name);
      }
      // Acronyms keep their case: the word "mit" is not MIT.
      assert.equal(index.lookupName('mit').kind, 'none');
    });

    it('matches raw affiliation strings by their parts, never fuzzily', function () {
      const m = index.matchAffiliation('CSAIL, Massachusetts Institute of Technology, Cambridge, MA, USA');
      assert.deepEqual(m.matches.map((x) => [x.entry.ror, x.matchedBy, x.text]), [['042nb2s44', 'name', 'Massachusetts Institute of Technology']]);
      const two = index.matchAffiliation('Google Research; Stanford University, Stanford, CA');
      assert.deepEqual(two.matches.map((x) => [x.entry.ror, x.matchedBy]), [['00njsd438', 'alias'], ['00f54p054', 'name']]);
      // A misspelling matches nothing…
      assert.deepEqual(index.matchAffiliation('Massachusets Institute of Technolgy').matches, []);
    });

    it('offers fuzzy matches only as suggestions, with their score', function () {
      const s = index.suggest('Massachusets Institute of Technolgy');
      assert.ok(s.length > 0);
      assert.equal(s[0].entry.ror, '042nb2s44');
      assert.ok(s[0].score > 0.6 && s[0].score < 1, `score ${s[0].score}`);
      for (let i = 1; i < s.length; i++) assert.ok(s[i - 1].score >= s[i].score);
      assert.equal(index.lookupName('Massachusets Institute of Technolgy').kind, 'none');
    });
  },
  ['institutions/'],
);

describe('readInstitutions: shapes and bad input', function () {
  const v2 = { id: 'https://ror.org/042nb2s44', types: ['education', 'funder'], names: [{ value: 'MIT', types: ['acronym'] }, { value: 'Massachusetts Institute of Technology', types: ['ror_display', 'label'] }] };
  const oa = { id: 'https://openalex.org/I63966007', display_name: 'Massachusetts Institute of Technology', ror: 'https://ror.org/042nb2s44', type: 'education', country_code: 'us', display_name_acronyms: ['MIT'] };

  it('reads a JSON array (a ROR dump) and a BOM-prefixed object', function () {
    const arr = readInstitutions(bytes(JSON.stringify([v2, { ...v2, id: 'https://ror.org/05x2bcf33' }])), 'dump.json');
    assert.deepEqual(arr.records.map((r) => r.ror), ['042nb2s44', '05x2bcf33']);
    const one = readInstitutions(bytes(`\uFEFF${JSON.stringify(v2, null, 2)}`), 'one.json');
    assert.deepEqual([one.records.length, one.records[0].acronyms, one.diagnostics], [1, ['MIT'], []]);
  });

  it('reads JSON Lines and reports a broken line with its line number, keeping the others', function () {
    const text = `${JSON.stringify(oa)}\n{"id": "https://openalex.org/I1", "display_name": \n\n${JSON.stringify({ ...oa, id: 'I2', ror: null })}\n`;
    const r = readInstitutions(bytes(text), 'shard.jsonl');
    assert.deepEqual(r.records.map((x) => [x.openalex, x.ror, x.country, x.source.line]), [['I63966007', '042nb2s44', 'US', 1], ['I2', undefined, 'US', 4]]);
    assert.equal(r.diagnostics.length, 1);
    assert.deepEqual([r.diagnostics[0].kind, r.diagnostics[0].line], ['syntax', 2]);
  });

  it('reports a record that is not an institution, and a file of none', function () {
    const r = readInstitutions(bytes(JSON.stringify([v2, { id: 'https://ror.org/05x2bcf33' }])), 'dump.json');
    assert.equal(r.records.length, 1);
    assert.match(r.diagnostics[0].message, /Record 2 is not an institution/);
    // A pretty-printed record cut short: one syntax diagnostic at the line V8 names (the end), not one per line.
    const broken = readInstitutions(bytes('{\n  "id": "https://ror.org/042nb2s44",\n  "types": ["education"'), 'broken.json');
    assert.deepEqual([broken.records.length, broken.diagnostics.length, broken.diagnostics[0].kind, broken.diagnostics[0].line], [0, 1, 'syntax', 3]);
    const empty = readInstitutions(bytes(''), 'empty.json');
    assert.equal(empty.diagnostics[0].kind, 'not-recognised');
  });

  it('normalises names: NFKC, case-folded, white space collapsed', function () {
    assert.equal(institutionNameKey('  Massachusetts\u00a0Institute  of\tTECHNOLOGY '), 'massachusetts institute of technology');
    assert.equal(institutionNameKey('ＭＩＴ'), 'mit');
  });
});
