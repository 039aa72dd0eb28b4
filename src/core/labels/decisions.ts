/**
 * Screening decisions of papers (the paper field `decision` of `../shared/spec/labels.md`) as views,
 * filters and exports read them: a paper's effective decision, the filter's choices, and counts in
 * the manner of a PRISMA flow diagram (screened, included, excluded, maybe).
 */
import type { Paper } from '../dataset/model';
import type { PaperDecision } from './eventTypes';
import type { PaperLabels } from './fold';

/** What the decision filter can select: a decision, or papers without one. */
export const DECISION_CHOICES = ['include', 'exclude', 'maybe', 'undecided'] as const;
export type DecisionChoice = (typeof DECISION_CHOICES)[number];

/**
 * A paper's effective decision (`include`, `exclude`, `maybe`), read from the labels that
 * `applyLabels` attached to it (`LabelledPaper.labels.decision`); undefined for a paper without
 * one, or a paper of a dataset that labels were not applied to. Pure.
 */
export function paperDecision(paper: Paper): PaperDecision | undefined {
  return (paper as Paper & { labels?: PaperLabels }).labels?.decision?.value;
}

/** Papers per decision among a set of papers: `screened` is how many have any decision. */
export interface DecisionCounts {
  papers: number;
  screened: number;
  include: number;
  exclude: number;
  maybe: number;
  undecided: number;
}

/**
 * Count decisions over `papers` (the rows of a labelled dataset; each row counts once, a decision
 * on an id that no row has does not count): `screened` = include + exclude + maybe, `undecided` =
 * papers − screened. Pure, O(papers).
 */
export function decisionCounts(papers: readonly Paper[]): DecisionCounts {
  const counts: DecisionCounts = { papers: papers.length, screened: 0, include: 0, exclude: 0, maybe: 0, undecided: 0 };
  for (const paper of papers) {
    const decision = paperDecision(paper);
    if (decision) {
      counts[decision]++;
      counts.screened++;
    } else counts.undecided++;
  }
  return counts;
}

/** `screened 120 · included 80 · excluded 30 · maybe 10`: the counts as one line (the status bar's). */
export function formatDecisionCounts(c: DecisionCounts): string {
  const n = (x: number): string => x.toLocaleString('en-US');
  return `screened ${n(c.screened)} · included ${n(c.include)} · excluded ${n(c.exclude)} · maybe ${n(c.maybe)}`;
}

/**
 * Parse decision choices given as text (the CLI's `--decision`, a remembered setting): each is
 * matched case-insensitively to `include`, `exclude`, `maybe` or `undecided` (also `included`,
 * `excluded`, as the status bar writes them). Returns them in the order given, without repeats.
 *
 * @throws RangeError naming the value and the accepted ones when a value is none of them
 */
export function parseDecisionChoices(values: readonly string[]): DecisionChoice[] {
  const out: DecisionChoice[] = [];
  for (const raw of values) {
    const v = raw.trim().toLowerCase().replace(/^(include|exclude)d$/, '$1');
    const choice = DECISION_CHOICES.find((c) => c === v);
    if (!choice) throw new RangeError(`unknown decision "${raw}"; expected one of ${DECISION_CHOICES.join(', ')}`);
    if (!out.includes(choice)) out.push(choice);
  }
  return out;
}
