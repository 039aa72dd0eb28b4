import * as path from 'node:path';
import * as esbuild from 'esbuild';

/**
 * Bundle the integration suite (`test/integration/index.ts`, which exports `run()`) for VS Code's
 * extension host: CommonJS, `vscode` and `mocha` left to the host. Used by the code-server runner
 * (test/e2e) and by `npm run test:desktop` (@vscode/test-electron). Returns the bundle's path.
 */
export async function buildIntegrationSuite(repo: string): Promise<string> {
  const outfile = path.join(repo, 'out', 'test', 'integration', 'index.js');
  await esbuild.build({
    entryPoints: [path.join(repo, 'test', 'integration', 'index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
    sourcemap: 'inline',
    logLevel: 'warning',
    // As the extension's own bundles (scripts/buildTargets.mjs): jsonc-parser's ES build (its UMD
    // `main` requires files esbuild cannot follow), vega-canvas's browser build (no top-level await).
    alias: { 'jsonc-parser': path.join(repo, 'node_modules', 'jsonc-parser', 'lib', 'esm', 'main.js') },
    plugins: [
      {
        name: 'vega-canvas-without-node-canvas',
        setup(build) {
          build.onResolve({ filter: /^vega-canvas$/ }, () => ({ path: path.join(repo, 'node_modules', 'vega-canvas', 'build', 'vega-canvas.browser.js') }));
        },
      },
    ],
  });
  return outfile;
}
