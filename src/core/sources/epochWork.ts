/**
 * An Epoch row as a work (spec imports.md "A work": Epoch rows are works too, with their model
 * fields), so that duplicates can join it to the researcher's own literature by the DOI or arXiv
 * id in its `Link` or `Reference`.
 */
import type { Paper } from '../dataset/model';
import { identifiersInText, orderIdentifiers } from './identifiers';
import { collapseWhitespace, isOthersPlaceholder } from './textUtil';
import type { Author, Work, WorkDate } from './work';

/** Words that make a part of an `Authors` cell an organization (`Saudi Data and Artificial Intelligence Authority`), not two names joined by "and". */
const ORGANIZATION_WORD = /\b(?:university|institute|authority|laborator(?:y|ies)|labs?|team|cent(?:er|re)|academy|company|inc|corporation|foundation|council|agency|department|group|association|society)\b/i;

/**
 * The authors of an Epoch `Authors` cell, in order, as the table writes them: names separated by
 * commas (Epoch's own exports), or by `;` when the cell has any (older rows: `Karen Simonyan;
 * Andrew Zisserman`, `Rumelhart, David E.; Hinton, Geoffrey E.`, the latter read as "Family,
 * Given"), and by blank lines; a single line break is white space (the cells wrap inside names:
 * "Areeba\nKamal"); "X and Y" and a final ", and Z" are two names unless the part reads
 * as an organization (a word such as University, Institute, Authority, Team); "et al." and the
 * "(N additional authors not shown)" after it are not names (the authors they stand for are not in
 * the table); a trailing full stop after a word ("Jie Jiang.") and footnote marks (`‡`, `†`, `*`)
 * are dropped. Names are not split into given and family names (the table does not say which is
 * which), and nothing is inferred beyond the cell: no affiliations. An empty cell gives none.
 *
 * @param cell the `Authors` cell as read (trimmed or not)
 */
export function epochAuthors(cell: string): Author[] {
  const text = cell.replace(/\bet\s+al\b\.?\s*(?:\([^)]*\))?/gi, ',');
  const parts = text.split(text.includes(';') ? /;|(?:\r?\n|\r){2,}/ : /,|(?:\r?\n|\r){2,}/);
  const authors: Author[] = [];
  for (const part of parts) {
    const trimmed = collapseWhitespace(part).replace(/^and\s+/i, '');
    const names = ORGANIZATION_WORD.test(trimmed) ? [trimmed] : trimmed.split(/\s+and\s+/i);
    for (const raw of names) {
      const bare = raw.replace(/[‡†*]+/g, '');
      // A dot after two letters ends a sentence, not an initial (a fixed-width test: `\p{L}{2,}\.$` backtracked over every start, quadratic on a long word).
      const name = (/\p{L}{2}\.$/u.test(bare) ? bare.slice(0, -1) : bare).trim();
      if (!/[\p{L}\p{N}]/u.test(name) || isOthersPlaceholder(name)) continue;
      const comma = name.indexOf(',');
      if (comma > 0) {
        // Only in `;`-separated cells: "Family, Given".
        const family = name.slice(0, comma).trim();
        const given = name.slice(comma + 1).trim();
        authors.push({ name: given ? `${given} ${family}` : family, family, ...(given ? { given } : {}), affiliations: [], institutions: [] });
      } else authors.push({ name, affiliations: [], institutions: [] });
    }
  }
  return authors;
}

function dateOf(iso: string | undefined): WorkDate | undefined {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  return m ? { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) } : undefined;
}

/**
 * The work of one Epoch row: id the row's id (sector-and-dataset.md, so label logs keep working),
 * title the model's name, the publication date at day precision, the abstract, identifiers the
 * DOIs and arXiv ids that `Link` and `Reference` yield (`identifiersInText`), links the URLs of
 * `Link`, the row itself as `model`. Authors stay empty unless `options.authors` (the export of
 * models, `worksForExport`): then they are the `Authors` cell split by `epochAuthors`, without
 * affiliations. Merging leaves them out, so that a library source's authors (with their
 * affiliations) come first in a joined work; the row's sector comes from its organizations
 * (`model.teamSector`) either way. The `Organization` cell names the team's organizations, not
 * which author is at which, so it never becomes an author's affiliation.
 *
 * @param paper the row as the Epoch loader read it
 * @param source the table's file name as the user named it
 * @param index the row's 0-based position in the table
 * @param options `authors`: fill the authors from the `Authors` cell
 */
export function epochRowWork(paper: Paper, source: string, index: number, options: { authors?: boolean } = {}): Work {
  const identifiers = orderIdentifiers([...identifiersInText(paper.link), ...identifiersInText(paper.reference)]);
  return {
    id: paper.id,
    title: paper.name,
    authors: options.authors ? epochAuthors(paper.authors) : [],
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
