/**
 * Labels beside the circles of a scatter without overlaps (the Topics tab's scatter and the
 * report's topics figure): a greedy placement in pixel space, the largest circles first, each label
 * tried right of its circle, then left, above, below and on the diagonals, kept only where it
 * overlaps no label already placed, no other circle and stays inside the plot. A label that fits
 * nowhere is left out (the chart's table, tooltip and CSV still name the topic). Pure: no DOM;
 * text widths are estimated from the character count, so the result depends only on the input.
 */

/** A circle of the scatter, in pixels from the plot's top left corner. */
export interface LabelledCircle {
  x: number;
  y: number;
  /** Radius in pixels. */
  r: number;
  text: string;
  /** Larger first (the number of models). */
  priority: number;
}

/** Where a label goes: its anchor in pixels and how the text hangs from it (baseline middle). */
export interface LabelPlacement {
  index: number;
  x: number;
  y: number;
  align: 'left' | 'right' | 'center';
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const overlaps = (a: Box, b: Box): boolean => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/** Estimated width of `text` in pixels at `fontSize` (average glyph ≈ 0.58 em in the UI fonts). */
export function textWidth(text: string, fontSize: number): number {
  return [...text].length * fontSize * 0.58;
}

/**
 * Place the labels of `circles` in a plot of `width` × `height` pixels with text of `fontSize`
 * pixels (see the module comment). Returns one placement per label kept, in the order of
 * `circles`; deterministic (ties in priority keep the input order).
 */
export function placeLabels(circles: readonly LabelledCircle[], width: number, height: number, fontSize: number): LabelPlacement[] {
  const gap = 3;
  const lineHeight = fontSize * 1.2;
  const circleBoxes: Box[] = circles.map((c) => ({ x0: c.x - c.r, y0: c.y - c.r, x1: c.x + c.r, y1: c.y + c.r }));
  const placed: Box[] = [];
  const result: LabelPlacement[] = [];
  const order = circles.map((_, i) => i).sort((a, b) => circles[b].priority - circles[a].priority || a - b);
  for (const i of order) {
    const c = circles[i];
    const w = textWidth(c.text, fontSize);
    const h = lineHeight;
    const d = c.r * Math.SQRT1_2;
    const candidates: LabelPlacement[] = [
      { index: i, x: c.x + c.r + gap, y: c.y, align: 'left' },
      { index: i, x: c.x - c.r - gap, y: c.y, align: 'right' },
      { index: i, x: c.x, y: c.y - c.r - gap - h / 2, align: 'center' },
      { index: i, x: c.x, y: c.y + c.r + gap + h / 2, align: 'center' },
      { index: i, x: c.x + d + gap, y: c.y - d - h / 2, align: 'left' },
      { index: i, x: c.x + d + gap, y: c.y + d + h / 2, align: 'left' },
      { index: i, x: c.x - d - gap, y: c.y - d - h / 2, align: 'right' },
      { index: i, x: c.x - d - gap, y: c.y + d + h / 2, align: 'right' },
    ];
    for (const p of candidates) {
      const x0 = p.align === 'left' ? p.x : p.align === 'right' ? p.x - w : p.x - w / 2;
      const box = { x0, y0: p.y - h / 2, x1: x0 + w, y1: p.y + h / 2 };
      if (box.x0 < 0 || box.x1 > width || box.y0 < 0 || box.y1 > height) continue;
      if (placed.some((b) => overlaps(b, box))) continue;
      if (circleBoxes.some((b, j) => j !== i && overlaps(shrink(b), box))) continue;
      placed.push(box);
      result.push(p);
      break;
    }
  }
  return result.sort((a, b) => a.index - b.index);
}

/** A circle's box shrunk to its inscribed square's size (labels may touch a circle's corners). */
function shrink(b: Box): Box {
  const r = (b.x1 - b.x0) / 2;
  const cut = r * (1 - Math.SQRT1_2);
  return { x0: b.x0 + cut, y0: b.y0 + cut, x1: b.x1 - cut, y1: b.y1 - cut };
}
