/**
 * The filters that the trends panel and `compute-divide trends|shares` share, so that a figure
 * made in the editor can be re-made from a script (`../shared/spec/cli.md`, "Filters").
 */
import { parseIsoDate } from '../trends/decimalYear';
import type { Paper, TeamSector } from './model';
import { paperDecision, type DecisionChoice } from '../labels/decisions';
import { NO_DOMAIN } from './paperGroups';

/**
 * Which papers count. Every field is optional; an absent field or an empty list does not filter.
 * Within one list any value may match; across fields all must hold.
 */
export interface TrendFilter {
  /** Publication date on or after this ISO date (inclusive). */
  since?: string;
  /** Publication date before this ISO date (exclusive). */
  until?: string;
  /** Domains; `(no domain)` selects papers without one. */
  domains?: string[];
  /** Texts matched against the notability-criteria cell's items. */
  notability?: string[];
  sectors?: TeamSector[];
  /** Training compute at least this many FLOP. */
  minComputeFlop?: number;
  /** A case-insensitive substring of the paper's name. */
  text?: string;
  /** Screening decisions (labels.md paper field `decision`); `undecided` selects papers without one. */
  decisions?: DecisionChoice[];
}

/**
 * The papers that pass `filter`, in their given order (spec cli.md, "Filters"):
 * - `since` / `until`: publication date in [since, until) (ISO dates; a paper without a date fails
 *   as soon as either bound is set);
 * - `domains`: any of the paper's domains equals any given one, case-insensitively; `(no domain)`
 *   matches papers without a domain (the tree's group of that name, sector-and-dataset.md);
 * - `notability`: the notability-criteria cell (`paper.notabilityCriteria`, the cell split on
 *   commas; `Inclusion criteria` in the 2022–23 tables) has an item that equals or contains any
 *   given text, case-insensitively (so `sota` matches `SOTA improvement`);
 * - `sectors`: `sectorOf(paper)` (default: the table's team sector) is one of them;
 * - `minComputeFlop`: training compute ≥ that many FLOP (a paper without compute fails);
 * - `text`: the name contains it, case-insensitively (an empty text does not filter);
 * - `decisions`: the paper's effective decision (`paperDecision`: the label log's, on a labelled
 *   dataset) is one of them, or it has none and `undecided` is among them.
 *
 * @throws RangeError when `since` or `until` is not a real calendar date `YYYY-MM-DD`
 */
export function filterPapers(papers: readonly Paper[], filter: TrendFilter, sectorOf: (paper: Paper) => TeamSector = (p) => p.teamSector): Paper[] {
  if (filter.since !== undefined) parseIsoDate(filter.since);
  if (filter.until !== undefined) parseIsoDate(filter.until);
  const domains = lowerSet(filter.domains);
  const noDomain = domains?.has(NO_DOMAIN.toLowerCase()) ?? false;
  const notability = filter.notability && filter.notability.length > 0 ? filter.notability.map((t) => t.toLowerCase()) : undefined;
  const sectors = filter.sectors && filter.sectors.length > 0 ? new Set(filter.sectors) : undefined;
  const text = filter.text ? filter.text.toLowerCase() : undefined;
  const decisions = filter.decisions && filter.decisions.length > 0 ? new Set<string>(filter.decisions) : undefined;
  return papers.filter((paper) => {
    const date = paper.publicationDate;
    if (filter.since !== undefined && (date === undefined || date < filter.since)) return false;
    if (filter.until !== undefined && (date === undefined || date >= filter.until)) return false;
    if (domains && !(paper.domains.some((d) => domains.has(d.toLowerCase())) || (noDomain && paper.domains.length === 0))) return false;
    if (notability && !paper.notabilityCriteria.some((item) => notability.some((t) => item.toLowerCase().includes(t)))) return false;
    if (sectors && !sectors.has(sectorOf(paper))) return false;
    if (filter.minComputeFlop !== undefined && !(paper.trainingComputeFlop !== undefined && paper.trainingComputeFlop >= filter.minComputeFlop)) return false;
    if (text !== undefined && !paper.name.toLowerCase().includes(text)) return false;
    if (decisions && !decisions.has(paperDecision(paper) ?? 'undecided')) return false;
    return true;
  });
}

function lowerSet(values: readonly string[] | undefined): Set<string> | undefined {
  return values && values.length > 0 ? new Set(values.map((v) => v.toLowerCase())) : undefined;
}

/** One value of the notability-criteria column and how many papers carry it. */
export interface NotabilityValue {
  value: string;
  papers: number;
}

/**
 * The notability criteria that the data actually has, for the panel's filter: the distinct items of
 * `paper.notabilityCriteria`, grouped case-insensitively (`SOTA Improvement` and `SOTA improvement`
 * are one value, as `filterPapers` matches them alike) and shown in their most frequent spelling
 * (ties: the first met), each with the number of papers that carry it (a paper counts once per
 * value). Sorted by that count descending, then by value in code-unit order. Never throws.
 */
export function notabilityValues(papers: readonly Paper[]): NotabilityValue[] {
  const groups = new Map<string, { papers: number; spellings: Map<string, number> }>();
  for (const paper of papers) {
    const seen = new Set<string>();
    for (const item of paper.notabilityCriteria) {
      const key = item.toLowerCase();
      let group = groups.get(key);
      if (!group) groups.set(key, (group = { papers: 0, spellings: new Map() }));
      group.spellings.set(item, (group.spellings.get(item) ?? 0) + 1);
      if (!seen.has(key)) {
        seen.add(key);
        group.papers++;
      }
    }
  }
  const values: NotabilityValue[] = [];
  for (const group of groups.values()) {
    let best = '';
    let bestCount = 0;
    for (const [spelling, count] of group.spellings) {
      if (count > bestCount) [best, bestCount] = [spelling, count];
    }
    values.push({ value: best, papers: group.papers });
  }
  return values.sort((a, b) => b.papers - a.papers || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}
