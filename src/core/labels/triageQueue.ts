/**
 * The order of the triage queue (issue #10, "Triage queue, live"): what resolves most first, the
 * table's order, or newest first; and the view of the log an annotator codes from under blind coding.
 */
import type { Paper } from '../dataset/model';
import type { LabelEvent } from './eventTypes';
import { annotatorKey, organizationKey } from './keys';
import type { AttentionItem } from './organizations';

export const TRIAGE_ORDERS = ['resolves-most', 'table', 'newest'] as const;
export type TriageOrder = (typeof TRIAGE_ORDERS)[number];

/** One line per order, for the panel ("Ordered by …"). */
export const TRIAGE_ORDER_TEXT: Record<TriageOrder, string> = {
  'resolves-most': 'what resolves most: papers whose open organization appears in the most papers that need attention come first',
  table: 'table order: as the rows appear in the file',
  newest: 'newest first: by publication date, undated papers last',
};

/**
 * How many queued papers each open organization appears in: `organizationKey` → number of items
 * of `items` whose `organizations` (the conflicting or unlabelled organizations of
 * `needsAttention`) include it, a paper counted once however often it names the organization.
 */
export function organizationReach(items: readonly AttentionItem[]): Map<string, number> {
  const reach = new Map<string, number>();
  for (const item of items) for (const key of new Set(item.organizations.map((o) => organizationKey(o)))) reach.set(key, (reach.get(key) ?? 0) + 1);
  return reach;
}

/**
 * Order the papers that need attention (`needsAttention`'s items, in table order) for triage.
 * - `resolves-most`: each paper scores `max` over its distinct open organizations (conflicting or
 *   unlabelled, `AttentionItem.organizations`, matched by `organizationKey`) of that
 *   organization's reach, the number of queued papers naming it (`organizationReach`); a paper
 *   with no open organization (Unknown sector or mismatched lists only) scores 0. Higher score
 *   first; ties by the higher `sum` of those reaches; then table order. So one label on the
 *   organization of the first paper resolves as many queued papers as any single label can.
 * - `table`: the items as given (table order).
 * - `newest`: by `publicationDate` (ISO `YYYY-MM-DD`) descending, undated papers last; ties in
 *   table order.
 * `papers` looks a paper up by id (for dates); an id it does not know counts as undated. Returns a
 * new array; stable; pure. O(n log n + total open organizations).
 */
export function orderAttention(items: readonly AttentionItem[], order: TriageOrder, papers: (id: string) => Pick<Paper, 'publicationDate'> | undefined): AttentionItem[] {
  const indexed = items.map((item, index) => ({ item, index }));
  if (order === 'table') return [...items];
  if (order === 'newest') {
    const date = (id: string): string => papers(id)?.publicationDate ?? '';
    return indexed
      .map((x) => ({ ...x, date: date(x.item.paperId) }))
      .sort((a, b) => (a.date === b.date ? a.index - b.index : a.date === '' ? 1 : b.date === '' ? -1 : a.date < b.date ? 1 : -1))
      .map((x) => x.item);
  }
  const reach = organizationReach(items);
  return indexed
    .map((x) => {
      const counts = [...new Set(x.item.organizations.map((o) => organizationKey(o)))].map((k) => reach.get(k) ?? 0);
      return { ...x, max: counts.length ? Math.max(...counts) : 0, sum: counts.reduce((s, c) => s + c, 0) };
    })
    .sort((a, b) => b.max - a.max || b.sum - a.sum || a.index - b.index)
    .map((x) => x.item);
}

/**
 * The events an annotator may see under blind coding (issue #10): their own events (annotator
 * matched by `annotatorKey`) and every `role` event (who adjudicates is not a label). Folding
 * these gives labels, categories and suggestions with no trace of another annotator. Keeps the
 * input order; pure.
 */
export function blindEvents<T extends { event: LabelEvent }>(events: readonly T[], annotator: string): T[] {
  const me = annotatorKey(annotator);
  return events.filter((e) => e.event.field === 'role' || annotatorKey(e.event.annotator) === me);
}

/** An organization offered when adding organizations to a paper. */
export interface OrganizationChoice {
  name: string;
  /** Papers of the table that name it. */
  papers: number;
  /** True when its name appears in the paper's authors, name or abstract. */
  mentioned: boolean;
}

/**
 * The organizations to offer for a paper that has none (the *Add organizations…* step, labels.md
 * paper field `organizations`): every organization of `entries` (an `organizationsIndex`) that
 * some paper names, those whose name occurs in `text` (the paper's authors, name and abstract;
 * case-insensitive, whole words) first, then by the number of papers naming it (descending),
 * then by name. Pure.
 */
export function organizationChoices(entries: Iterable<{ name: string; paperIds: readonly string[] }>, text: string): OrganizationChoice[] {
  const haystack = ` ${text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
  const words = (name: string): string => name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  const out: OrganizationChoice[] = [];
  for (const e of entries) {
    if (e.paperIds.length === 0) continue;
    const w = words(e.name);
    out.push({ name: e.name, papers: e.paperIds.length, mentioned: w !== '' && haystack.includes(` ${w} `) });
  }
  return out.sort((a, b) => Number(b.mentioned) - Number(a.mentioned) || b.papers - a.papers || a.name.localeCompare(b.name));
}
