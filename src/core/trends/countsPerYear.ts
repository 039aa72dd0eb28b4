import type { Paper, TeamSector } from '../dataset/model';
import { hasTrainingCompute } from './trends';

/** One publication year of `countsPerYear`: rows per team sector, and of those the rows with a training compute. */
export interface SectorCountYear {
  year: number;
  Academia: number;
  Industry: number;
  Collaboration: number;
  Other: number;
  Unknown: number;
  withCompute: Record<TeamSector, number>;
}

/**
 * Models per publication year by team sector (the Findings panel's chart 3, and the numbers a
 * script can re-make): every paper of `papers` (the rows that passed the filters) with a
 * publication date counts once in the year of that date (`YYYY` of `YYYY-MM-DD`), with or without
 * training compute, under `sectorOf(paper)` (labels applied, or the table's `teamSector`); per
 * sector, `withCompute` counts those that also have a training compute (`hasTrainingCompute`: the
 * points of the compute and top-k charts). Undated rows and years without a dated row are left
 * out; years ascend. Pure; never throws.
 */
export function countsPerYear(papers: readonly Paper[], sectorOf: (p: Paper) => TeamSector = (p) => p.teamSector): SectorCountYear[] {
  const years = new Map<number, SectorCountYear>();
  for (const paper of papers) {
    if (!paper.publicationDate) continue;
    const year = Number(paper.publicationDate.slice(0, 4));
    let row = years.get(year);
    if (!row) {
      row = { year, Academia: 0, Industry: 0, Collaboration: 0, Other: 0, Unknown: 0, withCompute: { Academia: 0, Industry: 0, Collaboration: 0, Other: 0, Unknown: 0 } };
      years.set(year, row);
    }
    const sector = sectorOf(paper);
    row[sector]++;
    if (hasTrainingCompute(paper)) row.withCompute[sector]++;
  }
  return [...years.values()].sort((a, b) => a.year - b.year);
}
