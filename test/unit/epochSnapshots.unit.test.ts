/**
 * Every real Epoch AI snapshot in the test corpus's epoch/ (../shared/data/epoch/) loaded with `loadDataset` and compared with
 * the independently computed expectations in `expectedEpochCounts.json` (written by the Python
 * oracle test/tools/expected_epoch_counts.py, which shares no code with the TypeScript loader).
 * Contract: ../shared/spec/sector-and-dataset.md.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadDataset } from '../../src/core/dataset/loadDataset';
import type { Dataset, Paper } from '../../src/core/dataset/model';
import { summarize } from '../../src/core/dataset/summary';
import { describeWithCorpus, itWithCorpus } from '../support/corpus';
import { corpusEntries, REPO, TEST_DATA } from '../support/paths';


const ROOT = REPO;
const EPOCH_DIR = path.join(TEST_DATA, 'epoch');

/** Diagnostic kinds listed in the spec ("Diagnostics"), written out here rather than imported. */
const SPEC_KINDS = ['csv-syntax', 'ragged-row', 'empty-name', 'duplicate-name', 'bad-date', 'bad-number', 'unknown-category', 'length-mismatch', 'encoding'];
const SECTORS = ['Academia', 'Industry', 'Collaboration', 'Other', 'Unknown'] as const;

interface Expected {
  rows: number;
  withDate: number;
  withCompute: number;
  teamSector: Record<(typeof SECTORS)[number], number>;
  leaning: { academia: number; industry: number; balanced: number };
  listStyle: boolean;
  diagnostics: Record<string, number>;
  firstRow: { id: string; publicationDate: string | null; trainingComputeFlop: number | null; teamSector: string } | null;
  examples: {
    line: number;
    id: string;
    name: string;
    publicationDate: string | null;
    trainingComputeFlop: number | null;
    teamSector: string;
    leaning: string | null;
  }[];
}

const EXPECTED = JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'unit', 'expectedEpochCounts.json'), 'utf8')) as Record<string, Expected>;

/**
 * Row counts as stated in ../shared/data/README.md, table "Epoch AI model databases", column
 * "rows × cols" (hard-coded from the README so that the oracle JSON is also checked against it).
 */
const README_ROWS: Record<string, number> = {
  'notable_ai_models_2026-07.csv': 1036,
  'all_ai_models_2025-03.csv': 2228,
  'large_scale_ai_models_2025-11.csv': 473,
  'frontier_ai_models_2025-11.csv': 131,
  'all_ml_systems_full_view_2023-12-14.csv': 1117,
  'all_ml_systems_full_view_2025-06.csv': 1892,
  'all_systems_2024-05.csv': 1337,
  'pcd_notable_ml_systems_2022-09.csv': 512,
  'pcd_all_ml_systems_2023-03.csv': 534,
  'ml_systems_org_view_2024-08.csv': 1646,
  'notable_ai_models_excel_resaved_ddmmyyyy.csv': 867,
};

/** Other facts the README states in words: empty dates / empty sector cells / compute counts. */
const README_FACTS: Record<string, Partial<{ withDate: number; withCompute: number; unknownSector: number }>> = {
  // "5 empty dates; 529/1036 have training compute"
  'notable_ai_models_2026-07.csv': { withDate: 1036 - 5, withCompute: 529 },
  // "40 empty dates, 141 empty sector cells"
  'all_ai_models_2025-03.csv': { withDate: 2228 - 40, unknownSector: 141 },
  // "396 systems have an empty sector"
  'all_ml_systems_full_view_2023-12-14.csv': { unknownSector: 396 },
  // "No sector column"
  'large_scale_ai_models_2025-11.csv': { unknownSector: 473 },
};

/** The snapshots the corpus manifest lists (test/corpus-manifest.json), so the tests exist with or without the corpus. */
const csvFiles = corpusEntries()
  .map((e) => /^epoch\/([^/]+\.csv)$/i.exec(e.path)?.[1])
  .filter((f): f is string => f !== undefined)
  .sort();

describe('Epoch snapshots in the test corpus (epoch/)', function () {
  it('the oracle JSON covers exactly the CSV files of the corpus manifest', function () {
    assert.ok(csvFiles.length >= 11, `expected at least the 11 snapshots of the README, found ${csvFiles.length}`);
    assert.deepEqual(Object.keys(EXPECTED).sort(), csvFiles);
  });

  itWithCorpus('the CSV files present in epoch/ are those of the manifest', function () {
    const present = fs
      .readdirSync(EPOCH_DIR)
      .filter((f) => f.toLowerCase().endsWith('.csv'))
      .sort();
    assert.deepEqual(present, csvFiles);
  }, ['epoch/']);

  it('the oracle JSON row counts equal the row counts stated in shared/data/README.md', function () {
    for (const [file, rows] of Object.entries(README_ROWS)) {
      assert.ok(EXPECTED[file], `oracle has no entry for ${file}`);
      assert.equal(EXPECTED[file].rows, rows, `${file}: oracle rows vs README`);
    }
    for (const [file, facts] of Object.entries(README_FACTS)) {
      if (facts.withDate !== undefined) assert.equal(EXPECTED[file].withDate, facts.withDate, `${file}: withDate vs README`);
      if (facts.withCompute !== undefined) assert.equal(EXPECTED[file].withCompute, facts.withCompute, `${file}: withCompute vs README`);
      if (facts.unknownSector !== undefined) assert.equal(EXPECTED[file].teamSector.Unknown, facts.unknownSector, `${file}: Unknown sector vs README`);
    }
  });

  for (const file of csvFiles) {
    describeWithCorpus(file, function () {
      this.timeout(60_000);
      let dataset: Dataset;
      let bytes: Buffer;
      const expected = (): Expected => {
        const e = EXPECTED[file];
        assert.ok(e, `no expectation for ${file} in expectedEpochCounts.json`);
        return e;
      };

      before(function () {
        bytes = fs.readFileSync(path.join(EPOCH_DIR, file));
        dataset = loadDataset(bytes, path.join(EPOCH_DIR, file));
      });

      it('rows, withDate and withCompute', function () {
        const e = expected();
        assert.equal(dataset.papers.length, e.rows, 'rows');
        assert.equal(dataset.papers.filter((p) => p.publicationDate !== undefined).length, e.withDate, 'withDate');
        assert.equal(dataset.papers.filter((p) => p.trainingComputeFlop !== undefined).length, e.withCompute, 'withCompute');
        if (README_ROWS[file] !== undefined) assert.equal(dataset.papers.length, README_ROWS[file], 'rows vs README');
      });

      it('the five team-sector counts (and summarize agrees)', function () {
        const e = expected();
        const counts: Record<string, number> = Object.fromEntries(SECTORS.map((s) => [s, 0]));
        for (const p of dataset.papers) {
          assert.ok((SECTORS as readonly string[]).includes(p.teamSector), `line ${p.line}: sector ${p.teamSector}`);
          counts[p.teamSector]++;
        }
        assert.deepEqual(counts, e.teamSector);
        const summary = summarize(dataset);
        assert.deepEqual(summary.teamSector, e.teamSector);
        assert.deepEqual(Object.keys(summary.teamSector), [...SECTORS], 'sector order');
        assert.equal(summary.rows, e.rows);
        assert.equal(summary.withDate, e.withDate);
        assert.equal(summary.withCompute, e.withCompute);
      });

      it('leaning counts among Collaboration rows; no leaning elsewhere', function () {
        const e = expected();
        const leaning = { academia: 0, industry: 0, balanced: 0 };
        for (const p of dataset.papers) {
          if (p.teamSector === 'Collaboration') {
            assert.ok(p.leaning !== undefined, `line ${p.line}: Collaboration without leaning`);
            leaning[p.leaning]++;
          } else {
            assert.equal(p.leaning, undefined, `line ${p.line}: ${p.teamSector} row has a leaning`);
          }
        }
        assert.deepEqual(leaning, e.leaning);
      });

      it('listStyle', function () {
        assert.equal(dataset.listStyle, expected().listStyle);
      });

      it('per-kind diagnostic counts', function () {
        const e = expected();
        const counts: Record<string, number> = Object.fromEntries(SPEC_KINDS.map((k) => [k, 0]));
        for (const d of dataset.diagnostics) counts[d.kind] = (counts[d.kind] ?? 0) + 1;
        const want: Record<string, number> = Object.fromEntries(SPEC_KINDS.map((k) => [k, e.diagnostics[k] ?? 0]));
        assert.deepEqual(counts, want);
        // summarize() maps exactly the kinds that occur to their counts.
        const nonZero = Object.fromEntries(Object.entries(want).filter(([, n]) => n > 0));
        assert.deepEqual({ ...summarize(dataset).diagnostics }, nonZero);
      });

      it('spot-check rows (id, name, date, compute, sector, leaning at the given line)', function () {
        const e = expected();
        assert.ok(e.examples.length > 0);
        const byLine = new Map<number, Paper>(dataset.papers.map((p) => [p.line, p]));
        for (const ex of e.examples) {
          const p = byLine.get(ex.line);
          assert.ok(p, `no row starts at line ${ex.line}`);
          assert.equal(p.id, ex.id, `id at line ${ex.line}`);
          assert.equal(p.name, ex.name, `name at line ${ex.line}`);
          assert.equal(p.publicationDate ?? null, ex.publicationDate, `date at line ${ex.line}`);
          assert.equal(p.trainingComputeFlop ?? null, ex.trainingComputeFlop, `compute at line ${ex.line}`);
          assert.equal(p.teamSector, ex.teamSector, `sector at line ${ex.line}`);
          assert.equal(p.leaning ?? null, ex.leaning, `leaning at line ${ex.line}`);
        }
        const first = dataset.papers[0];
        assert.ok(e.firstRow);
        assert.deepEqual(
          { id: first.id, publicationDate: first.publicationDate ?? null, trainingComputeFlop: first.trainingComputeFlop ?? null, teamSector: first.teamSector },
          e.firstRow,
        );
        assert.equal(first.line, 2, 'the first row starts right after the header');
      });

      it('every id is unique within the file and no id is empty', function () {
        const seen = new Map<string, number>();
        for (const p of dataset.papers) {
          assert.notEqual(p.id, '', `line ${p.line}: empty id`);
          assert.ok(!seen.has(p.id), `id "${p.id}" at line ${p.line} already used at line ${seen.get(p.id)}`);
          seen.set(p.id, p.line);
        }
        assert.equal(seen.size, dataset.papers.length);
      });

      it('every diagnostic has a line >= 2 that is a row start and a kind from the spec', function () {
        const rowLines = new Set(dataset.papers.map((p) => p.line));
        for (const d of dataset.diagnostics) {
          assert.ok(SPEC_KINDS.includes(d.kind), `unknown kind ${d.kind}`);
          assert.ok(Number.isInteger(d.line) && d.line >= 2, `${d.kind}: line ${d.line}`);
          if (d.kind !== 'csv-syntax' && d.kind !== 'encoding') assert.ok(rowLines.has(d.line), `${d.kind} at line ${d.line}, where no row starts`);
          assert.equal(typeof d.message, 'string');
          assert.ok(d.message.length > 0);
        }
      });

      it("papers' lines strictly increase and lie inside the file; no row dropped", function () {
        let previous = 1; // the header
        for (const p of dataset.papers) {
          assert.ok(p.line > previous, `line ${p.line} after ${previous}`);
          previous = p.line;
        }
        // Physical lines as an editor counts them (LF, CRLF or lone CR end a line).
        const text = bytes.toString('utf8');
        const physicalLines = text.split(/\r\n|\n|\r/).length;
        assert.ok(previous <= physicalLines, `last row at line ${previous}, file has ${physicalLines} lines`);
        assert.equal(dataset.papers.length, expected().rows, 'no row dropped');
        assert.ok(!dataset.diagnostics.some((d) => d.kind === 'csv-syntax'), 'no csv-syntax break in a shipped snapshot');
      });
    }, [`epoch/${file}`]);
  }
});
