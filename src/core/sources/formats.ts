/**
 * Which reader a file needs (spec imports.md "Sources and formats"): the format is recognised from
 * the content, the file name only breaking ties. Besides the literature formats of the importers,
 * a file may be an Epoch table (CSV: the dataset loader reads it) or institutions data (ROR
 * records, an OpenAlex institutions shard: the affiliation resolver reads it).
 */
import { judgeHead } from '../dataset/epochHeader';
import { arxivAtomImporter } from './arxivAtom';
import { arxivOaiImporter } from './arxivOai';
import { bibtexImporter } from './bibtex';
import { cslJsonImporter } from './cslJson';
import type { Importer } from './importer';
import { openAlexEntities, openAlexImporter } from './openAlex';
import { risImporter } from './ris';
import { s2AuthorImporter, s2PaperImporter } from './semanticScholar';

/** Every literature importer, in the order ties are broken. */
export const IMPORTERS: readonly Importer[] = [bibtexImporter, risImporter, cslJsonImporter, arxivAtomImporter, arxivOaiImporter, openAlexImporter, s2PaperImporter, s2AuthorImporter];

/** How many bytes recognition looks at. */
export const RECOGNITION_HEAD_BYTES = 64 * 1024;

/** What a file is. */
export type Recognised = { kind: 'epoch-table' } | { kind: 'literature'; importer: Importer } | { kind: 'institutions' } | { kind: 'unknown'; message: string };

/** The sentence for a file of none of the formats (imports.md: one sentence saying which formats are read). */
export const FORMATS_READ =
  'Compute Divide reads Epoch AI tables (CSV), BibTeX/BibLaTeX, RIS, CSL-JSON, arXiv API (Atom) and OAI-PMH responses, OpenAlex works (JSON, JSON Lines), Semantic Scholar papers and authors (JSON), and institutions data (ROR records, OpenAlex institutions)';

const decoder = new TextDecoder('utf-8', { fatal: false });

/**
 * True when `head` looks like institutions data: a ROR record (`"id": "https://ror.org/…"` with
 * `types`), an array of them, or OpenAlex institution objects (`https://openalex.org/I…`).
 */
export function looksLikeInstitutions(head: string): boolean {
  if (openAlexEntities(head) === 'institutions') return true;
  const start = head.replace(/^\uFEFF/, '').trimStart().slice(0, 4000);
  return /^[[{]/.test(start) && /"id"\s*:\s*"https:\/\/ror\.org\/0[a-z0-9]{6}\d{2}"/.test(start) && /"types"\s*:/.test(head);
}

/**
 * Recognise a file from its first bytes (`RECOGNITION_HEAD_BYTES` are enough; `complete` says
 * whether `head` is the whole file). Literature importers are asked first (each says how sure it
 * is, 0–1; the most certain above 0.5 wins, the file name adding at most 0.05), then institutions
 * data, then an Epoch table (its header judged as the loader does); otherwise `unknown` with one
 * sentence that says which formats are read.
 */
export function recogniseFile(head: Uint8Array, fileName: string, complete = head.byteLength < RECOGNITION_HEAD_BYTES): Recognised {
  const text = decoder.decode(head.subarray(0, RECOGNITION_HEAD_BYTES)).replace(/^\uFEFF/, '');
  if (looksLikeInstitutions(text)) return { kind: 'institutions' };
  let best: { importer: Importer; score: number } | undefined;
  for (const importer of IMPORTERS) {
    let score = 0;
    try {
      score = importer.recognise(text, fileName);
    } catch {
      score = 0;
    }
    if (score > 0.5 && (!best || score > best.score)) best = { importer, score };
  }
  if (best) return { kind: 'literature', importer: best.importer };
  if (judgeHead(head.subarray(0, RECOGNITION_HEAD_BYTES), complete) === undefined) return { kind: 'epoch-table' };
  return { kind: 'unknown', message: `${fileName.replace(/^.*[\\/]/, '')} is of none of the formats read. ${FORMATS_READ}.` };
}
