/**
 * The details view lists every non-empty cell of a row in the file's column order (spec
 * sector-and-dataset.md, "Columns": no cell of the file is hidden). A hostile or careless header
 * must not break it: a column named like an Object.prototype member (`__proto__`, `constructor`,
 * `toString`, `hasOwnProperty`), a repeated name, an unnamed column; and a work of the literature
 * shown beside such a table (its `cells` are empty: `workPaper` gives `{}`) lists no cell at all.
 */
import { strict as assert } from 'node:assert';
import { loadDataset } from '../../src/core/dataset/loadDataset';
import type { Paper } from '../../src/core/dataset/model';
import { paperDetails } from '../../src/host/paperDetailsModel';

const CSV = 'Model,__proto__,constructor,toString,hasOwnProperty,Organization,Notes,Notes,\nA,p,c,t,h,Org,n1,n2,e\n';

describe('paper details: the cells of a table with awkward headers', () => {
  it('every cell a row has is listed once, under its cells key, in column order; Object.prototype names are plain columns', () => {
    const ds = loadDataset(Buffer.from(CSV, 'utf8'), 'awkward.csv');
    const fields = paperDetails(ds.papers[0], ds).fields.map((f) => [f.label, f.value]);
    // `__proto__` has no key in cells (loadFastPaths: as assignment to a plain object does), so nothing to list for it.
    assert.deepEqual(fields, [
      ['Model', 'A'],
      ['constructor', 'c'],
      ['toString', 't'],
      ['hasOwnProperty', 'h'],
      ['Organization', 'Org'],
      ['Notes', 'n1'],
      ['Notes (2)', 'n2'],
      ['(column 9)', 'e'],
    ]);
  });

  it('a paper whose cells are empty (a work of the literature) lists no cell, whatever the table headers are', () => {
    const ds = loadDataset(Buffer.from(CSV, 'utf8'), 'awkward.csv');
    const work: Paper = { ...ds.papers[0], cells: {} };
    assert.deepEqual(paperDetails(work, ds).fields, []);
  });
});
