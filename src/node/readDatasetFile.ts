import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { HEAD_BYTES, judgeHead } from '../core/dataset/epochHeader';
import { loadDataset, NotEpochTableError } from '../core/dataset/loadDataset';
import type { Dataset } from '../core/dataset/model';

/**
 * The largest file the loader reads: 200 MiB. Epoch's largest table (all_ai_models) is under
 * 10 MB, and loading takes about five times a file's size in memory and 0.1 s per MB, so a larger file would
 * exhaust the Node heap (issue #9). The workspace scan skips larger files for the same reason.
 */
export const MAX_DATASET_BYTES = 200 * 1024 * 1024;

/** Thrown when a file is larger than `MAX_DATASET_BYTES`; the message is one sentence for the user. */
export class DatasetTooLargeError extends Error {
  constructor(
    readonly source: string,
    readonly size: number,
  ) {
    super(`${source} is ${megabytes(size)} MB, more than the ${megabytes(MAX_DATASET_BYTES)} MB Compute Divide reads (Epoch AI's tables are under 10 MB); it was not loaded.`);
  }
}

/** Where a dataset's bytes come from: its size, its first bytes, all of it (a file, a URI, a test's counter). */
export interface ByteSource {
  size(): Promise<number>;
  /** The first `length` bytes (fewer when the file is shorter). */
  head(length: number): Promise<Uint8Array>;
  all(): Promise<Uint8Array>;
}

/**
 * The bytes of an Epoch table from `source`, checked before they are read whole: the size against
 * `MAX_DATASET_BYTES`, then (for files over `HEAD_BYTES`) the first 64 KiB judged as an Epoch header,
 * so a large file that is not a table is refused after 64 KiB (issue #9). Callers parse the bytes
 * (inline with `loadDataset`, or in the extension's load worker).
 *
 * @throws DatasetTooLargeError above the cap; NotEpochTableError when the head is not a table's;
 *   the source's own errors (a missing file)
 */
export async function readEpochTableBytes(source: ByteSource, name: string): Promise<Uint8Array> {
  const size = await source.size();
  if (size > MAX_DATASET_BYTES) throw new DatasetTooLargeError(name, size);
  if (size > HEAD_BYTES) {
    const refused = judgeHead(await source.head(HEAD_BYTES), false);
    if (refused !== undefined) throw new NotEpochTableError(name, refused);
  }
  return source.all();
}

/** `readEpochTableBytes`, then `loadDataset` on them (the CLI and tests). */
export async function readDatasetFrom(source: ByteSource, name: string): Promise<Dataset> {
  return loadDataset(await readEpochTableBytes(source, name), name);
}

/**
 * A `ByteSource` over a file on disk. Only a regular file is read: a FIFO, a device (`/dev/zero`)
 * or a folder, directly or through a link, is refused before a byte is read (`NotEpochTableError`),
 * since its size says nothing about what a read would return. `all` returns a buffer of its own
 * (transferable without a copy); it reads at most `MAX_DATASET_BYTES` + 1 bytes, so a file that
 * grows while being read cannot exceed the cap either.
 */
export function fileByteSource(path: string): ByteSource {
  const openRegular = async () => {
    // O_NONBLOCK: opening a FIFO must not wait for a writer before fstat can refuse it.
    const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const stat = await handle.stat();
    if (!stat.isFile()) {
      await handle.close();
      throw new NotEpochTableError(path, `it is ${stat.isDirectory() ? 'a folder' : stat.isFIFO() ? 'a FIFO (named pipe)' : stat.isCharacterDevice() || stat.isBlockDevice() ? 'a device' : stat.isSocket() ? 'a socket' : 'not a regular file'}, not a CSV file`);
    }
    return { handle, size: stat.size };
  };
  const readUpTo = async (length: number): Promise<Buffer> => {
    const { handle } = await openRegular();
    try {
      const buffer = Buffer.alloc(length);
      let filled = 0;
      while (filled < length) {
        const { bytesRead } = await handle.read(buffer, filled, length - filled, filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      return buffer.subarray(0, filled);
    } finally {
      await handle.close();
    }
  };
  return {
    size: async () => {
      const { handle, size } = await openRegular();
      await handle.close();
      return size;
    },
    head: (length) => readUpTo(length),
    all: async () => {
      const { handle, size } = await openRegular();
      try {
        // The usual case, a file that keeps its size while read: a buffer of exactly its size, of
        // its own (not zero-filled first, not pooled), so a loader can transfer it to a worker
        // without copying (a 190 MB copy stalls the extension host for about 60 ms).
        if (size <= MAX_DATASET_BYTES) {
          const buffer = Buffer.allocUnsafeSlow(size);
          let filled = 0;
          while (filled < size) {
            const { bytesRead } = await handle.read(buffer, filled, size - filled, filled);
            if (bytesRead === 0) break;
            filled += bytesRead;
          }
          const { bytesRead: beyond } = await handle.read(Buffer.alloc(1), 0, 1, filled);
          if (filled === size && beyond === 0) return buffer;
        }
      } finally {
        await handle.close();
      }
      // It changed size while being read: read it again, at most the cap + 1 bytes.
      const bytes = await readUpTo(MAX_DATASET_BYTES + 1);
      if (bytes.length > MAX_DATASET_BYTES) throw new DatasetTooLargeError(path, bytes.length);
      return new Uint8Array(bytes);
    },
  };
}

/**
 * Read and load a dataset file from disk (see `readDatasetFrom`). Throws the file system's error for
 * a missing or unreadable file, `DatasetTooLargeError` above 200 MiB, and `NotEpochTableError` for
 * a file that is not an Epoch table (judged from its first 64 KiB).
 */
export async function readDatasetFile(path: string): Promise<Dataset> {
  return readDatasetFrom(fileByteSource(path), path);
}

function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(bytes >= 10 * 1024 * 1024 ? 0 : 1);
}
