// The three esbuild targets (extension host, CLI, webview scripts), shared by esbuild.mjs and by the
// third-party notices (scripts/third-party-notices.mjs), which read the metafile of the same build.

/**
 * @param {{ production: boolean }} options
 * @returns {import('esbuild').BuildOptions[]}
 */
export function buildTargets({ production }) {
  const common = {
    bundle: true,
    sourcemap: production ? false : 'linked',
    minify: production,
    logLevel: 'warning',
    legalComments: 'external',
    metafile: true,
  };
  return [
    { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'] },
    { ...common, entryPoints: ['src/cli/index.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs', target: 'node20' },
    { ...common, entryPoints: { details: 'media/details/main.ts', trends: 'media/trends/main.ts', triage: 'media/triage/main.ts' }, outdir: 'dist', platform: 'browser', format: 'iife', target: 'es2022' },
  ];
}
