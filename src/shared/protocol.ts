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
}

export type DetailsToWebview =
  | { type: 'paper'; paper: PaperDetails }
  | { type: 'empty'; message: string };

export type DetailsToHost =
  | { type: 'ready' }
  | { type: 'openLink'; url: string }
  | { type: 'openSource'; paperId: string }
  | { type: 'findPaper' }
  | { type: 'labelAffiliations'; paperId: string };

/** State the details webview keeps through `setState` so a restored panel shows the same paper. */
export interface DetailsState {
  paperId?: string;
}
