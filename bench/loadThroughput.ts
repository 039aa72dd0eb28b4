/**
 * Load + normalise of every Epoch snapshot in a folder, best of 7 each (run.ts bundles this file the
 * way esbuild.mjs bundles the load worker, so that the code measured is the code the extension
 * runs, and runs it in a fresh Node process). Argument: the folder. Prints one JSON object, file →
 * { ms, rows }.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadDataset } from '../src/core/dataset/loadDataset';

const folder = process.argv[2];
const load: Record<string, { ms: number; rows: number }> = {};
for (const file of readdirSync(folder).filter((f) => f.endsWith('.csv')).sort()) {
  const bytes = readFileSync(path.join(folder, file));
  let rows = 0;
  let min = Infinity;
  for (let i = 0; i < 7; i++) {
    const t = performance.now();
    rows = loadDataset(bytes, file).papers.length;
    min = Math.min(min, performance.now() - t);
  }
  load[file] = { ms: Math.round(min * 100) / 100, rows };
}
process.stdout.write(`${JSON.stringify(load)}\n`);
