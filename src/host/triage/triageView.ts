import { annotatorKey, organizationKey } from '../../core/labels/keys';
import type { AttentionItem, OrganizationEntry } from '../../core/labels/organizations';
import { suggestCategories } from '../../core/labels/suggest';
import type { LabelState } from '../../core/labels/fold';
import type { Paper } from '../../core/dataset/model';
import { displayText } from '../../core/text/visibleText';
import type { TriageItem } from '../../shared/triageProtocol';

const REASONS: Record<AttentionItem['reasons'][number], string> = {
  'unknown-sector': 'team sector Unknown',
  'length-mismatch': 'organization and category lists do not line up',
  'conflicting-organization': 'an organization with conflicting categories',
  'unlabelled-organization': 'an organization without a category',
};

/** What the panel draws for one paper: the labelled paper, its queue item (none once resolved) and the labels it sees. */
export interface TriageViewInput {
  paper: Paper;
  item: AttentionItem | undefined;
  /** The labels the annotator sees (only their own under blind coding). */
  state: LabelState;
  index: ReadonlyMap<string, OrganizationEntry>;
  annotator: string | undefined;
  blind: boolean;
  focus: number;
  resolvedNote?: string;
}

/**
 * The paper on screen as the webview draws it: each organization with the category in force,
 * where it comes from, and the best suggestion; under blind coding `state` and `index` hold the
 * annotator's own labels only, so no other annotator's name or value can appear.
 */
export function triageItem(input: TriageViewInput): TriageItem {
  const { paper, item, state, index, annotator, blind } = input;
  const me = annotator === undefined ? undefined : annotatorKey(annotator);
  const open = new Set((item?.organizations ?? []).map((o) => organizationKey(o)));
  const organizations = paper.organizations.map((name) => {
    const entry = index.get(organizationKey(name));
    const suggestion = suggestCategories(name, { state, index, annotator, blind })[0];
    const rows = (entry?.dataCategories ?? []).map((c) => `${displayText(c.category)} ×${c.rows}`).join(', ');
    const source = entry?.label
      ? entry.label.annotator === me
        ? 'your label'
        : `label by ${displayText(entry.label.annotator)}`
      : entry?.status === 'conflicting'
        ? `rows disagree: ${rows}`
        : entry?.status === 'from-data'
          ? `table rows: ${rows}`
          : 'no row gives one';
    // Display only: the webview names organizations by index, never sends a name back.
    return {
      name: displayText(name),
      category: entry?.category ?? '',
      source,
      open: open.has(organizationKey(name)),
      ...(suggestion ? { suggestion: { category: suggestion.category, confidence: suggestion.confidence, reason: suggestion.reason } } : {}),
    };
  });
  return {
    paperId: paper.id,
    name: displayText(paper.name || paper.id),
    date: paper.publicationDate ?? 'no date',
    teamSector: paper.teamSector,
    reasons: (item?.reasons ?? []).map((r) => REASONS[r]),
    authors: displayText(paper.authors),
    abstract: paper.abstract,
    link: /^https?:\/\//i.test(paper.link) ? paper.link : '',
    organizations,
    focus: Math.min(input.focus, Math.max(0, organizations.length - 1)),
    ...(input.resolvedNote ? { resolvedNote: input.resolvedNote } : {}),
  };
}
