/** How a row's id was made. */
export type PaperIdResult = { id: string; kind: 'name' | 'duplicate' | 'empty' };

/**
 * Assign unique paper ids in file order (spec sector-and-dataset.md, "Names and paper ids"): the
 * first row with a name keeps it; each later row with that name gets ` #k`, with the smallest
 * k ≥ 2 that no row's name or already-assigned id uses; a row with an empty name gets
 * `(unnamed, line N)`. Names must already be normalised (white space folded). Ids are
 * case-sensitive (`CALM` and `CaLM` are two papers).
 *
 * @param rows the normalised name and start line of every row, in file order
 * @returns one result per row, in the same order
 */
export function assignPaperIds(rows: readonly { name: string; line: number }[]): PaperIdResult[] {
  const taken = new Set<string>();
  for (const row of rows) if (row.name !== '') taken.add(row.name);
  const seen = new Set<string>();
  // The next k to try per base name: k only grows, so 40,000 rows of one name stay linear.
  const nextK = new Map<string, number>();
  const uniqueSuffix = (base: string, tryBare: boolean): string => {
    let id = base;
    if (!tryBare || taken.has(id)) {
      let k = nextK.get(base) ?? 2;
      while (taken.has(`${base} #${k}`)) k++;
      nextK.set(base, k + 1);
      id = `${base} #${k}`;
    }
    taken.add(id);
    return id;
  };
  return rows.map(({ name, line }) => {
    if (name === '') return { id: uniqueSuffix(`(unnamed, line ${line})`, true), kind: 'empty' };
    if (!seen.has(name)) {
      seen.add(name);
      return { id: name, kind: 'name' };
    }
    return { id: uniqueSuffix(name, false), kind: 'duplicate' };
  });
}
