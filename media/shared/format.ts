/**
 * Number formatting for every webview. The webviews may not import `src/core/` (DESIGN.md,
 * layers), so the few rules they need are restated here, small and pure: the same `3.14e23 FLOP`
 * form as `src/core/text/format.ts`, counts with thousands separators, and "1 item" / "2 items".
 */

/** `3.14e23` (three significant digits, no `+`) for large or tiny values, plain otherwise. */
export function formatScientific(value: number): string {
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1e-3 && abs < 1e4) return String(Number(value.toPrecision(3)));
  const [mantissa, exponent] = value.toExponential(2).split('e');
  return `${Number(mantissa)}e${Number(exponent)}`;
}

/** A FLOP count as the field writes it: `3.14e23 FLOP`. */
export function formatFlop(flop: number): string {
  return `${formatScientific(flop)} FLOP`;
}

/** A fixed number of decimals with a true minus sign, `—` for null or non-finite values. */
export function formatFixed(value: number | null | undefined, decimals: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const text = value.toFixed(decimals);
  return text.startsWith('-') ? `−${text.slice(1)}` : text;
}

const COUNT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** An integer count with thousands separators (`1,234`). */
export function formatCount(value: number): string {
  return COUNT.format(value);
}

/** A fraction as a percentage with no decimals (`0.4` → `40%`). */
export function formatPercent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}

/** `1 item`, `1,234 items`: a count with its noun, plural unless the count is 1. */
export function countNoun(n: number, noun: string): string {
  return `${formatCount(n)} ${noun}${n === 1 ? '' : 's'}`;
}
