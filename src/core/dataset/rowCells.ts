import type { Paper } from './model';

/**
 * A row's `cells` (every column of the row by header name), made the first time they are read:
 * most views and the CLI read a few named fields, so building some 50 keys per row at load (a
 * third of normalising a 4 MB table) is deferred to the details view, exports and analyses that
 * read a column by name. To every reader `cells` is an ordinary own, enumerable property holding
 * a plain object: `JSON.stringify`, spreading, `Object.entries`, structured cloning (the load
 * worker's hand-over) and deep equality all read it through the getter; assigning it replaces it.
 */

/** The keys of a table's cells, by column, and an object with those keys in that order. */
export interface CellsLayout {
  /** Per column: its header (trimmed), `(column N)` when empty, `Name (2)`, `Name (3)`… when repeated. */
  readonly keys: readonly string[];
  /** Every key with an empty value, in column order: each row's cells start as a copy of it. */
  readonly template: Readonly<Record<string, string>>;
}

/** The row behind a paper's cells, until they are made (a symbol: not enumerable, not cloned, not serialised). */
const ROW = Symbol('row cells');

interface PendingCells {
  fields: readonly string[] | undefined;
  layout: CellsLayout;
  /** Whether `cells` holds the property's value (made, or assigned: an assigned `undefined` too). */
  made: boolean;
  cells: Record<string, string> | undefined;
}

type WithRow = Paper & { [ROW]: PendingCells };

/**
 * The cells layout of a header (spec sector-and-dataset.md, "Columns": no cell of the file is
 * hidden from the details view): every column gets a key, computed once per table: its trimmed
 * header; an unnamed column is `(column N)` (1-based), a repeated name gets ` (2)`, ` (3)`…
 *
 * @param headers the header fields, trimmed, in file order
 * @returns the key of each column and the template object (keys in column order, values empty)
 */
export function cellsLayout(headers: readonly string[]): CellsLayout {
  const keys: string[] = [];
  const used = new Set<string>();
  // The next number to try per header: every smaller one is taken already (taken keys stay taken),
  // so a header repeated n times costs n tries, not n²/2 (a hostile header line of one name).
  const nextNumber = new Map<string, number>();
  headers.forEach((h, i) => {
    let key = h === '' ? `(column ${i + 1})` : h;
    if (used.has(key)) {
      let k = nextNumber.get(h) ?? 2;
      while (used.has((key = `${h} (${k})`))) k++;
      nextNumber.set(h, k + 1);
    }
    used.add(key);
    keys.push(key);
  });
  // Built in one go (adding the keys one by one to `{}` makes a slow dictionary object, and so
  // does every copy of it). `__proto__` is left out: assigned to a plain object, as `rowCells`
  // does, it sets no key.
  const template = Object.fromEntries(keys.filter((k) => k !== '__proto__').map((k) => [k, '']));
  return { keys, template };
}

/**
 * A row's cells as a plain object: each column's key (`cellsLayout`) with its field trimmed; a
 * short row's missing cells are empty, a long row's surplus fields have no key.
 *
 * @param fields the record's fields as parsed
 * @param layout the table's cells layout
 */
export function rowCells(fields: readonly string[], layout: CellsLayout): Record<string, string> {
  const cells = { ...layout.template };
  const keys = layout.keys;
  for (let i = 0; i < keys.length && i < fields.length; i++) cells[keys[i]] = fields[i].trim();
  return cells;
}

/**
 * Give `paper` its `cells`, made from `fields` on first read (then kept, and the fields let go).
 * The property is own and enumerable, so it sits where a data property assigned at this point
 * would, in key order too; call it where the paper's literal would have listed `cells`.
 *
 * @param paper the paper being built, without `cells`
 * @param fields the record's fields as parsed (not copied: they must not change afterwards)
 * @param layout the table's cells layout
 */
export function defineRowCells(paper: Omit<Paper, 'cells'>, fields: readonly string[], layout: CellsLayout): asserts paper is Paper {
  Object.defineProperty(paper, 'cells', CELLS_PROPERTY);
  Object.defineProperty(paper, ROW, { value: { fields, layout, made: false, cells: undefined } satisfies PendingCells });
}

// One getter and setter for every paper, so all papers keep one shape (hidden class). Both act as
// a data property would: any assigned value (`undefined` too) is what is read back, a frozen
// paper's `cells` cannot be assigned (a TypeError, as strict code gets for a read-only property),
// and assigning through an object that inherits from a paper gives that object its own `cells`.
const CELLS_PROPERTY: PropertyDescriptor = {
  get(this: WithRow): Record<string, string> | undefined {
    const row = this[ROW];
    if (!row.made) {
      row.cells = rowCells(row.fields!, row.layout);
      row.made = true;
      row.fields = undefined;
    }
    return row.cells;
  },
  set(this: WithRow, value: Record<string, string>): void {
    if (Object.isFrozen(this)) throw new TypeError("Cannot assign to read only property 'cells' of a frozen paper");
    // An object that inherits from a paper gets a property of its own, the paper keeps its cells.
    if (!Object.prototype.hasOwnProperty.call(this, ROW)) {
      Object.defineProperty(this, 'cells', { value, writable: true, enumerable: true, configurable: true });
      return;
    }
    const row = this[ROW];
    row.cells = value;
    row.made = true;
    row.fields = undefined;
  },
  enumerable: true,
  configurable: true,
};
