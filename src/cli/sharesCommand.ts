import { stringifyJsonSafe } from '../core/text/displaySafe';
import { TEAM_SECTORS } from '../core/dataset/model';
import { LARGE_SCALE_DEFINITIONS, largeScaleSharesBy, type LargeScaleOptions, type LargeScaleSharesResult } from '../core/trends/largeScale';
import { formatFlop } from '../core/text/format';
import { CliError } from './cliError';
import type { CliIo } from './main';
import { parseChoice } from './analysisOptions';
import { loadFilteredPoints, parseBreaks, parseFilter, type FilterOptions } from './trendsCommand';

/** Options of `compute-divide shares`. */
export interface SharesOptions extends FilterOptions {
  json?: boolean;
  top?: string;
  /** `--large-scale top-k|threshold|residual` (default top-k). */
  largeScale?: string;
  /** `--threshold F`: FLOP of the threshold rule (default 1e23). */
  threshold?: string;
  /** `--z Z`: z-score of the residual rule (default 1). */
  z?: string;
  /** `--breaks`: segments of the residual rule's all-model fit. */
  breaks?: string;
}

/**
 * Parse the large-scale definition of `shares` (docs/cli.md; the spec's cli.md defines only the
 * top-k rule): `--large-scale top-k|threshold|residual`, `--top K` (top-k), `--threshold F` (FLOP,
 * threshold; default 1e23), `--z Z` (residual; default 1) and `--breaks` (the segments of the
 * residual rule's fit). A parameter given for another definition is refused, so that a script
 * never believes it changed something it did not.
 *
 * @throws CliError naming the option, the value and what was expected
 */
export function parseLargeScale(options: SharesOptions): LargeScaleOptions {
  const definition = parseChoice('large-scale', options.largeScale, LARGE_SCALE_DEFINITIONS, 'top-k');
  const misplaced = (option: string, value: string | undefined, owner: string): void => {
    if (value !== undefined && definition !== owner) throw new CliError(`--${option} applies to --large-scale ${owner}, not ${definition}`);
  };
  misplaced('top', options.top, 'top-k');
  misplaced('threshold', options.threshold, 'threshold');
  misplaced('z', options.z, 'residual');
  misplaced('breaks', options.breaks, 'residual');
  const top = parseTop(options.top);
  let thresholdFlop: number | undefined;
  if (options.threshold !== undefined) {
    thresholdFlop = /^\s*[0-9]*\.?[0-9]+(?:e[+-]?[0-9]+)?\s*$/i.test(options.threshold) ? Number(options.threshold) : NaN;
    if (!(Number.isFinite(thresholdFlop) && thresholdFlop > 0)) throw new CliError(`--threshold: "${options.threshold}" is not a number of FLOP > 0; expected e.g. 1e23`);
  }
  let z: number | undefined;
  if (options.z !== undefined) {
    z = /^\s*[+-]?[0-9]*\.?[0-9]+\s*$/.test(options.z) ? Number(options.z) : NaN;
    if (!Number.isFinite(z)) throw new CliError(`--z: "${options.z}" is not a number; expected a z-score such as 1 or 1.5`);
  }
  return { definition, top, ...(thresholdFlop !== undefined ? { thresholdFlop } : {}), ...(z !== undefined ? { z } : {}), ...(options.breaks !== undefined ? { breaks: parseBreaks(options.breaks) } : {}) };
}

/**
 * Parse `--top K`: a whole number ≥ 1 (digits only); absent means 10 (trends.md).
 *
 * @throws CliError naming the value and what was expected otherwise
 */
export function parseTop(raw: string | undefined): number {
  if (raw === undefined) return 10;
  const k = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (!Number.isSafeInteger(k) || k < 1) throw new CliError(`--top: "${raw}" is not a whole number ≥ 1; expected the number of largest models per year`);
  return k;
}

/** The large-scale definition in words, for the readable output. */
export function largeScaleLabel(shares: LargeScaleSharesResult): string {
  switch (shares.large_scale) {
    case 'top-k':
      return `The ${shares.top} largest models by training compute in each year`;
    case 'threshold':
      return `Models with training compute ≥ ${formatFlop(shares.threshold_flop)}, per year`;
    case 'residual':
      return `Models at least ${shares.z} residual standard errors above the all-model trend, per year`;
  }
}

/**
 * `compute-divide shares FILE [--json] [--top K] [--large-scale top-k|threshold|residual]
 * [--threshold F] [--z Z] [filters] [--labels FILE]` (spec cli.md; the definitions other than top-k
 * are documented in docs/cli.md): for each calendar year with large-scale models, the share of them
 * that each team sector built. By default the year's K largest models by training compute (FLOP)
 * (rule in trends.md, "Large-scale share by sector"); `threshold`: the models with at least F FLOP;
 * `residual`: the models at least Z residual standard errors above the all-model trend
 * (`largeScaleSharesBy`). With `--json`, `{top, years: [{year, n, Academia, Industry,
 * Collaboration, Other, Unknown}]}` with fractions 0–1 (for another definition `large_scale` and
 * its parameters instead of `top`); otherwise a table of percentages.
 *
 * @throws CliError for a bad option value (checked before FILE is read) or an unreadable FILE
 */
export async function sharesCommand(file: string, options: SharesOptions, io: CliIo): Promise<void> {
  const largeScale = parseLargeScale(options);
  const filter = parseFilter(options);
  const points = await loadFilteredPoints(file, filter, options.labels, io, options.collaborationsByLeaning);
  const shares = largeScaleSharesBy(points, largeScale);
  if (options.json) {
    // The top-k rule keeps the spec's JSON ({top, years}); the others say which rule and parameters.
    const json = shares.large_scale === 'top-k' ? { top: shares.top, years: shares.years } : shares;
    io.stdout(`${stringifyJsonSafe(json)}\n`);
    return;
  }
  const lines = [`Dataset  ${file}`, `${largeScaleLabel(shares)}; share built by each team sector`];
  if (options.collaborationsByLeaning) lines.push('Leaning collaborations counted as Academia or Industry');
  lines.push('');
  if (shares.years.length === 0) lines.push(shares.large_scale === 'top-k' ? 'No points: no row has both a publication date and a training compute.' : 'No model is large-scale under this definition.');
  else {
    const header = ['Year', 'n', ...TEAM_SECTORS];
    const rows = shares.years.map((y) => [String(y.year), String(y.n), ...TEAM_SECTORS.map((s) => `${(100 * y[s]).toFixed(1)}%`)]);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const format = (cells: string[]): string => cells.map((c, i) => c.padStart(widths[i])).join('  ');
    lines.push(format(header), ...rows.map(format));
  }
  io.stdout(`${lines.join('\n')}\n`);
}
