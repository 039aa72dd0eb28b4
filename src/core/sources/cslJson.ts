/**
 * CSL-JSON (imports.md "Sources and formats"): one work per item of the top-level array (a single
 * item object is read too). The syntax is Microsoft's `jsonc-parser`, a fault-tolerant JSON parser
 * that gives every item's offset (so its line) and goes on after an error, so that a damaged or
 * truncated file still yields every item before and after the damage. What this module adds are
 * CSL's quirks: `issued.date-parts` of 1–3 parts, as numbers or strings (or `issued.raw`/`literal`),
 * names as `family`/`given` or `literal`, arXiv ids in `note` (`arxiv: …`, Manubot's
 * `standard_id: arxiv:…`), `number` when the container is arXiv, `URL`, `container-title`
 * (`arXiv:1906.10026 [cs, math, stat]`), `DOI`, `PMID`; Better CSL JSON's `citation-key`.
 */
import { getNodeValue, parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { extrasFor, extrasKeywords, extrasNote, isExtrasKeyword, isExtrasNote, type ExtrasById } from './exportExtras';
import { identifiersInLink, linkForIdentifier } from './identifierLinks';
import { identifiersInText, normalizeArxiv, normalizeDoi, orderIdentifiers, workId } from './identifiers';
import type { ImportResult, ImportSource, Importer } from './importer';
import { limitJsonDepth, MAX_JSON_DEPTH } from './jsonUtil';
import { collapseWhitespace, decodeUtf8WithoutBom, diagnostic, isOthersPlaceholder, lineFinder, parseDateText } from './textUtil';
import type { Author, ImportDiagnostic, Work, WorkDate } from './work';

/** The `Importer` for CSL-JSON files (plain, Manubot, Zotero Better CSL JSON). */
export const cslJsonImporter: Importer = {
  format: 'csl-json',
  recognise: recogniseCslJson,
  read: readCslJson,
};

/**
 * 0.85 when `head` is a JSON array or object whose first item has CSL keys (`"type"` and one of
 * `"title"`, `"issued"`, `"author"` with `"family"`/`"literal"`, `"container-title"`, `"citation-key"`),
 * 0.2 when it also has OpenAlex or Semantic Scholar keys (those readers claim it), 0 otherwise;
 * `.json`/`.csl.json` adds 0.05.
 */
export function recogniseCslJson(head: string, fileName: string): number {
  const t = head.replace(/^\ufeff/, '').trimStart();
  if (!t.startsWith('[') && !t.startsWith('{')) return 0;
  const first = t.slice(0, 8192);
  if (!/"type"\s*:/.test(first)) return 0;
  if (!/"(title|issued|container-title|citation-key)"\s*:|"(family|literal)"\s*:/.test(first)) return 0;
  let score = /"(authorships|openalex|paperId|externalIds|display_name)"\s*:/.test(first) ? 0.2 : 0.85;
  if (/\.json$/i.test(fileName)) score += 0.05;
  return score;
}

/**
 * Every item of a CSL-JSON file as a work, in file order. A syntax error is a diagnostic with its
 * line and column; an item that holds an error or ends the file unfinished is kept with what was
 * read of it (`partial-record`); a value that is not an object is skipped with a diagnostic.
 * Never throws for bad content.
 */
export function readCslJson(bytes: Uint8Array, source: ImportSource): ImportResult {
  // Values nested deeper than any CSL item is are dropped before parsing (the parser recurses per level).
  const { text, cuts } = limitJsonDepth(decodeUtf8WithoutBom(bytes));
  const at = lineFinder(text);
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const diagnostics: ImportDiagnostic[] = [];
  for (const offset of cuts.slice(0, 20)) {
    const { line, column } = at(offset);
    diagnostics.push({ kind: 'too-large', line, column, message: `${source.name}:${line}:${column}: a value nested more than ${MAX_JSON_DEPTH} levels deep is left out (read as 0).` });
  }
  if (cuts.length > 20) diagnostics.push({ kind: 'too-large', line: at(cuts[20]).line, message: `${source.name}: ${cuts.length - 20} more values nested more than ${MAX_JSON_DEPTH} levels deep are left out.` });
  for (const e of errors) {
    const { line, column } = at(e.offset);
    diagnostics.push(diagnostic({ kind: 'syntax', line, column, message: `${source.name}:${line}:${column}: JSON ${printParseErrorCode(e.error)}.`, raw: text.slice(Math.max(0, e.offset - 40), e.offset + 40) }));
  }
  const works: Work[] = [];
  if (!root) {
    if (errors.length === 0) diagnostics.push({ kind: 'not-recognised', line: 1, message: `${source.name}: empty file, no CSL-JSON items.` });
    return { format: 'csl-json', works, diagnostics };
  }
  const items: JsonNode[] = root.type === 'array' ? (root.children ?? []) : root.type === 'object' ? [root] : [];
  if (items.length === 0 && root.type !== 'array') {
    diagnostics.push({ kind: 'not-recognised', line: 1, message: `${source.name}: CSL-JSON is an array of items (objects); this file holds a ${root.type}.` });
  }
  for (const node of items) {
    // Items past the caller's cap are not read (`ImportSource.maxWorks`: one more, so it can say where they start).
    if (source.maxWorks !== undefined && works.length > source.maxWorks) break;
    const { line } = at(node.offset);
    if (node.type !== 'object') {
      diagnostics.push(diagnostic({ kind: 'syntax', line, message: `${source.name}:${line}: an item must be an object, not a ${node.type}; it is skipped.`, raw: text.slice(node.offset, node.offset + node.length) }));
      continue;
    }
    const damaged = errors.some((e) => e.offset >= node.offset && e.offset <= node.offset + node.length) || text[node.offset + node.length - 1] !== '}';
    const item = getNodeValue(node) as Record<string, unknown>;
    if (damaged) diagnostics.push(diagnostic({ kind: 'partial-record', line, message: `${source.name}:${line}: this item is damaged or cut off; what could be read of it is kept.`, raw: text.slice(node.offset, node.offset + node.length) }));
    works.push(toWork(item, line, works.length, source, diagnostics));
  }
  return { format: 'csl-json', works, diagnostics };
}

function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

function toAuthors(v: unknown): Author[] {
  if (!Array.isArray(v)) return [];
  const out: Author[] = [];
  for (const a of v as unknown[]) {
    if (!a || typeof a !== 'object') continue;
    const o = a as Record<string, unknown>;
    const literal = str(o.literal);
    const family = str(o.family) !== undefined ? collapseWhitespace([str(o['non-dropping-particle']), str(o.family)].filter(Boolean).join(' ')) : undefined;
    // A dropping particle ("Ludwig van Beethoven") is written after the given name, as BibTeX and RIS write it.
    const givenText = [str(o.given), str(o['dropping-particle'])].filter(Boolean).join(' ');
    const given = givenText ? collapseWhitespace(givenText) : undefined;
    if (family) {
      const name = collapseWhitespace([given, family, str(o.suffix)].filter(Boolean).join(' '));
      if (isOthersPlaceholder(name)) continue;
      out.push({ name, family, ...(given ? { given } : {}), affiliations: [], institutions: [] });
    } else if (literal ?? given) {
      const name = collapseWhitespace((literal ?? given)!);
      if (name && !isOthersPlaceholder(name)) out.push({ name, affiliations: [], institutions: [] });
    }
  }
  return out;
}

/** `issued` as CSL writes it: `date-parts` `[[y, m, d]]` (1–3 parts, numbers or strings), else `raw`/`literal` text. */
export function cslDate(v: unknown): WorkDate | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const o = v as Record<string, unknown>;
  const parts = o['date-parts'];
  if (Array.isArray(parts) && Array.isArray(parts[0])) {
    const [y, m, d] = (parts[0] as unknown[]).map((p) => (typeof p === 'number' ? p : typeof p === 'string' && /^\s*\d+\s*$/.test(p) ? Number(p) : NaN));
    if (y !== undefined && Number.isInteger(y) && y > 0 && y <= 9999) {
      const date: WorkDate = { year: y };
      if (m !== undefined && Number.isInteger(m) && m >= 1 && m <= 12) {
        date.month = m;
        if (d !== undefined && Number.isInteger(d) && d >= 1 && d <= 31) date.day = d;
      }
      return date;
    }
  }
  const text = str(o.raw) ?? str(o.literal);
  return text ? parseDateText(text) : undefined;
}

function toWork(item: Record<string, unknown>, line: number, index: number, source: ImportSource, diagnostics: ImportDiagnostic[]): Work {
  const ids: string[] = [];
  const doiText = str(item.DOI);
  if (doiText) {
    const doi = normalizeDoi(doiText);
    if (doi) ids.push(`doi:${doi}`);
    else diagnostics.push(diagnostic({ kind: 'bad-identifier', line, message: `${source.name}:${line}: DOI "${doiText}" is not a DOI.`, raw: doiText }));
  }
  const links: string[] = [];
  const url = str(item.URL);
  if (url) {
    links.push(url.trim());
    ids.push(...identifiersInLink(url.trim()));
  }
  const note = str(item.note);
  if (note) ids.push(...identifiersInText(note));
  const container = str(item['container-title']);
  const publisher = str(item.publisher);
  if (container && /arxiv/i.test(container)) ids.push(...identifiersInText(container));
  const number = str(item.number);
  if (number && /arxiv/i.test(`${container ?? ''} ${publisher ?? ''} ${number}`)) {
    const ax = normalizeArxiv(number);
    if (ax) ids.push(`arxiv:${ax}`);
  }
  const pmid = str(item.PMID);
  if (pmid && /^\s*\d+\s*$/.test(pmid)) ids.push(`pmid:${pmid.trim()}`);
  const title = collapseWhitespace(str(item.title) ?? '');
  if (!title) diagnostics.push({ kind: 'missing-title', line, message: `${source.name}:${line}: this item has no title; it is kept.` });
  const date = cslDate(item.issued);
  if (item.issued !== undefined && !date) diagnostics.push(diagnostic({ kind: 'bad-date', line, message: `${source.name}:${line}: "issued" holds no date.`, raw: JSON.stringify(item.issued) }));
  const keywordValue = item.keyword;
  const keywords = (Array.isArray(keywordValue) ? (keywordValue as unknown[]).map(str) : (str(keywordValue) ?? '').split(/\s*[,;]\s*/))
    .filter((k): k is string => k !== undefined)
    .map(collapseWhitespace)
    .filter(Boolean);
  const abstract = str(item.abstract);
  const venue = container ?? str(item['collection-title']) ?? str(item['event-title']) ?? str(item.event);
  const key = str(item['citation-key']) ?? str(item.id);
  const raw: Record<string, string> = {};
  for (const [k, v] of Object.entries(item)) raw[k] = JSON.stringify(v);
  const type = str(item.type);
  const work: Work = {
    id: '',
    title,
    authors: toAuthors(item.author),
    ...(date ? { date } : {}),
    ...(venue ? { venue: collapseWhitespace(venue) } : {}),
    ...(abstract ? { abstract: collapseWhitespace(abstract) } : {}),
    identifiers: orderIdentifiers(ids),
    links,
    keywords,
    categories: [],
    ...(type ? { type } : {}),
    provenance: [{ source: source.name, format: 'csl-json', line, index, ...(key ? { key } : {}) }],
    raw,
  };
  work.id = workId(work);
  return work;
}

// ---------------------------------------------------------------------------------------------
// Writing

const CSL_TYPES: Record<string, string> = {
  article: 'article-journal',
  jour: 'article-journal',
  inproceedings: 'paper-conference',
  conference: 'paper-conference',
  cpaper: 'paper-conference',
  conf: 'paper-conference',
  book: 'book',
  incollection: 'chapter',
  inbook: 'chapter',
  chap: 'chapter',
  techreport: 'report',
  rprt: 'report',
  phdthesis: 'thesis',
  mastersthesis: 'thesis',
  thes: 'thesis',
};

function generatedItem(work: Work): Record<string, unknown> {
  const item: Record<string, unknown> = {
    id: work.provenance[0]?.key ?? work.id,
    type: CSL_TYPES[(work.type ?? '').toLowerCase()] ?? (work.type && /^[a-z-]+$/.test(work.type) ? work.type : 'article'),
    title: work.title,
  };
  if (work.authors.length > 0) item.author = work.authors.map((a) => (a.family ? { family: a.family, ...(a.given ? { given: a.given } : {}) } : { literal: a.name }));
  if (work.date) item.issued = { 'date-parts': [[work.date.year, ...(work.date.month !== undefined ? [work.date.month, ...(work.date.day !== undefined ? [work.date.day] : [])] : [])]] };
  if (work.venue) item['container-title'] = work.venue;
  if (work.abstract) item.abstract = work.abstract;
  const doi = work.identifiers.find((i) => i.startsWith('doi:'));
  if (doi) item.DOI = doi.slice(4);
  const pmid = work.identifiers.find((i) => i.startsWith('pmid:'));
  if (pmid) item.PMID = pmid.slice(5);
  const url = work.links[0] ?? work.identifiers.map(linkForIdentifier).find((l) => l !== undefined);
  if (url) item.URL = url;
  // Identifiers the fields above do not carry go in `note`, one `scheme: value` line each (arXiv as Manubot writes it).
  const carried = new Set([...(doi ? [doi] : []), ...(pmid ? [pmid] : []), ...(url ? identifiersInLink(url) : [])]);
  const idLines = work.identifiers.filter((i) => !carried.has(i)).map((i) => (i.startsWith('arxiv:') ? `arXiv: ${i.slice(6)}` : linkForIdentifier(i) ?? i));
  if (idLines.length > 0) item.note = idLines.join('\n');
  return item;
}

/**
 * The works as a CSL-JSON array (imports.md "Writing back"), one item per work. A work read from
 * CSL-JSON keeps every key as read; others get `id`, `type`, `title`, `author`, `issued`
 * (`date-parts`), `container-title`, `abstract`, `DOI`, `PMID`, `URL` and, for identifiers those do
 * not carry, `note` lines (`arXiv: 2401.02452`, OpenAlex/S2 URLs). Each item's `keyword` (a comma-
 * separated string, as CSL has it) gets the extras keywords (`compute-divide:decision=include`, …)
 * and its `note` one `Compute Divide: decision=…; team-sector=…` line, replacing an earlier export's.
 */
export function writeCslJson(works: readonly Work[], extras?: ExtrasById): string {
  const items = works.map((work) => {
    const fromCsl = work.provenance[0]?.format === 'csl-json' && work.raw !== undefined;
    const item: Record<string, unknown> = fromCsl ? Object.fromEntries(Object.entries(work.raw!).map(([k, v]) => [k, JSON.parse(v) as unknown])) : generatedItem(work);
    const x = extrasFor(extras, work.id);
    const keywords = [...work.keywords.filter((k) => !isExtrasKeyword(k)), ...extrasKeywords(x)];
    if (keywords.length > 0) item.keyword = keywords.join(', ');
    else delete item.keyword;
    const noteLines = (str(item.note) ?? '').split('\n').filter((l) => l !== '' && !isExtrasNote(l));
    const extra = extrasNote(x);
    if (extra) noteLines.push(extra);
    if (noteLines.length > 0) item.note = noteLines.join('\n');
    else delete item.note;
    return item;
  });
  return `${JSON.stringify(items, null, 2)}\n`;
}
