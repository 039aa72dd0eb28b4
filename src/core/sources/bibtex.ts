/**
 * BibTeX / BibLaTeX (imports.md "Sources and formats"): one work per entry; `@string`,
 * `@preamble` and `@comment` are not records; a BOM and text outside entries are ignored. The
 * syntax is `@retorquere/bibtex-parser` (the parser of Better BibTeX for Zotero): its chunker
 * splits the file into entries with their start line (so a broken entry costs only itself), its
 * parser decodes LaTeX (`Mart{\'\i}n` → Martín), removes case-protecting braces, expands
 * `@string` macros and splits names. What this module adds is the mapping onto a `Work`:
 * BibLaTeX `date` when there is no `year`; `eprint` + `archiveprefix`/`eprinttype = arXiv`;
 * identifiers from `doi`, `url` and arXiv ids written in `journal`/`note`; `and others` (and
 * `et al.`) dropped from the authors; the raw field values kept in `Work.raw` for write-back.
 */
import { parse as parseBibtex, type Entry as ParsedEntry } from '@retorquere/bibtex-parser';
import { entries as chunkEntries } from '@retorquere/bibtex-parser/chunker';
import { bibtexChunks, withLinearChunker, type BibtexChunk } from './bibtexChunks';
import { extrasFor, extrasKeywords, isExtrasKeyword, type ExtrasById } from './exportExtras';
import { identifiersInLink, linkForIdentifier } from './identifierLinks';
import { identifiersInText, normalizeArxiv, normalizeDoi, orderIdentifiers, workId } from './identifiers';
import type { ImportResult, ImportSource, Importer } from './importer';
import { collapseWhitespace, composeAccents, decodeUtf8WithoutBom, diagnostic, isOthersPlaceholder, parseDateText, parseMonth } from './textUtil';
import type { Author, ImportDiagnostic, Work, WorkDate } from './work';

const ENTRY_START = /^[ \t]*@[ \t]*([A-Za-z]+)[ \t]*[{(]/gm;
const NOT_RECORDS = new Set(['string', 'preamble', 'comment']);
/** An entry's head up to its key: the key is group 2 (what BibTeX allows: anything but `,`, space, braces). */
const ENTRY_KEY = /(^[ \t]*@[ \t]*[A-Za-z]+[ \t]*[{(][ \t\r\n]*)([^,\s{}()=]+)(?=\s*,)/gm;

/** One entry as the chunker cut it: its text, 1-based start line and raw (undecoded) fields. */
interface RawEntry {
  line: number;
  text: string;
  type: string;
  key?: string;
  fields: Record<string, string>;
  /** Set when the chunker could not cut this entry whole. */
  error?: string;
}

/** The `Importer` for BibTeX and BibLaTeX files. */
export const bibtexImporter: Importer = {
  format: 'bibtex',
  recognise: recogniseBibtex,
  read: readBibtex,
};

/**
 * How sure it is that `head` is BibTeX: 0.9 when a line starts an `@type{` entry other than
 * `@string`/`@comment`/`@preamble`, 0.5 when only those appear, 0; `.bib`/`.bibtex`/`.biblatex`
 * names add 0.05.
 */
export function recogniseBibtex(head: string, fileName: string): number {
  let score = 0;
  for (const m of head.replace(/^\ufeff/, '').matchAll(ENTRY_START)) {
    score = NOT_RECORDS.has(m[1].toLowerCase()) ? Math.max(score, 0.5) : 0.9;
    if (score === 0.9) break;
  }
  if (score > 0 && /\.(bib|bibtex|biblatex)$/i.test(fileName)) score += 0.05;
  return score;
}

/**
 * Every entry of a BibTeX/BibLaTeX file as a work, in file order, with a diagnostic (line, kind,
 * clipped raw text) for each entry the parser could not read; the entries around a broken one are
 * still read. Never throws for bad content. The file is chunked once: the parser gets the chunks
 * the screening cut (`options.chunkOnce: false` lets the parser chunk the text again itself, the
 * reference the tests hold this to).
 */
export function readBibtex(bytes: Uint8Array, source: ImportSource, options: { chunkOnce?: boolean } = {}): ImportResult {
  const text = decodeUtf8WithoutBom(bytes);
  const diagnostics: ImportDiagnostic[] = [];
  const rawEntries: RawEntry[] = [];
  const brokenTexts = new Set<string>();
  // The chunker refuses keys such as `Key*1` that BibTeX and the parser accept: it reads a copy in
  // which such keys are written with `_` (same length, so offsets and lines stay true), and each
  // entry's key is taken from the original text.
  const chunkable = text.replace(ENTRY_KEY, (_m, head: string, key: string) => head + key.replace(/[^A-Za-z0-9_:.+/-]/g, '_'));
  const chunks = bibtexChunks(chunkable);
  // What the LaTeX parser is not given (it recurses per brace and per @string reference): see `screenChunks`.
  const screened = screenChunks(chunks);
  for (const chunk of chunks) {
    const original = text.slice(chunk.offset.pos, chunk.offset.pos + chunk.text.length);
    const at = chunk.text.search(/@/);
    const lead = at < 0 ? '' : chunk.text.slice(0, at);
    const line = chunk.offset.line + 1 + (lead.match(/\n/g)?.length ?? 0);
    const refused = screened.get(chunk);
    if (refused) diagnostics.push(diagnostic({ kind: 'too-large', line, column: 1, message: `${source.name}:${line}: ${refused}; its LaTeX is not decoded.`, raw: original.trim() }));
    if (chunk.entry) {
      const parsed = chunkEntries(chunk.text).entries[0];
      ENTRY_KEY.lastIndex = 0;
      const key = ENTRY_KEY.exec(original)?.[2] ?? parsed?.key;
      if (parsed) rawEntries.push({ line, text: original, type: parsed.type, ...(key !== undefined ? { key } : {}), fields: parsed.fields });
      continue;
    }
    if (chunk.error && at >= 0 && chunk.text.slice(0, at).trim() === '' && !chunk.stringDeclaration && !chunk.comment && !chunk.preamble) {
      const typeMatch = /^@\s*([A-Za-z]+)/.exec(chunk.text.slice(at));
      if (typeMatch && NOT_RECORDS.has(typeMatch[1].toLowerCase())) continue;
      brokenTexts.add(original);
      ENTRY_KEY.lastIndex = 0;
      const key = ENTRY_KEY.exec(original)?.[2];
      rawEntries.push({ line, text: original, type: typeMatch?.[1] ?? 'misc', ...(key !== undefined ? { key } : {}), fields: {}, error: chunk.error });
    }
  }

  // The parser reads the text with the refused chunks blanked (line breaks kept, so lines stay true).
  let parseText = text;
  if (screened.size > 0) {
    const parts: string[] = [];
    let copied = 0;
    for (const chunk of screened.keys()) {
      parts.push(text.slice(copied, chunk.offset.pos), text.slice(chunk.offset.pos, chunk.offset.pos + chunk.text.length).replace(/[^\n]/g, ' '));
      copied = chunk.offset.pos + chunk.text.length;
    }
    parts.push(text.slice(copied));
    parseText = parts.join('');
  }
  const cycle = crossrefCycle(rawEntries);
  if (cycle) diagnostics.push({ kind: 'syntax', line: cycle.line, message: `${source.name}:${cycle.line}: the crossref of entry "${cycle.key}" leads back to it; no entry of this file inherits fields through crossref.` });
  let lib: Pick<ReturnType<typeof parseBibtex>, 'errors' | 'entries'>;
  try {
    // The parser gets the chunks cut above (same places: `chunkable` differs from `text` only inside
    // keys, and refused chunks are blanked in place), each with its text from what it parses.
    const known = options.chunkOnce === false ? undefined : { text: parseText, chunks: chunks.map((c) => ({ ...c, text: parseText.slice(c.offset.pos, c.offset.pos + c.text.length) })) };
    lib = withLinearChunker(() => parseBibtex(parseText, { sentenceCase: false, caseProtection: false, errorHandler: false, applyCrossRef: !cycle }), known);
  } catch (error) {
    // The parser gave up on the whole file: every entry is kept with its fields as written.
    diagnostics.push({ kind: 'syntax', line: 1, message: `${source.name}: the LaTeX of this file could not be decoded (${clipMessage(error instanceof Error ? error.message : String(error))}); every entry's fields are kept as written.` });
    lib = { errors: [], entries: [] };
  }
  for (const err of lib.errors) {
    if (err.source !== undefined && brokenTexts.has(err.source)) continue;
    diagnostics.push(diagnostic({ kind: 'syntax', line: err.line ?? 1, ...(err.column !== undefined ? { column: err.column } : {}), message: `${source.name}:${err.line ?? '?'}: ${clipMessage(err.message)}`, ...(err.source ? { raw: err.source } : {}) }));
  }

  // The parsed entries, by key, in file order, to be matched with the chunks (line, raw fields).
  const parsedByKey = new Map<string, ParsedEntry[]>();
  for (const e of lib.entries) {
    const list = parsedByKey.get(e.key) ?? [];
    list.push(e);
    parsedByKey.set(e.key, list);
  }
  const works: Work[] = [];
  const seenKeys = new Map<string, number>();
  for (const raw of rawEntries) {
    const parsed = raw.key !== undefined ? parsedByKey.get(raw.key)?.shift() : undefined;
    if (raw.error !== undefined) {
      const kept = parsed !== undefined;
      diagnostics.push(diagnostic({ kind: kept ? 'partial-record' : 'syntax', line: raw.line, column: 1, message: `${source.name}:${raw.line}: this entry could not be read whole (${clipMessage(raw.error)}); ${kept ? 'what the parser read of it is kept' : 'it is left out'}.`, raw: raw.text.trim() }));
      if (!kept) continue;
    }
    const index = works.length;
    if (raw.key !== undefined) {
      const first = seenKeys.get(raw.key);
      if (first !== undefined) diagnostics.push({ kind: 'duplicate-key', line: raw.line, message: `${source.name}:${raw.line}: the citation key "${raw.key}" is used again (first at line ${first}); both entries are kept.` });
      else seenKeys.set(raw.key, raw.line);
    }
    if (!parsed && raw.error === undefined) {
      diagnostics.push(diagnostic({ kind: 'partial-record', line: raw.line, message: `${source.name}:${raw.line}: the LaTeX of this entry could not be decoded; its fields are kept as written.`, raw: raw.text.trim() }));
    }
    works.push(toWork(raw, parsed, index, source, diagnostics));
  }
  return { format: 'bibtex', works, diagnostics };
}

/** The deepest brace nesting the LaTeX parser is given (it recurses per level; real entries nest a few deep). */
export const MAX_BIBTEX_BRACE_DEPTH = 100;
/** The most characters one `@string` or one entry may expand to through `@string` references. */
export const MAX_BIBTEX_EXPANSION = 1_000_000;
/** The most characters all entries of a file may expand to through `@string` references (10,000 entries citing a 330 KB @string would take hours). */
export const MAX_BIBTEX_FILE_EXPANSION = 8_000_000;
/** The most `@string` references one expansion may pass through, one inside the other. */
const MAX_STRING_NESTING = 50;

type Chunk = BibtexChunk;

/** Bare words after `=` or `#` at the entry's top level: the `@string` names a chunk refers to (lower-cased). */
function stringRefs(text: string): string[] {
  const refs: string[] = [];
  let depth = 0;
  let quoted = false;
  let after = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '{' || (c === '(' && depth === 0)) depth++;
    else if (c === '}' || (c === ')' && depth === 1)) depth--;
    else if (depth === 1 && c === '"') quoted = !quoted;
    else if (depth === 1 && !quoted && /[A-Za-z]/.test(c) && (after === '=' || after === '#')) {
      const word = /^[^\s#{}(),="%]+/.exec(text.slice(i, i + 200))![0];
      refs.push(word.toLowerCase());
      i += word.length - 1;
      after = 'w';
      continue;
    }
    if (depth === 1 && !quoted && !/\s/.test(c)) after = c;
  }
  return refs;
}

/** The deepest brace nesting of a chunk (`\{` and `\}` not counted). */
function braceDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) i++;
    else if (c === 0x7b && ++depth > max) max = depth;
    else if (c === 0x7d && depth > 0) depth--;
  }
  return max;
}

/**
 * The chunks the LaTeX parser must not be given, each with the reason: braces nested deeper than
 * `MAX_BIBTEX_BRACE_DEPTH` (the parser recurses per level: 3,000 levels overflow the stack and lose
 * the whole file); an `@string` that refers to itself, directly or through others (the parser
 * recurses forever), or that expands through more than 50 nested references or to more than
 * `MAX_BIBTEX_EXPANSION` characters (`@string{s1 = s0 # s0}` … `s22` is a 600-byte file the parser
 * spends 90 s on, each further line doubling it); an entry whose references expand to more than
 * `MAX_BIBTEX_EXPANSION` characters, or that takes the file's expansions past `MAX_BIBTEX_FILE_EXPANSION`. Linear in the text.
 */
function screenChunks(chunks: readonly Chunk[]): Map<Chunk, string> {
  const refused = new Map<Chunk, string>();
  const strings = new Map<string, { chunk: Chunk; literal: number; refs: string[] }[]>();
  for (const chunk of chunks) {
    if (braceDepth(chunk.text) > MAX_BIBTEX_BRACE_DEPTH) {
      refused.set(chunk, `braces are nested more than ${MAX_BIBTEX_BRACE_DEPTH} deep`);
      continue;
    }
    if (!chunk.stringDeclaration) continue;
    const name = /^\s*@\s*string\s*[{(]\s*([^\s=]+)\s*=/i.exec(chunk.text)?.[1]?.toLowerCase();
    if (name === undefined) continue;
    const list = strings.get(name) ?? [];
    list.push({ chunk, literal: chunk.text.length, refs: stringRefs(chunk.text) });
    strings.set(name, list);
  }
  // Size and nesting of every @string's expansion (all its declarations counted), without recursion.
  const size = new Map<string, number>();
  const nesting = new Map<string, number>();
  const bad = new Map<string, string>();
  const visiting = new Set<string>();
  for (const root of strings.keys()) {
    const stack: string[] = [root];
    while (stack.length > 0) {
      const name = stack[stack.length - 1];
      if (size.has(name)) {
        stack.pop();
        continue;
      }
      const decls = strings.get(name) ?? [];
      const refs = [...new Set(decls.flatMap((d) => d.refs))].filter((r) => strings.has(r));
      if (!visiting.has(name)) {
        visiting.add(name);
        for (const r of refs) {
          if (visiting.has(r) && !size.has(r)) bad.set(r, 'this @string refers to itself (directly or through other @strings)');
          else if (!size.has(r)) stack.push(r);
        }
        continue;
      }
      stack.pop();
      visiting.delete(name);
      let total = 0;
      let deepest = 0;
      for (const d of decls) total = Math.max(total, d.literal + d.refs.reduce((n, r) => n + 1 + (size.get(r) ?? 0), 0));
      for (const r of refs) deepest = Math.max(deepest, nesting.get(r) ?? 0);
      if (refs.some((r) => bad.has(r)) && !bad.has(name)) bad.set(name, 'this @string refers to one that cannot be expanded');
      if (total > MAX_BIBTEX_EXPANSION && !bad.has(name)) bad.set(name, `this @string expands to more than ${MAX_BIBTEX_EXPANSION.toLocaleString('en-US')} characters`);
      if (deepest + 1 > MAX_STRING_NESTING && !bad.has(name)) bad.set(name, `this @string expands through more than ${MAX_STRING_NESTING} nested @string references`);
      size.set(name, Math.min(total, MAX_BIBTEX_EXPANSION + 1));
      nesting.set(name, deepest + 1);
    }
  }
  for (const [name, why] of bad) for (const d of strings.get(name) ?? []) refused.set(d.chunk, why);
  let spent = 0;
  for (const chunk of chunks) {
    if (!chunk.entry || refused.has(chunk)) continue;
    const refs = stringRefs(chunk.text).filter((r) => strings.has(r) && !bad.has(r));
    const total = refs.reduce((n, r) => n + 1 + (size.get(r) ?? 0), 0);
    if (total > MAX_BIBTEX_EXPANSION) refused.set(chunk, `its @string references expand to more than ${MAX_BIBTEX_EXPANSION.toLocaleString('en-US')} characters`);
    else if ((spent += total) > MAX_BIBTEX_FILE_EXPANSION) refused.set(chunk, `the @string references of the file expand to more than ${MAX_BIBTEX_FILE_EXPANSION.toLocaleString('en-US')} characters by this entry`);
  }
  return new Map([...refused].sort((a, b) => a[0].offset.pos - b[0].offset.pos));
}

/** The first entry whose `crossref`/`xdata` chain leads back to it (the parser would recurse forever), if any. */
function crossrefCycle(entries: readonly RawEntry[]): { key: string; line: number } | undefined {
  const parents = new Map<string, string[]>();
  const lineOf = new Map<string, number>();
  for (const e of entries) {
    if (e.key === undefined) continue;
    lineOf.set(e.key, e.line);
    const refs = ['crossref', 'xdata'].flatMap((f) => (rawField(e, f) ?? '').replace(/[{}]/g, '').split(/\s*,\s*/)).filter(Boolean);
    if (refs.length > 0) parents.set(e.key, [...(parents.get(e.key) ?? []), ...refs]);
  }
  const done = new Set<string>();
  for (const start of parents.keys()) {
    if (done.has(start)) continue;
    // Iterative depth-first search; `onPath` holds the keys of the current chain.
    const onPath = new Set<string>([start]);
    const stack: [string, number][] = [[start, 0]];
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const next = (parents.get(top[0]) ?? [])[top[1]++];
      if (next === undefined) {
        onPath.delete(top[0]);
        done.add(top[0]);
        stack.pop();
        continue;
      }
      if (onPath.has(next)) return { key: next, line: lineOf.get(next) ?? 1 };
      if (done.has(next) || !lineOf.has(next)) continue;
      onPath.add(next);
      stack.push([next, 0]);
    }
  }
  return undefined;
}

/** A raw field by its lower-cased name (EndNote writes `DOI`, `ISSN`): field names are case-insensitive. */
function rawField(raw: RawEntry, name: string): string | undefined {
  if (raw.fields[name] !== undefined) return raw.fields[name];
  for (const [k, v] of Object.entries(raw.fields)) if (k.toLowerCase() === name) return v;
  return undefined;
}

function clipMessage(message: string): string {
  return message.length > 160 ? `${message.slice(0, 159)}…` : message;
}

/** A field's decoded text: the parser's value, or the raw value without braces when it has none. */
function fieldText(raw: RawEntry, parsed: ParsedEntry | undefined, name: string): string | undefined {
  const values = parsed?.fields[name];
  if (values && values.length > 0) return composeAccents(collapseWhitespace(values.map(String).join(name === 'keywords' ? ', ' : ' ')));
  const r = rawField(raw, name);
  return r === undefined ? undefined : collapseWhitespace(r.replace(/[{}]/g, ''));
}

function toAuthors(raw: RawEntry, parsed: ParsedEntry | undefined): Author[] {
  const authors: Author[] = [];
  const creators = parsed?.creators.author;
  if (creators) {
    for (const c of creators) {
      const family = composeAccents(collapseWhitespace([c.prefix, c.lastName].filter(Boolean).join(' ')));
      const given = c.firstName ? composeAccents(collapseWhitespace(c.firstName)) : undefined;
      const literal = c.literal ? composeAccents(collapseWhitespace(c.literal)) : undefined;
      const name = literal ?? collapseWhitespace([given, family, c.suffix].filter(Boolean).join(' '));
      if (!name || isOthersPlaceholder(name) || (!given && isOthersPlaceholder(family))) continue;
      authors.push({ name, ...(literal ? {} : { family, ...(given ? { given } : {}) }), affiliations: [], institutions: [] });
    }
    return authors;
  }
  const text = rawField(raw, 'author');
  if (!text) return authors;
  for (const part of text.replace(/[{}]/g, '').split(/\s+and\s+/i)) {
    const n = collapseWhitespace(part);
    if (!n || isOthersPlaceholder(n)) continue;
    const comma = n.indexOf(',');
    if (comma > 0) {
      const family = n.slice(0, comma).trim();
      const given = n.slice(comma + 1).trim();
      authors.push({ name: collapseWhitespace(`${given} ${family}`), family, ...(given ? { given } : {}), affiliations: [], institutions: [] });
    } else authors.push({ name: n, affiliations: [], institutions: [] });
  }
  return authors;
}

function toDate(raw: RawEntry, parsed: ParsedEntry | undefined, source: ImportSource, diagnostics: ImportDiagnostic[]): WorkDate | undefined {
  const yearText = fieldText(raw, parsed, 'year');
  if (yearText) {
    const m = /\d{4}/.exec(yearText);
    if (!m) {
      diagnostics.push(diagnostic({ kind: 'bad-date', line: raw.line, message: `${source.name}:${raw.line}: year "${yearText}" is not a year.`, raw: yearText }));
    } else {
      const date: WorkDate = { year: Number(m[0]) };
      const monthText = fieldText(raw, parsed, 'month');
      const month = monthText ? parseMonth(monthText) : undefined;
      if (month !== undefined) {
        date.month = month;
        const dayText = fieldText(raw, parsed, 'day');
        const day = dayText && /^\d{1,2}$/.test(dayText) ? Number(dayText) : undefined;
        if (day !== undefined && day >= 1 && day <= 31) date.day = day;
      }
      return date;
    }
  }
  const dateText = fieldText(raw, parsed, 'date');
  if (dateText) {
    const date = parseDateText(dateText);
    if (!date) diagnostics.push(diagnostic({ kind: 'bad-date', line: raw.line, message: `${source.name}:${raw.line}: date "${dateText}" is not a date.`, raw: dateText }));
    return date;
  }
  return undefined;
}

function toKeywords(raw: RawEntry, parsed: ParsedEntry | undefined): string[] {
  const written = rawField(raw, 'keywords') ?? rawField(raw, 'keyword');
  // EndNote writes one keyword per line; the parser would join the lines with spaces.
  if (written !== undefined && written.includes('\n')) {
    return written
      .split(/\s*[\n;]\s*/)
      .map((k) => collapseWhitespace(k.replace(/[{}]/g, '')))
      .filter(Boolean);
  }
  const values = parsed?.fields.keywords ?? parsed?.fields.keyword;
  if (values) return values.map((v) => collapseWhitespace(String(v))).filter(Boolean);
  return written === undefined ? [] : written.split(/\s*[,;]\s*/).map((k) => collapseWhitespace(k.replace(/[{}]/g, ''))).filter(Boolean);
}

function toWork(raw: RawEntry, parsed: ParsedEntry | undefined, index: number, source: ImportSource, diagnostics: ImportDiagnostic[]): Work {
  const ids: string[] = [];
  const links: string[] = [];
  const doiText = rawField(raw, 'doi');
  if (doiText !== undefined) {
    const doi = normalizeDoi(doiText.replace(/[{}]/g, '').replace(/\\_/g, '_'));
    if (doi) ids.push(`doi:${doi}`);
    else diagnostics.push(diagnostic({ kind: 'bad-identifier', line: raw.line, message: `${source.name}:${raw.line}: doi "${doiText}" is not a DOI.`, raw: doiText }));
  }
  const eprint = rawField(raw, 'eprint');
  const archive = (rawField(raw, 'archiveprefix') ?? rawField(raw, 'eprinttype') ?? '').replace(/[{}]/g, '').trim().toLowerCase();
  if (eprint && (archive === 'arxiv' || /^arxiv:/i.test(eprint.trim()))) {
    const ax = normalizeArxiv(eprint.replace(/[{}]/g, ''));
    if (ax) ids.push(`arxiv:${ax}`);
    else diagnostics.push(diagnostic({ kind: 'bad-identifier', line: raw.line, message: `${source.name}:${raw.line}: eprint "${eprint}" is not an arXiv id.`, raw: eprint }));
  }
  for (const name of ['url', 'pdf']) {
    const url = rawField(raw, name);
    if (!url) continue;
    for (const u of url.split(/\s+/).filter(Boolean)) {
      links.push(u);
      ids.push(...identifiersInLink(u));
    }
  }
  for (const name of ['journal', 'journaltitle', 'note', 'howpublished', 'arxiv', 'pmid']) {
    const value = rawField(raw, name);
    if (!value) continue;
    if (name === 'pmid' && /^\s*\d+\s*$/.test(value)) ids.push(`pmid:${value.trim()}`);
    else ids.push(...identifiersInText(value.replace(/[{}]/g, '')));
  }
  const identifiers = orderIdentifiers(ids);
  const title = fieldText(raw, parsed, 'title') ?? '';
  if (!title) diagnostics.push({ kind: 'missing-title', line: raw.line, message: `${source.name}:${raw.line}: entry "${raw.key ?? index + 1}" has no title; it is kept.` });
  const venue = ['journal', 'journaltitle', 'booktitle', 'eventtitle', 'series'].map((f) => fieldText(raw, parsed, f)).find((v) => v);
  const abstract = fieldText(raw, parsed, 'abstract');
  const date = toDate(raw, parsed, source, diagnostics);
  const work: Work = {
    id: '',
    title,
    authors: toAuthors(raw, parsed),
    ...(date ? { date } : {}),
    ...(venue ? { venue } : {}),
    ...(abstract ? { abstract } : {}),
    identifiers,
    links: [...new Set(links)],
    keywords: toKeywords(raw, parsed),
    categories: [],
    type: raw.type.toLowerCase(),
    provenance: [{ source: source.name, format: 'bibtex', line: raw.line, index, ...(raw.key !== undefined ? { key: raw.key } : {}) }],
    ...(raw.error === undefined ? { raw: { ...raw.fields } } : {}),
  };
  work.id = workId(work);
  return work;
}

// ---------------------------------------------------------------------------------------------
// Writing

const BIBTEX_TYPES: Record<string, string> = {
  jour: 'article',
  'article-journal': 'article',
  'article-magazine': 'article',
  'article-newspaper': 'article',
  article: 'article',
  cpaper: 'inproceedings',
  conf: 'inproceedings',
  'paper-conference': 'inproceedings',
  book: 'book',
  chap: 'incollection',
  chapter: 'incollection',
  report: 'techreport',
  rprt: 'techreport',
  thes: 'phdthesis',
  thesis: 'phdthesis',
};

/** LaTeX-escaped text for a generated field (the parser decodes these escapes back). */
function escapeLatex(text: string): string {
  return text
    .replace(/\\/g, '\\textbackslash ')
    .replace(/([{}&%$#_])/g, '\\$1')
    .replace(/~/g, '\\textasciitilde ')
    .replace(/\^/g, '\\textasciicircum ')
    .replace(/-(?=-)/g, '-{}') // "--" would be read as an en dash
    .replace(/\s+/g, ' ')
    .trim();
}

function keyFor(work: Work, used: Set<string>): string {
  const p = work.provenance[0];
  let base = (p?.key ?? work.id).replace(/[\s,{}()="#%'\\]/g, '_') || `work${used.size + 1}`;
  // No `+`: the parser stops a key there ("CodeT5+", an Epoch model exported with --include-models, did not read back).
  if (!/^[A-Za-z0-9_:.\-/]+$/.test(base)) base = base.replace(/[^A-Za-z0-9_:.\-/]/g, '_');
  let key = base;
  for (let i = 1; used.has(key); i++) key = `${base}${String.fromCharCode(96 + ((i - 1) % 26) + 1)}${i > 26 ? i : ''}`;
  used.add(key);
  return key;
}

function authorField(authors: Author[]): string | undefined {
  if (authors.length === 0) return undefined;
  // A part holding the word "and" or a comma is braced, so that it is not read as two names or a name split.
  const part = (t: string) => (/\band\b|,/i.test(t) ? `{${escapeLatex(t)}}` : escapeLatex(t));
  return authors.map((a) => (a.family ? (a.given ? `${part(a.family)}, ${part(a.given)}` : `{${escapeLatex(a.family)}}`) : `{${escapeLatex(a.name)}}`)).join(' and ');
}

/** The generated fields of a work not read from BibTeX. */
function generatedFields(work: Work): [string, string][] {
  const f: [string, string][] = [];
  f.push(['title', escapeLatex(work.title)]);
  const authors = authorField(work.authors);
  if (authors) f.push(['author', authors]);
  if (work.date) {
    f.push(['year', String(work.date.year)]);
    if (work.date.month !== undefined) f.push(['month', String(work.date.month)]);
    if (work.date.day !== undefined) f.push(['day', String(work.date.day)]);
  }
  if (work.venue) f.push([BIBTEX_TYPES[(work.type ?? '').toLowerCase()] === 'inproceedings' ? 'booktitle' : 'journal', escapeLatex(work.venue)]);
  if (work.abstract) f.push(['abstract', escapeLatex(work.abstract)]);
  const doi = work.identifiers.find((i) => i.startsWith('doi:'));
  if (doi) f.push(['doi', doi.slice(4)]);
  const ax = work.identifiers.find((i) => i.startsWith('arxiv:'));
  if (ax) {
    f.push(['eprint', ax.slice(6)]);
    f.push(['archiveprefix', 'arXiv']);
  }
  const urls = [...work.links];
  for (const id of work.identifiers) {
    if (id.startsWith('doi:') || id.startsWith('arxiv:')) continue;
    const link = linkForIdentifier(id);
    if (link && !urls.includes(link)) urls.push(link);
  }
  if (urls.length > 0) f.push(['url', urls.join(' ')]);
  return f;
}

/**
 * The works as a BibTeX file (imports.md "Writing back"). A work read from BibTeX keeps every field
 * as it was written (LaTeX and all), its entry type and citation key; other works get fields built
 * from the work (`title`, `author` as "Family, Given", `year`/`month`/`day`, `journal` or `booktitle`,
 * `doi`, `eprint` + `archiveprefix = arXiv`, `url`, `abstract`). In every entry, `keywords` is the
 * work's keywords with the extras added (`compute-divide:decision=include`, … see exportExtras.ts),
 * replacing those of an earlier export. Keys are made unique with a letter suffix.
 */
export function writeBibtex(works: readonly Work[], extras?: ExtrasById): string {
  const used = new Set<string>();
  const out: string[] = [];
  for (const work of works) {
    const fromBibtex = work.provenance[0]?.format === 'bibtex' && work.raw !== undefined;
    const type = fromBibtex ? (work.type ?? 'misc') : (BIBTEX_TYPES[(work.type ?? '').toLowerCase()] ?? 'misc');
    const fields: [string, string][] = fromBibtex ? Object.entries(work.raw!).filter(([name]) => !/^keywords?$/i.test(name)) : generatedFields(work);
    const keywords = [...work.keywords.filter((k) => !isExtrasKeyword(k)), ...extrasKeywords(extrasFor(extras, work.id))];
    if (keywords.length > 0) fields.push(['keywords', fromBibtex ? keywords.join(', ') : keywords.map(escapeLatex).join(', ')]);
    const body = fields.map(([name, value]) => `  ${name} = {${balanceBraces(value)}}`).join(',\n');
    out.push(`@${type}{${keyFor(work, used)},\n${body}\n}\n`);
  }
  return out.join('\n');
}

/** `value` with unbalanced braces escaped, so one bad field cannot swallow the next entries. */
function balanceBraces(value: string): string {
  let depth = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}' && --depth < 0) return escapeLatex(value.replace(/\\([{}])/g, '$1'));
  }
  return depth === 0 ? value : escapeLatex(value.replace(/\\([{}])/g, '$1'));
}
