import type { BuildOptions } from 'esbuild';
export function buildTargets(options: { production: boolean }): BuildOptions[];
