// The esbuild targets (extension host, its load worker, CLI, webview scripts), shared by esbuild.mjs and by the
// third-party notices (scripts/third-party-notices.mjs), which read the metafile of the same build.
import { fileURLToPath } from 'node:url';

/**
 * @param {{ production: boolean }} options
 * @returns {import('esbuild').BuildOptions[]}
 */
// Vega's Node build of vega-canvas waits at the top level for the optional `canvas` package, which a
// CommonJS bundle cannot do; the report renders SVG with the renderer 'none' and needs no canvas, so
// the Node bundles take vega-canvas's browser build (it returns no canvas outside a browser).
const vegaCanvasWithoutNodeCanvas = {
  name: 'vega-canvas-without-node-canvas',
  setup(build) {
    build.onResolve({ filter: /^vega-canvas$/ }, () => ({ path: fileURLToPath(new URL('../node_modules/vega-canvas/build/vega-canvas.browser.js', import.meta.url)) }));
  },
};

export function buildTargets({ production }) {
  const common = {
    bundle: true,
    sourcemap: production ? false : 'linked',
    minify: production,
    logLevel: 'warning',
    legalComments: 'external',
    metafile: true,
    // jsonc-parser's `main` is a UMD build whose dynamic `require('./impl/…')` esbuild cannot follow:
    // bundle its ES module build instead (same code, same API).
    alias: { 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' },
  };
  return [
    { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], plugins: [vegaCanvasWithoutNodeCanvas] },
    // The load worker: parses large tables off the extension host's thread (src/host/loading/).
    { ...common, entryPoints: ['src/host/loading/loadWorker.ts'], outfile: 'dist/loadWorker.js', platform: 'node', format: 'cjs', target: 'node20' },
    // The analysis worker: the Findings panel's numbers at 100,000 rows, off the host's thread (src/host/analysis/).
    { ...common, entryPoints: ['src/host/analysis/analysisWorker.ts'], outfile: 'dist/analysisWorker.js', platform: 'node', format: 'cjs', target: 'node20', plugins: [vegaCanvasWithoutNodeCanvas] },
    // The literature worker: reads and combines large literature files off the extension host's thread.
    { ...common, entryPoints: ['src/host/loading/literatureWorker.ts'], outfile: 'dist/literatureWorker.js', platform: 'node', format: 'cjs', target: 'node20' },
    { ...common, entryPoints: ['src/cli/index.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs', target: 'node20', plugins: [vegaCanvasWithoutNodeCanvas] },
    { ...common, entryPoints: { details: 'media/details/main.ts', trends: 'media/trends/main.ts', triage: 'media/triage/main.ts', agreement: 'media/agreement/main.ts' }, outdir: 'dist', platform: 'browser', format: 'iife', target: 'es2022' },
  ];
}
