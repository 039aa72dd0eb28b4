/**
 * Chart colours and fonts. On screen they come from the editor theme (`--vscode-*` CSS variables,
 * read at every render so a theme switch takes effect on the next draw); exports use a fixed
 * light, print-ready theme whatever the editor shows.
 */
import type { Config } from 'vega-lite';

export interface ChartTheme {
  background: string;
  foreground: string;
  muted: string;
  /** Grid and break lines are the foreground at this opacity, readable on any background. */
  gridOpacity: number;
  fontFamily: string;
  fontSize: number;
  highContrast: boolean;
}

const FALLBACK_FONT = '-apple-system, BlinkMacSystemFont, "Segoe UI", system-ui, Ubuntu, sans-serif';

/** The print-ready theme of exported charts: white background, near-black text. */
export const PRINT_THEME: ChartTheme = {
  background: '#ffffff',
  foreground: '#1f1f1f',
  muted: '#555555',
  gridOpacity: 0.14,
  fontFamily: 'Helvetica, Arial, sans-serif',
  fontSize: 12,
  highContrast: false,
};

/** The editor's current theme, from the CSS variables VS Code sets on the webview's root. */
export function editorTheme(): ChartTheme {
  const style = getComputedStyle(document.documentElement);
  const bodyStyle = getComputedStyle(document.body);
  const v = (name: string): string => (style.getPropertyValue(name) || bodyStyle.getPropertyValue(name)).trim();
  const highContrast = document.body.classList.contains('vscode-high-contrast') || document.body.classList.contains('vscode-high-contrast-light');
  const foreground = v('--vscode-editor-foreground') || v('--vscode-foreground') || bodyStyle.color || '#333333';
  const size = Number.parseFloat(v('--vscode-font-size'));
  return {
    background: v('--vscode-editor-background') || bodyStyle.backgroundColor || '#ffffff',
    foreground,
    muted: v('--vscode-descriptionForeground') || foreground,
    gridOpacity: highContrast ? 0.4 : 0.13,
    fontFamily: v('--vscode-font-family') || FALLBACK_FONT,
    fontSize: Number.isFinite(size) && size > 0 ? size : 13,
    highContrast,
  };
}

/** Vega-Lite config for a theme: text, axes, grid, legend and title colours and fonts. */
export function vegaLiteConfig(theme: ChartTheme): Config {
  const small = Math.max(10, theme.fontSize - 2);
  return {
    background: theme.background,
    font: theme.fontFamily,
    padding: { left: 4, right: 12, top: 6, bottom: 4 },
    view: { stroke: null },
    axis: {
      domainColor: theme.foreground,
      domainOpacity: 0.5,
      tickColor: theme.foreground,
      tickOpacity: 0.5,
      gridColor: theme.foreground,
      gridOpacity: theme.gridOpacity,
      labelColor: theme.muted,
      labelFont: theme.fontFamily,
      labelFontSize: small,
      titleColor: theme.foreground,
      titleFont: theme.fontFamily,
      titleFontSize: small + 1,
      titleFontWeight: 600,
      labelOverlap: true,
      labelFlush: false,
    },
    // The same y-axis width in every chart lines their x axes up, one under the other.
    axisY: { minExtent: 44, maxExtent: 44, titlePadding: 8 },
    legend: {
      labelColor: theme.foreground,
      labelFont: theme.fontFamily,
      labelFontSize: small + 1,
      titleColor: theme.foreground,
      titleFont: theme.fontFamily,
      titleFontSize: small + 1,
      titleFontWeight: 600,
      orient: 'top',
      direction: 'horizontal',
      symbolStrokeWidth: 0,
      symbolOpacity: 1,
      symbolSize: 110,
      columnPadding: 16,
      offset: 6,
    },
    title: {
      color: theme.foreground,
      subtitleColor: theme.muted,
      font: theme.fontFamily,
      subtitleFont: theme.fontFamily,
      fontSize: theme.fontSize + 2,
      subtitleFontSize: small,
      fontWeight: 600,
      anchor: 'start',
      offset: 8,
    },
    text: { color: theme.muted, font: theme.fontFamily, fontSize: small },
  };
}
