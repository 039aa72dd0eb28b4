/**
 * JSON helpers shared by the OpenAlex, Semantic Scholar and recorded-arXiv importers: bytes to
 * text, one JSON document with salvage of a truncated or damaged one (through `@streamparser/json`,
 * which hands over every value completed before the error), JSON Lines with one diagnostic per bad
 * line (`forEachJsonLine`), and the gzip test the node layer uses before it decompresses a `.jsonl.gz` shard.
 */
import { JSONParser } from '@streamparser/json';
import type { ImportDiagnostic } from './work';
import { lineStarts, positionAt } from './lines';

/** Bytes decoded as UTF-8 (invalid sequences become U+FFFD), a leading BOM removed. */
export function decodeUtf8(bytes: Uint8Array): string {
  const text = new TextDecoder('utf-8').decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Whether `bytes` start with the gzip magic number (1F 8B): the node layer then gunzips them before
 * handing the text to an importer (`.jsonl.gz` OpenAlex snapshot shards). Core does not decompress.
 */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** A JSON document as far as it could be read. */
export interface JsonDocument {
  /** The value; for a damaged document, the top-level object or array rebuilt from its complete parts. */
  value: unknown;
  /** Top-level keys (or `'*'` for a top-level array) whose value was cut by the error and is incomplete. */
  incomplete: Set<string>;
  /** The syntax error, if any (line and column 1-based; raw clipped to 200 characters). */
  diagnostic?: ImportDiagnostic;
}

/** The 0-based offset of a `JSON.parse` error from its message (`at position N`, or `line L column C`). */
function errorOffset(message: string, text: string): number | undefined {
  const pos = /at position (\d+)/.exec(message);
  if (pos) return Number(pos[1]);
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) {
    const starts = lineStarts(text);
    const line = Math.min(Number(lc[1]), starts.length);
    return starts[line - 1] + Number(lc[2]) - 1;
  }
  if (/Unexpected end of JSON input|Unterminated string/i.test(message)) return text.length;
  return undefined;
}

/** The error of `JSON.parse(text)` as a `syntax` diagnostic with line and column (1-based, `firstLine` offset). */
export function jsonSyntaxDiagnostic(error: unknown, text: string, firstLine = 1): ImportDiagnostic {
  const message = error instanceof Error ? error.message : String(error);
  const offset = errorOffset(message, text) ?? text.length;
  const pos = positionAt(lineStarts(text), offset);
  return {
    kind: 'syntax',
    line: pos.line + firstLine - 1,
    column: pos.column,
    message: `JSON syntax error: ${message}`,
    raw: text.slice(Math.max(0, offset - 100), offset + 100).slice(0, 200),
  };
}

/**
 * Parses one JSON document. Valid text gives `{ value, incomplete: ∅ }`. Damaged text (truncated,
 * a stray character) gives a `syntax` diagnostic at the error's line and column and, as `value`,
 * the top-level object (or array) rebuilt from what was complete before the error: whole
 * top-level members, the complete elements of a top-level member that is an array or object cut
 * by the error, and the part of a cut top-level string (so a truncated `body` still yields its
 * records). The cut members' keys are in `incomplete`.
 */
export function parseJsonDocument(text: string): JsonDocument {
  try {
    return { value: JSON.parse(text) as unknown, incomplete: new Set() };
  } catch (error) {
    const diagnostic = jsonSyntaxDiagnostic(error, text);
    return { ...salvage(text), diagnostic };
  }
}

function salvage(text: string): Omit<JsonDocument, 'diagnostic'> {
  const complete = new Map<string, unknown>();
  const parts = new Map<string, Map<string, unknown>>();
  const partialStrings = new Map<string, string>();
  let rootIsArray = false;
  const parser = new JSONParser({ paths: ['$.*', '$.*.*'], keepStack: true, emitPartialTokens: true, emitPartialValues: true });
  parser.onValue = ({ value, key, stack, partial }) => {
    if (stack.length === 1) {
      rootIsArray = Array.isArray(stack[0].value);
      const k = String(key);
      if (!partial) complete.set(k, value);
      else if (typeof value === 'string') partialStrings.set(k, value);
    } else if (stack.length === 2 && !partial) {
      const k = String(stack[1].key);
      if (!parts.has(k)) parts.set(k, new Map());
      parts.get(k)!.set(String(key), value);
    }
  };
  parser.onError = () => {
    // the error is already reported from JSON.parse; what was emitted before it is kept
  };
  try {
    parser.write(text);
    parser.end();
  } catch {
    // as above
  }
  const incomplete = new Set<string>();
  const out: Record<string, unknown> = {};
  for (const [k, v] of complete) out[k] = v;
  for (const [k, members] of parts) {
    if (complete.has(k)) continue;
    incomplete.add(k);
    const numeric = [...members.keys()].every((m) => /^\d+$/.test(m));
    out[k] = numeric ? [...members.values()] : Object.fromEntries(members);
  }
  for (const [k, v] of partialStrings) {
    if (complete.has(k)) continue;
    incomplete.add(k);
    out[k] = v;
  }
  if (rootIsArray) {
    const items = Object.keys(out)
      .filter((k) => /^\d+$/.test(k))
      .sort((a, b) => Number(a) - Number(b))
      .map((k) => out[k]);
    return { value: items, incomplete: new Set(['*']) };
  }
  return { value: out, incomplete };
}

/**
 * Walks JSON Lines text (`\n` or `\r\n`) and parses each non-blank line on its own, handing each
 * parsed value to `visit` at once (so a large file's parsed lines die young instead of all living
 * at the same time). A line that does not parse is one `syntax` diagnostic (its line, the column of
 * the error, the line's text clipped to 200 characters); the other lines load. `visit` returning
 * `false` stops the walk (a caller's record cap: the rest of the file is not parsed). `from` starts
 * the walk at a line's offset (its 1-based number given), for a caller that has read the lines before.
 */
export function forEachJsonLine(text: string, visit: (value: unknown, line: number) => boolean | void, diagnostics: ImportDiagnostic[], from: { offset: number; line: number } = { offset: 0, line: 1 }): void {
  let lineNo = from.line - 1;
  let start = from.offset;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    lineNo++;
    const raw = text.slice(start, end > start && text.charCodeAt(end - 1) === 13 /* \r */ ? end - 1 : end);
    start = end + 1;
    if (!raw.trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(raw) as unknown;
    } catch (error) {
      diagnostics.push({ ...jsonSyntaxDiagnostic(error, raw, lineNo), raw: raw.slice(0, 200) });
      continue;
    }
    if (visit(value, lineNo) === false) return;
  }
}

/** `value` when it is a non-empty string after trimming, else undefined. */
export function str(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const t = value.trim();
  return t ? t : undefined;
}

/** `value` as an array (`[]` for null, undefined or a non-array). */
export function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** `value` as a plain object (`{}` for null, arrays and scalars). */
export function obj(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** The deepest nesting of arrays and objects `limitJsonDepth` leaves in place (CSL-JSON needs about 6). */
export const MAX_JSON_DEPTH = 64;

/**
 * `text` with every array or object nested deeper than `maxDepth` replaced by `0` and spaces (line
 * breaks kept, so every offset, line and column stays true), for parsers that recurse once per
 * level (`jsonc-parser` overflows the stack at a few thousand levels: `[[[[…]]]]` in one item would
 * lose the whole file). Strings are skipped, escapes and all; an unclosed deep value is cut to the
 * end. `cuts` are the offsets of the values replaced. Linear in the text; returns `text` itself
 * when nothing is that deep.
 */
export function limitJsonDepth(text: string, maxDepth = MAX_JSON_DEPTH): { text: string; cuts: number[] } {
  const cuts: number[] = [];
  let out: string[] | undefined;
  let copied = 0;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c /* \ */) i++;
      continue;
    }
    if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (depth < maxDepth) {
        depth++;
        continue;
      }
      // The value from here to its matching close is replaced.
      const start = i;
      let inner = 0;
      for (; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x22) {
          for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c) i++;
        } else if (d === 0x5b || d === 0x7b) inner++;
        else if ((d === 0x5d || d === 0x7d) && --inner === 0) break;
      }
      const end = Math.min(i + 1, text.length);
      out ??= [];
      out.push(text.slice(copied, start), '0', text.slice(start + 1, end).replace(/[^\r\n]/g, ' '));
      copied = end;
      cuts.push(start);
      i = end - 1;
      continue;
    }
    if ((c === 0x5d || c === 0x7d) && depth > 0) depth--;
  }
  if (!out) return { text, cuts };
  out.push(text.slice(copied));
  return { text: out.join(''), cuts };
}
