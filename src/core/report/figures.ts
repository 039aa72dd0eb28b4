/**
 * The report's figures as Vega-Lite specifications (data inline), in the light print style of the
 * trends panel's exports: white background, near-black text, the sectors' fixed colours.
 */
import type { Config, TopLevelSpec } from 'vega-lite' with { 'resolution-mode': 'import' };
import { TEAM_SECTORS, type TeamSector } from '../dataset/model';
import type { TopicsResult } from '../analyses/topics';
import type { DiffusionResult } from '../analyses/diffusion';
import { inSegment, type SharesResult, type TrendPoint, type TrendsResult } from '../trends/trends';

/**
 * The sectors' colours (Okabe & Ito 2008), the same as the trends panel's (`media/trends/sectors.ts`;
 * a unit test holds the two equal), so a sector keeps its colour across the panel, exports and the report.
 */
export const REPORT_SECTOR_COLOURS: Readonly<Record<TeamSector, string>> = {
  Academia: '#0072b2',
  Industry: '#d55e00',
  Collaboration: '#cc79a7',
  Other: '#009e73',
  Unknown: '#6b6b6b',
};

const FONT = 'Helvetica, Arial, sans-serif';
const INK = '#1f1f1f';
const MUTED = '#555555';

/** The print theme of the trends panel's exports (`media/trends/theme.ts`, `PRINT_THEME`), as Vega-Lite config. */
export const PRINT_CONFIG: Config = {
  background: '#ffffff',
  font: FONT,
  padding: { left: 4, right: 12, top: 6, bottom: 4 },
  view: { stroke: null },
  axis: {
    domainColor: INK,
    domainOpacity: 0.5,
    tickColor: INK,
    tickOpacity: 0.5,
    gridColor: INK,
    gridOpacity: 0.14,
    labelColor: MUTED,
    labelFont: FONT,
    labelFontSize: 11,
    titleColor: INK,
    titleFont: FONT,
    titleFontSize: 12,
    titleFontWeight: 600,
    labelOverlap: true,
  },
  legend: { labelLimit: 320, titleLimit: 320, labelColor: INK, labelFont: FONT, labelFontSize: 12, titleColor: INK, titleFont: FONT, titleFontSize: 12, orient: 'top', direction: 'horizontal', symbolSize: 110 },
  title: { color: INK, subtitleColor: MUTED, font: FONT, subtitleFont: FONT, fontSize: 14, subtitleFontSize: 11, fontWeight: 600, anchor: 'start', offset: 8 },
  text: { color: MUTED, font: FONT, fontSize: 11 },
};

/** One figure: its id (also the HTML anchor), the SVG file name, its title and text alternative, the spec. */
export interface FigureSpec {
  id: string;
  file: string;
  title: string;
  alt: string;
  spec: TopLevelSpec;
}

const WIDTH = 820;
const sectorScale = (sectors: readonly string[]) => ({ domain: [...sectors], range: sectors.map((s) => REPORT_SECTOR_COLOURS[s as TeamSector] ?? MUTED) });

/**
 * Figure 1: every point (log10 training compute over the decimal year of publication) coloured by
 * team sector, with each sector's fit line drawn over the x range of its points in each segment.
 */
export function computeFigure(points: readonly TrendPoint[], trends: TrendsResult): TopLevelSpec {
  const lines: { sector: string; x: number; y: number; line: string }[] = [];
  for (const fit of trends.fits) {
    if (fit.sector === 'All') continue;
    const xs = points.filter((p) => p.sector === fit.sector && inSegment(p.date, fit.segment)).map((p) => p.x);
    if (xs.length === 0) continue;
    const key = `${fit.sector} ${fit.segment.from ?? ''}-${fit.segment.to ?? ''}`;
    for (const x of [Math.min(...xs), Math.max(...xs)]) lines.push({ sector: fit.sector, x, y: fit.intercept + fit.slope_oom_per_year * x, line: key });
  }
  const present = TEAM_SECTORS.filter((s) => points.some((p) => p.sector === s));
  const x = { field: 'x', type: 'quantitative' as const, title: 'Publication date (year)', scale: { zero: false, nice: false }, axis: { format: 'd' } };
  const y = { field: 'y', type: 'quantitative' as const, title: 'Training compute (log10 FLOP)', scale: { zero: false } };
  const color = { field: 'sector', type: 'nominal' as const, title: 'Team sector', scale: sectorScale(present), sort: present };
  return {
    width: WIDTH,
    height: 420,
    layer: [
      { data: { values: points.map((p) => ({ x: p.x, y: p.y, sector: p.sector })) }, mark: { type: 'circle', size: 22, opacity: 0.55 }, encoding: { x, y, color } },
      { data: { values: lines }, mark: { type: 'line', strokeWidth: 2.2 }, encoding: { x, y, color, detail: { field: 'line', type: 'nominal' } } },
    ],
  };
}

/** Figure 2: each year's k largest models by training compute, stacked by team sector (shares). */
export function sharesFigure(shares: SharesResult): TopLevelSpec {
  const values = shares.years.flatMap((y) => TEAM_SECTORS.map((s, order) => ({ year: y.year, sector: s, share: y[s], order })));
  return {
    width: WIDTH,
    height: 220,
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'year', type: 'ordinal', title: 'Year', axis: { labelAngle: -90 } },
      y: { field: 'share', type: 'quantitative', title: `Share of the ${shares.top} largest models`, axis: { format: '%' }, scale: { domain: [0, 1] } },
      color: { field: 'sector', type: 'nominal', title: 'Team sector', scale: sectorScale(TEAM_SECTORS), sort: [...TEAM_SECTORS] },
      order: { field: 'order', type: 'quantitative' },
    },
  };
}

/**
 * Figure 3: one circle per topic (the `(no …)` group and topics without compute left out): x the
 * median log10 training compute, y the academic-only share, area the number of models, labelled;
 * topics that enter the correlation are filled.
 */
export function topicsFigure(topics: TopicsResult): TopLevelSpec {
  const entering = new Set(topics.correlation?.topics ?? []);
  const values = topics.topics
    .filter((t) => t.median_log10_flop !== null && t.shares.Academia !== null && !t.topic.startsWith('('))
    .map((t) => ({ topic: t.topic, x: t.median_log10_flop, y: t.shares.Academia, n: t.n_models, entering: entering.has(t.topic) ? 'in the correlation' : `fewer than ${topics.parameters.min_models} models` }));
  const x = { field: 'x', type: 'quantitative' as const, title: 'Median training compute of the topic (log10 FLOP)', scale: { zero: false } };
  const y = { field: 'y', type: 'quantitative' as const, title: 'Academic-only share of models', axis: { format: '%' } };
  return {
    width: WIDTH,
    height: 380,
    data: { values },
    layer: [
      {
        mark: { type: 'point', filled: true, opacity: 0.75, color: REPORT_SECTOR_COLOURS.Academia },
        encoding: {
          x,
          y,
          size: { field: 'n', type: 'quantitative', title: 'Models', scale: { range: [30, 900] } },
          shape: { field: 'entering', type: 'nominal', title: null, scale: { domain: ['in the correlation', `fewer than ${topics.parameters.min_models} models`], range: ['circle', 'triangle-up'] } },
        },
      },
      { mark: { type: 'text', align: 'left', dx: 9, dy: -6, fontSize: 10, color: INK }, encoding: { x, y, text: { field: 'topic', type: 'nominal' } } },
    ],
  };
}

/** The diffusion groups drawn in figure 4. */
export const DIFFUSION_FIGURE_GROUPS = ['Academia', 'Collaboration', 'Industry'] as const;

/**
 * Figure 4: per publication year, the share of each group's models built on an industry base
 * model with open weights (years where the share is defined, from the first year in which a model
 * of the three groups has a base-model cell; none when no model has one).
 */
export function diffusionFigure(result: DiffusionResult): TopLevelSpec {
  // Before the first model with a base-model cell every share is 0 by construction: start there.
  const firstYear = Math.min(...DIFFUSION_FIGURE_GROUPS.flatMap((g) => (result.groups?.[g].years ?? []).filter((y) => y.n_with_base > 0).map((y) => y.year)));
  const values = DIFFUSION_FIGURE_GROUPS.flatMap((g) =>
    (result.groups?.[g].years ?? []).filter((y) => y.share_models_on_industry_open_base !== null && y.year >= firstYear).map((y) => ({ year: y.year, group: g, share: y.share_models_on_industry_open_base, n: y.n_models })),
  );
  return {
    width: WIDTH,
    height: 260,
    data: { values },
    mark: { type: 'line', point: true, strokeWidth: 2 },
    encoding: {
      x: { field: 'year', type: 'quantitative', title: 'Publication year of the model', axis: { format: 'd', tickMinStep: 1 }, scale: { zero: false } },
      y: { field: 'share', type: 'quantitative', title: 'Share on an open industry base model', axis: { format: '%' } },
      color: { field: 'group', type: 'nominal', title: 'Team sector of the model', scale: sectorScale(DIFFUSION_FIGURE_GROUPS), sort: [...DIFFUSION_FIGURE_GROUPS] },
    },
  };
}
