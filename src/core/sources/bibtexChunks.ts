/**
 * The chunks of a BibTeX file in linear time. `@retorquere/bibtex-parser` 7's chunker (which its
 * LaTeX parser also runs first) works out each chunk's line by splitting the whole text before it
 * (`input.substring(0, pos).split('\n')`), so a file of n entries costs O(n²): 4,000 entries took
 * 3 s, 20,000 minutes. Here the library's own chunker reads the whole file, unchanged, from a
 * `String` object whose `substring(0, pos)` answers that one `split('\n')` from line starts counted
 * once: every chunk is the library's own (the same text, positions, errors and lines, tested against
 * it), and the cost of a line is a binary search.
 *
 * (An earlier version ran the chunker on segments of about 64 KB cut before lines starting with
 * `@`. A cut inside a value could make an entry that BibTeX reads whole look broken when the
 * chunker's error recovery found a whole chunk before the cut, and a file of broken entries, whose
 * errors run into one chunk, grew its segment to the whole file and was quadratic again.)
 *
 * What stays quadratic is the library's own recovery: after a broken entry it reads on to the next
 * `@`, and an entry whose value is never closed is first read to the end of the file. A file in
 * which every one of n entries leaves a brace open is read n times over (16,000 such one-line
 * entries, 240 KB: about a minute); files with a few broken entries are linear.
 *
 * `withLinearChunker` runs the library's parser with this chunker in place of its own (the
 * parser calls `chunker.parse` through the chunker module's exports).
 */
import { chunker } from '@retorquere/bibtex-parser';

export type BibtexChunk = ReturnType<typeof chunker.parse>[number];

const libraryChunks: typeof chunker.parse = chunker.parse;

/** The text before a position, whose `split('\n')` has as many parts as lines it touches (known beforehand). */
class TextBefore extends String {
  constructor(text: string, private readonly lines: number) {
    super(text);
  }

  override split(separator: unknown, limit?: number): string[] {
    if (separator === '\n' && limit === undefined) return { length: this.lines } as string[];
    return String(this).split(separator as string, limit);
  }
}

/** The text the chunker reads: `substring(0, pos)` knows how many lines it holds. */
class LineCountedText extends String {
  /** Position where each line starts (line 0 at 0). */
  private readonly lineStarts: number[] = [0];

  constructor(text: string) {
    super(text);
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
  }

  override substring(start: number, end?: number): string {
    const text = String.prototype.substring.call(this, start, end);
    if (start !== 0 || end === undefined) return text;
    // Lines the text [0, end) touches: the line starts at or before `end`.
    let lo = 0;
    let hi = this.lineStarts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.lineStarts[mid] <= end) lo = mid + 1;
      else hi = mid;
    }
    return new TextBefore(text, lo) as unknown as string;
  }
}

/** The chunks the library's chunker cuts from `text` (its own result), in time linear in the text for all but never-closed values. */
export function bibtexChunks(text: string): BibtexChunk[] {
  const chunks = libraryChunks(new LineCountedText(text) as unknown as string);
  // A chunk at position 0 has its text from `substring(0, …)`: made a plain string again.
  for (const c of chunks) if (typeof c.text !== 'string') c.text = String(c.text);
  return chunks;
}

/**
 * Run `fn` (a call of the library's parser) with `bibtexChunks` as the library's chunker; the
 * library's own is back afterwards, also when `fn` throws. `known` gives the chunks of a text the
 * caller has chunked already (`readBibtex` chunks the file first to screen it): the parser gets
 * them instead of chunking the same text a second time.
 */
export function withLinearChunker<T>(fn: () => T, known?: { text: string; chunks: BibtexChunk[] }): T {
  const exportsObject = chunker as { parse: typeof chunker.parse };
  const previous = exportsObject.parse;
  exportsObject.parse = ((input: string) => (known && input === known.text ? known.chunks : bibtexChunks(input)));
  try {
    return fn();
  } finally {
    exportsObject.parse = previous;
  }
}
