/**
 * The source-neutral record of the literature (spec imports.md "A work"): whatever file it came
 * from (an Epoch table, BibTeX, RIS, CSL-JSON, arXiv, OpenAlex, Semantic Scholar), a work has a
 * title, authors with their affiliations and institutions, a publication date, identifiers,
 * topics and the provenance of every source it was read from. Importers (`importer.ts`) turn bytes
 * into works plus diagnostics; the team sector is derived afterwards from affiliation evidence
 * (`src/core/sector/`), never by the importer.
 */

import type { Paper } from '../dataset/model';

/** Every format the importers recognise (imports.md "Sources and formats"). */
export const SOURCE_FORMATS = ['epoch-csv', 'bibtex', 'ris', 'csl-json', 'arxiv-atom', 'arxiv-oai', 'openalex', 's2-paper', 's2-author'] as const;
export type SourceFormat = (typeof SOURCE_FORMATS)[number];

/** What a user reads for each format (diagnostics, the details view's "read from"). */
export const SOURCE_FORMAT_NAMES: Record<SourceFormat, string> = {
  'epoch-csv': 'Epoch table (CSV)',
  bibtex: 'BibTeX / BibLaTeX',
  ris: 'RIS',
  'csl-json': 'CSL-JSON',
  'arxiv-atom': 'arXiv API (Atom)',
  'arxiv-oai': 'arXiv OAI-PMH',
  openalex: 'OpenAlex',
  's2-paper': 'Semantic Scholar paper',
  's2-author': 'Semantic Scholar author',
};

/** An institution an author is affiliated with, as far as the source identifies it. */
export interface Institution {
  /** Display name as the source gives it. */
  name: string;
  /** ROR id, normalised to the bare 9-character id (`05wx9n238`). */
  ror?: string;
  /** OpenAlex institution id (`I136199984`). */
  openalex?: string;
  /** The source's institution type, lower-cased (`education`, `company`, …: OpenAlex and ROR vocabularies). */
  type?: string;
  /** ISO 3166-1 alpha-2 country code, upper-cased. */
  country?: string;
}

/** One author in the work's author order. */
export interface Author {
  /** The name as displayed: "Given Family" where the source splits it, else as written. */
  name: string;
  family?: string;
  given?: string;
  /** Raw affiliation strings as written in the source (arXiv `<arxiv:affiliation>`, OpenAlex raw strings, S2 affiliations). */
  affiliations: string[];
  /** Institutions the source identifies (OpenAlex authorships); resolvers may add more from the raw strings. */
  institutions: Institution[];
}

/** A publication date at day, month or year precision. */
export interface WorkDate {
  year: number;
  month?: number;
  day?: number;
}

/** Where a work was read from: one entry per source that contributed to it. */
export interface Provenance {
  /** The file name or URI as the user named it. */
  source: string;
  format: SourceFormat;
  /** 1-based line of the record's start, where the format has lines. */
  line?: number;
  /** 0-based index of the record in the file (entry, item, `<entry>`, JSON Lines line …). */
  index: number;
  /** The citation key (BibTeX, CSL `id`/`citation-key`), the S2 paperId… when the source has one. */
  key?: string;
  /** For Semantic Scholar snowballing: this work cites, or is cited by, the work with this id. */
  relation?: { kind: 'cites' | 'cited-by'; of: string };
}

/** A work of the literature (imports.md "A work"). */
export interface Work {
  /** Stable id: the first identifier in the order doi, arxiv, openalex, s2, pmid; else `<file name>#<key or index>` (`workId`). */
  id: string;
  title: string;
  authors: Author[];
  date?: WorkDate;
  venue?: string;
  abstract?: string;
  /** Normalised identifiers (`doi:10.…`, `arxiv:2401.02452`, `openalex:W…`, `s2:…`, `pmid:…`), no duplicates. */
  identifiers: string[];
  /** URLs the source gives (landing pages, PDFs). */
  links: string[];
  /** Free keywords (BibTeX `keywords`, RIS `KW`, OpenAlex keywords). */
  keywords: string[];
  /** The source's category vocabulary (arXiv `cs.CL`, OpenAlex topics/concepts, S2 fields of study). */
  categories: string[];
  /** The source's record type (`article`, `inproceedings`, `JOUR`, `paper-conference`, …). */
  type?: string;
  provenance: Provenance[];
  /**
   * The fields as read, by the source's own names (BibTeX fields, RIS tags joined with newlines,
   * CSL keys as JSON text), so that a write-back can keep everything it does not change.
   */
  raw?: Record<string, string>;
  /**
   * For a row of an Epoch table: the row as read (its model fields: training compute, parameters,
   * organizations and categories, base model, accessibility, notability; sector-and-dataset.md).
   * Its `id` is the work's id, so existing label logs keep working (imports.md "Identifiers").
   */
  model?: Paper;
}

/** A problem with one record or the whole file; `line` is 1-based, `column` 1-based where known. */
export interface ImportDiagnostic {
  kind: ImportDiagnosticKind;
  line: number;
  column?: number;
  message: string;
  /** The offending text, clipped by the reader (never more than 200 characters). */
  raw?: string;
}

export type ImportDiagnosticKind =
  | 'not-recognised' // the file is of none of the formats read
  | 'syntax' // the parser could not read (part of) a record
  | 'partial-record' // a record was read but lacks something it needs (kept)
  | 'missing-title'
  | 'bad-date'
  | 'bad-identifier'
  | 'mojibake-repaired' // double-encoded UTF-8 repaired
  | 'mojibake-suspect' // looks double-encoded but the repair is ambiguous: kept as is
  | 'too-large'
  | 'duplicate-key';
