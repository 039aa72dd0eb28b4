/**
 * XML helpers shared by the arXiv importers (Atom and OAI-PMH): parsing with `fast-xml-parser`
 * (numeric character references and the predefined entities decoded), the line of every record
 * from the parser's start offsets, and salvage of a damaged or truncated file: the records before
 * the first syntax error are read, the record cut by it is kept as far as it can be read, and
 * reading resumes at the next record start.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { lineStarts, positionAt } from './lines';
import type { ImportDiagnostic } from './work';

/** A parsed XML element as `fast-xml-parser` gives it: attributes under `@_name`, text under `#text`. */
export type XmlNode = Record<string, unknown>;

/** Where the records of a format sit in the document. */
export interface XmlRecordLayout {
  /** Element names from the root down to the records' parent: `['feed']`, `['OAI-PMH', 'ListRecords']`. */
  path: readonly string[];
  /** The record element: `entry`, `record`. */
  record: string;
  /** Elements that are always arrays (repeatable children such as `author`, `category`). */
  arrays: readonly string[];
}

/** One record read from the document. */
export interface XmlRecord {
  node: XmlNode;
  /** 1-based line and column of the record's start tag in the text given to `readXmlRecords`. */
  line: number;
  column: number;
  /** True when the record was cut by a syntax error: what could be read of it is kept. */
  partial: boolean;
}

/** The records of a document, its parent element (feed-level fields) and what could not be read. */
export interface XmlRecords {
  records: XmlRecord[];
  /** The records' parent element of the first readable part (e.g. the Atom `<feed>`), without its records. */
  container: XmlNode | undefined;
  diagnostics: ImportDiagnostic[];
}

const META = XMLParser.getMetaDataSymbol() as unknown as symbol;

/** How many characters entity expansions may add to a document (only entities it declares itself add any). */
export const MAX_DECLARED_ENTITY_LENGTH = 1_000_000;

function parser(layout: XmlRecordLayout): XMLParser {
  const arrays = new Set([layout.record, ...layout.arrays]);
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    htmlEntities: true,
    // Any number of entities is decoded (a large feed has many `&amp;` and `&#xe9;`), but what
    // expansions add to the text is bounded: only an entity the document declares itself
    // (`<!DOCTYPE [<!ENTITY …>]>`, which no arXiv response has) is longer than its reference, so a
    // small file cannot expand to gigabytes (`&a;` × 20,000 of a 10,000-character entity).
    // External entities (`SYSTEM "file:///etc/passwd"`) are never read: the parser refuses them.
    processEntities: { enabled: true, maxTotalExpansions: Number.MAX_SAFE_INTEGER, maxExpandedLength: MAX_DECLARED_ENTITY_LENGTH },
    captureMetaData: true,
    // `arxiv:affiliation` and `affiliation` alike, whichever prefix a feed binds the namespace to.
    removeNSPrefix: true,
    isArray: (name) => arrays.has(name),
  });
}

/** The 0-based offset of a 1-based line and column (clamped to the text). */
function offsetAt(starts: readonly number[], line: number, column: number, length: number): number {
  const l = Math.min(Math.max(line, 1), starts.length);
  return Math.min(starts[l - 1] + Math.max(column - 1, 0), length);
}

function childAt(node: unknown, path: readonly string[]): XmlNode | undefined {
  let cur: unknown = node;
  for (const name of path) {
    if (!cur || typeof cur !== 'object') return undefined;
    cur = (cur as XmlNode)[name];
    if (Array.isArray(cur)) cur = cur[0];
  }
  return cur && typeof cur === 'object' ? (cur as XmlNode) : undefined;
}

function startOf(node: XmlNode): number | undefined {
  const meta = (node as Record<symbol, { startIndex?: number } | undefined>)[META];
  return meta?.startIndex;
}

/**
 * Reads the records of an XML document laid out as `layout` says. A well-formed document is parsed
 * once. A document with a syntax error (truncated, a broken tag) gives one `syntax` diagnostic per
 * error with its line, column, the parser's message and the text there (clipped to 200
 * characters); the complete records before the error are read, the record the error falls in is
 * kept as far as the lenient parse reads it (`partial: true`) when it has any content, and reading
 * resumes at the next `<record>` start after the error. Lines and columns are 1-based in `text`.
 * A DOCTYPE the parser refuses (external entities, declared entities adding more than
 * `MAX_DECLARED_ENTITY_LENGTH` characters) is one diagnostic and the
 * document is read without it. Never throws.
 */
export function readXmlRecords(text: string, layout: XmlRecordLayout): XmlRecords {
  try {
    return readRecords(text, layout);
  } catch (error) {
    // The parser refuses a DOCTYPE it will not expand (external entities, declared entities over
    // the limits): the document is read again without its DOCTYPE, its entity references left as
    // written, so the records still load. Anything else the parser throws is one diagnostic.
    const message = error instanceof Error ? error.message : String(error);
    const doctype = /<!DOCTYPE(?:[^>[]|\[[\s\S]*?\]\s*)*>/i.exec(text);
    const line = doctype ? positionAt(lineStarts(text), doctype.index).line : 1;
    const diagnostic: ImportDiagnostic = {
      kind: /limit|exceed|maximum/i.test(message) ? 'too-large' : 'syntax',
      line,
      message: `XML refused: ${message}${doctype ? '; the document was read without its DOCTYPE (its entities are left as written)' : ''}`,
      ...(doctype ? { raw: doctype[0].slice(0, 200) } : {}),
    };
    if (doctype) {
      const blanked = text.slice(0, doctype.index) + doctype[0].replace(/[^\n]/g, ' ') + text.slice(doctype.index + doctype[0].length);
      try {
        const again = readRecords(blanked, layout);
        return { ...again, diagnostics: [diagnostic, ...again.diagnostics] };
      } catch {
        // as below
      }
    }
    return { records: [], container: undefined, diagnostics: [diagnostic] };
  }
}

function readRecords(text: string, layout: XmlRecordLayout): XmlRecords {
  const starts = lineStarts(text);
  const p = parser(layout);
  const diagnostics: ImportDiagnostic[] = [];
  const records: XmlRecord[] = [];
  let container: XmlNode | undefined;
  const open = layout.path.map((n) => `<${n}>`).join('');
  const close = [...layout.path].reverse().map((n) => `</${n}>`).join('');
  const startTag = new RegExp(`<${layout.record.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[\\s>/]`, 'g');

  // `segment` is text[from…] with `prefix` (synthetic open tags) before it.
  const take = (doc: unknown, prefixLength: number, from: number, partialFrom?: number): void => {
    const parent = childAt(doc, layout.path);
    if (!parent) return;
    const list = parent[layout.record];
    if (container === undefined) {
      container = { ...parent };
      delete container[layout.record];
    }
    for (const node of Array.isArray(list) ? (list as XmlNode[]) : []) {
      const s = startOf(node);
      const offset = s === undefined ? from : from + s - prefixLength;
      const pos = positionAt(starts, offset);
      records.push({ node, line: pos.line, column: pos.column, partial: partialFrom !== undefined && offset >= partialFrom });
    }
  };

  let from = 0;
  let prefix = '';
  for (let guard = 0; from < text.length && guard < 100_000; guard++) {
    const segment = prefix + text.slice(from);
    const valid = XMLValidator.validate(segment, { allowBooleanAttributes: true });
    if (valid === true) {
      take(p.parse(segment), prefix.length, from);
      break;
    }
    const segStarts = prefix ? lineStarts(segment) : starts;
    // Elements left open at the end (a truncated file) are reported at line 1, column 1: the real
    // place is the end of the text.
    const unclosed = /^Invalid '\[/.test(valid.err.msg);
    const errInSegment = unclosed ? segment.length : offsetAt(segStarts, valid.err.line, valid.err.col, segment.length);
    const errOffset = Math.max(from, from + errInSegment - prefix.length);
    const pos = positionAt(starts, errOffset);
    const openNames = unclosed ? /^Invalid '\[(.*)\]' found/s.exec(valid.err.msg)?.[1]?.replace(/["\s]+/g, '').split(',') : undefined;
    diagnostics.push({
      kind: 'syntax',
      line: pos.line,
      column: pos.column,
      message: openNames
        ? `XML ends inside <${openNames.join('> <')}>: the file is cut off; the records before it are read`
        : `XML syntax error: ${valid.err.msg}`,
      raw: text.slice(Math.max(from, errOffset - 100), errOffset + 100).slice(0, 200),
    });
    // The complete records before the error, closed by the layout's end tags.
    const closeTag = `</${layout.record}>`;
    const lastClose = text.lastIndexOf(closeTag, errOffset);
    const completeEnd = lastClose >= from ? lastClose + closeTag.length : from;
    if (completeEnd > from) {
      const head = prefix + text.slice(from, completeEnd) + close;
      if (XMLValidator.validate(head, { allowBooleanAttributes: true }) === true) take(p.parse(head), prefix.length, from);
    }
    // The record the error falls in: what a lenient parse makes of it.
    startTag.lastIndex = completeEnd;
    const cut = startTag.exec(text);
    if (cut && cut.index < errOffset) {
      // Cut at the error, else at the last complete tag before it (a tag cut inside an attribute).
      for (const end of [errOffset, text.lastIndexOf('>', errOffset - 1) + 1]) {
        if (end <= cut.index) continue;
        try {
          const partial: unknown = p.parse(open + text.slice(cut.index, end));
          const before = records.length;
          take(partial, open.length, cut.index, cut.index);
          if (records.length > before && !hasContent(records[records.length - 1].node)) records.pop();
          break;
        } catch {
          // try the shorter cut; failing both, the syntax diagnostic names the place
        }
      }
    }
    // Resume at the next record start after the error.
    startTag.lastIndex = errOffset + 1;
    const next = startTag.exec(text);
    if (!next) break;
    from = next.index;
    prefix = open;
  }
  return { records, container, diagnostics };
}

function hasContent(node: XmlNode): boolean {
  return Object.keys(node).some((k) => k !== '#text' && !k.startsWith('@_'));
}

/** The text content of an element or attribute value: a string, `#text` of an element, or ''. */
export function textOf(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return textOf(value[0]);
  if (typeof value === 'object') return textOf((value as XmlNode)['#text']);
  return '';
}

/** `value` as an array: `[]` for undefined, `[value]` for one element. */
export function asArray<T = XmlNode>(value: unknown): T[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]) as T[];
}

/** The attribute `name` of an element, or undefined. */
export function attr(node: unknown, name: string): string | undefined {
  if (!node || typeof node !== 'object') return undefined;
  const v = (node as XmlNode)[`@_${name}`];
  return typeof v === 'string' ? v : undefined;
}
