/**
 * Messages between the extension host and the paper-details webview. Both sides switch over
 * `type` exhaustively (a `never` default), so adding a message fails to compile until both
 * handle it.
 */

/** A field of a paper as the details view shows it. */
export interface PaperField {
  label: string;
  value: string;
  kind: 'text' | 'link' | 'long';
}

/** What the details view needs to draw one paper. All strings are display-ready. */
export interface PaperDetails {
  id: string;
  name: string;
  teamSector: string;
  /** e.g. "academia-leaning collaboration", empty when not a collaboration. */
  leaning: string;
  /** Why the sector is what it is (categories, override, approximation note). */
  sectorNote: string;
  publicationDate: string;
  trainingCompute: string;
  parameters: string;
  /**
   * Each organization with its own category: its effective label or the table's (`category`), a
   * note when the row's sector does not use that label yet (`notApplied`), and the competing values
   * when annotators disagree and no adjudicator decided (`disputed`, e.g. `Industry (ada), Academia (bob)`).
   */
  organizations: { name: string; category: string; source?: 'label' | 'table' | 'none'; notApplied?: string; disputed?: string }[];
  /** The one category a 2022–23 table gives the whole team of the row, shown as the team's. */
  teamLabel?: string;
  /** The effective screening decision (`include`, `exclude`, `maybe`), absent when undecided. */
  decision?: string;
  /** The paper's own disputed fields: `{ field: 'decision', values: 'include (ada), exclude (bob)' }`. */
  disputes?: { field: string; values: string }[];
  link: string;
  sourceName: string;
  line: number;
  fields: PaperField[];
  /** Where the table comes from, when it must be credited (the bundled snapshot: Epoch AI, CC BY 4.0). */
  attribution?: string;
  /** For a work of the researcher's literature (or an Epoch row a library work joined): what it was read from and why its sector is what it is. */
  work?: WorkDetails;
}

/** The literature side of a paper in the details view (issue: bring your own literature). */
export interface WorkDetails {
  /** `literature`: a work of the user's files; `joined`: an Epoch row that a library work joined. */
  kind: 'literature' | 'joined';
  /** One sentence: how the team sector was decided (author share, labels, partial evidence). */
  evidence: string;
  /** Authors in order, with raw affiliations and the institutions behind their category. */
  authors: WorkAuthorDetails[];
  /** Authors not listed (the view lists at most 100). */
  authorsOmitted: number;
  /** Normalised identifiers with a link where one exists (doi.org, arxiv.org, openalex.org, semanticscholar.org). */
  identifiers: { id: string; url?: string }[];
  /** Every source the work was read from, first first: file, format, line or record, key. */
  sources: { label: string; part: number; relation?: string }[];
  venue?: string;
  abstract?: string;
  /** How topics were found: `cs.CL → Language`. */
  topics: string[];
  /** Ids of works that may be the same one (same title, years at most one apart). */
  possibleDuplicates: string[];
}

export interface WorkAuthorDetails {
  name: string;
  /** `academic`, `industrial`, `both`, or `unknown` (no institution with a category). */
  counts: 'academic' | 'industrial' | 'both' | 'unknown';
  affiliations: string[];
  institutions: { name: string; category: string; how: string; ror?: string }[];
  /** Raw affiliations that named no institution, with fuzzy suggestions (never applied). */
  unresolved: { affiliation: string; suggestions: string[] }[];
}

export type DetailsToWebview =
  | { type: 'paper'; paper: PaperDetails }
  | { type: 'empty'; message: string };

export type DetailsToHost =
  | { type: 'ready' }
  | { type: 'openLink'; url: string }
  /** `part`: which of a work's sources (0, the first, when absent). */
  | { type: 'openSource'; paperId: string; part?: number }
  | { type: 'findPaper' }
  | { type: 'labelAffiliations'; paperId: string };

/** State the details webview keeps through `setState` so a restored panel shows the same paper. */
export interface DetailsState {
  paperId?: string;
}
