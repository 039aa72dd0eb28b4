/**
 * Inter-annotator agreement: Cohen's kappa for two annotators and Krippendorff's alpha (nominal)
 * for any number with missing data, on organization categories and on team sectors.
 * Sources: J. Cohen (1960), "A coefficient of agreement for nominal scales", Educational and
 * Psychological Measurement 20(1); K. Krippendorff (2011), "Computing Krippendorff's
 * Alpha-Reliability", Annenberg School for Communication, University of Pennsylvania.
 */
import type { Dataset, TeamSector } from '../dataset/model';
import { deriveTeamSector } from '../sector/teamSector';
import type { LabelState } from './fold';
import { organizationKey, paperKey } from './keys';

export interface KappaResult {
  /** κ = (p_o − p_e) / (1 − p_e); undefined when no item is rated by both or p_e = 1 (0/0). */
  kappa: number | undefined;
  /** Items both annotators rated. */
  n: number;
  /** Observed agreement p_o (share of items with the same value), 0–1. */
  observed: number;
  /** Chance agreement p_e = Σ_k p_1k · p_2k from each annotator's own marginals, 0–1. */
  expected: number;
}

/**
 * Cohen's kappa for two annotators on nominal values (Cohen 1960). Each pair is one item rated by
 * both (items rated by one only must be left out by the caller). Example (Wikipedia, "Cohen's
 * kappa"): 50 items, 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no → p_o = 0.7, p_e = 0.5, κ = 0.4.
 *
 * @param pairs `[value of annotator 1, value of annotator 2]` per item
 */
export function cohensKappa(pairs: readonly (readonly [string, string])[]): KappaResult {
  const n = pairs.length;
  if (n === 0) return { kappa: undefined, n, observed: 0, expected: 0 };
  const first = new Map<string, number>();
  const second = new Map<string, number>();
  let same = 0;
  for (const [a, b] of pairs) {
    if (a === b) same++;
    first.set(a, (first.get(a) ?? 0) + 1);
    second.set(b, (second.get(b) ?? 0) + 1);
  }
  let expected = 0;
  for (const [value, count] of first) expected += (count / n) * ((second.get(value) ?? 0) / n);
  const observed = same / n;
  return { kappa: expected === 1 ? undefined : (observed - expected) / (1 - expected), n, observed, expected };
}

export interface AlphaResult {
  /** α = 1 − D_o / D_e; undefined with fewer than two pairable values or one value only (D_e = 0). */
  alpha: number | undefined;
  /** Pairable values n: values in units that hold at least two. */
  n: number;
  /** Units with at least two values (the others carry no information on agreement). */
  units: number;
  /** Observed disagreement D_o and expected disagreement D_e (nominal δ: 0 if equal, else 1). */
  observedDisagreement: number;
  expectedDisagreement: number;
}

/**
 * Krippendorff's alpha for nominal data, any number of annotators, missing values allowed
 * (Krippendorff 2011, section C): from the coincidence matrix o_ck = Σ_u (number of c–k pairs
 * in u) / (m_u − 1) over units with m_u ≥ 2 values, n_c = Σ_k o_ck, n = Σ_c n_c,
 * D_o = Σ_{c≠k} o_ck / n, D_e = Σ_{c≠k} n_c n_k / (n(n − 1)), α = 1 − D_o / D_e.
 * Worked example in that paper (4 observers, 12 units, missing data): α = 0.743.
 *
 * @param units one array per unit (item) with each annotator's value, `undefined`/`null` when missing
 */
export function krippendorffAlphaNominal(units: readonly (readonly (string | undefined | null)[])[]): AlphaResult {
  const totals = new Map<string, number>();
  let n = 0;
  let agreeing = 0; // Σ_c o_cc
  let pairable = 0;
  for (const unit of units) {
    const counts = new Map<string, number>();
    let m = 0;
    for (const v of unit) {
      if (v === undefined || v === null) continue;
      counts.set(v, (counts.get(v) ?? 0) + 1);
      m++;
    }
    if (m < 2) continue;
    pairable++;
    n += m;
    for (const [value, c] of counts) {
      totals.set(value, (totals.get(value) ?? 0) + c);
      agreeing += (c * (c - 1)) / (m - 1);
    }
  }
  let sumSquares = 0;
  for (const c of totals.values()) sumSquares += c * c;
  const observedDisagreement = n === 0 ? 0 : (n - agreeing) / n;
  const expectedDisagreement = n < 2 ? 0 : (n * n - sumSquares) / (n * (n - 1));
  const alpha = n < 2 || expectedDisagreement === 0 ? undefined : 1 - observedDisagreement / expectedDisagreement;
  return { alpha, n, units: pairable, observedDisagreement, expectedDisagreement };
}

/** Agreement of a set of annotators on one kind of item. */
export interface AgreementReport {
  annotators: string[];
  /** Items at least one of the annotators rated. */
  items: number;
  alpha: AlphaResult;
  /** Cohen's kappa for every pair of annotators (items both rated). */
  pairwise: { a: string; b: string; kappa: KappaResult }[];
}

/**
 * Agreement from a ratings table: item → (annotator → value). Alpha over the given annotators
 * (default: everyone who rated an item), kappa for each pair. Pure.
 */
export function agreementOf(ratings: ReadonlyMap<string, ReadonlyMap<string, string>>, annotators?: readonly string[]): AgreementReport {
  const who = annotators ? [...annotators] : [...new Set([...ratings.values()].flatMap((m) => [...m.keys()]))].sort();
  const rows = [...ratings.values()].map((m) => who.map((a) => m.get(a))).filter((row) => row.some((v) => v !== undefined));
  const pairwise: AgreementReport['pairwise'] = [];
  for (let i = 0; i < who.length; i++)
    for (let j = i + 1; j < who.length; j++) {
      const pairs = rows.filter((r) => r[i] !== undefined && r[j] !== undefined).map((r) => [r[i]!, r[j]!] as const);
      pairwise.push({ a: who[i], b: who[j], kappa: cohensKappa(pairs) });
    }
  return { annotators: who, items: rows.length, alpha: krippendorffAlphaNominal(rows), pairwise };
}

/** organizationKey → (annotator → current category): every annotator's own labels, retractions removed. */
export function organizationRatings(state: LabelState): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const f of state.fields)
    if (f.kind === 'organization' && f.byAnnotator.size > 0) out.set(f.key, new Map([...f.byAnnotator].map(([a, v]) => [a, v.value])));
  return out;
}

/**
 * paper id → (annotator → team sector) for agreement on team sectors: an annotator's team sector
 * of a paper is their own `teamSector` label, else, when they labelled every organization of the
 * row, the sector derived from their labels alone (sector-and-dataset.md rules 1–6); otherwise
 * they did not rate that paper. Only papers of `dataset` count.
 */
export function teamSectorRatings(dataset: Dataset, state: LabelState): Map<string, Map<string, TeamSector>> {
  const organizations = organizationRatings(state);
  const sectors = new Map<string, Map<string, string>>();
  for (const f of state.fields) if (f.kind === 'paper' && f.field === 'teamSector') sectors.set(f.key, new Map([...f.byAnnotator].map(([a, v]) => [a, v.value])));
  const out = new Map<string, Map<string, TeamSector>>();
  for (const paper of dataset.papers) {
    const ratings = new Map<string, TeamSector>();
    const keys = paper.organizations.map((o) => organizationKey(o));
    if (keys.length > 0)
      for (const annotator of state.annotators) {
        const labels = keys.map((k) => organizations.get(k)?.get(annotator));
        if (labels.every((l) => l !== undefined)) ratings.set(annotator, deriveTeamSector(labels).teamSector);
      }
    for (const [annotator, sector] of sectors.get(paperKey(paper.id)) ?? []) ratings.set(annotator, sector as TeamSector);
    if (ratings.size > 0) out.set(paper.id, ratings);
  }
  return out;
}
