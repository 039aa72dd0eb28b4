/**
 * A compact multi-select: a `<details>` drop-down of checkboxes with counts, whose summary names
 * the choice ("All", "Language", "Language +2"). Nothing checked means "all", as in TrendsFilters.
 * The counts are the host's filter-aware ones; a line above the list says what they count, and a
 * value no row would match under the other filters is dimmed (still selectable).
 */
import type { TrendsOption } from '../../src/shared/trendsProtocol.js';
import { el } from './dom.js';
import { formatCount } from './format.js';

export class MultiSelect {
  readonly element: HTMLDetailsElement;
  private readonly summaryValue = el('span', { class: 'ms-value' });
  private readonly countsNote = el('span', { class: 'ms-note' });
  private readonly list = el('div', { class: 'ms-list', role: 'group' });
  private options: TrendsOption[] = [];
  private selected = new Set<string>();

  constructor(
    private readonly label: string,
    private readonly onChange: (values: string[]) => void,
  ) {
    const clear = el('button', { type: 'button', class: 'link' }, 'Clear (all)');
    clear.addEventListener('click', () => {
      if (this.selected.size === 0) return;
      this.selected.clear();
      this.redraw();
      this.onChange([]);
    });
    this.element = el(
      'details',
      { class: 'multi-select' },
      el('summary', { 'aria-label': label }, el('span', { class: 'ms-label' }, `${label}:`), ' ', this.summaryValue),
      el('div', { class: 'ms-popup' }, el('div', { class: 'ms-actions' }, this.countsNote, clear), this.list),
    );
    // Escape closes the drop-down and gives the focus back to its summary, as a native select.
    this.element.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape' || !this.element.open) return;
      this.element.open = false;
      this.element.querySelector('summary')?.focus();
      event.stopPropagation();
    });
    this.redraw();
  }

  /**
   * The values the data has, with counts, and what the counts are (`note`, shown above the list).
   * Selected values the data lacks stay listed, count 0. When only the counts changed, they are
   * updated in place, so a box ticked a moment ago keeps its focus.
   */
  setOptions(options: TrendsOption[], note: string): void {
    const sameValues = options.length === this.options.length && options.every((o, i) => o.value === this.options[i].value);
    this.options = options;
    this.countsNote.textContent = `${note}:`;
    if (sameValues && this.list.querySelector('.ms-option')) this.updateCounts();
    else this.redraw();
  }

  setSelected(values: readonly string[]): void {
    this.selected = new Set(values);
    this.redraw();
  }

  get values(): string[] {
    return this.allOptions()
      .map((o) => o.value)
      .filter((v) => this.selected.has(v));
  }

  private allOptions(): TrendsOption[] {
    const known = new Set(this.options.map((o) => o.value));
    const missing = [...this.selected].filter((v) => !known.has(v)).map((value) => ({ value, count: 0, total: 0 }));
    return [...this.options, ...missing];
  }

  private updateCounts(): void {
    const byValue = new Map(this.allOptions().map((o) => [o.value, o]));
    for (const row of this.list.querySelectorAll<HTMLElement>('.ms-option')) {
      const option = byValue.get(row.dataset.value ?? '');
      if (option) this.showCount(row, option);
    }
  }

  private showCount(row: HTMLElement, option: TrendsOption): void {
    row.querySelector('.ms-count')!.textContent = formatCount(option.count);
    row.classList.toggle('zero', option.count === 0);
    row.title = `${formatCount(option.count)} of the ${formatCount(option.total)} models with “${option.value}” in the dataset match the other filters`;
  }

  private redraw(): void {
    this.updateSummary();
    this.rebuildList();
  }

  private updateSummary(): void {
    const values = this.values;
    this.summaryValue.textContent = values.length === 0 ? 'All' : values.length === 1 ? values[0] : `${values[0]} +${values.length - 1}`;
    this.element.title = values.length === 0 ? `${this.label}: all` : `${this.label}: ${values.join(', ')}`;
    this.element.classList.toggle('active', values.length > 0);
  }

  /** Rebuilt only when options or the whole selection change, so a ticked box keeps its focus. */
  private rebuildList(): void {
    const options = this.allOptions();
    if (options.length === 0) {
      this.list.replaceChildren(el('p', { class: 'muted' }, 'None in this dataset.'));
      return;
    }
    this.list.replaceChildren(
      ...options.map((option) => {
        const box = el('input', { type: 'checkbox', value: option.value });
        box.checked = this.selected.has(option.value);
        box.addEventListener('change', () => {
          if (box.checked) this.selected.add(option.value);
          else this.selected.delete(option.value);
          this.updateSummary();
          this.onChange(this.values);
        });
        const row = el('label', { class: 'ms-option', 'data-value': option.value }, box, el('span', { class: 'ms-name' }, option.value), el('span', { class: 'ms-count' }));
        this.showCount(row, option);
        return row;
      }),
    );
  }
}
