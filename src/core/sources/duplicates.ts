/**
 * Duplicates across sources (spec imports.md "Duplicates"): works that share any identifier are
 * one work, merged at once with every source in its provenance and no field silently overwritten;
 * an Epoch row joins a work when its `Link`/`Reference` yields the same DOI or arXiv id; works with
 * the same normalised title and years at most one apart but no shared identifier are *possible
 * duplicates*, listed for review and never merged.
 */
import type { Paper } from '../dataset/model';
import { orderIdentifiers } from './identifiers';
import type { Author, Institution, Work, WorkDate } from './work';

/** Fields whose sources can disagree; each disagreeing value is kept with the parts that gave it. */
export const MERGED_FIELDS = ['title', 'date', 'venue', 'abstract', 'type', 'authors'] as const;
export type MergedField = (typeof MERGED_FIELDS)[number];

/** One value of a field and the parts (indexes into `MergedWork.parts`) that gave it. */
export interface SourcedValue<T = unknown> {
  value: T;
  parts: number[];
}

/** A work after merging: one or more parts (works read from the sources), in the given order. */
export interface MergedWork extends Work {
  /** The works it was merged from, in the order given (the settings' source order); one when nothing merged. */
  parts: Work[];
  /** The id of every part (labels may name any of them), the work's own `id` first. */
  ids: string[];
  /** Every Epoch row joined to it, in order (`model` is the first). */
  models: Paper[];
  /**
   * Fields where parts disagree: every distinct value with the parts that gave it, the first
   * part's value first (it is also the work's field). Absent when all parts agree.
   */
  merged: Partial<Record<MergedField, SourcedValue[]>>;
}

/** Two works that may be one: same normalised title, years at most one apart, no shared identifier. */
export interface PossibleDuplicate {
  ids: [string, string];
  /** The normalised title they share. */
  title: string;
  years: [number, number];
}

export interface DuplicatesResult {
  works: MergedWork[];
  possible: PossibleDuplicate[];
}

/**
 * The key titles are compared by (imports.md): Unicode NFKD, combining marks (accents) removed,
 * case-folded, only letters and digits kept. `Déjà Vu: A Study!` → `dejavuastudy`.
 */
export function titleKey(title: string): string {
  // ASCII titles (most) have no marks to remove and only ASCII letters and digits to keep.
  if (!/[^\x20-\x7e]/.test(title)) return title.toLowerCase().replace(/[^a-z0-9]/g, '');
  return title.normalize('NFKD').replace(/\p{M}/gu, '').toUpperCase().toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

const foldText = (s: string): string => s.normalize('NFC').replace(/\s+/gu, ' ').trim();
const familyKey = (a: Author): string => {
  const family = a.family ?? a.name.trim().split(/\s+/).pop() ?? '';
  return titleKey(family);
};

class UnionFind {
  private readonly parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]];
      i = this.parent[i];
    }
    return i;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    // The smaller index is the root, so a group's first work comes first.
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

/** Two dates agree when one refines the other (2018 and 2018-02-13). */
function datesAgree(a: WorkDate, b: WorkDate): boolean {
  return a.year === b.year && (a.month === undefined || b.month === undefined || (a.month === b.month && (a.day === undefined || b.day === undefined || a.day === b.day)));
}
const precision = (d: WorkDate): number => (d.day !== undefined ? 3 : d.month !== undefined ? 2 : 1);

/** The key under which two values of a field count as the same. */
function sameKey(field: MergedField, value: unknown): string {
  switch (field) {
    case 'title':
      return titleKey(value as string);
    case 'authors':
      return (value as Author[]).map(familyKey).join('|');
    case 'date':
      return JSON.stringify(value);
    default:
      return foldText(value as string).toLowerCase();
  }
}

function sameInstitution(a: Institution, b: Institution): boolean {
  if (a.ror && b.ror) return a.ror === b.ror;
  if (a.openalex && b.openalex) return a.openalex === b.openalex;
  return foldText(a.name).toLowerCase() === foldText(b.name).toLowerCase();
}

/** Author lists align when they have the same length and the same family name at each position. */
function authorsAlign(a: Author[], b: Author[]): boolean {
  return a.length === b.length && a.every((x, i) => familyKey(x) === familyKey(b[i]));
}

function mergeGroup(parts: Work[]): MergedWork {
  return parts.length === 1 ? mergeSingle(parts[0]) : mergeParts(parts);
}

/** A text field as `mergeParts` keeps it from one part: undefined when empty or only white space. */
const given = (v: string | undefined): string | undefined => (v === undefined || v.trim() === '' ? undefined : v);

/**
 * `mergeParts([work])` without its general machinery (a library read alone is mostly works of one
 * part: at 100,000 OpenAlex works the general path cost about a second). Exported for the test that
 * holds it equal to `mergeParts` on every work of the shared files.
 */
export function mergeSingle(work: Work): MergedWork {
  // Written out field by field: a spread followed by overrides took 10 µs a work (V8's slow path).
  // Lists that need no change are the part's own (nothing changes a work's lists after reading), so a
  // work of one part holds its lists once, in memory and on the way from the literature worker.
  const identifiers = orderIdentifiers(work.identifiers);
  const merged: MergedWork = {
    id: work.id,
    title: given(work.title) ?? work.title,
    authors: work.authors,
    date: work.date,
    venue: given(work.venue),
    abstract: given(work.abstract),
    identifiers: sameList(identifiers, work.identifiers) ? work.identifiers : identifiers,
    links: distinct(work.links),
    keywords: distinct(work.keywords),
    categories: distinct(work.categories),
    type: given(work.type),
    provenance: work.provenance,
    model: work.model,
    parts: [work],
    ids: [work.id],
    models: work.model ? [work.model] : [],
    merged: {},
  };
  if (work.raw !== undefined) merged.raw = work.raw;
  // Any other field a reader set is kept, as the general merge's spread keeps it.
  for (const key of Object.keys(work)) if (!(key in merged)) (merged as unknown as Record<string, unknown>)[key] = (work as unknown as Record<string, unknown>)[key];
  return merged;
}

/** `list` itself when no value repeats, else its distinct values in first-seen order. */
function distinct<T>(list: T[]): T[] {
  const set = new Set(list);
  return set.size === list.length ? list : [...set];
}

/** Whether two lists hold the same values in the same order. */
function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** One merged work of the parts that share identifiers (see `mergeDuplicates`). Exported for tests. */
export function mergeParts(parts: Work[]): MergedWork {
  const first = parts[0];
  const merged: MergedWork['merged'] = {};
  const pick = <T>(field: MergedField, get: (w: Work) => T | undefined, agree?: (a: T, b: T) => boolean): T | undefined => {
    const values: SourcedValue<T>[] = [];
    parts.forEach((w, i) => {
      const v = get(w);
      if (v === undefined || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0)) return;
      const same = values.find((s) => (agree ? agree(s.value, v) : sameKey(field, s.value) === sameKey(field, v)));
      if (same) same.parts.push(i);
      else values.push({ value: v, parts: [i] });
    });
    if (values.length > 1) merged[field] = values;
    return values[0]?.value;
  };
  const title = pick('title', (w) => w.title) ?? first.title;
  let date = pick('date', (w) => w.date, datesAgree);
  // A later source may give the same date more precisely (day of a year-only BibTeX date): take it.
  if (date && !merged.date) for (const w of parts) if (w.date && datesAgree(w.date, date) && precision(w.date) > precision(date)) date = w.date;
  const venue = pick('venue', (w) => w.venue);
  const abstract = pick('abstract', (w) => w.abstract);
  const type = pick('type', (w) => w.type);
  // Authors: the first part that has any, enriched with the affiliations and institutions of every
  // later part: author by author when the lists line up (same length, same family name at each
  // place), else for each author whose family name occurs once in both lists (a BibTeX entry with
  // four authors and a RIS record of the same paper with two and their address: the two get it).
  // Lists that do not line up are also kept as disagreeing values.
  const withAuthors = parts.filter((w) => w.authors.length > 0);
  const base = withAuthors[0];
  const authors: Author[] = base ? base.authors.map((a) => ({ ...a, affiliations: [...a.affiliations], institutions: [...a.institutions] })) : [];
  if (base) {
    const baseKeys = base.authors.map(familyKey);
    for (const w of withAuthors.slice(1)) {
      const aligned = authorsAlign(base.authors, w.authors);
      const keys = aligned ? baseKeys : w.authors.map(familyKey);
      w.authors.forEach((a, i) => {
        let at = i;
        if (!aligned) {
          const key = keys[i];
          at = baseKeys.indexOf(key);
          if (key === '' || at < 0 || baseKeys.lastIndexOf(key) !== at || keys.indexOf(key) !== i || keys.lastIndexOf(key) !== i) return;
        }
        const into = authors[at];
        for (const aff of a.affiliations) if (!into.affiliations.includes(aff)) into.affiliations.push(aff);
        for (const inst of a.institutions) if (!into.institutions.some((x) => sameInstitution(x, inst))) into.institutions.push(inst);
      });
    }
    pick('authors', (w) => w.authors);
  }
  const union = (get: (w: Work) => string[]): string[] => [...new Set(parts.flatMap(get))];
  const models = parts.flatMap((w) => (w.model ? [w.model] : []));
  return {
    ...first,
    title,
    authors,
    date,
    venue,
    abstract,
    type,
    identifiers: orderIdentifiers(parts.flatMap((w) => w.identifiers)),
    links: union((w) => w.links),
    keywords: union((w) => w.keywords),
    categories: union((w) => w.categories),
    provenance: parts.flatMap((w) => w.provenance),
    model: models[0],
    parts,
    ids: [...new Set(parts.map((w) => w.id))],
    models,
    merged,
  };
}

/**
 * Merge works that share an identifier and list possible duplicates. Works sharing any identifier
 * (transitively: union-find over identifiers) become one `MergedWork` whose parts keep the given
 * order (give them in the settings' source order: the first source is shown first): its id is the
 * first part's; identifiers, links, keywords, categories are the union, provenance the
 * concatenation; title, date, venue, abstract, type and authors are the first part's, and every
 * other value a part gives for them is kept in `merged` with the parts that gave it (a date that
 * only refines the first, 2018 → 2018-02-13, is not a disagreement and the finer one is taken).
 * An Epoch row (`model` set) joins a work of another source that has one of its identifiers (the
 * DOIs and arXiv ids of its `Link`/`Reference`, `epochRowWork`); two Epoch rows are never merged
 * with each other on their own (the model sizes of one paper share its link and stay separate
 * rows), though one library work that names both joins them all. Possible duplicates: merged
 * works with the same `titleKey` (non-empty), both years known and at most one apart, and no
 * shared identifier; pairs of two Epoch-only works are left to the loader's `duplicate-name`
 * diagnostic. O(n · identifiers) plus the pairs within each title.
 *
 * @param works works of every source, in the settings' order
 */
export function mergeDuplicates(works: readonly Work[]): DuplicatesResult {
  const uf = new UnionFind(works.length);
  const holder = new Map<string, number>();
  works.forEach((w, i) => {
    if (w.model) return;
    for (const id of w.identifiers) {
      const j = holder.get(id);
      if (j === undefined) holder.set(id, i);
      else uf.union(i, j);
    }
  });
  works.forEach((w, i) => {
    if (!w.model) return;
    for (const id of w.identifiers) {
      const j = holder.get(id);
      if (j !== undefined) uf.union(i, j);
    }
  });
  const groups = new Map<number, Work[]>();
  works.forEach((w, i) => {
    const root = uf.find(i);
    const group = groups.get(root);
    if (group) group.push(w);
    else groups.set(root, [w]);
  });
  const merged = [...groups.values()].map(mergeGroup);
  return { works: merged, possible: possibleDuplicates(merged) };
}

/** Works of one title compared with each other at most (the first ones in the given order). */
export const MAX_POSSIBLE_PER_TITLE = 50;

/**
 * Possible duplicates among (already merged) works: same non-empty `titleKey`, both years known
 * and at most one apart, no shared identifier, not both Epoch-only. Listed, never merged. Within
 * one title only the first `MAX_POSSIBLE_PER_TITLE` + 1 works are compared (no n² explosion).
 */
export function possibleDuplicates(works: readonly MergedWork[]): PossibleDuplicate[] {
  const byTitle = new Map<string, MergedWork[]>();
  for (const w of works) {
    const key = titleKey(w.title);
    if (key === '') continue;
    const list = byTitle.get(key);
    if (list) list.push(w);
    else byTitle.set(key, [w]);
  }
  const out: PossibleDuplicate[] = [];
  for (const [title, list] of byTitle) {
    // A title shared by very many works (a hostile file, or "Introduction" in a big library) would
    // give n² pairs: each work is paired with at most MAX_POSSIBLE_PER_TITLE others of its title.
    const last = Math.min(list.length, MAX_POSSIBLE_PER_TITLE + 1);
    for (let i = 0; i < last; i++) {
      for (let j = i + 1; j < last; j++) {
        const a = list[i];
        const b = list[j];
        if (!a.date || !b.date || Math.abs(a.date.year - b.date.year) > 1) continue;
        if (a.parts.every((p) => p.model) && b.parts.every((p) => p.model)) continue;
        if (a.identifiers.some((id) => b.identifiers.includes(id))) continue;
        out.push({ ids: [a.id, b.id], title, years: [a.date.year, b.date.year] });
      }
    }
  }
  return out;
}
