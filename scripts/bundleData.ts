/**
 * `npm run bundle-data -- FILE`: make the bundled snapshot of Epoch AI's notable-models table
 * from a downloaded CSV (https://epoch.ai/data/notable_ai_models.csv): `data/epoch-notable-ai-models.csv.gz`
 * (every row, only the columns the product reads, no prose columns), its metadata
 * (`data/epoch-notable-ai-models.json`) and the attribution (`data/README.md`). Rerun it on a newer
 * download to update the snapshot; the same input gives the same bytes.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { writeFileAtomic } from '../src/node/atomicWrite';
import { makeBundledSnapshot, type BundledSnapshotMeta } from '../src/core/dataset/bundledSnapshot';

export const DATA_DIR = path.resolve(__dirname, '..', 'data');
export const SNAPSHOT_FILE = 'epoch-notable-ai-models.csv.gz';
export const META_FILE = 'epoch-notable-ai-models.json';

/** The attribution page written beside the snapshot (CC BY 4.0 asks for title, licence, source, changes). */
export function attributionText(meta: BundledSnapshotMeta): string {
  return `# Bundled data: ${meta.title}

\`${SNAPSHOT_FILE}\` is a compact copy of **${meta.title}** (Epoch AI's database of notable AI models),
published by Epoch AI under the **${meta.licence}** licence (${meta.licenceUrl}).
Source: ${meta.sourceUrl}. Snapshot: ${meta.rows.toLocaleString('en-US')} models, publication dates up to **${meta.snapshotDate}**.

Cite it as: Epoch AI, "Data on Notable AI Models", ${meta.sourceUrl} (snapshot of ${meta.snapshotDate}).

Changes made to Epoch's table: every row is kept; only the columns the extension reads are kept
(${meta.columns.map((c) => `\`${c}\``).join(', ')}); the abstracts and every notes column are left out;
the file is gzip-compressed. The values are Epoch's, unchanged.

Made by \`npm run bundle-data -- FILE\` from a download whose SHA-256 is \`${meta.sourceSha256}\`;
\`${META_FILE}\` holds the same facts for the extension.
`;
}

async function main(): Promise<number> {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('usage: npm run bundle-data -- FILE.csv   (a download of https://epoch.ai/data/notable_ai_models.csv)\n');
    return 2;
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    process.stderr.write(`cannot read ${file}: ${(error as Error).message}\n`);
    return 2;
  }
  const sha = createHash('sha256').update(bytes).digest('hex');
  const { csv, meta } = makeBundledSnapshot(bytes, sha);
  await mkdir(DATA_DIR, { recursive: true });
  // Level 9 and no name/mtime in the gzip header: the same input gives the same bytes.
  await writeFileAtomic(path.join(DATA_DIR, SNAPSHOT_FILE), gzipSync(Buffer.from(csv, 'utf8'), { level: 9 }));
  await writeFileAtomic(path.join(DATA_DIR, META_FILE), Buffer.from(`${JSON.stringify(meta, null, 2)}\n`));
  await writeFileAtomic(path.join(DATA_DIR, 'README.md'), Buffer.from(attributionText(meta)));
  // The Papers view's welcome text names the snapshot's date (package.json is static).
  const manifest = path.resolve(__dirname, '..', 'package.json');
  const text = await readFile(manifest, 'utf8');
  const updated = text.replace(/bundled snapshot, \d{4}-\d{2}-\d{2}/gu, `bundled snapshot, ${meta.snapshotDate}`).replace(/\d{1,3}(,\d{3})* models, ready to explore/u, `${meta.rows.toLocaleString('en-US')} models, ready to explore`);
  if (updated !== text) await writeFileAtomic(manifest, Buffer.from(updated));
  process.stdout.write(`${meta.rows} models to ${meta.snapshotDate}, ${meta.columns.length} columns → data/${SNAPSHOT_FILE}\n`);
  return 0;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${(error as Error).message}\n`);
      process.exit(1);
    },
  );
}
