/** Words for segments and filters, shared by the fit table, tooltips and export subtitles. */
import type { TrendsFilters, TrendsFit } from '../../src/shared/trendsProtocol.js';
import { formatScientific } from './format.js';

/** `2010-01-01 – 2015-09-01`, `before 2010-01-01`, `from 2015-09-01` or `all dates`. */
export function describeSegment(segment: TrendsFit['segment']): string {
  const { from, to } = segment;
  if (from && to) return `${from} – ${to}`;
  if (to) return `before ${to}`;
  if (from) return `from ${from}`;
  return 'all dates';
}

/** The active filters in one line (`domains: Language; since 2010-01-01`), empty when none. */
export function describeFilters(filters: TrendsFilters): string {
  const parts: string[] = [];
  if (filters.since && filters.until) parts.push(`${filters.since} to ${filters.until}`);
  else if (filters.since) parts.push(`since ${filters.since}`);
  else if (filters.until) parts.push(`until ${filters.until}`);
  if (filters.domains.length) parts.push(`domains: ${filters.domains.join(', ')}`);
  if (filters.sectors.length) parts.push(`sectors: ${filters.sectors.join(', ')}`);
  if (filters.decisions?.length) parts.push(`decisions: ${filters.decisions.join(', ')}`);
  if (filters.notability.length) parts.push(`notability: ${filters.notability.join(', ')}`);
  if (filters.minComputeFlop !== undefined) parts.push(`≥ ${formatScientific(filters.minComputeFlop)} FLOP`);
  if (filters.text) parts.push(`name contains "${filters.text}"`);
  return parts.join('; ');
}
