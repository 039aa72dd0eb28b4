/**
 * What the findings report says (`../shared/spec/cli.md`, `report`): the data's provenance, the
 * parameters, the three findings of Besiroglu et al. with their tables and figures, and a methods
 * paragraph, as blocks (blocks.ts) that render to Markdown and HTML.
 */
import type { TrendFilter } from '../dataset/filters';
import { TEAM_SECTORS } from '../dataset/model';
import { formatFlop } from '../text/format';
import { DIFFUSION_GROUPS, type DiffusionCounts, type DiffusionResult } from '../analyses/diffusion';
import type { TopicNumbers, TopicsResult } from '../analyses/topics';
import type { SharesResult, TrendPoint, TrendsResult, FitRow } from '../trends/trends';
import type { Block, Inline } from './blocks';
import { computeFigure, diffusionFigure, sharesFigure, topicsFigure, type FigureSpec } from './figures';

/** The input table, as the report states it. */
export interface ReportSource {
  /** The file name shown (the base name: a report goes into papers, a home folder need not). */
  file: string;
  sha256: string;
  bytes: number;
  rows: number;
  rowsWithDate: number;
  rowsWithCompute: number;
  /** Earliest and latest publication date in the table (the latest dates the snapshot). */
  firstDate: string | null;
  lastDate: string | null;
  /** Epoch's attribution for the table (CC BY 4.0). */
  attribution: { title: string; url: string; licence: string; licenceUrl: string };
}

/** The label log applied, as the report states it; null when none. */
export interface ReportLabels {
  file: string;
  sha256: string;
  events: number;
  annotators: string[];
  organizations: number;
  papers: number;
  models: number;
}

/** Every parameter of the three analyses, with the value used. */
export interface ReportParameters {
  breaks: readonly string[];
  top: number;
  by: 'domain' | 'task';
  topQuantile: number;
  minModels: number;
  periods: readonly string[];
  open: 'any' | 'unrestricted';
  /** The preset whose filters were set first (`--preset`), when one was given. */
  preset?: 'paper' | 'large-scale';
  /** True when leaning collaborations were counted with the sector they lean to. */
  collaborationsByLeaning?: boolean;
}

export interface ReportInputs {
  version: string;
  source: ReportSource;
  labels: ReportLabels | null;
  filter: TrendFilter;
  parameters: ReportParameters;
  points: readonly TrendPoint[];
  trends: TrendsResult;
  shares: SharesResult;
  topics: TopicsResult;
  diffusion: DiffusionResult;
}

/** The figures' SVG file names, in order (beside report.md and report.html). */
export const FIGURE_FILES = ['report-figure-1-compute.svg', 'report-figure-2-top-k.svg', 'report-figure-3-topics.svg', 'report-figure-4-diffusion.svg'] as const;

/** The report's title. */
export const REPORT_TITLE = 'The compute divide on this data: three findings';

const PAPER = 'Besiroglu, T., Bergerson, S. A., Michael, A., Heim, L., Luo, X., & Thompson, N. (2024). The Compute Divide in Machine Learning: A Threat to Academic Contribution and Scrutiny? arXiv:2401.02452.';
const SEVILLA = 'Sevilla, J., Heim, L., Ho, A., Besiroglu, T., Hobbhahn, M., & Villalobos, P. (2022). Compute Trends Across Three Eras of Machine Learning. arXiv:2202.05924.';

/** A fraction as a percentage with one decimal; `—` for null. */
export const pct = (x: number | null): string => (x === null ? '—' : `${(100 * x).toFixed(1)}%`);
const fixed = (x: number | null, digits: number): string => (x === null ? '—' : x.toFixed(digits));
/** A p-value with three significant digits; `—` for null. */
export const pValue = (p: number | null): string => (p === null ? '—' : p.toPrecision(3));
const segmentText = (f: FitRow): string => (f.segment.from === null && f.segment.to === null ? 'all time' : `${f.segment.from ?? '…'} – ${f.segment.to ?? '…'}`);
const count = (n: number, noun: string): string => `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;

/**
 * The report's blocks and figure specifications for `inputs`: provenance (file, SHA-256, size,
 * rows, publication-date range, filters, labels applied, Epoch's CC BY 4.0 attribution, software
 * version), the parameter table, finding 1 (fits per team sector and segment with doubling times
 * and 95% intervals; each year's top-k shares), finding 2 (topics, the top-quantile sentence,
 * Spearman's rho with k, p and the caution; the time view), finding 3 (diffusion per period and
 * per year with counts; unmatched base models), the methods paragraph and the references. Numbers
 * are rounded as the CLI's tables round them. Pure and deterministic: no clock, no locale.
 */
export function reportContent(inputs: ReportInputs): { blocks: Block[]; figures: FigureSpec[] } {
  const figures: FigureSpec[] = [
    { id: 'figure-1', file: FIGURE_FILES[0], title: 'Training compute by team sector', alt: 'Scatter plot of log10 training compute over publication year, one colour per team sector, with the fitted trend line of each sector in each segment.', spec: computeFigure(inputs.points, inputs.trends) },
    { id: 'figure-2', file: FIGURE_FILES[1], title: 'Largest models by team sector', alt: `Stacked bars per year: the share of that year's ${inputs.shares.top} largest models by training compute built by each team sector.`, spec: sharesFigure(inputs.shares) },
    { id: 'figure-3', file: FIGURE_FILES[2], title: 'Topics: compute and academic-only share', alt: 'Scatter plot of topics: median log10 training compute against the share of the topic\'s models built by academic-only teams; circle size is the number of models.', spec: topicsFigure(inputs.topics) },
    { id: 'figure-4', file: FIGURE_FILES[3], title: 'Models built on open industry base models', alt: 'Lines per publication year: the share of academic, collaboration and industry models built on an industry base model with open weights.', spec: diffusionFigure(inputs.diffusion) },
  ];
  const figure = (i: number, caption: string): Block => ({ kind: 'figure', id: figures[i].id, file: figures[i].file, alt: figures[i].alt, caption: `Figure ${i + 1}. ${figures[i].title}. ${caption}` });
  const blocks: Block[] = [{ kind: 'heading', level: 1, text: REPORT_TITLE }];
  blocks.push(...provenance(inputs), ...parameterBlocks(inputs));
  blocks.push(...findingOne(inputs, figure), ...findingTwo(inputs, figure), ...findingThree(inputs, figure), ...methods(inputs), ...references(inputs));
  return { blocks, figures };
}

function filterText(filter: TrendFilter): Inline[][] {
  const items: Inline[][] = [];
  if (filter.since !== undefined) items.push(['Published on or after ', { code: filter.since }]);
  if (filter.until !== undefined) items.push(['Published before ', { code: filter.until }, ' (exclusive)']);
  if (filter.domains?.length) items.push([`Domain: ${filter.domains.join(', ')}`]);
  if (filter.notability?.length) items.push([`Notability criteria containing: ${filter.notability.join(', ')}`]);
  if (filter.sectors?.length) items.push([`Team sector: ${filter.sectors.join(', ')}`]);
  if (filter.decisions?.length) items.push([`Screening decision: ${filter.decisions.join(', ')}`]);
  if (filter.minComputeFlop !== undefined) items.push([`Training compute at least ${formatFlop(filter.minComputeFlop)}`]);
  if (filter.text) items.push(['Model name contains ', { code: filter.text }]);
  return items;
}

function provenance({ source, labels, filter, version }: ReportInputs): Block[] {
  const filters = filterText(filter);
  return [
    { kind: 'heading', level: 2, text: 'Data' },
    {
      kind: 'list',
      items: [
        ['Table: ', { code: source.file }, ` (${count(source.bytes, 'byte')}), SHA-256 `, { code: source.sha256 }],
        [`Rows: ${source.rows.toLocaleString('en-US')}; with a publication date: ${source.rowsWithDate.toLocaleString('en-US')}; with a training compute: ${source.rowsWithCompute.toLocaleString('en-US')}`],
        [source.lastDate === null ? 'Snapshot date: unknown (no row has a publication date)' : `Snapshot date: ${source.lastDate} (the latest publication date in the table; the earliest is ${source.firstDate})`],
        filters.length === 0 ? ['Filters: none (every row counts)'] : ['Filters: ', ...filters.flatMap((f, i) => (i === 0 ? f : ['; ', ...f]))],
        labels === null
          ? ['Labels applied: none (team sectors as the table gives them)']
          : [
              'Labels applied: ',
              { code: labels.file },
              ` (SHA-256 `,
              { code: labels.sha256 },
              `): ${count(labels.events, 'event')} by ${count(labels.annotators.length, 'annotator')} (${labels.annotators.join(', ') || '—'}), labelling ${count(labels.organizations, 'organization')}, ${count(labels.papers, 'paper')} and ${count(labels.models, 'base model')}`,
            ],
        ['Data: ', { link: source.attribution.url, text: source.attribution.title }, `, licensed under `, { link: source.attribution.licenceUrl, text: source.attribution.licence }, '. Team sectors are derived from the table\'s organization categorization by Compute Divide.'],
        [`Software: Compute Divide ${version}`],
      ],
    },
  ];
}

function parameterBlocks({ parameters: p, filter }: ReportInputs): Block[] {
  return [
    { kind: 'heading', level: 2, text: 'Parameters' },
    {
      kind: 'table',
      header: ['Parameter', 'Value', 'Meaning'],
      align: 'lll',
      rows: [
        ['since', filter.since ?? 'open', 'window start (inclusive), all three findings'],
        ['until', filter.until ?? 'open', 'window end (exclusive), all three findings'],
        ['breaks', p.breaks.length === 0 ? 'none (one segment)' : p.breaks.join(', '), 'segment break dates of the trend fits'],
        ['top', String(p.top), 'largest models per year for the top-k shares'],
        ['by', p.by, 'topics from the Domain or the Task cell'],
        ['top-quantile', String(p.topQuantile), 'quantile of log10 training compute that starts the top rows'],
        ['min-models', String(p.minModels), 'fewest models a topic needs to enter the correlation'],
        ['periods', p.periods.join(', '), 'calendar-year periods of the time views'],
        ['open', p.open, 'which releases count as open weights'],
        ...(p.preset !== undefined ? [['preset', p.preset, 'the preset whose filters were set first (see Filters above)']] : []),
        ...(p.collaborationsByLeaning ? [['collaborations-by-leaning', 'yes', 'academia-leaning collaborations counted as Academia, industry-leaning ones as Industry, in all three findings']] : []),
      ],
    },
  ];
}

type FigureBlock = (i: number, caption: string) => Block;

function findingOne({ trends, shares, parameters }: ReportInputs, figure: FigureBlock): Block[] {
  const blocks: Block[] = [
    { kind: 'heading', level: 2, text: 'Finding 1: compute trends by team sector' },
    { kind: 'paragraph', inlines: [{ em: 'The claim tested: training compute grows far faster in industry than in academia.' }] },
    { kind: 'paragraph', inlines: [`${count(trends.points, 'model')} have a publication date and a training compute (the points). Each fit is an ordinary least-squares line of log10 training compute (FLOP) on the decimal year, per team sector and segment; the doubling time is 12·log10(2)/slope months and the interval is the analytic 95% interval of the slope.`] },
  ];
  if (trends.fits.length === 0) blocks.push({ kind: 'paragraph', inlines: ['No fit: each needs at least 3 points with different publication dates.'] });
  else
    blocks.push({
      kind: 'table',
      header: ['Team sector', 'Segment', 'n', 'OOM/year', 'Doubling time (months)', '95% CI low (OOM/year)', '95% CI high (OOM/year)', 'R²'],
      align: 'llrrrrrr',
      rows: trends.fits.map((f) => [f.sector, segmentText(f), String(f.n), f.slope_oom_per_year.toFixed(3), fixed(f.doubling_time_months, 1), f.slope_ci95[0].toFixed(3), f.slope_ci95[1].toFixed(3), fixed(f.r2, 3)]),
    });
  blocks.push(figure(0, `Points: models with a publication date and a training compute; lines: the fits of the table above (segments split at ${parameters.breaks.join(', ') || 'no date'}).`));
  blocks.push(
    { kind: 'heading', level: 3, text: `Who builds the ${shares.top} largest models of each year` },
    { kind: 'paragraph', inlines: [`For each calendar year, the ${shares.top} models with the largest training compute (ties by model id); the share of them built by each team sector. n is how many were ranked (fewer than ${shares.top} in a year with fewer points).`] },
  );
  if (shares.years.length === 0) blocks.push({ kind: 'paragraph', inlines: ['No year has a point.'] });
  else blocks.push({ kind: 'table', header: ['Year', 'n', ...TEAM_SECTORS], align: 'rrrrrrr', rows: shares.years.map((y) => [String(y.year), String(y.n), ...TEAM_SECTORS.map((s) => pct(y[s]))]) });
  blocks.push(figure(1, `Each bar is one year's ${shares.top} largest models by training compute.`));
  return blocks;
}

function topicRow(name: string, t: TopicNumbers): string[] {
  return [name, String(t.n_models), String(t.n_with_compute), fixed(t.median_log10_flop, 2), pct(t.shares.Academia), pct(t.shares.Industry), pct(t.shares.Collaboration), pct(t.shares_known_sector.Academia), String(t.top_quantile.n), pct(t.top_quantile.shares.Academia)];
}

function findingTwo({ topics: r }: ReportInputs, figure: FigureBlock): Block[] {
  const by = r.by === 'domain' ? 'Domain' : 'Task';
  const blocks: Block[] = [{ kind: 'heading', level: 2, text: 'Finding 2: academic-only teams by topic' }, { kind: 'paragraph', inlines: [{ em: 'The claim tested: academic-only teams are under-represented in compute-intensive topics, especially foundation models.' }] }];
  if (!r.available) return [...blocks, { kind: 'paragraph', inlines: [r.message ?? 'The topic analysis is not available on this table.'] }];
  const q = r.top_quantile;
  const o = r.overall!;
  const c = r.correlation!;
  blocks.push({ kind: 'paragraph', inlines: [`Topics are the parts of the ${by} cell. ${count(r.rows_in_window!, 'model')} are in the window (${count(r.rows_without_date!, 'row')} without a publication date left out); a model counts once under each of its topics.`] });
  blocks.push({
    kind: 'paragraph',
    inlines: [
      q.threshold_log10_flop === null
        ? 'No model in the window has a training compute: there is no top quantile.'
        : `Top quantile: log10 training compute ≥ ${q.threshold_log10_flop.toFixed(2)} (the ${q.q} quantile, 10^${q.threshold_log10_flop.toFixed(2)} FLOP). Academic-only share: ${pct(o.shares.Academia)} of all ${r.rows_in_window} models, ${pct(o.top_quantile.shares.Academia)} of the ${q.n} top-quantile models.`,
    ],
  });
  blocks.push({
    kind: 'paragraph',
    inlines:
      c.spearman_rho === null
        ? [`Correlation: ${c.note ?? 'not defined'} (k = ${c.n_topics} topics with ≥ ${r.parameters.min_models} models).`]
        : [
            `Spearman's rho between a topic's median training compute and its academic-only share: rho = ${c.spearman_rho.toFixed(3)} over k = ${c.n_topics} topics with ≥ ${r.parameters.min_models} models (p = ${pValue(c.p_value)}${c.p_exact === null ? '' : `; exact permutation p = ${pValue(c.p_exact)}`}). `,
            { em: c.caution },
          ],
  });
  blocks.push({
    kind: 'table',
    header: ['Topic', 'Models', 'With compute', 'Median log10 FLOP', 'Academia', 'Industry', 'Collaboration', 'Academia (known sector)', 'Top-quantile n', 'Top quantile: Academia'],
    align: 'lrrrrrrrrr',
    rows: [...r.topics.map((t) => topicRow(t.topic, t)), topicRow('All models', o)],
  });
  blocks.push(figure(2, `Filled circles: the ${c.n_topics} topics that enter the correlation; triangles: topics with fewer than ${r.parameters.min_models} models. Topics without training compute are not drawn.`));
  const tv = r.time_view!;
  blocks.push(
    { kind: 'heading', level: 3, text: 'Academic-only share per period' },
    { kind: 'paragraph', inlines: ['Per topic and period: the academic-only share, then academic-only models / all models of the topic in that period.'] },
    {
      kind: 'table',
      header: ['Topic', ...tv.periods],
      align: `l${'r'.repeat(tv.periods.length)}`,
      rows: [...r.topics.map((t) => [t.topic, ...tv.topics[t.topic].map((cell) => `${pct(cell.academia_share)} (${cell.n_academia}/${cell.n})`)]), ['All models', ...tv.all_rows.map((cell) => `${pct(cell.academia_share)} (${cell.n_academia}/${cell.n})`)]],
    },
  );
  return blocks;
}

function diffusionRow(first: string, second: string, c: DiffusionCounts): string[] {
  return [first, second, String(c.n_models), String(c.n_with_base), String(c.n_base_matched), String(c.n_base_industry), c.n_base_industry_open === null ? '—' : String(c.n_base_industry_open), pct(c.share_models_on_industry_open_base), pct(c.share_industry_of_matched)];
}

const DIFFUSION_HEADER = ['Models', 'With base model', 'Base matched', 'On industry base', 'On open industry base', 'Share on open industry base', 'Industry share of matched'];

/** How many unmatched base-model names the report lists. */
export const UNMATCHED_SHOWN = 25;

function findingThree({ diffusion: r }: ReportInputs, figure: FigureBlock): Block[] {
  const blocks: Block[] = [{ kind: 'heading', level: 2, text: "Finding 3: building on industry's open models" }, { kind: 'paragraph', inlines: [{ em: 'The claim tested: academic research increasingly builds on open pre-trained models released by industry.' }] }];
  if (!r.available) return [...blocks, { kind: 'paragraph', inlines: [r.message ?? 'The diffusion analysis is not available on this table.'] }];
  const groups = r.groups!;
  blocks.push({
    kind: 'paragraph',
    inlines: [`${count(r.rows_in_window!, 'model')} are in the window (${count(r.rows_without_date!, 'row')} without a publication date left out). A model is on an open industry base when one of the models its Base model cell names is a row of the table (any date) with team sector Industry and open weights. The share is over all models of the group.`],
  });
  const periodRows: string[][] = [];
  for (const g of DIFFUSION_GROUPS) {
    for (const p of groups[g].periods) periodRows.push(diffusionRow(g, p.period, p));
    periodRows.push(diffusionRow(g, 'total', groups[g].total));
  }
  blocks.push({ kind: 'heading', level: 3, text: 'Per period' }, { kind: 'table', header: ['Group', 'Period', ...DIFFUSION_HEADER], align: 'llrrrrrrr', rows: periodRows });
  blocks.push(figure(3, 'Years where the group has models; the counts behind each point are in the table by year.'));
  const yearRows: string[][] = [];
  for (const g of ['Academia', 'Collaboration'] as const) for (const y of groups[g].years) yearRows.push(diffusionRow(g, String(y.year), y));
  blocks.push({ kind: 'heading', level: 3, text: 'Per year, academic and collaboration models' }, { kind: 'table', header: ['Group', 'Year', ...DIFFUSION_HEADER], align: 'lrrrrrrrr', rows: yearRows });
  const links = r.base_model_links!;
  const coverage = r.base_column_coverage!;
  blocks.push(
    { kind: 'heading', level: 3, text: 'Unmatched base models' },
    {
      kind: 'paragraph',
      inlines: [
        `Base-model links: ${links.links}, of which ${links.unmatched} name no row of the table (${links.unmatched_distinct} distinct names)${links.labelled ? `; ${links.labelled} were found through model labels` : ''}. ${coverage.rows_with_base} of the table's ${coverage.rows} rows (${pct(coverage.share)}) have a Base model cell.`,
      ],
    },
  );
  const unmatched = r.unmatched_base_names;
  if (unmatched.length > 0)
    blocks.push({
      kind: 'table',
      header: ['Base model name', 'References', ...TEAM_SECTORS, 'Label'],
      align: 'lrrrrrrl',
      rows: unmatched.slice(0, UNMATCHED_SHOWN).map((u) => [u.name, String(u.count), ...TEAM_SECTORS.map((s) => String(u.sectors[s])), u.label ? [u.label.teamSector, u.label.openWeights].filter((v) => v !== null).join(', ') || '—' : '—']),
    });
  if (unmatched.length > UNMATCHED_SHOWN) blocks.push({ kind: 'paragraph', inlines: [`… and ${unmatched.length - UNMATCHED_SHOWN} more names (the CLI's diffusion command lists them all).`] });
  if (r.ambiguous_names.length > 0) blocks.push({ kind: 'paragraph', inlines: [`Names that match several rows (the first in file order was taken): ${r.ambiguous_names.map((a) => a.name).join(', ')}.`] });
  for (const note of r.notes) blocks.push({ kind: 'paragraph', inlines: [note] });
  return blocks;
}

function methods({ parameters: p, filter }: ReportInputs): Block[] {
  const window = `[${filter.since ?? 'open'}, ${filter.until ?? 'open'})`;
  return [
    { kind: 'heading', level: 2, text: 'Methods' },
    {
      kind: 'paragraph',
      inlines: [
        `Window: models published in ${window} (since inclusive, until exclusive); rows without a publication date are left out of every analysis. `,
        `Finding 1: points are models with a publication date and a training compute > 0, x the decimal year (UTC days), y log10 FLOP; ordinary least squares per team sector and segment, segments split at the break dates ${p.breaks.length === 0 ? '(none: one segment)' : p.breaks.join(' and ')} (after Sevilla et al. 2022); fits need at least 3 points with different dates; the 95% interval uses Student's t with n − 2 degrees of freedom; top-k shares take each year's top = ${p.top} models by training compute, ties broken by model id in code-point order. `,
        `Finding 2: topics by ${p.by === 'domain' ? 'Domain' : 'Task'} (parts split on commas, white space folded, case ignored); the top-quantile threshold is the top-quantile = ${p.topQuantile} quantile of log10 training compute over the window's distinct models with compute (linear interpolation, numpy's default); the correlation is Spearman's rho (average ranks for ties) over the topics with at least min-models = ${p.minModels} models and some compute, p two-sided from the t approximation with k − 2 degrees of freedom, and the exact permutation p when k ≤ 8. `,
        `Finding 3: a model's Base model cell is matched whole, else split on commas and re-joined greedily, against every row of the table (exact, then case-insensitive; never the row itself; the first of several hits); a parent's openness comes from Model accessibility, else Open model weights?, with open = ${p.open}. `,
        `Periods: ${p.periods.join(', ')} (calendar years, both ends inclusive). Team sectors follow the table's organization categorization (Academia, Industry, Collaboration, Other, Unknown), with the labels listed under Data applied first. Shares with a zero denominator are shown as —.`,
      ],
    },
  ];
}

function references({ source }: ReportInputs): Block[] {
  return [
    { kind: 'heading', level: 2, text: 'References' },
    {
      kind: 'list',
      items: [
        [`Epoch AI. ${source.attribution.title}. Published online at epoch.ai, `, { link: source.attribution.url, text: source.attribution.url }, `. ${source.attribution.licence}. Snapshot used: ${source.file}${source.lastDate ? `, publication dates to ${source.lastDate}` : ''}.`],
        [PAPER],
        [SEVILLA],
      ],
    },
  ];
}
