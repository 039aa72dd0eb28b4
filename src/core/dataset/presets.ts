/**
 * Named sets of filters ("presets") that the Findings panel and `compute-divide
 * trends|shares|topics|diffusion|report --preset` share. A preset only fills the ordinary filters
 * (`TrendFilter`), so what it selects stays visible and editable. The spec files are silent on
 * presets; the definitions are documented in docs/trends.md and docs/cli.md.
 */
import type { TrendFilter } from './filters';

/** The presets, in the order the panel lists them. */
export const PRESETS = ['paper', 'large-scale'] as const;
export type PresetName = (typeof PRESETS)[number];

/** Their names in the panel. */
export const PRESET_TITLES: Readonly<Record<PresetName, string>> = {
  paper: 'As in the paper',
  'large-scale': 'Epoch large-scale',
};

/** The notability criteria of Besiroglu et al. 2024 (arXiv:2401.02452), as Epoch spells them. */
export const PAPER_NOTABILITY: readonly string[] = ['SOTA improvement', 'Historical significance', 'Highly cited'];

/** The start of the paper's window (its analyses cover models from 2010 on). */
export const PAPER_SINCE = '2010-01-01';

/** Epoch's threshold for its Large-Scale AI Models table: training compute ≥ 10^23 FLOP. */
export const LARGE_SCALE_FLOP = 1e23;

/**
 * The filters a preset sets (the other filters are left to the caller): `paper` — the notability
 * criteria the paper used (SOTA improvement, Historical significance, Highly cited; matched as the
 * notability filter matches, case-insensitively by containment) and publication dates from
 * 2010-01-01 on, after Besiroglu et al. 2024 (arXiv:2401.02452); `large-scale` — training compute
 * ≥ 10^23 FLOP, the threshold of Epoch AI's "Large-Scale AI Models" table. Returns a new object
 * each call. Never throws.
 */
export function presetFilter(preset: PresetName): Pick<TrendFilter, 'since' | 'notability' | 'minComputeFlop'> {
  switch (preset) {
    case 'paper':
      return { since: PAPER_SINCE, notability: [...PAPER_NOTABILITY] };
    case 'large-scale':
      return { minComputeFlop: LARGE_SCALE_FLOP };
  }
}

/**
 * Apply a preset to filters: every filter the preset sets is replaced by the preset's value, and a
 * filter the other preset sets is cleared (so switching from one preset to the other leaves no
 * trace of the first); the rest (domains, sectors, name, decisions, until) is kept. Returns a new
 * object. Never throws.
 */
export function applyPreset<F extends Pick<TrendFilter, 'since' | 'notability' | 'minComputeFlop'>>(filters: F, preset: PresetName): F {
  const next: F = { ...filters, notability: [] };
  delete next.since;
  delete next.minComputeFlop;
  return { ...next, ...presetFilter(preset) };
}

/**
 * Which preset the filters are exactly (as `applyPreset` would leave them from filters with no
 * date, notability or compute filter), or `custom`: `since`, `notability` (compared as sets,
 * case-insensitively) and `minComputeFlop` must equal the preset's, and the other filters of
 * these three unset. Other filters (domains, sectors…) do not matter. Never throws.
 */
export function presetOf(filters: Pick<TrendFilter, 'since' | 'notability' | 'minComputeFlop'>): PresetName | 'custom' {
  for (const preset of PRESETS) {
    const p = presetFilter(preset);
    const want = new Set((p.notability ?? []).map((t) => t.toLowerCase()));
    const have = new Set((filters.notability ?? []).map((t) => t.toLowerCase()));
    const sameNotability = want.size === have.size && [...want].every((t) => have.has(t));
    if (filters.since === p.since && filters.minComputeFlop === p.minComputeFlop && sameNotability) return preset;
  }
  return 'custom';
}
