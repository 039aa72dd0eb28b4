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
 * The groups after some papers were re-derived (a label): `changes` pairs each paper as `groups`
 * holds it with its new version (same id, domains and date; any team sector). A paper that keeps
 * its sector is replaced where it stands; one that changes sector leaves its cells and is merged,
 * newest first, into its new ones. Only the cells concerned are rebuilt, in time linear in their
 * size; `groups` is not modified. Equals `groupPapers` over the updated papers.
 */
export function regroupPapers(groups: PaperGroups, changes: readonly (readonly [before: Paper, after: Paper])[], sectorOf: (paper: Paper) => TeamSector = (p) => p.teamSector): PaperGroups {
  const cells = new Map(groups.cells);
  const topicCounts = new Map(groups.topicCounts);
  const sectorCounts = new Map(groups.sectorCounts);
  type CellChange = { out: Set<Paper>; in: Paper[]; replace: Map<Paper, Paper> };
  const byTopic = new Map<string, Map<TeamSector, CellChange>>();
  const changeOf = (topic: string, sector: TeamSector): CellChange => {
    let bySector = byTopic.get(topic);
    if (!bySector) byTopic.set(topic, (bySector = new Map<TeamSector, CellChange>()));
    let change = bySector.get(sector);
    if (!change) bySector.set(sector, (change = { out: new Set(), in: [], replace: new Map() }));
    return change;
  };
  for (const [before, after] of changes) {
    const from = sectorOf(before);
    const to = sectorOf(after);
    if (from === to) {
      for (const topic of topicsOf(before)) changeOf(topic, from).replace.set(before, after);
      continue;
    }
    sectorCounts.set(from, sectorCounts.get(from)! - 1);
    sectorCounts.set(to, sectorCounts.get(to)! + 1);
    for (const topic of topicsOf(before)) changeOf(topic, from).out.add(before);
    for (const topic of topicsOf(after)) changeOf(topic, to).in.push(after);
  }
  for (const [topic, bySectorChanges] of byTopic) {
    const bySector = new Map(cells.get(topic) ?? []);
    for (const [sector, change] of bySectorChanges) {
      const before = bySector.get(sector) ?? [];
      const kept = change.out.size === 0 && change.replace.size === 0 ? before : withoutAndReplaced(before, change.out, change.replace);
      const list = change.in.length === 0 ? kept : insertNewestFirst(kept, change.in.sort(newestFirst));
      if (list.length === 0) bySector.delete(sector);
      else bySector.set(sector, list);
    }
    cells.set(topic, bySector);
  }
  const topics = sortTopics(cells, topicCounts);
  return { topics, topicCounts, sectorCounts, cells, topicsBySector: topicsBySectorOf(topics, cells) };
}

/**
 * A newest-first cell without the papers of `out` and with those of `replace` replaced, each found
 * by binary search (the cell is in `newestFirst` order, which a label never changes), so a label
 * touching k papers of a cell of n costs a copy of n references and k log n comparisons, not n
 * hash lookups (issue #9: 100 ms per label at 100,000 rows before).
 */
function withoutAndReplaced(cell: readonly Paper[], out: ReadonlySet<Paper>, replace: ReadonlyMap<Paper, Paper>): Paper[] {
  const list = cell.slice();
  for (const [before, after] of replace) list[positionIn(cell, before)] = after;
  if (out.size === 0) return list;
  const drop = new Uint8Array(list.length);
  for (const paper of out) drop[positionIn(cell, paper)] = 1;
  let k = 0;
  for (let i = 0; i < list.length; i++) if (drop[i] === 0) list[k++] = list[i];
  list.length = k;
  return list;
}

/** Where `paper` is in the newest-first `cell` (binary search, then identity checked). */
function positionIn(cell: readonly Paper[], paper: Paper): number {
  let lo = 0;
  let hi = cell.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = newestFirst(cell[mid], paper);
    if (c < 0) lo = mid + 1;
    else if (c > 0) hi = mid - 1;
    else if (cell[mid] === paper) return mid;
    else break;
  }
  // Not where its date and id put it (two rows with one id): look for the object itself.
  const at = cell.indexOf(paper);
  if (at < 0) throw new Error('regroupPapers: a paper is not in its group');
  return at;
}

/**
 * Two newest-first lists merged into one: few papers into a long cell by binary search (k log n
 * comparisons and a copy, where a merge compares about n times: a label's 1,500 papers cost
 * 100,000 comparisons across the cells of a 100,000-row table), else by a merge.
 */
function insertNewestFirst(cell: readonly Paper[], add: readonly Paper[]): Paper[] {
  if (add.length * Math.log2(cell.length + 2) >= cell.length) return mergeNewestFirst(cell, add);
  const out = new Array<Paper>(cell.length + add.length);
  let i = 0;
  let k = 0;
  for (const paper of add) {
    // The first position from i whose paper comes after `paper`.
    let lo = i;
    let hi = cell.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (newestFirst(cell[mid], paper) <= 0) lo = mid + 1;
      else hi = mid;
    }
    while (i < lo) out[k++] = cell[i++];
    out[k++] = paper;
  }
  while (i < cell.length) out[k++] = cell[i++];
  return out;
}

/** Two newest-first lists merged into one. */
function mergeNewestFirst(a: readonly Paper[], b: readonly Paper[]): Paper[] {
  const out = new Array<Paper>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = newestFirst(a[i], b[j]) <= 0 ? a[i++] : b[j++];
  while (i < a.length) out[k++] = a[i++];
  while (j < b.length) out[k++] = b[j++];
  return out;
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
