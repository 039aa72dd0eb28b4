/**
 * Which header holds which field. Matching is case-insensitive with surrounding spaces ignored,
 * and the first candidate present wins (spec sector-and-dataset.md, "Columns"; the renames across
 * Epoch's schema eras are listed in `../shared/data/README.md`).
 */
export const COLUMN_CANDIDATES = {
  name: ['Model', 'System'],
  organizations: ['Organization', 'Organization(s)'],
  categories: ['Organization categorization'],
  publicationDate: ['Publication date'],
  trainingCompute: ['Training compute (FLOP)', 'Training compute (FLOPs)'],
  domains: ['Domain'],
  tasks: ['Task'],
  parameters: ['Parameters'],
  authors: ['Authors', 'Author(s)'],
  link: ['Link'],
  reference: ['Reference'],
  citations: ['Citations'],
  notabilityCriteria: ['Notability criteria', 'Inclusion criteria'],
  modelAccessibility: ['Model accessibility'],
  baseModel: ['Base model'],
  country: ['Country (of organization)', 'Country (from Organization)', 'Country'],
  abstract: ['Abstract'],
  teamSector: ['Team sector'],
} as const;

export type ColumnKey = keyof typeof COLUMN_CANDIDATES;
/** Field → index of its column in the header, for the fields the file has. */
export type ColumnMap = Partial<Record<ColumnKey, number>>;

/** The fields besides the name of which at least one makes a file an Epoch table. */
const EPOCH_EVIDENCE: readonly ColumnKey[] = ['organizations', 'categories', 'publicationDate', 'trainingCompute', 'domains', 'tasks'];

/** Resolve the header to a column map. */
export function resolveColumns(header: readonly string[]): ColumnMap {
  const index = new Map<string, number>();
  header.forEach((h, i) => {
    // White space folded as for names: `Publication\u00a0date` is `Publication date`.
    const key = h.replace(/\s+/gu, ' ').trim().toLowerCase();
    if (!index.has(key)) index.set(key, i);
  });
  // Every key is present (undefined when the file lacks the field), so every table's map has one
  // shape: the loader's row loop, run on one table after another, then reads it without deoptimising.
  const entries = (Object.entries(COLUMN_CANDIDATES) as [ColumnKey, readonly string[]][]).map(([key, candidates]): [ColumnKey, number | undefined] => {
    for (const candidate of candidates) {
      const at = index.get(candidate.toLowerCase());
      if (at !== undefined) return [key, at];
    }
    return [key, undefined];
  });
  return Object.fromEntries(entries);
}

/** A file is an Epoch table when it has a name column and at least one other core column. */
export function isEpochTable(map: ColumnMap): boolean {
  return map.name !== undefined && EPOCH_EVIDENCE.some((key) => map[key] !== undefined);
}

/**
 * Cheap check on the start of a file (its first KiBs): does the header line name an Epoch table?
 * Used to find candidate datasets in a workspace without loading every CSV. Handles a BOM and
 * `,`/`;`/tab delimiters; a header that spans lines (a quoted newline) is not expected.
 */
export function headerLooksLikeEpochTable(head: string): boolean {
  const text = head.charCodeAt(0) === 0xfeff ? head.slice(1) : head;
  const end = text.search(/\r|\n/);
  const line = end === -1 ? text : text.slice(0, end);
  const delimiter = [',', ';', '\t'].reduce((best, d) => (line.split(d).length > line.split(best).length ? d : best), ',');
  const header = line.split(delimiter).map((h) => h.trim().replace(/^"|"$/g, '').trim());
  return isEpochTable(resolveColumns(header));
}
