import Fuse, { type IFuseOptions } from 'fuse.js';

/**
 * One searchable paper (a row of the models table): `id` is the paper id as
 * `shared/spec/sector-and-dataset.md` defines it, `name` the display name, `organizations` the
 * row's organizations one per element, `authors` the raw authors cell (names separated by commas
 * or semicolons, as in Epoch AI's `Authors` column). Empty strings are allowed everywhere.
 */
export interface SearchDoc {
  id: string;
  name: string;
  organizations: readonly string[];
  authors: string;
}

/**
 * One result of {@link PaperSearchIndex.search}: the paper's `id`, its fuse.js `score` (0 =
 * perfect, 1 = worst) and the field whose value gave that score.
 */
export interface SearchHit {
  id: string;
  score: number;
  matchedField: 'name' | 'organizations' | 'authors';
}

type Field = SearchHit['matchedField'];

/** Field by rank: the order doubles as the tie-break priority (name before organizations before authors). */
const FIELDS: readonly Field[] = ['name', 'organizations', 'authors'];

/**
 * fuse.js key weights (normalised by fuse.js to sum to 1): name over organizations over authors,
 * as the Find Paper brief ranks them; 3 : 2 : 1 is this module's choice. fuse.js turns a value's
 * match score s into s^(weight × field-norm), so a heavier key pulls matches further towards 0.
 */
const FIELD_WEIGHTS: Readonly<Record<Field, number>> = { name: 3, organizations: 2, authors: 1 };

/**
 * fuse.js's Bitap costs about 1–2 µs per query character per candidate value (measured on
 * `br-19`), so the candidates get a budget of query characters: 2,000 for a ten-letter word,
 * about 330 for a 60-character title. A longer query has more trigrams, so a sharper prefilter.
 */
const CANDIDATE_CHAR_BUDGET = 20_000;
const MAX_CANDIDATES = 2000;
const MIN_CANDIDATES = 200;
/** Candidates per requested hit at least, so that a large `limit` still finds enough papers. */
const CANDIDATES_PER_HIT = 4;
/** Longer queries are cut here: typed queries never get close; pasted text would only cost time. */
const MAX_QUERY_CHARS = 128;
/**
 * fuse.js threshold over folded text with `ignoreLocation`, i.e. the largest accepted share of
 * edit errors in the query: 0.4 keeps two typos in a ten-letter word ("tranformer",
 * "alphafod") and drops the long tail of chance matches that fuse.js's default 0.6 lets in.
 */
const FUSE_THRESHOLD = 0.4;

/** Letters with a stroke or other mark that Unicode does not decompose (fuse.js v7's `ignoreDiacritics` table). */
const UNDECOMPOSABLE_LETTERS: Readonly<Record<string, string>> = {
  ł: 'l', đ: 'd', ø: 'o', ħ: 'h', ŧ: 't', ı: 'i', ß: 'ss',
};
const UNDECOMPOSABLE_RE = /[łđøħŧıß]/g;
const COMBINING_MARKS_RE = /\p{M}+/gu;
/** Soft hyphen, zero-width space/joiners, word joiner and BOM: invisible, yet present in Epoch's exports. */
const INVISIBLE_RE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;
/** JavaScript's `\s` (all Unicode space separators, tabs, line breaks) plus NEL, which it omits. */
const WHITE_SPACE_RE = /[\s\u0085]+/g;
/** Anything but printable ASCII, a double space, or a space at either end. */
const NEEDS_FULL_FOLD_RE = /[^\x20-\x7e]|^ | $| {2}/;

/**
 * Folds text for search, identically for the index and the query: Unicode NFKD (so `ＧＰＴ`,
 * `ﬁ` and `²` become `GPT`, `fi`, `2`), combining marks removed (`Montréal` → `Montreal`,
 * `Zürich` → `Zurich`), lower case, the few letters that NFKD leaves marked mapped as fuse.js's
 * `ignoreDiacritics` maps them (`ł`→`l`, `ø`→`o`, `ß`→`ss`, …), invisible format characters
 * dropped, and every run of white space (including no-break and other Unicode spaces, tabs and
 * line breaks) made one space, trimmed at both ends. Returns '' for blank text; never throws.
 * The rule is the brief for Find Paper; the white-space part matches the paper-name rule of
 * `shared/spec/sector-and-dataset.md` ("Names and paper ids").
 */
export function foldForSearch(text: string): string {
  // Most names are plain ASCII with single spaces; they need lower-casing only (~10× faster).
  if (!NEEDS_FULL_FOLD_RE.test(text)) return text.toLowerCase();
  return text
    .normalize('NFKD')
    .replace(COMBINING_MARKS_RE, '')
    .toLowerCase()
    .replace(UNDECOMPOSABLE_RE, (letter) => UNDECOMPOSABLE_LETTERS[letter] ?? letter)
    .replace(INVISIBLE_RE, '')
    .replace(WHITE_SPACE_RE, ' ')
    .trim();
}

/** The record shape given to fuse.js: exactly one key is set, so fuse.js weighs it by its field. */
type FuseRecord = { readonly [K in Field]?: string };

const FUSE_OPTIONS: IFuseOptions<FuseRecord> = {
  keys: FIELDS.map((name) => ({ name, weight: FIELD_WEIGHTS[name] })),
  includeScore: true,
  // Both sides are folded already: this skips fuse.js's per-comparison lower-casing.
  isCaseSensitive: true,
  ignoreDiacritics: false,
  // Words of interest sit anywhere in a title; prefix preference is applied as a rank tier instead.
  ignoreLocation: true,
  threshold: FUSE_THRESHOLD,
};

/**
 * Fuzzy search over papers by name, organization and author, fast enough to run on every
 * keystroke of a QuickPick at 100,000 papers.
 *
 * fuse.js alone runs its Bitap matcher over every record: 1–15 s per query at 100,000 rows
 * (field case `br-19`). So the index keeps each distinct value once per field (a name, an
 * organization, an author; folded by {@link foldForSearch}), with the papers that hold it, in a
 * trigram inverted index built once. A query takes the values that share the most trigrams with
 * it (ties: name before organization before author, then fewer words, as fuse.js's weights and
 * field-length norm prefer), 200 to 2,000 of them depending on the query's length, and only
 * those are scored by fuse.js. Queries of one or two characters have no trigram; they scan the
 * values for exact, prefix, word-prefix and substring matches instead.
 *
 * Each value is scored alone: a fuse.js record with many values (all of a paper's authors)
 * multiplies their scores, which ranks a paper with several near-miss authors above the one that
 * has the exact author. A paper ranks by its best value. Order: papers whose name equals the
 * query, then those whose name starts with it as whole words ("GPT-4 (Mar 2023)"), then inside
 * a word ("GPT-4o"), then the rest; within each tier by fuse.js score, ties going to the value
 * with more trigrams in common with the query, then to the shorter one.
 * Memory is about four bytes per distinct (value, trigram) pair plus the folded values: ~50 MB at
 * 100,000 papers of the `br-19` shape (7 M pairs), about 2 MB for Epoch's real tables.
 */
export class PaperSearchIndex {
  /** Number of papers indexed. */
  readonly size: number;

  private readonly ids: readonly string[];
  /** Distinct folded values per field, names first, then organizations, then authors. */
  private readonly valueText: readonly string[];
  private readonly valueField: Uint8Array;
  /** The papers holding value v are `valueDocs[valueDocStart[v] … valueDocStart[v + 1])`, in table order. */
  private readonly valueDocStart: Int32Array;
  private readonly valueDocs: Int32Array;
  private readonly trigrams: TrigramIndex;

  /**
   * Indexes `docs` (linear in their text: ~0.1 s for Epoch's 2,000-row tables, ~1 s for the
   * 100,000 `br-19` papers, mostly spent de-duplicating authors). Nothing of `docs`
   * is kept but the ids, so later changes to the docs are not seen: build a new index for a new
   * dataset. Ids are not checked for uniqueness; each doc yields at most one hit. Throws nothing
   * for well-typed input.
   */
  constructor(docs: readonly SearchDoc[]) {
    this.size = docs.length;
    this.ids = docs.map((doc) => doc.id);
    const text: string[] = [];
    const field: number[] = [];
    const pairValue: number[] = [];
    const pairDoc: number[] = [];
    const collect = (fieldRank: number, valuesOf: (doc: SearchDoc) => readonly string[]): void => {
      const valueOf = new Map<string, number>();
      docs.forEach((doc, d) => {
        for (const raw of valuesOf(doc)) {
          const folded = foldForSearch(raw);
          if (folded === '') continue;
          let value = valueOf.get(folded);
          if (value === undefined) {
            value = text.push(folded) - 1;
            field.push(fieldRank);
            valueOf.set(folded, value);
          }
          // Skips a repeat in a row (`Google,Google`); other repeats only cost a little space.
          if (!(pairValue[pairValue.length - 1] === value && pairDoc[pairDoc.length - 1] === d)) {
            pairValue.push(value);
            pairDoc.push(d);
          }
        }
      });
    };
    collect(0, (doc) => [doc.name]);
    collect(1, (doc) => doc.organizations);
    collect(2, (doc) => splitAuthors(doc.authors));
    this.valueText = text;
    this.valueField = Uint8Array.from(field);
    this.valueDocStart = new Int32Array(text.length + 1);
    for (const value of pairValue) this.valueDocStart[value + 1]++;
    for (let v = 1; v <= text.length; v++) {
      this.valueDocStart[v] += this.valueDocStart[v - 1];
    }
    this.valueDocs = new Int32Array(pairDoc.length);
    const cursor = this.valueDocStart.slice(0, -1);
    pairValue.forEach((value, i) => {
      this.valueDocs[cursor[value]++] = pairDoc[i];
    });
    this.trigrams = new TrigramIndex(text, this.valueField);
  }

  /**
   * Returns the papers matching `query`, best first, at most `limit` (default 50) hits, each
   * paper once. A blank query (after {@link foldForSearch}) returns []; so does a query nothing
   * resembles. Queries longer than 128 folded characters are cut to 128. Throws a RangeError when
   * `limit` is not a non-negative integer.
   */
  search(query: string, limit = 50): SearchHit[] {
    if (!Number.isInteger(limit) || limit < 0) {
      throw new RangeError(`search limit must be a non-negative integer, got ${String(limit)}`);
    }
    const folded = foldForSearch(query).slice(0, MAX_QUERY_CHARS).trimEnd();
    if (folded === '' || limit === 0 || this.valueText.length === 0) return [];
    const wanted = Math.max(limit * CANDIDATES_PER_HIT, Math.min(MAX_CANDIDATES,
      Math.max(MIN_CANDIDATES, Math.round(CANDIDATE_CHAR_BUDGET / folded.length))));
    const candidates = folded.length < 3
      ? this.trigrams.scanShort(folded, wanted, this.valueField)
      : this.trigrams.query(folded, wanted);
    return this.rank(folded, candidates, limit);
  }

  /** Scores candidate values with fuse.js, orders them by name tier and score, expands them to papers. */
  private rank(folded: string, { values, levels }: Candidates, limit: number): SearchHit[] {
    const records = Array.from(values, (value): FuseRecord => (
      { [this.fieldOf(value)]: this.valueText[value] }
    ));
    const scored = new Fuse(records, FUSE_OPTIONS).search(folded).map((result) => {
      const value = values[result.refIndex];
      const text = this.valueText[value];
      const tier = this.valueField[value] === 0 ? nameTier(text, folded) : 3;
      return { value, tier, score: result.score ?? 1, level: levels[result.refIndex], length: text.length };
    });
    // fuse.js ties ("alphafod": AlphaCode and AlphaFold are one edit away) go to more shared
    // trigrams (AlphaFold), then to the shorter value.
    scored.sort((a, b) => a.tier - b.tier || a.score - b.score || b.level - a.level || a.length - b.length
      || this.valueField[a.value] - this.valueField[b.value] || a.value - b.value);
    const hits: SearchHit[] = [];
    const seen = new Set<number>();
    for (const { value, score } of scored) {
      const end = this.valueDocStart[value + 1];
      for (let i = this.valueDocStart[value]; i < end; i++) {
        const doc = this.valueDocs[i];
        if (seen.has(doc)) continue;
        seen.add(doc);
        hits.push({ id: this.ids[doc], score, matchedField: this.fieldOf(value) });
        if (hits.length === limit) return hits;
      }
    }
    return hits;
  }

  private fieldOf(value: number): Field {
    return FIELDS[this.valueField[value]];
  }
}

/** A value that continues a word: letters, digits, and `.` (so "GPT-4" does not prefix "GPT-4.5" as a word). */
const WORD_CONTINUES_RE = /[\p{L}\p{N}.]/u;

/**
 * Rank tier of a name for a query, both folded: 0 equal, 1 starts with the query as whole words
 * ("GPT-4 (Mar 2023)", "BERT-Large"), 2 starts with it inside a word ("GPT-4o"), 3 otherwise.
 */
function nameTier(name: string, query: string): number {
  if (!name.startsWith(query)) return 3;
  if (name.length === query.length) return 0;
  return WORD_CONTINUES_RE.test(name.charAt(query.length)) ? 2 : 1;
}

/** Epoch AI's `Authors` cells separate names with commas; semicolons and line breaks occur in other exports. */
function splitAuthors(authors: string): string[] {
  return authors.split(/\s*[,;\n]\s*/);
}

/** Candidate values for fuse.js, each with its prefilter level (shared trigrams, or match class for short queries). */
interface Candidates {
  values: Int32Array;
  levels: Uint8Array;
}

/**
 * Trigram postings over folded values, with hashed gram keys in compressed-sparse-row arrays:
 * two passes over the text, no per-gram strings or maps. A hash collision can only add a
 * candidate, never change a score, because fuse.js re-scores every candidate from its text.
 */
class TrigramIndex {
  private readonly mask: number;
  private readonly offsets: Int32Array;
  private readonly postings: Int32Array;
  /**
   * Tie-break key per entry, smaller first: field rank, then words (capped at 63), then length
   * (capped at 255). Fewer words first mirrors fuse.js's field-length norm, 1/√words.
   */
  private readonly tieKeys: Uint16Array;
  /** Per-entry scratch for one query (shared trigrams or match class); zero between queries. */
  private readonly level: Uint8Array;
  private readonly touched: Int32Array;

  constructor(private readonly texts: readonly string[], fields: Uint8Array) {
    let totalChars = 0;
    for (const text of texts) totalChars += text.length;
    const bits = Math.min(18, Math.max(10, Math.ceil(Math.log2(totalChars + 1)) - 3));
    this.mask = (1 << bits) - 1;
    // Two passes (count, then fill) over each entry's distinct buckets; `lastEntry` dedupes.
    const lastEntry = new Int32Array(this.mask + 1).fill(-1);
    const counts = new Int32Array(this.mask + 2);
    let grams = new Int32Array(256);
    const bucketsOf = (text: string): number => {
      if (grams.length < text.length) grams = new Int32Array(text.length * 2);
      return trigramBuckets(text, this.mask, grams);
    };
    texts.forEach((text, entry) => {
      for (let g = 0, n = bucketsOf(text); g < n; g++) {
        const bucket = grams[g];
        if (lastEntry[bucket] !== entry) {
          lastEntry[bucket] = entry;
          counts[bucket + 1]++;
        }
      }
    });
    for (let b = 1; b < counts.length; b++) counts[b] += counts[b - 1];
    this.offsets = counts;
    const postings = new Int32Array(counts[counts.length - 1]);
    const cursor = counts.slice(0, -1);
    lastEntry.fill(-1);
    texts.forEach((text, entry) => {
      for (let g = 0, n = bucketsOf(text); g < n; g++) {
        const bucket = grams[g];
        if (lastEntry[bucket] !== entry) {
          lastEntry[bucket] = entry;
          postings[cursor[bucket]++] = entry;
        }
      }
    });
    this.postings = postings;
    this.tieKeys = Uint16Array.from(texts, (text, entry) =>
      (fields[entry] << 14) | (Math.min(countWords(text), 63) << 8) | Math.min(text.length, 255));
    this.level = new Uint8Array(texts.length);
    this.touched = new Int32Array(texts.length);
  }

  /** The entries sharing the most distinct trigrams with `folded` (≥ 3 chars), at most `wanted`. */
  query(folded: string, wanted: number): Candidates {
    const grams = new Int32Array(folded.length);
    const buckets = new Set(grams.subarray(0, trigramBuckets(folded, this.mask, grams)));
    const { offsets, postings, level, touched } = this;
    let count = 0;
    for (const bucket of buckets) {
      const end = offsets[bucket + 1];
      for (let p = offsets[bucket]; p < end; p++) {
        const entry = postings[p];
        const before = level[entry];
        if (before === 0) touched[count++] = entry;
        level[entry] = before + 1;
      }
    }
    return this.selectBest(count, buckets.size, wanted);
  }

  /**
   * For one- and two-character queries, which have no trigram: exact > prefix > word prefix >
   * substring, at most `wanted`. Entries are in field order, so once the names alone give
   * `wanted` word-prefix matches the organizations and authors are not scanned (a single letter
   * matches most of them, and name matches outrank them in the end anyway).
   */
  scanShort(folded: string, wanted: number, fields: Uint8Array): Candidates {
    const { texts, level, touched } = this;
    const wordStart = ` ${folded}`;
    let count = 0;
    let strong = 0;
    for (let entry = 0; entry < texts.length; entry++) {
      if (strong >= wanted && fields[entry] !== fields[entry - 1]) break;
      const text = texts[entry];
      const at = text.indexOf(folded);
      if (at < 0) continue;
      const entryLevel = at === 0 ? (text.length === folded.length ? 4 : 3)
        : text.charCodeAt(at - 1) === 32 || text.includes(wordStart, at) ? 2 : 1;
      level[entry] = entryLevel;
      touched[count++] = entry;
      if (entryLevel >= 2) strong++;
    }
    return this.selectBest(count, 4, wanted);
  }

  /**
   * Picks up to `wanted` of the first `count` touched entries, highest level (1…maxLevel)
   * first; among equal levels, by tie key, then index order. Counting passes only: a one-letter query touches most of the 700,000 values of
   * a 100,000-paper table, too many to sort per keystroke. Clears `level` for the touched entries.
   */
  private selectBest(count: number, maxLevel: number, wanted: number): Candidates {
    const { level, tieKeys } = this;
    const touched = this.touched.subarray(0, count);
    const chosen = new Int32Array(Math.min(count, wanted));
    if (count <= wanted) {
      chosen.set(touched);
    } else {
      const byLevel = new Int32Array(maxLevel + 1);
      for (let i = 0; i < count; i++) byLevel[level[touched[i]]]++;
      let cutoff = maxLevel;
      let above = 0;
      while (above + byLevel[cutoff] < wanted) above += byLevel[cutoff--];
      const byTieKey = new Int32Array(3 << 14);
      for (let i = 0; i < count; i++) {
        const entry = touched[i];
        if (level[entry] === cutoff) byTieKey[tieKeys[entry]]++;
      }
      let lastKey = 0;
      for (let taken = above; taken + byTieKey[lastKey] < wanted; lastKey++) taken += byTieKey[lastKey];
      let n = 0;
      for (let i = 0; i < count; i++) {
        const entry = touched[i];
        const entryLevel = level[entry];
        if (entryLevel > cutoff || (entryLevel === cutoff && tieKeys[entry] < lastKey)) chosen[n++] = entry;
      }
      for (let i = 0; i < count && n < wanted; i++) {
        const entry = touched[i];
        if (level[entry] === cutoff && tieKeys[entry] === lastKey) chosen[n++] = entry;
      }
    }
    const levels = Uint8Array.from(chosen, (entry) => level[entry]);
    for (let i = 0; i < count; i++) level[touched[i]] = 0;
    return { values: chosen, levels };
  }
}

/** Words as fuse.js's field-length norm counts them: runs of anything but white space (folded text has only ' '). */
function countWords(text: string): number {
  let words = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) !== 32 && (i === 0 || text.charCodeAt(i - 1) === 32)) words++;
  return words;
}

/**
 * Writes the hash bucket (below `mask + 1`) of each trigram of ` text ` (one space of padding at
 * both ends, so that word starts and ends count) into `out`, repeats included, and returns how
 * many: `text.length`, for which `out` must have room.
 */
function trigramBuckets(text: string, mask: number, out: Int32Array): number {
  const n = text.length;
  let a = 32;
  let b = n > 0 ? text.charCodeAt(0) : 32;
  for (let i = 1; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : 32;
    let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77) ^ Math.imul(c, 0xc2b2ae3d);
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
    out[i - 1] = (h ^ (h >>> 12)) & mask;
    a = b;
    b = c;
  }
  return n;
}
