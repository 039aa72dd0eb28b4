// THIRD_PARTY_NOTICES.md for the VSIX: every npm package that esbuild really bundled into
// dist/extension.js, dist/cli.js and the webview scripts (read from the build's metafile, so a
// package that is installed but tree-shaken away or only used by tests is not listed), with its
// version, its licence (package.json) and the licence text from its package folder.
// Usage: node scripts/third-party-notices.mjs [dist/metafile.json] [dist/THIRD_PARTY_NOTICES.md]
//        (run by `npm run package` after the production build).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const LICENSE_FILE = /^(licen[cs]e|copying|notice)(\.|-|$)/i;

/**
 * The npm packages whose files appear among the inputs of the given esbuild metafiles: for each,
 * its name and version (from its package.json), its licence (the `license` field, or the old
 * `licenses` array), the folder it was read from, and the text of its licence and notice files
 * (LICENSE, LICENCE, COPYING, NOTICE, any extension), sorted by name then version.
 *
 * @param {{ inputs: Record<string, unknown> }[]} metafiles
 * @param {string} [base] the folder the build ran in (input paths are relative to it)
 * @returns {{ name: string, version: string, license: string, folder: string, texts: { file: string, text: string }[] }[]}
 */
export function bundledPackages(metafiles, base = root) {
  const folders = new Set();
  for (const meta of metafiles)
    for (const input of Object.keys(meta.inputs)) {
      const parts = input.split(/[\\/]/);
      const at = parts.lastIndexOf('node_modules');
      if (at === -1) continue;
      const length = parts[at + 1]?.startsWith('@') ? 2 : 1;
      folders.add(parts.slice(0, at + 1 + length).join('/'));
    }
  const packages = [];
  for (const folder of folders) {
    const dir = path.resolve(base, folder);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
    const license = typeof manifest.license === 'string' ? manifest.license : Array.isArray(manifest.licenses) ? manifest.licenses.map((l) => l.type ?? l).join(' OR ') : manifest.license?.type ?? 'UNKNOWN';
    const texts = readdirSync(dir)
      .filter((f) => LICENSE_FILE.test(f))
      .sort()
      .map((file) => ({ file, text: readFileSync(path.join(dir, file), 'utf8').trim() }));
    packages.push({ name: manifest.name, version: manifest.version, license, folder, texts });
  }
  return packages.sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
}

/**
 * The notices file: a table of package, version and licence, then each package's licence texts.
 * @param {ReturnType<typeof bundledPackages>} packages
 * @returns {string}
 */
export function noticesMarkdown(packages) {
  const lines = [
    '# Third-party notices',
    '',
    'Compute Divide bundles the following npm packages into `dist/extension.js`, `dist/cli.js` and its webview scripts. Their licences follow.',
    '',
    '| Package | Version | Licence |',
    '|---|---|---|',
    ...packages.map((p) => `| ${p.name} | ${p.version} | ${p.license} |`),
    '',
  ];
  for (const p of packages) {
    lines.push(`## ${p.name} ${p.version}`, '', `Licence: ${p.license}`, '');
    if (p.texts.length === 0) lines.push('(The package ships no licence file; its package.json names the licence above.)', '');
    for (const t of p.texts) lines.push(`### ${t.file}`, '', '```text', t.text.replace(/```/g, '` ` `'), '```', '');
  }
  return lines.join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const metafile = path.resolve(root, process.argv[2] ?? 'dist/metafile.json');
  const out = path.resolve(root, process.argv[3] ?? 'dist/THIRD_PARTY_NOTICES.md');
  if (!existsSync(metafile)) {
    process.stderr.write(`${metafile} is missing: run node esbuild.mjs first.\n`);
    process.exit(1);
  }
  const packages = bundledPackages(JSON.parse(readFileSync(metafile, 'utf8')));
  writeFileSync(out, noticesMarkdown(packages));
  process.stdout.write(`${path.relative(root, out)}: ${packages.length} packages\n`);
}
