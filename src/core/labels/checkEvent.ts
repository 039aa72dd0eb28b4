/**
 * Checking one parsed JSON value against the event contract (spec `../shared/spec/labels.md`,
 * "An event"). Written for speed as well as clarity: a replay checks 100,000 events, so there are
 * no closures or spreads per event, and messages are built only for invalid ones.
 */
import { ORGANIZATION_CATEGORIES, type OrganizationCategory } from '../dataset/model';
import { canonicalCategory } from '../sector/teamSector';
import { LABELLED_TEAM_SECTORS, OPEN_WEIGHTS_VALUES, PAPER_DECISIONS, type LabelEvent, type LabelledTeamSector, type OpenWeightsValue, type PaperDecision } from './eventTypes';
import { parseEventTime } from './time';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** Result of checking one parsed JSON value as an event; `time` is `parseEventTime(ts)`. */
export type EventCheck = { ok: true; event: LabelEvent; time: number } | { ok: false; message: string; kind: 'invalid-event' | 'bad-ts' | 'unsupported-version' };

const isObject = (x: Json | undefined): x is JsonObject => typeof x === 'object' && x !== null && !Array.isArray(x);
const nonEmpty = (x: Json | undefined): x is string => typeof x === 'string' && x.trim() !== '';
const invalid = (message: string): EventCheck => ({ ok: false, kind: 'invalid-event', message });
/** A value as JSON for a message, at most 80 characters; a value too deep to write is named by its type. */
const show = (x: Json | undefined): string => {
  let text: string;
  try {
    text = JSON.stringify(x ?? null);
  } catch {
    return Array.isArray(x) ? 'a deeply nested array' : `a deeply nested ${typeof x}`;
  }
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
};

/** Case-insensitive lookups into a value list, through `canonical` (cached: values repeat). */
function lookup<T extends string>(values: readonly T[], canonical: (s: string) => string | undefined): (x: Json) => T | undefined {
  const cache = new Map<string, T | undefined>();
  return (x) => {
    if (typeof x !== 'string') return undefined;
    if (cache.has(x)) return cache.get(x);
    const c = canonical(x.trim());
    const found = values.find((v) => v === c);
    if (cache.size < 1000) cache.set(x, found);
    return found;
  };
}
const categoryOf = lookup<OrganizationCategory>(ORGANIZATION_CATEGORIES, canonicalCategory);
const sectorOf = lookup<LabelledTeamSector>(LABELLED_TEAM_SECTORS, (s) => LABELLED_TEAM_SECTORS.find((v) => v.toLowerCase() === s.toLowerCase()));
const decisionOf = lookup<PaperDecision>(PAPER_DECISIONS, (s) => s.toLowerCase());
const openWeightsOf = lookup<OpenWeightsValue>(OPEN_WEIGHTS_VALUES, (s) => s.toLowerCase());

/**
 * Check a parsed JSON value against the event contract of labels.md and return a typed event.
 * Required: `v` = 1, non-empty `id` and `annotator`, a valid `ts`, a `target` of kind
 * organization (`name`), paper (`id`, optional `date` string and `organizations` string array,
 * accepted inside the target or beside it) or annotator (`name`), and a `field`/`value` pair the
 * spec allows for that kind: organization `category` ∈ the five organization categories; paper
 * `teamSector` ∈ Academia, Industry, Collaboration, Other; `decision` ∈ include, exclude, maybe;
 * `topic` a non-empty string (trimmed); `note` any string; `organizations` a non-empty array of
 * non-empty strings (each trimmed; labels.md "paper organizations"); annotator `role` =
 * `adjudicator`; model (`name`, a base model the table has no row for) `teamSector` as for a paper
 * and `openWeights` ∈ open, closed; `null` retracts in every case. `blind`, when present, must be
 * `true` (issue #10: the label was made under blind coding); the fold ignores it. Category, sector and decision values are matched
 * case-insensitively and returned in their canonical spelling (`nonprofit` → `Non-profit`);
 * `reason` must be a string when present (null counts as absent). Unknown extra keys are ignored,
 * so a later version's additions do not invalidate old readers. The value passed in becomes the
 * event (canonical values written into it; `date`/`organizations` beside a paper target moved into
 * it): pass a fresh `JSON.parse` result. Never throws.
 */
export function checkEvent(raw: Json): EventCheck {
  if (!isObject(raw)) return invalid('a label event must be a JSON object');
  if (raw.v !== 1) return { ok: false, kind: 'unsupported-version', message: `unsupported event version ${show(raw.v)} (expected "v": 1)` };
  const { id, ts, annotator, reason, blind, target: t, field, value } = raw;
  if (!nonEmpty(id)) return invalid('"id" must be a non-empty string');
  const time = typeof ts === 'string' ? parseEventTime(ts) : undefined;
  if (time === undefined) return { ok: false, kind: 'bad-ts', message: `"ts" must be an ISO 8601 UTC date-time such as 2026-11-29T14:03:05.123Z (got ${show(ts)})` };
  if (!nonEmpty(annotator)) return invalid('"annotator" must be a non-empty string');
  if (reason !== undefined && reason !== null && typeof reason !== 'string') return invalid('"reason" must be a string');
  if (blind !== undefined && blind !== true) return invalid(`"blind" must be true when present (got ${show(blind)})`);
  if (!isObject(t)) return invalid('"target" must be an object with a "kind"');
  if (value === undefined) return invalid('"value" is missing (use null to retract)');
  let checked: string | string[] | null | undefined;
  switch (t.kind) {
    case 'organization':
      if (!nonEmpty(t.name)) return invalid('an organization target needs a non-empty "name"');
      if (field !== 'category') return invalid(`an organization has no field ${show(field)} (expected "category")`);
      checked = value === null ? null : categoryOf(value);
      if (checked === undefined) return invalid(`organization category ${show(value)} is not one of ${ORGANIZATION_CATEGORIES.join(', ')}`);
      break;
    case 'paper': {
      if (!nonEmpty(t.id)) return invalid('a paper target needs a non-empty "id"');
      const date = t.date ?? raw.date;
      const organizations = t.organizations ?? raw.organizations;
      if (date !== undefined && date !== null && typeof date !== 'string') return invalid('a paper target\'s "date" must be a string');
      if (organizations !== undefined && organizations !== null && (!Array.isArray(organizations) || !organizations.every((o) => typeof o === 'string')))
        return invalid('a paper target\'s "organizations" must be an array of strings');
      // Written beside the target by other tools: carried into it, where this tool writes them.
      if (t.date === undefined && typeof date === 'string') t.date = date;
      if (t.organizations === undefined && Array.isArray(organizations)) t.organizations = organizations;
      if (t.date === null) delete t.date;
      if (t.organizations === null) delete t.organizations;
      const result = checkPaperValue(field, value);
      if (result !== null && typeof result === 'object' && !Array.isArray(result)) return result;
      checked = result;
      break;
    }
    case 'annotator':
      if (!nonEmpty(t.name)) return invalid('an annotator target needs a non-empty "name"');
      if (field !== 'role') return invalid(`an annotator has no field ${show(field)} (expected "role")`);
      if (value !== null && value !== 'adjudicator') return invalid(`role ${show(value)} is not "adjudicator" or null`);
      checked = value;
      break;
    case 'model':
      if (!nonEmpty(t.name)) return invalid('a model target needs a non-empty "name"');
      if (field === 'teamSector') checked = value === null ? null : sectorOf(value);
      else if (field === 'openWeights') checked = value === null ? null : openWeightsOf(value);
      else return invalid(`a model has no field ${show(field)} (expected teamSector or openWeights)`);
      if (checked === undefined)
        return invalid(field === 'teamSector' ? `team sector ${show(value)} is not one of ${LABELLED_TEAM_SECTORS.join(', ')}` : `open weights ${show(value)} is not one of ${OPEN_WEIGHTS_VALUES.join(', ')}`);
      break;
    default:
      return invalid(`unknown target kind ${show(t.kind)} (expected organization, paper, annotator or model)`);
  }
  // The parsed object becomes the event (a replay allocates no second copy): the switch above paired
  // each target kind with its own fields and checked values; unknown extra keys stay but are never
  // written back (serializeEvent writes the spec's keys only).
  raw.value = checked;
  if (reason === null) delete raw.reason;
  return { ok: true, event: raw as unknown as LabelEvent, time };
}

/** The checked value of a paper field (null for a retraction), or the failed check. */
function checkPaperValue(field: Json | undefined, value: Json): string | string[] | null | EventCheck {
  switch (field) {
    case 'teamSector':
      return value === null ? null : (sectorOf(value) ?? invalid(`team sector ${show(value)} is not one of ${LABELLED_TEAM_SECTORS.join(', ')}`));
    case 'decision':
      return value === null ? null : (decisionOf(value) ?? invalid(`decision ${show(value)} is not one of ${PAPER_DECISIONS.join(', ')}`));
    case 'topic':
      if (value === null) return null;
      return typeof value === 'string' && value.trim() !== '' ? value.trim() : invalid('a topic must be a non-empty string or null');
    case 'note':
      if (value === null) return null;
      return typeof value === 'string' ? value : invalid('a note must be a string or null');
    case 'organizations': {
      if (value === null) return null;
      if (!Array.isArray(value) || value.length === 0 || !value.every((o) => typeof o === 'string' && o.trim() !== ''))
        return invalid(`a paper's organizations must be a non-empty array of non-empty strings or null (got ${show(value)})`);
      return (value as string[]).map((o) => o.trim());
    }
    default:
      return invalid(`a paper has no field ${show(field)} (expected teamSector, decision, topic, note or organizations)`);
  }
}
