/**
 * RIS (imports.md "Sources and formats"): one work per `TY` … `ER` record. RIS is a line format
 * (`XX  - value`), so the reader is a small line scanner rather than a library: the maintained
 * parsers tried (`@citation-js/plugin-ris`, `astrocite-ris`) give no line numbers, stop at the first
 * bad record, and the second refuses the 6-space continuation lines of real EndNote files; the first
 * also brings a fetch polyfill into the bundle. What is read: continuation lines (any line that is
 * not a tag inside a record, joined with a space), `ER  - ` with or without the trailing space, a
 * record cut off without `ER` (kept, with a diagnostic), repeated tags (`AU`, `UR`, `KW`), authors
 * from `AU`/`A1` ("Family, Given"), the date from `PY`/`Y1`/`DA` (the most precise wins; `PY`'s year),
 * identifiers from `DO`, `UR`/`L1`–`L4`, `AN`/`M1` where they hold an arXiv id or DOI.
 *
 * Affiliations come from `AD` (author address) lines, each split at `;` into raw affiliation
 * strings (`affiliationsFromAddresses`). When a record has exactly as many `AD` lines as authors
 * (EndNote and Web of Science write one per author, in author order; an empty `AD  - ` keeps an
 * author without one in place), line i is author i's. Otherwise (one `AD` for the record, or a
 * Scopus-style list of distinct addresses) the file does not say who is where, and every author
 * gets every address of the record. That mapping was chosen because of the sector rule
 * (imports.md): it counts authors, an author being academic or industrial if *any* of their
 * institutions is; so every address on every author gives the team sector the addresses prove
 * (all academic → Academia, all industrial → Industry, both → Collaboration), while pinning them
 * on one author (the first) would claim a person's affiliation the file does not state. What it
 * cannot give is a leaning: with a and i both the number of authors, a collaboration read this way
 * is always `balanced`. The writer writes `AD` back one line per author, so a round trip keeps each
 * author's affiliations (a record read from RIS whose affiliations did not change keeps its `AD`
 * lines as read).
 *
 * Every address on every author is authors × addresses affiliations: a record of 5,000 authors and
 * 5,001 distinct addresses made 25 million (a minute and 3.5 GB to combine). So when the addresses
 * are not one per author, every author gets the record's first `MAX_SHARED_AFFILIATIONS` / authors
 * distinct addresses (at least one; file order), with a `too-large` diagnostic at the record's line
 * saying how many were left out. Records of up to 100 authors keep up to 1,000 addresses, so real
 * records (a few dozen addresses) are untouched; the `AD` lines are all kept in the work's raw
 * fields and written back on RIS export.
 */
import { extrasFor, extrasKeywords, extrasNote, isExtrasKeyword, isExtrasNote, type ExtrasById } from './exportExtras';
import { identifiersInLink, linkForIdentifier } from './identifierLinks';
import { identifiersInText, normalizeDoi, orderIdentifiers, workId } from './identifiers';
import type { ImportResult, ImportSource, Importer } from './importer';
import { collapseWhitespace, datePrecision, decodeUtf8WithoutBom, diagnostic, isOthersPlaceholder, parseDateText } from './textUtil';
import type { Author, ImportDiagnostic, Work, WorkDate } from './work';

const TAG_LINE = /^([A-Z][A-Z0-9]) {2}-(?: (.*))?$/;

/** One record as scanned: its start line and its tags in order, with the value of each occurrence. */
interface RisRecord {
  line: number;
  tags: [string, string][];
}

/** The `Importer` for RIS files. */
export const risImporter: Importer = {
  format: 'ris',
  recognise: recogniseRis,
  read: readRis,
};

/** 0.95 when a line of `head` is `TY  - …`, 0.3 when only other RIS tag lines appear, else 0; `.ris` adds 0.05. */
export function recogniseRis(head: string, fileName: string): number {
  let score = 0;
  // Lines end at \r or \n only (a JavaScript `^` with the m flag also starts a line after U+2028,
  // which a JSON string may hold: a CSL-JSON title with "\u2028TY  - " is not RIS).
  if (/(?:^|[\r\n])TY {2}- ?\S/.test(head)) score = 0.95;
  else if (/(?:^|[\r\n])[A-Z][A-Z0-9] {2}- /.test(head) && /(?:^|[\r\n])ER {2}-/.test(head)) score = 0.3;
  if (score > 0 && /\.ris$/i.test(fileName)) score += 0.05;
  return score;
}

/**
 * Every `TY` … `ER` record of a RIS file as a work, in file order, with diagnostics (line, kind)
 * for tag lines outside a record, a `TY` inside an unfinished record, and a record without `ER`
 * at the end of the file (each such record is kept). Never throws for bad content.
 */
export function readRis(bytes: Uint8Array, source: ImportSource): ImportResult {
  const text = decodeUtf8WithoutBom(bytes);
  const lines = text.split(/\r\n|\r|\n/);
  const diagnostics: ImportDiagnostic[] = [];
  const records: RisRecord[] = [];
  let current: RisRecord | undefined;
  let last: [string, string] | undefined;
  for (let i = 0; i < lines.length; i++) {
    const lineText = lines[i];
    const lineNo = i + 1;
    const m = TAG_LINE.exec(lineText.replace(/\s+$/, (s) => (/^ER {2}-/.test(lineText) ? '' : s)));
    if (!m) {
      if (current && last && lineText.trim() !== '') {
        last[1] = last[1] === '' ? lineText.trim() : `${last[1]} ${lineText.trim()}`;
      } else if (!current && lineText.trim() !== '') {
        diagnostics.push(diagnostic({ kind: 'syntax', line: lineNo, column: 1, message: `${source.name}:${lineNo}: text outside a TY … ER record is ignored.`, raw: lineText }));
      }
      continue;
    }
    const tag = m[1];
    const value = (m[2] ?? '').trim();
    if (tag === 'TY') {
      if (current) {
        diagnostics.push({ kind: 'partial-record', line: current.line, message: `${source.name}:${current.line}: this record has no ER line before the next TY (line ${lineNo}); it is kept.` });
        records.push(current);
      }
      current = { line: lineNo, tags: [] };
      last = ['TY', value];
      current.tags.push(last);
      continue;
    }
    if (!current) {
      diagnostics.push(diagnostic({ kind: 'syntax', line: lineNo, column: 1, message: `${source.name}:${lineNo}: a ${tag} line outside a TY … ER record is ignored.`, raw: lineText }));
      continue;
    }
    if (tag === 'ER') {
      records.push(current);
      current = undefined;
      last = undefined;
      continue;
    }
    last = [tag, value];
    current.tags.push(last);
  }
  if (current) {
    diagnostics.push({ kind: 'partial-record', line: current.line, message: `${source.name}:${current.line}: the file ends inside this record (no ER line); what was read of it is kept.` });
    records.push(current);
  }
  // Records past the caller's cap are not made works (`ImportSource.maxWorks`: one more, so it can say where they start).
  const kept = source.maxWorks === undefined ? records : records.slice(0, source.maxWorks + 1);
  const works = kept.map((r, index) => toWork(r, index, source, diagnostics));
  return { format: 'ris', works, diagnostics };
}

function values(record: RisRecord, ...tags: string[]): string[] {
  return record.tags.filter(([t, v]) => tags.includes(t) && v !== '').map(([, v]) => v);
}

function toAuthor(text: string): Author | undefined {
  const n = collapseWhitespace(text);
  if (!n || isOthersPlaceholder(n)) return undefined;
  const comma = n.indexOf(',');
  if (comma < 0) return { name: n, affiliations: [], institutions: [] };
  const family = n.slice(0, comma).trim();
  // "Family, Given, Suffix" (RIS): the suffix goes after the name.
  const rest = n.slice(comma + 1).split(',').map((s) => s.trim()).filter(Boolean);
  const given = rest[0];
  const name = collapseWhitespace([given, family, rest[1]].filter(Boolean).join(' '));
  return { name, family, ...(given ? { given } : {}), affiliations: [], institutions: [] };
}

/** One `AD` value as raw affiliation strings: split at `;`, white space collapsed, empty parts left out. */
function addressParts(value: string): string[] {
  return value.split(';').map(collapseWhitespace).filter((s) => s !== '');
}

/**
 * The raw affiliation strings of each of `authorCount` authors from a record's `AD` values, in
 * file order, empty values included (see the module comment for why): as many values as authors →
 * value i split at `;` is author i's; otherwise every author gets all the record's addresses
 * (each value split at `;`, duplicates once, in order; the first `MAX_SHARED_AFFILIATIONS` /
 * authors of them, at least one). Returns `authorCount` arrays (fresh ones: an author's list may be
 * changed without touching another's).
 *
 * @param addresses the `AD` values as read (continuation lines already joined)
 * @param authorCount the number of authors the record has (`AU`/`A1`, placeholders left out)
 */
export function affiliationsFromAddresses(addresses: readonly string[], authorCount: number): string[][] {
  if (addresses.length === authorCount) return addresses.map(addressParts);
  const kept = distinctAddresses(addresses).slice(0, sharedAddressLimit(authorCount));
  return Array.from({ length: authorCount }, () => [...kept]);
}

/** The most author-address pairs one record's shared addresses make (see the module comment). */
export const MAX_SHARED_AFFILIATIONS = 100_000;

/** How many of a record's shared addresses every one of `authorCount` authors gets: `MAX_SHARED_AFFILIATIONS` / authors, at least 1. */
function sharedAddressLimit(authorCount: number): number {
  return Math.max(1, Math.floor(MAX_SHARED_AFFILIATIONS / Math.max(1, authorCount)));
}

/** The record's addresses, each value split at `;`, duplicates once, in file order. */
function distinctAddresses(addresses: readonly string[]): string[] {
  return [...new Set(addresses.flatMap(addressParts))];
}

/**
 * The `AD` values to write for a work: a work read from RIS whose authors' affiliations are still
 * what its `AD` lines give keeps those lines as read; otherwise one value per author (its
 * affiliations joined by `; `, empty for an author without one), or none when no author has any.
 */
function addressLines(work: Work, fromRis: boolean): string[] {
  const read = fromRis && work.raw!.AD !== undefined ? work.raw!.AD.split('\n') : undefined;
  if (read) {
    const mapped = affiliationsFromAddresses(read, work.authors.length);
    if (mapped.every((list, i) => list.length === work.authors[i].affiliations.length && list.every((a, j) => a === work.authors[i].affiliations[j]))) return read;
  }
  if (work.authors.every((a) => a.affiliations.length === 0)) return [];
  return work.authors.map((a) => a.affiliations.join('; '));
}

function toDate(record: RisRecord, source: ImportSource, diagnostics: ImportDiagnostic[]): WorkDate | undefined {
  let best: WorkDate | undefined;
  for (const tag of ['PY', 'Y1', 'DA']) {
    for (const v of values(record, tag)) {
      const d = parseDateText(v);
      if (!d) {
        diagnostics.push(diagnostic({ kind: 'bad-date', line: record.line, message: `${source.name}:${record.line}: ${tag} "${v}" is not a date.`, raw: v }));
        continue;
      }
      if (!best) best = d;
      else if (d.year === best.year && datePrecision(d) > datePrecision(best)) best = d;
    }
  }
  return best;
}

function toWork(record: RisRecord, index: number, source: ImportSource, diagnostics: ImportDiagnostic[]): Work {
  const ids: string[] = [];
  for (const v of values(record, 'DO')) {
    const doi = normalizeDoi(v);
    if (doi) ids.push(`doi:${doi}`);
    else diagnostics.push(diagnostic({ kind: 'bad-identifier', line: record.line, message: `${source.name}:${record.line}: DO "${v}" is not a DOI.`, raw: v }));
  }
  const links: string[] = [];
  for (const v of values(record, 'UR', 'L1', 'L2', 'L3', 'L4', 'LK')) {
    for (const u of v.split(/\s+/).filter(Boolean)) {
      links.push(u);
      ids.push(...identifiersInLink(u));
    }
  }
  for (const v of values(record, 'AN', 'M1', 'M3', 'J2', 'T2', 'JO')) {
    if (/arxiv|^10\.\d/i.test(v)) ids.push(...identifiersInText(v));
  }
  const title = collapseWhitespace(values(record, 'TI', 'T1', 'CT')[0] ?? (['BOOK', 'EBOOK'].includes(values(record, 'TY')[0] ?? '') ? (values(record, 'BT')[0] ?? '') : ''));
  if (!title) diagnostics.push({ kind: 'missing-title', line: record.line, message: `${source.name}:${record.line}: this record has no TI/T1 title; it is kept.` });
  const authors = values(record, 'AU', 'A1').map(toAuthor).filter((a): a is Author => a !== undefined);
  const addresses = record.tags.filter(([t]) => t === 'AD').map(([, v]) => v);
  affiliationsFromAddresses(addresses, authors.length).forEach((affiliations, i) => (authors[i].affiliations = affiliations));
  if (addresses.length !== authors.length && authors.length > 0) {
    const distinct = distinctAddresses(addresses).length;
    const limit = sharedAddressLimit(authors.length);
    if (distinct > limit) {
      const n = (x: number): string => x.toLocaleString('en-US');
      diagnostics.push({ kind: 'too-large', line: record.line, message: `${source.name}:${record.line}: this record has ${n(authors.length)} authors and ${n(distinct)} distinct addresses (AD), not one per author; every author is given the first ${n(limit)} (at most ${n(MAX_SHARED_AFFILIATIONS)} author-address pairs a record), the other ${n(distinct - limit)} are not read as affiliations (its AD lines are kept and written back to RIS).` });
    }
  }
  const venue = values(record, 'T2', 'JF', 'JO', 'JA', 'J2', 'BT', 'SE').map(collapseWhitespace).find(Boolean);
  const abstract = values(record, 'AB', 'N2').map(collapseWhitespace).find(Boolean);
  const keywords = values(record, 'KW').flatMap((k) => k.split(/\s*;\s*/)).map(collapseWhitespace).filter(Boolean);
  const date = toDate(record, source, diagnostics);
  const raw: Record<string, string> = {};
  for (const [tag, v] of record.tags) raw[tag] = raw[tag] === undefined ? v : `${raw[tag]}\n${v}`;
  const key = values(record, 'ID')[0];
  const work: Work = {
    id: '',
    title,
    authors,
    ...(date ? { date } : {}),
    ...(venue ? { venue } : {}),
    ...(abstract ? { abstract } : {}),
    identifiers: orderIdentifiers(ids),
    links: [...new Set(links)],
    keywords,
    categories: [],
    ...(values(record, 'TY')[0] ? { type: values(record, 'TY')[0] } : {}),
    provenance: [{ source: source.name, format: 'ris', line: record.line, index, ...(key ? { key } : {}) }],
    raw,
  };
  work.id = workId(work);
  return work;
}

// ---------------------------------------------------------------------------------------------
// Writing

const RIS_TYPES: Record<string, string> = {
  article: 'JOUR',
  'article-journal': 'JOUR',
  'article-magazine': 'MGZN',
  'article-newspaper': 'NEWS',
  inproceedings: 'CPAPER',
  conference: 'CPAPER',
  'paper-conference': 'CPAPER',
  book: 'BOOK',
  incollection: 'CHAP',
  inbook: 'CHAP',
  chapter: 'CHAP',
  techreport: 'RPRT',
  report: 'RPRT',
  phdthesis: 'THES',
  mastersthesis: 'THES',
  thesis: 'THES',
  misc: 'GEN',
  preprint: 'GEN',
};

/** Tags the writer builds from the work itself (for a work read from RIS, the others are kept as read). */
const BUILT_TAGS = new Set(['TY', 'TI', 'T1', 'AU', 'A1', 'AD', 'PY', 'Y1', 'DA', 'AB', 'N2', 'DO', 'UR', 'KW', 'N1', 'ID', 'ER']);

function line(tag: string, value: string): string {
  return `${tag}  - ${value.replace(/\s*[\r\n]+\s*/g, ' ')}`;
}

/**
 * The works as a RIS file (imports.md "Writing back"), records separated by a blank line, each
 * ending `ER  - `. Built from the work: `TY` (the RIS type read, or mapped from the BibTeX/CSL type,
 * `GEN` otherwise), `TI`, `AU` ("Family, Given"), `AD` (one per author, its affiliations joined by
 * `; `, when any author has one; a record read from RIS with unchanged affiliations keeps its `AD`
 * lines as read), `PY`, `DA` (`YYYY/MM/DD/`), `T2` (venue), `AB`,
 * `DO`, `UR` (links, then landing pages of identifiers not otherwise written: arXiv, OpenAlex, S2,
 * PubMed), `KW` (keywords, then `compute-divide:decision=…`, `…team-sector=…`, `…leaning=…`),
 * `N1` (the notes read, then one `Compute Divide: decision=…; team-sector=…` line), `ID` (citation key).
 * A work read from RIS also keeps every other tag as read (`VL`, `SP`, `SN`, `PB`, …).
 */
export function writeRis(works: readonly Work[], extras?: ExtrasById): string {
  const out: string[] = [];
  for (const work of works) {
    const fromRis = work.provenance[0]?.format === 'ris' && work.raw !== undefined;
    const x = extrasFor(extras, work.id);
    const lines: string[] = [];
    const type = fromRis ? (work.type ?? 'GEN') : (RIS_TYPES[(work.type ?? '').toLowerCase()] ?? 'GEN');
    lines.push(line('TY', type));
    lines.push(line('TI', work.title));
    for (const a of work.authors) lines.push(line('AU', a.family ? (a.given ? `${a.family}, ${a.given}` : a.family) : a.name));
    for (const address of addressLines(work, fromRis)) lines.push(line('AD', address));
    if (work.date) {
      lines.push(line('PY', String(work.date.year)));
      const p = (n: number | undefined) => (n === undefined ? '' : String(n).padStart(2, '0'));
      if (work.date.month !== undefined) lines.push(line('DA', `${work.date.year}/${p(work.date.month)}/${p(work.date.day)}/`));
    }
    if (fromRis) {
      for (const [tag, value] of Object.entries(work.raw!)) {
        if (BUILT_TAGS.has(tag)) continue;
        for (const v of value.split('\n')) lines.push(line(tag, v));
      }
    } else if (work.venue) lines.push(line('T2', work.venue));
    if (work.abstract) lines.push(line('AB', work.abstract));
    const doi = work.identifiers.find((i) => i.startsWith('doi:'));
    if (doi) lines.push(line('DO', doi.slice(4)));
    const urls = [...work.links];
    for (const id of work.identifiers) {
      if (id === doi) continue;
      const link = linkForIdentifier(id);
      if (link && !urls.some((u) => identifiersInLink(u).includes(id))) urls.push(link);
    }
    for (const u of urls) lines.push(line('UR', u));
    for (const k of [...work.keywords.filter((kw) => !isExtrasKeyword(kw)), ...extrasKeywords(x)]) lines.push(line('KW', k));
    const notes = fromRis && work.raw!.N1 !== undefined ? work.raw!.N1.split('\n').filter((n) => n !== '' && !isExtrasNote(n)) : [];
    const note = extrasNote(x);
    for (const n of note ? [...notes, note] : notes) lines.push(line('N1', n));
    const key = work.provenance[0]?.key;
    if (key) lines.push(line('ID', key));
    lines.push('ER  - ');
    out.push(lines.join('\n'));
  }
  return out.length === 0 ? '' : `${out.join('\n\n')}\n`;
}
