/**
 * The prefilter of Find Paper (see search.ts): trigram postings over folded values, so a query
 * picks a bounded set of candidate values before fuse.js ranks them. fuse.js alone scans every
 * value, 1–15 s per query at 100,000 papers (field case br-19).
 */

/** Candidate values for fuse.js, each with its prefilter level (shared trigrams, or match class for short queries). */
export interface Candidates {
  values: Int32Array;
  levels: Uint8Array;
}

/**
 * Trigram postings over folded values, with hashed gram keys in compressed-sparse-row arrays:
 * two passes over the text, no per-gram strings or maps. A hash collision can only add a
 * candidate, never change a score, because fuse.js re-scores every candidate from its text.
 */
export class TrigramIndex {
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

  constructor(
    private readonly texts: readonly string[],
    fields: Uint8Array,
    parts?: TrigramParts,
  ) {
    const built = parts ?? runSteps(trigramSteps(texts, fields));
    this.mask = built.mask;
    this.offsets = built.offsets;
    this.postings = built.postings;
    this.tieKeys = built.tieKeys;
    this.level = new Uint8Array(texts.length);
    this.touched = new Int32Array(texts.length);
  }

  /** The index as a generator that yields about every thousand texts (see PaperSearchIndex.buildSteps). */
  static *buildSteps(texts: readonly string[], fields: Uint8Array): Generator<void, TrigramIndex> {
    const parts = yield* trigramSteps(texts, fields);
    return new TrigramIndex(texts, fields, parts);
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

interface TrigramParts {
  mask: number;
  offsets: Int32Array;
  postings: Int32Array;
  tieKeys: Uint16Array;
}

/** Texts between two yields of the build steps. */
const STEP = 1000;

function runSteps<T>(steps: Generator<void, T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

function* trigramSteps(texts: readonly string[], fields: Uint8Array): Generator<void, TrigramParts> {
  let totalChars = 0;
  for (const text of texts) totalChars += text.length;
  const bits = Math.min(18, Math.max(10, Math.ceil(Math.log2(totalChars + 1)) - 3));
  const mask = (1 << bits) - 1;
  // Two passes (count, then fill) over each entry's distinct buckets; `lastEntry` dedupes.
  const lastEntry = new Int32Array(mask + 1).fill(-1);
  const counts = new Int32Array(mask + 2);
  let grams = new Int32Array(256);
  const bucketsOf = (text: string): number => {
    if (grams.length < text.length) grams = new Int32Array(text.length * 2);
    return trigramBuckets(text, mask, grams);
  };
  for (let entry = 0; entry < texts.length; entry++) {
    if (entry % STEP === STEP - 1) yield;
    for (let g = 0, n = bucketsOf(texts[entry]); g < n; g++) {
      const bucket = grams[g];
      if (lastEntry[bucket] !== entry) {
        lastEntry[bucket] = entry;
        counts[bucket + 1]++;
      }
    }
  }
  for (let b = 1; b < counts.length; b++) counts[b] += counts[b - 1];
  const postings = new Int32Array(counts[counts.length - 1]);
  const cursor = counts.slice(0, -1);
  lastEntry.fill(-1);
  for (let entry = 0; entry < texts.length; entry++) {
    if (entry % STEP === STEP - 1) yield;
    for (let g = 0, n = bucketsOf(texts[entry]); g < n; g++) {
      const bucket = grams[g];
      if (lastEntry[bucket] !== entry) {
        lastEntry[bucket] = entry;
        postings[cursor[bucket]++] = entry;
      }
    }
  }
  const tieKeys = new Uint16Array(texts.length);
  for (let entry = 0; entry < texts.length; entry++) {
    if (entry % (STEP * 10) === STEP * 10 - 1) yield;
    tieKeys[entry] = (fields[entry] << 14) | (Math.min(countWords(texts[entry]), 63) << 8) | Math.min(texts[entry].length, 255);
  }
  return { mask, offsets: counts, postings, tieKeys };
}
