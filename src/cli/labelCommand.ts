import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { makeEvent, type LabelChange } from '../core/labels/event';
import { appendEvents } from '../node/labels/labelLog';
import { CliError } from './cliError';
import { escapeControls } from '../core/text/displaySafe';
import { logPlaceForCli } from './logPlaceForCli';
import type { CliIo } from './main';

export interface LabelOptions {
  annotator?: string;
  organization?: string;
  category?: string;
  paper?: string;
  field?: string;
  value?: string;
  reason?: string;
  from?: string;
}

/** A change that could not be made, with where it came from. */
interface Refusal {
  where: string;
  message: string;
}

/**
 * `compute-divide label LOG --annotator NAME (--organization NAME --category C | --paper ID --field F
 * --value V [--reason R] | --from FILE.csv)` (spec cli.md): append label events to the log, one
 * each flushed before the next, through the same append as the editor (so two processes at once
 * leave every event on its own line). A value of `null` (unquoted, as in the log) retracts the
 * annotator's earlier value. `--from` reads a CSV with the header `kind,name_or_id,field,value,reason`
 * (kind `organization`, `paper`, `annotator` or `model` — a base model by name, fields `teamSector` and `openWeights`; `reason` optional), e.g. an organization → category
 * mapping a researcher already has. Invalid rows are refused with one line each on stderr
 * (`FILE:LINE: why`) and nothing is appended for them; the valid ones are appended; the exit
 * status is then 2. stdout says how many events were appended.
 */
export async function labelCommand(log: string, options: LabelOptions, io: CliIo): Promise<number> {
  const annotator = options.annotator?.trim();
  if (!annotator) throw new CliError('label needs --annotator NAME (who made the labels)');
  const single = options.organization !== undefined || options.paper !== undefined;
  if (single === (options.from !== undefined)) {
    throw new CliError('label needs exactly one of --organization NAME --category C, --paper ID --field F --value V, or --from FILE.csv');
  }
  const changes: { change: LabelChange; where: string }[] = [];
  const refused: Refusal[] = [];
  if (options.from !== undefined) {
    for (const row of await readRows(options.from)) {
      try {
        changes.push({ change: changeOf(row.kind, row.nameOrId, row.field, row.value, row.reason), where: row.where });
      } catch (error) {
        refused.push({ where: row.where, message: (error as Error).message });
      }
    }
  } else if (options.organization !== undefined) {
    if (options.paper !== undefined) throw new CliError('give --organization or --paper, not both');
    if (options.category === undefined) throw new CliError('--organization needs --category (Academia, Industry, Government, Research collective or Non-profit)');
    changes.push({ change: changeOf('organization', options.organization, 'category', options.category, options.reason), where: 'arguments' });
  } else {
    if (options.field === undefined || options.value === undefined) throw new CliError('--paper needs --field (teamSector, decision, topic or note) and --value');
    changes.push({ change: changeOf('paper', options.paper!, options.field, options.value, options.reason), where: 'arguments' });
  }
  // Every event is checked before the first is written: a bad one is refused, never half-appended.
  const events = [];
  for (const { change, where } of changes) {
    try {
      events.push(makeEvent(annotator, change));
    } catch (error) {
      refused.push({ where, message: (error as Error).message.replace(/^Invalid label event: /, '').replace(/\.$/, '') });
    }
  }
  if (single && refused.length > 0) throw new CliError(refused[0].message);
  let appended = 0;
  const place = logPlaceForCli(log);
  for (const event of events) {
    try {
      await appendEvents(log, [event], place);
    } catch (error) {
      // A refused log (a link, not a regular file) or the file system's error: one line, exit 2.
      const done = appended > 0 ? ` (${appended} ${appended === 1 ? 'event was' : 'events were'} appended before it)` : '';
      throw new CliError(`cannot append to ${escapeControls(log)}: ${escapeControls((error as Error).message)}${done}`);
    }
    appended++;
  }
  for (const r of refused.sort((a, b) => a.where.localeCompare(b.where, 'en', { numeric: true }))) io.stderr(`${r.where}: ${r.message}\n`);
  io.stdout(`${appended} ${appended === 1 ? 'event' : 'events'} appended to ${log}${refused.length ? `; ${refused.length} refused` : ''}\n`);
  return refused.length > 0 ? 2 : 0;
}

/** One label from its parts; throws with the reason a value cannot be a label. */
function changeOf(kind: string, nameOrId: string, field: string, value: string, reason: string | undefined): LabelChange {
  const name = nameOrId.trim();
  if (!name) throw new Error('the name or id is empty');
  const v = value.trim() === 'null' ? null : value.trim();
  const why = reason?.trim() ? { reason: reason.trim() } : {};
  switch (kind.trim().toLowerCase()) {
    case 'organization':
      if (field.trim() !== 'category') throw new Error(`an organization's field is "category", not ${JSON.stringify(field)}`);
      return { target: { kind: 'organization', name }, field: 'category', value: v, ...why } as LabelChange;
    case 'paper':
      return { target: { kind: 'paper', id: name }, field: field.trim(), value: v, ...why } as LabelChange;
    case 'annotator':
      return { target: { kind: 'annotator', name }, field: field.trim(), value: v, ...why } as LabelChange;
    case 'model':
      return { target: { kind: 'model', name }, field: field.trim(), value: v, ...why } as LabelChange;
    default:
      throw new Error(`kind must be organization, paper, annotator or model, not ${JSON.stringify(kind)}`);
  }
}

interface Row {
  where: string;
  kind: string;
  nameOrId: string;
  field: string;
  value: string;
  reason?: string;
}

const COLUMNS = ['kind', 'name_or_id', 'field', 'value', 'reason'];

/** The rows of a `--from` CSV (csv-parse: RFC 4180, BOM, CRLF), each with `FILE:LINE`. */
async function readRows(file: string): Promise<Row[]> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(bytes, { bom: true, relax_column_count: true, skip_empty_lines: true, info: true }) as unknown as typeof records;
  } catch (error) {
    throw new CliError(`${file} is not CSV: ${(error as Error).message}`);
  }
  const header = records[0]?.record.map((h) => h.trim().toLowerCase());
  if (!header || COLUMNS.slice(0, 4).some((c) => !header.includes(c))) {
    throw new CliError(`${file} needs the header ${COLUMNS.join(',')} (reason optional)`);
  }
  const at = (name: string) => header.indexOf(name);
  return records.slice(1).map(({ record, info }) => ({
    where: `${file}:${info.lines}`,
    kind: record[at('kind')] ?? '',
    nameOrId: record[at('name_or_id')] ?? '',
    field: record[at('field')] ?? '',
    value: record[at('value')] ?? '',
    reason: at('reason') === -1 ? undefined : record[at('reason')],
  }));
}
