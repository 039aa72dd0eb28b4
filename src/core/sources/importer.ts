/**
 * The importer interface (issue "bring your own literature"): recognise a format from the content
 * (the file name only breaks ties), read bytes into works plus diagnostics. Core importers take bytes,
 * never paths, so that a browser build stays possible. The Epoch CSV reader is one implementation
 * (`epochImporter.ts`).
 */
import type { ImportDiagnostic, SourceFormat, Work } from './work';

/** What a reader is told about the bytes it reads. */
export interface ImportSource {
  /** The file name or URI as the user named it (provenance, `<file>#<key>` ids, diagnostics). */
  name: string;
  /**
   * The most works the caller keeps from this file (`readSourceFile`, `MAX_SOURCE_WORKS`). An
   * importer may stop building works once it has `maxWorks + 1` (one more, so the caller knows
   * that there were more and where the first one left out starts); the caller cuts to `maxWorks`
   * and says so. Undefined: no limit.
   */
  maxWorks?: number;
}

/** Works read from one file, with what could not be read. */
export interface ImportResult {
  format: SourceFormat;
  works: Work[];
  diagnostics: ImportDiagnostic[];
}

export interface Importer {
  format: SourceFormat;
  /**
   * How sure this importer is that `head` (the first 64 KiB, decoded as UTF-8, BOM removed) is its
   * format: 0 (not mine) … 1 (certainly mine). `fileName` only breaks ties (add at most 0.05).
   */
  recognise(head: string, fileName: string): number;
  /** Read every record; never throws for bad content (diagnostics instead). */
  read(bytes: Uint8Array, source: ImportSource): ImportResult;
}
