/**
 * The team sector of a work with authors (spec imports.md "Team sector of a work with authors"),
 * with the evidence it came from: per author, which institutions, found how, and which label or
 * type gave which category. Epoch's definition counts authors; where a work has per-author
 * affiliations the share is of authors, not of organizations.
 */
import type { Leaning, OrganizationCategory, TeamSector } from '../dataset/model';
import type { PaperLabels } from '../labels/fold';
import type { Author, Institution, Work } from '../sources/work';
import { splitAffiliation, type InstitutionEntry, type InstitutionIndex, type NameMatchKind } from './institutionIndex';
import { categoryOf, categoryOfTypes, NO_ORGANIZATION_LABELS, type CategoryEvidence, type OrganizationLabels } from './organizationCategory';
import { leaningOf } from './teamSector';

/** An institution of the institutions data, as the evidence names it. */
export interface InstitutionRef {
  key: string;
  name: string;
  ror?: string;
  openalex?: string;
  types: string[];
}

/** How an institution of the evidence was found. */
export type InstitutionFound =
  /** The source identifies it (OpenAlex `authorships[].institutions[]`); `entry` when the institutions data knows it too. */
  | { by: 'source'; entry?: InstitutionRef }
  /** A raw affiliation string (or one of its parts, `text`) named it exactly, by name, label, alias or acronym. */
  | { by: 'affiliation'; affiliation: string; text: string; matchedBy: NameMatchKind; entry: InstitutionRef }
  /** A raw affiliation string (or part) is itself the name of a labelled organization. */
  | { by: 'label'; affiliation: string; text: string }
  /** A name from the paper's `organizations` label (labels.md). */
  | { by: 'organizations-label'; entry?: InstitutionRef; matchedBy?: NameMatchKind };

/** One institution behind a sector, with the category it gave (or none). */
export interface InstitutionEvidence {
  name: string;
  ror?: string;
  openalex?: string;
  found: InstitutionFound;
  evidence: CategoryEvidence;
}

/** A raw affiliation string that found no institution: the ones it named ambiguously, and fuzzy suggestions (never applied). */
export interface UnresolvedAffiliation {
  affiliation: string;
  ambiguous: InstitutionRef[];
  suggestions: (InstitutionRef & { score: number; text: string })[];
}

/** One author (or one organization of an `organizations` label) and what it counts as. */
export interface ParticipantEvidence {
  /** 0-based position in the work's author order (or in the label's list). */
  index: number;
  name: string;
  affiliations: string[];
  institutions: InstitutionEvidence[];
  unresolved: UnresolvedAffiliation[];
  /** Distinct categories of its institutions, in order. */
  categories: OrganizationCategory[];
  academic: boolean;
  industrial: boolean;
}

/** The team sector of a work and everything it rests on. */
export interface WorkSector {
  teamSector: TeamSector;
  /** Only for Collaboration (not for a labelled one: a label has no leaning). */
  leaning?: Leaning;
  /**
   * What decided: a paper `teamSector` label; the paper's `organizations` label (organization
   * share); the authors (author share); the Epoch row's own sector; the sector an earlier export
   * wrote into the work's keywords (`compute-divide:team-sector=…`, src/core/sources/literature.ts);
   * nothing (Unknown).
   */
  basis: 'label' | 'organizations-label' | 'authors' | 'epoch' | 'keywords' | 'none';
  /** Some authors (or listed organizations) have no category: the sector is that of those who have. */
  partial: boolean;
  /** Unknown or partial, and no paper `teamSector` label (labels.md "Needs attention"). */
  needsAttention: boolean;
  counts: { participants: number; withCategory: number; academic: number; industrial: number };
  /** Per author in order (empty for a work without authors). */
  authors: ParticipantEvidence[];
  /** Per organization of the paper's `organizations` label, when there is one. */
  organizations?: ParticipantEvidence[];
  /** The sector before a paper `teamSector` label replaced it. */
  derived?: { teamSector: TeamSector; leaning?: Leaning; basis: WorkSector['basis']; partial: boolean };
  /** The label that overrides, when there is one. */
  label?: { value: string; annotator: string; reason?: string };
  /** The Epoch row's own (organization-share) sector, when the work has a row. */
  epoch?: { id: string; teamSector: TeamSector; leaning?: Leaning };
}

/** What the rules may consult besides the work itself. */
export interface WorkSectorContext {
  /** The institutions data of the workspace (ROR records, OpenAlex shards). */
  index?: InstitutionIndex;
  /** The user's organization labels (`organizationLabelsOf`). */
  labels?: OrganizationLabels;
  /** Categories Epoch's table gives organizations (`epochCategoriesOf`), rule 3. */
  epochCategory?: (name: string) => OrganizationCategory | undefined;
  /** The paper's effective labels: a `teamSector` override, an `organizations` list. */
  paperLabels?: Pick<PaperLabels, 'teamSector' | 'organizations'>;
  /** Fuzzy suggestions per unresolved affiliation (default 3; 0 for none, e.g. in bulk). */
  suggestions?: number;
}

const ref = (e: InstitutionEntry): InstitutionRef => ({ key: e.key, name: e.name, ror: e.ror, openalex: e.openalex, types: e.types });
const uniq = <T>(xs: T[]): T[] => [...new Set(xs)];

/** The evidence of an institution the source identifies (OpenAlex authorships). */
function sourceInstitution(inst: Institution, ctx: WorkSectorContext, labels: OrganizationLabels): InstitutionEvidence {
  let entry = (inst.ror && ctx.index?.byRor(inst.ror)) || (inst.openalex && ctx.index?.byOpenAlex(inst.openalex)) || undefined;
  if (!entry && !inst.ror && !inst.openalex && ctx.index) {
    const found = ctx.index.lookupName(inst.name);
    if (found.kind === 'match') entry = found.entry;
  }
  const sourceTypes = inst.type ? [inst.type] : [];
  // The source's own type decides when it gives a category; the institutions data's types otherwise.
  const types = categoryOfTypes(sourceTypes) ? sourceTypes : uniq([...sourceTypes, ...(entry?.types ?? [])]);
  const names = uniq([inst.name, ...(entry ? [entry.name] : [])].filter((n) => n.trim() !== ''));
  const ror = inst.ror ?? entry?.ror;
  const evidence = categoryOf({ names, ror, types }, labels, ctx.epochCategory);
  return { name: inst.name, ror, openalex: inst.openalex ?? entry?.openalex, found: { by: 'source', entry: entry ? ref(entry) : undefined }, evidence };
}

function entryEvidence(entry: InstitutionEntry, found: InstitutionFound, ctx: WorkSectorContext, labels: OrganizationLabels, extraNames: string[] = []): InstitutionEvidence {
  const evidence = categoryOf({ names: uniq([entry.name, ...extraNames]), ror: entry.ror, types: entry.types }, labels, ctx.epochCategory);
  return { name: entry.name, ror: entry.ror, openalex: entry.openalex, found, evidence };
}

/**
 * Resolve one raw affiliation string: for the whole string, then each `;` affiliation, then each
 * `,` part, the first that gives something wins for that piece: a label on that text as an
 * organization name, else an exact institutions-data match (name, then label/alias, then
 * acronym). Texts naming several institutions and strings that find nothing get suggestions.
 */
function resolveAffiliation(affiliation: string, ctx: WorkSectorContext, labels: OrganizationLabels, into: ParticipantEvidence): void {
  const { whole, units } = splitAffiliation(affiliation);
  const ambiguous: InstitutionEntry[] = [];
  let found = 0;
  const take = (text: string): boolean => {
    const label = labels.byName(text);
    if (label) {
      into.institutions.push({ name: text, found: { by: 'label', affiliation, text }, evidence: { source: 'label', category: label.category, label } });
      found++;
      return true;
    }
    const hit = ctx.index?.lookupName(text);
    if (hit?.kind === 'match') {
      if (!into.institutions.some((i) => i.ror !== undefined && i.ror === hit.entry.ror))
        into.institutions.push(entryEvidence(hit.entry, { by: 'affiliation', affiliation, text, matchedBy: hit.matchedBy, entry: ref(hit.entry) }, ctx, labels, [text]));
      found++;
      return true;
    }
    if (hit?.kind === 'ambiguous') {
      for (const e of hit.entries) if (!ambiguous.includes(e)) ambiguous.push(e);
      return true;
    }
    return false;
  };
  if (whole !== '' && !take(whole)) {
    for (const { unit, parts } of units) {
      if (unit !== whole && take(unit)) continue;
      for (const part of parts) if (part !== unit) take(part);
    }
  }
  if (found === 0) into.unresolved.push(unresolved(affiliation, ambiguous, ctx));
}

function participant(index: number, name: string, affiliations: string[]): ParticipantEvidence {
  return { index, name, affiliations, institutions: [], unresolved: [], categories: [], academic: false, industrial: false };
}

function finish(p: ParticipantEvidence): ParticipantEvidence {
  const categories: OrganizationCategory[] = [];
  for (const i of p.institutions) if (i.evidence.source !== 'none' && !categories.includes(i.evidence.category)) categories.push(i.evidence.category);
  p.categories = categories;
  p.academic = categories.includes('Academia');
  p.industrial = categories.includes('Industry');
  return p;
}

/**
 * The evidence of one author: the institutions the source gives (each resolved against the
 * institutions data by ROR id, else OpenAlex id, else exact name, for its types and names), and,
 * only when the source gives none, the institutions its raw affiliation strings name
 * (`resolveAffiliation`). Each institution's category follows imports.md's precedence
 * (`categoryOf`).
 *
 * @param author the author as the work has it
 * @param index the author's 0-based position
 */
export function authorEvidence(author: Author, index: number, ctx: WorkSectorContext = {}): ParticipantEvidence {
  const labels = ctx.labels ?? NO_ORGANIZATION_LABELS;
  const p = participant(index, author.name, author.affiliations);
  for (const inst of author.institutions) p.institutions.push(sourceInstitution(inst, ctx, labels));
  if (author.institutions.length === 0) for (const a of author.affiliations) if (a.trim() !== '') resolveAffiliation(a, ctx, labels, p);
  return finish(p);
}

/** The evidence of one organization named by a paper `organizations` label: its institution when the data knows the name exactly, else the name itself. */
function organizationEvidence(name: string, index: number, ctx: WorkSectorContext, labels: OrganizationLabels): ParticipantEvidence {
  const p = participant(index, name, []);
  const hit = ctx.index?.lookupName(name);
  if (hit?.kind === 'match') p.institutions.push(entryEvidence(hit.entry, { by: 'organizations-label', entry: ref(hit.entry), matchedBy: hit.matchedBy }, ctx, labels, [name]));
  else {
    const evidence = categoryOf({ names: [name], types: [] }, labels, ctx.epochCategory);
    p.institutions.push({ name, found: { by: 'organizations-label' }, evidence });
    if (evidence.source === 'none') p.unresolved.push(unresolved(name, hit?.kind === 'ambiguous' ? hit.entries : [], ctx));
  }
  return finish(p);
}

function unresolved(affiliation: string, ambiguous: InstitutionEntry[], ctx: WorkSectorContext): UnresolvedAffiliation {
  const n = ctx.suggestions ?? 3;
  const suggestions = n > 0 && ctx.index ? ctx.index.suggest(affiliation, n).map((s) => ({ ...ref(s.entry), score: s.score, text: s.text })) : [];
  return { affiliation, ambiguous: ambiguous.map(ref), suggestions };
}

/**
 * The share rule over participants (authors, or the organizations of an `organizations` label):
 * none with a category → Unknown; academic and industrial both present → Collaboration, leaning by
 * a/(a+i) as rule 5 (`leaningOf`; an author with both counts for both); every participant with a
 * category academic and none industrial → Academia; the mirror → Industry; else (categories, but
 * neither Academia nor Industry on one side) → Other. `partial` when some participant has no category.
 */
export function shareSector(participants: readonly Pick<ParticipantEvidence, 'categories' | 'academic' | 'industrial'>[]): Pick<WorkSector, 'teamSector' | 'leaning' | 'partial' | 'counts'> {
  let withCategory = 0;
  let academic = 0;
  let industrial = 0;
  for (const p of participants) {
    if (p.categories.length === 0) continue;
    withCategory++;
    if (p.academic) academic++;
    if (p.industrial) industrial++;
  }
  const counts = { participants: participants.length, withCategory, academic, industrial };
  const partial = withCategory > 0 && withCategory < participants.length;
  if (withCategory === 0) return { teamSector: 'Unknown', partial: false, counts };
  if (academic > 0 && industrial > 0) return { teamSector: 'Collaboration', leaning: leaningOf(academic, industrial), partial, counts };
  if (academic === withCategory) return { teamSector: 'Academia', partial, counts };
  if (industrial === withCategory) return { teamSector: 'Industry', partial, counts };
  return { teamSector: 'Other', partial, counts };
}

/**
 * The team sector of a work (imports.md "Team sector of a work with authors"), with its evidence.
 * In order: a paper `teamSector` label overrides whatever is derived (kept in `derived`); a paper
 * `organizations` label (the annotator read the organizations off the paper, labels.md) is counted
 * by organization share; else the authors, when at least one has a category (author share,
 * `shareSector`); else, for a work with an Epoch row (`work.model`), the row's own sector as the
 * caller derived it (labels applied); else Unknown. `partial` (some authors have no category) and
 * Unknown make the work *need attention* unless a `teamSector` label settles it. Pure.
 *
 * @param work the work (merged or not)
 * @param ctx institutions data, labels and Epoch categories to consult
 */
export function workTeamSector(work: Pick<Work, 'authors' | 'model'>, ctx: WorkSectorContext = {}): WorkSector {
  const labels = ctx.labels ?? NO_ORGANIZATION_LABELS;
  const authors = work.authors.map((a, i) => authorEvidence(a, i, ctx));
  const epoch = work.model ? { id: work.model.id, teamSector: work.model.teamSector, leaning: work.model.leaning } : undefined;
  const listed = ctx.paperLabels?.organizations?.list;
  // Objects written out field by field, keys in the order a spread of `share` gives (a spread
  // followed by more fields is V8's slow path: a quarter of the time at 100,000 works).
  const made = (share: ReturnType<typeof shareSector>, basis: WorkSector['basis'], organizations?: ParticipantEvidence[]): WorkSector => {
    const out: WorkSector = 'leaning' in share
      ? { teamSector: share.teamSector, leaning: share.leaning, partial: share.partial, counts: share.counts, basis, needsAttention: false, authors }
      : { teamSector: share.teamSector, partial: share.partial, counts: share.counts, basis, needsAttention: false, authors };
    if (organizations) out.organizations = organizations;
    out.epoch = epoch;
    return out;
  };
  let result: WorkSector;
  if (listed && listed.length > 0) {
    const organizations = listed.map((name, i) => organizationEvidence(name, i, ctx, labels));
    const share = shareSector(organizations);
    result = made(share, share.teamSector === 'Unknown' ? 'none' : 'organizations-label', organizations);
  } else {
    const share = shareSector(authors);
    if (share.teamSector !== 'Unknown') result = made(share, 'authors');
    else if (epoch && epoch.teamSector !== 'Unknown') {
      // An Unknown share has no leaning: the Epoch row's comes after the counts, as the spread put it.
      result = { teamSector: epoch.teamSector, partial: share.partial, counts: share.counts, leaning: epoch.leaning, basis: 'epoch', needsAttention: false, authors, epoch };
    } else result = made(share, 'none');
  }
  const override = ctx.paperLabels?.teamSector;
  if (override) {
    result.derived = { teamSector: result.teamSector, leaning: result.leaning, basis: result.basis, partial: result.partial };
    result.label = { value: override.value, annotator: override.annotator, reason: override.reason };
    result.teamSector = override.value;
    result.leaning = undefined;
    result.basis = 'label';
  } else result.needsAttention = result.teamSector === 'Unknown' || result.partial;
  return result;
}
