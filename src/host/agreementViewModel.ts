import { blindVerdict, TEAM_SECTOR_NOTE, type AgreementSummary } from '../core/labels/agreementReport';
import type { AgreementReport } from '../core/labels/agreement';
import type { Disagreement } from '../core/labels/fold';
import type { AgreementSectionView, AgreementView, DisagreementView } from '../shared/agreementProtocol';

const orNull = (x: number | undefined): number | null => (x === undefined ? null : x);

function section(title: string, report: AgreementReport | undefined, note?: string, unavailable?: string): AgreementSectionView {
  if (!report) return { title, note, unavailable, items: 0, annotators: [], alpha: null, alphaUnits: 0, alphaValues: 0, pairs: [] };
  return {
    title,
    note,
    items: report.items,
    annotators: report.annotators,
    alpha: orNull(report.alpha.alpha),
    alphaUnits: report.alpha.units,
    alphaValues: report.alpha.n,
    pairs: report.pairwise.map((p) => ({ a: p.a, b: p.b, n: p.kappa.n, observed: p.kappa.observed, kappa: orNull(p.kappa.kappa) })),
  };
}

function disagreement(d: Disagreement): DisagreementView {
  return {
    kind: d.kind,
    key: d.key,
    display: d.display,
    field: d.field,
    values: d.values.map((v) => ({ annotator: v.annotator, value: v.value })),
    effective: { annotator: d.effective.annotator, value: d.effective.value },
    adjudicated: d.adjudicated,
    choices: [...new Set(d.values.map((v) => v.value))].sort(),
  };
}

/** The Agreement webview's data from the core summary (plain JSON: numbers as given, `null` for n/a). */
export function buildAgreementView(summary: AgreementSummary, me: { name: string; adjudicator: boolean } | undefined): AgreementView {
  return {
    annotators: summary.annotators,
    adjudicators: summary.adjudicators,
    ...(summary.missing ? { missing: summary.missing } : {}),
    sections: summary.missing
      ? []
      : [
          section('Organization categories', summary.organizations),
          section('Team sectors (effective, per paper)', summary.sectors, TEAM_SECTOR_NOTE, 'No dataset is loaded: team sectors need the table’s papers.'),
        ],
    blind: summary.blind.map((b) => ({ ...b })),
    blindVerdict: blindVerdict(summary.blind),
    open: summary.open.map(disagreement),
    adjudicated: summary.adjudicated.map(disagreement),
    ...(me ? { me } : {}),
  };
}
