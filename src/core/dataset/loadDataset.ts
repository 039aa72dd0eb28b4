import { LIST_PARTS_MAX, normaliseName, parseNumber, parsePublicationDate, parseTrainingCompute, splitListCapped } from './cells';
import { resolveColumns, type ColumnMap } from './columns';
import { decodeText, parseCsv, type CsvRecord, type CsvTable } from './csvTable';
import { HEAD_BYTES, isBlank, judgeHead, notEpochHeaderReason } from './epochHeader';
import { assignPaperIds } from './ids';
import type { Dataset, DatasetDiagnostic, Paper } from './model';
import { canonicalCategory, deriveTeamSector, isCollaborationLabel, parseTeamSectorCell } from '../sector/teamSector';
import { cellPosition } from './cellPosition';
import { cellsLayout, defineRowCells } from './rowCells';

/**
 * Thrown when a file is not an Epoch table (no name column, no other Epoch column, empty, binary,
 * or not CSV). The message is one sentence meant for the user (spec: "say so in one clear sentence,
 * load nothing, change nothing").
 */
export class NotEpochTableError extends Error {
  constructor(
    readonly source: string,
    readonly reason: string,
  ) {
    super(`${source} is not an Epoch AI model table: ${reason}.`);
  }
}

/**
 * The most records a table may have (issue #9: a few MB of one-character rows took gigabytes).
 * Epoch's tables have a few thousand rows; the product is tested and measured at 100,000.
 */
export const MAX_DATASET_ROWS = 300_000;

/**
 * Load an Epoch AI model table from the bytes of a CSV file, in any of Epoch's schema eras
 * (2022–23 "Parameter, Compute and Data Trends" sheets, the 2023 Airtable export, the 2024+
 * exports, a spreadsheet re-save), following `../shared/spec/sector-and-dataset.md` to the letter:
 * encoding and delimiter detection, trimmed cells, ragged rows kept by position, dates and numbers
 * in every form, ids for duplicate and empty names, the team-sector rule, organization ↔ category
 * alignment and a `Team sector` column override. Never drops a row: every unreadable cell becomes a
 * diagnostic (kind, line where the record starts, column name, raw text).
 *
 * @param bytes the file's content
 * @param source the path shown in messages and diagnostics
 * @throws NotEpochTableError when the bytes are not an Epoch table (empty, binary, no name column)
 */
export function loadDataset(bytes: Uint8Array, source: string): Dataset {
  // The same judgement a reader makes on the first 64 KiB before reading the rest (readDatasetFrom).
  const refused = judgeHead(bytes.subarray(0, HEAD_BYTES), bytes.length <= HEAD_BYTES);
  if (refused !== undefined) throw new NotEpochTableError(source, refused);
  const decoded = decodeText(bytes);
  if (isBlank(decoded.bytes)) throw new NotEpochTableError(source, 'the file is empty');
  const table = parseCsv(decoded.bytes, decoded.encoding);
  if (!table.header) throw new NotEpochTableError(source, 'it has no header line');
  if (table.records.length > MAX_DATASET_ROWS) {
    throw new NotEpochTableError(source, `it has ${table.records.length.toLocaleString('en-US')} records, more than the ${MAX_DATASET_ROWS.toLocaleString('en-US')} Compute Divide loads (Epoch AI's tables have a few thousand; each loaded row costs about 2 KB of memory)`);
  }
  const headers = table.header.fields.map((h) => h.trim());
  const columns = resolveColumns(headers);
  const reason = notEpochHeaderReason(columns);
  if (reason !== undefined) throw new NotEpochTableError(source, reason);
  return buildDataset(table, headers, columns, source, decoded.diagnostics);
}

function buildDataset(table: CsvTable, headers: string[], columns: ColumnMap, source: string, decodeDiagnostics: DatasetDiagnostic[]): Dataset {
  const diagnostics: DatasetDiagnostic[] = [...decodeDiagnostics];
  const width = headers.length;
  const records = table.records;

  const categoriesByRow = records.map((r) => splitListCapped(cellAt(r.fields, columns.categories)));
  const listStyle = categoriesByRow.some((list) => list.parts.length >= 2);
  const layout = cellsLayout(headers);
  const ids = assignPaperIds(records.map((r) => ({ name: normaliseName(cellAt(r.fields, columns.name)), line: r.line })));
  const columnName = (key: keyof ColumnMap): string => headers[columns[key]!];

  const report = new RowReport(table);
  const papers: Paper[] = new Array<Paper>(records.length);
  for (let row = 0; row < records.length; row++) {
    const record = records[row];
    const fields = record.fields;
    report.start(record);
    const name = normaliseName(cellAt(fields, columns.name));
    const id = ids[row];
    if (id.kind === 'empty') report.add({ kind: 'empty-name', column: columnName('name'), raw: '', message: `Row has no name; it is listed as "${id.id}".` }, columns.name);
    if (id.kind === 'duplicate')
      report.add({ kind: 'duplicate-name', column: columnName('name'), raw: name, message: `"${clip(name)}" already names an earlier row; this row is listed as "${clip(id.id)}".` }, columns.name);

    const organizations = listCell(fields, columns.organizations, headers, report);
    const categories = listCell(fields, columns.categories, headers, report, categoriesByRow[row]);
    const domains = listCell(fields, columns.domains, headers, report);
    const tasks = listCell(fields, columns.tasks, headers, report);
    const notabilityCriteria = listCell(fields, columns.notabilityCriteria, headers, report);
    const sector = deriveTeamSector(categories);
    for (const part of sector.unknownParts)
      report.add({ kind: 'unknown-category', column: columnName('categories'), raw: part, message: `Unknown organization category "${clip(part)}"; it counts as Other.` }, columns.categories);

    const alignment = alignCategories(organizations, categories, listStyle, sector.collaborationLabel);
    if (alignment.lengthMismatch)
      report.add(
        {
          kind: 'length-mismatch',
          column: columnName('categories'),
          raw: cellAt(fields, columns.categories),
          message: `Organization/category length mismatch (${organizations.length} organizations, ${categories.length} categories): which category belongs to which organization is unknown. The row needs review.`,
        },
        columns.categories,
      );

    const dateCell = cellAt(fields, columns.publicationDate);
    const date = parsePublicationDate(dateCell);
    if (!date.ok) report.add({ kind: 'bad-date', column: columnName('publicationDate'), raw: dateCell, message: `Unreadable publication date "${clip(dateCell)}" (expected YYYY-MM-DD, DD/MM/YYYY or DD-MM-YYYY).` }, columns.publicationDate);
    const computeCell = cellAt(fields, columns.trainingCompute);
    const compute = parseTrainingCompute(computeCell);
    if (!compute.ok)
      report.add({ kind: 'bad-number', column: columnName('trainingCompute'), raw: computeCell, message: `Unreadable training compute "${clip(computeCell)}" (expected a positive number of FLOP, e.g. 3.1e23).` }, columns.trainingCompute);
    const parametersCell = cellAt(fields, columns.parameters);
    const parameters = parseNumber(parametersCell);
    if (!parameters.ok)
      report.add({ kind: 'bad-number', column: columnName('parameters'), raw: parametersCell, message: `Unreadable parameter count "${clip(parametersCell)}" (expected a number, e.g. 1.75e11); the cell is left empty.` }, columns.parameters);
    const citationsCell = cellAt(fields, columns.citations);
    const citations = parseNumber(citationsCell);
    if (!citations.ok) report.add({ kind: 'bad-number', column: columnName('citations'), raw: citationsCell, message: `Unreadable citation count "${clip(citationsCell)}" (expected a number); the cell is left empty.` }, columns.citations);

    let teamSector = sector.teamSector;
    let leaning = sector.leaning;
    let teamSectorSource: Paper['teamSectorSource'] = 'categories';
    const teamSectorCell = cellAt(fields, columns.teamSector);
    const override = parseTeamSectorCell(teamSectorCell);
    if (override === undefined && teamSectorCell !== '')
      report.add(
        {
          kind: 'unknown-category',
          column: columnName('teamSector'),
          raw: teamSectorCell,
          message: `Unknown team sector "${clip(teamSectorCell)}" in the Team sector column (expected Academia, Industry, Collaboration, Other or Unknown); the sector derived from the categories is used.`,
        },
        columns.teamSector,
      );
    if (override !== undefined && override !== teamSector) {
      teamSector = override;
      leaning = undefined;
      teamSectorSource = 'team-sector-column';
    }

    if (fields.length !== width) {
      // Shifted cells would raise a cascade of misleading diagnostics: report only the field count.
      report.rowDiagnostics.length = 0;
      report.add({
        kind: 'ragged-row',
        raw: fields.join(table.delimiter).slice(0, 200),
        message: `Row has ${fields.length} fields but the header has ${width}; it was read by position (${fields.length > width ? 'surplus fields ignored' : 'missing cells left empty'}). An unquoted comma in a name, or a truncated line, usually causes this.`,
      });
    }
    for (const d of report.rowDiagnostics) diagnostics.push(d);

    const paper: Omit<Paper, 'cells'> = {
      id: id.id,
      name,
      line: record.line,
      organizations,
      categories,
      organizationCategories: alignment.organizationCategories,
      lengthMismatch: alignment.lengthMismatch,
      teamSector,
      teamSectorSource,
      domains,
      tasks,
      authors: cellAt(fields, columns.authors),
      link: cellAt(fields, columns.link),
      reference: cellAt(fields, columns.reference),
      notabilityCriteria,
      modelAccessibility: cellAt(fields, columns.modelAccessibility),
      baseModel: cellAt(fields, columns.baseModel),
      country: cellAt(fields, columns.country),
      abstract: cellAt(fields, columns.abstract),
    };
    defineRowCells(paper, fields, layout);
    if (leaning) paper.leaning = leaning;
    if (date.ok && date.value) paper.publicationDate = date.value;
    if (compute.ok && compute.value !== undefined) paper.trainingComputeFlop = compute.value;
    if (parameters.ok && parameters.value !== undefined) paper.parameters = parameters.value;
    if (citations.ok && citations.value !== undefined) paper.citations = citations.value;
    papers[row] = paper;
  }

  return { source, headers, delimiter: table.delimiter, encoding: table.encoding, listStyle, papers, diagnostics: [...table.diagnostics, ...diagnostics].sort((a, b) => a.line - b.line) };
}

/** The diagnostics of the row being read; one per load, restarted per row (no closure per row on the hot path). */
class RowReport {
  readonly rowDiagnostics: DatasetDiagnostic[] = [];
  private record: CsvRecord | undefined;
  constructor(private readonly table: CsvTable) {}

  start(record: CsvRecord): void {
    this.record = record;
    this.rowDiagnostics.length = 0;
  }

  /** A diagnostic on the current row; `fieldIndex` places it at the cell (line and column). */
  add(d: Omit<DatasetDiagnostic, 'line'>, fieldIndex?: number): void {
    const record = this.record!;
    const position = fieldIndex === undefined ? undefined : cellPosition(this.table, record, fieldIndex);
    this.rowDiagnostics.push({ ...d, ...(d.raw !== undefined ? { raw: clip(d.raw) } : {}), line: record.line, ...(position ? { position } : {}) });
  }
}

/**
 * A list cell's parts, split as `splitListCapped` does (or `split`, when the caller split it
 * already); at most 10,000 (issue #9): the first ones, and a `list-too-long` diagnostic.
 */
function listCell(fields: readonly string[], index: number | undefined, headers: readonly string[], report: RowReport, split?: { parts: string[]; truncated: boolean }): string[] {
  if (index === undefined) return [];
  const raw = cellAt(fields, index);
  const listed = split ?? splitListCapped(raw);
  if (listed.truncated)
    report.add(
      { kind: 'list-too-long', column: headers[index], raw: raw.slice(0, 200), message: `This list has more than ${LIST_PARTS_MAX.toLocaleString('en-US')} comma-separated parts; the first ${LIST_PARTS_MAX.toLocaleString('en-US')} were kept.` },
      index,
    );
  return listed.parts;
}

/** The trimmed cell at `index` of a record's fields; empty when the file has no such column or the row is short. */
function cellAt(fields: readonly string[], index: number | undefined): string {
  if (index === undefined || index >= fields.length) return '';
  return fields[index].trim();
}

/**
 * Organization ↔ category alignment (spec "Organization ↔ category alignment"): in a list-style
 * file an aligned row gives each organization its own category; a length mismatch leaves every
 * organization without one. In a file with one team label per row, `Academia` or `Industry` (or a
 * row with a single organization) gives every organization that label.
 */
export function alignCategories(
  organizations: readonly string[],
  categories: readonly string[],
  listStyle: boolean,
  collaborationLabel: boolean,
): { organizationCategories: (string | undefined)[]; lengthMismatch: boolean } {
  const none = organizations.map(() => undefined);
  if (categories.length === 0) return { organizationCategories: none, lengthMismatch: false };
  if (listStyle) {
    if (collaborationLabel) return { organizationCategories: none, lengthMismatch: false };
    if (organizations.length !== categories.length) return { organizationCategories: none, lengthMismatch: true };
    return { organizationCategories: categories.map((c) => canonicalCategory(c)), lengthMismatch: false };
  }
  const label = categories[0];
  if (categories.length !== 1 || isCollaborationLabel(label)) return { organizationCategories: none, lengthMismatch: false };
  const canonical = canonicalCategory(label);
  if (canonical === undefined) return { organizationCategories: none, lengthMismatch: false };
  if (canonical === 'Academia' || canonical === 'Industry' || organizations.length === 1)
    return { organizationCategories: organizations.map(() => canonical), lengthMismatch: false };
  return { organizationCategories: none, lengthMismatch: false };
}

/** Raw text in a diagnostic is cut to 200 characters: a 10 MB cell must not make a 10 MB message. */
function clip(text: string): string {
  return text.length <= 200 ? text : `${text.slice(0, 199)}…`;
}
