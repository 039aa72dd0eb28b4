import type { SectorName } from '../../src/shared/trendsProtocol.js';

/** The five team sectors in the spec's order: every legend, checkbox row and table uses it. */
export const SECTORS: readonly SectorName[] = ['Academia', 'Industry', 'Collaboration', 'Other', 'Unknown'];

/**
 * Fixed colour-blind-safe colours (Okabe & Ito 2008, "Color Universal Design"), the same hues in
 * every theme so a sector keeps its colour across charts, exports and papers. Collaboration is
 * Okabe–Ito's reddish purple #cc79a7: the darker #8e44ad is almost indistinguishable from
 * Academia's blue under deuteranopia (CIELAB ΔE ≈ 4 after simulation), and academia versus
 * collaboration is the comparison this panel exists for.
 */
export const SECTOR_COLOURS: Readonly<Record<SectorName, string>> = {
  Academia: '#0072b2',
  Industry: '#d55e00',
  Collaboration: '#cc79a7',
  Other: '#009e73',
  Unknown: '#6b6b6b',
};

export function isSectorName(value: string): value is SectorName {
  return (SECTORS as readonly string[]).includes(value);
}
