/**
 * OpenAlex works (spec imports.md "Sources and formats"): a work object (`.json`, as the API gives
 * `/works/W…`; also an API list `{meta, results: […]}` or a JSON array of works) and works snapshot
 * shards (`.jsonl`, one work per line; a `.jsonl.gz` shard is gunzipped by the node layer first,
 * see `jsonUtil.isGzip`). Authors keep their raw affiliation strings and their institutions
 * (name, ROR id, OpenAlex id, type, country), which the sector resolvers use; the abstract is rebuilt
 * from `abstract_inverted_index`.
 */
import { normalizeArxiv, normalizeDoi, normalizeOpenAlexWork, normalizeRor } from './identifiers';
import type { Importer, ImportResult, ImportSource } from './importer';
import { arr, decodeUtf8, forEachJsonLine, obj, parseJsonDocument, str } from './jsonUtil';
import { repairWorkMojibake } from './mojibake';
import type { Author, ImportDiagnostic, Institution, Work } from './work';
import { buildWork, checkTitle, collapseWhitespace, isoDate } from './workBuild';

/** The OpenAlex entity kinds by the letter of their ids (`W…` works, `I…` institutions …). */
const ENTITY_KINDS: Record<string, string> = { W: 'works', I: 'institutions', A: 'authors', S: 'sources', P: 'publishers', F: 'funders', C: 'concepts', T: 'topics' };

/** The largest array index (2^32 - 2): a larger position was never a place in the words (a plain array ignores it). */
const MAX_POSITION = 4_294_967_294;

/**
 * The text of an OpenAlex `abstract_inverted_index` (`{ word: [positions…] }`): every word put at
 * each of its 0-based positions (the later claim of a position wins), joined by single spaces in
 * position order (positions nobody claims are skipped; a position past 2^32 - 2 is none). Returns
 * undefined for null, an empty index or anything not of that shape. Time linear in the claims, or
 * n log n when the positions are far sparser than the words (a hostile index: one word at position
 * four billion would otherwise be a four-billion-place walk).
 */
export function rebuildAbstract(index: unknown): string | undefined {
  if (!index || typeof index !== 'object' || Array.isArray(index)) return undefined;
  const inverted = index as Record<string, unknown>;
  const claimWords: string[] = [];
  const claimPositions: number[] = [];
  let last = -1;
  for (const word in inverted) {
    if (!Object.prototype.hasOwnProperty.call(inverted, word)) continue;
    const positions = inverted[word];
    if (!Array.isArray(positions)) continue;
    for (let i = 0; i < positions.length; i++) {
      const p: unknown = positions[i];
      if (typeof p === 'number' && Number.isInteger(p) && p >= 0 && p <= MAX_POSITION) {
        claimWords.push(word);
        claimPositions.push(p);
        if (p > last) last = p;
      }
    }
  }
  const kept: string[] = [];
  if (last < 4 * claimWords.length + 1024) {
    // Dense (every real abstract): the words at their places, holes skipped.
    const words: string[] = new Array<string>(last + 1);
    for (let i = 0; i < claimWords.length; i++) words[claimPositions[i]] = claimWords[i];
    for (let i = 0; i <= last; i++) if (words[i] !== undefined) kept.push(words[i]);
  } else {
    // Sparse: the claims sorted by position (a stable sort keeps the later claim of a position last).
    const order = claimWords.map((_, i) => i).sort((a, b) => claimPositions[a] - claimPositions[b]);
    for (let k = 0; k < order.length; k++) {
      const i = order[k];
      if (k + 1 < order.length && claimPositions[order[k + 1]] === claimPositions[i]) continue;
      kept.push(claimWords[i]);
    }
  }
  const text = kept.join(' ');
  return text ? text : undefined;
}

function institution(value: unknown): Institution | undefined {
  const i = obj(value);
  const name = str(i['display_name']);
  if (!name) return undefined;
  const out: Institution = { name: collapseWhitespace(name) };
  const ror = str(i['ror']) ? normalizeRor(i['ror'] as string) : undefined;
  if (ror) out.ror = ror;
  const id = /(?:^|\/)(I\d+)$/i.exec(str(i['id']) ?? '');
  if (id) out.openalex = id[1].toUpperCase();
  const type = str(i['type']);
  if (type) out.type = type.toLowerCase();
  const country = str(i['country_code']);
  if (country) out.country = country.toUpperCase();
  return out;
}

function authorship(value: unknown): Author {
  const a = obj(value);
  const name = str(obj(a['author'])['display_name']) ?? str(a['raw_author_name']) ?? '';
  const rawStrings = arr(a['raw_affiliation_strings']).map(str).filter((s): s is string => s !== undefined);
  const rawOne = str(a['raw_affiliation_string']);
  const affiliations = (rawStrings.length > 0 ? rawStrings : rawOne ? [rawOne] : []).map(collapseWhitespace);
  const institutions = arr(a['institutions']).map(institution).filter((i): i is Institution => i !== undefined);
  return { name: collapseWhitespace(name), affiliations, institutions };
}

/**
 * One OpenAlex work object as a `Work`: identifiers from `ids.doi`/`doi`, `ids.openalex`/`id`,
 * `ids.pmid`, and arXiv ids from the landing-page or PDF URLs of its locations; title (or
 * `display_name`), authors in `authorships` order, date from `publication_date` (else
 * `publication_year`), venue from `primary_location.source` (or the older `host_venue`),
 * abstract rebuilt, links (DOI, landing page, PDF), categories from `topics` then `concepts`
 * display names, keywords, the OpenAlex `type`. `line` is the JSON Lines line, when there is one.
 */
export function openAlexWork(value: unknown, source: ImportSource, index: number, line?: number): Work {
  const w = obj(value);
  const ids = obj(w['ids']);
  const identifiers: string[] = [];
  const doi = normalizeDoi(str(ids['doi']) ?? str(w['doi']) ?? '');
  if (doi) identifiers.push(`doi:${doi}`);
  const oa = normalizeOpenAlexWork(str(ids['openalex']) ?? str(w['id']) ?? '');
  if (oa) identifiers.push(`openalex:${oa}`);
  const pmid = /(\d+)\/?$/.exec(str(ids['pmid']) ?? '');
  if (pmid) identifiers.push(`pmid:${pmid[1]}`);
  const primary = obj(w['primary_location']);
  const links: string[] = [];
  if (doi) links.push(`https://doi.org/${doi}`);
  for (const loc of [primary, ...arr(w['locations']).map(obj)]) {
    for (const url of [str(loc['landing_page_url']), str(loc['pdf_url'])]) {
      if (!url) continue;
      const ax = normalizeArxiv(url);
      if (ax) identifiers.push(`arxiv:${ax}`);
      if (loc === primary) links.push(url);
    }
  }
  const keywords = arr(w['keywords'])
    .map((k) => (typeof k === 'string' ? k : (str(obj(k)['display_name']) ?? str(obj(k)['keyword']))))
    .filter((k): k is string => !!k);
  const categories = [...arr(w['topics']), ...arr(w['concepts'])].map((t) => str(obj(t)['display_name'])).filter((t): t is string => !!t);
  const venue = str(obj(primary['source'])['display_name']) ?? str(obj(w['host_venue'])['display_name']);
  const year = typeof w['publication_year'] === 'number' && Number.isInteger(w['publication_year']) && w['publication_year'] >= 1 && w['publication_year'] <= 9999 ? (w['publication_year']) : undefined;
  const date = isoDate(str(w['publication_date'])) ?? (year !== undefined ? { year } : undefined);
  const abstract = rebuildAbstract(w['abstract_inverted_index']);
  const type = str(w['type']);
  return buildWork({
    title: collapseWhitespace(str(w['title']) ?? str(w['display_name']) ?? ''),
    authors: arr(w['authorships']).map(authorship),
    ...(date ? { date } : {}),
    ...(venue ? { venue: collapseWhitespace(venue) } : {}),
    ...(abstract ? { abstract } : {}),
    ...(type ? { type } : {}),
    identifiers,
    links,
    keywords,
    categories,
    provenance: [{ source: source.name, format: 'openalex', ...(line === undefined ? {} : { line }), index }],
  });
}

/** The OpenAlex entity kind (`works`, `institutions`, …) of a record's `id`, or undefined. */
function entityKind(value: unknown): string | undefined {
  const m = /^(?:https?:\/\/openalex\.org\/)?([A-Z])\d+$/i.exec(str(obj(value)['id']) ?? '');
  return m ? ENTITY_KINDS[m[1].toUpperCase()] : undefined;
}

/**
 * What OpenAlex entities the first 64 KiB of a file hold: `works` (a work's `publication_year`,
 * `authorships`, `abstract_inverted_index` or `cited_by_api_url`), `institutions` (`works_api_url`
 * with `display_name_alternatives`, `associated_institutions` or `lineage` and `I…` ids), or
 * undefined when it is not OpenAlex JSON. The dispatcher uses it to say that an institutions
 * shard is institutions data, not works.
 */
export function openAlexEntities(head: string): 'works' | 'institutions' | undefined {
  if (!/^\s*[[{]/.test(head) || !/openalex\.org\//.test(head)) return undefined;
  if (/"works_api_url"\s*:/.test(head) && /openalex\.org\/I\d+/.test(head) && /"(display_name_alternatives|associated_institutions|lineage)"\s*:/.test(head)) return 'institutions';
  if (/openalex\.org\/W\d+/.test(head) && /"(publication_year|authorships|abstract_inverted_index|cited_by_api_url)"\s*:/.test(head)) return 'works';
  return undefined;
}

/**
 * One record of an OpenAlex file as a work pushed onto `works`, or a diagnostic: another OpenAlex
 * entity (`not-recognised`) or not a JSON object (`syntax`). `index` is the record's 0-based place in
 * the file, `line` its JSON Lines line.
 */
function readValue(value: unknown, index: number, line: number | undefined, source: ImportSource, works: Work[], diagnostics: ImportDiagnostic[]): void {
  const at = line ?? 1;
  const kind = entityKind(value);
  if (kind !== 'works' && kind !== undefined) {
    diagnostics.push({ kind: 'not-recognised', line: at, message: `record ${index + 1} is an OpenAlex ${kind.replace(/s$/, '')} (${str(obj(value)['id'])}), not a work: skipped` });
    return;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    diagnostics.push({ kind: 'syntax', line: at, message: `record ${index + 1} is not a JSON object: skipped`, raw: JSON.stringify(value)?.slice(0, 200) ?? '' });
    return;
  }
  const work = openAlexWork(value, source, index, line);
  const label = `work ${index + 1} (${work.id})`;
  repairWorkMojibake(work, { line: at, label }, diagnostics);
  checkTitle(work, at, label, diagnostics);
  works.push(work);
}

/** The records past the caller's cap are not read (`ImportSource.maxWorks`: one more, so it can say where they start). */
function recordCap(source: ImportSource): number {
  return source.maxWorks === undefined ? Infinity : source.maxWorks + 1;
}

/**
 * The OpenAlex works importer. `recognise` gives 0.9 (+0.05 for a `.json`/`.jsonl`/`.gz` name) to
 * OpenAlex works and 0 to other OpenAlex entities (an institutions shard is institutions data:
 * `openAlexEntities`). `read` takes a whole JSON document (one work, `{results: […]}`, or an array)
 * or JSON Lines (one work per line, `line` in provenance; a line that does not parse is one
 * `syntax` diagnostic and the others load). A damaged JSON document is salvaged as far as it goes
 * (`parseJsonDocument`), the cut work with a `partial-record` diagnostic. Records that are other
 * OpenAlex entities give `not-recognised` diagnostics, one for a whole file of them.
 */
export const openAlexImporter: Importer = {
  format: 'openalex',
  recognise(head: string, fileName: string): number {
    return openAlexEntities(head) === 'works' ? 0.9 + (/\.(json|jsonl|ndjson|gz)$/i.test(fileName) ? 0.05 : 0) : 0;
  },
  read(bytes: Uint8Array, source: ImportSource): ImportResult {
    const text = decodeUtf8(bytes);
    const diagnostics: ImportDiagnostic[] = [];
    if (openAlexEntities(text.slice(0, 65536)) === 'institutions') {
      diagnostics.push({ kind: 'not-recognised', line: 1, message: 'this file holds OpenAlex institutions, not works: it is institutions data (for affiliation matching), not literature' });
      return { format: 'openalex', works: [], diagnostics };
    }
    const nl = text.indexOf('\n');
    const firstLine = nl < 0 ? text : text.slice(0, nl);
    let jsonLines = false;
    let first: unknown;
    if (nl >= 0 && text.slice(nl).trim() && /^\s*\{/.test(firstLine)) {
      try {
        first = JSON.parse(firstLine) as unknown;
        jsonLines = true;
      } catch {
        // a pretty-printed document: read as one JSON value below
      }
    }
    const cap = recordCap(source);
    if (jsonLines) {
      // One line at a time: each parsed line is made a work before the next is parsed (the first,
      // parsed to tell JSON Lines from a document, is not parsed again).
      const works: Work[] = [];
      let index = 0;
      const visit = (value: unknown, line: number): boolean => {
        readValue(value, index++, line, source, works, diagnostics);
        return index < cap;
      };
      if (visit(first, 1)) forEachJsonLine(text, visit, diagnostics, { offset: nl + 1, line: 2 });
      return { format: 'openalex', works, diagnostics };
    }
    const doc = parseJsonDocument(text);
    if (doc.diagnostic) diagnostics.push(doc.diagnostic);
    const root = doc.value;
    let values: unknown[];
    if (Array.isArray(root)) values = root;
    else if (Array.isArray(obj(root)['results'])) values = obj(root)['results'] as unknown[];
    else values = [root];
    const single = !Array.isArray(root) && !Array.isArray(obj(root)['results']);
    const works: Work[] = [];
    values.slice(0, cap).forEach((value, index) => readValue(value, index, undefined, source, works, diagnostics));
    if (doc.diagnostic) {
      diagnostics.push({
        kind: 'partial-record',
        line: doc.diagnostic.line,
        message:
          single && works.length === 1
            ? `the work (${works[0].id}) is cut off by the syntax error; kept as far as it could be read`
            : `reading stopped at the syntax error after ${works.length} complete work(s); the work it cuts is not read`,
      });
    }
    return { format: 'openalex', works, diagnostics };
  },
};
