/**
 * The category of an institution or organization from affiliation evidence, in the precedence of
 * spec imports.md ("Organization categories from affiliation evidence"): (1) the user's
 * organization label, by name or ROR id; (2) the institution's type; (3) for Epoch rows, the
 * table's categories; (4) none: unlabelled.
 */
import type { OrganizationCategory } from '../dataset/model';
import type { LabelState } from '../labels/fold';
import { organizationKey } from '../labels/keys';
import type { OrganizationEntry } from '../labels/organizations';
import { normalizeRor } from '../sources/identifiers';
import { canonicalCategory } from './teamSector';

/**
 * Institution types that give a category, in the order that decides for a record with several
 * (imports.md: MIT `["education", "funder"]` → Academia). OpenAlex and ROR (v1 capitalised, v2
 * lower-case) share the words; `facility`, `healthcare`, `archive`, `funder`, `other` give none.
 */
export const TYPE_CATEGORIES: readonly (readonly [string, OrganizationCategory])[] = [
  ['education', 'Academia'],
  ['company', 'Industry'],
  ['government', 'Government'],
  ['nonprofit', 'Non-profit'],
];

/**
 * The category that an institution's types give (imports.md rule 2): the first of education →
 * Academia, company → Industry, government → Government, nonprofit → Non-profit that the types
 * contain, compared case-insensitively (ROR v1 writes `Education`), with the type that decided.
 * Undefined when none of them occurs (facility, healthcare, archive, funder, other, or no type).
 *
 * @param types the institution's types in any case and order
 */
export function categoryOfTypes(types: readonly string[]): { category: OrganizationCategory; type: string } | undefined {
  const lower = types.map((t) => t.trim().toLowerCase());
  for (const [type, category] of TYPE_CATEGORIES) if (lower.includes(type)) return { category, type };
  return undefined;
}

/** A user's organization label as the category rules need it. */
export interface OrganizationLabelHit {
  category: OrganizationCategory;
  /** The name as the label's target writes it. */
  name: string;
  annotator: string;
  matchedBy: 'name' | 'ror';
  reason?: string;
}

/** The user's organization labels, looked up by name and by ROR id. */
export interface OrganizationLabels {
  byName(name: string): OrganizationLabelHit | undefined;
  byRor(ror: string): OrganizationLabelHit | undefined;
}

/** No labels at all. */
export const NO_ORGANIZATION_LABELS: OrganizationLabels = { byName: () => undefined, byRor: () => undefined };

/**
 * The organization labels of a folded label log (labels.md): by name through `organizationKey`
 * (NFC, white space folded, case-insensitive, accents count), and by ROR id where the label's
 * target carries `"ror"` (labels.md: "An organization target may also carry a ROR id").
 *
 * @param state the folded log (`foldLabels`)
 */
export function organizationLabelsOf(state: Pick<LabelState, 'organizations'>): OrganizationLabels {
  const byRor = new Map<string, OrganizationLabelHit>();
  for (const label of state.organizations.values()) {
    const rorText = (label.target as { ror?: unknown }).ror;
    const ror = typeof rorText === 'string' ? normalizeRor(rorText) : undefined;
    if (ror) byRor.set(ror, { category: label.value, name: label.name, annotator: label.annotator, matchedBy: 'ror', reason: label.reason });
  }
  return {
    byName(name) {
      const label = state.organizations.get(organizationKey(name));
      return label ? { category: label.value, name: label.name, annotator: label.annotator, matchedBy: 'name', reason: label.reason } : undefined;
    },
    byRor(ror) {
      const id = normalizeRor(ror);
      return id ? byRor.get(id) : undefined;
    },
  };
}

/**
 * The categories Epoch's table gives organizations (rule 3), by `organizationKey`: an
 * organization whose rows agree on one category (`from-data` in `organizationsIndex`) has it;
 * conflicting and unlabelled ones have none. Labels are not taken from here (rule 1 comes first).
 *
 * @param entries `organizationsIndex(dataset, state)`
 */
export function epochCategoriesOf(entries: ReadonlyMap<string, OrganizationEntry>): (name: string) => OrganizationCategory | undefined {
  return (name) => {
    const entry = entries.get(organizationKey(name));
    if (!entry || entry.dataCategories.length !== 1) return undefined;
    return canonicalCategory(entry.dataCategories[0].category) as OrganizationCategory | undefined;
  };
}

/** Why an institution has the category it has (or none): what the details view shows. */
export type CategoryEvidence =
  | { source: 'label'; category: OrganizationCategory; label: OrganizationLabelHit }
  | { source: 'type'; category: OrganizationCategory; type: string; types: string[] }
  | { source: 'epoch'; category: OrganizationCategory; organization: string }
  | { source: 'none'; types: string[] };

/** The evidence the rules look at for one institution. */
export interface CategoryInput {
  /** Names to look labels up by: the name the source gives, then the institutions data's display name. */
  names: readonly string[];
  ror?: string;
  /** Types from the source and the institutions data (any case). */
  types: readonly string[];
}

/**
 * The category of one institution (imports.md precedence): a label on its ROR id or on any of its
 * names, the first found (ROR first: an id cannot be misspelt); else its types
 * (`categoryOfTypes`); else Epoch's category of one of its names (`epochCategory`, rule 3); else
 * none (`source: 'none'`: unlabelled, goes to triage).
 */
export function categoryOf(input: CategoryInput, labels: OrganizationLabels, epochCategory?: (name: string) => OrganizationCategory | undefined): CategoryEvidence {
  const byRor = input.ror ? labels.byRor(input.ror) : undefined;
  if (byRor) return { source: 'label', category: byRor.category, label: byRor };
  for (const name of input.names) {
    const hit = labels.byName(name);
    if (hit) return { source: 'label', category: hit.category, label: hit };
  }
  const fromType = categoryOfTypes(input.types);
  if (fromType) return { source: 'type', category: fromType.category, type: fromType.type, types: [...input.types] };
  if (epochCategory) {
    for (const name of input.names) {
      const category = epochCategory(name);
      if (category) return { source: 'epoch', category, organization: name };
    }
  }
  return { source: 'none', types: [...input.types] };
}
