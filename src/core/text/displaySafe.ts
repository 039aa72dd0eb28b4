/**
 * Showing text from a file (a cell, a label log's line, an id) to a person without letting it
 * flood the output or drive the terminal: control characters escaped, long text clipped, and many
 * diagnostics reduced to a bounded number plus a count of the rest. Shared by the CLI (stderr and
 * its text tables) and the editor (Problems panel).
 */

/** How many characters of one id or raw text a message shows (issue #9: a 50 MB id was quoted whole). */
export const DISPLAY_TEXT_MAX = 200;

// C0 (U+0000–U+001F), DEL (U+007F) and C1 (U+0080–U+009F): ESC starts CSI/OSC sequences, U+009B is
// a one-character CSI and U+009D a one-character OSC in terminals that honour C1 controls.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060\u2066-\u2069\ufeff]/u;
// Invisible format characters that reorder or hide text in a terminal (bidi overrides and isolates,
// direction marks, zero-width characters, line/paragraph separators): shown as `\u202e`.
const INVISIBLE = /[\u061c\u200b-\u200f\u2028-\u202e\u2060\u2066-\u2069\ufeff]/u;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Escape every C0 and C1 control character and DEL of `text`: `\n`, `\r` and `\t` by those names,
 * every other one as `\xNN` (ESC → `\x1b`, NUL → `\x00`, U+009B → `\x9b`), so an OSC or CSI
 * sequence in a cell is shown as text and never reaches a terminal raw; bidi overrides, direction
 * marks, zero-width characters and U+2028/U+2029 as `\u202e` (they reorder or hide text). Other
 * characters are kept.
 */
export function escapeControls(text: string): string {
  if (!CONTROL.test(text)) return text;
  let out = '';
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (ch.length === 1 && (code < 0x20 || (code >= 0x7f && code <= 0x9f))) out += NAMED[ch] ?? `\\x${code.toString(16).padStart(2, '0')}`;
    else if (INVISIBLE.test(ch)) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out;
}

/**
 * `text` ready for one line of a message: control characters escaped (`escapeControls`) and the
 * result clipped to at most `max` characters (default 200), ending with `…` when clipped. Clipping
 * happens before escaping expands anything, so a 50 MB id costs 200 characters of work, and never
 * cuts a surrogate pair or an escape in half.
 */
export function displayText(text: string, max = DISPLAY_TEXT_MAX): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const code = text.codePointAt(i)!;
    const ch = String.fromCodePoint(code);
    const shown = escapeControls(ch);
    if (out.length + shown.length > max - 1 && i + ch.length < text.length) return `${out}…`;
    if (out.length + shown.length > max) return `${out}…`;
    out += shown;
    i += ch.length;
  }
  return out;
}

/**
 * Text about to be written to a terminal: every control character escaped as `escapeControls`
 * does, except line feeds and tabs, which lay the output out. The CLI passes all its output
 * through this, so no OSC or CSI sequence from a file reaches the terminal even where a message
 * forgot to escape its parts.
 */
export function escapeForTerminal(text: string): string {
  return CONTROL.test(text) ? text.split('\n').map((line) => line.split('\t').map(escapeControls).join('\t')).join('\n') : text;
}

/**
 * `JSON.stringify(value)` with DEL and the C1 controls (U+007F–U+009F) written as `\u007f`…
 * `\u009f`: JSON.stringify escapes U+0000–U+001F but leaves those raw, and a terminal may act on
 * U+009B (CSI) or U+009D (OSC). The result is the same JSON value; such characters only occur
 * inside strings, where the `\u` escape is valid.
 */
export function stringifyJsonSafe(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\u009f]/gu, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);
}

/**
 * A list of values from a file for one message: at most `max` (default 30), each `displayText`,
 * joined by `, `, then `, and N more` when there were more.
 */
export function displayList(values: readonly string[], max = 30): string {
  const shown = values.slice(0, max).map((v) => displayText(v));
  return `${shown.join(', ')}${values.length > max ? `, and ${(values.length - max).toLocaleString('en-US')} more` : ''}`;
}

/** A bounded selection of diagnostics: those to show, and how many of each kind were left out. */
export interface CappedDiagnostics<T> {
  shown: T[];
  /** Kind → number left out, in the order the kinds were first left out. */
  omitted: Map<string, number>;
}

/**
 * Keep at most `perKind` diagnostics of each kind (in their order), counting the rest by kind: the
 * CLI prints 20 lines per kind and per file, then `… and N more <kind> in <file>`. `omitted`
 * counts left out before (a parser that stopped storing) are added in.
 */
export function capPerKind<T extends { kind: string }>(diagnostics: readonly T[], perKind: number, alreadyOmitted?: ReadonlyMap<string, number> | Partial<Record<string, number>>): CappedDiagnostics<T> {
  const seen = new Map<string, number>();
  const shown: T[] = [];
  const omitted = new Map<string, number>();
  for (const d of diagnostics) {
    const n = (seen.get(d.kind) ?? 0) + 1;
    seen.set(d.kind, n);
    if (n <= perKind) shown.push(d);
    else omitted.set(d.kind, (omitted.get(d.kind) ?? 0) + 1);
  }
  addOmitted(omitted, alreadyOmitted);
  return { shown, omitted };
}

/**
 * Keep the first `max` diagnostics (in their order) and count the rest by kind: the Problems panel
 * gets at most `max` entries per file (VS Code shows at most 1,000) plus one summary
 * (`summarizeOmitted`). `alreadyOmitted` counts are added as for `capPerKind`.
 */
export function capTotal<T extends { kind: string }>(diagnostics: readonly T[], max: number, alreadyOmitted?: ReadonlyMap<string, number> | Partial<Record<string, number>>): CappedDiagnostics<T> {
  const shown = diagnostics.slice(0, max);
  const omitted = new Map<string, number>();
  for (let i = max; i < diagnostics.length; i++) omitted.set(diagnostics[i].kind, (omitted.get(diagnostics[i].kind) ?? 0) + 1);
  addOmitted(omitted, alreadyOmitted);
  return { shown, omitted };
}

/**
 * One sentence for what `capTotal` left out, e.g. `… and 1,234 more diagnostics of kinds bad-json
 * (1,200), invalid-event (34)`; undefined when nothing was left out.
 */
export function summarizeOmitted(omitted: ReadonlyMap<string, number>): string | undefined {
  let total = 0;
  for (const n of omitted.values()) total += n;
  if (total === 0) return undefined;
  const kinds = [...omitted].map(([kind, n]) => `${kind} (${n.toLocaleString('en-US')})`).join(', ');
  return `… and ${total.toLocaleString('en-US')} more diagnostic${total === 1 ? '' : 's'} of kind${omitted.size === 1 ? '' : 's'} ${kinds}`;
}

function addOmitted(into: Map<string, number>, more: ReadonlyMap<string, number> | Partial<Record<string, number>> | undefined): void {
  if (!more) return;
  const entries = more instanceof Map ? [...(more as ReadonlyMap<string, number>)] : Object.entries(more as Partial<Record<string, number>>);
  for (const [kind, n] of entries) if (n) into.set(kind, (into.get(kind) ?? 0) + n);
}
