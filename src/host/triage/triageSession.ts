import { organizationKey } from '../../core/labels/keys';
import { needsAttention, type AttentionItem } from '../../core/labels/organizations';
import type { LabelState } from '../../core/labels/fold';
import type { Dataset } from '../../core/dataset/model';
import type { TriageProgress } from '../../shared/triageProtocol';

/**
 * A triage session over a live queue (labels.md "Needs attention", issue #10): the queue is
 * replaced whenever labels or the table change (`update`), and the session keeps its place by
 * paper id. A paper on screen that leaves the queue stays on screen, marked resolved, until the
 * user moves on; moving then continues with the paper that followed it. Counts papers done, the
 * organization in focus, and the time spent on each paper. Pure: no vscode, unit-testable; the
 * panel drives it.
 */
export class TriageSession {
  private items: AttentionItem[];
  private currentId: string | undefined;
  /** Where the current paper stands in `items`, or, when it left the queue, where its successor is. */
  private at = 0;
  private focus = 0;
  private readonly doneIds = new Set<string>();
  private readonly skipped = new Set<string>();
  /** Milliseconds spent on each paper, summed over visits. */
  readonly timeSpent = new Map<string, number>();
  private enteredAt: number;
  private readonly startedAt: number;

  /**
   * @param queue the ordered papers that need attention
   * @param now a clock (ms)
   * @param resume the paper to start at (kept across reopenings) and the papers done before
   */
  constructor(
    queue: readonly AttentionItem[],
    private readonly now: () => number = Date.now,
    resume: { paperId?: string; doneBefore?: number } = {},
  ) {
    this.items = [...queue];
    this.doneBefore = resume.doneBefore ?? 0;
    this.startedAt = now();
    this.enteredAt = this.startedAt;
    const start = resume.paperId === undefined ? -1 : this.items.findIndex((i) => i.paperId === resume.paperId);
    this.currentId = (start >= 0 ? this.items[start] : this.items[0])?.paperId;
    this.at = Math.max(0, start);
  }

  /** A session over a table (as loaded) and labels, in table order. */
  static start(original: Dataset, state: LabelState, now?: () => number): TriageSession {
    return new TriageSession(needsAttention(original, state), now);
  }

  /** Papers done in earlier sessions (kept per workspace and annotator by the panel). */
  readonly doneBefore: number;

  get queue(): readonly AttentionItem[] {
    return this.items;
  }

  /** The paper on screen (undefined at the end of the queue). */
  get currentPaperId(): string | undefined {
    return this.currentId;
  }

  /** The queue's item for the paper on screen, or undefined when it left the queue (resolved) or at the end. */
  get current(): AttentionItem | undefined {
    const item = this.items[this.at];
    return item && item.paperId === this.currentId ? item : undefined;
  }

  /** True when the paper on screen no longer needs attention (it left the queue while shown). */
  get resolved(): boolean {
    return this.currentId !== undefined && this.current === undefined;
  }

  get focusIndex(): number {
    return this.focus;
  }

  setFocus(index: number): void {
    this.focus = Math.max(0, index);
  }

  /**
   * Replace the queue (labels or the table changed). The paper on screen keeps its place; when it
   * left the queue it stays on screen (`resolved`) and its successor is the first paper after it
   * in the old queue that is still queued.
   */
  update(queue: readonly AttentionItem[]): void {
    const old = this.items;
    this.items = [...queue];
    if (this.currentId === undefined) {
      this.at = Math.min(this.at, this.items.length);
      this.currentId = this.items[this.at]?.paperId;
      return;
    }
    const index = this.items.findIndex((i) => i.paperId === this.currentId);
    if (index >= 0) {
      this.at = index;
      return;
    }
    const position = new Map(this.items.map((item, i) => [item.paperId, i]));
    const from = old.findIndex((i) => i.paperId === this.currentId);
    this.at = this.items.length;
    for (let i = from < 0 ? old.length : from + 1; i < old.length; i++) {
      const p = position.get(old[i].paperId);
      if (p !== undefined) {
        this.at = p;
        break;
      }
    }
  }

  /** Move to another paper (recording the time spent on the one left). */
  move(delta: number): void {
    this.leave();
    // A resolved paper has left the queue: its successor already stands at `at`.
    const base = this.resolved && delta > 0 ? this.at - 1 : this.at;
    this.at = Math.min(Math.max(0, base + delta), this.items.length);
    this.currentId = this.items[this.at]?.paperId;
    this.focus = 0;
  }

  /** Show `paperId` (undo returns to the paper whose label it retracts), focusing `organizationIndex`. */
  goTo(paperId: string, organizationIndex = 0): void {
    if (paperId !== this.currentId) this.leave();
    const index = this.items.findIndex((i) => i.paperId === paperId);
    if (index >= 0) this.at = index;
    this.currentId = paperId;
    this.focus = Math.max(0, organizationIndex);
  }

  skip(): void {
    if (this.currentId) this.skipped.add(this.currentId);
    this.move(1);
  }

  /**
   * After a label on the organization in focus: focus the next organization of the paper that is
   * still open (in `open`, by organization key; after the focus first, then before it), else mark
   * the paper done and move on.
   */
  advanceAfterLabel(organizations: readonly string[], open: ReadonlySet<string> = new Set(organizations.map((o) => organizationKey(o)))): void {
    const id = this.currentId;
    if (id === undefined) return;
    // The next open organization after the one in focus, wrapping round to earlier ones.
    for (let k = 1; k < organizations.length; k++) {
      const i = (this.focus + k) % organizations.length;
      if (open.has(organizationKey(organizations[i]))) {
        this.focus = i;
        return;
      }
    }
    this.doneIds.add(id);
    this.move(1);
  }

  /** Mark a paper done without moving (its last open organization was labelled elsewhere). */
  markDone(paperId: string): void {
    this.doneIds.add(paperId);
  }

  /** Papers done in this session. */
  get doneThisSession(): number {
    return this.doneIds.size;
  }

  progress(): TriageProgress {
    const hours = (this.now() - this.startedAt) / 3_600_000;
    const position = this.current ? this.at + 1 : Math.min(this.at, this.items.length);
    const progress: TriageProgress = { position, total: this.items.length, done: this.doneBefore + this.doneIds.size };
    if (this.doneIds.size > 0 && hours > 0) progress.perHour = Math.round(this.doneIds.size / hours);
    return progress;
  }

  private leave(): void {
    const now = this.now();
    if (this.currentId !== undefined) this.timeSpent.set(this.currentId, (this.timeSpent.get(this.currentId) ?? 0) + (now - this.enteredAt));
    this.enteredAt = now;
  }
}
