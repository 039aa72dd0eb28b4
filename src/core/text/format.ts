/**
 * Write a FLOP count the way the field writes it: `3.14e23 FLOP` (three significant digits,
 * no `+` in the exponent). Undefined → `—`.
 */
export function formatFlop(flop: number | undefined): string {
  if (flop === undefined) return '—';
  return `${formatScientific(flop)} FLOP`;
}

/** Three significant digits in scientific form for large or tiny values (`1.75e11`), plain otherwise. */
export function formatScientific(value: number): string {
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1e-3 && abs < 1e4) return String(Number(value.toPrecision(3)));
  const [mantissa, exponent] = value.toExponential(2).split('e');
  return `${Number(mantissa)}e${Number(exponent)}`;
}

/** A parameter count as researchers say it: `175B`, `1.5T`, `340M`, `66K`. */
export function formatParameters(count: number | undefined): string {
  if (count === undefined) return '—';
  const units: [number, string][] = [
    [1e12, 'T'],
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'K'],
  ];
  for (const [size, unit] of units) if (count >= size) return `${Number((count / size).toPrecision(3))}${unit}`;
  return String(count);
}

/**
 * A count with its noun, singular for exactly one: `1 organization`, `4 organizations`,
 * `1,234 papers` (en-US grouping). `noun` is the singular; the plural adds `s` (every noun the
 * views count takes it: paper, organization, row, label). Throws nothing.
 */
export function countNoun(count: number, noun: string): string {
  return `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`;
}
