import type { Paper } from './model';

/**
 * The names that more than one row of `papers` holds (names as the loader normalised them: spec
 * `sector-and-dataset.md`, "Names and paper ids"). Empty names are left out: those rows already
 * have distinct ids, `(unnamed, line N)`. Real tables have such names (two `SigLIP`, two `FLAN`,
 * two `AMPLIFY` rows: field case br-21). O(n) in the number of papers.
 */
export function duplicatedNames(papers: readonly Paper[]): Set<string> {
  const seen = new Set<string>();
  const duplicated = new Set<string>();
  for (const { name } of papers) {
    if (name === '') continue;
    if (seen.has(name)) duplicated.add(name);
    else seen.add(name);
  }
  return duplicated;
}

/**
 * A paper's name as lists and titles show it: the name, or for a name several rows share
 * (`duplicated`, from {@link duplicatedNames}) the paper's id (the second row's ends in ` #2`, spec:
 * paper ids) with its line and publication date, so the rows look different:
 * `SigLIP #2 — line 3, 2023-03-27`. A row without a name gives its id, `(unnamed, line N)`.
 */
export function distinctPaperName(paper: Paper, duplicated: ReadonlySet<string>): string {
  if (paper.name === '') return paper.id;
  if (!duplicated.has(paper.name)) return paper.name;
  return `${paper.id} — line ${paper.line}, ${paper.publicationDate ?? 'no date'}`;
}

/**
 * What a command acts on, for a picker's title: the paper's distinct name ({@link distinctPaperName})
 * with its first two organizations (and how many more) and publication date, e.g.
 * `GPT-4 (OpenAI, 2023-03-15)`, `AMPLIFY #2 — line 7, 2024-09-23 (Chandar Research Lab, Mila +3 more)`.
 * The date is not repeated when the distinct name already holds it.
 */
export function paperTargetTitle(paper: Paper, duplicated: ReadonlySet<string>): string {
  const name = distinctPaperName(paper, duplicated);
  const organizations = paper.organizations.slice(0, 2).join(', ') + (paper.organizations.length > 2 ? ` +${paper.organizations.length - 2} more` : '');
  const parts = [organizations, duplicated.has(paper.name) ? '' : (paper.publicationDate ?? '')].filter((part) => part !== '');
  return parts.length > 0 ? `${name} (${parts.join(', ')})` : name;
}
