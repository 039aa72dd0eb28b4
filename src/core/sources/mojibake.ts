/**
 * Double-encoded UTF-8 ("mojibake", spec imports.md "Sources and formats"): text whose UTF-8 bytes
 * were once read as Latin-1 / Windows-1252 and encoded to UTF-8 again, so that `Ramírez` reads
 * `RamÃ­rez` (the recorded arXiv response of the shared data has 24 `Ã`). The repair re-encodes
 * each suspicious run of characters as the single bytes they stand for and decodes those bytes as
 * UTF-8, and is applied only when that is unambiguous; otherwise the text is kept and flagged.
 */
import type { Author, ImportDiagnostic, Work } from './work';

/** Windows-1252's characters for the bytes 0x80–0x9F that Latin-1 leaves as C1 controls. */
const CP1252_HIGH: Record<string, number> = {
  '\u20ac': 0x80, '\u201a': 0x82, '\u0192': 0x83, '\u201e': 0x84, '\u2026': 0x85, '\u2020': 0x86, '\u2021': 0x87,
  '\u02c6': 0x88, '\u2030': 0x89, '\u0160': 0x8a, '\u2039': 0x8b, '\u0152': 0x8c, '\u017d': 0x8e, '\u2018': 0x91,
  '\u2019': 0x92, '\u201c': 0x93, '\u201d': 0x94, '\u2022': 0x95, '\u2013': 0x96, '\u2014': 0x97, '\u02dc': 0x98,
  '\u2122': 0x99, '\u0161': 0x9a, '\u203a': 0x9b, '\u0153': 0x9c, '\u017e': 0x9e, '\u0178': 0x9f,
};
const CP1252_CHARS = Object.keys(CP1252_HIGH).join('');
/** A run of characters that each stand for one byte ≥ 0x80 (Latin-1 or Windows-1252). */
const HIGH_RUN = new RegExp(`[\\u0080-\\u00ff${CP1252_CHARS}]+`, 'g');
/** A UTF-8 lead byte (0xC2–0xF4) followed by a continuation byte (0x80–0xBF), as characters. */
const LEAD_THEN_CONTINUATION = new RegExp(`[\\u00c2-\\u00f4][\\u0080-\\u00bf${CP1252_CHARS}]`);
const C1_OR_REPLACEMENT = /[\u0080-\u009f\ufffd]/;

/** What `repairMojibake` did to one string. */
export type MojibakeStatus = 'clean' | 'repaired' | 'suspect';

/**
 * Repairs double-encoded UTF-8 in `text`. Every maximal run of characters in U+0080–U+00FF (or
 * Windows-1252's `€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ`) that contains a UTF-8 lead character (`Â`–`ô`)
 * followed by a continuation character is turned back into its bytes and decoded as strict UTF-8.
 * Returns `{ text, status }`: `clean` (no such run: `text` unchanged, e.g. a genuine `é`),
 * `repaired` (every run holding a whole UTF-8 sequence decoded to valid UTF-8 without C1 controls
 * or U+FFFD, and the result holds no whole sequence again, i.e. it is not itself double-encoded), or
 * `suspect` (such a run does not decode, or decodes to something suspicious: `text` returned
 * unchanged). Runs without a whole sequence (`Lukáš`: `á` then `š`) are genuine text.
 */
export function repairMojibake(text: string): { text: string; status: MojibakeStatus } {
  if (!LEAD_THEN_CONTINUATION.test(text)) return { text, status: 'clean' };
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let ambiguous = false;
  let changed = false;
  const repaired = text.replace(HIGH_RUN, (run) => {
    const bytes = Uint8Array.from(run, (ch) => CP1252_HIGH[ch] ?? ch.charCodeAt(0));
    if (!hasWholeSequence(bytes)) return run;
    let decoded: string;
    try {
      decoded = decoder.decode(bytes);
    } catch {
      ambiguous = true;
      return run;
    }
    if (C1_OR_REPLACEMENT.test(decoded)) {
      ambiguous = true;
      return run;
    }
    changed = true;
    return decoded;
  });
  if (ambiguous) return { text, status: 'suspect' };
  if (!changed) return { text, status: 'clean' };
  const again = repaired.match(HIGH_RUN) ?? [];
  if (again.some((run) => hasWholeSequence(Uint8Array.from(run, (ch) => CP1252_HIGH[ch] ?? ch.charCodeAt(0))))) return { text, status: 'suspect' };
  return { text: repaired, status: 'repaired' };
}

/**
 * Whether `bytes` hold a UTF-8 lead byte followed by all the continuation bytes it announces
 * (C2–DF: 1, E0–EF: 2, F0–F4: 3). A lone accented letter before another (`áš` in `Lukáš`: E1 9A)
 * announces more than follows, so genuine Latin-1 or Windows-1252 text is left alone.
 */
function hasWholeSequence(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
    if (need === 0 || i + need >= bytes.length) continue;
    let ok = true;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c < 0x80 || c > 0xbf) ok = false;
    }
    if (ok) return true;
  }
  return false;
}

/** Where a work's record starts, for the diagnostics of `repairWorkMojibake`. */
export interface RecordAt {
  line: number;
  column?: number;
  /** How the record is named in messages, e.g. `entry 3 (arXiv 2405.13786)`. */
  label: string;
}

/**
 * Applies `repairMojibake` to every text field of `work` (title, abstract, venue, author names,
 * affiliations, institution names, keywords, the `raw` fields), in place. Each repaired field adds one
 * `mojibake-repaired` diagnostic and each suspect field one `mojibake-suspect` diagnostic to
 * `diagnostics`, at `at.line`, naming the record, the field and the text before (and after) the
 * repair, clipped to 200 characters. Returns the number of fields repaired.
 */
export function repairWorkMojibake(work: Work, at: RecordAt, diagnostics: ImportDiagnostic[]): number {
  let repairedCount = 0;
  const fix = (field: string, value: string): string => {
    const r = repairMojibake(value);
    if (r.status === 'clean') return value;
    const diag: ImportDiagnostic = {
      kind: r.status === 'repaired' ? 'mojibake-repaired' : 'mojibake-suspect',
      line: at.line,
      message:
        r.status === 'repaired'
          ? `${at.label}, ${field}: double-encoded UTF-8 repaired ("${around(value, r.text)[0]}" → "${around(value, r.text)[1]}")`
          : `${at.label}, ${field}: looks like double-encoded UTF-8 but the repair is ambiguous; kept as written`,
      raw: clip(value, 200),
    };
    if (at.column !== undefined) diag.column = at.column;
    diagnostics.push(diag);
    if (r.status === 'repaired') repairedCount++;
    return r.text;
  };
  work.title = fix('title', work.title);
  if (work.abstract !== undefined) work.abstract = fix('abstract', work.abstract);
  if (work.venue !== undefined) work.venue = fix('venue', work.venue);
  work.authors.forEach((a: Author, i) => {
    a.name = fix(`author ${i + 1} name`, a.name);
    if (a.family !== undefined) a.family = fix(`author ${i + 1} family name`, a.family);
    if (a.given !== undefined) a.given = fix(`author ${i + 1} given name`, a.given);
    a.affiliations = a.affiliations.map((s, j) => fix(`author ${i + 1} affiliation ${j + 1}`, s));
    for (const inst of a.institutions) inst.name = fix(`author ${i + 1} institution`, inst.name);
  });
  work.keywords = work.keywords.map((k, i) => fix(`keyword ${i + 1}`, k));
  if (work.raw) for (const [key, value] of Object.entries(work.raw)) work.raw[key] = fix(key, value);
  return repairedCount;
}

/** The two texts from a little before their first difference, clipped to 60 characters each. */
function around(before: string, after: string): [string, string] {
  let i = 0;
  while (i < before.length && before[i] === after[i]) i++;
  const from = Math.max(0, i - 20);
  const lead = from > 0 ? '…' : '';
  return [lead + clip(before.slice(from), 60), lead + clip(after.slice(from), 60)];
}

function clip(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, n - 1)}…`;
}
