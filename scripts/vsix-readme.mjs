// The README inside the VSIX (what the Extensions view shows): the user-facing parts of README.md
// (the introduction, "Using it" with its sections, "Where the data comes from"), without the
// developer parts (building, tests, benchmarks, layout). One source, so the two never drift.
// Links to the documentation (docs/*.md) become plain text naming the file in the repository: the
// VSIX does not carry docs/*.md and package.json names no repository URL, so a link would be broken
// (vsce runs with --no-rewrite-relative-links). Links to images under docs/ stay: the VSIX has them.
// Usage: node scripts/vsix-readme.mjs OUT.md   (run by `npm run package`).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const KEEP = ['Using it', 'Where the data comes from'];

/**
 * The VSIX README from the text of README.md: the part before the first `## ` heading, then the
 * `## ` sections named in KEEP (each with its `###` subsections), then a short command-line
 * section; links to docs/*.md turned into plain text.
 * @param {string} readme
 * @returns {string}
 */
export function vsixReadme(readme) {
  const parts = readme.split(/^(?=## )/m);
  const intro = parts[0];
  const kept = parts.slice(1).filter((part) => KEEP.includes(part.slice(3, part.indexOf('\n')).trim()));
  const missing = KEEP.filter((title) => !kept.some((part) => part.startsWith(`## ${title}\n`)));
  if (missing.length > 0) throw new Error(`README.md has no section ${missing.map((t) => `"## ${t}"`).join(', ')}`);
  const commandLine =
    '## Command line\n\nThe same analyses run headless: `node dist/cli.js summary|trends|shares FILE [--json] [--labels LOG]` in the\nextension\'s folder (`node dist/cli.js --help` lists the options; `docs/cli.md` in the project\'s repository describes them).\n\n';
  return [intro, ...kept, commandLine]
    .join('')
    .replace(/\[([^\]]+)\]\(docs\/([\w.-]+\.md)(?:#[\w-]+)?\)/g, "$1 (`docs/$2` in the project's repository)")
    .replace(/\n{3,}/g, '\n\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = process.argv[2];
  if (!out) {
    process.stderr.write('usage: node scripts/vsix-readme.mjs OUT.md\n');
    process.exit(2);
  }
  writeFileSync(out, vsixReadme(readFileSync(path.join(root, 'README.md'), 'utf8')));
}
