/**
 * The paper's two other findings (`../shared/spec/analyses.md`): topics and diffusion.
 */
export * from './common';
export * from './fold';
export * from '../stats/rankStats';
export * from './topics';
export * from './openWeights';
export * from './baseModels';
export * from './diffusion';
