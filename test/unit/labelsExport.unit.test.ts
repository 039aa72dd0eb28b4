/**
 * Export of the labelled dataset in the input's own schema, and of the labels: loading the export
 * with the existing loader gives every paper the same effective team sector (and leaning) as the
 * labelled dataset, on real Epoch tables with labels that change sectors. Writes are atomic and
 * never replace the source without confirmation.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import { applyLabels } from '../../src/core/labels/applyLabels';
import type { LabelEvent } from '../../src/core/labels/event';
import { WriteError } from '../../src/node/atomicWrite';
import { exportLabelledCsv, labelsCsv, labelsCsvPath, saveExport, SourceOverwriteError } from '../../src/node/labels/exportLabelled';
import { foldLabels, type LabelState } from '../../src/core/labels/fold';
import { organizationsIndex } from '../../src/core/labels/organizations';
import { parseLabelLog } from '../../src/core/labels/parseLog';
import { loadDataset } from '../../src/core/dataset/loadDataset';
import type { Dataset } from '../../src/core/dataset/model';
import { describeWithCorpus } from '../support/corpus';
import { ev, logText, makeTemp, org, removeTemp, repoRoot, sector, TEST_DATA } from './fixtures/labels/helpers';

const stateOf = (events: LabelEvent[]): LabelState => foldLabels(parseLabelLog(logText(events), 'l').events);
const flip = (c: string | undefined): 'Academia' | 'Industry' | 'Government' => (c === 'Academia' ? 'Industry' : c === 'Industry' ? 'Academia' : 'Government');

/** Labels that change sectors: flipped organizations, fully labelled mismatched rows, paper overrides. */
function labelsFor(ds: Dataset): LabelEvent[] {
  const events: LabelEvent[] = [];
  let t = 0;
  const index = organizationsIndex(ds, foldLabels([]));
  [...index.values()].filter((_, i) => i % 9 === 0).forEach((e) => events.push(ev('ada', org(e.name, flip(e.category)), t++)));
  for (const p of ds.papers.filter((x) => x.lengthMismatch || x.teamSector === 'Unknown').slice(0, 15))
    p.organizations.forEach((o, i) => events.push(ev('bob', org(` ${o.toUpperCase()} `, i % 2 ? 'Industry' : 'Academia'), t++)));
  ds.papers.filter((_, i) => i % 37 === 5).forEach((p, i) => events.push(ev('ada', sector(p.id, (['Other', 'Collaboration', 'Academia', 'Industry'] as const)[i % 4], 'checked the paper'), t++)));
  events.push(ev('carol', org('Google', 'Government'), t++), ev('x', { target: { kind: 'annotator', name: 'carol' }, field: 'role', value: 'adjudicator' }, t++));
  events.push(ev('ada', org('Nowhere University', 'Academia'), t++));
  return events;
}

/** OWASP's rule as the export documents it: `'` before = + @ tab CR, and before - unless a plain negative number. */
const formulaEscaped = (cell: string | undefined): string | undefined =>
  cell !== undefined && /^[=+@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(cell) ? `'${cell}` : cell !== undefined && cell.startsWith('-') && !/^-\d+(\.\d+)?(e[+-]\d+)?$/.test(cell) ? `'${cell}` : cell;

/** CSV text → rows of strings (csv-parse without a `columns` option returns string arrays). */
const readCsv = (text: string, options: { delimiter?: string; relax_column_count?: boolean } = {}): string[][] => parse(text, { ...options, columns: false });
const view = (ds: Dataset) => ds.papers.map((p) => [p.id, p.teamSector, p.leaning ?? '-']);

describeWithCorpus('labels: export → load gives the same effective sectors (real Epoch tables)', function () {
  this.timeout(30_000);
  for (const file of ['notable_ai_models_2026-07.csv', 'pcd_notable_ml_systems_2022-09.csv'])
    it(file, function () {
      const bytes = fs.readFileSync(path.join(TEST_DATA, 'epoch', file));
      const ds = loadDataset(bytes, file);
      const state = stateOf(labelsFor(ds));
      const labelled = applyLabels(ds, state);
      const changed = labelled.papers.filter((p, i) => p.teamSector !== ds.papers[i].teamSector).length;
      assert.ok(changed >= 30, `the labels change only ${changed} sectors`);

      const out = exportLabelledCsv(bytes, ds, state);
      assert.equal(out.rows, ds.papers.length);
      assert.ok(out.changedCategories > 20);
      const back = loadDataset(Buffer.from(out.text, 'utf8'), `exported-${file}`);
      assert.equal(back.papers.length, ds.papers.length);
      assert.deepEqual(view(back), view(labelled));
      // The same labels applied to the export change nothing further.
      assert.deepEqual(view(applyLabels(back, state)), view(labelled));

      // Same schema: every original column, in order, then the two new ones; every other cell unchanged.
      assert.deepEqual(back.headers, [...ds.headers, 'Team sector', 'Label provenance', 'Decision', 'Disputed']);
      const categories = ds.headers.find((h) => h.toLowerCase() === 'organization categorization')!;
      for (const [i, p] of back.papers.entries()) {
        const original = ds.papers[i];
        assert.equal(p.name, original.name);
        // Unchanged, except the documented formula escaping (a leading `'`; see csvFormulas.unit.test.ts).
        for (const h of ds.headers) if (h !== categories) assert.equal(p.cells[h], formulaEscaped(original.cells[h]), `${p.id}: ${h}`);
        assert.equal(p.cells['Label provenance'] === 'table', labelled.papers[i].provenance.categories === 'table' && labelled.papers[i].provenance.teamSector !== 'label');
      }
      if (!ds.listStyle) assert.match(out.notes.join(' '), /list-style/);
    });
}, ['epoch/']);

describe('labels: export details', function () {
  it('overwrites existing Team sector / Label provenance columns instead of adding them again', function () {
    const ds0 = loadDataset(Buffer.from('Model,Organization,Organization categorization\nA,"MIT,Google","Academia,Industry"\n'), 't.csv');
    const state = stateOf([ev('ada', org('Google', 'Academia'), 1)]);
    const once = exportLabelledCsv(Buffer.from('Model,Organization,Organization categorization\nA,"MIT,Google","Academia,Industry"\n'), ds0, state).text;
    assert.equal(once, 'Model,Organization,Organization categorization,Team sector,Label provenance,Decision,Disputed\nA,"MIT,Google","Academia,Academia",Academia,categories partly from labels: Google=Academia by ada 2026-11-29T14:00:01.000Z,,\n');
    const ds1 = loadDataset(Buffer.from(once), 'once.csv');
    const twice = exportLabelledCsv(Buffer.from(once), ds1, stateOf([ev('ada', sector('A', 'Other'), 2)])).text;
    const rows = readCsv(twice);
    assert.deepEqual(rows[0], ['Model', 'Organization', 'Organization categorization', 'Team sector', 'Label provenance', 'Decision', 'Disputed']);
    assert.deepEqual(rows[1].slice(2, 4), ['Academia,Academia', 'Other']);
  });

  it('keeps the input\'s delimiter, raw cells and ragged rows (read by position as before); adds a missing categories column', function () {
    const text = 'Model;Organization;Organization categorization;Publication date\n"Name\n";"A Corp,B Univ";Industry;2024-01-01;surplus\nShort;X Univ\n';
    const ds = loadDataset(Buffer.from(text), 'r.csv');
    const state = stateOf([ev('ada', org('a corp', 'Industry'), 1), ev('ada', org('B Univ', 'Academia'), 2), ev('ada', org('X Univ', 'Academia'), 3)]);
    const out = exportLabelledCsv(Buffer.from(text), ds, state);
    const rows = readCsv(out.text, { delimiter: ';', relax_column_count: true });
    assert.deepEqual(rows[1], ['Name\n', 'A Corp,B Univ', 'Industry,Academia', '2024-01-01', 'Collaboration', rows[1][5], '', '', 'surplus']);
    assert.deepEqual(rows[2], ['Short', 'X Univ', 'Academia', '', 'Academia', rows[2][5], '', '']);
    const back = loadDataset(Buffer.from(out.text), 'back.csv');
    assert.deepEqual(view(back), view(applyLabels(ds, state)));
    assert.deepEqual(
      back.diagnostics.map((d) => [d.kind, d.line]),
      [['ragged-row', 2]],
    );
    const bare = 'Model,Organization\nM,Zeta Inc.\n';
    const noCategories = exportLabelledCsv(Buffer.from(bare), loadDataset(Buffer.from(bare), 'b.csv'), stateOf([ev('ada', org('Zeta Inc.', 'Industry'), 1)]));
    assert.equal(noCategories.text.split('\n')[0], 'Model,Organization,Organization categorization,Team sector,Label provenance,Decision,Disputed');
    assert.equal(loadDataset(Buffer.from(noCategories.text), 'b2.csv').papers[0].teamSector, 'Industry');
  });

  it('reads a Windows-1252, semicolon-separated re-save like the loader and writes UTF-8 with the same delimiter', function () {
    const bytes = fs.readFileSync(path.join(repoRoot(), 'test', 'unit', 'fixtures', 'windows1252-semicolon-crlf.csv'));
    const ds = loadDataset(bytes, 'w.csv');
    const state = stateOf([ev('ada', org('Société Générale', 'Academia'), 1)]);
    const out = exportLabelledCsv(bytes, ds, state);
    assert.ok(out.text.startsWith('Model;Organization;'));
    assert.match(out.text, /Zürich “Quoted” Model/);
    const back = loadDataset(Buffer.from(out.text, 'utf8'), 'w2.csv');
    assert.equal(back.encoding, 'utf-8');
    assert.deepEqual(view(back), view(applyLabels(ds, state)));
  });

  it('refuses records that do not match the dataset', function () {
    const ds = loadDataset(Buffer.from('Model,Organization\nA,B\n'), 'a.csv');
    assert.throws(() => exportLabelledCsv(Buffer.from('Model,Organization\nA,B\nC,D\n'), ds, foldLabels([])), /do not match/);
  });

  it('writes the labels as CSV, one row per event, retractions marked', function () {
    const events = [
      ev('ada', { target: { kind: 'paper', id: 'P, "1"', date: '2024-01-01', organizations: ['MIT', 'Google'] }, field: 'teamSector', value: 'Industry', reason: 'funded by, and run at, Google' }, 1),
      ev('ada', org('MIT', null), 2),
    ];
    const parsed = parseLabelLog(logText(events), 'l').events;
    const rows = readCsv(labelsCsv(parsed));
    assert.deepEqual(rows[0], ['line', 'id', 'ts', 'annotator', 'target kind', 'target', 'field', 'value', 'retraction', 'reason', 'date', 'organizations', 'disputed']);
    assert.deepEqual(rows[1], ['1', events[0].id, events[0].ts, 'ada', 'paper', 'P, "1"', 'teamSector', 'Industry', '', 'funded by, and run at, Google', '2024-01-01', 'MIT; Google', '']);
    assert.deepEqual(rows[2], ['2', events[1].id, events[1].ts, 'ada', 'organization', 'MIT', 'category', '', 'yes', '', '', '', '']);
    assert.equal((readCsv(labelsCsv(events)))[1][0], '');
  });
});

describe('labels: saveExport', function () {
  let dir: string;
  beforeEach(() => (dir = makeTemp()));
  afterEach(() => removeTemp(dir));

  it('writes atomically and never replaces the source unless confirmed (symbolic links included)', async function () {
    const source = path.join(dir, 'models.csv');
    fs.writeFileSync(source, 'original');
    const target = path.join(dir, 'models-labelled.csv');
    await saveExport(target, 'exported', { sourcePath: source });
    assert.equal(fs.readFileSync(target, 'utf8'), 'exported');
    await assert.rejects(saveExport(source, 'x', { sourcePath: source }), SourceOverwriteError);
    fs.symlinkSync(source, path.join(dir, 'link.csv'));
    await assert.rejects(saveExport(path.join(dir, 'link.csv'), 'x', { sourcePath: source }), SourceOverwriteError);
    assert.equal(fs.readFileSync(source, 'utf8'), 'original');
    await saveExport(source, 'confirmed', { sourcePath: source, overwriteSourceConfirmed: true });
    assert.equal(fs.readFileSync(source, 'utf8'), 'confirmed');
    assert.deepEqual(fs.readdirSync(dir).sort(), ['link.csv', 'models-labelled.csv', 'models.csv']);
  });

  it('names the file the user asked for, not the temporary file, when a write fails', async function () {
    const missing = path.join(dir, 'no-such-folder', 'out.csv');
    const error = await saveExport(missing, 'x', { sourcePath: path.join(dir, 'models.csv') }).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(error instanceof WriteError);
    assert.equal(error.message, `Could not write ${missing}: the folder does not exist (ENOENT)`);
    assert.equal(error.code, 'ENOENT');
    fs.mkdirSync(path.join(dir, 'folder.csv'));
    await assert.rejects(saveExport(path.join(dir, 'folder.csv'), 'x', { sourcePath: path.join(dir, 'models.csv') }), (e: Error) => {
      assert.match(e.message, /^Could not write .*folder\.csv: /);
      assert.doesNotMatch(e.message, /\.tmp/);
      return true;
    });
    assert.deepEqual(fs.readdirSync(dir).sort(), ['folder.csv'], 'no temporary file is left behind');
  });

  it('puts the labels CSV beside the export, replacing only an earlier labels CSV, never a file the user made', async function () {
    const exported = path.join(dir, 'models.labelled.csv');
    const preferred = path.join(dir, 'models.labelled.labels.csv');
    assert.equal(await labelsCsvPath(exported, '2026-11-29'), preferred, 'no file there yet');
    fs.writeFileSync(preferred, labelsCsv([ev('ada', org('MIT', 'Academia'), 1)]));
    assert.equal(await labelsCsvPath(exported, '2026-11-29'), preferred, 'an earlier export of the labels is replaced');
    fs.writeFileSync(preferred, 'line,id,ts,annotator,target kind,target,field,value,retraction,reason,date,organizations\n');
    assert.equal(await labelsCsvPath(exported, '2026-11-29'), preferred, 'one written before the disputed column too');
    fs.writeFileSync(preferred, 'my notes, not an export\n');
    const fresh = await labelsCsvPath(exported, '2026-11-29');
    assert.equal(fresh, path.join(dir, 'models.labelled.labels_2026-11-29.csv'));
    fs.writeFileSync(fresh, 'also mine\n');
    assert.equal(await labelsCsvPath(exported, '2026-11-29'), path.join(dir, 'models.labelled.labels_2026-11-29_2.csv'));
    assert.equal(await labelsCsvPath(path.join(dir, 'plain'), '2026-11-29'), path.join(dir, 'plain.labels.csv'), 'a name without .csv');
    assert.equal(fs.readFileSync(preferred, 'utf8'), 'my notes, not an export\n');
    // A folder or a symbolic link (even a broken one) at that path is never replaced either.
    const linked = path.join(dir, 'linked.csv');
    fs.symlinkSync(path.join(dir, 'nowhere'), path.join(dir, 'linked.labels.csv'));
    assert.equal(await labelsCsvPath(linked, '2026-11-29'), path.join(dir, 'linked.labels_2026-11-29.csv'));
    fs.mkdirSync(path.join(dir, 'folder.labels.csv'));
    assert.equal(await labelsCsvPath(path.join(dir, 'folder.csv'), '2026-11-29'), path.join(dir, 'folder.labels_2026-11-29.csv'));
  });

  it('writes a file whose name is at the 255-byte limit (the temporary name stays short)', async function () {
    const long = path.join(dir, `${'x'.repeat(251)}.csv`);
    await saveExport(long, 'exported', { sourcePath: path.join(dir, 'models.csv') });
    assert.equal(fs.readFileSync(long, 'utf8'), 'exported');
  });
});
