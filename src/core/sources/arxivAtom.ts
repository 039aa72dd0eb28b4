/**
 * arXiv API Atom feeds (export.arxiv.org/api/query; spec imports.md "Sources and formats"): one work
 * per `<entry>`, in both layouts: the classic one (`xmlns:arxiv` declared on each element, hard-wrapped
 * titles) and the 2026 one (namespaces on `<feed>`, `https://arxiv.org/api/…` feed ids, `arxiv:doi`,
 * `arxiv:journal_ref`). Also a recorded API call, `{url, status_code, body}` JSON whose `body` holds
 * such a feed (arxiv.py's test fixtures). Double-encoded UTF-8 is repaired (`mojibake.ts`).
 */
import { normalizeArxiv, normalizeDoi } from './identifiers';
import type { Importer, ImportResult, ImportSource } from './importer';
import { decodeUtf8, parseJsonDocument, str } from './jsonUtil';
import { repairWorkMojibake } from './mojibake';
import type { Author, ImportDiagnostic, Work } from './work';
import { buildWork, checkTitle, collapseWhitespace, isoDate } from './workBuild';
import { lineStarts, positionAt } from './lines';
import { asArray, attr, readXmlRecords, textOf, type XmlNode, type XmlRecordLayout } from './xmlUtil';

const ATOM_LAYOUT: XmlRecordLayout = { path: ['feed'], record: 'entry', arrays: ['author', 'affiliation', 'category', 'link'] };

/**
 * Reads the works of an arXiv Atom feed given as text. `source` names the file; `bodyLine`, when the
 * feed is the `body` string of a recorded JSON call, is the file line of that string: every
 * diagnostic is then put on it (naming the feed line in its message) and provenance has no line
 * (the feed's lines are not the file's). Returns the works (one
 * per `<entry>`, in order) and the diagnostics: syntax errors with salvage (`xmlUtil.readXmlRecords`),
 * `partial-record` for an entry cut by one, `missing-title`, `mojibake-repaired`/`-suspect`.
 */
export function readArxivAtomText(text: string, source: ImportSource, bodyLine?: number): ImportResult {
  const { records, diagnostics: xmlDiagnostics } = readXmlRecords(text, ATOM_LAYOUT);
  const diagnostics: ImportDiagnostic[] = xmlDiagnostics.map((d) => (bodyLine === undefined ? d : inBody(d, bodyLine)));
  const works: Work[] = [];
  records.forEach((rec, index) => {
    const work = entryToWork(rec.node, source, index, bodyLine === undefined ? rec.line : undefined);
    const line = bodyLine ?? rec.line;
    const label = `entry ${index + 1}${work.identifiers.length ? ` (${work.identifiers[0]})` : ''}${bodyLine === undefined ? '' : ` at feed line ${rec.line}`}`;
    if (rec.partial) {
      diagnostics.push({ kind: 'partial-record', line, column: bodyLine === undefined ? rec.column : undefined, message: `${label} is cut off by a syntax error; kept as far as it could be read` });
    }
    repairWorkMojibake(work, { line, label }, diagnostics);
    checkTitle(work, line, label, diagnostics);
    works.push(work);
  });
  return { format: 'arxiv-atom', works, diagnostics };
}

function inBody(d: ImportDiagnostic, bodyLine: number): ImportDiagnostic {
  const where = `in "body", feed line ${d.line}${d.column === undefined ? '' : `, column ${d.column}`}`;
  return { kind: d.kind, line: bodyLine, message: `${d.message} (${where})`, ...(d.raw === undefined ? {} : { raw: d.raw }) };
}

function entryToWork(entry: XmlNode, source: ImportSource, index: number, line: number | undefined): Work {
  const ids: string[] = [];
  const idText = collapseWhitespace(textOf(entry['id']));
  const arxiv = normalizeArxiv(idText);
  if (arxiv) ids.push(`arxiv:${arxiv}`);
  const doi = normalizeDoi(textOf(entry['doi']));
  if (doi) ids.push(`doi:${doi}`);
  const authors: Author[] = asArray(entry['author']).map((a) => ({
    name: collapseWhitespace(textOf(a['name'])),
    affiliations: asArray(a['affiliation']).map((x) => collapseWhitespace(textOf(x))).filter(Boolean),
    institutions: [],
  }));
  const links: string[] = [];
  for (const l of asArray(entry['link'])) {
    const href = attr(l, 'href');
    if (href) links.push(href);
  }
  if (links.length === 0 && /^https?:\/\//.test(idText)) links.push(idText);
  const categories: string[] = [];
  const primary = attr(entry['primary_category'], 'term');
  if (primary) categories.push(primary);
  for (const c of asArray(entry['category'])) {
    const term = attr(c, 'term');
    if (term) categories.push(term);
  }
  // `journal_ref` is the venue; the rest of what has no place in a work is kept by its own name.
  const raw: Record<string, string> = {};
  for (const field of ['comment', 'updated'] as const) {
    const v = collapseWhitespace(textOf(entry[field]));
    if (v) raw[field] = v;
  }
  const journalRef = collapseWhitespace(textOf(entry['journal_ref']));
  return buildWork({
    title: collapseWhitespace(textOf(entry['title'])),
    authors,
    date: isoDate(textOf(entry['published']).trim()) ?? isoDate(textOf(entry['updated']).trim()),
    ...(journalRef ? { venue: journalRef } : {}),
    abstract: collapseWhitespace(textOf(entry['summary'])),
    identifiers: ids,
    links,
    categories,
    type: 'preprint',
    raw,
    provenance: [{ source: source.name, format: 'arxiv-atom', ...(line === undefined ? {} : { line }), index }],
  });
}

/** Whether `head` is a recorded API call (`{url, status_code, body}`) whose body is an Atom feed. */
function looksRecorded(head: string): boolean {
  const t = head.trimStart();
  return t.startsWith('{') && /"body"\s*:/.test(head) && /"status_code"\s*:/.test(head) && /(<|\\u003c)feed[\s>]/i.test(head);
}

/**
 * The arXiv Atom importer: recognises an Atom `<feed>` (certain when it mentions arxiv.org, 0.5
 * for another Atom feed) or a recorded `{url, status_code, body}` JSON holding one; reads the feed,
 * or for the recorded JSON the `body` string (a `status_code` other than 200 is a `partial-record`
 * diagnostic on line 1; a damaged JSON file is salvaged as far as its body goes).
 */
export const arxivAtomImporter: Importer = {
  format: 'arxiv-atom',
  recognise(head: string, fileName: string): number {
    const tie = /\.(xml|atom)$/i.test(fileName) ? 0.05 : 0;
    if (looksRecorded(head)) return 0.9 + (/\.json$/i.test(fileName) ? 0.05 : 0);
    if (/<feed[\s>]/.test(head) && head.includes('http://www.w3.org/2005/Atom')) {
      return (/arxiv\.org/i.test(head) ? 0.9 : 0.5) + tie;
    }
    return 0;
  },
  read(bytes: Uint8Array, source: ImportSource): ImportResult {
    const text = decodeUtf8(bytes);
    if (!looksRecorded(text.slice(0, 65536))) return readArxivAtomText(text, source);
    const doc = parseJsonDocument(text);
    const diagnostics: ImportDiagnostic[] = doc.diagnostic ? [doc.diagnostic] : [];
    const root = (doc.value && typeof doc.value === 'object' ? doc.value : {}) as Record<string, unknown>;
    const body = str(root['body']);
    const bodyAt = /"body"\s*:/.exec(text);
    const bodyLine = bodyAt ? positionAt(lineStarts(text), bodyAt.index).line : 1;
    if (root['status_code'] !== undefined && root['status_code'] !== 200) {
      diagnostics.push({ kind: 'partial-record', line: 1, message: `the recorded call has status_code ${JSON.stringify(root['status_code'])}, not 200` });
    }
    if (!body) {
      diagnostics.push({ kind: 'syntax', line: bodyLine, message: 'the recorded call has no "body" string holding an Atom feed' });
      return { format: 'arxiv-atom', works: [], diagnostics };
    }
    const result = readArxivAtomText(body, source, bodyLine);
    return { format: 'arxiv-atom', works: result.works, diagnostics: [...diagnostics, ...result.diagnostics] };
  },
};
