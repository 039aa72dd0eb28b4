/**
 * Date and FLOP parsing for the trends panel (the spec's decimal year, `../shared/spec/trends.md`,
 * "Points", for drawing break dates on the x axis; a minimum compute typed by a researcher). The
 * number formatting every webview shares lives in `media/shared/format.ts`, re-exported here.
 */
export { formatCount, formatFixed, formatFlop, formatPercent, formatScientific } from '../shared/format.js';
import type { TrendsView } from '../../src/shared/trendsProtocol.js';
import { formatScientific } from '../shared/format.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Parts of a real calendar date written `YYYY-MM-DD`, or undefined (`2021-02-29`, `2020-13-01`). */
export function parseIsoDate(text: string): { year: number; month: number; day: number } | undefined {
  const match = ISO_DATE.exec(text.trim());
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return undefined;
  const days = month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1];
  return day <= days ? { year, month, day } : undefined;
}

/** Decimal year of a real `YYYY-MM-DD` date: year + (days since 1 January) / (days in the year). */
export function decimalYear(text: string): number | undefined {
  const date = parseIsoDate(text);
  if (!date) return undefined;
  let dayOfYear = date.day - 1;
  for (let m = 1; m < date.month; m++) dayOfYear += m === 2 && isLeapYear(date.year) ? 29 : MONTH_DAYS[m - 1];
  return date.year + dayOfYear / (isLeapYear(date.year) ? 366 : 365);
}

/**
 * A minimum training compute typed by a researcher: `1e23`, `3.5E22`, `10^23`, `1,000,000`.
 * Empty → null (no minimum); anything else that is not a number ≥ 0 → undefined (invalid).
 */
export function parseFlop(text: string): number | null | undefined {
  const trimmed = text.trim().replace(/[,_\s]/g, '');
  if (trimmed === '') return null;
  const power = /^10\^(\d+(?:\.\d+)?)$/.exec(trimmed);
  // `1e23` as text parses to the nearest double; 10 ** 23 does not (1.0000000000000001e23).
  const value = power ? (power[1].includes('.') ? 10 ** Number(power[1]) : Number(`1e${power[1]}`)) : Number(trimmed);
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** The shares chart's title, after its definition of large-scale. */
export function sharesTitle(view: TrendsView): string {
  switch (view.shares.definition ?? 'top-k') {
    case 'threshold':
      return `Share of each year's models with ≥ ${formatScientific(view.shares.thresholdFlop ?? 1e23)} FLOP, by team sector`;
    case 'residual':
      return `Share of each year's models ≥ ${view.shares.z ?? 1} SD above the trend, by team sector`;
    default:
      return `Share of each year's top-${view.shares.top} models by training compute, by team sector`;
  }
}
