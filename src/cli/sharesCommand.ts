import { stringifyJsonSafe } from '../core/text/displaySafe';
import { TEAM_SECTORS } from '../core/dataset/model';
import { largeScaleShares } from '../core/trends/trends';
import { CliError } from './cliError';
import type { CliIo } from './main';
import { loadFilteredPoints, parseFilter, type FilterOptions } from './trendsCommand';

/** Options of `compute-divide shares`. */
export interface SharesOptions extends FilterOptions {
  json?: boolean;
  top?: string;
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

/**
 * `compute-divide shares FILE [--json] [--top K] [filters] [--labels FILE]` (spec cli.md): for each
 * calendar year with points, the share of that year's K largest models by training compute (FLOP)
 * that each team sector built (rule in trends.md, "Large-scale share by sector"). With `--json`,
 * `{top, years: [{year, n, Academia, Industry, Collaboration, Other, Unknown}]}` with fractions
 * 0–1; otherwise a table of percentages. `--labels` is only checked to exist for now; a warning on
 * stderr says that it was not applied.
 *
 * @throws CliError for a bad option value (checked before FILE is read) or an unreadable FILE
 */
export async function sharesCommand(file: string, options: SharesOptions, io: CliIo): Promise<void> {
  const top = parseTop(options.top);
  const filter = parseFilter(options);
  const points = await loadFilteredPoints(file, filter, options.labels, io);
  const shares = largeScaleShares(points, top);
  if (options.json) {
    io.stdout(`${stringifyJsonSafe(shares)}\n`);
    return;
  }
  const lines = [`Dataset  ${file}`, `The ${top} largest models by training compute in each year; share built by each team sector`, ''];
  if (shares.years.length === 0) lines.push('No points: no row has both a publication date and a training compute.');
  else {
    const header = ['Year', 'n', ...TEAM_SECTORS];
    const rows = shares.years.map((y) => [String(y.year), String(y.n), ...TEAM_SECTORS.map((s) => `${(100 * y[s]).toFixed(1)}%`)]);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const format = (cells: string[]): string => cells.map((c, i) => c.padStart(widths[i])).join('  ');
    lines.push(format(header), ...rows.map(format));
  }
  io.stdout(`${lines.join('\n')}\n`);
}
