/**
 * An index of the institutions data a workspace provides (spec imports.md "Organization
 * categories from affiliation evidence"): by ROR id, by OpenAlex id, by exact (normalised) name,
 * then by label/alias, then by acronym; fuzzy matches (fuse.js) are only ever *suggestions* with
 * their score, never a match.
 */
import Fuse from 'fuse.js';
import { normalizeRor } from '../sources/identifiers';
import type { InstitutionRecord } from './institutions';

/** One institution: the records of every file that describe it (same ROR id, else same OpenAlex id). */
export interface InstitutionEntry {
  /** The ROR id, else `openalex:I…`. */
  key: string;
  /** The first record's display name. */
  name: string;
  ror?: string;
  openalex?: string;
  /** Types of all its records, lower-cased, first record's first, without repeats. */
  types: string[];
  country?: string;
  labels: string[];
  aliases: string[];
  acronyms: string[];
  /** The records in the order the index was given them. */
  records: InstitutionRecord[];
}

/** How a name matched: the display name, another official name (label), an alias or an acronym. */
export type NameMatchKind = 'name' | 'label' | 'alias' | 'acronym';

/** A name's lookup: one institution, several (ambiguous: never chosen automatically), or none. */
export type NameLookup =
  | { kind: 'match'; entry: InstitutionEntry; matchedBy: NameMatchKind }
  | { kind: 'ambiguous'; entries: InstitutionEntry[]; matchedBy: NameMatchKind }
  | { kind: 'none' };

/** An institution found in a raw affiliation string, and the text (whole string or one part) that matched. */
export interface AffiliationMatch {
  entry: InstitutionEntry;
  matchedBy: NameMatchKind;
  text: string;
}

/** What a raw affiliation string yields: institutions matched exactly, and texts that named several. */
export interface AffiliationLookup {
  matches: AffiliationMatch[];
  ambiguous: { text: string; entries: InstitutionEntry[]; matchedBy: NameMatchKind }[];
}

/** A fuzzy suggestion: `score` is 1 − fuse.js's score (1 = identical, 0 = nothing alike). */
export interface InstitutionSuggestion {
  entry: InstitutionEntry;
  /** The name of the institution that was found like the text. */
  name: string;
  /** The text it was found like (the whole affiliation or one of its parts). */
  text: string;
  score: number;
}

/**
 * The key of an institution name: Unicode NFKC, case-folded (upper then lower, as
 * `organizationKey`), white space runs → one space, trimmed. Accents count.
 */
export function institutionNameKey(name: string): string {
  return name.normalize('NFKC').toUpperCase().toLowerCase().replace(/\s+/gu, ' ').trim();
}

/** Acronyms are compared with case (`MIT` is not the word `mit`, `SU` is not `su`): NFKC and white space only. */
const acronymKey = (s: string): string => s.normalize('NFKC').replace(/\s+/gu, ' ').trim();

/** Affiliation parts: `;` separates affiliations, `,` their parts; brackets and stray punctuation are dropped. */
function affiliationUnits(raw: string): string[] {
  return raw
    .replace(/^\s*\[|\]\s*$/g, '')
    .split(';')
    .map(cleanPart)
    .filter((s) => s !== '');
}

/**
 * A raw affiliation string in the pieces that are looked up, in order: the whole string, then each
 * `;`-separated affiliation with its `,`-separated parts (surrounding brackets, white space and
 * punctuation dropped; empty pieces left out). `Information School, University of Washington,
 * Seattle, USA` → whole plus one unit of four parts.
 */
export function splitAffiliation(raw: string): { whole: string; units: { unit: string; parts: string[] }[] } {
  const whole = cleanPart(raw.replace(/^\s*\[|\]\s*$/g, ''));
  const units = affiliationUnits(raw).map((unit) => ({ unit, parts: unit.split(',').map(cleanPart).filter((p) => p !== '') }));
  return { whole, units };
}
const cleanPart = (s: string): string => s.replace(/^[\s.,:;()[\]-]+|[\s.,:;([\]-]+$/gu, '').trim();

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}

const FUZZY_THRESHOLD = 0.35;

/**
 * Institutions by id and by name. Build it once from the records of every institutions file
 * (`readInstitutions`), in the workspace's order; records with the same ROR id (a v1 and a v2
 * record of Google, an OpenAlex institution with its `ror`) become one entry whose names and
 * types are the union of theirs, the first record's first.
 */
export class InstitutionIndex {
  readonly entries: InstitutionEntry[] = [];
  private readonly ror = new Map<string, InstitutionEntry>();
  private readonly openalex = new Map<string, InstitutionEntry>();
  private readonly names = new Map<string, InstitutionEntry[]>();
  private readonly labels = new Map<string, InstitutionEntry[]>();
  private readonly aliases = new Map<string, InstitutionEntry[]>();
  private readonly acronyms = new Map<string, InstitutionEntry[]>();
  private fuse: Fuse<{ entry: InstitutionEntry; name: string }> | undefined;
  private readonly suggested = new Map<string, InstitutionSuggestion[]>();

  constructor(records: Iterable<InstitutionRecord>) {
    for (const record of records) this.add(record);
    for (const entry of this.entries) {
      push(this.names, institutionNameKey(entry.name), entry);
      for (const r of entry.records) push(this.names, institutionNameKey(r.name), entry);
      for (const l of entry.labels) push(this.labels, institutionNameKey(l), entry);
      for (const a of entry.aliases) push(this.aliases, institutionNameKey(a), entry);
      for (const a of entry.acronyms) push(this.acronyms, acronymKey(a), entry);
    }
  }

  private add(record: InstitutionRecord): void {
    let entry = (record.ror && this.ror.get(record.ror)) || (record.openalex && this.openalex.get(record.openalex)) || undefined;
    if (!entry) {
      entry = { key: record.ror ?? `openalex:${record.openalex ?? this.entries.length}`, name: record.name, types: [], labels: [], aliases: [], acronyms: [], records: [] };
      this.entries.push(entry);
    }
    entry.records.push(record);
    entry.ror ??= record.ror;
    entry.openalex ??= record.openalex;
    entry.country ??= record.country;
    const addAll = (list: string[], values: string[]): void => {
      for (const v of values) if (v !== entry.name && !list.includes(v)) list.push(v);
    };
    addAll(entry.types, record.types);
    // A later record's display name is another official name of the entry.
    addAll(entry.labels, record.name === entry.name ? record.labels : [record.name, ...record.labels]);
    addAll(entry.aliases, record.aliases);
    addAll(entry.acronyms, record.acronyms);
    if (entry.ror) this.ror.set(entry.ror, entry);
    if (entry.openalex) this.openalex.set(entry.openalex, entry);
  }

  /** The entry of a ROR id (`https://ror.org/042nb2s44` or `042nb2s44`). */
  byRor(ror: string): InstitutionEntry | undefined {
    const id = normalizeRor(ror);
    return id ? this.ror.get(id) : undefined;
  }

  /** The entry of an OpenAlex institution id (`I63966007` or its openalex.org URL). */
  byOpenAlex(id: string): InstitutionEntry | undefined {
    const m = /^(?:https?:\/\/openalex\.org\/)?(I\d+)$/i.exec(id.trim());
    return m ? this.openalex.get(m[1].toUpperCase()) : undefined;
  }

  /**
   * Look one name up: its exact display name (normalised by `institutionNameKey`), else another
   * official name (label) or an alias, else an acronym (compared with case). The first tier that
   * finds anything decides; several institutions in it make the lookup `ambiguous` (the caller
   * shows them as suggestions, never picks one).
   */
  lookupName(name: string): NameLookup {
    const key = institutionNameKey(name);
    if (key === '') return { kind: 'none' };
    const tiers: [NameMatchKind, InstitutionEntry[] | undefined][] = [
      ['name', this.names.get(key)],
      ['label', this.labels.get(key)],
      ['alias', this.aliases.get(key)],
    ];
    const [first, second, third] = tiers;
    for (const [matchedBy, found] of [first, mergeTier(second, third)]) {
      if (found && found.length > 0) return found.length === 1 ? { kind: 'match', entry: found[0], matchedBy } : { kind: 'ambiguous', entries: found, matchedBy };
    }
    const acr = this.acronyms.get(acronymKey(name));
    if (acr && acr.length > 0) return acr.length === 1 ? { kind: 'match', entry: acr[0], matchedBy: 'acronym' } : { kind: 'ambiguous', entries: acr, matchedBy: 'acronym' };
    return { kind: 'none' };
  }

  /**
   * Match a raw affiliation string as written (`Information School, University of Washington,
   * Seattle, USA`): the whole string, else each `;`-separated affiliation, else each of its
   * `,`-separated parts, each by `lookupName`. Returns every institution so found (once each, in
   * order) and the texts that named several institutions (ambiguous: suggestions only). No fuzzy
   * matching here (`suggest`).
   */
  matchAffiliation(raw: string): AffiliationLookup {
    const out: AffiliationLookup = { matches: [], ambiguous: [] };
    const take = (text: string): boolean => {
      const found = this.lookupName(text);
      if (found.kind === 'match') {
        if (!out.matches.some((m) => m.entry === found.entry)) out.matches.push({ entry: found.entry, matchedBy: found.matchedBy, text });
        return true;
      }
      if (found.kind === 'ambiguous') {
        out.ambiguous.push({ text, entries: found.entries, matchedBy: found.matchedBy });
        return true;
      }
      return false;
    };
    const { whole, units } = splitAffiliation(raw);
    if (whole === '' || take(whole)) return out;
    for (const { unit, parts } of units) {
      if (unit !== whole && take(unit)) continue;
      for (const part of parts) if (part !== unit) take(part);
    }
    return out;
  }

  /**
   * Fuzzy suggestions for a name or a raw affiliation string (fuse.js over display names, labels
   * and aliases; acronyms are too short to compare fuzzily): the whole text and each of its
   * `;`/`,` parts are compared, each institution is listed once with its best score, best first.
   * Only suggestions: nothing is matched or labelled by them.
   *
   * @param text a name or a raw affiliation string
   * @param limit the most suggestions returned (default 5)
   */
  suggest(text: string, limit = 5): InstitutionSuggestion[] {
    // The same affiliation is asked about again on every label (a work's sector is derived again):
    // the answer depends only on the index, so it is remembered.
    const key = `${limit}\u0000${text}`;
    let known = this.suggested.get(key);
    if (!known) this.suggested.set(key, (known = this.search(text, limit)));
    return known.slice();
  }

  private search(text: string, limit: number): InstitutionSuggestion[] {
    this.fuse ??= new Fuse(
      this.entries.flatMap((entry) => [entry.name, ...entry.labels, ...entry.aliases].map((name) => ({ entry, name }))),
      { keys: ['name'], includeScore: true, ignoreLocation: true, ignoreDiacritics: true, threshold: FUZZY_THRESHOLD },
    );
    const texts = new Set<string>();
    const whole = cleanPart(text);
    if (whole) texts.add(whole);
    for (const unit of affiliationUnits(text)) {
      texts.add(unit);
      for (const part of unit.split(',').map(cleanPart)) if (part.length >= 4) texts.add(part);
    }
    const best = new Map<InstitutionEntry, InstitutionSuggestion>();
    for (const t of texts) {
      for (const hit of this.fuse.search(t, { limit: limit * 2 })) {
        const score = Math.round((1 - (hit.score ?? 1)) * 1000) / 1000;
        const prev = best.get(hit.item.entry);
        if (!prev || score > prev.score) best.set(hit.item.entry, { entry: hit.item.entry, name: hit.item.name, text: t, score });
      }
    }
    return [...best.values()].sort((a, b) => b.score - a.score || a.entry.name.localeCompare(b.entry.name)).slice(0, limit);
  }
}

/** Labels and aliases are one tier ("alias/label"); the kind reported is the label's when both found the same. */
function mergeTier(labels: [NameMatchKind, InstitutionEntry[] | undefined], aliases: [NameMatchKind, InstitutionEntry[] | undefined]): [NameMatchKind, InstitutionEntry[] | undefined] {
  const l = labels[1] ?? [];
  const a = aliases[1] ?? [];
  const all = [...l, ...a.filter((e) => !l.includes(e))];
  return [l.length > 0 ? 'label' : 'alias', all];
}
