/**
 * Identifiers in links and links for identifiers, for the bibliography formats that carry an
 * OpenAlex, Semantic Scholar or PubMed id only as a URL (RIS `UR`, BibTeX `url`, CSL `URL`), so that
 * an export and its re-import keep every identifier of a work.
 */
import { identifiersInText, normalizeOpenAlexWork } from './identifiers';

/**
 * Every identifier one URL (or id written in its place) yields: DOI and arXiv as
 * `identifiersInText` reads them, plus `openalex:W…` (openalex.org), `s2:<paperId>`
 * (semanticscholar.org/paper/…, the 40-hex id) and `pmid:` (pubmed.ncbi.nlm.nih.gov).
 */
export function identifiersInLink(url: string): string[] {
  const out = identifiersInText(url);
  const t = url.trim();
  const oa = normalizeOpenAlexWork(t);
  if (oa) out.push(`openalex:${oa}`);
  const s2 = /^https?:\/\/(?:www\.|api\.)?semanticscholar\.org\/(?:paper\/(?:[^/]+\/)?|graph\/v1\/paper\/)([0-9a-f]{40})\b/i.exec(t);
  if (s2) out.push(`s2:${s2[1].toLowerCase()}`);
  const pm = /^https?:\/\/(?:www\.)?(?:pubmed\.ncbi\.nlm\.nih\.gov|ncbi\.nlm\.nih\.gov\/pubmed)\/(\d+)\/?$/i.exec(t);
  if (pm) out.push(`pmid:${pm[1]}`);
  return out;
}

/** The landing-page URL of a normalised identifier (`doi:`, `arxiv:`, `openalex:`, `s2:`, `pmid:`); undefined for another scheme. */
export function linkForIdentifier(id: string): string | undefined {
  const colon = id.indexOf(':');
  const scheme = id.slice(0, colon);
  const value = id.slice(colon + 1);
  switch (scheme) {
    case 'doi':
      return `https://doi.org/${value}`;
    case 'arxiv':
      return `https://arxiv.org/abs/${value}`;
    case 'openalex':
      return `https://openalex.org/${value}`;
    case 's2':
      return `https://www.semanticscholar.org/paper/${value}`;
    case 'pmid':
      return `https://pubmed.ncbi.nlm.nih.gov/${value}/`;
    default:
      return undefined;
  }
}
