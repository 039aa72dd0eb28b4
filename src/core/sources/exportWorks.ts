/**
 * Writing the researcher's works back (spec imports.md "Writing back", cli.md `export`): the works
 * of a combined, labelled dataset with their decision, team sector and leaning, as RIS, BibTeX,
 * CSL-JSON or CSV. Pure: the caller writes the text.
 */
import { stringifyCsv } from '../dataset/csvWrite';
import type { Dataset, Paper } from '../dataset/model';
import { paperDecision } from '../labels/decisions';
import { formatPaperDisputes, paperDisputes } from '../labels/disputed';
import type { LabelState } from '../labels/fold';
import { writeBibtex } from './bibtex';
import { writeCslJson } from './cslJson';
import { mergeDuplicates, type MergedWork } from './duplicates';
import { epochRowWork } from './epochWork';
import { readExtras, type WorkExtras } from './exportExtras';
import { writeRis } from './ris';
import type { Work } from './work';

/** The formats an export writes, by the output file's extension. */
export const EXPORT_FORMATS = { '.ris': 'ris', '.bib': 'bibtex', '.json': 'csl-json', '.csv': 'csv' } as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[keyof typeof EXPORT_FORMATS];

/** The export format of a file name by its extension (case-insensitive), or undefined. */
export function exportFormatOf(fileName: string): ExportFormat | undefined {
  const ext = /\.[^./\\]+$/.exec(fileName)?.[0].toLowerCase();
  return ext !== undefined && Object.prototype.hasOwnProperty.call(EXPORT_FORMATS, ext) ? EXPORT_FORMATS[ext as keyof typeof EXPORT_FORMATS] : undefined;
}

/** One work as exported: its fields, the id its labels use, and what the export adds. */
export interface ExportedWork {
  /** The work's bibliographic fields; its `id` is the paper id labels use (the extras are keyed by it). */
  work: Work;
  extras: WorkExtras;
  /** What about the work is disputed among annotators (`formatPaperDisputes`), empty when nothing is. */
  disputed: string;
}

/**
 * The works to export from a combined dataset with labels applied (`combineLiterature`, then
 * `applyLabels`), in the tree's order: every work of the literature (`paper.work.kind ===
 * 'literature'`), and once each the library works that joined Epoch rows (their fields are the
 * library sources', not the table's: the Epoch part is left out, so the title is the paper's, not
 * the model's; the row's training compute stays in the table; the rows' provenance comes after the
 * library's). The extras are the paper's effective
 * `decision` label, its team sector after labels (`Unknown` included) and, for a collaboration,
 * its leaning; a joined work takes them from the first of its rows. What an earlier export wrote
 * into a work's keywords (`readExtras`) is kept where this run has nothing better: its decision
 * when no label gives one, its sector (and leaning) when the sector is now Unknown. With `includeModels`, the Epoch
 * rows that no library work joined come too, as works of their own (title the model's name, the
 * authors of the `Authors` cell as `epochAuthors` splits it, without affiliations: the
 * `Organization` cell does not say which author is at which; the DOIs and arXiv ids of
 * `Link`/`Reference`, date, link). `labels` (the fold behind `labelled`)
 * fills `disputed`. Pure.
 *
 * @param labelled the combined dataset with labels applied
 * @param options `includeModels`: also the Epoch rows no library work joined; `labels`: the fold
 */
export function worksForExport(labelled: Dataset, options: { includeModels?: boolean; labels?: LabelState } = {}): ExportedWork[] {
  const out: ExportedWork[] = [];
  const joinedDone = new Set<MergedWork>();
  const extrasOf = (paper: Paper, work: Work): WorkExtras => {
    // What an earlier export wrote into the work's keywords stays where this run knows nothing
    // better: no decision label, an Unknown sector (a re-export without the label log loses nothing).
    const previous = readExtras(work);
    const extras: WorkExtras = { teamSector: paper.teamSector };
    const decision = paperDecision(paper) ?? previous.decision;
    if (decision) extras.decision = decision;
    if (paper.teamSector === 'Collaboration' && paper.leaning) extras.leaning = paper.leaning;
    if (paper.teamSector === 'Unknown' && previous.teamSector) {
      extras.teamSector = previous.teamSector;
      if (previous.leaning) extras.leaning = previous.leaning;
    }
    return extras;
  };
  const disputedOf = (paper: Paper): string => (options.labels ? formatPaperDisputes(paperDisputes(paper, options.labels)) : '');
  labelled.papers.forEach((paper, index) => {
    const work = paper.work;
    if (work?.kind === 'literature') {
      out.push({ work: { ...work.work, id: paper.id }, extras: extrasOf(paper, work.work), disputed: disputedOf(paper) });
      return;
    }
    if (work?.kind === 'joined') {
      if (joinedDone.has(work.work)) return;
      joinedDone.add(work.work);
      // The library parts alone: merged again, they may fall apart where only the row's
      // identifiers held them together; each is exported with the row's labels.
      // The rows' provenance follows the library's (writers keep the fields of the first source
      // as read, so it must stay first), so a CSV's `sources` shows which rows were joined.
      const library = mergeDuplicates(work.work.parts.filter((p) => !p.model)).works;
      const rows = work.work.parts.filter((p) => p.model).flatMap((p) => p.provenance);
      library.forEach((w, i) => out.push({ work: { ...w, id: i === 0 ? paper.id : `${paper.id} #${i + 1}`, provenance: [...w.provenance, ...rows] }, extras: extrasOf(paper, w), disputed: disputedOf(paper) }));
      return;
    }
    if (options.includeModels) {
      const row = epochRowWork(paper, labelled.source, index, { authors: true });
      out.push({ work: row, extras: extrasOf(paper, row), disputed: disputedOf(paper) });
    }
  });
  return out;
}

/** The columns of a works CSV, in order. */
export const WORKS_CSV_HEADER = ['id', 'title', 'authors', 'year', 'venue', 'doi', 'arxiv', 'other identifiers', 'team sector', 'leaning', 'decision', 'disputed', 'sources'] as const;

/**
 * Exported works as CSV (one row per work, `WORKS_CSV_HEADER`): `id` (the paper id labels use),
 * `title`, `authors` (names joined by `; `), `year`, `venue`, `doi` and `arxiv` (bare, without the
 * `doi:`/`arxiv:` prefix; several joined by `; `), `other identifiers` (`openalex:W…`, `s2:…`,
 * `pmid:…`, joined by `; `), `team sector`, `leaning`, `decision`, `disputed` (as
 * `ExportedWork.disputed`), `sources` (each source as `file:line (format)`, or `file#index` where
 * the format has no lines, joined by `; `). Written through `stringifyCsv` (RFC 4180, a text cell
 * that starts like a spreadsheet formula gets a leading `'`), `\n` line ends, no BOM.
 */
export function writeWorksCsv(works: readonly ExportedWork[]): string {
  const rows = works.map(({ work, extras, disputed }) => {
    const ids = (scheme: string) => work.identifiers.filter((i) => i.startsWith(`${scheme}:`)).map((i) => i.slice(scheme.length + 1));
    const sources = work.provenance.map((p) => `${p.source}${p.line !== undefined ? `:${p.line}` : `#${p.index}`} (${p.format})`);
    return [
      work.id,
      work.title,
      work.authors.map((a) => a.name).join('; '),
      work.date ? String(work.date.year) : '',
      work.venue ?? '',
      ids('doi').join('; '),
      ids('arxiv').join('; '),
      work.identifiers.filter((i) => !i.startsWith('doi:') && !i.startsWith('arxiv:')).join('; '),
      extras.teamSector ?? '',
      extras.leaning ?? '',
      extras.decision ?? '',
      disputed,
      sources.join('; '),
    ];
  });
  return stringifyCsv([[...WORKS_CSV_HEADER], ...rows], { record_delimiter: 'unix' });
}

/**
 * Exported works in `format`: RIS (`writeRis`), BibTeX (`writeBibtex`), CSL-JSON (`writeCslJson`),
 * each with the decision, team sector and leaning in its keywords (exportExtras.ts), or CSV
 * (`writeWorksCsv`). Returns the file's text (UTF-8).
 */
export function writeWorks(works: readonly ExportedWork[], format: ExportFormat): string {
  if (format === 'csv') return writeWorksCsv(works);
  const extras = new Map(works.map((w) => [w.work.id, w.extras]));
  const list = works.map((w) => w.work);
  switch (format) {
    case 'ris':
      return writeRis(list, extras);
    case 'bibtex':
      return writeBibtex(list, extras);
    case 'csl-json':
      return writeCslJson(list, extras);
  }
}
