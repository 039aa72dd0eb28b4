/**
 * Whether a base model's weights are open (`../shared/spec/analyses.md`, "diffusion", "Open
 * weights"), from Epoch's `Model accessibility` and `Open model weights?` columns.
 */
import type { Paper } from '../dataset/model';

/** `any`: every open-weights release counts; `unrestricted`: only unrestricted ones. */
export type OpenMode = 'any' | 'unrestricted';
export type Openness = 'open' | 'closed' | 'unknown';

const OPEN_PREFIXES = ['open weights', 'open access', 'open source'];
const CLOSED_PREFIXES = ['unreleased', 'api access', 'hosted access'];
/** The header of the yes/no column (2025+ exports), compared case-insensitively. */
export const OPEN_WEIGHTS_HEADER = 'Open model weights?';

/**
 * The openness of a row as a parent. Mode `any`: a filled `Model accessibility` cell that starts
 * with `Open weights`, `Open access` or `Open source` → open; with `Unreleased`, `API access` or
 * `Hosted access` → closed; anything else → unknown; an empty one defers to `Open model weights?`
 * (`Yes`/`True` → open, `No`/`False` → closed), else unknown. Mode `unrestricted`: open only when
 * the accessibility cell contains `unrestricted` or is plain `Open source`; closed otherwise when
 * filled, unknown when empty. Comparisons ignore case and surrounding white space. Pure.
 */
export function opennessOf(paper: Paper, mode: OpenMode): Openness {
  const access = paper.modelAccessibility.trim().toLowerCase();
  if (mode === 'unrestricted') {
    if (access === '') return 'unknown';
    return access.includes('unrestricted') || access === 'open source' ? 'open' : 'closed';
  }
  if (access !== '') {
    if (OPEN_PREFIXES.some((p) => access.startsWith(p))) return 'open';
    if (CLOSED_PREFIXES.some((p) => access.startsWith(p))) return 'closed';
    return 'unknown';
  }
  const flag = openWeightsCell(paper).trim().toLowerCase();
  if (flag === 'yes' || flag === 'true') return 'open';
  if (flag === 'no' || flag === 'false') return 'closed';
  return 'unknown';
}

/** The `Open model weights?` cell of a row ('' when the table has none). */
function openWeightsCell(paper: Paper): string {
  const direct = paper.cells[OPEN_WEIGHTS_HEADER];
  if (direct !== undefined) return direct;
  for (const [header, value] of Object.entries(paper.cells)) if (header.trim().toLowerCase() === OPEN_WEIGHTS_HEADER.toLowerCase()) return value;
  return '';
}

/** True when the table has a column openness is read from (`Model accessibility` or `Open model weights?`). */
export function hasAccessibilityColumn(headers: readonly string[]): boolean {
  return headers.some((h) => ['model accessibility', OPEN_WEIGHTS_HEADER.toLowerCase()].includes(h.replace(/\s+/g, ' ').trim().toLowerCase()));
}
