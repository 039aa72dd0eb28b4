/**
 * Suggestions for an organization's category, each with its evidence (issue: "suggestions for an
 * organization's category when there is evidence — the user's earlier labels, what other rows say
 * about the same name, name patterns — with the reason").
 */
import type { OrganizationCategory } from '../dataset/model';
import { canonicalCategory } from '../sector/teamSector';
import type { LabelState } from './fold';
import { annotatorKey, organizationKey } from './keys';
import { matchNamePatterns } from './namePatterns';
import type { OrganizationEntry } from './organizations';

export type SuggestionSource = 'your-label' | 'other-label' | 'similar-name' | 'table' | 'name-pattern';

/** One suggested category: combined confidence (0–1), best evidence first. */
export interface CategorySuggestion {
  category: OrganizationCategory;
  confidence: number;
  /** All reasons, joined by "; ", strongest first. */
  reason: string;
  evidence: { source: SuggestionSource; confidence: number; reason: string }[];
}

export interface SuggestContext {
  state: LabelState;
  /** `organizationsIndex(dataset, state)`: the data categories and the other spellings. */
  index: ReadonlyMap<string, OrganizationEntry>;
  /** Whose "earlier labels" count as the user's own. */
  annotator?: string;
  /**
   * Blind coding (issue #10): no evidence from another annotator's labels (nor from their labels
   * on similar names). Pass a state folded from `blindEvents` as well, so the index holds none either.
   */
  blind?: boolean;
}

const looseKeys = new Map<string, string>();

/**
 * A loose key for "the same organization written differently": accents removed, a trailing
 * parenthesised acronym dropped, punctuation folded (`Université de Montréal` ~ `Universite de
 * Montreal`; `Massachusetts Institute of Technology (MIT)` ~ `Massachusetts Institute of
 * Technology`). Only for suggestions; labels match by `organizationKey`.
 */
export function looseOrganizationKey(name: string): string {
  let key = looseKeys.get(name);
  if (key === undefined) {
    key = organizationKey(name)
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/\s*\([^)]*\)\s*$/u, '')
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
    // Suggestions for every organization of a table compare each name with every other: memoise.
    if (looseKeys.size >= 50_000) looseKeys.clear();
    looseKeys.set(name, key);
  }
  return key;
}

/**
 * Suggest categories for the organization `name`, best first (highest combined confidence; ties
 * in ORGANIZATION_CATEGORIES order). Evidence, with its confidence:
 * - the user's own current label on this organization (0.97) or on a spelling with the same loose
 *   key (0.9); other annotators' labels (0.85, adjudicator 0.9; loose spelling 0.75);
 * - what the table's rows give this organization (from-data: 0.6 + 0.3·(1 − 1/(rows + 1)), scaled
 *   by its share when the rows conflict), and other spellings' rows (0.6 × share);
 * - name patterns (namePatterns.ts: University/Université/Universität/Universidad/College/Institute
 *   of Technology/School → Academia; Inc., Ltd, LLC, GmbH, Corp., AG, S.A., PLC and known companies
 *   → Industry, "Labs" at 0.5; Ministry, Government, National Laboratory, Agency, Department of →
 *   Government; foundations → Research collective / Non-profit at 0.4–0.45).
 * Confidences of one category combine as independent evidence: 1 − Π(1 − c). Labels count only
 * as the fold leaves them: a value its annotator retracted (an undo) is gone, never evidence.
 * With `context.blind`, only the user's own labels count among labels. Returns [] when there is
 * no evidence. Pure.
 */
export function suggestCategories(name: string, context: SuggestContext): CategorySuggestion[] {
  const key = organizationKey(name);
  const loose = looseOrganizationKey(name);
  const me = context.annotator === undefined ? undefined : annotatorKey(context.annotator);
  const evidence = new Map<OrganizationCategory, CategorySuggestion['evidence']>();
  const add = (category: string, source: SuggestionSource, confidence: number, reason: string): void => {
    const c = canonicalCategory(category) as OrganizationCategory | undefined;
    if (c === undefined || confidence <= 0) return;
    const list = evidence.get(c) ?? [];
    list.push({ source, confidence, reason });
    evidence.set(c, list);
  };

  for (const field of context.state.fields) {
    if (field.kind !== 'organization') continue;
    const same = field.key === key;
    if (!same && looseOrganizationKey(field.display) !== loose) continue;
    for (const [annotator, v] of field.byAnnotator) {
      const mine = annotator === me;
      if (context.blind && !mine) continue;
      const adjudicator = context.state.adjudicators.has(annotator);
      const who = mine ? 'you' : `${annotator}${adjudicator ? ' (adjudicator)' : ''}`;
      const what = same ? 'labelled it' : `labelled "${field.display}"`;
      const confidence = mine ? (same ? 0.97 : 0.9) : same ? (adjudicator ? 0.9 : 0.85) : 0.75;
      add(v.value, mine ? 'your-label' : same ? 'other-label' : 'similar-name', confidence, `${who} ${what} ${v.value} (${v.ts.slice(0, 10)})`);
    }
  }

  for (const entry of context.index.values()) {
    const same = entry.key === key;
    if (entry.dataCategories.length === 0 || (!same && looseOrganizationKey(entry.name) !== loose)) continue;
    const total = entry.dataCategories.reduce((s, d) => s + d.rows, 0);
    for (const { category, rows } of entry.dataCategories) {
      const share = rows / total;
      const rowsText = `${rows} row${rows === 1 ? '' : 's'}`;
      if (same) add(category, 'table', (0.6 + 0.3 * (1 - 1 / (rows + 1))) * share, `${rowsText} of the table give ${category}${share < 1 ? ` (${Math.round(share * 100)} % of its rows)` : ''}`);
      else add(category, 'similar-name', 0.6 * share, `${rowsText} give "${entry.name}" ${category}`);
    }
  }

  for (const p of matchNamePatterns(name)) add(p.category, 'name-pattern', p.confidence, `name pattern: ${p.why}`);

  const order = ['Academia', 'Industry', 'Government', 'Research collective', 'Non-profit'];
  return [...evidence]
    .map(([category, list]) => {
      list.sort((a, b) => b.confidence - a.confidence);
      const confidence = 1 - list.reduce((p, e) => p * (1 - e.confidence), 1);
      return { category, confidence: Math.round(confidence * 1000) / 1000, reason: list.map((e) => e.reason).join('; '), evidence: list };
    })
    .sort((a, b) => b.confidence - a.confidence || order.indexOf(a.category) - order.indexOf(b.category));
}
