/**
 * Packing the long strings of a chunk of papers into one string, for the trip from the load worker
 * to the host. Deserialised as they are, 500 papers' abstracts, notes and authors lists (twice:
 * once in `cells`, once in their fields) fill V8's young generation, and every scavenge then copies
 * megabytes of surviving text on the host's thread (measured: 40–140 ms pauses at 100,000 rows). A
 * packed chunk arrives as one large string (allocated straight into V8's large-object space), and
 * each long value becomes a slice of it, a small object that points into it; a value repeated in a
 * chunk is packed once. An object or array reached twice (a merged work shares its authors with the
 * work it was merged from) is packed once and stays one object after the trip, as structured clone
 * keeps it: the chunk carries it once. Pure functions over plain data: objects, arrays, strings,
 * numbers, booleans.
 */

/** Strings at least this long are packed (shorter ones cost less than a slice). */
const MIN_PACKED = 24;
/** Marks a reference to a packed string: `\0` then the reference's number. */
const MARK = '\u0000';

/** A value whose long strings are references into `text`: `[start, end)` of reference i are `bounds[2i]`, `bounds[2i + 1]`. */
export interface Packed<T> {
  value: T;
  text: string;
  bounds: Int32Array;
  /** Whether an object or array is reached twice (then unpacking keeps track of what it has done). */
  shared?: boolean;
}

/** Replace the long strings of `value` (and any string starting with `\0`) by references into one string. `value` is not modified; shared objects stay shared. */
export function packStrings<T>(value: T): Packed<T> {
  const parts: string[] = [];
  const bounds: number[] = [];
  const refOf = new Map<string, string>();
  const copies = new Map<object, unknown>();
  let shared = false;
  let length = 0;
  const pack = (v: unknown): unknown => {
    if (typeof v === 'string') {
      if (v.length < MIN_PACKED && !v.startsWith(MARK)) return v;
      let ref = refOf.get(v);
      if (ref === undefined) {
        ref = `${MARK}${bounds.length / 2}`;
        refOf.set(v, ref);
        parts.push(v);
        bounds.push(length, (length += v.length));
      }
      return ref;
    }
    if (v === null || typeof v !== 'object') return v;
    const seen = copies.get(v);
    if (seen !== undefined) {
      shared = true;
      return seen;
    }
    if (Array.isArray(v)) {
      const out: unknown[] = new Array<unknown>(v.length);
      copies.set(v, out);
      for (let i = 0; i < v.length; i++) out[i] = pack(v[i]);
      return out;
    }
    const out: Record<string, unknown> = {};
    copies.set(v, out);
    for (const k in v) if (Object.prototype.hasOwnProperty.call(v, k)) out[k] = pack((v as Record<string, unknown>)[k]);
    return out;
  };
  const packed = pack(value) as T;
  return { value: packed, text: parts.join(''), bounds: Int32Array.from(bounds), ...(shared ? { shared } : {}) };
}

/** The value `packStrings` was given, its long strings made slices of `packed.text` (the received value is changed in place and returned; shared objects are unpacked once). */
export function unpackStrings<T>(packed: Packed<T>): T {
  const { text, bounds } = packed;
  // Nothing was packed (or the value was sent as it is): no reference to resolve.
  if (bounds.length === 0) return packed.value;
  const strings: string[] = [];
  for (let i = 0; i < bounds.length; i += 2) strings.push(text.slice(bounds[i], bounds[i + 1]));
  // Only a value with shared objects needs to remember what it has unpacked (a `\0`-led string
  // unpacked once must not be taken for a reference again).
  const done = packed.shared ? new Set<object>() : undefined;
  const unpack = (v: unknown): unknown => {
    if (typeof v === 'string') return v.length > 0 && v.charCodeAt(0) === 0 ? strings[Number(v.slice(1))] : v;
    if (v === null || typeof v !== 'object') return v;
    if (done) {
      if (done.has(v)) return v;
      done.add(v);
    }
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) v[i] = unpack(v[i]);
      return v;
    }
    const o = v as Record<string, unknown>;
    for (const k in o) o[k] = unpack(o[k]);
    return o;
  };
  return unpack(packed.value) as T;
}
