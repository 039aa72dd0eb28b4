/**
 * The Compute trends numbers as the analysis worker sends them to the webview (through the host,
 * as bytes): a `TrendsView` whose points travel as columns (`pointColumns`), each key written
 * once instead of once per point, a name equal to its id left out, the sector as an index. At
 * 100,000 rows this is about half the bytes of the plain JSON, so less to send, copy and parse.
 * `decodeTrendsView(encodeTrendsView(view))` equals the JSON round trip of `view`.
 */
import type { TrendsPoint, TrendsView } from './trendsProtocol';

interface PointColumns {
  id: string[];
  /** null where the name is the id. */
  name: (string | null)[];
  date: string[];
  x: number[];
  y: number[];
  computeFlop: number[];
  /** Index into `sectors`. */
  sector: number[];
  sectors: TrendsPoint['sector'][];
  organizations: string[];
}

/** `view` as JSON text with its points as columns. */
export function encodeTrendsView(view: TrendsView): string {
  const { points, ...rest } = view;
  const columns: PointColumns = { id: [], name: [], date: [], x: [], y: [], computeFlop: [], sector: [], sectors: [], organizations: [] };
  const sectorIndex = new Map<string, number>();
  for (const p of points) {
    let s = sectorIndex.get(p.sector);
    if (s === undefined) {
      sectorIndex.set(p.sector, (s = columns.sectors.length));
      columns.sectors.push(p.sector);
    }
    columns.id.push(p.id);
    columns.name.push(p.name === p.id ? null : p.name);
    columns.date.push(p.date);
    columns.x.push(p.x);
    columns.y.push(p.y);
    columns.computeFlop.push(p.computeFlop);
    columns.sector.push(s);
    columns.organizations.push(p.organizations);
  }
  return JSON.stringify({ ...rest, points: [], pointColumns: columns });
}

/** The `TrendsView` of `json` (written by `encodeTrendsView`, or plain JSON of a view). */
export function decodeTrendsView(json: string): TrendsView {
  const wire = JSON.parse(json) as TrendsView & { pointColumns?: PointColumns };
  const c = wire.pointColumns;
  if (!c) return wire;
  const points: TrendsPoint[] = new Array<TrendsPoint>(c.id.length);
  for (let i = 0; i < c.id.length; i++) points[i] = { id: c.id[i], name: c.name[i] ?? c.id[i], date: c.date[i], x: c.x[i], y: c.y[i], computeFlop: c.computeFlop[i], sector: c.sectors[c.sector[i]], organizations: c.organizations[i] };
  delete wire.pointColumns;
  wire.points = points;
  return wire;
}
