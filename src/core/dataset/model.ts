/**
 * The dataset model shared by the loader, the trees, the charts and the CLI.
 *
 * Vocabulary follows Epoch AI's database of notable models and Besiroglu et al.,
 * "The Compute Divide in Machine Learning" (arXiv:2401.02452); the rules that fill these
 * shapes are in `../shared/spec/sector-and-dataset.md`.
 */

/** The five team sectors, in the order every legend, table and JSON uses (spec: team sector). */
export const TEAM_SECTORS = ['Academia', 'Industry', 'Collaboration', 'Other', 'Unknown'] as const;
export type TeamSector = (typeof TEAM_SECTORS)[number];

/** Which side a collaboration leans to (spec: team sector, rules 1 and 5). */
export type Leaning = 'academia' | 'industry' | 'balanced';

/** Organization categories a researcher can assign (spec: labels.md). */
export const ORGANIZATION_CATEGORIES = [
  'Academia',
  'Industry',
  'Government',
  'Research collective',
  'Non-profit',
] as const;
export type OrganizationCategory = (typeof ORGANIZATION_CATEGORIES)[number];

/**
 * Diagnostic kinds of the spec (sector-and-dataset.md, "Diagnostics"), then the loader's bounds
 * (issue #9): `record-too-large` (a record over 10 MB, skipped) and `list-too-long` (a list cell of
 * more than 10,000 parts, the first 10,000 kept).
 */
export const DIAGNOSTIC_KINDS = [
  'csv-syntax',
  'ragged-row',
  'empty-name',
  'duplicate-name',
  'bad-date',
  'bad-number',
  'unknown-category',
  'length-mismatch',
  'encoding',
  'record-too-large',
  'list-too-long',
] as const;
export type DiagnosticKind = (typeof DIAGNOSTIC_KINDS)[number];

/**
 * One problem found while reading a dataset. `line` is 1-based (as the editor counts) and is the
 * line where the record starts; `column` is the header name when the problem concerns one cell;
 * `raw` is the cell's text as read. `position` is where the cell itself starts (1-based line and
 * character column), when known, so the Problems panel can point at the cell.
 */
export interface DatasetDiagnostic {
  kind: DiagnosticKind;
  line: number;
  column?: string;
  raw?: string;
  message: string;
  position?: { line: number; column: number };
}

/** One model/paper as read from a row, normalised. Units: FLOP for compute, a count for parameters. */
export interface Paper {
  /** Unique within a dataset: the name, ` #k` for later duplicates, `(unnamed, line N)` (spec: ids). */
  id: string;
  /** Display name: trimmed, inner white space folded to one space. */
  name: string;
  /** 1-based line in the source file where the record starts. */
  line: number;
  /** Organization names, split on commas, trimmed, empty parts dropped. */
  organizations: string[];
  /** Category parts as written in the table (trimmed, empty dropped), before labels. */
  categories: string[];
  /** Per organization: its category from this row, or undefined where alignment is unknown. */
  organizationCategories: (string | undefined)[];
  /** True when the organization and category lists of a list-style file disagree in length. */
  lengthMismatch: boolean;
  teamSector: TeamSector;
  /** Only for Collaboration. */
  leaning?: Leaning;
  /**
   * Where the team sector came from: the categories, a `Team sector` column override, a paper
   * label, or (works of the researcher's literature) the authors' affiliations (`work.sector`).
   */
  teamSectorSource: 'categories' | 'team-sector-column' | 'label' | 'affiliations';
  /** ISO `YYYY-MM-DD`, or undefined when empty or unreadable. */
  publicationDate?: string;
  domains: string[];
  tasks: string[];
  /** Training compute in FLOP (> 0), or undefined. */
  trainingComputeFlop?: number;
  parameters?: number;
  authors: string;
  link: string;
  reference: string;
  citations?: number;
  notabilityCriteria: string[];
  modelAccessibility: string;
  baseModel: string;
  country: string;
  abstract: string;
  /** Every cell of the row by header name (trimmed), for the details view and export. */
  cells: Record<string, string>;
  /**
   * The work of the researcher's literature behind this paper (src/core/sources/literature.ts):
   * for a work read from BibTeX, RIS, CSL-JSON, arXiv, OpenAlex or Semantic Scholar, its merged
   * record and the evidence of its sector and topics; for an Epoch row that a library work joined
   * (same DOI or arXiv id), that work too. Absent for a plain Epoch row.
   */
  work?: PaperWork;
}

/**
 * What a paper knows of its work (declared structurally here so that `model.ts` stays the root of
 * the dataset's types; the full types are in src/core/sources/ and src/core/sector/).
 */
export interface PaperWork {
  /** `literature`: the paper is the work; `joined`: an Epoch row that a library work joined. */
  kind: 'literature' | 'joined';
  /** The merged work (`MergedWork` of src/core/sources/duplicates.ts). */
  work: import('../sources/duplicates').MergedWork;
  /** Its sector with the evidence (`workTeamSector`); for `joined`, the Epoch row's sector rules apply instead. */
  sector?: import('../sector/workSector').WorkSector;
  /** Its domains and where they came from (`workTopics`). */
  topics?: import('../sources/topics').WorkTopics;
  /** Ids of works that may be the same (same normalised title, years at most one apart). */
  possibleDuplicates: string[];
}

/** A loaded dataset: what was read, how, and what went wrong. */
export interface Dataset {
  /** Absolute path or a display name of the source. */
  source: string;
  /** Header names as written (trimmed, BOM dropped). */
  headers: string[];
  /** The field delimiter detected from the header line. */
  delimiter: ',' | ';' | '\t';
  /** The text encoding the bytes were read in. */
  encoding: 'utf-8' | 'windows-1252' | 'utf-16';
  /** True when categories are per-organization lists (2024+ exports). */
  listStyle: boolean;
  papers: Paper[];
  diagnostics: DatasetDiagnostic[];
  /** With the researcher's literature combined in (`combineLiterature`): what re-deriving works' sectors needs. */
  literature?: import('../sources/literature').LiteratureContext;
}
