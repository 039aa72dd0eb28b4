/**
 * The table of fitted trends under chart 1: a real HTML table (selectable, screen-reader
 * friendly), one row per fit, grouped by segment in time order and by sector in the spec's order.
 */
import type { TrendsFit } from '../../src/shared/trendsProtocol.js';
import { describeSegment } from './describe.js';
import { el } from './dom.js';
import { formatCount, formatFixed } from './format.js';
import { SECTOR_COLOURS } from './sectors.js';

const SECTOR_RANK: Record<TrendsFit['sector'], number> = { All: -1, Academia: 0, Industry: 1, Collaboration: 2, Other: 3, Unknown: 4 };

function segmentKey(fit: TrendsFit): string {
  return fit.segment.from ?? '';
}

/** Rows in display order, each with its index in `fits` (the chart's line of the same fit). */
export function orderedFits(fits: readonly TrendsFit[]): { fit: TrendsFit; index: number }[] {
  return fits
    .map((fit, index) => ({ fit, index }))
    .sort((a, b) => segmentKey(a.fit).localeCompare(segmentKey(b.fit)) || SECTOR_RANK[a.fit.sector] - SECTOR_RANK[b.fit.sector] || a.index - b.index);
}

function header(label: string, title: string, numeric = true): HTMLTableCellElement {
  return el('th', { scope: 'col', title, class: numeric ? 'num' : '' }, label);
}

/** The words of `text` as spans that never break inside (a date must not wrap at its hyphens). */
function unbrokenWords(text: string): (HTMLElement | string)[] {
  return text.split(/(\s+)/).map((part) => (/^\s+$/.test(part) || part === '' ? part : el('span', { class: 'word' }, part)));
}

/**
 * Build the table. `onHover` gets the fit's index when the pointer enters a row and -1 when it
 * leaves, so the chart can thicken that line. A fit whose models all lie left of the time axis
 * (`axisStart`, decimal years) has no line on the chart: its row says so.
 */
export function fitTable(fits: readonly TrendsFit[], onHover: (index: number) => void, axisStart = -Infinity): HTMLElement {
  if (fits.length === 0) return el('p', { class: 'muted' }, 'No fit: a fit needs at least 3 models with different publication dates in a segment.');
  const head = el(
    'tr',
    {},
    header('Team sector', 'Team sector of the fitted models (All: every sector together)', false),
    header('Segment', 'Publication dates of the fitted models: from (inclusive) – to (exclusive)', false),
    header('n', 'Models in the fit'),
    header('OOM/year', 'Slope: orders of magnitude of training compute per year'),
    header('Doubling time (months)', '12·log10(2)/slope; none when the slope is not positive'),
    header('95% CI of slope', "Analytic 95% interval of the slope (Student's t, n−2 degrees of freedom), OOM/year"),
    header('R²', 'Coefficient of determination'),
  );
  const body = el('tbody', {});
  let previousSegment: string | undefined;
  for (const { fit, index } of orderedFits(fits)) {
    const segment = describeSegment(fit.segment);
    const sector = el('td', { class: 'sector-cell' });
    sector.append(el('span', { class: fit.sector === 'All' ? 'line-key all' : 'line-key', style: fit.sector === 'All' ? '' : `border-color:${SECTOR_COLOURS[fit.sector]}` }), fit.sector);
    const offAxis = fit.xMax < axisStart;
    const classes = [previousSegment !== undefined && previousSegment !== segment ? 'segment-start' : '', offAxis ? 'off-axis' : ''].filter(Boolean).join(' ');
    const row = el(
      'tr',
      { 'data-fit': String(index), class: classes },
      sector,
      el('td', { class: 'segment' }, ...unbrokenWords(segment), offAxis ? el('span', { class: 'off-axis-note', title: `Every model of this fit is from before ${axisStart}, left of the time axis; “All years” draws its line` }, ' · not drawn') : ''),
      el('td', { class: 'num' }, formatCount(fit.n)),
      el('td', { class: 'num' }, formatFixed(fit.slope_oom_per_year, 2)),
      el('td', { class: 'num' }, formatFixed(fit.doubling_time_months, 1)),
      el('td', { class: 'num ci' }, `[${formatFixed(fit.slope_ci95[0], 2)}, ${formatFixed(fit.slope_ci95[1], 2)}]`),
      el('td', { class: 'num' }, formatFixed(fit.r2, 2)),
    );
    row.addEventListener('mouseenter', () => onHover(index));
    row.addEventListener('mouseleave', () => onHover(-1));
    body.append(row);
    previousSegment = segment;
  }
  const table = el('table', { class: 'fit-table' }, el('thead', {}, head), body);
  return el('div', { class: 'table-scroll' }, table);
}

