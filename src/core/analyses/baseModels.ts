/**
 * Finding a fine-tune's parents: the rows its `Base model` cell names
 * (`../shared/spec/analyses.md`, "diffusion", "Parents"), and the `model` labels of labels.md for
 * names that match no row.
 */
import type { Paper, TeamSector } from '../dataset/model';
import { foldModelName, foldWhiteSpace } from './fold';

/** What a researcher labelled about a base model the table has no row for (labels.md, `model`). */
export interface ModelLabel {
  /** The name as labelled (white space folded). */
  name: string;
  teamSector?: Exclude<TeamSector, 'Unknown'>;
  openWeights?: 'open' | 'closed';
}

/** One name of a base-model cell, resolved. */
export type ParentLink =
  | { kind: 'row'; name: string; row: number; ambiguous: number[] | undefined }
  | { kind: 'label'; name: string; label: ModelLabel }
  | { kind: 'unmatched'; name: string };

/** At most this many comma-separated pieces are joined into one name (a hostile cell stays linear). */
export const MAX_JOINED_PIECES = 16;

/**
 * The key under which a model label is kept and a base-model name is looked up case-insensitively:
 * `foldModelName` lower-cased. Pure.
 */
export function modelNameKey(name: string): string {
  return foldModelName(name).toLowerCase();
}

/**
 * Looks base-model names up among all rows of a table. Build it once per (labelled) table: the
 * index is by folded name (exact) and by folded name lower-cased.
 */
export class BaseModelIndex {
  private readonly exact = new Map<string, number[]>();
  private readonly folded = new Map<string, number[]>();

  /**
   * @param papers every row of the table, in file order (any date: a parent may be undated)
   * @param labels `model` labels by `modelNameKey` (used only for names that match no row)
   */
  constructor(
    papers: readonly Paper[],
    private readonly labels: ReadonlyMap<string, ModelLabel> = new Map(),
  ) {
    papers.forEach((paper, row) => {
      const name = foldModelName(paper.name);
      if (name === '') return;
      push(this.exact, name, row);
      push(this.folded, name.toLowerCase(), row);
    });
  }

  /**
   * Resolve one name as analyses.md says: by its folded form, first exactly, then
   * case-insensitively; the row `self` never matches; with several hits the first in file order
   * wins and `ambiguous` lists them all. A name no row has is looked up among the model labels.
   * Undefined when neither has it.
   */
  lookup(name: string, self: number): ParentLink | undefined {
    const folded = foldModelName(name);
    if (folded === '') return undefined;
    for (const [map, key] of [
      [this.exact, folded],
      [this.folded, folded.toLowerCase()],
    ] as const) {
      const hits = (map.get(key) ?? []).filter((row) => row !== self);
      if (hits.length > 0) return { kind: 'row', name: foldDisplay(name), row: hits[0], ambiguous: hits.length > 1 ? hits : undefined };
    }
    const label = this.labels.get(folded.toLowerCase());
    return label ? { kind: 'label', name: foldDisplay(name), label } : undefined;
  }

  /**
   * The parents named by one base-model cell of row `self`: the whole cell first; failing that, the
   * cell split on commas (parts trimmed, empty ones dropped) and re-joined greedily from the left,
   * longest first (at most {@link MAX_JOINED_PIECES} pieces), so `Mamba 2, 2.7B` still matches;
   * a piece that starts no match is `unmatched`. An empty cell gives no links.
   */
  parentsOf(cell: string, self: number): ParentLink[] {
    if (foldModelName(cell) === '') return [];
    const whole = this.lookup(cell, self);
    if (whole) return [whole];
    const pieces = cell.split(',').map((p) => p.trim()).filter((p) => foldModelName(p) !== '');
    const links: ParentLink[] = [];
    for (let i = 0; i < pieces.length; ) {
      let found: ParentLink | undefined;
      let j = Math.min(pieces.length, i + MAX_JOINED_PIECES) - 1;
      for (; j >= i && !found; j--) found = this.lookup(pieces.slice(i, j + 1).join(', '), self);
      if (found) {
        links.push(found);
        i = j + 2; // the loop decremented j once past the match
      } else {
        links.push({ kind: 'unmatched', name: foldDisplay(pieces[i]) });
        i++;
      }
    }
    return links;
  }
}

/** A name as shown: white space folded, the spaces around its commas as written. */
function foldDisplay(name: string): string {
  return foldWhiteSpace(name);
}

function push(map: Map<string, number[]>, key: string, row: number): void {
  const list = map.get(key);
  if (list) list.push(row);
  else map.set(key, [row]);
}
