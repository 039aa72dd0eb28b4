import type { TopLevelSpec } from 'vega-lite' with { 'resolution-mode': 'import' };
import { PRINT_CONFIG } from '../../core/report/figures';

/**
 * Render a Vega-Lite specification to SVG text without a browser: compiled with the print theme
 * (`PRINT_CONFIG`) and run by a Vega view with the renderer `none`; text widths are estimated (no
 * canvas), so the output depends only on the spec. Element ids (Vega numbers clip paths from a
 * counter shared by the whole process) are renamed `<prefix>-1`, `<prefix>-2`… in order of
 * appearance, so a figure is the same bytes on every run and several figures can be inlined in one
 * HTML page without clashing ids.
 *
 * Vega is loaded with a dynamic `import()`: its Node build waits at the top level for an optional
 * `canvas` package, which a CommonJS `require` cannot do.
 */
export async function renderSvg(spec: TopLevelSpec, idPrefix: string): Promise<string> {
  const [{ parse, View }, { compile }] = await Promise.all([import('vega'), import('vega-lite')]);
  const view = new View(parse(compile(spec, { config: PRINT_CONFIG }).spec), { renderer: 'none' });
  try {
    return stableIds(await view.toSVG(), idPrefix);
  } finally {
    view.finalize();
  }
}

function stableIds(svg: string, prefix: string): string {
  const renamed = new Map<string, string>();
  for (const [, id] of svg.matchAll(/\sid="([^"]+)"/g)) if (!renamed.has(id)) renamed.set(id, `${prefix}-${renamed.size + 1}`);
  if (renamed.size === 0) return svg;
  return svg.replace(/(\sid="|url\(#|href="#)([^")]+)/g, (whole, lead: string, id: string) => (renamed.has(id) ? `${lead}${renamed.get(id)}` : whole));
}
