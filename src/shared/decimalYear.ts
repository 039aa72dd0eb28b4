/**
 * Calendar dates as decimal years, for the x axis of compute trends
 * (`../shared/spec/trends.md`, "Points"). Pure integer calendar arithmetic: no `Date`, so neither
 * the machine's time zone nor daylight saving can shift a value, and years 0–99 are not mapped to
 * 1900–1999 as `Date.UTC` would.
 */

/** A calendar date split into its parts (proleptic Gregorian; month and day 1-based). */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const CUMULATIVE_DAYS = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Gregorian leap year: divisible by 4, except centuries not divisible by 400 (1900 is not, 2000 is). */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * Read an ISO `YYYY-MM-DD` date (exactly four, two and two ASCII digits) into its parts.
 *
 * @throws RangeError naming the text and what was expected when it is not of that form, or is an
 *   impossible calendar date (`2021-02-29`, `2020-13-01`, year 0000).
 */
export function parseIsoDate(isoDate: string): CalendarDate {
  const match = ISO_DATE.exec(isoDate);
  if (!match) throw new RangeError(`"${isoDate}" is not a date of the form YYYY-MM-DD`);
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`"${isoDate}" is not a real calendar date (expected YYYY-MM-DD)`);
  }
  return { year, month, day };
}

/** True when `text` is a real calendar date written `YYYY-MM-DD` (see `parseIsoDate`). */
export function isIsoDate(text: string): boolean {
  try {
    parseIsoDate(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * The decimal year of an ISO `YYYY-MM-DD` date: `year + (days since 1 January of that year) /
 * (days in that year)`, counted in whole UTC days. 1 January is exactly the year; 31 December
 * 2020 is 2020 + 365/366; 31 December 2021 is 2021 + 364/365. Source: `../shared/spec/trends.md`,
 * "Points" (which asks for UTC days because local-time arithmetic drifts across daylight saving).
 *
 * @param isoDate a publication date as the loader stores it (`Paper.publicationDate`)
 * @returns decimal years, in [year, year + 1)
 * @throws RangeError when `isoDate` is not a real calendar date of the form `YYYY-MM-DD`
 */
export function decimalYear(isoDate: string): number {
  const { year, month, day } = parseIsoDate(isoDate);
  const leap = isLeapYear(year);
  const dayOfYear = CUMULATIVE_DAYS[month - 1] + (leap && month > 2 ? 1 : 0) + day - 1;
  return year + dayOfYear / (leap ? 366 : 365);
}

function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1];
}
