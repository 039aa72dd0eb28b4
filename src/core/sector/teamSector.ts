import type { Leaning, TeamSector } from '../dataset/model';

/** The team sector of one row, with its leaning and the category parts that were not understood. */
export interface TeamSectorResult {
  teamSector: TeamSector;
  leaning?: Leaning;
  /** Parts that are none of the known categories (each gets an `unknown-category` diagnostic). */
  unknownParts: string[];
  /** True when a 2022–2023 single-label collaboration part was present. */
  collaborationLabel: boolean;
}

const COLLABORATION = 'industry - academia collaboration';
/** Rule 5's thresholds on the academic share a/(a+i). */
export const LEANING_ACADEMIA_ABOVE = 0.7;
export const LEANING_INDUSTRY_BELOW = 0.3;
const KNOWN = new Set(['academia', 'industry', 'government', 'research collective', 'non-profit', 'nonprofit']);

/**
 * Derive a team sector from the parts of an organization-categories cell (already split on commas,
 * trimmed, empty parts dropped). Rules 1–6 of `../shared/spec/sector-and-dataset.md`, compared
 * case-insensitively:
 * 1. a part starting with `Industry - Academia collaboration` → Collaboration, leaning from
 *    `academia leaning` / `industry leaning` in that part, else balanced;
 * 2. no parts → Unknown; 3. all `academia` → Academia; 4. all `industry` → Industry;
 * 5. both occur → Collaboration, leaning academia if a/(a+i) > 0.7, industry if < 0.3, else balanced
 *    (Epoch defines collaboration by the share of authors; one category per organization is the
 *    organization-share approximation);
 * 6. anything else → Other. Unknown words count as "other" and are returned in `unknownParts`.
 */
export function deriveTeamSector(parts: readonly string[]): TeamSectorResult {
  const unknownParts: string[] = [];
  let academia = 0;
  let industry = 0;
  let collaboration: string | undefined;
  for (const part of parts) {
    const lower = part.toLowerCase();
    if (lower.startsWith(COLLABORATION)) collaboration ??= lower;
    else if (lower === 'academia') academia++;
    else if (lower === 'industry') industry++;
    else if (!KNOWN.has(lower)) unknownParts.push(part);
  }
  if (collaboration !== undefined) {
    const leaning: Leaning = collaboration.includes('academia leaning')
      ? 'academia'
      : collaboration.includes('industry leaning')
        ? 'industry'
        : 'balanced';
    return { teamSector: 'Collaboration', leaning, unknownParts, collaborationLabel: true };
  }
  if (parts.length === 0) return { teamSector: 'Unknown', unknownParts, collaborationLabel: false };
  if (academia === parts.length) return { teamSector: 'Academia', unknownParts, collaborationLabel: false };
  if (industry === parts.length) return { teamSector: 'Industry', unknownParts, collaborationLabel: false };
  if (academia > 0 && industry > 0) return { teamSector: 'Collaboration', leaning: leaningOf(academia, industry), unknownParts, collaborationLabel: false };
  return { teamSector: 'Other', unknownParts, collaborationLabel: false };
}

/**
 * The leaning of a collaboration with `academia` academic and `industry` industrial parts (rule 5 of
 * sector-and-dataset.md: organizations for Epoch rows, authors for works with affiliations,
 * imports.md): `academia` if a/(a+i) > 0.7, `industry` if a/(a+i) < 0.3, else `balanced`. Both
 * counts must be positive.
 */
export function leaningOf(academia: number, industry: number): Leaning {
  const share = academia / (academia + industry);
  return share > LEANING_ACADEMIA_ABOVE ? 'academia' : share < LEANING_INDUSTRY_BELOW ? 'industry' : 'balanced';
}

/** True for a collaboration label of the 2022–2023 vocabulary (rule 1). */
export function isCollaborationLabel(part: string): boolean {
  return part.toLowerCase().startsWith(COLLABORATION);
}

/**
 * Canonical spelling of a known organization category (`research collective` → `Research
 * collective`, `nonprofit` → `Non-profit`), or undefined for collaboration labels and unknown words.
 */
export function canonicalCategory(part: string): string | undefined {
  switch (part.toLowerCase()) {
    case 'academia':
      return 'Academia';
    case 'industry':
      return 'Industry';
    case 'government':
      return 'Government';
    case 'research collective':
      return 'Research collective';
    case 'non-profit':
    case 'nonprofit':
      return 'Non-profit';
    default:
      return undefined;
  }
}

/** Parse a `Team sector` cell (written by this tool's export) into one of the five sectors. */
export function parseTeamSectorCell(raw: string): TeamSector | undefined {
  const lower = raw.trim().toLowerCase();
  for (const sector of ['Academia', 'Industry', 'Collaboration', 'Other', 'Unknown'] as const) {
    if (sector.toLowerCase() === lower) return sector;
  }
  return undefined;
}
