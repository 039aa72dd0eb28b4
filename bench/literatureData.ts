/**
 * Synthetic literature at scale for `npm run bench` (issue #11, "Performance"): the shared files
 * repeated with fresh identifiers, so that no two records merge and no two titles collide.
 *
 * - `makeOpenAlexJsonl`: 100,000 OpenAlex works, one per line. Every 32nd is the shared work
 *   W2741809807 (9 authors with institutions and types), the others the 27 works of the shared
 *   snapshot shard in turn. Fields the importer never reads (`related_works`, `referenced_works`,
 *   `counts_by_year`, `mesh`, `grants`, …) are left out: with them, 100,000 works are about 350 MB,
 *   past the 200 MB a literature file may have.
 * - `makeBibtex`: 20,000 entries, the entries of the shared BibTeX files in turn, each with a
 *   fresh citation key, DOI and title suffix, and arXiv ids removed (they would merge copies).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

/** The OpenAlex fields `openAlexWork` reads (src/core/sources/openAlex.ts), and what recognition looks for. */
const OPENALEX_READ = new Set(['id', 'doi', 'ids', 'title', 'display_name', 'authorships', 'publication_date', 'publication_year', 'primary_location', 'locations', 'keywords', 'topics', 'concepts', 'abstract_inverted_index', 'type', 'host_venue', 'cited_by_api_url']);

/** Write `count` OpenAlex works as JSON Lines to `file`; returns its size in bytes. */
export function makeOpenAlexJsonl(shared: string, file: string, count = 100_000): number {
  const dir = path.join(shared, 'openalex');
  const shard = readFileSync(path.join(dir, 'openalex_works_snapshot_2023-05-16_part_000.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  const rich = JSON.parse(readFileSync(path.join(dir, 'openalex_work_W2741809807.json'), 'utf8')) as Record<string, unknown>;
  const templates = [rich, ...shard].map((w) => Object.fromEntries(Object.entries(w).filter(([k]) => OPENALEX_READ.has(k))));
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const t = i % 32 === 0 ? templates[0] : templates[1 + (i % shard.length)];
    const id = `https://openalex.org/W${9_000_000_000 + i}`;
    const doi = `https://doi.org/10.99999/bench.${i}`;
    const primary = { ...(t['primary_location'] as Record<string, unknown> | null), landing_page_url: doi, pdf_url: null };
    lines.push(JSON.stringify({ ...t, id, doi, ids: { openalex: id, doi }, title: `${typeof t['title'] === 'string' ? t['title'] : ''} (copy ${i + 1})`, display_name: undefined, primary_location: primary, locations: [primary] }));
  }
  const text = `${lines.join('\n')}\n`;
  writeFileSync(file, text);
  return Buffer.byteLength(text);
}

/** Write `count` BibTeX entries to `file`; returns its size in bytes. */
export function makeBibtex(shared: string, file: string, count = 20_000): number {
  const dir = path.join(shared, 'bibtex');
  const entries = ['d2l.bib', 'graph_embedding_review_refs.bib'].flatMap((f) =>
    readFileSync(path.join(dir, f), 'utf8')
      .replace(/^\uFEFF/, '')
      .split(/\n(?=@)/)
      .filter((e) => /^@\w+\s*\{/.test(e.trim())),
  );
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const copy = Math.floor(i / entries.length) + 1;
    let e = entries[i % entries.length].trim();
    e = e.replace(/^(@\w+\s*\{\s*)([^,\s]+)\s*,/, (_m, head: string, key: string) => `${head}${key}-copy${copy},`);
    // No arXiv ids (they would merge the copies): `eprint`, `arxiv.org/abs/…` and `arXiv:1607.06450` in any field;
    // nor DOIs or PubMed ids anywhere but the fresh `doi` field.
    e = e.replace(/^\s*(eprint|archiveprefix|eprinttype)\s*=\s*\{[^}]*\},?\s*$/gim, '').replace(/arxiv\.org\/(abs|pdf)\/[^\s},]+/gi, 'example.org/bench')
      .replace(/ar\{?x\}?iv[:\s]*(\d{4}\.\d{4,5}|[a-z-]+(\.[a-z]{2})?\/\d{7})(v\d+)?/gi, 'bench preprint');
    e = e.replace(/^\s*doi\s*=\s*\{[^}]*\},?\s*$/gim, '');
    e = e.replace(/10\.\d{4,9}\/[^\s},"]+/g, 'bench-doi-removed');
    e = e.replace(/pubmed(\.ncbi\.nlm\.nih\.gov)?\/\d+/gi, 'pubmed').replace(/\d+\s*\[pmid\]/gi, '[pmid]');
    e = e.replace(/^(\s*title\s*=\s*\{)/im, `$1Copy ${copy}: `);
    e = e.replace(/,?\s*\}\s*$/, `,\n  doi = {10.99998/bench.${i}}\n}`);
    out.push(e);
  }
  const text = `${out.join('\n\n')}\n`;
  writeFileSync(file, text);
  return Buffer.byteLength(text);
}
