/**
 * The agreement report as data (for the Agreement view) and as Markdown (its export): alpha and
 * pairwise kappa on organization categories and team sectors, whether the labels were made blind,
 * and the disagreements, open ones apart from those an adjudicator decided. Pure; no vscode.
 */
import type { Dataset } from '../dataset/model';
import { countNoun } from '../text/format';
import { escapeMarkdown } from '../text/markdownText';
import { agreementOf, organizationRatings, teamSectorRatings, type AgreementReport } from './agreement';
import type { Disagreement, LabelState } from './fold';
import type { ParsedEvent } from './parseLog';

/** How many of one annotator's events were made blind (`"blind": true` on the event). */
export interface BlindShare {
  annotator: string;
  /** The annotator's label events (role events not counted: they are not labels). */
  events: number;
  /** Of those, the events that carry `"blind": true`. */
  blind: number;
}

/** Everything the Agreement view and its Markdown export show. */
export interface AgreementSummary {
  /** The annotators whose ratings count: every annotator with a current label that is not an adjudication, sorted. */
  annotators: string[];
  /** The annotators whose role is adjudicator, sorted. */
  adjudicators: string[];
  /** Why agreement cannot be measured yet (fewer than two annotators); undefined otherwise. */
  missing?: string;
  /** Agreement on organization categories (undefined when `missing`). */
  organizations?: AgreementReport;
  /** Agreement on team sectors (undefined when `missing` or without a dataset). */
  sectors?: AgreementReport;
  blind: BlindShare[];
  /** Disagreements no adjudicator has decided: the disputed values, each waiting for a decision. */
  open: Disagreement[];
  /** Disagreements an adjudicator decided (their value is in force). */
  adjudicated: Disagreement[];
}

/**
 * Per annotator, how many of their label events carry `"blind": true` (the key the triage's blind
 * mode writes, so the log alone tells whether a double-coding study was blind). Role events
 * (target kind `annotator`) are not labels and are not counted; retractions are. The key is read
 * from the event as parsed (unknown keys survive `checkEvent`), and only the boolean `true` counts.
 * Returns one entry per annotator with at least one label event, sorted by name.
 *
 * @param events valid events as `parseLabelLog`/`LabelLogReader` return them
 */
export function blindShares(events: readonly ParsedEvent[]): BlindShare[] {
  const by = new Map<string, BlindShare>();
  for (const { event } of events) {
    if (event.target.kind === 'annotator') continue;
    const share = by.get(event.annotator) ?? { annotator: event.annotator, events: 0, blind: 0 };
    share.events++;
    if ((event as { blind?: unknown }).blind === true) share.blind++;
    by.set(event.annotator, share);
  }
  return [...by.values()].sort((a, b) => (a.annotator < b.annotator ? -1 : a.annotator > b.annotator ? 1 : 0));
}

/** The `reason` of a label appended to decide a disagreement (the Agreement view writes it). */
export const ADJUDICATION_REASON = 'adjudication';

/**
 * The label state without adjudications: every annotator's current value whose reason is
 * `ADJUDICATION_REASON` is dropped, and `annotators` keeps only those with a value left. An
 * adjudication is a decision taken after seeing the others' values, not an independent rating, so
 * counting it would inflate agreement with whoever it sided with.
 */
export function withoutAdjudications(state: LabelState): LabelState {
  const fields = state.fields.map((f) => ({ ...f, byAnnotator: new Map([...f.byAnnotator].filter(([, v]) => v.reason !== ADJUDICATION_REASON)) }));
  const raters = new Set(fields.flatMap((f) => [...f.byAnnotator.keys()]));
  return { ...state, fields, annotators: state.annotators.filter((a) => raters.has(a)) };
}

/**
 * The agreement summary of a label state: Krippendorff's alpha and Cohen's kappa per pair on
 * organization categories (`organizationRatings`) and, when `dataset` is given, on team sectors
 * (`teamSectorRatings`), both without adjudications (`withoutAdjudications`); the blind shares of
 * `events`; the disagreements split into open (no adjudicator has a value) and adjudicated. With
 * fewer than two annotators with ratings `missing` says what is needed and no agreement is
 * computed. Pure.
 *
 * @param state the folded labels
 * @param dataset the table whose papers count for team sectors, or undefined when none is loaded
 * @param events the valid events of the log (for the blind shares)
 */
export function agreementSummary(state: LabelState, dataset: Dataset | undefined, events: readonly ParsedEvent[]): AgreementSummary {
  const rated = withoutAdjudications(state);
  const annotators = [...rated.annotators];
  const summary: AgreementSummary = {
    annotators,
    adjudicators: [...state.adjudicators].sort(),
    blind: blindShares(events),
    open: state.disagreements.filter((d) => !d.adjudicated),
    adjudicated: state.disagreements.filter((d) => d.adjudicated),
  };
  if (annotators.length < 2) {
    summary.missing =
      annotators.length === 0
        ? 'No labels yet. Label with "Label Organization…" or "Start Affiliation Triage"; agreement needs labels from two annotators.'
        : `Only ${annotators[0]} has labelled so far; agreement needs labels from two annotators (each sets computeDivide.annotator).`;
    return summary;
  }
  summary.organizations = agreementOf(organizationRatings(rated));
  if (dataset) summary.sectors = agreementOf(teamSectorRatings(dataset, rated));
  return summary;
}

/** A statistic with three decimals, or "n/a" when it is undefined (0/0). */
export function formatStatistic(x: number | undefined): string {
  return x === undefined ? 'n/a' : x.toFixed(3);
}

/**
 * One sentence on blind coding: all, none or some of the label events made blind. Returns
 * "No labels yet." without label events.
 */
export function blindVerdict(shares: readonly BlindShare[]): string {
  const events = shares.reduce((s, x) => s + x.events, 0);
  const blind = shares.reduce((s, x) => s + x.blind, 0);
  if (events === 0) return 'No labels yet.';
  if (blind === events) return 'Every label was made blind: no annotator saw the others’ labels or suggestions drawn from them.';
  if (blind === 0) return 'No label was made blind: annotators could see each other’s labels, which may inflate agreement.';
  return `${blind} of ${events} labels were made blind; the others were made with other annotators’ labels in view.`;
}

/** "7 of 10 (70%)". */
export function blindShareText(share: BlindShare): string {
  return `${share.blind} of ${share.events} (${share.events === 0 ? 0 : Math.round((100 * share.blind) / share.events)}%)`;
}

/** Team-sector note shown under that section, in the view and in the export. */
export const TEAM_SECTOR_NOTE =
  "Each annotator's team sector of a paper follows from their own organization labels (and their team-sector overrides), so a paper counts here once an annotator has labelled all of its organizations or set its team sector.";

/**
 * The agreement report as Markdown, for a file the user keeps: per section (organization
 * categories, team sectors) the number of items and annotators, Krippendorff's alpha with its
 * pairable units and values, a table of Cohen's kappa per pair; a table of blind shares; the open
 * and the adjudicated disagreements. Text from the log (names, values) is escaped with
 * `escapeMarkdown`. It refers to no file: the report must stand alone wherever it is saved.
 */
export function agreementMarkdown(summary: AgreementSummary): string {
  const md = escapeMarkdown;
  const section = (title: string, r: AgreementReport | undefined, note?: string): string[] => [
    `## ${title}`,
    '',
    ...(note ? [note, ''] : []),
    ...(r
      ? [
          `${countNoun(r.items, 'item')} rated by ${countNoun(r.annotators.length, 'annotator')} (${r.annotators.map(md).join(', ') || 'none'}).`,
          '',
          `Krippendorff's alpha (nominal): **${formatStatistic(r.alpha.alpha)}** over ${countNoun(r.alpha.units, 'item')} rated at least twice (${countNoun(r.alpha.n, 'pairable value')}).`,
          '',
          ...(r.pairwise.length
            ? ["| Annotators | Items both rated | Observed agreement | Cohen's kappa |", '|---|---:|---:|---:|', ...r.pairwise.map((p) => `| ${md(p.a)} – ${md(p.b)} | ${p.kappa.n} | ${formatStatistic(p.kappa.observed)} | ${formatStatistic(p.kappa.kappa)} |`)]
            : ["Cohen's kappa needs two annotators."]),
        ]
      : ['No dataset is loaded: team sectors need the table’s papers.']),
    '',
  ];
  const table = (list: readonly Disagreement[]): string[] =>
    list.length
      ? ['| Target | Name | Field | Values | In force |', '|---|---|---|---|---|', ...list.map((d) => `| ${d.kind} | ${md(d.display)} | ${d.field} | ${d.values.map((v) => `${md(v.annotator)}: ${md(v.value)}`).join('; ')} | ${md(d.effective.value)} (${md(d.effective.annotator)}) |`), '']
      : ['None.', ''];
  const lines = ['# Label agreement', ''];
  if (summary.missing) lines.push(summary.missing, '');
  else
    lines.push(
      'Adjudications (labels given to decide a disagreement) are decisions, not ratings: they are left out of alpha and kappa.',
      '',
      ...section('Organization categories', summary.organizations), ...section('Team sectors (effective, per paper)', summary.sectors, TEAM_SECTOR_NOTE),
    );
  lines.push('## Blind coding', '', blindVerdict(summary.blind), '');
  if (summary.blind.length) lines.push('| Annotator | Label events | Made blind |', '|---|---:|---:|', ...summary.blind.map((s) => `| ${md(s.annotator)} | ${s.events} | ${blindShareText(s)} |`), '');
  lines.push(
    `## Open disagreements (${summary.open.length})`,
    '',
    'Annotators’ current values differ and no adjudicator has decided; the latest label is in force until one does. An adjudicator’s label wins over the other annotators’.',
    '',
    ...table(summary.open),
    `## Adjudicated (${summary.adjudicated.length})`,
    '',
    ...table(summary.adjudicated),
  );
  return lines.join('\n');
}
