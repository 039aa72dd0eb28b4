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
 * newest first, undated last, ties by id. `order`, when given, is `newestFirstOrder(papers)` (the
 * indices of `papers` sorted by {@link newestFirst}; labels never change it): the cells then fill in
 * that order and need no sorting. The result is the same either way.
 */
export function groupPapers(papers: readonly Paper[], sectorOf: (paper: Paper) => TeamSector = (p) => p.teamSector, order?: ArrayLike<number>): PaperGroups {
  return runSteps(groupPapersSteps(papers, sectorOf, order));
}

/**
 * {@link groupPapers} as a generator that yields about every thousand papers, so a caller can run it
 * in slices between other work (the extension host does, so that grouping 100,000 papers never holds
 * its thread for long). Returns the same groups.
 */
export function* groupPapersSteps(papers: readonly Paper[], sectorOf: (paper: Paper) => TeamSector = (p) => p.teamSector, order?: ArrayLike<number>): Generator<void, PaperGroups> {
  const cells = new Map<string, Map<TeamSector, Paper[]>>();
  const topicCounts = new Map<string, number>();
  const sectorCounts = new Map<TeamSector, number>(TEAM_SECTORS.map((s) => [s, 0]));
  const sectors: TeamSector[] = new Array<TeamSector>(papers.length);
  for (let i = 0; i < papers.length; i++) {
    if (i % STEP === STEP - 1) yield;
    const paper = papers[i];
    const sector = (sectors[i] = sectorOf(paper));
    sectorCounts.set(sector, sectorCounts.get(sector)! + 1);
    for (const topic of topicsOf(paper)) {
      let bySector = cells.get(topic);
      if (!bySector) cells.set(topic, (bySector = new Map<TeamSector, Paper[]>()));
      let list = bySector.get(sector);
      if (!list) bySector.set(sector, (list = []));
      // Filled here in table order, or below in `order` (already newest first).
      if (!order) list.push(paper);
      topicCounts.set(topic, (topicCounts.get(topic) ?? 0) + 1);
    }
  }
  if (order) {
    for (let k = 0; k < order.length; k++) {
      if (k % STEP === STEP - 1) yield;
      const i = order[k];
      const paper = papers[i];
      for (const topic of topicsOf(paper)) cells.get(topic)!.get(sectors[i])!.push(paper);
    }
  } else {
    for (const bySector of cells.values()) for (const list of bySector.values()) {
      list.sort(newestFirst);
      yield;
    }
  }
  const topics = sortTopics(cells, topicCounts);
  return { topics, topicCounts, sectorCounts, cells, topicsBySector: topicsBySectorOf(topics, cells) };
}

/**
 * The groups after some papers changed their team sector (a label): `removed` are the papers as
 * `groups` holds them, `added` their new versions (same ids, domains and dates; any sector). Only the
 * cells they leave or join are copied and changed (each paper found or placed by binary search in
 * its newest-first cell); `groups` is not modified. Equals `groupPapers` over the updated papers.
 */
export function regroupPapers(groups: PaperGroups, removed: readonly Paper[], added: readonly Paper[], sectorOf: (paper: Paper) => TeamSector = (p) => p.teamSector): PaperGroups {
  const cells = new Map(groups.cells);
  const topicCounts = new Map(groups.topicCounts);
  const sectorCounts = new Map(groups.sectorCounts);
  const copiedTopics = new Set<string>();
  const copiedLists = new Set<Paper[]>();
  const listOf = (topic: string, sector: TeamSector, create: boolean): Paper[] | undefined => {
    let bySector = cells.get(topic);
    if (!bySector) {
      if (!create) return undefined;
      cells.set(topic, (bySector = new Map<TeamSector, Paper[]>()));
      copiedTopics.add(topic);
    } else if (!copiedTopics.has(topic)) {
      cells.set(topic, (bySector = new Map(bySector)));
      copiedTopics.add(topic);
    }
    let list = bySector.get(sector);
    if (!list) {
      if (!create) return undefined;
      bySector.set(sector, (list = []));
      copiedLists.add(list);
    } else if (!copiedLists.has(list)) {
      bySector.set(sector, (list = list.slice()));
      copiedLists.add(list);
    }
    return list;
  };
  for (const paper of removed) {
    const sector = sectorOf(paper);
    sectorCounts.set(sector, sectorCounts.get(sector)! - 1);
    for (const topic of topicsOf(paper)) {
      const list = listOf(topic, sector, false);
      const at = list ? sortedIndex(list, paper) : -1;
      if (!list || list[at] !== paper) throw new Error(`regroupPapers: paper ${paper.id} is not in its group`);
      list.splice(at, 1);
      if (list.length === 0) cells.get(topic)!.delete(sector);
      if (cells.get(topic)!.size === 0) cells.delete(topic);
      const count = topicCounts.get(topic)! - 1;
      if (count === 0) topicCounts.delete(topic);
      else topicCounts.set(topic, count);
    }
  }
  for (const paper of added) {
    const sector = sectorOf(paper);
    sectorCounts.set(sector, sectorCounts.get(sector)! + 1);
    for (const topic of topicsOf(paper)) {
      const list = listOf(topic, sector, true)!;
      list.splice(sortedIndex(list, paper), 0, paper);
      topicCounts.set(topic, (topicCounts.get(topic) ?? 0) + 1);
    }
  }
  const topics = sortTopics(cells, topicCounts);
  return { topics, topicCounts, sectorCounts, cells, topicsBySector: topicsBySectorOf(topics, cells) };
}

/** Papers between two yields of the step generators: a few milliseconds of work. */
const STEP = 1000;

/** Run a step generator to its end. */
function runSteps<T>(steps: Generator<void, T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

function topicsOf(paper: Paper): Iterable<string> {
  return paper.domains.length > 0 ? new Set(paper.domains) : [NO_DOMAIN];
}

/** First index of `list` (newest first) whose paper does not come before `paper`. */
function sortedIndex(list: readonly Paper[], paper: Paper): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (newestFirst(list[mid], paper) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function sortTopics(cells: PaperGroups['cells'], topicCounts: PaperGroups['topicCounts']): string[] {
  return [...cells.keys()].sort((a, b) => {
    if (a === NO_DOMAIN) return 1;
    if (b === NO_DOMAIN) return -1;
    return topicCounts.get(b)! - topicCounts.get(a)! || a.localeCompare(b);
  });
}

function topicsBySectorOf(topics: readonly string[], cells: PaperGroups['cells']): PaperGroups['topicsBySector'] {
  return new Map<TeamSector, string[]>(TEAM_SECTORS.map((s) => [s, topics.filter((t) => cells.get(t)!.has(s))]));
}

/**
 * The indices of `papers` in {@link newestFirst} order (an Int32Array of length `papers.length`),
 * for `groupPapers`'s `order`. Labels change sectors, never dates or ids, so one order serves every
 * labelling of a table. O(n log n).
 */
export function newestFirstOrder(papers: readonly Paper[]): Int32Array {
  const order = Int32Array.from(papers, (_, i) => i);
  return order.sort((a, b) => newestFirst(papers[a], papers[b]));
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
