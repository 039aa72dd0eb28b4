/**
 * The import's throughput beside the bare parser on the same bytes, for one file (literatureBench.ts
 * bundles this file the way esbuild.mjs bundles the literature worker, so that the code measured is
 * the code the extension runs, and runs it in a fresh Node process): best of three each, each on
 * a collected heap, the bare parser (JSON.parse per line; @retorquere/bibtex-parser's `parse` run
 * with the linear chunker of src/core/sources/bibtexChunks.ts, its own chunker being quadratic),
 * the importer alone (bytes → works) and the whole read (with the merge, the team sectors, the
 * topics and the newest-first order the views need). Arguments: the file and its kind (`openalex`
 * or `bibtex`). Prints one JSON object.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse as parseBibtex } from '@retorquere/bibtex-parser';
import { withLinearChunker } from '../src/core/sources/bibtexChunks';
import { readSourceFile } from '../src/core/sources/literature';
import { readLiterature } from '../src/host/loading/literatureRead';

const round = (x: number): number => Math.round(x * 10) / 10;
const time = <T>(fn: () => T): [T, number] => {
  const t = performance.now();
  const v = fn();
  return [v, performance.now() - t];
};

const [file, kind] = process.argv.slice(2);
const bare =
  kind === 'bibtex'
    ? (text: string) => withLinearChunker(() => parseBibtex(text, { sentenceCase: false, caseProtection: false, errorHandler: false })).entries.length
    : (text: string) => text.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as unknown).length;
const bytes = readFileSync(file);
const mb = bytes.byteLength / 1e6;
let records = 0;
let works = 0;
let bareMs = Infinity;
let importerMs = Infinity;
let importMs = Infinity;
// Each measurement starts on a collected heap (run with --expose-gc), so that none pays for the garbage of the one before.
const collect = (): void => (globalThis as { gc?: () => void }).gc?.();
for (let r = 0; r < 3; r++) {
  collect();
  const [n, b] = time(() => bare(bytes.toString('utf8')));
  records = n;
  bareMs = Math.min(bareMs, b);
  collect();
  importerMs = Math.min(importerMs, time(() => readSourceFile(bytes, path.basename(file)))[1]);
  collect();
  const [read, ms] = time(() => readLiterature({ files: [{ name: path.basename(file), bytes }] }));
  works = read.dataset.papers.length;
  importMs = Math.min(importMs, ms);
}
process.stdout.write(
  `${JSON.stringify({
    mb: round(mb),
    records,
    works,
    bareParserMs: round(bareMs),
    importerMs: round(importerMs),
    importerRatio: round(importerMs / bareMs),
    importMs: round(importMs),
    ratio: round(importMs / bareMs),
    importMBs: round(mb / (importMs / 1000)),
    importWorksPerS: Math.round(works / (importMs / 1000)),
    bareMBs: round(mb / (bareMs / 1000)),
  })}\n`,
);
