import { organizationKey } from '../../core/labels/keys';
import { needsAttention, organizationsIndex, type AttentionItem } from '../../core/labels/organizations';
import { suggestCategories } from '../../core/labels/suggest';
import type { LabelState } from '../../core/labels/fold';
import type { Dataset } from '../../core/model';
import { displayText } from '../../core/visibleText';
import type { TriageItem, TriageProgress } from '../../shared/triageProtocol';

const REASONS: Record<AttentionItem['reasons'][number], string> = {
  'unknown-sector': 'team sector Unknown',
  'length-mismatch': 'organization and category lists do not line up',
  'conflicting-organization': 'an organization with conflicting categories',
  'unlabelled-organization': 'an organization without a category',
};

/**
 * A triage session: the papers that need attention when it started (labels.md "Needs attention"),
 * the current position, the organization in focus, and the time spent on each paper. Pure: no
 * vscode, so it is unit-testable; the panel and the commands drive it.
 */
export class TriageSession {
  private position = 0;
  private focus = 0;
  private readonly done = new Set<string>();
  private readonly skipped = new Set<string>();
  /** Milliseconds spent on each paper, summed over visits. */
  readonly timeSpent = new Map<string, number>();
  private enteredAt: number;
  private readonly startedAt: number;

  constructor(
    readonly queue: readonly AttentionItem[],
    private readonly now: () => number = Date.now,
  ) {
    this.startedAt = now();
    this.enteredAt = this.startedAt;
  }

  /** Build a session over a dataset (as loaded) and the current labels. */
  static start(original: Dataset, state: LabelState, now?: () => number): TriageSession {
    return new TriageSession(needsAttention(original, state), now);
  }

  get current(): AttentionItem | undefined {
    return this.queue[this.position];
  }

  get focusIndex(): number {
    return this.focus;
  }

  setFocus(index: number): void {
    this.focus = Math.max(0, index);
  }

  /** Move to another item (recording the time spent on the one left). */
  move(delta: number): void {
    this.leave();
    this.position = Math.min(Math.max(0, this.position + delta), this.queue.length);
    this.focus = 0;
  }

  skip(): void {
    const item = this.current;
    if (item) this.skipped.add(item.paperId);
    this.move(1);
  }

  /** After a label: focus the next organization, or mark the paper done and move on. */
  advanceAfterLabel(organizationCount: number): void {
    const item = this.current;
    if (!item) return;
    if (this.focus + 1 < organizationCount) {
      this.focus++;
      return;
    }
    this.done.add(item.paperId);
    this.move(1);
  }

  progress(): TriageProgress {
    const hours = (this.now() - this.startedAt) / 3_600_000;
    const progress: TriageProgress = { position: Math.min(this.position + 1, this.queue.length), total: this.queue.length, done: this.done.size };
    if (this.done.size > 0 && hours > 0) progress.perHour = Math.round(this.done.size / hours);
    return progress;
  }

  private leave(): void {
    const item = this.current;
    const now = this.now();
    if (item) this.timeSpent.set(item.paperId, (this.timeSpent.get(item.paperId) ?? 0) + (now - this.enteredAt));
    this.enteredAt = now;
  }

  /** The current item as the webview draws it, with categories and suggestions from `labelled`. */
  view(labelled: Dataset, original: Dataset, state: LabelState, annotator: string | undefined): TriageItem | undefined {
    const item = this.current;
    if (!item) return undefined;
    const paper = labelled.papers.find((p) => p.id === item.paperId);
    if (!paper) return undefined;
    const index = organizationsIndex(original, state);
    const organizations = paper.organizations.map((name) => {
      const entry = index.get(organizationKey(name));
      const suggestion = suggestCategories(name, { state, index, annotator })[0];
      const rows = (entry?.dataCategories ?? []).map((c) => `${displayText(c.category)} ×${c.rows}`).join(', ');
      const source = entry?.label
        ? `label by ${displayText(entry.label.annotator)}`
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
        ...(suggestion ? { suggestion: { category: suggestion.category, confidence: suggestion.confidence, reason: suggestion.reason } } : {}),
      };
    });
    return {
      paperId: paper.id,
      name: displayText(paper.name || paper.id),
      date: paper.publicationDate ?? 'no date',
      teamSector: paper.teamSector,
      reasons: item.reasons.map((r) => REASONS[r]),
      authors: displayText(paper.authors),
      abstract: paper.abstract,
      link: /^https?:\/\//i.test(paper.link) ? paper.link : '',
      organizations,
      focus: Math.min(this.focus, Math.max(0, organizations.length - 1)),
    };
  }
}
