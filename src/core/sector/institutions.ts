/**
 * Institutions data that a workspace provides (spec imports.md "Organization categories from
 * affiliation evidence"): ROR records of schema v1 (`name`, `aliases`, `acronyms`, `labels[].label`,
 * capitalised `types`) and v2 (`names[]` typed `ror_display`/`label`/`alias`/`acronym`, lower-case
 * `types`), one record per JSON file or a JSON array (a ROR data dump), and OpenAlex institutions
 * snapshot shards (JSON Lines: `display_name`, `display_name_alternatives`, `display_name_acronyms`,
 * `ror`, `type`, `country_code`). Bytes in, records plus diagnostics out; nothing here reads a file.
 */
import type { ImportDiagnostic } from '../sources/work';
import { normalizeRor } from '../sources/identifiers';

/** Which schema a record was read from. */
export type InstitutionSchema = 'ror-v1' | 'ror-v2' | 'openalex';

/** One institution as a data file describes it, normalised across schemas. */
export interface InstitutionRecord {
  /** Bare ROR id (`042nb2s44`). */
  ror?: string;
  /** OpenAlex institution id (`I136199984`). */
  openalex?: string;
  /** The display name (ROR v1 `name`, v2 the `ror_display` name, OpenAlex `display_name`). */
  name: string;
  /** Other official names (ROR `labels`, v2 names typed `label`), display name excluded. */
  labels: string[];
  /** ROR `aliases`, v2 names typed `alias`, OpenAlex `display_name_alternatives`. */
  aliases: string[];
  /** ROR `acronyms`, v2 names typed `acronym`, OpenAlex `display_name_acronyms`. */
  acronyms: string[];
  /** Types lower-cased, in the record's order (`["education", "funder"]`). */
  types: string[];
  /** ISO 3166-1 alpha-2, upper-cased. */
  country?: string;
  schema: InstitutionSchema;
  /** Where it was read: the file name as given, 1-based line (JSON Lines), 0-based record index. */
  source: { name: string; line?: number; index: number };
}

/** Records read from one file, with what could not be read. */
export interface InstitutionsResult {
  records: InstitutionRecord[];
  diagnostics: ImportDiagnostic[];
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(str).filter((s): s is string => s !== undefined) : []);
const clip = (s: string): string => (s.length > 200 ? `${s.slice(0, 199)}…` : s);

function uniqueExcept(values: string[], except: Set<string>): string[] {
  const out: string[] = [];
  for (const v of values) {
    if (except.has(v)) continue;
    except.add(v);
    out.push(v);
  }
  return out;
}

/** A ROR record (either schema) as an `InstitutionRecord`, or a reason why it is not one. */
function fromRor(obj: Json, source: InstitutionRecord['source']): InstitutionRecord | string {
  const ror = typeof obj.id === 'string' ? normalizeRor(obj.id) : undefined;
  if (!ror) return 'no ROR id in "id"';
  const types = strings(obj.types).map((t) => t.toLowerCase());
  if (Array.isArray(obj.names)) {
    const names = obj.names.filter(isObject).map((n) => ({ value: str(n.value), types: strings(n.types) }));
    const display = names.find((n) => n.types.includes('ror_display'))?.value ?? names.find((n) => n.types.includes('label'))?.value;
    if (!display) return 'no name typed ror_display or label in "names"';
    const seen = new Set([display]);
    const of = (type: string): string[] => uniqueExcept(names.filter((n) => n.types.includes(type) && n.value).map((n) => n.value!), seen);
    const labels = of('label');
    const aliases = of('alias');
    const acronyms = uniqueExcept(names.filter((n) => n.types.includes('acronym') && n.value).map((n) => n.value!), new Set());
    const locations = Array.isArray(obj.locations) ? obj.locations.filter(isObject) : [];
    const details = locations.map((l) => l.geonames_details).find(isObject);
    const country = details ? str(details.country_code)?.toUpperCase() : undefined;
    return { ror, name: display, labels, aliases, acronyms, types, country, schema: 'ror-v2', source };
  }
  const name = str(obj.name);
  if (!name) return 'no "name" (schema v1) and no "names" (schema v2)';
  const seen = new Set([name]);
  const labels = uniqueExcept(Array.isArray(obj.labels) ? obj.labels.filter(isObject).map((l) => str(l.label)).filter((s): s is string => !!s) : [], seen);
  const aliases = uniqueExcept(strings(obj.aliases), seen);
  const acronyms = strings(obj.acronyms);
  const country = isObject(obj.country) ? str(obj.country.country_code)?.toUpperCase() : undefined;
  return { ror, name, labels, aliases, acronyms, types, country, schema: 'ror-v1', source };
}

/** An OpenAlex institution object as an `InstitutionRecord`, or a reason why it is not one. */
function fromOpenAlex(obj: Json, source: InstitutionRecord['source']): InstitutionRecord | string {
  const m = typeof obj.id === 'string' ? /^(?:https?:\/\/openalex\.org\/)?(I\d+)$/i.exec(obj.id.trim()) : null;
  if (!m) return 'no OpenAlex institution id (I…) in "id"';
  const name = str(obj.display_name);
  if (!name) return 'no "display_name"';
  const ror = typeof obj.ror === 'string' ? normalizeRor(obj.ror) : undefined;
  const type = str(obj.type)?.toLowerCase();
  const aliases = uniqueExcept(strings(obj.display_name_alternatives), new Set([name]));
  return {
    ror,
    openalex: m[1].toUpperCase(),
    name,
    labels: [],
    aliases,
    acronyms: strings(obj.display_name_acronyms),
    types: type ? [type] : [],
    country: str(obj.country_code)?.toUpperCase(),
    schema: 'openalex',
    source,
  };
}

/** A record of whichever schema the object is (OpenAlex ids start with `I`, ROR ids are ror.org URLs). */
function fromAny(obj: Json, source: InstitutionRecord['source']): InstitutionRecord | string {
  if (typeof obj.id === 'string' && /openalex\.org\/I\d+$|^I\d+$/i.test(obj.id.trim())) return fromOpenAlex(obj, source);
  return fromRor(obj, source);
}

/** 1-based line and column of a character offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

function jsonError(text: string, error: unknown, lineOffset = 0): ImportDiagnostic {
  const message = (error as Error).message;
  const pos = /position (\d+)/.exec(message);
  const at = pos ? lineColumn(text, Number(pos[1])) : { line: 1, column: undefined };
  return { kind: 'syntax', line: at.line + lineOffset, column: at.column, message: `Not valid JSON: ${message}.` };
}

/**
 * Read institutions data from bytes: a ROR record (v1 or v2) as one JSON object, a JSON array of
 * them (a ROR data dump; OpenAlex institution objects in an array are read too), or an OpenAlex
 * institutions snapshot shard in JSON Lines (one institution per line; blank lines skipped). The
 * shape is recognised from the content: text whose first non-blank character is `[` is an array, a
 * text that parses whole as one object is one record, anything else is read line by line. A BOM is
 * dropped. Never throws for bad content: a line or element that is not JSON or not an institution
 * is a diagnostic (`syntax` with line and column, or `partial-record` with the reason) and the
 * others are still read; a file with no institution at all gets one `not-recognised` diagnostic.
 *
 * @param bytes the file's bytes (UTF-8)
 * @param name the file name as the user named it (kept in each record's `source`)
 */
export function readInstitutions(bytes: Uint8Array, name: string): InstitutionsResult {
  const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
  const records: InstitutionRecord[] = [];
  const diagnostics: ImportDiagnostic[] = [];
  const take = (value: unknown, index: number, line: number | undefined, diagLine: number): void => {
    const got = isObject(value) ? fromAny(value, { name, line, index }) : 'not a JSON object';
    if (typeof got === 'string') diagnostics.push({ kind: 'partial-record', line: diagLine, message: `Record ${index + 1} is not an institution: ${got}.` });
    else records.push(got);
  };
  const trimmed = text.trimStart();
  let whole: unknown;
  let parsedWhole = false;
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
    try {
      whole = JSON.parse(text);
      parsedWhole = true;
    } catch (error) {
      // JSON Lines when the first line is a JSON value of its own; otherwise one broken document.
      const first = trimmed.slice(0, trimmed.indexOf('\n') === -1 ? undefined : trimmed.indexOf('\n'));
      let firstLineParses = false;
      try {
        JSON.parse(first);
        firstLineParses = true;
      } catch {
        // not JSON Lines
      }
      if (trimmed.startsWith('[') || !firstLineParses) {
        diagnostics.push(jsonError(text, error));
        return { records, diagnostics };
      }
    }
  }
  if (parsedWhole) {
    const startLine = lineColumn(text, text.length - trimmed.length).line;
    if (Array.isArray(whole)) whole.forEach((v, i) => take(v, i, undefined, startLine));
    else take(whole, 0, undefined, startLine);
  } else {
    const lines = text.split('\n');
    let index = 0;
    lines.forEach((raw, i) => {
      const lineText = raw.replace(/\r$/, '');
      if (lineText.trim() === '') return;
      let value: unknown;
      try {
        value = JSON.parse(lineText);
      } catch (error) {
        diagnostics.push({ ...jsonError(lineText, error, i), raw: clip(lineText) });
        index++;
        return;
      }
      take(value, index++, i + 1, i + 1);
    });
  }
  if (records.length === 0 && diagnostics.length === 0)
    diagnostics.push({ kind: 'not-recognised', line: 1, message: `${name} holds no institutions: expected ROR records (schema v1 or v2, one object or an array) or an OpenAlex institutions shard (JSON Lines).` });
  return { records, diagnostics };
}
