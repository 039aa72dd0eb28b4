/**
 * An Epoch row as a work (spec imports.md "A work": Epoch rows are works too, with their model
 * fields), so that duplicates can join it to the researcher's own literature by the DOI or arXiv
 * id in its `Link` or `Reference`.
 */
import type { Paper } from '../dataset/model';
import { identifiersInText, orderIdentifiers } from './identifiers';
import type { Work, WorkDate } from './work';

function dateOf(iso: string | undefined): WorkDate | undefined {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  return m ? { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) } : undefined;
}

/**
 * The work of one Epoch row: id the row's id (sector-and-dataset.md, so label logs keep working),
 * title the model's name, the publication date at day precision, the abstract, identifiers the
 * DOIs and arXiv ids that `Link` and `Reference` yield (`identifiersInText`), links the URLs of
 * `Link`, the row itself as `model`. Authors stay empty (the `Authors` cell names no affiliations;
 * the row's sector comes from its organizations, `model.teamSector`); the cell is in `model.authors`.
 *
 * @param paper the row as the Epoch loader read it
 * @param source the table's file name as the user named it
 * @param index the row's 0-based position in the table
 */
export function epochRowWork(paper: Paper, source: string, index: number): Work {
  const identifiers = orderIdentifiers([...identifiersInText(paper.link), ...identifiersInText(paper.reference)]);
  return {
    id: paper.id,
    title: paper.name,
    authors: [],
    date: dateOf(paper.publicationDate),
    abstract: paper.abstract || undefined,
    identifiers,
    links: paper.link.split(/[\s,]+/).filter((u) => /^https?:\/\//i.test(u)),
    keywords: [],
    categories: [],
    provenance: [{ source, format: 'epoch-csv', line: paper.line, index }],
    model: paper,
  };
}
