import { displayList, displayText, escapeControls, stringifyJsonSafe } from '../core/text/displaySafe';
import { applyLabelsForCli, checkLabelLog, type LabelsApplied } from './applyLabelsForCli';
import type { Command } from 'commander';
import { isIsoDate } from '../core/trends/decimalYear';
import { filterPapers, notabilityValues, type TrendFilter } from '../core/dataset/filters';
import { DECISION_CHOICES, parseDecisionChoices } from '../core/labels/decisions';
import { NO_DOMAIN } from '../core/dataset/paperGroups';
import { TEAM_SECTORS, type Dataset, type Paper, type TeamSector } from '../core/dataset/model';
import { computeTrends, DEFAULT_BREAKS, trendPoints, type FitRow, type Segment, type TrendPoint, type TrendsResult } from '../core/trends/trends';
import { FRONTIER_COLUMN, FRONTIER_DEFINITIONS, frontierColumn, frontierTrends, isFrontierFlagged, type FrontierDefinition } from '../core/trends/largeScale';
import { PRESETS, presetFilter, type PresetName } from '../core/dataset/presets';
import { countCollaborationsByLeaning } from '../core/sector/leaning';
import { parseTop } from './sharesCommand';
import { CliError } from './cliError';
import { loadBytesForCli, loadForCli } from './loadForCli';
import type { CliIo } from './main';

/** The panel's filters and `--labels`, as commander hands them to `trends` and `shares`. */
export interface FilterOptions {
  since?: string;
  until?: string;
  domain?: string[];
  notability?: string[];
  sector?: string[];
  decision?: string[];
  labels?: string;
  /** `--preset paper|large-scale`: filters set first, then overridden by the explicit ones. */
  preset?: string;
  /** `--collaborations-by-leaning`: count leaning collaborations with the sector they lean to. */
  collaborationsByLeaning?: boolean;
}

/** Options of `compute-divide trends`. */
export interface TrendsOptions extends FilterOptions {
  json?: boolean;
  breaks?: string;
  /** `--frontier [top-k|sector-top-k|flag]`: true when given without a value. */
  frontier?: string | boolean;
  /** k of the frontier's top-k (default 10). */
  top?: string;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Add the filters of cli.md ("Filters") and `--labels` to a command. */
export function addFilterOptions(command: Command): Command {
  return command
    .option('--since <date>', 'only papers published on or after YYYY-MM-DD')
    .option('--until <date>', 'only papers published before YYYY-MM-DD (exclusive)')
    .option('--domain <name>', 'only papers of this domain (repeatable)', collect)
    .option('--notability <text>', 'only papers whose notability criteria contain this text (repeatable)', collect)
    .option('--sector <name>', `only papers of this team sector: ${TEAM_SECTORS.join(', ')} (repeatable)`, collect)
    .option('--decision <decision>', `only papers with this screening decision in --labels: ${DECISION_CHOICES.join(', ')} (repeatable)`, collect)
    .option('--labels <file>', 'label log (JSON Lines) whose labels are applied first')
    .option('--preset <name>', `set the filters of a preset first: ${PRESETS.join(' or ')} (filters given explicitly win)`)
    .option('--collaborations-by-leaning', 'count academia-leaning collaborations as Academia and industry-leaning ones as Industry');
}

/**
 * Parse `--preset`: `paper` or `large-scale` (docs/cli.md; the spec's cli.md does not define
 * presets), case-insensitively; absent gives undefined.
 *
 * @throws CliError naming the value and the choices
 */
export function parsePreset(raw: string | undefined): PresetName | undefined {
  if (raw === undefined) return undefined;
  const found = PRESETS.find((p) => p === raw.trim().toLowerCase());
  if (found === undefined) throw new CliError(`--preset: "${raw}" is not one of ${PRESETS.join(', ')}`);
  return found;
}

/**
 * Turn the filter options into a `TrendFilter`. Sectors are matched case-insensitively to the five
 * team sectors of sector-and-dataset.md; decisions to include, exclude, maybe, undecided
 * (`parseDecisionChoices`); a decision is read from the label log, so `--decision` needs `--labels`.
 *
 * @throws CliError naming the option and what was expected for a date that is not a real
 *   `YYYY-MM-DD` calendar date, a sector that is not one of the five, a decision that is not one of
 *   the four, or `--decision` without `--labels`
 */
export function parseFilter(options: FilterOptions): TrendFilter {
  for (const key of ['since', 'until'] as const) {
    const value = options[key];
    if (value !== undefined && !isIsoDate(value)) throw new CliError(`--${key}: "${value}" is not a real calendar date; expected YYYY-MM-DD`);
  }
  const sectors = options.sector?.map((raw): TeamSector => {
    const sector = TEAM_SECTORS.find((s) => s.toLowerCase() === raw.trim().toLowerCase());
    if (sector === undefined) throw new CliError(`--sector: unknown team sector "${raw}"; expected one of ${TEAM_SECTORS.join(', ')}`);
    return sector;
  });
  let decisions: TrendFilter['decisions'];
  if (options.decision !== undefined) {
    try {
      decisions = parseDecisionChoices(options.decision);
    } catch (error) {
      throw new CliError(`--decision: ${(error as Error).message}`);
    }
    if (options.labels === undefined) throw new CliError('--decision needs --labels FILE: decisions are read from the label log');
  }
  const preset = parsePreset(options.preset);
  const base: TrendFilter = preset ? presetFilter(preset) : {};
  const filter: TrendFilter = { ...base, domains: options.domain, sectors, ...(decisions ? { decisions } : {}) };
  // An explicit option wins over the preset's value of the same filter.
  if (options.since !== undefined) filter.since = options.since;
  if (options.until !== undefined) filter.until = options.until;
  if (options.notability !== undefined) filter.notability = options.notability;
  return filter;
}

/**
 * Load FILE, apply `--labels` (effective categories and team sectors, labels.md), and return the
 * filtered points.
 *
 * @throws CliError for a missing label log, a missing or unreadable FILE, or one that is not an
 *   Epoch table
 */
export async function loadFilteredPoints(file: string, filter: TrendFilter, labels: string | undefined, io: CliIo, byLeaning = false): Promise<TrendPoint[]> {
  return (await loadFilteredPointsOf(file, filter, labels, io, byLeaning)).points;
}

/**
 * `loadFilteredPoints`, also returning the labelled dataset (for columns such as Epoch's frontier
 * flag).
 *
 * @throws CliError as `loadFilteredPoints`
 */
export async function loadFilteredPointsOf(file: string, filter: TrendFilter, labels: string | undefined, io: CliIo, byLeaning = false): Promise<{ dataset: Dataset; points: TrendPoint[] }> {
  const dataset = await loadLabelledForCli(file, filter, labels, io, byLeaning);
  return { dataset, points: trendPoints(filterPapers(dataset.papers, filter)) };
}

/**
 * Load FILE and apply `--labels` (labels.md), warning on stderr about `--domain`/`--notability`
 * values no row has; the filters themselves are left to the caller (the analyses filter inside).
 *
 * @throws CliError for a missing label log, a missing or unreadable FILE, or one that is not an
 *   Epoch table
 */
export async function loadLabelledForCli(file: string, filter: TrendFilter, labels: string | undefined, io: CliIo, byLeaning = false): Promise<Dataset> {
  await checkLabelLog(labels);
  const labelled = await applyLabelsForCli(await loadForCli(file, io), labels, io);
  const dataset = byLeaning ? countCollaborationsByLeaning(labelled) : labelled;
  warnUnmatchedFilters(dataset.papers, filter, file, io);
  return dataset;
}

/**
 * `loadLabelledForCli`, also returning the table's bytes (hashed by the report) and what the label
 * log applied (null without `--labels`).
 *
 * @throws CliError as `loadLabelledForCli`
 */
export async function loadLabelledWithProvenance(file: string, filter: TrendFilter, labels: string | undefined, io: CliIo, byLeaning = false): Promise<{ dataset: Dataset; bytes: Uint8Array; applied: LabelsApplied | null }> {
  await checkLabelLog(labels);
  const loaded = await loadBytesForCli(file, io);
  let applied: LabelsApplied | null = null;
  const labelled = await applyLabelsForCli(loaded.dataset, labels, io, (a) => (applied = a));
  const dataset = byLeaning ? countCollaborationsByLeaning(labelled) : labelled;
  warnUnmatchedFilters(dataset.papers, filter, file, io);
  return { dataset, bytes: loaded.bytes, applied };
}

/**
 * A `--domain` or `--notability` value that no row has gives empty results without an error (the
 * spec's behaviour); say so on stderr, with the values the table does have, since it is most often
 * a typo.
 */
function warnUnmatchedFilters(papers: readonly Paper[], filter: TrendFilter, file: string, io: CliIo): void {
  const domains = new Map<string, string>();
  for (const p of papers) for (const d of p.domains) if (!domains.has(d.toLowerCase())) domains.set(d.toLowerCase(), d);
  for (const wanted of filter.domains ?? [])
    if (!domains.has(wanted.toLowerCase()) && !(wanted.toLowerCase() === NO_DOMAIN.toLowerCase() && papers.some((p) => p.domains.length === 0)))
      io.stderr(`${escapeControls(file)}: --domain "${displayText(wanted)}" matches no row; the table's domains are: ${displayList([...domains.values()].sort())}\n`);
  const criteria = notabilityValues(papers).map((v) => v.value);
  for (const wanted of filter.notability ?? [])
    if (!criteria.some((c) => c.toLowerCase().includes(wanted.toLowerCase())))
      io.stderr(`${escapeControls(file)}: --notability "${displayText(wanted)}" matches no row; the table's notability criteria are: ${displayList(criteria)}\n`);
}

/**
 * Parse `--breaks`: `YYYY-MM-DD,YYYY-MM-DD…`; the empty string means no break (one segment, all
 * time); absent means the default breaks of trends.md.
 *
 * @throws CliError for a part that is not a real calendar date or a repeated date
 */
export function parseBreaks(raw: string | undefined): string[] {
  if (raw === undefined) return [...DEFAULT_BREAKS];
  const breaks = raw.trim() === '' ? [] : raw.split(',').map((b) => b.trim());
  const expected = 'expected YYYY-MM-DD,YYYY-MM-DD (or "" for one segment)';
  for (const b of breaks) if (!isIsoDate(b)) throw new CliError(`--breaks: "${b}" is not a real calendar date; ${expected}`);
  const repeated = breaks.find((b, i) => breaks.indexOf(b) !== i);
  if (repeated !== undefined) throw new CliError(`--breaks: ${repeated} is given twice; break dates must be distinct`);
  return breaks;
}

/**
 * `compute-divide trends FILE [--json] [--breaks …] [filters] [--labels FILE]` (spec cli.md):
 * OLS fits of log10 training compute (FLOP) on decimal years per team sector and segment
 * (trends.md). With `--json`, one JSON object (`{points, fits}`, numbers unrounded); otherwise a
 * table: sector, segment, n, OOM/year, doubling time (months), 95% CI of the slope, R².
 *
 * @throws CliError for a bad option value (checked before FILE is read) or an unreadable FILE
 */
export async function trendsCommand(file: string, options: TrendsOptions, io: CliIo): Promise<void> {
  const breaks = parseBreaks(options.breaks);
  const frontier = parseFrontier(options.frontier);
  const top = parseTop(options.top);
  if (options.top !== undefined && frontier === undefined) throw new CliError('--top needs --frontier: it is the k of the frontier\'s top-k per year');
  const filter = parseFilter(options);
  const { dataset, points } = await loadFilteredPointsOf(file, filter, options.labels, io, options.collaborationsByLeaning);
  const result: TrendsResult & { frontier?: { definition: FrontierDefinition; top?: number; points: number }; frontier_fits?: FitRow[] } = computeTrends(points, breaks);
  if (frontier !== undefined) {
    let flagged: ((id: string) => boolean) | undefined;
    if (frontier === 'flag') {
      const column = frontierColumn(dataset.headers);
      if (column === undefined) throw new CliError(`--frontier flag: ${escapeControls(file)} has no "${FRONTIER_COLUMN}" column (Epoch's notable-models exports have it from 2025 on); use --frontier top-k or sector-top-k`);
      const byId = new Map(dataset.papers.map((p) => [p.id, p]));
      flagged = (id) => isFrontierFlagged(byId.get(id)!, column);
    }
    const fits = frontierTrends(points, breaks, frontier, top, flagged);
    result.frontier = { definition: frontier, ...(frontier === 'flag' ? {} : { top }), points: fits.points };
    result.frontier_fits = fits.fits;
  }
  if (options.json) {
    io.stdout(`${stringifyJsonSafe(result)}\n`);
    return;
  }
  const lines = [`Dataset  ${file}`, `Points   ${result.points} (publication date and training compute > 0)`];
  if (options.collaborationsByLeaning) lines.push('Sectors  leaning collaborations counted as Academia or Industry');
  lines.push('');
  if (result.fits.length === 0) lines.push('No fit: each needs at least 3 points with different publication dates.');
  else lines.push(...fitTable(result.fits));
  if (result.frontier && result.frontier_fits) {
    lines.push('', `Frontier: ${frontierLabel(result.frontier.definition, top)}; ${result.frontier.points} points`, '');
    if (result.frontier_fits.length === 0) lines.push('No frontier fit: each needs at least 3 points with different publication dates.');
    else lines.push(...fitTable(result.frontier_fits));
  }
  io.stdout(`${lines.join('\n')}\n`);
}

/** The frontier's definition in words, for the readable output. */
export function frontierLabel(definition: FrontierDefinition, top: number): string {
  switch (definition) {
    case 'top-k':
      return `each year's ${top} largest models by training compute`;
    case 'sector-top-k':
      return `each year's ${top} largest models of each team sector`;
    case 'flag':
      return `models with Epoch's "${FRONTIER_COLUMN}" flag`;
  }
}

/**
 * Parse `--frontier [top-k|sector-top-k|flag]` (docs/cli.md; not in the spec's cli.md): absent gives
 * undefined, the bare option `top-k`.
 *
 * @throws CliError naming the value and the choices
 */
export function parseFrontier(raw: string | boolean | undefined): FrontierDefinition | undefined {
  if (raw === undefined || raw === false) return undefined;
  if (raw === true) return 'top-k';
  const found = FRONTIER_DEFINITIONS.find((d) => d === raw.trim().toLowerCase());
  if (found === undefined) throw new CliError(`--frontier: "${raw}" is not one of ${FRONTIER_DEFINITIONS.join(', ')}`);
  return found;
}

function fitTable(fits: readonly FitRow[]): string[] {
  const header = ['Sector', 'Segment', 'n', 'OOM/year', 'Doubling time (months)', '95% CI (OOM/year)', 'R²'];
  const rows = fits.map((f) => [
    f.sector,
    segmentLabel(f.segment),
    String(f.n),
    f.slope_oom_per_year.toFixed(3),
    f.doubling_time_months === null ? '—' : f.doubling_time_months.toFixed(1),
    `[${f.slope_ci95[0].toFixed(3)}, ${f.slope_ci95[1].toFixed(3)}]`,
    f.r2 === null ? '—' : f.r2.toFixed(3),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const leftAligned = 2;
  const format = (cells: string[]): string =>
    cells
      .map((c, i) => (i < leftAligned ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  return [format(header), ...rows.map(format)];
}

function segmentLabel(segment: Segment): string {
  if (segment.from === null && segment.to === null) return 'all time';
  return `${segment.from ?? '…'} – ${segment.to ?? '…'}`;
}
