/**
 * One tooltip element for every chart, filled with text nodes only (model names come from the
 * dataset and are never parsed as HTML), placed next to the pointer and kept inside the window.
 */
import { el } from './dom.js';

export interface TooltipContent {
  title: string;
  /** Colour swatch before the title, e.g. the team sector's colour. */
  swatch?: string;
  rows: [label: string, value: string][];
  hint?: string;
}

export class Tooltip {
  private readonly node = el('div', { class: 'chart-tooltip', role: 'tooltip', hidden: '' });

  constructor(parent: HTMLElement) {
    parent.append(this.node);
  }

  show(content: TooltipContent, clientX: number, clientY: number): void {
    const title = el('div', { class: 'tt-title' });
    if (content.swatch) title.append(el('span', { class: 'swatch', style: `background:${content.swatch}` }));
    title.append(content.title);
    const rows = el('dl', {});
    for (const [label, value] of content.rows) rows.append(el('dt', {}, label), el('dd', {}, value));
    this.node.replaceChildren(title, rows, content.hint ? el('div', { class: 'tt-hint' }, content.hint) : '');
    this.node.hidden = false;
    const margin = 14;
    const { offsetWidth: w, offsetHeight: h } = this.node;
    let left = clientX + margin;
    let top = clientY + margin;
    if (left + w > window.innerWidth - 4) left = Math.max(4, clientX - margin - w);
    if (top + h > window.innerHeight - 4) top = Math.max(4, clientY - margin - h);
    this.node.style.left = `${left}px`;
    this.node.style.top = `${top}px`;
  }

  hide(): void {
    this.node.hidden = true;
  }
}
