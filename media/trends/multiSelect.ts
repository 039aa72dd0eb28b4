/**
 * A compact multi-select: a `<details>` drop-down of checkboxes with counts, whose summary names
 * the choice ("All", "Language", "Language +2"). Nothing checked means "all", as in TrendsFilters.
 */
import { el } from './dom.js';
import { formatCount } from './format.js';

export class MultiSelect {
  readonly element: HTMLDetailsElement;
  private readonly summaryValue = el('span', { class: 'ms-value' });
  private readonly list = el('div', { class: 'ms-list', role: 'group' });
  private options: { value: string; count: number }[] = [];
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
      el('div', { class: 'ms-popup' }, el('div', { class: 'ms-actions' }, clear), this.list),
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

  /** The values the data has (with counts); selected values the data lacks stay listed, count 0. */
  setOptions(options: { value: string; count: number }[]): void {
    this.options = options;
    this.redraw();
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

  private allOptions(): { value: string; count: number }[] {
    const known = new Set(this.options.map((o) => o.value));
    const missing = [...this.selected].filter((v) => !known.has(v)).map((value) => ({ value, count: 0 }));
    return [...this.options, ...missing];
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
        return el('label', { class: 'ms-option' }, box, el('span', { class: 'ms-name' }, option.value), el('span', { class: 'ms-count' }, formatCount(option.count)));
      }),
    );
  }
}
