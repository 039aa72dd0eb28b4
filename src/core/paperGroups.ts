import { TEAM_SECTORS, type Paper, type TeamSector } from './model';

/** The tree's two groupings: topic (Domain) → team sector, or team sector → topic. */
export type Grouping = 'topic-sector' | 'sector-topic';

/** Topic shown for papers without a domain (spec: "Papers without a domain…"). */
export const NO_DOMAIN = '(no domain)';

/** Papers of one (topic, team sector) cell, newest first, papers without a date last. */
export interface PaperGroups {
  /** Topics sorted by paper count (descending), then name; `(no domain)` last. */
  topics: string[];
  /** Count of distinct papers per topic. */
  topicCounts: Map<string, number>;
  /** Count of papers per sector (each paper once). */
  sectorCounts: Map<TeamSector, number>;
  /** topic → sector → papers (newest first). A paper with several domains is under each. */
  cells: Map<string, Map<TeamSector, Paper[]>>;
  /** sector → topics with papers in that sector, in `topics` order. */
  topicsBySector: Map<TeamSector, string[]>;
}

/**
 * Group papers for the Papers tree, once per dataset load, so that expanding any node is a lookup
 * (at 100,000 rows the tree root must come in ≤ 100 ms). Each paper sits under each of its domains
 * (or `(no domain)`) and its team sector; within a cell papers are ordered by publication date,
 * newest first, undated last, ties by id.
 */
export function groupPapers(papers: readonly Paper[], sectorOf: (paper: Paper) => TeamSector = (p) => p.teamSector): PaperGroups {
  const cells = new Map<string, Map<TeamSector, Paper[]>>();
  const topicCounts = new Map<string, number>();
  const sectorCounts = new Map<TeamSector, number>(TEAM_SECTORS.map((s) => [s, 0]));
  for (const paper of papers) {
    const sector = sectorOf(paper);
    sectorCounts.set(sector, sectorCounts.get(sector)! + 1);
    const topics = paper.domains.length > 0 ? new Set(paper.domains) : [NO_DOMAIN];
    for (const topic of topics) {
      let bySector = cells.get(topic);
      if (!bySector) cells.set(topic, (bySector = new Map<TeamSector, Paper[]>()));
      let list = bySector.get(sector);
      if (!list) bySector.set(sector, (list = []));
      list.push(paper);
      topicCounts.set(topic, (topicCounts.get(topic) ?? 0) + 1);
    }
  }
  for (const bySector of cells.values()) for (const list of bySector.values()) list.sort(newestFirst);
  const topics = [...cells.keys()].sort((a, b) => {
    if (a === NO_DOMAIN) return 1;
    if (b === NO_DOMAIN) return -1;
    return topicCounts.get(b)! - topicCounts.get(a)! || a.localeCompare(b);
  });
  const topicsBySector = new Map<TeamSector, string[]>(TEAM_SECTORS.map((s) => [s, topics.filter((t) => cells.get(t)!.has(s))]));
  return { topics, topicCounts, sectorCounts, cells, topicsBySector };
}

/** Newest publication date first; papers without a date last; ties by id (code-point order). */
export function newestFirst(a: Paper, b: Paper): number {
  const da = a.publicationDate;
  const db = b.publicationDate;
  if (da !== db) {
    if (da === undefined) return 1;
    if (db === undefined) return -1;
    return da < db ? 1 : -1;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
