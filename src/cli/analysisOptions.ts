import { DEFAULT_PERIODS, parsePeriods, type Period } from '../core/analyses/common';
import { CliError } from './cliError';

/**
 * Parse `--periods`: calendar-year periods such as `2010-2014,2015-2018,2023-` (analyses.md,
 * "Periods"); absent means the default.
 *
 * @throws CliError naming the bad part and what was expected
 */
export function parsePeriodsOption(raw: string | undefined): Period[] {
  try {
    return parsePeriods(raw ?? DEFAULT_PERIODS);
  } catch (error) {
    throw new CliError(`--periods: ${(error as Error).message}`);
  }
}

/**
 * Parse `--top-quantile Q`: a number from 0 to 1 (default 0.75, analyses.md).
 *
 * @throws CliError naming the value and what was expected
 */
export function parseTopQuantile(raw: string | undefined): number {
  if (raw === undefined) return 0.75;
  const q = /^\s*(?:0|1|0?\.\d+|[01]\.0*)\s*$/.test(raw) ? Number(raw) : NaN;
  if (!(q >= 0 && q <= 1)) throw new CliError(`--top-quantile: "${raw}" is not a number from 0 to 1; expected the quantile of training compute, e.g. 0.75`);
  return q;
}

/**
 * Parse `--min-models N`: a whole number ≥ 1 (default 10, analyses.md).
 *
 * @throws CliError naming the value and what was expected
 */
export function parseMinModels(raw: string | undefined): number {
  if (raw === undefined) return 10;
  const n = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw new CliError(`--min-models: "${raw}" is not a whole number ≥ 1; expected the fewest models a topic needs to enter the correlation`);
  return n;
}

/**
 * Parse a choice option (`--by domain|task`, `--open any|unrestricted`), case-insensitively.
 *
 * @throws CliError naming the option, the value and the choices
 */
export function parseChoice<T extends string>(option: string, raw: string | undefined, choices: readonly T[], fallback: T): T {
  if (raw === undefined) return fallback;
  const found = choices.find((c) => c === raw.trim().toLowerCase());
  if (found === undefined) throw new CliError(`--${option}: "${raw}" is not one of ${choices.join(', ')}`);
  return found;
}

/** A share as a percentage with one decimal, `—` for null. */
export const percent = (x: number | null): string => (x === null ? '—' : `${(100 * x).toFixed(1)}%`);

/** Left-align the first `left` columns, right-align the rest, two spaces between. */
export function table(header: readonly string[], rows: readonly (readonly string[])[], left = 1): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const format = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (i < left ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  return [format(header), ...rows.map(format)];
}
