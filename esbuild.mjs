// One build script for the three targets: the extension host (Node, CommonJS, `vscode` external),
// the CLI (Node, with a shebang) and the webview scripts (browser, IIFE). The targets live in
// scripts/buildTargets.mjs; each build's metafile goes to dist/metafile.json (one entry per
// target), from which scripts/third-party-notices.mjs lists the bundled npm packages.
import { mkdirSync, writeFileSync } from 'node:fs';
import * as esbuild from 'esbuild';
import { buildTargets } from './scripts/buildTargets.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const targets = buildTargets({ production });

if (watch) {
  for (const options of targets) await (await esbuild.context(options)).watch();
} else {
  const results = await Promise.all(targets.map((options) => esbuild.build(options)));
  mkdirSync('dist', { recursive: true });
  writeFileSync('dist/metafile.json', JSON.stringify(results.map((r) => r.metafile)));
}
