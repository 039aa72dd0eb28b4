/**
 * The `summary` of several sources (spec cli.md, "Sources other than Epoch tables"): records read
 * per file and over all files, the works after merging, possible duplicates, and counts of the
 * works with a year, with affiliations, with training compute and per team sector (labels applied).
 */
import { TEAM_SECTORS, type Dataset, type Paper, type TeamSector } from '../dataset/model';
import type { FileReading, Literature } from './literature';

/** One file of a literature summary. */
export interface FileSummary {
  /** The file as the user named it. */
  file: string;
  /** The format read (`bibtex`, `ris`, `csl-json`, `arxiv-atom`, `arxiv-oai`, `openalex`, `s2-paper`, `s2-author`, `epoch-csv`), or `institutions` / `unknown`. */
  format: string;
  records: number;
  /** Diagnostics per kind (only kinds that occur), the Epoch loader's and the importer's together. */
  diagnostics: Record<string, number>;
}

/** The JSON of `compute-divide summary` over several files or any non-Epoch file (cli.md). */
export interface LiteratureSummary {
  /** Records read over all files (= `records`; the Epoch key of the same name). */
  rows: number;
  records: number;
  /** Works after merging: what the tree shows (each Epoch row, and each work of the literature that no row joined). */
  works: number;
  possibleDuplicates: number;
  files: FileSummary[];
  /** Works with at least a publication year. */
  withYear: number;
  /** Works whose publication date is known to the day (an Epoch row's publication date is). */
  withDate: number;
  /** Works with training compute (Epoch rows, also those a library work joined). */
  withCompute: number;
  /** Works with at least one author who has a raw affiliation string or an institution in a source. */
  withAffiliations: number;
  teamSector: Record<TeamSector, number>;
  /** Diagnostics per kind over all files. */
  diagnostics: Record<string, number>;
}

/** The format name a summary gives a file: its literature format, `epoch-csv`, `institutions` or `unknown`. */
export function fileFormat(reading: FileReading): string {
  if (reading.format) return reading.format;
  return reading.kind === 'institutions' ? 'institutions' : 'unknown';
}

/** Every diagnostic of a file: the importer's, and for an Epoch table the loader's (cell problems). */
export function fileDiagnostics(reading: FileReading): { kind: string; line: number; message: string; column?: unknown; position?: { line: number; column: number } }[] {
  return [...(reading.dataset?.diagnostics ?? []), ...reading.diagnostics];
}

/**
 * Whether a paper of the combined dataset has per-author affiliation evidence from its sources:
 * some author of its work (the merged work of a library paper, or the work that joined an Epoch
 * row) has a raw affiliation string or an institution. An Epoch row's `Organization` cell is not
 * per-author evidence and does not count; neither does a paper `organizations` label (its effect
 * shows in the team sectors).
 */
export function hasAffiliations(paper: Paper): boolean {
  const authors = paper.work?.work.authors ?? [];
  return authors.some((a) => a.affiliations.length > 0 || a.institutions.length > 0);
}

/**
 * Summarise combined sources (`combineLiterature`) with labels applied to its dataset: `records`
 * (and `rows`) the records read over all files (works, Epoch rows, institutions), `works` the
 * papers of the combined dataset (an Epoch row counts once, also when a library work joined it; a
 * library work that joined several rows, the model sizes of one paper, shows as those rows), and
 * over the same works `withYear`, `withDate` (day precision), `withCompute`, `withAffiliations`
 * (`hasAffiliations`) and `teamSector` (all five sectors in the spec's order, after labels, so they
 * add up to `works`); `possibleDuplicates` the pairs listed for review; per file its format, records
 * and diagnostics per kind, and the kinds over all files. Pure; spec cli.md.
 *
 * @param literature the files read and combined
 * @param labelled `literature.dataset` with labels applied (or the dataset itself without labels)
 */
export function summarizeLiterature(literature: Literature, labelled: Dataset = literature.dataset): LiteratureSummary {
  const teamSector = Object.fromEntries(TEAM_SECTORS.map((s) => [s, 0])) as Record<TeamSector, number>;
  let withYear = 0;
  let withDate = 0;
  let withCompute = 0;
  let withAffiliations = 0;
  for (const paper of labelled.papers) {
    teamSector[paper.teamSector]++;
    if (paper.publicationDate !== undefined) {
      withYear++;
      const date = paper.work?.kind === 'literature' ? paper.work.work.date : undefined;
      if (!date || date.day !== undefined) withDate++;
    }
    if (paper.trainingComputeFlop !== undefined) withCompute++;
    if (hasAffiliations(paper)) withAffiliations++;
  }
  const total: Record<string, number> = {};
  const files = literature.files.map((reading) => {
    const diagnostics: Record<string, number> = {};
    for (const d of fileDiagnostics(reading)) {
      diagnostics[d.kind] = (diagnostics[d.kind] ?? 0) + 1;
      total[d.kind] = (total[d.kind] ?? 0) + 1;
    }
    return { file: reading.file, format: fileFormat(reading), records: reading.records, diagnostics };
  });
  const records = files.reduce((n, f) => n + f.records, 0);
  return {
    rows: records,
    records,
    works: labelled.papers.length,
    possibleDuplicates: literature.possible.length,
    files,
    withYear,
    withDate,
    withCompute,
    withAffiliations,
    teamSector,
    diagnostics: total,
  };
}
