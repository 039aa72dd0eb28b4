/**
 * Normalised work identifiers (spec imports.md "Identifiers"): `doi:` lower-cased without the
 * resolver prefix; `arxiv:` without version (new `2401.02452` and old `hep-th/9901001` style), also
 * read from `10.48550/arXiv.…` DOIs and arxiv.org `abs`/`pdf` URLs; `openalex:W…`; `s2:<paperId>`;
 * `pmid:`. The order of `IDENTIFIER_ORDER` names a work (`workId`).
 */
import type { Work } from './work';

export const IDENTIFIER_ORDER = ['doi', 'arxiv', 'openalex', 's2', 'pmid'] as const;
export type IdentifierScheme = (typeof IDENTIFIER_ORDER)[number];

const ARXIV_NEW = /^(\d{4}\.\d{4,5})(?:v\d+)?$/i;
const ARXIV_OLD = /^([a-z][a-z.-]*(?:\.[a-z]{2})?\/\d{7})(?:v\d+)?$/i;

/**
 * The normalised DOI (`10.1145/3292500.3330701`, lower-cased) from a DOI as written: with or
 * without `doi:`, `https://doi.org/`, `http://dx.doi.org/`, surrounding whitespace or a trailing
 * full stop. Undefined when the text holds no DOI (a DOI starts with `10.` and has a `/`).
 */
export function normalizeDoi(text: string): string | undefined {
  let t = text.trim();
  try {
    if (/%[0-9a-f]{2}/i.test(t)) t = decodeURIComponent(t);
  } catch {
    // keep as written
  }
  t = t.replace(/^doi:\s*/i, '').replace(/^https?:\/\/(?:dx\.)?doi\.org\//i, '').trim();
  const m = /^(10\.\d{4,9}\/\S+?)[.,;]?$/.exec(t);
  return m ? m[1].toLowerCase() : undefined;
}

/**
 * The arXiv id without version (`2401.02452`, `hep-th/9901001`) from an id as written (`arXiv:2401.02452v3`,
 * `2401.02452`), an arxiv.org `abs`/`pdf` URL, or a `10.48550/arXiv.…` DOI. Undefined otherwise.
 */
export function normalizeArxiv(text: string): string | undefined {
  let t = text.trim();
  // A web address names an arXiv id only through arxiv.org or a 10.48550/arXiv DOI (most links do
  // not); a DOI is read with its percent escapes decoded, so an address with any may spell one.
  if (/^https?:/i.test(t) && !/arxiv|%/i.test(t)) return undefined;
  const doi = normalizeDoi(t);
  if (doi?.startsWith('10.48550/arxiv.')) t = doi.slice('10.48550/arxiv.'.length);
  const url = /^(?:https?:\/\/)?(?:www\.|export\.)?arxiv\.org\/(?:abs|pdf|api)\/(.+?)(?:\.pdf)?\/?$/i.exec(t);
  if (url) t = url[1]!;
  t = t.replace(/^arxiv:\s*/i, '');
  const m = ARXIV_NEW.exec(t) ?? ARXIV_OLD.exec(t);
  return m ? m[1].toLowerCase().replace(/^([a-z.-]+)\//, (_s, a: string) => `${a}/`) : undefined;
}

/** `openalex:W123…` from `W123`, `https://openalex.org/W123` (works only: `W` ids). */
export function normalizeOpenAlexWork(text: string): string | undefined {
  const m = /^(?:https?:\/\/openalex\.org\/)?(W\d+)$/i.exec(text.trim());
  return m ? m[1].toUpperCase() : undefined;
}

/** A ROR id as its bare 9-character form (`05wx9n238`) from `https://ror.org/05wx9n238` or the bare id. */
export function normalizeRor(text: string): string | undefined {
  const m = /^(?:https?:\/\/ror\.org\/)?(0[a-z0-9]{6}\d{2})$/i.exec(text.trim());
  return m ? m[1].toLowerCase() : undefined;
}

/**
 * Every identifier a URL or free text yields: a DOI (doi.org URL or `10.…`), an arXiv id (arxiv.org
 * URL, `arXiv:` prefix, 10.48550 DOI). Used for RIS `UR`, BibTeX `url`, Epoch's `Link`/`Reference`.
 */
export function identifiersInText(text: string): string[] {
  const out = new Set<string>();
  for (const part of text.split(/[\s,;]+/)) {
    if (!part) continue;
    const ax = normalizeArxiv(part);
    if (ax) {
      out.add(`arxiv:${ax}`);
      continue;
    }
    const doi = normalizeDoi(part);
    if (doi) out.add(`doi:${doi}`);
  }
  const axInline = /arxiv[:\s]+(\d{4}\.\d{4,5})(?:v\d+)?/gi;
  for (const m of text.matchAll(axInline)) out.add(`arxiv:${m[1]}`);
  return [...out];
}

/**
 * The identifiers in the order of `IDENTIFIER_ORDER` (stable within a scheme), without duplicates;
 * a `doi:10.48550/arxiv.X` also yields `arxiv:X`.
 */
export function orderIdentifiers(ids: Iterable<string>): string[] {
  const list = Array.isArray(ids) ? (ids as string[]) : [...ids];
  // Most lists are already in order with nothing to add (a reader pushes doi, openalex, pmid in turn): a copy.
  if (inOrder(list)) return list.slice();
  const set = new Set<string>();
  for (const id of list) {
    set.add(id);
    if (id.startsWith('doi:10.48550/arxiv.')) {
      const ax = normalizeArxiv(id.slice(4));
      if (ax) set.add(`arxiv:${ax}`);
    }
  }
  return [...set].map((id, i) => ({ id, i })).sort((a, b) => schemeRank(a.id) - schemeRank(b.id) || a.i - b.i).map((x) => x.id);
}

/** The place of an identifier's scheme in `IDENTIFIER_ORDER` (unknown schemes last). */
function schemeRank(id: string): number {
  const i = IDENTIFIER_ORDER.indexOf(id.slice(0, id.indexOf(':')) as IdentifierScheme);
  return i < 0 ? IDENTIFIER_ORDER.length : i;
}

/** Whether `orderIdentifiers` would give `list` as it is: schemes in order, no repeat, no arXiv DOI to add an arXiv id for. */
function inOrder(list: readonly string[]): boolean {
  let rank = -1;
  for (let i = 0; i < list.length; i++) {
    const id = list[i];
    const r = schemeRank(id);
    if (r < rank || (r === rank && list.indexOf(id) < i) || id.startsWith('doi:10.48550/arxiv.')) return false;
    rank = r;
  }
  return true;
}

/**
 * The id of a work from another source than Epoch (imports.md): its first identifier in the order
 * doi, arxiv, openalex, s2, pmid; without any, `<file name>#<citation key or record index>`.
 */
export function workId(work: Pick<Work, 'identifiers' | 'provenance'>): string {
  const ordered = orderIdentifiers(work.identifiers);
  if (ordered.length > 0) return ordered[0];
  const p = work.provenance[0];
  if (!p) return '#0';
  const file = p.source.replace(/^.*[\\/]/, '');
  return `${file}#${p.key ?? String(p.index)}`;
}
