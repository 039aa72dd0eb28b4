/**
 * The chunks of a BibTeX file in linear time. `@retorquere/bibtex-parser` 7's chunker (which its
 * LaTeX parser also runs first) works out each chunk's line by splitting the whole text before it
 * (`input.substring(0, pos).split('\n')`), so a file of n entries costs O(n²): 4,000 entries took
 * 3 s, 20,000 minutes. Here the library's own chunker is run on segments of about 64 KB, each
 * ending just before a line that starts with `@`, and the segments' chunks are shifted to file
 * positions and lines. The cut cannot change what the chunker finds: a segment whose last chunk
 * is an error (an `@` at the start of a line inside a value, or a broken entry) is re-read with
 * twice its size until its last chunk is whole or it reaches the end of the file, so every chunk
 * is the one the whole-file chunker cuts (tested against it on every shared file).
 *
 * `withLinearChunker` runs the library's parser with this chunker in place of its own (the
 * parser calls `chunker.parse` through the chunker module's exports).
 */
import { chunker } from '@retorquere/bibtex-parser';

export type BibtexChunk = ReturnType<typeof chunker.parse>[number];

/** Size a segment is cut at (the next line starting with `@` after it). */
export const SEGMENT_CHARACTERS = 64 * 1024;

const libraryChunks: typeof chunker.parse = chunker.parse;

/** Where the line after `from` that starts with optional blanks and `@` begins; the text's length if none. */
function nextCut(text: string, from: number): number {
  if (from >= text.length) return text.length;
  const pattern = /\n(?=[ \t]*@)/g;
  pattern.lastIndex = from;
  const m = pattern.exec(text);
  return m ? m.index + 1 : text.length;
}

/** The library's errors end with ` @ <position>` (and ` in "<directive>"`): made a file position again. */
function shiftErrorPosition(error: string, by: number): string {
  return by === 0 ? error : error.replace(/ @ (\d+)((?: in "(?:[^"\\]|\\.)*")?)$/, (_m, pos: string, rest: string) => ` @ ${Number(pos) + by}${rest}`);
}

function countLineBreaks(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', start); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** The chunks the library's chunker cuts from `text`, with file offsets and 0-based lines, in linear time. */
export function bibtexChunks(text: string, segmentCharacters = SEGMENT_CHARACTERS): BibtexChunk[] {
  const out: BibtexChunk[] = [];
  let start = 0;
  let line = 0;
  while (start < text.length) {
    let size = Math.max(1, segmentCharacters);
    let end = nextCut(text, start + size);
    let chunks = libraryChunks(text.slice(start, end));
    while (end < text.length && chunks.length > 0 && chunks[chunks.length - 1].error) {
      size *= 2;
      end = nextCut(text, start + size);
      chunks = libraryChunks(text.slice(start, end));
    }
    for (const c of chunks) out.push({ ...c, offset: { pos: c.offset.pos + start, line: c.offset.line + line }, ...(c.error ? { error: shiftErrorPosition(c.error, start) } : {}) });
    line += countLineBreaks(text, start, end);
    start = end;
  }
  return out;
}

/** Run `fn` (a call of the library's parser) with `bibtexChunks` as the library's chunker. */
export function withLinearChunker<T>(fn: () => T, segmentCharacters = SEGMENT_CHARACTERS): T {
  const exportsObject = chunker as { parse: typeof chunker.parse };
  const previous = exportsObject.parse;
  exportsObject.parse = ((input: string) => bibtexChunks(input, segmentCharacters));
  try {
    return fn();
  } finally {
    exportsObject.parse = previous;
  }
}
