import { filterPapers, notabilityValues } from '../core/filters';
import type { Dataset, Paper, TeamSector } from '../core/model';
import { computeTrends, inSegment, largeScaleShares, trendPoints } from '../core/trends';
import type { TrendsCountYear, TrendsFilters, TrendsView } from '../shared/trendsProtocol';

/**
 * Everything the trends panel draws for a dataset and a set of filters, computed by the same core
 * functions as the CLI's `trends` and `shares` (so a figure made in the editor can be re-made from
 * a script with the same numbers). Pure: no vscode, no I/O.
 *
 * @param dataset the loaded table
 * @param filters the panel's filters (date range, domains, sectors, notability, minimum compute,
 *   name text, segment breaks, top-k)
 * @param sectorOf the effective team sector of a paper (labels override the table's; default the
 *   table's)
 */
export function buildTrendsView(dataset: Dataset, filters: TrendsFilters, datasetName: string, sectorOf: (p: Paper) => TeamSector = (p) => p.teamSector): TrendsView {
  const filtered = filterPapers(
    dataset.papers,
    {
      since: filters.since,
      until: filters.until,
      domains: filters.domains,
      notability: filters.notability,
      sectors: filters.sectors,
      minComputeFlop: filters.minComputeFlop,
      text: filters.text,
    },
    sectorOf,
  );
  const points = trendPoints(filtered, sectorOf);
  const trends = computeTrends(points, filters.breaks);
  const byId = new Map(filtered.map((p) => [p.id, p]));
  const fits = trends.fits.map((fit) => {
    const inFit = points.filter((p) => (fit.sector === 'All' || p.sector === fit.sector) && inSegment(p.date, fit.segment));
    let xMin = Infinity;
    let xMax = -Infinity;
    for (const p of inFit) {
      xMin = Math.min(xMin, p.x);
      xMax = Math.max(xMax, p.x);
    }
    return { ...fit, xMin, xMax };
  });
  const allPoints = trendPoints(dataset.papers, sectorOf);
  const dates = dataset.papers.flatMap((p) => (p.publicationDate ? [p.publicationDate] : [])).sort();
  return {
    datasetName,
    totalRows: dataset.papers.length,
    totalPoints: allPoints.length,
    filters,
    points: points.map((p) => ({
      id: p.id,
      name: byId.get(p.id)?.name || p.id,
      date: p.date,
      x: p.x,
      y: p.y,
      computeFlop: p.computeFlop,
      sector: p.sector,
      organizations: byId.get(p.id)?.organizations.join(', ') ?? '',
    })),
    fits,
    shares: largeScaleShares(points, filters.topK),
    counts: countsPerYear(filtered, sectorOf),
    options: {
      domains: domainValues(dataset.papers),
      notability: notabilityValues(dataset.papers).map((v) => ({ value: v.value, count: v.papers })),
      dateRange: dates.length ? { min: dates[0], max: dates[dates.length - 1] } : null,
    },
  };
}

/** Models per publication year by sector: every dated paper that passed the filters. */
export function countsPerYear(papers: readonly Paper[], sectorOf: (p: Paper) => TeamSector): TrendsCountYear[] {
  const years = new Map<number, TrendsCountYear>();
  for (const paper of papers) {
    if (!paper.publicationDate) continue;
    const year = Number(paper.publicationDate.slice(0, 4));
    let row = years.get(year);
    if (!row) years.set(year, (row = { year, Academia: 0, Industry: 0, Collaboration: 0, Other: 0, Unknown: 0 }));
    row[sectorOf(paper)]++;
  }
  return [...years.values()].sort((a, b) => a.year - b.year);
}

function domainValues(papers: readonly Paper[]): { value: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const p of papers) for (const d of new Set(p.domains)) counts.set(d, (counts.get(d) ?? 0) + 1);
  return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

