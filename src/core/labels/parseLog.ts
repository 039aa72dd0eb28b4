/**
 * Reading the text of a label log into events and diagnostics (spec `../shared/spec/labels.md`:
 * "A line that is not a valid event … is reported with its line number and skipped; the file is
 * never rewritten to drop it").
 */
import { capPerKind, DISPLAY_TEXT_MAX, displayText } from '../text/displaySafe';
import { checkEvent, type EventCheck, type Json } from './checkEvent';
import { serializeEvent } from './event';
import type { LabelEvent } from './eventTypes';
import { instantParts } from './time';

/** Why a line was skipped. */
export type LabelLogDiagnosticKind =
  | 'torn-line'
  | 'merge-conflict'
  | 'bad-json'
  | 'invalid-event'
  | 'bad-ts'
  | 'unsupported-version'
  | 'duplicate-id'
  | 'future-ts'
  | 'not-utf8'
  | 'line-too-long'
  | 'large-log';

/**
 * A line that was skipped, or (`kept: true`) a warning about a line whose event still counts:
 * 1-based `line` (and `column`, when JSON.parse names a position), the reason, the raw text.
 * Kept lines: `future-ts` (an event dated more than a day after the log was read: a wrong clock
 * makes it outrank every label made until then) and `not-utf8` (bytes that are not UTF-8, read as
 * Windows-1252; see labelLog.ts). From the file reader (labelLog.ts): `line-too-long` (a line
 * over 16 MiB, skipped unread) and `large-log` (on line 1, kept: the file is over 100 MB).
 */
export interface LabelLogDiagnostic {
  kind: LabelLogDiagnosticKind;
  source: string;
  line: number;
  column?: number;
  message: string;
  /** The line's text (at most 200 characters, then `…`; control characters as they are). */
  raw: string;
  /** True when the line's event counts despite the warning; absent when the line is skipped. */
  kept?: true;
}

/** Options of `parseLabelLog`. */
export interface ParseLabelLogOptions {
  /** The reading time in ms since the epoch (default `Date.now()`), for `future-ts` warnings. */
  now?: number;
}

/** How far past the reading time an event's ts may be before it is flagged (clock skew between machines). */
const FUTURE_SLACK_MS = 24 * 60 * 60 * 1000;

/** A valid event with where it was read: 1-based `line`, `index` = order among valid events in the file, `time` = ms since epoch. */
export interface ParsedEvent {
  event: LabelEvent;
  line: number;
  index: number;
  time: number;
}

export interface ParsedLabelLog {
  source: string;
  events: ParsedEvent[];
  /** At most `STORED_DIAGNOSTICS_PER_KIND` of each kind, the first ones by line. */
  diagnostics: LabelLogDiagnostic[];
  /** How many more diagnostics of each kind were found but not stored (only kinds with some). */
  omitted: Partial<Record<LabelLogDiagnosticKind, number>>;
}

/**
 * Diagnostics of one kind a parse keeps (the Problems panel shows 500 per file, the CLI 20 per
 * kind); beyond that they are only counted, so a 200 MB file of bad lines does not hold 3.6 million
 * diagnostics in memory (issue #9).
 */
export const STORED_DIAGNOSTICS_PER_KIND = 500;

const CONFLICT_MARKER = /^(<{7}|={7}|>{7}|\|{7})(\s|$)/;

/**
 * Parse a label log (JSON Lines, UTF-8, `\n` line ends; a `\r` before the `\n` and a leading BOM
 * are tolerated, blank lines are skipped silently). Every other line that is not a valid event is
 * a diagnostic and is skipped: a last line without `\n` that does not parse (`torn-line`, what a
 * crash mid-append leaves), git merge-conflict markers (`merge-conflict`; the events between them
 * are kept, so both sides' labels survive), JSON that does not parse (`bad-json`), a JSON value
 * that breaks the event contract (`invalid-event`, `bad-ts`, `unsupported-version`), and a line
 * that repeats an earlier event (`duplicate-id`: same `id` and same `ts`, as when a line reaches
 * the log twice through two branches; the first one counts). A complete, valid last line without
 * `\n` is an event. A valid event dated more than a day after `options.now` counts but gets a
 * `future-ts` warning (`kept: true`). Never throws. Linear in the text's length for a log in time order (the usual
 * case); a log out of order (after a merge) adds one sort to find repeated events. Repeats are
 * found among events with the same `ts` rather than through a map of all ids: a 100,000-entry map
 * of fresh strings doubled the time of a replay.
 *
 * @param text the whole file as a string
 * @param source the path shown in diagnostics
 * @returns the valid events in file order with their 1-based lines, and the diagnostics in line order
 */
export function parseLabelLog(text: string, source: string, options: ParseLabelLogOptions = {}): ParsedLabelLog {
  const parser = new LabelLogParser(source);
  parser.feed(text);
  let lines: string[] | undefined;
  return parser.result((line) => (lines ??= (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split('\n'))[line - 1] ?? '', options);
}

/**
 * The reader behind `parseLabelLog`, resumable: text can be fed in pieces that end at line ends
 * (`\n`), as `LabelLogReader` does with the bytes appended since its last read, and the result is
 * the same as parsing the whole text at once. Only the piece that ends the text may end without
 * `\n` (its last line is then the file's last line, and the torn-line rule applies to it).
 */
export class LabelLogParser {
  private events: ParsedEvent[] = [];
  private diagnostics: LabelLogDiagnostic[] = [];
  private stored = new Map<LabelLogDiagnosticKind, number>();
  private omitted: Partial<Record<LabelLogDiagnosticKind, number>> = {};
  /** Lines read so far. */
  private line = 0;
  // Ids of the events in the current run of equal times (a log in time order), for repeats.
  private runTime = NaN;
  private runFirst: ParsedEvent | undefined;
  private runIds: Map<string, ParsedEvent> | undefined;
  private inOrder = true;

  constructor(readonly source: string) {}

  /** Number of lines read so far (the next piece's first line is `linesRead + 1`). */
  get linesRead(): number {
    return this.line;
  }

  /** A copy to read the text's last piece with, leaving this parser at its line end. */
  fork(): LabelLogParser {
    const copy = Object.assign(Object.create(LabelLogParser.prototype) as LabelLogParser, this);
    copy.events = [...this.events];
    copy.diagnostics = [...this.diagnostics];
    copy.stored = new Map(this.stored);
    copy.omitted = { ...this.omitted };
    copy.runIds = this.runIds && new Map(this.runIds);
    return copy;
  }

  /**
   * Add a diagnostic (also one found outside the parser, e.g. a line's encoding); results sort them
   * by line. Past `STORED_DIAGNOSTICS_PER_KIND` of its kind it is only counted.
   */
  report(diagnostic: LabelLogDiagnostic): void {
    const n = (this.stored.get(diagnostic.kind) ?? 0) + 1;
    if (n > STORED_DIAGNOSTICS_PER_KIND) {
      this.omitted[diagnostic.kind] = (this.omitted[diagnostic.kind] ?? 0) + 1;
      return;
    }
    this.stored.set(diagnostic.kind, n);
    this.diagnostics.push(diagnostic);
  }

  /** True when a diagnostic of `kind` is past the cap: it was counted now, and need not be built. */
  private counted(kind: LabelLogDiagnosticKind): boolean {
    if ((this.stored.get(kind) ?? 0) < STORED_DIAGNOSTICS_PER_KIND) return false;
    this.omitted[kind] = (this.omitted[kind] ?? 0) + 1;
    return true;
  }

  /**
   * Read the next piece of the text: whole lines, the last of which ends with `\n` unless this
   * piece ends the text. A BOM is skipped at the start of the text only.
   */
  feed(text: string): void {
    const { source, events } = this;
    // Lines are cut one at a time rather than by `split`: each dies right after it is read, instead
    // of 100,000 strings surviving (and being copied by the garbage collector) until the end.
    const bom = this.line === 0 && text.charCodeAt(0) === 0xfeff ? 1 : 0;
    let line = this.line;
    for (let start = bom; start < text.length; ) {
      let end = text.indexOf('\n', start);
      const lastLine = end === -1;
      if (lastLine) end = text.length;
      const next = end + 1;
      line++;
      const contentEnd = text.charCodeAt(end - 1) === 13 && end > start ? end - 1 : end;
      const first = text.charCodeAt(start);
      if (contentEnd === start) {
        start = next;
        continue;
      }
      const raw = text.slice(start, contentEnd);
      start = next;
      if (first !== 123 && raw.trim() === '') continue;
      if ((first === 60 || first === 61 || first === 62 || first === 124) && CONFLICT_MARKER.test(raw)) {
        this.report(diagnostic('merge-conflict', source, line, raw, 'A git merge-conflict marker; the events around it are kept. Set "labels.jsonl merge=union" in .gitattributes so that git merges label logs without markers.'));
        continue;
      }
      // Past the cap, a line that cannot be JSON is only counted: a thrown JSON.parse costs ~8 µs,
      // which made a 200 MB log of text lines take most of a minute (issue #9).
      if (!lastLine && cannotBeJson(raw) && this.counted('bad-json')) continue;
      let value: Json;
      try {
        value = JSON.parse(raw) as Json;
      } catch (error) {
        const message = (error as Error).message;
        const position = /at position (\d+)/.exec(message);
        const column = position ? Number(position[1]) + 1 : undefined;
        const why = encodingHint(raw);
        if (why) this.report(diagnostic('bad-json', source, line, raw, `${why} A label log is UTF-8 JSON Lines, one event per line ending in \\n; this line is skipped and kept in the file.`, column));
        else if (lastLine) this.report(diagnostic('torn-line', source, line, raw, 'An incomplete last line (an append interrupted by a crash?); it is skipped and kept in the file.', column));
        else this.report(diagnostic('bad-json', source, line, raw, `Not valid JSON (a line torn by a crash, or an edit by hand?): ${message}.`, column));
        continue;
      }
      let checked: EventCheck;
      try {
        checked = checkEvent(value);
      } catch (error) {
        // checkEvent is written not to throw; this keeps one strange line from hiding the others.
        checked = { ok: false, kind: 'invalid-event', message: `the line could not be checked (${(error as Error).message})` };
      }
      if (!checked.ok) {
        this.report(diagnostic(checked.kind, source, line, raw, `Not a valid label event: ${checked.message}.`));
        continue;
      }
      const parsed: ParsedEvent = { event: checked.event, line, index: events.length, time: checked.time };
      if (checked.time !== this.runTime) {
        if (checked.time < this.runTime) this.inOrder = false;
        this.runTime = checked.time;
        this.runFirst = parsed;
        this.runIds = undefined;
        events.push(parsed);
        continue;
      }
      // A second event at the same instant: a map of the run's ids (made only now; most runs hold one).
      if (this.inOrder) {
        this.runIds ??= new Map([[instantId(this.runFirst!), this.runFirst!]]);
        const earlier = this.runIds.get(instantId(parsed));
        if (earlier) {
          this.report(repeated(source, parsed, raw, earlier));
          continue;
        }
        this.runIds.set(instantId(parsed), parsed);
      }
      events.push(parsed);
    }
    this.line = line;
  }

  /**
   * The events and diagnostics read so far (copies: feeding more does not change them), with a
   * `future-ts` warning for each event dated more than a day after `options.now` (judged at each
   * result, so a warning ends once its time has come). A `kept` diagnostic (`not-utf8`) on a line
   * that gave no event (skipped for another reason) loses its `kept`.
   *
   * @param text the text of a 1-based line read so far (without its `\n`, and without the BOM on
   *   line 1); called only when a line's text must be shown again (a log out of time order that
   *   repeats an event, an event in the future)
   */
  result(text: (line: number) => string, options: ParseLabelLogOptions = {}): ParsedLabelLog {
    const lineText = (line: number): string => {
      const raw = text(line);
      return raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    };
    const diagnostics = [...this.diagnostics];
    const parsed = this.inOrder ? { source: this.source, events: [...this.events], diagnostics } : dropRepeats(this.source, lineText, [...this.events], diagnostics);
    const omitted = { ...this.omitted };
    const future = (options.now ?? Date.now()) + FUTURE_SLACK_MS;
    for (const p of parsed.events) if (p.time > future) parsed.diagnostics.push(inTheFuture(this.source, p, lineText(p.line)));
    if (parsed.diagnostics.some((d) => d.kept)) {
      const withEvents = new Set(parsed.events.map((p) => p.line));
      parsed.diagnostics = parsed.diagnostics.map((d) => {
        if (!d.kept || withEvents.has(d.line)) return d;
        const skipped = { ...d };
        delete skipped.kept;
        return skipped;
      });
    }
    // By line (a stable sort: a line's own diagnostics keep their order, a future-ts warning last).
    parsed.diagnostics.sort((a, b) => a.line - b.line || (a.kind === 'future-ts' ? 1 : 0) - (b.kind === 'future-ts' ? 1 : 0));
    // Repeats of an out-of-order log and future-ts warnings are found here, not in `report`: cap them too.
    const capped = capPerKind(parsed.diagnostics, STORED_DIAGNOSTICS_PER_KIND, omitted);
    return { source: parsed.source, events: parsed.events, diagnostics: capped.shown, omitted: Object.fromEntries(capped.omitted) };
  }
}

function repeated(source: string, parsed: ParsedEvent, raw: string, first: ParsedEvent): LabelLogDiagnostic {
  const same = serializeEvent(parsed.event) === serializeEvent(first.event);
  const message = same
    ? `This line repeats the event on line ${first.line} (same id "${displayText(parsed.event.id)}" and ts); it is skipped.`
    : `This line has the same id "${displayText(parsed.event.id)}" and ts as the event on line ${first.line} but says something else (an edit by hand? ids must be unique); the first one counts and this line is skipped.`;
  return diagnostic('duplicate-id', source, parsed.line, raw, message);
}

function inTheFuture(source: string, parsed: ParsedEvent, raw: string): LabelLogDiagnostic {
  const d = diagnostic(
    'future-ts',
    source,
    parsed.line,
    raw,
    `This event is dated ${parsed.event.ts}, in the future (a wrong clock on the machine that wrote it?). It counts, and until then it outranks every later label on its target; append a correction dated after it, or fix the ts by hand.`,
  );
  d.kept = true;
  return d;
}

/**
 * The fold's order of two events' instants (spec labels.md: ordered by ts), exactly: by `time`
 * when the two are more than a millisecond apart (the float is exact enough there), else by
 * `instantParts` (whole milliseconds, then nanoseconds). 0 only for the same instant.
 */
export function compareInstants(a: ParsedEvent, b: ParsedEvent): number {
  const difference = a.time - b.time;
  if (difference > 1 || difference < -1) return difference;
  if (a.event.ts === b.event.ts) return 0;
  const [aMs, aNanos] = instantParts(a.event.ts)!;
  const [bMs, bNanos] = instantParts(b.event.ts)!;
  return aMs - bMs || aNanos - bNanos;
}

/** An event's id and its exact instant: equal for a repeated event (same id and same ts). */
function instantId(p: ParsedEvent): string {
  const [ms, nanos] = instantParts(p.event.ts)!;
  return `${p.event.id}\u0000${ms}\u0000${nanos}`;
}

/** For a log out of time order: find repeated events (same id and ts) by sorting, keep the first. */
function dropRepeats(source: string, lineText: (line: number) => string, events: ParsedEvent[], diagnostics: LabelLogDiagnostic[]): Omit<ParsedLabelLog, 'omitted'> {
  const byTime = [...events].sort((a, b) => compareInstants(a, b) || a.index - b.index);
  const dropped = new Set<ParsedEvent>();
  for (let i = 0; i < byTime.length; ) {
    let j = i + 1;
    while (j < byTime.length && byTime[j].time === byTime[i].time) j++;
    // The first event of each id in this run of equal times (a map: one run can hold 100,000).
    const firstById = new Map<string, ParsedEvent>();
    for (let k = i; k < j; k++) {
      const first = firstById.get(instantId(byTime[k]));
      if (!first) firstById.set(instantId(byTime[k]), byTime[k]);
      else {
        dropped.add(byTime[k]);
        diagnostics.push(repeated(source, byTime[k], lineText(byTime[k].line), first));
      }
    }
    i = j;
  }
  if (dropped.size === 0) return { source, events, diagnostics };
  const kept = events.filter((p) => !dropped.has(p)).map((p, index) => ({ ...p, index }));
  return { source, events: kept, diagnostics };
}

function diagnostic(kind: LabelLogDiagnosticKind, source: string, line: number, raw: string, message: string, column?: number): LabelLogDiagnostic {
  const d: LabelLogDiagnostic = { kind, source, line, message, raw: clipRaw(raw) };
  if (column !== undefined) d.column = column;
  return d;
}

/** A line's raw text for a diagnostic: at most 200 characters, then `…` (escaping is for display). */
export function clipRaw(raw: string): string {
  return raw.length > DISPLAY_TEXT_MAX ? `${raw.slice(0, DISPLAY_TEXT_MAX - 1)}…` : raw;
}

/**
 * True when `raw` is certainly not JSON, judged from its first character that is not white space
 * (JSON's: space, tab, CR, LF): a JSON text starts with `{`, `[`, `"`, `-`, a digit, or is `true`,
 * `false` or `null`. A false answer says nothing (JSON.parse decides).
 */
function cannotBeJson(raw: string): boolean {
  let i = 0;
  while (i < raw.length && (raw.charCodeAt(i) === 0x20 || raw.charCodeAt(i) === 0x09 || raw.charCodeAt(i) === 0x0d || raw.charCodeAt(i) === 0x0a)) i++;
  const c = raw.charCodeAt(i);
  if (c === 0x7b || c === 0x5b || c === 0x22 || c === 0x2d || (c >= 0x30 && c <= 0x39)) return false;
  if (c === 0x74 || c === 0x66 || c === 0x6e) {
    const word = raw.trim();
    return word !== 'true' && word !== 'false' && word !== 'null';
  }
  return true;
}

/**
 * Why a line that does not parse may be a whole log in the wrong shape, in one sentence, or
 * undefined: UTF-16 text (a BOM `FF FE`/`FE FF` read as Latin-1, or a NUL after most characters,
 * as an editor's "Save as Unicode" writes) or events separated by a carriage return only (an old
 * Mac convention), which reads as one long line.
 */
export function encodingHint(raw: string): string | undefined {
  if (raw.startsWith('\u00ff\u00fe') || raw.startsWith('\u00fe\u00ff')) return 'The label log looks UTF-16 encoded (it starts with a UTF-16 byte-order mark).';
  const sample = raw.slice(0, 200);
  let nuls = 0;
  for (let i = 0; i < sample.length; i++) if (sample.charCodeAt(i) === 0) nuls++;
  if (nuls > 0 && nuls * 3 >= sample.length) return 'The label log looks UTF-16 encoded (a NUL byte after most characters).';
  if (/\}\r\{"/.test(raw)) return 'The events are separated by carriage returns only (\\r, not \\n), so they read as one line.';
  return undefined;
}
