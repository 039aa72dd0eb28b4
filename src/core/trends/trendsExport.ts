import { stringifyCsv } from '../dataset/csvWrite';
import { TEAM_SECTORS, type TeamSector } from '../dataset/model';
import type { FitRow, SharesResult } from './trends';

/** A plotted point for export: training compute in FLOP, date ISO, sector name. */
export interface PointForExport {
  id: string;
  name: string;
  date: string;
  computeFlop: number;
  sector: string;
  organizations: string;
}

/**
 * The plotted points as CSV (RFC 4180 via csv-stringify): model, publication date, training
 * compute (FLOP), log10 of it, team sector, organizations. Numbers are written in full precision
 * and never escaped; text from the table (names, organizations) that starts like a spreadsheet
 * formula gets a leading `'` (`stringifyCsv`).
 */
export function pointsCsv(points: readonly PointForExport[]): string {
  return stringifyCsv([
    ['Model', 'Publication date', 'Training compute (FLOP)', 'log10 training compute', 'Team sector', 'Organization'],
    ...points.map((p) => [p.name, p.date, p.computeFlop, Math.log10(p.computeFlop), p.sector, p.organizations]),
  ]);
}

/**
 * The fit table as CSV: one row per (sector, segment), the CLI's fields, unrounded. Numbers (slopes
 * and intervals may be negative) are written as numbers, never formula-escaped (`stringifyCsv`).
 */
export function fitsCsv(fits: readonly FitRow[]): string {
  return stringifyCsv([
    ['Team sector', 'From', 'To', 'n', 'Slope (OOM/year)', 'Intercept', 'R2', 'Doubling time (months)', 'Slope 95% CI low', 'Slope 95% CI high'],
    ...fits.map((f) => [f.sector, f.segment.from ?? '', f.segment.to ?? '', f.n, f.slope_oom_per_year, f.intercept, f.r2 ?? '', f.doubling_time_months ?? '', f.slope_ci95[0], f.slope_ci95[1]]),
  ]);
}

/**
 * The fit table as a Markdown table for a paper's draft: sector, segment, n, OOM/year (2 decimals),
 * doubling time in months (1 decimal; "—" when the slope is not positive), the slope's 95% interval
 * and R² (2 decimals).
 */
export function fitsMarkdown(fits: readonly FitRow[]): string {
  const segment = (f: FitRow): string => `${f.segment.from ?? '…'} – ${f.segment.to ?? '…'}`;
  const rows = fits.map((f) =>
    [
      f.sector,
      segment(f),
      String(f.n),
      f.slope_oom_per_year.toFixed(2),
      f.doubling_time_months === null ? '—' : f.doubling_time_months.toFixed(1),
      `[${f.slope_ci95[0].toFixed(2)}, ${f.slope_ci95[1].toFixed(2)}]`,
      f.r2 === null ? '—' : f.r2.toFixed(2),
    ].join(' | '),
  );
  return [
    '| Team sector | Segment | n | OOM/year | Doubling time (months) | 95% CI (OOM/year) | R² |',
    '|---|---|---:|---:|---:|---|---:|',
    ...rows.map((r) => `| ${r} |`),
  ].join('\n') + '\n';
}

/**
 * The top-k share chart's numbers as CSV (chart 2 of the trends panel, the CLI's `shares`): one
 * row per calendar year and team sector, in the spec's sector order (Academia, Industry,
 * Collaboration, Other, Unknown): year, k, how many models were ranked that year (n: k, or fewer
 * in a short year), the sector's models among them and its share (a fraction 0–1, unrounded).
 * Long form, so a spreadsheet pivot or a plotting library takes it as it is. Never throws.
 */
export function sharesCsv(shares: SharesResult): string {
  return stringifyCsv([
    ['Year', 'Top k', 'Models ranked (n)', 'Team sector', 'Models of the sector', 'Share'],
    ...shares.years.flatMap((row) => TEAM_SECTORS.map((sector) => [row.year, shares.top, row.n, sector, Math.round(row[sector] * row.n), row[sector]])),
  ]);
}

/** Models of one publication year by team sector (chart 3), and of those the ones with a training compute. */
export interface CountYearForExport extends Readonly<Record<TeamSector, number>> {
  year: number;
  withCompute: Readonly<Record<TeamSector, number>>;
}

/**
 * The models-per-year chart's numbers as CSV (chart 3 of the trends panel): one row per
 * publication year and team sector (spec order): year, sector, the models that year that pass
 * the filters (with or without training compute), of those the ones with a known training
 * compute (the dots of chart 1) and without. Years as given (ascending, none left out by the
 * time axis: the file holds the numbers, not the view). Never throws.
 */
export function countsCsv(counts: readonly CountYearForExport[]): string {
  return stringifyCsv([
    ['Year', 'Team sector', 'Models', 'With training compute', 'Without training compute'],
    ...counts.flatMap((row) => TEAM_SECTORS.map((sector) => [row.year, sector, row[sector], row.withCompute[sector], row[sector] - row.withCompute[sector]])),
  ]);
}
