/**
 * The Compute trends numbers as the analysis worker sends them to the webview (through the host,
 * as bytes): a `TrendsView` whose points travel as columns (`pointColumns`), each key written
 * once instead of once per point, a name equal to its id left out, the sector and the
 * organizations as indices into lists of their distinct values, and x (the decimal year of the
 * date) and y (log10 of the compute) left out when they are exactly what the date and the
 * compute give (always, for points of `trendPoints`): the reader works them out with the same
 * arithmetic. At 100,000 rows this is about a third of the bytes of the plain JSON, so less to
 * send, copy and parse. `decodeTrendsView(encodeTrendsView(view))` equals the JSON round trip of
 * `view`.
 *
 * Points by reference (`encodeTrendsUpdate`): a receiver keeps the points of the last message that
 * carried them all (its `pointsBase` id); a later view whose points are mostly among them (a filter
 * change, a label that moved a few models to another sector) travels as runs of indices into that
 * list plus the points that are new or changed, a few kilobytes instead of megabytes at 100,000
 * rows. `decodeTrendsWire(json, bases)` puts the list back together from the receiver's kept list;
 * a reference to a list the receiver does not have is a `MissingPointsBaseError`.
 */
import { decimalYear } from './decimalYear';
import type { TrendsPoint, TrendsView } from './trendsProtocol';

interface PointColumns {
  id: string[];
  /** null where the name is the id. */
  name: (string | null)[];
  date: string[];
  /** Absent when every x is `decimalYear(date)`. */
  x?: number[];
  /** Absent when every y is `Math.log10(computeFlop)`. */
  y?: number[];
  computeFlop: number[];
  /** Index into `sectors`. */
  sector: number[];
  sectors: TrendsPoint['sector'][];
  /** Index into `organizationLists` (older writers: the text itself, in `organizations`). */
  organization?: number[];
  organizationLists?: string[];
  organizations?: string[];
}

/** Index of `value` in `list` (added at its end the first time), through `index`. */
function indexOf<T>(value: T, list: T[], index: Map<T, number>): number {
  let i = index.get(value);
  if (i === undefined) {
    index.set(value, (i = list.length));
    list.push(value);
  }
  return i;
}

/** `view` as JSON text with its points as columns. */
export function encodeTrendsView(view: TrendsView): string {
  const { points, ...rest } = view;
  return JSON.stringify({ ...rest, points: [], pointColumns: pointColumns(points) });
}

/** `points` as columns (see the module comment). */
function pointColumns(points: readonly TrendsPoint[]): PointColumns {
  const columns: PointColumns = { id: [], name: [], date: [], computeFlop: [], sector: [], sectors: [], organization: [], organizationLists: [] };
  const x: number[] = [];
  const y: number[] = [];
  let xDerived = true;
  let yDerived = true;
  const sectorIndex = new Map<string, number>();
  const organizationIndex = new Map<string, number>();
  for (const p of points) {
    columns.id.push(p.id);
    columns.name.push(p.name === p.id ? null : p.name);
    columns.date.push(p.date);
    x.push(p.x);
    y.push(p.y);
    if (xDerived && !Object.is(p.x, derivedX(p.date))) xDerived = false;
    if (yDerived && !Object.is(p.y, Math.log10(p.computeFlop))) yDerived = false;
    columns.computeFlop.push(p.computeFlop);
    columns.sector.push(indexOf(p.sector, columns.sectors, sectorIndex));
    columns.organization!.push(indexOf(p.organizations, columns.organizationLists!, organizationIndex));
  }
  if (!xDerived) columns.x = x;
  if (!yDerived) columns.y = y;
  return columns;
}

/**
 * A list of points a receiver keeps: those of the last message that carried every point of its
 * view, under the id that message gave it (`pointsBase`).
 */
export interface PointsBase {
  id: number;
  points: readonly TrendsPoint[];
}

/** Where each point of a base list is, by id (worked out once per list). */
const baseIndexes = new WeakMap<readonly TrendsPoint[], Map<string, number>>();

/**
 * The most points of a view sent as they are beside references to a base, as a share of the view's
 * points: beyond it every point is sent and becomes the new base (e.g. a view opened on Academia
 * alone, then shown for every sector).
 */
const FULL_WHEN_ADDED_SHARE = 0.25;

/** The same point (every field as JSON would give it). */
function samePoint(a: TrendsPoint, b: TrendsPoint): boolean {
  return a.id === b.id && a.name === b.name && a.date === b.date && Object.is(a.x, b.x) && Object.is(a.y, b.y) && Object.is(a.computeFlop, b.computeFlop) && a.sector === b.sector && a.organizations === b.organizations;
}

/**
 * `view` for a receiver that keeps `base` (undefined: keeps none): its points as references into
 * `base` plus the points that are not there as they are, or, when there is no base or too many
 * points are not in it, every point, as the new base `id`. Returns the JSON and the base the
 * receiver keeps after reading it. `decodeTrendsWire(json, …)` gives the JSON round trip of `view`.
 *
 * @param id the id of the new base, when this message carries every point (unique per sender)
 */
export function encodeTrendsUpdate(view: TrendsView, base: PointsBase | undefined, id: number): { json: string; base: PointsBase } {
  const { points, ...rest } = view;
  if (base) {
    let index = baseIndexes.get(base.points);
    if (!index) {
      index = new Map();
      for (let i = 0; i < base.points.length; i++) index.set(base.points[i].id, i);
      baseIndexes.set(base.points, index);
    }
    const limit = points.length * FULL_WHEN_ADDED_SHARE;
    const added: TrendsPoint[] = [];
    // Pairs (start, count): `count` base points from index `start`, or, for start -1, the next `count` added points.
    const runs: number[] = [];
    let start = -2;
    let count = 0;
    for (const p of points) {
      const i = index.get(p.id);
      let ref = -1;
      if (i !== undefined && samePoint(base.points[i], p)) ref = i;
      else {
        added.push(p);
        if (added.length > limit) break;
      }
      if (count > 0 && ((ref === -1 && start === -1) || (ref >= 0 && start >= 0 && ref === start + count))) count++;
      else {
        if (count > 0) runs.push(start, count);
        start = ref;
        count = 1;
      }
    }
    if (added.length <= limit) {
      if (count > 0) runs.push(start, count);
      return { json: JSON.stringify({ ...rest, points: [], pointRefs: { base: base.id, runs }, pointColumns: pointColumns(added) }), base };
    }
  }
  return { json: JSON.stringify({ ...rest, points: [], pointsBase: id, pointColumns: pointColumns(points) }), base: { id, points } };
}

/** A view referred to a list of points its reader does not keep (the reader asks for every point again). */
export class MissingPointsBaseError extends Error {
  constructor(readonly base: number) {
    super(`the points refer to list ${base}, which this reader does not keep`);
    this.name = 'MissingPointsBaseError';
  }
}

/** The decimal year of a point's date, or NaN when it is not a date `decimalYear` reads (then x travels). */
function derivedX(date: string): number {
  try {
    return decimalYear(date);
  } catch {
    return NaN;
  }
}

/** The `TrendsView` of `json` (written by `encodeTrendsView`, or plain JSON of a view; not one that refers to a base). */
export function decodeTrendsView(json: string): TrendsView {
  return decodeTrendsWire(json).view;
}

/**
 * The `TrendsView` of `json` (written by `encodeTrendsView` or `encodeTrendsUpdate`, or plain JSON
 * of a view), and `pointsBase`, the id under which to keep its points when it carried them all.
 *
 * @param bases the points of a kept list, by id (undefined when not kept)
 * @throws MissingPointsBaseError when `json` refers to a list `bases` does not give
 */
export function decodeTrendsWire(json: string, bases: (id: number) => readonly TrendsPoint[] | undefined = () => undefined): { view: TrendsView; pointsBase?: number } {
  const wire = JSON.parse(json) as TrendsView & { pointColumns?: PointColumns; pointsBase?: number; pointRefs?: { base: number; runs: number[] } };
  const { pointColumns: c, pointsBase, pointRefs: refs } = wire;
  delete wire.pointColumns;
  delete wire.pointsBase;
  delete wire.pointRefs;
  if (c) wire.points = refs ? pointsOfRefs(refs, pointsOfColumns(c), bases) : pointsOfColumns(c);
  return { view: wire, ...(pointsBase !== undefined ? { pointsBase } : {}) };
}

/** The points `refs` give: runs of the kept list `refs.base` (from `bases`) and of `added`, in order. */
function pointsOfRefs(refs: { base: number; runs: number[] }, added: readonly TrendsPoint[], bases: (id: number) => readonly TrendsPoint[] | undefined): TrendsPoint[] {
  const base = bases(refs.base);
  if (!base) throw new MissingPointsBaseError(refs.base);
  const points: TrendsPoint[] = [];
  let next = 0;
  for (let r = 0; r < refs.runs.length; r += 2) {
    const start = refs.runs[r];
    const count = refs.runs[r + 1];
    const fits = start === -1 ? next + count <= added.length : start >= 0 && start + count <= base.length;
    if (!fits || !Number.isInteger(start) || !Number.isInteger(count) || count < 0) throw new RangeError(`the points refer past the end of their lists (run ${r / 2}: ${start}, ${count})`);
    if (start === -1) for (let k = 0; k < count; k++) points.push(added[next++]);
    else for (let k = 0; k < count; k++) points.push(base[start + k]);
  }
  return points;
}

/** The points of `c`. */
function pointsOfColumns(c: PointColumns): TrendsPoint[] {
  const points: TrendsPoint[] = new Array<TrendsPoint>(c.id.length);
  for (let i = 0; i < c.id.length; i++) {
    const computeFlop = c.computeFlop[i];
    points[i] = {
      id: c.id[i],
      name: c.name[i] ?? c.id[i],
      date: c.date[i],
      x: c.x ? c.x[i] : decimalYear(c.date[i]),
      y: c.y ? c.y[i] : Math.log10(computeFlop),
      computeFlop,
      sector: c.sectors[c.sector[i]],
      organizations: c.organization ? c.organizationLists![c.organization[i]] : c.organizations![i],
    };
  }
  return points;
}
