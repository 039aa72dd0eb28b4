import { stringify } from 'csv-stringify/sync';
import { decodeText, parseCsv } from './csvTable';
import { loadDataset } from './loadDataset';

/**
 * The columns the bundled snapshot keeps, in this order: the ones the product reads (name,
 * organizations and their categorization, publication date, domain, task, parameters, training
 * compute, dataset size, confidence, link, reference, citations, authors, country, notability
 * criteria, base model, model accessibility, open weights, frontier flag, training hardware). Each
 * entry lists the header spellings of Epoch's schema eras, newest first; the snapshot keeps the
 * spelling the source file uses. Prose columns (`Abstract`, every `… notes` column) are never
 * kept: the snapshot carries facts, not Epoch's writing.
 */
export const BUNDLED_COLUMNS: readonly (readonly string[])[] = [
  ['Model', 'System'],
  ['Organization', 'Organization(s)'],
  ['Organization categorization'],
  ['Publication date'],
  ['Domain'],
  ['Task'],
  ['Parameters'],
  ['Training compute (FLOP)', 'Training compute (FLOPs)'],
  ['Training dataset size (total)', 'Training dataset size (datapoints)'],
  ['Confidence'],
  ['Link'],
  ['Reference'],
  ['Citations'],
  ['Authors', 'Author(s)'],
  ['Country (of organization)', 'Country (from Organization)'],
  ['Notability criteria', 'Inclusion criteria'],
  ['Base model'],
  ['Model accessibility'],
  ['Open model weights?'],
  ['Frontier model'],
  ['Training hardware'],
];

/** Epoch AI's attribution for the notable-models table (CC BY 4.0), as the snapshot states it. */
export const EPOCH_ATTRIBUTION = {
  title: 'Epoch AI, Data on Notable AI Models',
  licence: 'CC BY 4.0',
  licenceUrl: 'https://creativecommons.org/licenses/by/4.0/',
  sourceUrl: 'https://epoch.ai/data/notable-ai-models',
  csvUrl: 'https://epoch.ai/data/notable_ai_models.csv',
} as const;

/** What is known about a bundled snapshot (written beside it as JSON by `npm run bundle-data`). */
export interface BundledSnapshotMeta {
  title: string;
  licence: string;
  licenceUrl: string;
  sourceUrl: string;
  /** The latest publication date in the table (ISO `YYYY-MM-DD`): how far the snapshot reaches. */
  snapshotDate: string;
  rows: number;
  /** The headers kept, in the file's order. */
  columns: string[];
  /** SHA-256 (hex) of the source file the snapshot was made from. */
  sourceSha256: string;
}

/** Thrown when the source lacks a column the product needs (the name and organization columns). */
export class BundleSourceError extends Error {}

/**
 * Make the bundled snapshot from the bytes of an Epoch notable-models CSV: every record, only the
 * columns of `BUNDLED_COLUMNS` that the source has (in that order), each cell's text exactly as
 * read (quoted by csv-stringify per RFC 4180, LF line ends, UTF-8 without BOM). Ragged records
 * keep their cells by position, as the loader reads them, so the snapshot loads to the same papers,
 * ids and team sectors as the source (a test holds it to that). Deterministic: the same bytes in
 * give the same bytes out.
 *
 * @param source the source file's bytes (any encoding the loader reads)
 * @param sourceSha256 hex SHA-256 of `source`, recorded in the metadata
 * @returns the CSV text and its metadata (`snapshotDate` = the latest publication date)
 * @throws BundleSourceError when the source has no name or no organization column;
 *   NotEpochTableError (from the loader) when it is not an Epoch table at all
 */
export function makeBundledSnapshot(source: Uint8Array, sourceSha256: string): { csv: string; meta: BundledSnapshotMeta } {
  const dataset = loadDataset(source, 'source'); // throws NotEpochTableError for anything else
  const decoded = decodeText(source);
  const table = parseCsv(decoded.bytes, decoded.encoding);
  const headers = (table.header?.fields ?? []).map((h) => h.replace(/\s+/gu, ' ').trim());
  const lower = headers.map((h) => h.toLowerCase());
  const picked: { index: number; header: string }[] = [];
  for (const spellings of BUNDLED_COLUMNS) {
    for (const spelling of spellings) {
      const index = lower.indexOf(spelling.toLowerCase());
      if (index !== -1) {
        picked.push({ index, header: headers[index] });
        break;
      }
    }
  }
  for (const needed of [BUNDLED_COLUMNS[0], BUNDLED_COLUMNS[1]]) {
    if (!picked.some((p) => needed.some((s) => s.toLowerCase() === p.header.toLowerCase()))) {
      throw new BundleSourceError(`the source has no ${needed.join(' / ')} column`);
    }
  }
  const rows = table.records.map((r) => picked.map((p) => r.fields[p.index] ?? ''));
  const csv = stringify([picked.map((p) => p.header), ...rows], { record_delimiter: '\n' });
  let latest = '';
  for (const paper of dataset.papers) {
    if (paper.publicationDate && paper.publicationDate > latest) latest = paper.publicationDate;
  }
  const meta: BundledSnapshotMeta = {
    title: EPOCH_ATTRIBUTION.title,
    licence: EPOCH_ATTRIBUTION.licence,
    licenceUrl: EPOCH_ATTRIBUTION.licenceUrl,
    sourceUrl: EPOCH_ATTRIBUTION.sourceUrl,
    snapshotDate: latest,
    rows: rows.length,
    columns: picked.map((p) => p.header),
    sourceSha256,
  };
  return { csv, meta };
}
