/**
 * `compute-divide export --include-models` writes each Epoch model with the authors of its
 * `Authors` cell (src/core/sources/epochWork.ts `epochAuthors`, docs/cli.md "What is exported"),
 * without affiliations (the `Organization` cell says nothing about which author is where). On the
 * bundled snapshot, exported as RIS, BibTeX and CSL-JSON and read back by the importers, the
 * models' authors are what the independent oracle (test/tools/expected_epoch_authors.py →
 * expectedEpochAuthors.json, Python's csv module on the same file) splits from the raw cells; a few
 * are also written out here by hand from the cells.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readBibtex } from '../../src/core/sources/bibtex';
import { readCslJson } from '../../src/core/sources/cslJson';
import { epochAuthors } from '../../src/core/sources/epochWork';
import type { ImportResult } from '../../src/core/sources/importer';
import { readRis } from '../../src/core/sources/ris';
import type { Work } from '../../src/core/sources/work';
import { REPO } from '../support/paths';
import { runCli } from '../support/runCli';

interface Expected {
  models: number;
  modelsWithAuthors: number;
  authors: number;
  picked: Record<string, { cellLength: number; authors: string[] }>;
}
const EXPECTED = JSON.parse(fs.readFileSync(path.join(__dirname, 'expectedEpochAuthors.json'), 'utf8')) as Expected;
const SNAPSHOT = path.join(REPO, 'data', 'epoch-notable-ai-models.csv.gz');
const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();

describe('export --include-models: Epoch models with their authors', function () {
  this.timeout(60_000);
  let tmp: string;
  const exported: Record<string, ImportResult> = {};

  before(async function () {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-model-authors-'));
    for (const [ext, reader] of [
      ['ris', readRis],
      ['bib', readBibtex],
      ['json', readCslJson],
    ] as const) {
      const out = path.join(tmp, `models.${ext}`);
      const run = await runCli(['export', SNAPSHOT, '--include-models', '--out', out]);
      assert.equal(run.code, 0, run.stderr);
      exported[ext] = reader(fs.readFileSync(out), { name: `models.${ext}` });
    }
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  for (const ext of ['ris', 'bib', 'json']) {
    it(`.${ext}: every model, with as many authors in all as the oracle splits from the cells`, () => {
      const works = exported[ext].works;
      // Read back whole: no diagnostic (a BibTeX key from a model name with "+", such as "CodeT5+", did not read back).
      assert.deepEqual(exported[ext].diagnostics, []);
      assert.equal(works.length, EXPECTED.models);
      assert.equal(works.filter((w) => w.authors.length > 0).length, EXPECTED.modelsWithAuthors);
      assert.equal(
        works.reduce((n, w) => n + w.authors.length, 0),
        EXPECTED.authors,
      );
      assert.ok(works.every((w) => w.authors.every((a) => a.affiliations.length === 0)), 'no affiliation is invented from the Organization cell');
    });

    it(`.${ext}: the picked models' authors, name by name, as the oracle reads the raw cells`, () => {
      const byTitle = new Map<string, Work>();
      for (const w of exported[ext].works) if (!byTitle.has(collapse(w.title))) byTitle.set(collapse(w.title), w);
      for (const [model, expected] of Object.entries(EXPECTED.picked)) {
        const w = byTitle.get(model);
        assert.ok(w, `no exported work titled ${model}`);
        assert.deepEqual(
          w.authors.map((a) => a.name),
          expected.authors,
          model,
        );
      }
    });
  }

  it('by hand from the cells: VGG16, LSTM (`;`), MLP with back-propagation (`;` with "Family, Given"), ADALINE ("and"), the Saudi authority (one organization), GPT-4 ("et al. (181 additional authors not shown)")', () => {
    const names = (title: string) => exported.json.works.find((w) => collapse(w.title) === title)!.authors.map((a) => a.name);
    assert.deepEqual(names('VGG16'), ['Karen Simonyan', 'Andrew Zisserman']);
    assert.deepEqual(names('LSTM'), ['Sepp Hochreiter', 'Jurgen Schmidhuber']);
    assert.deepEqual(names('MLP with back-propagation'), ['David E. Rumelhart', 'Geoffrey E. Hinton', 'Ronald J. Williams']);
    assert.deepEqual(names('ADALINE'), ['Widrow', 'Hoff']);
    assert.deepEqual(names('ALLaM adapted 70B'), ['Saudi Data and Artificial Intelligence Authority']);
    const gpt4 = names('GPT-4 (Mar 2023)');
    assert.equal(gpt4[0], 'OpenAI');
    assert.equal(gpt4[gpt4.length - 1], 'Shawn Jain');
    assert.ok(!gpt4.some((n) => /et al|additional authors/i.test(n)));
    // Inkling's cell is empty.
    assert.deepEqual(names('Inkling'), []);
  });

  it('epochAuthors on hand-made cells: ", and", footnote marks, a full stop after the last name, a line break inside a name, a blank line, "et al." alone', () => {
    const names = (cell: string) => epochAuthors(cell).map((a) => a.name);
    assert.deepEqual(names('Jifeng Dai, Y. Li, Kaiming He, and Jian Sun'), ['Jifeng Dai', 'Y. Li', 'Kaiming He', 'Jian Sun']);
    assert.deepEqual(names('Jack W. Rae‡, Erich Elsen‡ and Laurent Sifre'), ['Jack W. Rae', 'Erich Elsen', 'Laurent Sifre']);
    assert.deepEqual(names('Di Wang, and Jie Jiang.'), ['Di Wang', 'Jie Jiang']);
    assert.deepEqual(names('Areeba\nKamal, Bugu Wu'), ['Areeba Kamal', 'Bugu Wu']);
    assert.deepEqual(names('Jacob Menick\n\nPost-training leads\nLiam Fedus'), ['Jacob Menick', 'Post-training leads Liam Fedus']);
    assert.deepEqual(names('A. Person et al.'), ['A. Person']);
    assert.deepEqual(names('Qwen Team'), ['Qwen Team']);
    assert.deepEqual(names(''), []);
  });
});

describe('epochAuthors on hostile Authors cells (breaker)', () => {
  it('reads a 200 KB cell of one unbroken word in linear time (the trailing-dot rule backtracked over every start: 18 s)', function () {
    this.timeout(120_000);
    const cell = 'x'.repeat(200_000);
    const started = Date.now();
    const authors = epochAuthors(cell);
    const elapsed = Date.now() - started;
    assert.deepEqual(authors.map((a) => a.name), [cell]);
    assert.ok(elapsed < 1000, `took ${elapsed} ms`);
  });

  it('still drops a trailing dot after two letters and keeps an initial\'s', () => {
    assert.deepEqual(epochAuthors('Smith Jr., J. B., Ng.').map((a) => a.name), ['Smith Jr', 'J. B.', 'Ng']);
  });

  it('reads 100,000 commas and cells of only separators without inventing authors (a part of punctuation alone was an author named ",")', () => {
    assert.deepEqual(epochAuthors(','.repeat(100_000)), []);
    assert.deepEqual(epochAuthors(';'.repeat(100_000)), []);
    assert.deepEqual(epochAuthors(' ; , and ,; '), []);
    assert.deepEqual(epochAuthors('Ada Lovelace; - ; Alan Turing').map((a) => a.name), ['Ada Lovelace', 'Alan Turing']);
  });
});
