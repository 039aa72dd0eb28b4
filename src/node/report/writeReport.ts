import { lstat, mkdir, open } from 'node:fs/promises';
import * as path from 'node:path';
import { REPORT_MARKER, renderHtml, renderMarkdown } from '../../core/report/blocks';
import { FIGURE_FILES, REPORT_TITLE, reportContent, type ReportInputs } from '../../core/report/reportContent';
import { writeFileAtomic } from '../atomicWrite';
import { renderSvg } from './renderSvg';

/** One file of the report: its name inside the output folder and its bytes. */
export interface ReportFile {
  name: string;
  bytes: Uint8Array;
}

/** The names of the report's two documents. */
export const REPORT_MARKDOWN = 'report.md';
export const REPORT_HTML = 'report.html';

/**
 * The report's files for `inputs`: the figures as SVG files (`report-figure-N-….svg`, each
 * starting with a comment that carries `REPORT_MARKER`), then `report.md` (figures as images
 * pointing at those files) and `report.html` (the same blocks, every figure inline). Byte-identical
 * for the same inputs: nothing depends on the clock, the locale or the machine.
 */
export async function renderReport(inputs: ReportInputs): Promise<ReportFile[]> {
  const { blocks, figures } = reportContent(inputs);
  const svgs = new Map<string, string>();
  for (const f of figures) svgs.set(f.id, await renderSvg(f.spec, f.id));
  const utf8 = (text: string): Uint8Array => Buffer.from(text, 'utf8');
  return [
    ...figures.map((f) => ({ name: f.file, bytes: utf8(`<!-- ${REPORT_MARKER} figure: ${f.title} -->\n${svgs.get(f.id)!}\n`) })),
    { name: REPORT_MARKDOWN, bytes: utf8(renderMarkdown(blocks, inputs.version)) },
    { name: REPORT_HTML, bytes: utf8(renderHtml(blocks, svgs, inputs.version, REPORT_TITLE)) },
  ];
}

/** A report file would replace something that an earlier report did not write; nothing was written. */
export class ReportRefusedError extends Error {}

/**
 * Write the report's files into `folder` (created when missing), each atomically
 * (`writeFileAtomic`). A file already there is replaced only when an earlier run of the report
 * wrote it (its first 1 KiB holds `REPORT_MARKER`); anything else at one of the names — a user's
 * own `report.md`, a link, a folder — stops the whole write before any byte is written. Returns the
 * paths written, in order (figures first, so the documents never point at a missing figure).
 *
 * @throws ReportRefusedError naming the file in the way; WriteError or the file system's error
 *   (a `folder` that is a file, a read-only disk)
 */
export async function writeReport(folder: string, files: readonly ReportFile[]): Promise<string[]> {
  const exists = await checkReportTargets(folder, files.map((f) => f.name));
  if (!exists) await mkdir(folder, { recursive: true });
  const targets = files.map((f) => path.join(folder, f.name));
  for (const [i, file] of files.entries()) await writeFileAtomic(targets[i], file.bytes);
  return targets;
}

/** Every file name a report writes, in the order `renderReport` gives them. */
export const REPORT_FILE_NAMES: readonly string[] = [...FIGURE_FILES, REPORT_MARKDOWN, REPORT_HTML];

/**
 * Check, without writing, that a report may be written into `folder` (see `writeReport`): resolves
 * false when the folder does not exist yet (nothing in the way), true when it does and no file of
 * `names` is in the way. Callers run it before the slow part, so a refusal comes at once.
 *
 * @throws ReportRefusedError naming the file in the way, or saying that `folder` is not a folder
 */
export async function checkReportTargets(folder: string, names: readonly string[] = REPORT_FILE_NAMES): Promise<boolean> {
  const existing = await lstat(folder).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? undefined : Promise.reject(error)));
  if (existing === undefined) return false;
  if (!existing.isDirectory()) throw new ReportRefusedError(`${folder} is not a folder; expected the folder to write report.md, report.html and the figures into`);
  for (const target of names.map((n) => path.join(folder, n))) {
    const reason = await whyNotReplaceable(target);
    if (reason !== undefined) throw new ReportRefusedError(`${target} ${reason}; nothing was written (choose another --out folder, or move that file away)`);
  }
  return true;
}

/** Undefined when `target` is absent or an earlier report's file; otherwise why it must not be replaced. */
async function whyNotReplaceable(target: string): Promise<string | undefined> {
  const s = await lstat(target).catch(() => undefined);
  if (s === undefined) return undefined;
  if (s.isSymbolicLink()) return 'is a symbolic link, not a file an earlier report wrote';
  if (!s.isFile()) return 'exists and is not a file';
  const handle = await open(target, 'r');
  try {
    const head = Buffer.alloc(1024);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return head.subarray(0, bytesRead).toString('utf8').includes(REPORT_MARKER) ? undefined : 'exists and was not written by compute-divide report';
  } finally {
    await handle.close();
  }
}
