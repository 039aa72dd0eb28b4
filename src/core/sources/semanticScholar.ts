/**
 * Semantic Scholar Graph API objects (spec imports.md "Sources and formats"): a paper (`/paper/…`
 * with `citations` and `references`) read as the paper plus each citing and cited paper that has a
 * `paperId` (one-step snowballing, marked in provenance as `cites` / `cited-by` the paper), and an
 * author (`/author/…` with `papers`) read as each of its papers. S2 fills many fields with `null`
 * and `authors[].affiliations` is usually `[]`; both are read as absent.
 */
import { normalizeArxiv, normalizeDoi } from './identifiers';
import type { Importer, ImportResult, ImportSource } from './importer';
import { arr, decodeUtf8, obj, parseJsonDocument, str } from './jsonUtil';
import { repairWorkMojibake } from './mojibake';
import type { Author, ImportDiagnostic, Provenance, SourceFormat, Work } from './work';
import { buildWork, checkTitle, collapseWhitespace, isoDate } from './workBuild';

/**
 * One S2 paper object as a `Work`: identifiers from `externalIds` (`DOI`, `ArXiv`, `PubMed`) and
 * `s2:<paperId>`; title; authors (`name`, `affiliations`); date from `publicationDate` (day), else
 * `year`; venue from `venue`, else `journal.name`, else `publicationVenue.name`; abstract; links
 * (`url`, `openAccessPdf.url`); categories from `fieldsOfStudy`, else the distinct
 * `s2FieldsOfStudy[].category`; type from the first of `publicationTypes`. `null` anywhere is absent.
 */
export function s2Work(value: unknown, provenance: Provenance): Work {
  const p = obj(value);
  const ext = obj(p['externalIds']);
  const identifiers: string[] = [];
  const doi = normalizeDoi(str(ext['DOI']) ?? '');
  if (doi) identifiers.push(`doi:${doi}`);
  const arxiv = normalizeArxiv(str(ext['ArXiv']) ?? '');
  if (arxiv) identifiers.push(`arxiv:${arxiv}`);
  const paperId = str(p['paperId']);
  if (paperId) identifiers.push(`s2:${paperId}`);
  const pubmed = str(ext['PubMed']) ?? (typeof ext['PubMed'] === 'number' ? String(ext['PubMed']) : undefined);
  if (pubmed && /^\d+$/.test(pubmed)) identifiers.push(`pmid:${pubmed}`);
  const authors: Author[] = arr(p['authors']).map((a) => ({
    name: collapseWhitespace(str(obj(a)['name']) ?? ''),
    affiliations: arr(obj(a)['affiliations']).map(str).filter((s): s is string => !!s).map(collapseWhitespace),
    institutions: [],
  }));
  const year = typeof p['year'] === 'number' && Number.isInteger(p['year']) && p['year'] >= 1 && p['year'] <= 9999 ? (p['year']) : undefined;
  const date = isoDate(str(p['publicationDate'])) ?? (year !== undefined ? { year } : undefined);
  const venue = str(p['venue']) ?? str(obj(p['journal'])['name']) ?? str(obj(p['publicationVenue'])['name']);
  const abstract = str(p['abstract']);
  const fields = arr(p['fieldsOfStudy']).map(str).filter((s): s is string => !!s);
  const categories = fields.length > 0 ? fields : arr(p['s2FieldsOfStudy']).map((f) => str(obj(f)['category'])).filter((s): s is string => !!s);
  const links = [str(p['url']), str(obj(p['openAccessPdf'])['url'])].filter((s): s is string => !!s);
  const type = str(arr(p['publicationTypes'])[0]);
  return buildWork({
    title: collapseWhitespace(str(p['title']) ?? ''),
    authors,
    ...(date ? { date } : {}),
    ...(venue ? { venue: collapseWhitespace(venue) } : {}),
    ...(abstract ? { abstract } : {}),
    ...(type ? { type } : {}),
    identifiers,
    links,
    categories,
    provenance: [paperId && provenance.key === undefined ? { ...provenance, key: paperId } : provenance],
  });
}

function finish(work: Work, label: string, diagnostics: ImportDiagnostic[]): Work {
  repairWorkMojibake(work, { line: 1, label }, diagnostics);
  checkTitle(work, 1, label, diagnostics);
  return work;
}

function cutNote(incomplete: Set<string>, key: string, read: number, diagnostics: ImportDiagnostic[], line: number): void {
  if (incomplete.has(key)) {
    diagnostics.push({ kind: 'partial-record', line, message: `"${key}" is cut off by the syntax error: ${read} complete item(s) read, the rest lost` });
  }
}

/** Whether `head` opens a JSON object whose first member is `key` (S2 puts `paperId`/`authorId` first). */
function opensWith(head: string, key: string): boolean {
  return new RegExp(`^\\s*\\{\\s*"${key}"\\s*:`).test(head);
}

function readPaper(bytes: Uint8Array, source: ImportSource): ImportResult {
  const format: SourceFormat = 's2-paper';
  const doc = parseJsonDocument(decodeUtf8(bytes));
  const diagnostics: ImportDiagnostic[] = doc.diagnostic ? [doc.diagnostic] : [];
  const root = obj(doc.value);
  const base = (index: number): Provenance => ({ source: source.name, format, index });
  const main = finish(s2Work(root, base(0)), 'the paper', diagnostics);
  const works: Work[] = [main];
  const withId = (list: unknown): unknown[] => arr(list).filter((x) => str(obj(x)['paperId']) !== undefined);
  const citations = withId(root['citations']);
  const references = withId(root['references']);
  citations.forEach((c, i) => {
    works.push(finish(s2Work(c, { ...base(works.length), relation: { kind: 'cites', of: main.id } }), `citation ${i + 1}`, diagnostics));
  });
  references.forEach((r, i) => {
    works.push(finish(s2Work(r, { ...base(works.length), relation: { kind: 'cited-by', of: main.id } }), `reference ${i + 1}`, diagnostics));
  });
  const line = doc.diagnostic?.line ?? 1;
  cutNote(doc.incomplete, 'citations', arr(root['citations']).length, diagnostics, line);
  cutNote(doc.incomplete, 'references', arr(root['references']).length, diagnostics, line);
  if (doc.diagnostic && !doc.incomplete.has('citations') && !doc.incomplete.has('references') && !('references' in root)) {
    diagnostics.push({ kind: 'partial-record', line, message: `the paper (${main.id}) is cut off by the syntax error; kept as far as it could be read` });
  }
  return { format, works, diagnostics };
}

function readAuthor(bytes: Uint8Array, source: ImportSource): ImportResult {
  const format: SourceFormat = 's2-author';
  const doc = parseJsonDocument(decodeUtf8(bytes));
  const diagnostics: ImportDiagnostic[] = doc.diagnostic ? [doc.diagnostic] : [];
  const root = obj(doc.value);
  const works = arr(root['papers']).map((p, index) => finish(s2Work(p, { source: source.name, format, index }), `paper ${index + 1}`, diagnostics));
  cutNote(doc.incomplete, 'papers', works.length, diagnostics, doc.diagnostic?.line ?? 1);
  return { format, works, diagnostics };
}

/**
 * The Semantic Scholar paper importer: recognises a JSON object whose first member is `paperId`
 * (0.9; S2's key order) or one that mentions `"paperId"`, `"externalIds"` and a semanticscholar.org
 * paper URL (0.7). Reads the paper (index 0), then its `citations` that have a `paperId`
 * (`relation: cites` the paper's id), then its `references` that have one (`relation: cited-by`),
 * in file order; entries without a `paperId` are not works (spec). A truncated file keeps what was
 * complete, with a `partial-record` diagnostic naming the list that was cut.
 */
export const s2PaperImporter: Importer = {
  format: 's2-paper',
  recognise(head: string, fileName: string): number {
    const tie = /\.json$/i.test(fileName) ? 0.05 : 0;
    if (opensWith(head, 'paperId')) return 0.9 + tie;
    if (!opensWith(head, 'authorId') && /"paperId"\s*:/.test(head) && /"externalIds"\s*:/.test(head) && head.includes('semanticscholar.org/paper/')) return 0.7 + tie;
    return 0;
  },
  read: readPaper,
};

/**
 * The Semantic Scholar author importer: recognises a JSON object whose first member is `authorId`
 * and that has `papers` (0.9). Reads each of `papers[]` in order (provenance index = position,
 * key = paperId); a truncated file keeps the complete papers with a `partial-record` diagnostic.
 */
export const s2AuthorImporter: Importer = {
  format: 's2-author',
  recognise(head: string, fileName: string): number {
    return opensWith(head, 'authorId') && /"papers"\s*:/.test(head) ? 0.9 + (/\.json$/i.test(fileName) ? 0.05 : 0) : 0;
  },
  read: readAuthor,
};
