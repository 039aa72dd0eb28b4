/**
 * Folding the text of topic and base-model names before they are compared
 * (`../shared/spec/analyses.md`, "topics" and "diffusion": "white space folded (NFC, zero-width
 * characters removed, runs of white space → one space)").
 */

// Zero-width space, non-joiner, joiner, word joiner and the BOM: invisible, never meaningful in a name.
const ZERO_WIDTH = /\u200b|\u200c|\u200d|\u2060|\ufeff/gu;
// White space as the loader counts it (cells.ts): Unicode white space, NEL included.
const WHITE_SPACE_RUN = /[\s\u0085]+/gu;
const QUOTES = `"'\u201c\u201d\u2018\u2019`;
const SURROUNDING_QUOTES = new RegExp(`^[${QUOTES}\\s\\u0085]+|[${QUOTES}\\s\\u0085]+$`, 'gu');
const SPACES_AROUND_COMMAS = / ?, ?/gu;

/**
 * A name with white space folded as analyses.md says: Unicode NFC, zero-width characters
 * (U+200B–U+200D, U+2060, U+FEFF) removed, runs of white space → one space, surrounding white
 * space removed. Case is kept. Pure; never throws.
 */
export function foldWhiteSpace(text: string): string {
  return text.normalize('NFC').replace(ZERO_WIDTH, '').replace(WHITE_SPACE_RUN, ' ').trim();
}

/**
 * A topic part as analyses.md ("topics") compares it: white space folded ({@link foldWhiteSpace})
 * and surrounding quotes (`"'“”‘’`, any number, mixed with white space) stripped. `''` means the
 * part is empty and counts as no topic.
 */
export function foldTopic(part: string): string {
  return foldWhiteSpace(part).replace(SURROUNDING_QUOTES, '');
}

/**
 * The folded form of a model name for base-model matching (analyses.md, "Parents"): white space
 * folded and the spaces around commas removed, so `Mamba 2, 2.7B` and `Mamba 2,2.7B` are one
 * name. Case is kept (the exact lookup); lower-case it for the case-insensitive one.
 */
export function foldModelName(name: string): string {
  return foldWhiteSpace(name).replace(SPACES_AROUND_COMMAS, ',');
}
