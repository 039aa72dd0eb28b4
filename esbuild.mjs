// One build script for the targets: the extension host (Node, CommonJS, `vscode` external), its
// load worker (Node), the CLI (Node, with a shebang) and the webview scripts (browser, IIFE).
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  legalComments: 'external',
};

const targets = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'] },
  // The load worker: parses large tables off the extension host's thread (src/host/loading/).
  { ...common, entryPoints: ['src/host/loading/loadWorker.ts'], outfile: 'dist/loadWorker.js', platform: 'node', format: 'cjs', target: 'node20' },
  { ...common, entryPoints: ['src/cli/index.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs', target: 'node20' },
  { ...common, entryPoints: { details: 'media/details/main.ts', trends: 'media/trends/main.ts', triage: 'media/triage/main.ts' }, outdir: 'dist', platform: 'browser', format: 'iife', target: 'es2022' },
];

if (watch) {
  for (const options of targets) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(targets.map((options) => esbuild.build(options)));
}
