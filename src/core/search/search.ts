import { TrigramIndex, type Candidates } from './trigramIndex';
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
 * query, then those whose name equals it but for spaces and hyphens ("gpt4" → GPT-4, "llama 3
 * 70b" → Llama 3-70B; {@link compactForSearch}), then those whose name starts with it as whole
 * words ("GPT-4 (Mar 2023)", also in the compact form), then inside a word ("GPT-4o"), then
 * names that hold it further on; organization and author matches come after every name that
 * holds the query, and rank with typo matches of names by fuse.js score (whose weights favour
 * names). Within each tier by fuse.js score, ties going to the value with more trigrams in common
 * with the query, then to the shorter one. Names that start with the query in the compact form
 * are found by a scan of the names with the same first character, whatever the prefilter picks.
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
  /** Compact form ({@link compactForSearch}) of each name value (names are values 0…n-1). */
  private readonly compactNames: readonly string[];
  /** Name values by the first character of their compact form, for the exact and prefix tiers. */
  private readonly compactBuckets: ReadonlyMap<string, Int32Array>;

  /**
   * Indexes `docs` (linear in their text: ~0.1 s for Epoch's 2,000-row tables, ~1 s for the
   * 100,000 `br-19` papers, mostly spent de-duplicating authors). Nothing of `docs`
   * is kept but the ids, so later changes to the docs are not seen: build a new index for a new
   * dataset. Ids are not checked for uniqueness; each doc yields at most one hit. Throws nothing
   * for well-typed input.
   */
  constructor(docs: readonly SearchDoc[], parts?: SearchIndexParts) {
    const built = parts ?? runSteps(searchIndexSteps(docs));
    this.size = docs.length;
    this.ids = built.ids;
    this.valueText = built.valueText;
    this.valueField = built.valueField;
    this.valueDocStart = built.valueDocStart;
    this.valueDocs = built.valueDocs;
    this.trigrams = built.trigrams;
    this.compactNames = built.compactNames;
    this.compactBuckets = built.compactBuckets;
  }

  /**
   * The index of `docs` as a generator that yields every few milliseconds of work (about every
   * thousand docs or values), so the extension host can build it in slices after a load and the
   * first Find Paper query need not wait for it. Gives an index equal to `new PaperSearchIndex(docs)`.
   */
  static *buildSteps(docs: readonly SearchDoc[]): Generator<void, PaperSearchIndex> {
    const parts = yield* searchIndexSteps(docs);
    return new PaperSearchIndex(docs, parts);
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
    const compact = compactForSearch(folded);
    const candidates = folded.length < 3
      ? this.trigrams.scanShort(folded, wanted, this.valueField)
      : this.trigrams.query(folded, wanted);
    return this.rank(folded, compact, candidates, this.compactPrefixed(folded, compact, candidates, limit), limit);
  }

  /**
   * Names whose compact form starts with the query's, beyond the prefilter's candidates: the
   * trigram prefilter can miss them ("gpt4" shares no trigram but "gpt" with "GPT-4 (Mar 2023)",
   * and thousands of names hold "gpt" at 100,000 rows). A scan of the names that share the first
   * compact character (a startsWith each: well under a millisecond at 100,000 rows); the best
   * `limit` by tier, then length, are kept. They need no fuse.js score: their tier ranks them.
   */
  private compactPrefixed(folded: string, compact: string, candidates: Candidates, limit: number): number[] {
    const bucket = compact === '' ? undefined : this.compactBuckets.get(compact.charAt(0));
    if (!bucket) return [];
    const known = new Set(candidates.values);
    const found: { value: number; tier: number; length: number }[] = [];
    for (const value of bucket) {
      if (known.has(value) || !this.compactNames[value].startsWith(compact)) continue;
      found.push({ value, tier: nameTier(this.valueText[value], this.compactNames[value], folded, compact), length: this.valueText[value].length });
    }
    found.sort((a, b) => a.tier - b.tier || a.length - b.length || a.value - b.value);
    return found.slice(0, limit).map((f) => f.value);
  }

  /**
   * Scores candidate values with fuse.js and orders them by tier (see the class) and score, then
   * expands them to papers. A name that holds the query (tiers 0–4) is kept even when fuse.js
   * rejects it (a long name that starts with the query), and so are the `extra` names (from
   * {@link compactPrefixed}, not scored); these get the threshold as their score.
   */
  private rank(folded: string, compact: string, { values, levels }: Candidates, extra: readonly number[], limit: number): SearchHit[] {
    const records = Array.from(values, (value): FuseRecord => (
      { [this.fieldOf(value)]: this.valueText[value] }
    ));
    const fuseScores = new Float64Array(values.length + extra.length).fill(Number.NaN);
    for (const result of new Fuse(records, FUSE_OPTIONS).search(folded)) fuseScores[result.refIndex] = result.score ?? 1;
    const scored: { value: number; tier: number; score: number; level: number; length: number }[] = [];
    for (let i = 0; i < values.length + extra.length; i++) {
      const value = i < values.length ? values[i] : extra[i - values.length];
      const text = this.valueText[value];
      const field = this.valueField[value];
      const tier = field === 0 ? nameTier(text, this.compactNames[value], folded, compact) : OTHER_TIER;
      const fuse = fuseScores[i];
      if (Number.isNaN(fuse) && tier === OTHER_TIER) continue;
      const score = tier === 0 ? 0 : Number.isNaN(fuse) ? FUSE_THRESHOLD : fuse;
      scored.push({ value, tier, score, level: i < values.length ? levels[i] : 0, length: text.length });
    }
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

/** What a PaperSearchIndex is made of (see its fields). */
interface SearchIndexParts {
  ids: string[];
  compactNames: string[];
  compactBuckets: Map<string, Int32Array>;
  valueText: string[];
  valueField: Uint8Array;
  valueDocStart: Int32Array;
  valueDocs: Int32Array;
  trigrams: TrigramIndex;
}

/** Docs or values between two yields of the build steps. */
const STEP = 1000;

function runSteps<T>(steps: Generator<void, T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

function* searchIndexSteps(docs: readonly SearchDoc[]): Generator<void, SearchIndexParts> {
  const ids = docs.map((doc) => doc.id);
  const text: string[] = [];
  const field: number[] = [];
  const pairValue: number[] = [];
  const pairDoc: number[] = [];
  function* collect(fieldRank: number, valuesOf: (doc: SearchDoc) => readonly string[]): Generator<void> {
    const valueOf = new Map<string, number>();
    for (let d = 0; d < docs.length; d++) {
      if (d % STEP === STEP - 1) yield;
      for (const raw of valuesOf(docs[d])) {
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
    }
  }
  yield* collect(0, (doc) => [doc.name]);
  const compactNames: string[] = [];
  const byFirst = new Map<string, number[]>();
  for (let value = 0; value < text.length; value++) {
    if (value % STEP === STEP - 1) yield;
    const key = compactForSearch(text[value]);
    compactNames.push(key);
    if (key === '') continue;
    const list = byFirst.get(key.charAt(0));
    if (list) list.push(value);
    else byFirst.set(key.charAt(0), [value]);
  }
  const compactBuckets = new Map([...byFirst].map(([first, list]) => [first, Int32Array.from(list)]));
  yield* collect(1, (doc) => doc.organizations);
  yield* collect(2, (doc) => splitAuthors(doc.authors));
  const valueField = Uint8Array.from(field);
  const valueDocStart = new Int32Array(text.length + 1);
  for (const value of pairValue) valueDocStart[value + 1]++;
  for (let v = 1; v <= text.length; v++) {
    valueDocStart[v] += valueDocStart[v - 1];
  }
  const valueDocs = new Int32Array(pairDoc.length);
  const cursor = valueDocStart.slice(0, -1);
  pairValue.forEach((value, i) => {
    valueDocs[cursor[value]++] = pairDoc[i];
  });
  yield;
  const trigrams = yield* TrigramIndex.buildSteps(text, valueField);
  return { ids, compactNames, compactBuckets, valueText: text, valueField, valueDocStart, valueDocs, trigrams };
}

/** A value that continues a word: letters, digits, and `.` (so "GPT-4" does not prefix "GPT-4.5" as a word). */
const WORD_CONTINUES_RE = /[\p{L}\p{N}.]/u;

/** Spaces, hyphens and dashes (U+2010–U+2015, U+2212), underscores: what the compact form drops. */
const COMPACT_DROP_RE = /[\s\-\u2010-\u2015\u2212_]+/g;

/**
 * The compact form of folded text ({@link foldForSearch}'s output): spaces, hyphens, dashes and
 * underscores removed, so that "gpt4", "GPT 4" and "GPT-4" all give `gpt4` and "llama 3 70b"
 * and "Llama 3-70B" give `llama370b`. Dots and other punctuation stay ("3.5" is not "35").
 * Returns '' for text made only of those characters; never throws.
 */
export function compactForSearch(folded: string): string {
  return folded.replace(COMPACT_DROP_RE, '');
}

/**
 * The tier of fuzzy matches (typos) of names, organizations and authors alike: ranked by fuse.js
 * score, whose weights favour names. Every name that holds the query (tiers 0–4) comes before.
 */
const OTHER_TIER = 5;

/**
 * Rank tier of a name for a query, both folded (`compactName`, `compact`: their compact forms): 0 equal,
 * 1 equal but for spaces and hyphens ("GPT 4" for GPT-4), 2 starts with the query as whole
 * words, as written or in the compact form ("GPT-4 (Mar 2023)", "BERT-Large"), 3 starts with it
 * inside a word ("GPT-4o"), 4 holds it further on ("RoBERTa" for "bert"), 5 otherwise.
 */
function nameTier(name: string, compactName: string, query: string, compact: string): number {
  if (name === query) return 0;
  if (compact !== '' && compactName === compact) return 1;
  const direct = prefixTier(name, query);
  const tier = compact === '' ? direct : Math.min(direct, prefixTier(compactName, compact));
  if (tier < OTHER_TIER) return tier;
  return name.includes(query) || (compact !== '' && compactName.includes(compact)) ? 4 : OTHER_TIER;
}

/** 2 when `text` starts with `prefix` as whole words, 3 when inside a word, 5 when not at all. */
function prefixTier(text: string, prefix: string): number {
  if (!text.startsWith(prefix)) return OTHER_TIER;
  return WORD_CONTINUES_RE.test(text.charAt(prefix.length)) ? 3 : 2;
}

/** Epoch AI's `Authors` cells separate names with commas; semicolons and line breaks occur in other exports. */
function splitAuthors(authors: string): string[] {
  return authors.split(/\s*[,;\n]\s*/);
}
