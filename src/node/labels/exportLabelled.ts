/**
 * Export: the labelled dataset as a CSV in the input's own schema, and the labels as CSV
 * (issue "Export"; the `Team sector` column's meaning on reload is sector-and-dataset.md's).
 */
import { lstat, open, realpath } from 'node:fs/promises';
import * as path from 'node:path';
import { freshPath, writeFileAtomic } from '../atomicWrite';
import { resolveColumns } from '../../core/dataset/columns';
import { stringifyCsv, tableCell } from '../../core/dataset/csvWrite';
import { decodeText, parseCsv } from '../../core/dataset/csvTable';
import type { Dataset } from '../../core/dataset/model';
import { applyLabels, formatProvenance, type LabelledDataset } from '../../core/labels/applyLabels';
import type { LabelEvent } from '../../core/labels/event';
import { formatPaperDisputes, isDisputed, paperDisputes } from '../../core/labels/disputed';
import type { LabelState } from '../../core/labels/fold';
import { organizationKey, paperKey } from '../../core/labels/keys';
import type { ParsedEvent } from '../../core/labels/parseLog';

export interface LabelledExport {
  /** The CSV text (UTF-8, no BOM, `\n` record ends, the input's delimiter). */
  text: string;
  rows: number;
  /** Rows whose `Organization categorization` cell the labels changed. */
  changedCategories: number;
  /** Things the user should know (e.g. a file that becomes list-style). */
  notes: string[];
}

const TEAM_SECTOR = 'Team sector';
const PROVENANCE = 'Label provenance';
const CATEGORIES = 'Organization categorization';
const DECISION = 'Decision';
const DISPUTED = 'Disputed';

/**
 * Write the labelled dataset as CSV in the input's own schema: the original header (every column,
 * same order, same spelling) and each record's original cells, with `Organization categorization`
 * set to the effective categories where labels changed them (rules 1–2 of labels.md: one category
 * per organization, joined by `,`), and the columns `Team sector` (the effective sector, all five
 * values) and `Label provenance` (`formatProvenance`) overwritten where the header has them
 * (matched case-insensitively) and added at the end otherwise; a missing categories column is
 * added too. Two more columns, overwritten or added the same way: `Decision` (the paper's
effective decision, `include`, `exclude` or `maybe`, empty when undecided) and `Disputed` (what
about the paper is disputed, `formatPaperDisputes`: its own fields and its organizations'
categories where annotators differ and no adjudicator decided; empty when nothing is; the values
in the other columns are then the latest annotator's, as labels.md says). Loading the result with `loadDataset` gives every paper the same effective team
 * sector: a sector that the categories do not imply is carried by the `Team sector` column,
 * which the loader reads as a paper-level override.
 *
 * Details: short records are padded to the header's width; surplus fields of a ragged record are
 * kept after the added columns, so the loader still reads the row by position and still reports
 * it. Cells the labels did not change are written as they were read, except that a cell starting
 * like a spreadsheet formula (`=`, `+`, `@`, tab, CR, or `-` unless it is a plain negative number)
 * gets a leading `'` (OWASP CSV injection; `stringifyCsv`): reloading keeps the `'` (an
 * organization `=SUM(A1)` comes back as `'=SUM(A1)`), while every paper keeps its team sector,
 * which the `Team sector` column carries. When labels turn a
 * one-label-per-team file (2022–2023) into a list-style one (a row now has one category per
 * organization), untouched rows that carry one team label beside several organizations become
 * length mismatches on reload (rule 3 keeps their sector, with or without the labels); `notes`
 * says how many. Expanding such a label to one per organization was rejected: in a list-style
 * file the expanded row would be aligned, so the same labels applied again could change it.
 *
 * @param original the bytes the dataset was loaded from
 * @param dataset the dataset `loadDataset(original)` returned
 * @param state folded labels (or an already labelled dataset)
 * @param labels the fold behind an already labelled `state`, for the `Disputed` column (without it
 *   that column stays empty); not needed when `state` is the fold itself
 * @throws Error when `original` does not hold the dataset's records
 */
export function exportLabelledCsv(original: Uint8Array, dataset: Dataset, state: LabelState | LabelledDataset, labels?: LabelState): LabelledExport {
  const labelled = 'original' in state ? state : applyLabels(dataset, state);
  const fold = 'original' in state ? labels : state;
  const table = parseCsv(decodeText(original).bytes);
  if (!table.header || table.records.length !== labelled.papers.length)
    throw new Error(`The file's records (${table.records.length}) do not match the dataset's papers (${labelled.papers.length}); reload the dataset and export again.`);
  const header = [...table.header.fields];
  const width = header.length;
  const trimmed = header.map((h) => h.trim().toLowerCase());
  const columns = resolveColumns(header.map((h) => h.trim()));
  const columnOf = (name: string, known: number | undefined): number => {
    if (known !== undefined) return known;
    const at = trimmed.indexOf(name.toLowerCase());
    if (at !== -1) return at;
    header.push(name);
    return header.length - 1;
  };
  const categoriesAt = columnOf(CATEGORIES, columns.categories);
  const sectorAt = columnOf(TEAM_SECTOR, columns.teamSector);
  const provenanceAt = columnOf(PROVENANCE, undefined);
  const decisionAt = columnOf(DECISION, undefined);
  const disputedAt = columnOf(DISPUTED, undefined);
  const notes: string[] = [];
  if (!dataset.listStyle && labelled.papers.some((p) => p.categories.length >= 2)) {
    const single = labelled.papers.filter((p) => p.categories.length === 1 && p.organizations.length > 1 && p.provenance.categories === 'table').length;
    notes.push(
      `Labels give some rows one category per organization, so the exported file has list-style categories (as Epoch's 2024+ exports do); ${single} row${single === 1 ? '' : 's'} with one team label beside several organizations will show as length mismatches until their organizations are labelled.`,
    );
  }

  let changedCategories = 0;
  const rows = table.records.map((record, i) => {
    const paper = labelled.papers[i];
    const loaded = dataset.papers[i];
    const fields = record.fields.slice(0, width);
    while (fields.length < header.length) fields.push('');
    const surplus = record.fields.slice(width);
    if (paper.provenance.categories !== 'table' && paper.categories.join(',') !== loaded.categories.join(',')) {
      fields[categoriesAt] = paper.categories.join(',');
      changedCategories++;
    }
    fields[sectorAt] = paper.teamSector;
    fields[provenanceAt] = formatProvenance(paper.provenance);
    fields[decisionAt] = paper.labels?.decision?.value ?? '';
    fields[disputedAt] = fold ? formatPaperDisputes(paperDisputes(loaded, fold)) : '';
    return [...fields, ...surplus];
  });
  // Formula escaping (OWASP): a text cell starting with = + - @ tab CR is written with a leading
  // `'`; plain negative numbers (`tableCell`) are kept as they are.
  const text = stringifyCsv([header, ...rows].map((row) => row.map(tableCell)), { delimiter: dataset.delimiter, record_delimiter: 'unix' });
  return { text, rows: rows.length, changedCategories, notes };
}

/**
 * The label events as CSV, one row per event in the order given: `line` (in the log, empty when
 * unknown), `id`, `ts`, `annotator`, `target kind`, `target` (organization or annotator name, or
 * paper id), `field`, `value` (empty for a retraction), `retraction` (`yes`/empty), `reason`,
 * `date` and `organizations` (of a paper target, organizations joined by `; `), and `disputed`:
 * `yes` when the event's (target, field) is disputed now in `state` (`isDisputed`: annotators'
 * current values differ, no adjudicator has one), empty otherwise or without `state`. Text that
 * starts like a spreadsheet formula gets a leading `'` (`stringifyCsv`).
 */
export function labelsCsv(events: readonly (ParsedEvent | LabelEvent)[], state?: LabelState): string {
  const header = LABELS_CSV_HEADER;
  const disputed = new Set<string>();
  for (const f of state?.fields ?? []) if (isDisputed(f)) disputed.add(`${f.kind}\u241f${f.field}\u241f${f.key}`);
  const rows = events.map((item) => {
    const [event, line] = 'event' in item ? [item.event, String(item.line)] : [item, ''];
    const t = event.target;
    const target = t.kind === 'paper' ? t.id : t.name;
    const date = t.kind === 'paper' ? (t.date ?? '') : '';
    const organizations = t.kind === 'paper' ? (t.organizations ?? []).join('; ') : '';
    const key = t.kind === 'organization' ? organizationKey(t.name) : t.kind === 'paper' ? paperKey(t.id) : '';
    const isDisputedNow = t.kind !== 'annotator' && disputed.has(`${t.kind}\u241f${event.field}\u241f${key}`);
    return [line, event.id, event.ts, event.annotator, t.kind, target, event.field, Array.isArray(event.value) ? event.value.join('; ') : (event.value ?? ''), event.value === null ? 'yes' : '', event.reason ?? '', date, organizations, isDisputedNow ? 'yes' : ''];
  });
  return stringifyCsv([header, ...rows], { record_delimiter: 'unix' });
}

const LABELS_CSV_HEADER = ['line', 'id', 'ts', 'annotator', 'target kind', 'target', 'field', 'value', 'retraction', 'reason', 'date', 'organizations', 'disputed'];
/** The header of labels CSVs written before the `disputed` column: still an earlier export, replaceable. */
const OLD_LABELS_CSV_HEADER = LABELS_CSV_HEADER.slice(0, -1);

/**
 * Where the labels CSV of an export goes: `<export name>.labels.csv` beside the exported table.
 * An existing file there is replaced only when it is itself a labels CSV (its first line is the
 * header `labelsCsv` writes: an earlier export of the same table); any other file is kept, and a
 * fresh name is chosen instead (`<name>.labels_2026-11-29.csv`, then `_2`, `_3`…), so an export
 * never overwrites a file the user made.
 *
 * @param exportFile the exported table's path
 * @param date today's date as `YYYY-MM-DD` (for a fresh name)
 */
export async function labelsCsvPath(exportFile: string, date: string): Promise<string> {
  const preferred = exportFile.replace(/(\.csv)?$/i, '.labels.csv');
  const firstLine = await readFirstLine(preferred);
  if (firstLine === undefined || firstLine === LABELS_CSV_HEADER.join(',') || firstLine === OLD_LABELS_CSV_HEADER.join(',')) return preferred;
  const exists = async (p: string): Promise<boolean> => (await readFirstLine(p)) !== undefined;
  return freshPath(path.dirname(preferred), path.basename(preferred), date, exists);
}

/**
 * The first line of a regular file (at most 1 KiB); undefined when nothing is at that path; `null`
 * for anything else there (a folder, a symbolic link, even a broken one), which is never replaced.
 */
async function readFirstLine(file: string): Promise<string | undefined | null> {
  try {
    if (!(await lstat(file)).isFile()) return null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead).toString('utf8').split(/\r?\n/)[0];
  } finally {
    await handle.close();
  }
}

/** Thrown when an export would replace its own source file without the user's confirmation. */
export class SourceOverwriteError extends Error {}

/**
 * Write export text to `target` atomically (temporary file, fsync, rename: `writeFileAtomic`).
 * The dataset's source file is never replaced unless `overwriteSourceConfirmed` is true (the user
 * said so); paths are compared after resolving symbolic links.
 *
 * @throws SourceOverwriteError when `target` is the source and the overwrite is not confirmed;
 *   the file system's error otherwise
 */
export async function saveExport(target: string, text: string, options: { sourcePath: string; overwriteSourceConfirmed?: boolean }): Promise<void> {
  const resolve = async (p: string): Promise<string> => realpath(p).catch(() => path.resolve(p));
  if (!options.overwriteSourceConfirmed && (await resolve(target)) === (await resolve(options.sourcePath)))
    throw new SourceOverwriteError(`${target} is the dataset's own file; export to another file, or confirm that it may be replaced.`);
  await writeFileAtomic(target, Buffer.from(text, 'utf8'));
}
