/**
 * Characters that change how text around them is shown without showing themselves: the bidi
 * embeddings and overrides U+202A–U+202E, the isolates U+2066–U+2069, the marks U+200E, U+200F
 * and U+061C, and the zero-width characters U+200B–U+200D, U+2060 and U+FEFF.
 */
const INVISIBLE = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u200B-\u200D\u2060\uFEFF]/g;

/**
 * A name as it should be displayed (tree labels, Find Paper items, panel titles, tooltips,
 * webview names): every invisible formatting character (see `INVISIBLE`: bidi overrides and
 * isolates, direction marks, zero-width spaces and joiners, word joiner, BOM) replaced by a
 * visible token `⟨U+202E⟩`, so that `moc.live⟨U+202E⟩` cannot pass for another name and two names
 * that differ only by a zero-width space look different. Everything else is kept as it is. For
 * display only: stored values, ids, label-log targets and exports keep the original text.
 * Source: the security review of issue #9, item 7 (Unicode "Trojan Source", CVE-2021-42574).
 */
export function displayText(text: string): string {
  return text.replace(INVISIBLE, (c) => `⟨U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}⟩`);
}

/**
 * Whether `text` holds any character that `displayText` makes visible (bidi controls, direction
 * marks, zero-width characters, BOM). Pure; never throws.
 */
export function hasInvisibleCharacters(text: string): boolean {
  return new RegExp(INVISIBLE.source).test(text);
}
