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
  return JSON.stringify({ ...rest, points: [], pointColumns: columns });
}

/** The decimal year of a point's date, or NaN when it is not a date `decimalYear` reads (then x travels). */
function derivedX(date: string): number {
  try {
    return decimalYear(date);
  } catch {
    return NaN;
  }
}

/** The `TrendsView` of `json` (written by `encodeTrendsView`, or plain JSON of a view). */
export function decodeTrendsView(json: string): TrendsView {
  const wire = JSON.parse(json) as TrendsView & { pointColumns?: PointColumns };
  const c = wire.pointColumns;
  if (!c) return wire;
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
  delete wire.pointColumns;
  wire.points = points;
  return wire;
}
