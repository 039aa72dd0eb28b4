/**
 * Vega-Lite specifications of the findings tabs' charts, pure functions of the host's numbers
 * (`src/shared/findingsProtocol.ts`): the topics scatter (median training compute, log scale,
 * against the academic-only share; size the number of models; each topic labelled) and the
 * diffusion bars (per year or per period, Academia and Collaboration side by side, each bar
 * labelled with its counts). Colours are the sectors' fixed colours (`sectors.ts`).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { DiffusionCell, DiffusionView, TopicRow, TopicsView } from '../../src/shared/findingsProtocol.js';
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

/** The topics scatter. The x axis is log10 FLOP labelled as powers of ten (`1e23`). */
export function topicsSpec(view: TopicsView, theme: ChartTheme, size: ChartSize, title?: ChartTitle): TopLevelSpec {
  const values: TopicPoint[] = scatterTopics(view).map((t) => ({ topic: t.topic, x: t.medianLog10Flop!, y: t.academiaShare!, n: t.nModels }));
  const xs = values.map((v) => v.x);
  const lo = xs.length ? Math.floor(Math.min(...xs) - 0.3) : 18;
  const hi = xs.length ? Math.ceil(Math.max(...xs) + 0.3) : 26;
  const yMax = Math.min(1, Math.max(0.1, ...values.map((v) => v.y)) * 1.15);
  const x = { field: 'x', type: 'quantitative', scale: { domain: [lo, hi], zero: false, nice: false }, axis: { title: 'Median training compute (FLOP, log scale)', tickMinStep: 1, labelExpr: "'1e' + datum.value", grid: true } } as const;
  const y = { field: 'y', type: 'quantitative', scale: { domain: [0, yMax], nice: true }, axis: { title: 'Academic-only share of models', format: '.0%', grid: true } } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    ...sizing(size),
    ...titled(title),
    data: { values },
    layer: [
      {
        name: 'topics',
        mark: { type: 'circle', opacity: 0.85, stroke: theme.background, strokeWidth: 1, cursor: 'pointer' },
        encoding: {
          x,
          y,
          size: { field: 'n', type: 'quantitative', scale: { range: [40, 900] }, legend: { title: 'Models', orient: 'top', direction: 'horizontal', symbolFillColor: SECTOR_COLOURS.Academia, symbolOpacity: 0.6 } },
          color: { value: SECTOR_COLOURS.Academia },
        },
      },
      {
        name: 'topicLabels',
        mark: { type: 'text', align: 'left', dx: 9, dy: -6, fontSize: Math.max(10, theme.fontSize - 2), color: theme.foreground },
        encoding: { x, y, text: { field: 'topic', type: 'nominal' } },
      },
    ],
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
