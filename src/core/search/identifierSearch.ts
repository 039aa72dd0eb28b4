/**
 * Find a work by an identifier pasted into Find Paper (issue #11): a DOI (bare, `doi:` or a
 * doi.org URL), an arXiv id (with or without version, `arXiv:` or an arxiv.org URL), an OpenAlex
 * work id or URL, `s2:<paperId>` or `pmid:<n>`. Exact matches on normalised identifiers, before the
 * fuzzy search of names.
 */
import type { Paper } from '../dataset/model';
import { normalizeArxiv, normalizeDoi, normalizeOpenAlexWork } from '../sources/identifiers';

/** The normalised identifiers a query may be (none for ordinary text). */
export function identifiersOfQuery(query: string): string[] {
  const q = query.trim();
  if (q === '' || /\s/.test(q)) return [];
  const out: string[] = [];
  const arxiv = normalizeArxiv(q);
  if (arxiv) out.push(`arxiv:${arxiv}`);
  const doi = normalizeDoi(q);
  if (doi) out.push(`doi:${doi}`);
  const openalex = normalizeOpenAlexWork(q);
  if (openalex) out.push(`openalex:${openalex}`);
  const scheme = /^(s2|pmid|openalex|doi|arxiv):(.+)$/i.exec(q);
  if (scheme && !out.length) out.push(`${scheme[1].toLowerCase()}:${scheme[2]}`);
  return out;
}

const indexes = new WeakMap<readonly Paper[], Map<string, string[]>>();

/**
 * The papers whose work has one of the query's identifiers (`identifiersOfQuery`), in table order;
 * the index of identifier → paper ids is built once per list of papers (a WeakMap).
 */
export function papersByIdentifier(papers: readonly Paper[], query: string): string[] {
  const ids = identifiersOfQuery(query);
  if (ids.length === 0) return [];
  let index = indexes.get(papers);
  if (!index) {
    index = new Map();
    for (const paper of papers) {
      for (const id of paper.work?.work.identifiers ?? []) {
        const list = index.get(id);
        if (list) list.push(paper.id);
        else index.set(id, [paper.id]);
      }
    }
    indexes.set(papers, index);
  }
  const found = new Set<string>();
  for (const id of ids) for (const paperId of index.get(id) ?? []) found.add(paperId);
  return [...found];
}
