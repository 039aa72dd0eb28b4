/**
 * `deriveTeamSector` against rules 1–6 of ../shared/spec/sector-and-dataset.md ("Team sector"),
 * including the boundary shares a/(a+i) = 0.7 and 0.3 exactly and mixtures with government.
 */
import { strict as assert } from 'node:assert';
import { deriveTeamSector } from '../../src/core/sector/teamSector';

const repeat = (part: string, n: number): string[] => Array.from({ length: n }, () => part);
const sector = (parts: string[]) => {
  const r = deriveTeamSector(parts);
  return { teamSector: r.teamSector, leaning: r.leaning, unknownParts: r.unknownParts };
};

describe('deriveTeamSector (rules 1–6)', function () {
  describe('rule 1: a 2022–23 collaboration label', function () {
    const CASES: [string, 'academia' | 'industry' | 'balanced'][] = [
      ['Industry - Academia Collaboration', 'balanced'],
      ['Industry - Academia collaboration', 'balanced'],
      ['industry - academia collaboration', 'balanced'],
      ['INDUSTRY - ACADEMIA COLLABORATION', 'balanced'],
      ['Industry - Academia Collaboration (Academia leaning)', 'academia'],
      ['Industry - Academia Collaboration (Academia Leaning)', 'academia'],
      ['Industry - Academia Collaboration (Industry leaning)', 'industry'],
      ['Industry - Academia collaboration (Industry Leaning)', 'industry'],
    ];
    for (const [label, leaning] of CASES) {
      it(`${label} → Collaboration, ${leaning}`, function () {
        const r = deriveTeamSector([label]);
        assert.equal(r.teamSector, 'Collaboration');
        assert.equal(r.leaning, leaning);
        assert.deepEqual(r.unknownParts, []);
        assert.equal(r.collaborationLabel, true);
      });
    }

    it('takes precedence over the other parts (even a list that would be Academia)', function () {
      assert.deepEqual(sector(['Academia', 'Industry - Academia Collaboration (Industry leaning)']), {
        teamSector: 'Collaboration',
        leaning: 'industry',
        unknownParts: [],
      });
      assert.deepEqual(sector(['Government', 'Industry - Academia Collaboration']), { teamSector: 'Collaboration', leaning: 'balanced', unknownParts: [] });
    });

    it('"starts with": a label that only contains the words elsewhere is not a collaboration label', function () {
      const r = deriveTeamSector(['Not an Industry - Academia Collaboration']);
      assert.equal(r.teamSector, 'Other');
      assert.equal(r.collaborationLabel, false);
      assert.deepEqual(r.unknownParts, ['Not an Industry - Academia Collaboration']);
    });
  });

  describe('rule 2: no parts', function () {
    it('[] → Unknown, no leaning', function () {
      assert.deepEqual(sector([]), { teamSector: 'Unknown', leaning: undefined, unknownParts: [] });
      assert.equal(deriveTeamSector([]).collaborationLabel, false);
    });
  });

  describe('rules 3 and 4: one sector only', function () {
    it('every part academia → Academia (any case, repeated)', function () {
      for (const parts of [['Academia'], ['academia'], ['ACADEMIA', 'Academia', 'academia']]) {
        assert.deepEqual(sector(parts), { teamSector: 'Academia', leaning: undefined, unknownParts: [] }, JSON.stringify(parts));
      }
    });
    it('every part industry → Industry (any case, repeated)', function () {
      for (const parts of [['Industry'], ['industry'], ['Industry', 'INDUSTRY']]) {
        assert.deepEqual(sector(parts), { teamSector: 'Industry', leaning: undefined, unknownParts: [] }, JSON.stringify(parts));
      }
    });
  });

  describe('rule 5: academia and industry both occur', function () {
    // [academia parts, industry parts, leaning]; share = a/(a+i); academia if > 0.7, industry if < 0.3.
    const CASES: [number, number, 'academia' | 'industry' | 'balanced'][] = [
      [1, 1, 'balanced'],
      [7, 3, 'balanced'], // exactly 0.7: not > 0.7
      [14, 6, 'balanced'], // 0.7 again
      [21, 9, 'balanced'], // 0.7 again
      [3, 7, 'balanced'], // exactly 0.3: not < 0.3
      [6, 14, 'balanced'], // 0.3 again
      [9, 21, 'balanced'], // 0.3 again
      [8, 2, 'academia'], // 0.8
      [3, 1, 'academia'], // 0.75
      [71, 29, 'academia'], // 0.71
      [2, 8, 'industry'], // 0.2
      [1, 3, 'industry'], // 0.25
      [29, 71, 'industry'], // 0.29
      [2, 1, 'balanced'], // 0.667
      [1, 2, 'balanced'], // 0.333
      [69, 31, 'balanced'], // 0.69
      [31, 69, 'balanced'], // 0.31
    ];
    for (const [a, i, leaning] of CASES) {
      it(`a=${a}, i=${i} (share ${(a / (a + i)).toFixed(3)}) → Collaboration, ${leaning}`, function () {
        const parts = [...repeat('Academia', a), ...repeat('Industry', i)];
        assert.deepEqual(sector(parts), { teamSector: 'Collaboration', leaning, unknownParts: [] });
        // Order does not matter.
        assert.deepEqual(sector([...parts].reverse()), { teamSector: 'Collaboration', leaning, unknownParts: [] });
        assert.equal(deriveTeamSector(parts).collaborationLabel, false);
      });
    }

    it('compares case-insensitively', function () {
      assert.deepEqual(sector(['academia', 'INDUSTRY']), { teamSector: 'Collaboration', leaning: 'balanced', unknownParts: [] });
    });

    it('mixed with government (and other categories): still Collaboration; they do not enter the share', function () {
      assert.deepEqual(sector(['Academia', 'Industry', 'Government']), { teamSector: 'Collaboration', leaning: 'balanced', unknownParts: [] });
      // a=3, i=1 → 0.75 → academia, whatever the number of government parts.
      assert.deepEqual(sector(['Academia', 'Academia', 'Academia', 'Industry', 'Government', 'Government', 'Government']), {
        teamSector: 'Collaboration',
        leaning: 'academia',
        unknownParts: [],
      });
      // a=1, i=3 → 0.25 → industry.
      assert.deepEqual(sector(['Government', 'Academia', 'Industry', 'Industry', 'Industry', 'Research collective']), {
        teamSector: 'Collaboration',
        leaning: 'industry',
        unknownParts: [],
      });
      // a=7, i=3 with government: 0.7 exactly → balanced.
      assert.deepEqual(sector([...repeat('Academia', 7), ...repeat('Industry', 3), 'Government', 'Non-profit']), {
        teamSector: 'Collaboration',
        leaning: 'balanced',
        unknownParts: [],
      });
    });

    it('an unknown word beside academia and industry is reported but does not change the rule', function () {
      assert.deepEqual(sector(['Academia', 'Industry', 'Big Tech']), { teamSector: 'Collaboration', leaning: 'balanced', unknownParts: ['Big Tech'] });
    });
  });

  describe('rule 6: anything else → Other', function () {
    const CASES: string[][] = [
      ['Government'],
      ['government'],
      ['Research collective'],
      ['Research Collective'],
      ['Non-profit'],
      ['nonprofit'],
      ['Academia', 'Government'], // academia mixed only with government
      ['Industry', 'Government'], // industry mixed only with government
      ['Academia', 'Academia', 'Research collective'],
      ['Industry', 'Non-profit', 'Government'],
      ['Government', 'Research collective'],
    ];
    for (const parts of CASES) {
      it(`${JSON.stringify(parts)} → Other, no unknown parts`, function () {
        assert.deepEqual(sector(parts), { teamSector: 'Other', leaning: undefined, unknownParts: [] });
      });
    }

    it('unknown words count as "other" and are returned for an unknown-category diagnostic', function () {
      assert.deepEqual(sector(['Big Tech']), { teamSector: 'Other', leaning: undefined, unknownParts: ['Big Tech'] });
      assert.deepEqual(sector(['Academia', 'Start-up']), { teamSector: 'Other', leaning: undefined, unknownParts: ['Start-up'] });
      assert.deepEqual(sector(['Industry', 'University']), { teamSector: 'Other', leaning: undefined, unknownParts: ['University'] });
      assert.deepEqual(sector(['Government', 'Company', 'Lab']), { teamSector: 'Other', leaning: undefined, unknownParts: ['Company', 'Lab'] });
    });
  });
});
