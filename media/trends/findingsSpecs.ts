/**
 * Vega-Lite specifications of the findings tabs' charts, pure functions of the host's numbers
 * (`src/shared/findingsProtocol.ts`): the topics scatter (median training compute, log scale,
 * against the academic-only share; size the number of models; each topic labelled) and the
 * diffusion bars (per year or per period, Academia and Collaboration side by side, each bar
 * labelled with its counts). Colours are the sectors' fixed colours (`sectors.ts`).
 */
import type { TopLevelSpec } from 'vega-lite';
import { TIME_VIEW_LIMIT, type DiffusionCell, type DiffusionView, type TopicRow, type TopicsView, type TopicTimeRow } from '../../src/shared/findingsProtocol.js';
import { placeLabels } from '../../src/shared/labelPlacement.js';
import { SECTOR_COLOURS } from './sectors.js';
import { sizing, titled, type ChartSize, type ChartTitle } from './specs.js';
import type { ChartTheme } from './theme.js';

/** The topics the scatter draws: those that enter Spearman's rho (k of them). */
export function scatterTopics(view: TopicsView): TopicRow[] {
  return view.topics.filter((t) => t.inCorrelation && t.medianLog10Flop !== null && t.academiaShare !== null);
}

/** A datum of the scatter. */
export interface TopicPoint {
  topic: string;
  x: number;
  y: number;
  n: number;
}

/** Room the topics scatter leaves beside its plot for the y axis, its labels and its title. */
const TOPICS_AXIS_WIDTH = 80;
/** The size scale of the scatter's circles: area in px², linear in the number of models from 0. */
const SIZE_RANGE: [number, number] = [40, 900];

/** A label of the scatter: its anchor in data coordinates (x log10 FLOP, y share) and its topic. */
export interface TopicLabel {
  topic: string;
  x: number;
  y: number;
}

/**
 * The topics scatter. The x axis is log10 FLOP labelled as powers of ten (`1e23`). The plot area
 * is exactly `size.width` (less the axis room when `size.fit`) × `size.height` with fixed domains,
 * so the labels can be placed in pixels without overlaps (`placeLabels`): the topics with the most
 * models get theirs first, and a topic whose label fits nowhere is named by the table, the
 * tooltip and the CSV.
 */
export function topicsSpec(view: TopicsView, theme: ChartTheme, size: ChartSize, title?: ChartTitle): TopLevelSpec {
  const values: TopicPoint[] = scatterTopics(view).map((t) => ({ topic: t.topic, x: t.medianLog10Flop!, y: t.academiaShare!, n: t.nModels }));
  const xs = values.map((v) => v.x);
  const lo = xs.length ? Math.floor(Math.min(...xs) - 0.3) : 18;
  const hi = xs.length ? Math.ceil(Math.max(...xs) + 0.3) : 26;
  // A round top (10% steps) so that the domain is the one drawn: no `nice` moves it after placement.
  const yMax = Math.min(1, Math.ceil(Math.max(0.1, ...values.map((v) => v.y)) * 1.15 * 10) / 10);
  const maxN = Math.max(1, ...values.map((v) => v.n));
  const plotWidth = Math.max(120, size.fit ? size.width - TOPICS_AXIS_WIDTH : size.width);
  const plotHeight = size.height;
  const fontSize = Math.max(10, theme.fontSize - 2);
  const placements = placeLabels(
    values.map((v) => ({
      x: ((v.x - lo) / (hi - lo)) * plotWidth,
      y: (1 - v.y / yMax) * plotHeight,
      r: Math.sqrt((SIZE_RANGE[0] + ((SIZE_RANGE[1] - SIZE_RANGE[0]) * v.n) / maxN) / Math.PI),
      text: v.topic,
      priority: v.n,
    })),
    plotWidth,
    plotHeight,
    fontSize,
  );
  const labels = (align: 'left' | 'right' | 'center'): TopicLabel[] =>
    placements.filter((p) => p.align === align).map((p) => ({ topic: values[p.index].topic, x: lo + (p.x / plotWidth) * (hi - lo), y: yMax * (1 - p.y / plotHeight) }));
  const x = { field: 'x', type: 'quantitative', scale: { domain: [lo, hi], zero: false, nice: false }, axis: { title: 'Median training compute (FLOP, log scale)', tickMinStep: 1, labelExpr: "'1e' + datum.value", grid: true } } as const;
  const y = { field: 'y', type: 'quantitative', scale: { domain: [0, yMax], nice: false }, axis: { title: 'Academic-only share of models', format: '.0%', grid: true } } as const;
  const labelLayer = (name: string, align: 'left' | 'right' | 'center') => ({
    name,
    data: { values: labels(align) },
    mark: { type: 'text', align, baseline: 'middle', fontSize, color: theme.foreground },
    encoding: { x, y, text: { field: 'topic', type: 'nominal' } },
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: plotWidth,
    height: plotHeight,
    autosize: { type: 'pad', contains: 'content' },
    ...titled(title),
    data: { values },
    layer: [
      {
        name: 'topics',
        mark: { type: 'circle', opacity: 0.85, stroke: theme.background, strokeWidth: 1, cursor: 'pointer' },
        encoding: {
          x,
          y,
          size: { field: 'n', type: 'quantitative', scale: { domain: [0, maxN], range: SIZE_RANGE }, legend: { title: 'Models', orient: 'top', direction: 'horizontal', symbolFillColor: SECTOR_COLOURS.Academia, symbolOpacity: 0.6 } },
          color: { value: SECTOR_COLOURS.Academia },
        },
      },
      labelLayer('topicLabels', 'left'),
      labelLayer('topicLabelsLeft', 'right'),
      labelLayer('topicLabelsAbove', 'center'),
    ],
  } as unknown as TopLevelSpec;
}

/** A datum of the time view: one topic (or all topics) in one period. */
export interface TimeDatum {
  topic: string;
  period: string;
  /** The period as the axis writes it (`2010–14`): four periods fit under a small panel. */
  short: string;
  share: number;
  n: number;
  nAcademia: number;
  counts: string;
  all: boolean;
}

/** The name of the all-rows small multiple. */
export const ALL_TOPICS = 'All topics';

/**
 * The rows of the time view the small multiples draw: all topics first, then the topics of the
 * correlation in the host's order (the most models first), at most `TIME_VIEW_LIMIT`.
 */
export function timeViewRows(view: TopicsView): TopicTimeRow[] {
  const [all, ...topics] = view.timeView.rows;
  return all ? [all, ...topics.filter((r) => r.inCorrelation).slice(0, TIME_VIEW_LIMIT)] : [];
}

/**
 * The time view as small multiples (analyses.md, "Time view"): one panel per topic, a bar per
 * period whose height is the academic-only share of the topic's models in that period, labelled
 * with `academic-only/models`; all topics first, in grey. Periods without a model have no bar. The
 * y scale is shared, so the panels compare.
 */
export function topicsTimeSpec(view: TopicsView, theme: ChartTheme, size: ChartSize, title?: ChartTitle): TopLevelSpec {
  const rows = timeViewRows(view);
  const values: TimeDatum[] = rows.flatMap((r) =>
    r.cells.filter((c) => c.share !== null).map((c) => ({ topic: r.topic ?? ALL_TOPICS, period: c.period, short: shortPeriod(c.period), share: c.share!, n: c.n, nAcademia: c.nAcademia, counts: `${c.nAcademia}/${c.n}`, all: r.topic === null })),
  );
  const cellWidth = 170;
  const columns = Math.max(1, Math.min(rows.length, Math.floor((size.width - 40) / (cellWidth + 50))));
  const top = Math.max(0.1, ...values.map((v) => v.share));
  // Room above the tallest bar for its counts, so that every panel's header sits at the same height.
  const yMax = Math.ceil(top * 1.25 * 10) / 10;
  const step = top > 0.5 ? 0.5 : top > 0.2 ? 0.25 : 0.1;
  const ticks = [0, 1, 2, 3].map((i) => i * step).filter((t) => t <= Math.min(1, yMax) + 1e-9);
  const periods = view.timeView.periods.map(shortPeriod);
  const x = { field: 'short', type: 'ordinal', sort: periods, scale: { domain: periods }, axis: { title: null, labelAngle: 0, labelFontSize: Math.max(8, theme.fontSize - 4), labelOverlap: false } } as const;
  const y = { field: 'share', type: 'quantitative', scale: { domain: [0, yMax], nice: false }, axis: { title: null, format: '.0%', values: ticks, grid: true } } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    ...titled(title),
    data: { values },
    facet: { field: 'topic', type: 'nominal', sort: rows.map((r) => r.topic ?? ALL_TOPICS), header: { title: null, labelFontSize: Math.max(10, theme.fontSize - 1), labelColor: theme.foreground, labelLimit: cellWidth } },
    columns,
    spacing: { column: 50, row: 16 },
    resolve: { axis: { x: 'independent', y: 'independent' } },
    spec: {
      width: cellWidth,
      height: 90,
      layer: [
        {
          name: 'topicsTime',
          mark: { type: 'bar', cursor: 'default' },
          encoding: { x, y, color: { condition: { test: 'datum.all', value: theme.muted }, value: SECTOR_COLOURS.Academia } },
        },
        {
          name: 'topicsTimeCounts',
          mark: { type: 'text', baseline: 'bottom', dy: -2, fontSize: Math.max(8, theme.fontSize - 4), color: theme.muted },
          encoding: { x, y, text: { field: 'counts', type: 'nominal' } },
        },
      ],
    },
  } as unknown as TopLevelSpec;
}

/** A datum of the diffusion chart: one bar. */
export interface DiffusionBar extends DiffusionCell {
  /** `3/20`: models on an industry open-weights base / the sector's models. */
  counts: string;
  value: number;
}

/** The bars of the diffusion chart: per year or per period, both series. */
export function diffusionBars(view: DiffusionView, by: 'year' | 'period'): DiffusionBar[] {
  const cells = by === 'year' ? view.years : view.periods;
  return cells.map((c) => {
    const numerator = view.hasOpenWeights ? c.nBaseIndustryOpen : c.nBaseIndustry;
    return { ...c, value: (view.hasOpenWeights ? c.share : c.nModels > 0 ? c.nBaseIndustry / c.nModels : null) ?? 0, counts: `${numerator ?? 0}/${c.nModels}` };
  });
}

/** The diffusion chart: grouped bars, Academia then Collaboration, with their counts above. */
export function diffusionSpec(view: DiffusionView, by: 'year' | 'period', theme: ChartTheme, size: ChartSize, title?: ChartTitle): TopLevelSpec {
  const values = diffusionBars(view, by);
  const labels = [...new Map(values.map((v) => [v.order, v.label])).values()];
  const yMax = Math.max(0.05, ...values.map((v) => v.value)) * 1.2;
  const x = { field: 'label', type: 'ordinal', sort: labels, axis: { title: null, labelAngle: 0, labelOverlap: true } } as const;
  const xOffset = { field: 'group', type: 'nominal', sort: ['Academia', 'Collaboration'] } as const;
  const y = { field: 'value', type: 'quantitative', scale: { domain: [0, Math.min(1, yMax)], nice: true }, axis: { title: view.hasOpenWeights ? 'Share on an industry open-weights base' : 'Share on an industry base model', format: '.0%', grid: true } } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    ...sizing(size),
    ...titled(title),
    data: { values },
    layer: [
      {
        name: 'diffusion',
        mark: { type: 'bar', cursor: 'default' },
        encoding: {
          x,
          xOffset,
          y,
          color: { field: 'group', type: 'nominal', scale: { domain: ['Academia', 'Collaboration'], range: [SECTOR_COLOURS.Academia, SECTOR_COLOURS.Collaboration] }, legend: { title: null, symbolType: 'square' } },
        },
      },
      {
        name: 'diffusionCounts',
        mark: { type: 'text', baseline: 'bottom', dy: -2, fontSize: Math.max(9, theme.fontSize - 3), color: theme.muted },
        encoding: { x, xOffset, y, text: { field: 'counts', type: 'nominal' } },
      },
    ],
  } as unknown as TopLevelSpec;
}

/** `2010-2014` → `2010–14`, `2023-` → `2023–`, `-2009` → `–2009`: a period short enough for a small panel. */
export function shortPeriod(label: string): string {
  const m = /^(\d{4})-(\d{4})$/.exec(label);
  if (m && m[1].slice(0, 2) === m[2].slice(0, 2)) return `${m[1]}–${m[2].slice(2)}`;
  return label.replace('-', '–');
}
