/**
 * Bundle a bench script exactly as scripts/buildTargets.mjs bundles one of the extension's
 * workers, so that the code a bench measures is the code the extension runs (tsx's transform adds
 * a helper call to every closure the product's bundle does not have). A script of its own, so that
 * the synchronous bench/run.ts and the asynchronous bench/literatureBench.ts share one set of
 * options: `node bench/bundleAs.mjs dist/loadWorker.js bench/loadThroughput.ts OUT.js`.
 */
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';
import { build } from 'esbuild';
import { buildTargets } from '../scripts/buildTargets.mjs';

const [worker, entry, outfile] = process.argv.slice(2);
const target = buildTargets({ production: false }).find((t) => t.outfile === worker);
if (!target || !entry || !outfile) {
  process.stderr.write(`usage: node bench/bundleAs.mjs WORKER_OUTFILE ENTRY OUT (WORKER_OUTFILE one of scripts/buildTargets.mjs's, e.g. dist/loadWorker.js)\n`);
  process.exit(2);
}
await build({ ...target, absWorkingDir: path.join(path.dirname(fileURLToPath(import.meta.url)), '..'), entryPoints: [path.resolve(entry)], outfile: path.resolve(outfile), sourcemap: false, metafile: false });
