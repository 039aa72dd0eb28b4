/**
 * The leaning switch of the Findings panel and `--collaborations-by-leaning`: count a
 * collaboration that leans to one side with that side's sector. Not in the spec files; documented
 * in docs/trends.md and docs/analyses.md.
 */
import type { Dataset, Paper, TeamSector } from '../dataset/model';

/**
 * The team sector a paper counts under when collaborations are counted by their leaning: an
 * academia-leaning Collaboration counts as Academia, an industry-leaning one as Industry
 * (leanings by rule 1 or 5 of sector-and-dataset.md: Epoch's `(Academia leaning)` label, or more
 * than 70% / less than 30% academic organizations); a balanced collaboration, one without a
 * leaning (a paper label's Collaboration) and every other sector stay as they are. Never throws.
 */
export function sectorByLeaning(paper: Pick<Paper, 'teamSector' | 'leaning'>): TeamSector {
  if (paper.teamSector !== 'Collaboration') return paper.teamSector;
  if (paper.leaning === 'academia') return 'Academia';
  if (paper.leaning === 'industry') return 'Industry';
  return 'Collaboration';
}

/**
 * The dataset with every paper's team sector replaced by `sectorByLeaning` (the leaning itself is
 * kept, so the paper can still be told apart). Everything downstream then counts the new sector:
 * filters by team sector, trend fits, large-scale shares, the topic analysis's sector counts and
 * the diffusion analysis's groups and the sectors of base models. Apply it after the labels.
 * Papers that do not change are shared, not copied; the input is not modified. Never throws.
 */
export function countCollaborationsByLeaning<D extends Dataset>(dataset: D): D {
  let changed = false;
  const papers = dataset.papers.map((paper) => {
    const sector = sectorByLeaning(paper);
    if (sector === paper.teamSector) return paper;
    changed = true;
    return { ...paper, teamSector: sector };
  });
  return changed ? { ...dataset, papers } : dataset;
}
