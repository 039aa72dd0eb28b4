/**
 * Each chart's numbers as an HTML table for screen readers (visually hidden, in the reading order
 * right after its chart): the drawn points of chart 1, the top-k shares of chart 2 and the models
 * per year of chart 3, for the years on the time axis, with a caption and `th scope` headers. The
 * numbers are the drawn ones, formatted as the tooltips format them; the CSV exports hold them
 * unrounded.
 */
import type { TrendsPoint, TrendsView } from '../../src/shared/trendsProtocol.js';
import { el } from './dom.js';
import { formatCount, formatFlop, formatPercent, sharesTitle } from './format.js';
import { SECTORS } from './sectors.js';
import { sectorTotal, yearInWindow, type YearWindow } from './timeAxis.js';

/** Above this many drawn points the table of chart 1 is left out (the CSV of points has them). */
export const POINT_TABLE_LIMIT = 5000;

/** A data table with a caption, column headers and a row header per row (`th scope`). */
export function dataTable(caption: string, headers: readonly string[], rows: readonly (readonly string[])[]): HTMLTableElement {
  const head = el('tr', {}, ...headers.map((h) => el('th', { scope: 'col' }, h)));
  const body = el('tbody', {});
  for (const row of rows) body.append(el('tr', {}, el('th', { scope: 'row' }, row[0]), ...row.slice(1).map((cell) => el('td', {}, cell))));
  return el('table', { class: 'data-table' }, el('caption', {}, caption), el('thead', {}, head), body);
}

/** A visually hidden region holding one chart's table, labelled for the screen reader's table list. */
export function hiddenTable(child: HTMLElement): HTMLElement {
  return el('div', { class: 'sr-only' }, child);
}

/** Chart 1: the drawn points, by date, or a sentence when there are too many for a table. */
export function pointsTable(points: readonly TrendsPoint[]): HTMLElement {
  if (points.length > POINT_TABLE_LIMIT) {
    return hiddenTable(el('p', {}, `Training compute over time: ${formatCount(points.length)} models drawn, too many for a table; the “CSV of points” export has them all.`));
  }
  const rows = [...points]
    .sort((a, b) => a.x - b.x || a.y - b.y)
    .map((p) => [p.name, p.date, formatFlop(p.computeFlop), p.sector, p.organizations || '—']);
  return hiddenTable(dataTable(`Training compute over time: the ${formatCount(points.length)} models drawn, by publication date`, ['Model', 'Publication date', 'Training compute', 'Team sector', 'Organizations'], rows));
}

/** Chart 2: per year on the axis, the models ranked and each sector's share of the top k. */
export function sharesTable(view: TrendsView, window: YearWindow): HTMLElement {
  const k = view.shares.top;
  const rows = view.shares.years.filter((y) => yearInWindow(y.year, window)).map((y) => [String(y.year), formatCount(y.n), ...SECTORS.map((s) => formatPercent(y[s]))]);
  return hiddenTable(dataTable((view.shares.definition ?? 'top-k') === 'top-k' ? `Share of each year's top-${k} models by training compute, by team sector` : sharesTitle(view), ['Year', (view.shares.definition ?? 'top-k') === 'top-k' ? 'Models ranked' : 'Large-scale models', ...SECTORS], rows));
}

/** Chart 3: per year on the axis, the models of each sector, all sectors, and those with a training compute. */
export function countsTable(view: TrendsView, window: YearWindow): HTMLElement {
  const rows = view.counts
    .filter((y) => yearInWindow(y.year, window))
    .map((y) => [String(y.year), ...SECTORS.map((s) => formatCount(y[s])), formatCount(sectorTotal(y)), formatCount(sectorTotal(y.withCompute))]);
  return hiddenTable(dataTable('Models per publication year, by team sector', ['Year', ...SECTORS, 'All sectors', 'With training compute'], rows));
}
