/**
 * Which calendar years the compute-trends numbers cover only in part. A per-year bar (a share of
 * the top-k, a count of models) for such a year rests on fewer months than its neighbours, so the
 * panel marks it: the year of the dataset's latest publication date (Epoch's tables are snapshots,
 * so their last year stops at the export) and a year that the date filter starts or ends inside.
 */
import { daysInMonth } from '../dataset/cells';
import { parseIsoDate } from './decimalYear';

/** A year covered in part: its first and last covered days, inclusive ISO `YYYY-MM-DD`. */
export interface PartialYear {
  year: number;
  from: string;
  through: string;
}

/**
 * The partial years of a dataset under a date filter. Coverage runs from `since` (or without it
 * from the start of time: a dataset's earliest date is when its first model appeared, not where
 * the record stops) through the earlier of `lastDate` and the day before `until` (`until` is
 * exclusive, as in the filters of `../shared/spec/cli.md`). A year is partial when that coverage
 * includes some but not all of 1 January … 31 December; at most two years are (where the coverage
 * starts and where it ends), ascending; one year cut at both ends is reported once.
 *
 * @param lastDate the dataset's latest publication date (all rows, unfiltered); undefined when no
 *   row has a date, and then no year is partial
 * @param since inclusive lower bound of the date filter, ISO
 * @param until exclusive upper bound of the date filter, ISO
 * @throws RangeError when a date is not a real calendar date `YYYY-MM-DD`
 */
export function partialYears(lastDate: string | undefined, since?: string, until?: string): PartialYear[] {
  if (lastDate === undefined) return [];
  parseIsoDate(lastDate);
  if (since !== undefined) parseIsoDate(since);
  let end = lastDate;
  if (until !== undefined) {
    const beforeUntil = dayBefore(until);
    if (beforeUntil < end) end = beforeUntil;
  }
  if (since !== undefined && since > end) return [];
  const years = new Set<number>([parseIsoDate(end).year]);
  if (since !== undefined) years.add(parseIsoDate(since).year);
  const out: PartialYear[] = [];
  for (const year of [...years].sort((a, b) => a - b)) {
    const first = `${pad(year, 4)}-01-01`;
    const last = `${pad(year, 4)}-12-31`;
    const from = since !== undefined && since > first ? since : first;
    const through = end < last ? end : last;
    if (from !== first || through !== last) out.push({ year, from, through });
  }
  return out;
}

/**
 * The calendar day before an ISO date (`2020-03-01` → `2020-02-29`, `2021-01-01` → `2020-12-31`).
 *
 * @throws RangeError when `isoDate` is not a real calendar date `YYYY-MM-DD`, or is 0001-01-01
 */
export function dayBefore(isoDate: string): string {
  const { year, month, day } = parseIsoDate(isoDate);
  if (day > 1) return iso(year, month, day - 1);
  if (month > 1) return iso(year, month - 1, daysInMonth(year, month - 1));
  if (year <= 1) throw new RangeError(`there is no calendar day before ${isoDate}`);
  return iso(year - 1, 12, 31);
}

function iso(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
