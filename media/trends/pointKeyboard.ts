/**
 * Keyboard access to the points of chart 1: the chart takes focus (tabindex 0); Right/Left move
 * to the next/previous drawn point by publication date (ties by training compute), Home/End to
 * the first/last, Enter reveals the model as a click does, Escape leaves the point. The current
 * point gets a visible ring and the tooltip, and a polite live region reads its name, date,
 * training compute and team sector.
 */
import type { View } from 'vega';
import type { TrendsPoint } from '../../src/shared/trendsProtocol.js';
import { el } from './dom.js';
import { formatCount, formatFlop } from './format.js';
import { SECTOR_COLOURS } from './sectors.js';
import type { Tooltip } from './tooltip.js';

/** What the live region says for a point (also the test's expectation). */
export function announcePoint(p: TrendsPoint, index: number, total: number): string {
  return `${p.name}, ${p.date}, ${formatFlop(p.computeFlop)}, ${p.sector}. Model ${formatCount(index + 1)} of ${formatCount(total)}.`;
}

export class PointKeyboard {
  private points: TrendsPoint[] = [];
  private index = -1;
  private view: View | undefined;
  private readonly ring = el('div', { class: 'focus-ring', hidden: '', 'aria-hidden': 'true' });
  readonly live = el('p', { class: 'sr-only', 'aria-live': 'polite', 'aria-atomic': 'true' });

  constructor(
    private readonly host: HTMLElement,
    private readonly tooltip: Tooltip,
    private readonly onReveal: (id: string) => void,
  ) {
    host.tabIndex = 0;
    host.setAttribute('role', 'application');
    host.setAttribute('aria-roledescription', 'chart');
    host.addEventListener('keydown', (event) => this.key(event));
    host.addEventListener('focus', () => this.place());
    host.addEventListener('blur', () => {
      this.ring.hidden = true;
      this.tooltip.hide();
    });
  }

  /** The id of the current point, if any (tests read it through the DOM's data-point). */
  get current(): TrendsPoint | undefined {
    return this.points[this.index];
  }

  /** A new drawing: the drawn points and their Vega view; the current point is kept if still drawn. */
  update(points: readonly TrendsPoint[], view: View | undefined): void {
    const id = this.current?.id;
    this.points = [...points].sort((a, b) => a.x - b.x || a.y - b.y);
    this.view = view;
    this.index = id === undefined ? -1 : this.points.findIndex((p) => p.id === id);
    this.host.setAttribute(
      'aria-label',
      `Training compute over time, ${formatCount(this.points.length)} models. Left and Right arrow keys move through the models by publication date, Home and End go to the first and last, Enter reveals the model in the Papers tree.`,
    );
    if (this.ring.parentElement !== this.host) this.host.append(this.ring);
    if (this.index < 0) this.host.removeAttribute('data-point');
    if (document.activeElement === this.host) this.place();
    else this.ring.hidden = true;
  }

  /** Put the ring back on the current point (after a resize). */
  place(): void {
    const p = this.current;
    if (!p || !this.view || document.activeElement !== this.host) {
      this.ring.hidden = true;
      return;
    }
    const element = this.view.container()?.querySelector('svg, canvas');
    if (!element) return;
    const hostRect = this.host.getBoundingClientRect();
    const rect = element.getBoundingClientRect();
    const [ox, oy] = this.view.origin();
    const padding = this.view.padding() as { left?: number; top?: number };
    const x = rect.left - hostRect.left + (padding.left ?? 0) + ox + (this.view.scale('x') as (v: number) => number)(p.x);
    const y = rect.top - hostRect.top + (padding.top ?? 0) + oy + (this.view.scale('y') as (v: number) => number)(p.y);
    this.ring.style.left = `${x}px`;
    this.ring.style.top = `${y}px`;
    this.ring.hidden = false;
    this.tooltip.show(
      {
        title: p.name,
        swatch: SECTOR_COLOURS[p.sector],
        rows: [
          ['Publication date', p.date],
          ['Training compute', formatFlop(p.computeFlop)],
          ['Organizations', p.organizations || '—'],
          ['Team sector', p.sector],
        ],
        hint: 'Enter reveals it in the Papers tree',
      },
      hostRect.left + x,
      hostRect.top + y,
    );
  }

  private key(event: KeyboardEvent): void {
    const n = this.points.length;
    if (n === 0) return;
    let next: number | undefined;
    switch (event.key) {
      case 'ArrowRight':
        next = this.index < 0 ? 0 : Math.min(n - 1, this.index + 1);
        break;
      case 'ArrowLeft':
        next = this.index < 0 ? n - 1 : Math.max(0, this.index - 1);
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = n - 1;
        break;
      case 'Enter':
        if (this.current) {
          event.preventDefault();
          this.onReveal(this.current.id);
        }
        return;
      case 'Escape':
        this.index = -1;
        this.host.removeAttribute('data-point');
        this.ring.hidden = true;
        this.tooltip.hide();
        return;
      default:
        return;
    }
    event.preventDefault();
    this.index = next;
    const p = this.points[next];
    this.host.setAttribute('data-point', p.id);
    this.live.textContent = announcePoint(p, next, n);
    this.place();
  }
}
