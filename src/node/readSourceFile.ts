import { gunzipSync } from 'node:zlib';
import { MAX_DATASET_BYTES, type ByteSource } from './readDatasetFile';

/**
 * The largest literature file read, before and after decompression: the same 200 MiB as an Epoch
 * table (a 100,000-work OpenAlex shard is about 500 MB uncompressed only with full abstracts and
 * every concept; split larger ones).
 */
export const MAX_SOURCE_BYTES = MAX_DATASET_BYTES;

/** Thrown when a literature file (or its decompressed content) is larger than `MAX_SOURCE_BYTES`. */
export class SourceTooLargeError extends Error {
  constructor(
    readonly source: string,
    readonly size: number,
    readonly decompressed = false,
  ) {
    super(`${source} is ${decompressed ? 'more than ' : ''}${(size / 1e6).toFixed(0)} MB${decompressed ? ' once decompressed' : ''}, more than the ${(MAX_SOURCE_BYTES / 1e6).toFixed(0)} MB Compute Divide reads from one file; it was not read (split it into smaller files).`);
    this.name = 'SourceTooLargeError';
  }
}

/** True when `bytes` start with gzip's magic number (1f 8b). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * The bytes of a literature file from `source`, size-checked before they are read, and
 * decompressed when gzip (`.jsonl.gz` shards of OpenAlex), with the decompressed size bounded by
 * `MAX_SOURCE_BYTES` too (a gzip bomb stops at the cap); with `decompress: false` the bytes as
 * read (the caller runs `gunzipSource`, e.g. in a worker). The caller recognises the format from
 * the bytes (`src/core/sources/formats.ts`).
 *
 * @throws SourceTooLargeError above the cap; the source's own errors (a missing file, a device)
 */
export async function readSourceBytes(source: ByteSource, name: string, options: { decompress?: boolean } = {}): Promise<Uint8Array> {
  const size = await source.size();
  if (size > MAX_SOURCE_BYTES) throw new SourceTooLargeError(name, size);
  const bytes = await source.all();
  return options.decompress === false ? bytes : gunzipSource(bytes, name);
}

/**
 * `bytes` decompressed when they are gzip (else `bytes` itself), the decompressed size bounded by
 * `MAX_SOURCE_BYTES`. What `readSourceBytes` does after reading; the literature worker runs it
 * off the extension host's thread.
 *
 * @throws SourceTooLargeError past the cap; an Error naming `name` when the gzip stream is damaged
 */
export function gunzipSource(bytes: Uint8Array, name: string): Uint8Array {
  if (!isGzip(bytes)) return bytes;
  try {
    return gunzipSync(bytes, { maxOutputLength: MAX_SOURCE_BYTES });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new SourceTooLargeError(name, MAX_SOURCE_BYTES, true);
    throw new Error(`${name} looks gzip-compressed but could not be decompressed (${(error as Error).message}).`);
  }
}
