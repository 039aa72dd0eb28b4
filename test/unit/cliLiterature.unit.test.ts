/**
 * `compute-divide summary FILE...` and `compute-divide export` over files of the literature (issue
 * #11; spec cli.md "Sources other than Epoch tables", imports.md "Writing back"). Expected numbers:
 * the data README's record counts, the Compute Divide spec's example for the Epoch table, and
 * test/tools/expected_cli_literature.py (works after merging the review's BibTeX and RIS exports,
 * their distinct DOIs, OAI-PMH records with an author affiliation), worked out without this code.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import { makeEvent, type LabelEvent } from '../../src/core/labels/event';
import { readExtras } from '../../src/core/sources/exportExtras';
import { WORKS_CSV_HEADER } from '../../src/core/sources/exportWorks';
import { combineLiterature, readSourceFile } from '../../src/core/sources/literature';
import { describeWithCorpus } from '../support/corpus';
import { TEST_DATA } from '../support/paths';
import { assertUsageError, runCli, type CliRun } from '../support/runCli';
import { logText } from './fixtures/labels/helpers';

const BIB = path.join(TEST_DATA, 'bibtex', 'graph_embedding_review_refs.bib');
const RIS = path.join(TEST_DATA, 'ris', 'graph_embedding_review_references.ris');
const D2L = path.join(TEST_DATA, 'bibtex', 'd2l.bib');
const OAI = path.join(TEST_DATA, 'arxiv', 'oai_pmh_listrecords_arXiv_cs_2015-12.xml');
const ATOM = path.join(TEST_DATA, 'arxiv', 'api_query_cs.RO_neural_2025-10.xml');
const NOTABLE = path.join(TEST_DATA, 'epoch', 'notable_ai_models_2026-07.csv');
const NEEDS = ['bibtex/', 'ris/', 'arxiv/', 'epoch/notable_ai_models_2026-07.csv'];
const expected = JSON.parse(fs.readFileSync(path.join(__dirname, 'expectedCliLiterature.json'), 'utf8')) as {
  review: { records: number; mergedWorks: number; distinctDois: number; bibtexAloneMergedWorks: number };
  oai: { records: number; recordsWithAffiliation: number };
};
const SECTORS = ['Academia', 'Industry', 'Collaboration', 'Other', 'Unknown'];

interface Summary {
  rows: number;
  records: number;
  works: number;
  possibleDuplicates: number;
  files: { file: string; format: string; records: number; diagnostics: Record<string, number> }[];
  withYear: number;
  withDate: number;
  withCompute: number;
  withAffiliations: number;
  teamSector: Record<string, number>;
  diagnostics: Record<string, number>;
}
const json = (r: CliRun): Summary => {
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.indexOf('\n'), r.stdout.length - 1, 'one line of JSON');
  return JSON.parse(r.stdout) as Summary;
};
const DOI_DECIDED = 'doi:10.1371/journal.pcbi.1008844';
const DOI_SECTOR = 'doi:10.1093/database/baw103';
const DOI_DISPUTED = 'doi:10.5772/49941';
/** A decision on one work, a team-sector label on another, two annotators who differ on a third. */
const LABELS: LabelEvent[] = [
  makeEvent('ana', { target: { kind: 'paper', id: DOI_DECIDED }, field: 'decision', value: 'include' }, { now: new Date('2026-11-29T10:00:00Z') }),
  makeEvent('ana', { target: { kind: 'paper', id: DOI_SECTOR }, field: 'teamSector', value: 'Industry', reason: 'Baidu authors' }, { now: new Date('2026-11-29T10:01:00Z') }),
  makeEvent('ana', { target: { kind: 'paper', id: DOI_DISPUTED }, field: 'decision', value: 'include' }, { now: new Date('2026-11-29T10:02:00Z') }),
  makeEvent('ben', { target: { kind: 'paper', id: DOI_DISPUTED }, field: 'decision', value: 'exclude' }, { now: new Date('2026-11-29T10:03:00Z') }),
];

describeWithCorpus('CLI: summary over files of the literature (cli.md "Sources other than Epoch tables")', function () {
  this.timeout(60_000);
  let tmp: string;
  before(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-cli-lit-'))));
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('the review\'s BibTeX + RIS exports: records over both files, works after merging as the oracle counts, the contract\'s keys', async function () {
    const s = json(await runCli(['summary', BIB, RIS, '--json']));
    for (const key of ['records', 'works', 'possibleDuplicates', 'files', 'withYear', 'withAffiliations', 'teamSector', 'rows', 'withDate', 'withCompute', 'diagnostics']) assert.ok(key in s, key);
    assert.equal(s.records, expected.review.records);
    assert.equal(s.rows, s.records, 'rows = records read over all files');
    assert.equal(s.works, expected.review.mergedWorks);
    assert.deepEqual(s.files, [
      { file: BIB, format: 'bibtex', records: 76, diagnostics: {} },
      { file: RIS, format: 'ris', records: 76, diagnostics: {} },
    ]);
    // Neither export has affiliations or training compute: every work is Unknown (it goes to triage).
    assert.deepEqual(s.teamSector, { Academia: 0, Industry: 0, Collaboration: 0, Other: 0, Unknown: expected.review.mergedWorks });
    assert.deepEqual(Object.keys(s.teamSector), SECTORS);
    assert.equal(s.withAffiliations, 0);
    assert.equal(s.withCompute, 0);
    assert.deepEqual(s.diagnostics, {});
  });

  it('d2l.bib + an OAI-PMH page + the notable-models table: records of each file, the table\'s sectors kept, OAI affiliations counted', async function () {
    const r = await runCli(['summary', D2L, OAI, NOTABLE, '--json']);
    const s = json(r);
    assert.deepEqual(
      s.files.map((f) => [f.format, f.records]),
      [
        ['bibtex', 488],
        ['arxiv-oai', expected.oai.records],
        ['epoch-csv', 1036],
      ],
    );
    assert.equal(s.records, 488 + 1000 + 1036);
    assert.equal(s.withCompute, 529, 'training compute only from the table (spec example)');
    assert.equal(s.withAffiliations, expected.oai.recordsWithAffiliation);
    // Without institutions data no library work gets a category: the table's rows keep the spec's
    // sectors, and every other work is Unknown.
    assert.deepEqual(s.teamSector, { Academia: 243, Industry: 574, Collaboration: 173, Other: 27, Unknown: 19 + (s.works - 1036) });
    assert.ok(s.works > 1036 && s.works < s.records, `${s.works} works: some merged, the rest kept`);
    assert.deepEqual(s.diagnostics, { 'length-mismatch': 20 });
    assert.deepEqual(s.files[2].diagnostics, { 'length-mismatch': 20 });
    // Diagnostics on stderr per file, file:line:column: kind: message, as for one table.
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 20, r.stderr);
    assert.ok(lines.every((l) => l.startsWith(`${NOTABLE}:`) && /:\d+:\d+: length-mismatch: /.test(l)));
  });

  it('without --json: a readable table of the files, the works and their sectors', async function () {
    const r = await runCli(['summary', BIB, RIS]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /graph_embedding_review_refs\.bib\s+BibTeX \/ BibLaTeX\s+76/);
    assert.match(r.stdout, /graph_embedding_review_references\.ris\s+RIS\s+76/);
    assert.match(r.stdout, /^Records\s+152$/m);
    assert.match(r.stdout, /^Works\s+84 \(after merging\)$/m);
    assert.match(r.stdout, /^Unknown\s+84\s+100\.0%$/m);
  });

  it('one file of the literature takes the new form (an arXiv feed: 2 works); one Epoch table keeps the old keys', async function () {
    const s = json(await runCli(['summary', ATOM, '--json']));
    assert.deepEqual([s.records, s.works, s.files[0].format], [2, 2, 'arxiv-atom']);
    const table = JSON.parse((await runCli(['summary', NOTABLE, '--json'])).stdout) as Record<string, unknown>;
    assert.deepEqual(Object.keys(table), ['rows', 'withDate', 'withCompute', 'teamSector', 'diagnostics', 'listStyle', 'encoding']);
  });

  it('--labels: a team-sector label on a work counts in teamSector', async function () {
    const log = path.join(tmp, 'labels.jsonl');
    fs.writeFileSync(log, logText(LABELS));
    const s = json(await runCli(['summary', BIB, RIS, '--json', '--labels', log]));
    assert.deepEqual(s.teamSector, { Academia: 0, Industry: 1, Collaboration: 0, Other: 0, Unknown: expected.review.mergedWorks - 1 });
  });

  it('a file of no format read beside a good one: a diagnostic naming the formats, exit 0', async function () {
    const notes = path.join(tmp, 'notes.txt');
    fs.writeFileSync(notes, 'Reading list\n\nask about the compute divide\n');
    const r = await runCli(['summary', notes, BIB, '--json']);
    const s = json(r);
    assert.deepEqual(s.files[0], { file: notes, format: 'unknown', records: 0, diagnostics: { 'not-recognised': 1 } });
    assert.equal(s.works, expected.review.bibtexAloneMergedWorks);
    assert.equal(r.stderr, `${notes}:1:1: not-recognised: notes.txt is of none of the formats read. Compute Divide reads Epoch AI tables (CSV), BibTeX/BibLaTeX, RIS, CSL-JSON, arXiv API (Atom) and OAI-PMH responses, OpenAlex works (JSON, JSON Lines), Semantic Scholar papers and authors (JSON), and institutions data (ROR records, OpenAlex institutions).\n`);
  });

  it('errors: no file holds a record, a missing file among several, a file named twice: one line, exit 2', async function () {
    const a = path.join(tmp, 'a.txt');
    const b = path.join(tmp, 'b.txt');
    fs.writeFileSync(a, 'nothing\n');
    fs.writeFileSync(b, 'nothing either\n');
    assertUsageError(await runCli(['summary', a, b, '--json']), /^compute-divide: no file holds a record: .*a\.txt \(of no format read\), .*b\.txt \(of no format read\)\. Compute Divide reads Epoch AI tables/);
    assertUsageError(await runCli(['summary', BIB, path.join(tmp, 'missing.ris'), '--json']), /no such file: .*missing\.ris/);
    fs.symlinkSync(BIB, path.join(tmp, 'link.bib'));
    assertUsageError(await runCli(['summary', BIB, path.join(tmp, 'link.bib')]), /link\.bib names the same file as the earlier argument/);
  });
}, NEEDS);

describeWithCorpus('CLI: export (imports.md "Writing back")', function () {
  this.timeout(60_000);
  let tmp: string;
  let log: string;
  before(function () {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-cli-export-'));
    log = path.join(tmp, 'labels.jsonl');
    fs.writeFileSync(log, logText(LABELS));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const original = () => combineLiterature([readSourceFile(fs.readFileSync(BIB), BIB), readSourceFile(fs.readFileSync(RIS), RIS)]).works;

  for (const ext of ['ris', 'bib', 'json'] as const) {
    it(`.${ext}: export then summary and re-import: same works, identifiers, decisions and sectors`, async function () {
      const out = path.join(tmp, `review.${ext}`);
      const r = await runCli(['export', BIB, RIS, '--out', out, '--labels', log]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, `${out}: ${expected.review.mergedWorks} works written (${{ ris: 'ris', bib: 'bibtex', json: 'csl-json' }[ext]}; 2 with a decision)\n`);
      const s = json(await runCli(['summary', out, '--json']));
      assert.deepEqual([s.records, s.works], [expected.review.mergedWorks, expected.review.mergedWorks]);
      assert.deepEqual(s.files[0].diagnostics, {});

      const back = readSourceFile(fs.readFileSync(out), out).works;
      assert.equal(back.length, expected.review.mergedWorks);
      const dois = new Set(back.flatMap((w) => w.identifiers.filter((i) => i.startsWith('doi:'))));
      assert.equal(dois.size, expected.review.distinctDois);
      // Every work keeps its identifiers (works without any are matched by title).
      const before = original();
      const keyOf = (w: { identifiers: string[]; title: string }) => w.identifiers[0] ?? `title:${w.title}`;
      const backBy = new Map(back.map((w) => [keyOf(w), w]));
      for (const w of before) assert.deepEqual(backBy.get(keyOf(w))?.identifiers, w.identifiers, keyOf(w));
      const extras = (id: string) => readExtras(backBy.get(id)!);
      assert.deepEqual(extras(DOI_DECIDED), { decision: 'include', teamSector: 'Unknown' });
      assert.deepEqual(extras(DOI_SECTOR), { teamSector: 'Industry' });
      // Disputed (no adjudicator): the latest annotator's value is the effective one (labels.md).
      assert.deepEqual(extras(DOI_DISPUTED), { decision: 'exclude', teamSector: 'Unknown' });
      assert.equal(back.filter((w) => readExtras(w).teamSector === 'Unknown').length, expected.review.mergedWorks - 1);
    });
  }

  it('an export exported again without the label log keeps its decisions and sectors (keywords replaced, not repeated)', async function () {
    const first = path.join(tmp, 'first.ris');
    const second = path.join(tmp, 'second.bib');
    assert.equal((await runCli(['export', BIB, RIS, '--out', first, '--labels', log])).code, 0);
    const r = await runCli(['export', first, '--out', second]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /84 works written \(bibtex; 2 with a decision\)/);
    const back = readSourceFile(fs.readFileSync(second), second).works;
    const by = new Map(back.map((w) => [w.identifiers[0] ?? w.title, w]));
    assert.deepEqual(readExtras(by.get(DOI_DECIDED)!), { decision: 'include', teamSector: 'Unknown' });
    assert.deepEqual(readExtras(by.get(DOI_SECTOR)!), { teamSector: 'Industry' });
    assert.equal(by.get(DOI_SECTOR)!.keywords.filter((k) => k.startsWith('compute-divide:')).length, 1, 'one sector keyword');
  });

  it('.csv: one row per work with the columns of the brief, decisions, sectors, disputes and both sources', async function () {
    const out = path.join(tmp, 'review.csv');
    assert.equal((await runCli(['export', BIB, RIS, '--out', out, '--labels', log])).code, 0);
    const rows: string[][] = parse(fs.readFileSync(out, 'utf8'));
    assert.deepEqual(rows[0], ['id', 'title', 'authors', 'year', 'venue', 'doi', 'arxiv', 'other identifiers', 'team sector', 'leaning', 'decision', 'disputed', 'sources']);
    assert.deepEqual(rows[0], [...WORKS_CSV_HEADER]);
    assert.equal(rows.length - 1, expected.review.mergedWorks);
    const byId = new Map(rows.slice(1).map((r) => [r[0], Object.fromEntries(rows[0].map((h, i) => [h, r[i]]))]));
    const decided = byId.get(DOI_DECIDED)!;
    assert.equal(decided.doi, '10.1371/journal.pcbi.1008844');
    assert.equal(decided['other identifiers'], 'pmid:34370723');
    assert.equal(decided.decision, 'include');
    assert.equal(decided.title, 'PPIDomainMiner: Inferring domain-domain interactions from multiple sources of protein-protein interactions');
    assert.equal(decided.year, '2021');
    assert.match(decided.sources, new RegExp(`^${BIB.replace(/[.]/g, '\\.')}:\\d+ \\(bibtex\\); ${RIS.replace(/[.]/g, '\\.')}:\\d+ \\(ris\\)$`));
    assert.equal(byId.get(DOI_SECTOR)!['team sector'], 'Industry');
    assert.equal(byId.get(DOI_DISPUTED)!.disputed, 'decision');
    assert.equal(byId.get(DOI_DISPUTED)!.decision, 'exclude');
    assert.equal([...byId.values()].filter((r) => r.doi !== '').length, expected.review.distinctDois);
  });

  it('.csv: a title that starts like a formula is written as text', async function () {
    const bib = path.join(tmp, 'formula.bib');
    fs.writeFileSync(bib, '@article{k1,\n  title = {=HYPERLINK("http://x","y")},\n  author = {Doe, Jane},\n  year = {2020}\n}\n');
    const out = path.join(tmp, 'formula.csv');
    assert.equal((await runCli(['export', bib, '--out', out])).code, 0);
    const rows: string[][] = parse(fs.readFileSync(out, 'utf8'));
    assert.equal(rows[1][1], '\'=HYPERLINK("http://x","y")');
    assert.equal(rows[1][0], 'formula.bib#k1');
  });

  it('Epoch rows: only works of the literature by default (joined rows inside them); --include-models adds the other rows', async function () {
    const out = path.join(tmp, 'd2l.csv');
    const r = await runCli(['export', NOTABLE, D2L, '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    const alone = json(await runCli(['summary', D2L, '--json']));
    const rows = parse<Record<string, string>>(fs.readFileSync(out, 'utf8'), { columns: true });
    assert.equal(rows.length, alone.works, 'the works of d2l.bib, each once');
    assert.ok(rows.every((row) => row.sources.includes('(bibtex)')));
    // The d2l entry of Llama 2 (line 4486) joined the table's Llama 2 rows: exported with the paper's
    // title and the rows' team sector (Industry), the rows listed among its sources.
    const llama = rows.find((row) => row.sources.includes(`${D2L}:4486 (bibtex)`))!;
    assert.equal(llama.title, 'L{L}a{MA} 2: Open foundation and fine-tuned chat models'.replace(/[{}]/g, ''));
    assert.equal(llama.arxiv, '2307.09288');
    assert.equal(llama['team sector'], 'Industry');
    assert.match(llama.sources, /notable_ai_models_2026-07\.csv:\d+ \(epoch-csv\)/);

    const withModels = path.join(tmp, 'd2l-models.csv');
    assert.equal((await runCli(['export', NOTABLE, D2L, '--out', withModels, '--include-models'])).code, 0);
    const all = parse<Record<string, string>>(fs.readFileSync(withModels, 'utf8'), { columns: true });
    const modelOnly = all.filter((row) => !row.sources.includes('(bibtex)'));
    assert.equal(all.length - modelOnly.length, alone.works);
    assert.ok(modelOnly.length > 900 && modelOnly.length < 1036, `${modelOnly.length} rows not joined`);
    // Theseus (1950, Bell Laboratories: Industry in the table) has no DOI or arXiv id: a row of its own.
    const theseus = modelOnly.find((row) => row.id === 'Theseus');
    assert.deepEqual([theseus?.title, theseus?.year, theseus?.['team sector']], ['Theseus', '1950', 'Industry']);

    assertUsageError(await runCli(['export', NOTABLE, '--out', path.join(tmp, 'none.csv')]), /nothing to export.*--include-models/);
  });

  it('a damaged input still exports its valid records (the cut entry is a diagnostic)', async function () {
    const text = fs.readFileSync(BIB, 'utf8');
    const starts = [...text.matchAll(/^\uFEFF?@/gm)].map((m) => m.index);
    assert.equal(starts.length, 76);
    const damaged = path.join(tmp, 'damaged.bib');
    fs.writeFileSync(damaged, text.slice(0, Math.floor((starts[11] + starts[12]) / 2)));
    const out = path.join(tmp, 'damaged.ris');
    const r = await runCli(['export', damaged, '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, new RegExp(`^${damaged.replace(/[.]/g, '\\.')}:\\d+:\\d+: syntax: `));
    assert.equal(readSourceFile(fs.readFileSync(out), out).works.length, 11, 'the 11 whole entries');
  });

  it('never replaces an input (also through a symbolic link or a hard link), nor an existing file without --force', async function () {
    const input = path.join(tmp, 'input.bib');
    fs.copyFileSync(BIB, input);
    const bytes = fs.readFileSync(input);
    assertUsageError(await runCli(['export', input, '--out', input]), /is the input .*input\.bib; an export never replaces an input file/);
    assertUsageError(await runCli(['export', input, '--out', input, '--force']), /never replaces an input file/);
    fs.symlinkSync(input, path.join(tmp, 'alias.bib'));
    assertUsageError(await runCli(['export', input, '--out', path.join(tmp, 'alias.bib'), '--force']), /never replaces an input file/);
    fs.linkSync(input, path.join(tmp, 'hard.bib'));
    assertUsageError(await runCli(['export', input, '--out', path.join(tmp, 'hard.bib'), '--force']), /never replaces an input file/);
    assert.deepEqual(fs.readFileSync(input), bytes, 'the input is untouched');

    const existing = path.join(tmp, 'existing.ris');
    fs.writeFileSync(existing, 'mine\n');
    assertUsageError(await runCli(['export', input, '--out', existing]), /existing\.ris exists; add --force to replace it/);
    assert.equal(fs.readFileSync(existing, 'utf8'), 'mine\n');
    assert.equal((await runCli(['export', input, '--out', existing, '--force'])).code, 0);
    assert.equal(readSourceFile(fs.readFileSync(existing), existing).works.length, expected.review.bibtexAloneMergedWorks);
    assert.deepEqual(fs.readdirSync(tmp).filter((f) => f.includes('.cd-tmp-')), [], 'no temporary file left');
  });

  it('usage errors: OUT of another extension, no --out, a folder as OUT', async function () {
    assertUsageError(await runCli(['export', BIB, '--out', path.join(tmp, 'out.txt')]), /expected a file ending in \.ris, \.bib, \.json \(CSL-JSON\) or \.csv/);
    assertUsageError(await runCli(['export', BIB]), /--out/);
    fs.mkdirSync(path.join(tmp, 'folder.ris'));
    assertUsageError(await runCli(['export', BIB, '--out', path.join(tmp, 'folder.ris')]), /is a folder/);
  });
}, NEEDS);

describe('CLI: a label that names nothing, over several files of the literature', function () {
  it('says it names nothing in all of the files read, not only the first', async function () {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-cli-unmatched-'));
    try {
      const bib = path.join(dir, 'lib.bib');
      const ris = path.join(dir, 'refs.ris');
      const log = path.join(dir, 'labels.jsonl');
      fs.writeFileSync(bib, '@article{he2016,\n  title = {Deep Residual Learning for Image Recognition},\n  author = {He, Kaiming and Zhang, Xiangyu and Ren, Shaoqing and Sun, Jian},\n  year = {2016},\n  doi = {10.1109/CVPR.2016.90}\n}\n');
      fs.writeFileSync(ris, 'TY  - CONF\nTI  - Deep Residual Learning for Image Recognition\nAU  - He, Kaiming\nAU  - Zhang, Xiangyu\nAD  - Microsoft Research\nPY  - 2016\nDO  - 10.1109/CVPR.2016.90\nER  - \n');
      const label = makeEvent('ada', { target: { kind: 'organization', name: 'No Such Lab' }, field: 'category', value: 'Industry' });
      fs.writeFileSync(log, logText([label]));
      const r = await runCli(['summary', bib, ris, '--labels', log, '--json']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, /1 label names nothing in .*lib\.bib and .*refs\.ris: organization "No Such Lab"/);
      // The RIS record's address reaches the BibTeX entry's first two authors (their lists differ in length).
      const summary = JSON.parse(r.stdout) as { withAffiliations?: number };
      assert.equal(summary.withAffiliations, 1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
