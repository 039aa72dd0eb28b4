/** Event timestamps (spec `../shared/spec/labels.md`: events are ordered by `ts`, ISO 8601 UTC). */
import { daysInMonth } from '../dataset/cells';

const TS = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;

/** Digits at [from, to) of `s` as a number, or NaN if any is not a digit. */
function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return NaN;
    n = n * 10 + c;
  }
  return n;
}

/** Milliseconds for a valid calendar date and time, else undefined. */
function instant(y: number, mo: number, d: number, h: number, mi: number, s: number): number | undefined {
  // Every comparison is false for NaN (a non-digit): `y >= 1` rejects `2O26` and year 0.
  if (!(y >= 1 && mo >= 1 && mo <= 12 && d >= 1 && h >= 0 && h <= 23 && mi >= 0 && mi <= 59 && s >= 0 && s <= 59)) return undefined;
  if (d > 28 && d > daysInMonth(y, mo)) return undefined;
  return daysFromCivil(y, mo, d) * 86_400_000 + ((h * 60 + mi) * 60 + s) * 1000;
}

/**
 * Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's `days_from_civil`; the same
 * value as `Date.UTC(y, m - 1, d) / 86400000`, without a Date object per event or Date.UTC's
 * mapping of years 0–99 to the 1900s).
 */
function daysFromCivil(y: number, m: number, d: number): number {
  const year = m <= 2 ? y - 1 : y;
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const dayOfYear = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/**
 * Read an event timestamp into milliseconds since the Unix epoch (a float: sub-millisecond digits
 * are kept, so `…05.1234Z` sorts after `…05.123Z`). Accepts ISO 8601 date-times with seconds,
 * 0–9 fraction digits and `Z` or a `±hh:mm` offset (ordered by the UTC instant they denote; the
 * spec asks for UTC, and this tool writes `Z`). Returns undefined for anything else, including an
 * impossible calendar date or time. The form this tool writes (`2026-11-29T14:03:05.123Z`) is read
 * without a regular expression, because a replay reads 100,000 of them. One instant gives one
 * value however it is written (offsets are applied to the whole milliseconds, exactly); two
 * instants less than about 0.25 µs apart may give the same value (see `instantParts`).
 * Source: labels.md ("Folding the log into labels": order the valid events by ts).
 */
export function parseEventTime(ts: string): number | undefined {
  if (ts.length === 24 && ts[4] === '-' && ts[7] === '-' && ts[10] === 'T' && ts[13] === ':' && ts[16] === ':' && ts[19] === '.' && ts[23] === 'Z') {
    const ms = digits(ts, 20, 23);
    const base = instant(digits(ts, 0, 4), digits(ts, 5, 7), digits(ts, 8, 10), digits(ts, 11, 13), digits(ts, 14, 16), digits(ts, 17, 19));
    return base === undefined || Number.isNaN(ms) ? undefined : base + ms;
  }
  const parts = instantParts(ts);
  return parts && parts[0] + parts[1] / 1e6;
}

/**
 * A timestamp as an exact pair: whole milliseconds since the epoch (an integer) and the
 * nanoseconds within that millisecond (0–999,999), or undefined for what `parseEventTime` rejects.
 * Compares instants exactly where the float of `parseEventTime` cannot.
 */
export function instantParts(ts: string): [ms: number, nanos: number] | undefined {
  const m = TS.exec(ts);
  if (!m) return undefined;
  let ms = instant(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  if (ms === undefined) return undefined;
  const fraction = (m[7] ?? '').padEnd(9, '0');
  ms += Number(fraction.slice(0, 3));
  if (m[8] !== 'Z') {
    const sign = m[8][0] === '-' ? -1 : 1;
    const oh = Number(m[8].slice(1, 3));
    const om = Number(m[8].slice(4, 6));
    if (oh > 23 || om > 59) return undefined;
    ms -= sign * (oh * 60 + om) * 60_000;
  }
  return [ms, Number(fraction.slice(3))];
}
