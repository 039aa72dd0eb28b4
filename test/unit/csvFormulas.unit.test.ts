/**
 * Formula injection in CSV exports (issue #9, item 7; OWASP "CSV Injection"): every CSV the product
 * writes escapes text cells that begin with = + - @ tab CR by a leading `'`; numbers the product
 * formats stay numbers, and plain negative numbers copied from the table stay as they were.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { stringifyCsv, tableCell } from '../../src/core/dataset/csvWrite';
import { applyLabels } from '../../src/core/labels/applyLabels';
import { exportLabelledCsv, labelsCsv } from '../../src/node/labels/exportLabelled';
import { foldLabels } from '../../src/core/labels/fold';
import { parseLabelLog } from '../../src/core/labels/parseLog';
import { loadDataset } from '../../src/core/dataset/loadDataset';
import type { FitRow } from '../../src/core/trends/trends';
import { fitsCsv, pointsCsv } from '../../src/core/trends/trendsExport';
import { ev, logText, org } from './fixtures/labels/helpers';
import { testData } from '../support/paths';
import { itWithCorpus } from '../support/corpus';

const rowsOf = (text: string): string[][] => parse(text, { columns: false, relax_column_count: true });

describe('CSV exports escape formulas (issue #9, item 7)', function () {
  it('stringifyCsv escapes every OWASP starter in text and no number', function () {
    const text = stringifyCsv([['=SUM(A1)', '+1', '-2+3', '@cmd', '\tx', '\rx', 'plain', '-', -1.5, 0.25, '\uFF1D1']]);
    assert.deepEqual(rowsOf(text)[0], ["'=SUM(A1)", "'+1", "'-2+3", "'@cmd", "'\tx", "'\rx", 'plain', "'-", '-1.5', '0.25', "'\uFF1D1"]);
  });

  it('tableCell passes plain negative numbers through unchanged, and nothing else', function () {
    assert.equal(tableCell('-1.5'), -1.5);
    assert.equal(tableCell('-1.2000000000004572e+21'), -1.2000000000004572e21);
    for (const text of ['-1.50', '-', '- note', '-2+3', '-1e21', '=1', '1.5']) assert.equal(tableCell(text), text);
  });

  itWithCorpus('labelled export: the real =… compute notes are escaped, sectors survive the reload (all_ai_models_2025-03.csv)', function () {
    const file = 'all_ai_models_2025-03.csv';
    const bytes = fs.readFileSync(testData('epoch', file));
    const ds = loadDataset(bytes, file);
    const state = foldLabels(parseLabelLog(logText([ev('ada', org('Google', 'Academia'), 0)]), 'l').events);
    const out = exportLabelledCsv(bytes, ds, state);
    const rows = rowsOf(out.text).slice(1);
    const header = rowsOf(out.text)[0];
    const notes = header.indexOf('Training compute notes');
    // Counted independently with Python's csv module: 5 notes cells begin with "=", 2 with "-" (text).
    assert.equal(rows.filter((r) => r[notes].startsWith("'=")).length, 5);
    assert.equal(rows.filter((r) => r[notes].startsWith("'-")).length, 2);
    assert.equal(rows.filter((r) => /^[=+@\t\r-]/.test(r[notes])).length, 0);
    assert.ok(rows.some((r) => r[notes].startsWith("'=41000000000*700000000000*6=1.722 × 10^23")));
    const back = loadDataset(Buffer.from(out.text, 'utf8'), `exported-${file}`);
    const labelled = applyLabels(ds, state);
    assert.deepEqual(
      back.papers.map((p) => p.teamSector),
      labelled.papers.map((p) => p.teamSector),
    );
  }, ['epoch/all_ai_models_2025-03.csv']);

  itWithCorpus('labelled export: negative numbers of the table are written unchanged (frontier_ai_models_2025-11.csv)', function () {
    const file = 'frontier_ai_models_2025-11.csv';
    const bytes = fs.readFileSync(testData('epoch', file));
    const ds = loadDataset(bytes, file);
    const out = exportLabelledCsv(bytes, ds, foldLabels([]));
    const [header, ...rows] = rowsOf(out.text);
    const total = header.indexOf('Total compute - (base + finetune)');
    const age = header.indexOf('Hardware age');
    assert.ok(rows.some((r) => r[total] === '-1.2000000000004572e+21'));
    assert.ok(rows.some((r) => r[age] === '-0.19164955509924708'));
    assert.equal(rows.filter((r) => r[total].startsWith("'") || r[age].startsWith("'")).length, 0);
  }, ['epoch/frontier_ai_models_2025-11.csv']);

  it("labelled export: an organization =SUM(A1) comes back as '=SUM(A1) with the same sector", function () {
    const csv = ['Model,Organization,Organization categorization,Publication date,Score', 'M1,=SUM(A1),Academia,2020-01-01,-1.5', 'M2,"@evil,Google",Industry,2021-01-01,-0.50'].join('\n');
    const ds = loadDataset(Buffer.from(csv), 'f.csv');
    const state = foldLabels(parseLabelLog(logText([ev('ada', org('=SUM(A1)', 'Industry'), 0)]), 'l').events);
    const out = exportLabelledCsv(Buffer.from(csv), ds, state);
    const [, r1, r2] = rowsOf(out.text);
    assert.deepEqual(r1.slice(0, 5), ['M1', "'=SUM(A1)", 'Industry', '2020-01-01', '-1.5']);
    assert.deepEqual(r2.slice(0, 5), ['M2', "'@evil,Google", 'Industry', '2021-01-01', "'-0.50"]);
    const back = loadDataset(Buffer.from(out.text, 'utf8'), 'back.csv');
    assert.deepEqual(back.papers[0].organizations, ["'=SUM(A1)"]);
    assert.deepEqual(
      back.papers.map((p) => p.teamSector),
      applyLabels(ds, state).papers.map((p) => p.teamSector),
    );
  });

  it('labels CSV escapes annotator, target and reason from the log', function () {
    const events = [ev('=HYPERLINK("http://x","y")', org('+Org', 'Academia', '@because'), 0)];
    const [, row] = rowsOf(labelsCsv(events));
    assert.equal(row[3], '\'=HYPERLINK("http://x","y")');
    assert.equal(row[5], "'+Org");
    assert.equal(row[9], "'@because");
  });

  it('trends CSVs escape names and organizations, not numbers (negative log10 and slopes stay numbers)', function () {
    const points = rowsOf(pointsCsv([{ id: 'a', name: '=1+1', date: '2020-01-01', computeFlop: 0.5, sector: 'Academia', organizations: '@Lab' }]));
    assert.deepEqual(points[1], ["'=1+1", '2020-01-01', '0.5', String(Math.log10(0.5)), 'Academia', "'@Lab"]);
    assert.ok(points[1][3].startsWith('-0.30'));
    const fit = { sector: 'Industry', segment: { from: 2010, to: 2020 }, n: 12, slope_oom_per_year: -0.25, intercept: -480.5, r2: 0.5, doubling_time_months: null, slope_ci95: [-0.5, 0.1] } as unknown as FitRow;
    const fits = rowsOf(fitsCsv([fit]));
    assert.deepEqual(fits[1], ['Industry', '2010', '2020', '12', '-0.25', '-480.5', '0.5', '', '-0.5', '0.1']);
  });
});
