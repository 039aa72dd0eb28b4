/**
 * The filter bar shared by the three charts. It owns a copy of the filters: every valid change
 * calls `onChange` with the whole new TrendsFilters (the caller posts `setFilters` and saves the
 * state); an invalid entry (an impossible date, `1e` as a FLOP count) is marked and explained
 * and changes nothing until it is fixed.
 */
import { DEFAULT_TRENDS_FILTERS, type DecisionName, type SectorName, type TrendsFilters, type TrendsPreset, type TrendsView } from '../../src/shared/trendsProtocol.js';
import { button, debounce, el } from './dom.js';
import { formatScientific, parseFlop, parseIsoDate } from './format.js';
import { MultiSelect } from './multiSelect.js';
import { SECTOR_COLOURS, SECTORS } from './sectors.js';

/** Debounce of the name filter (typing) and of the FLOP and top-k fields. */
export const TEXT_DEBOUNCE_MS = 150;

/** The decision filter's choices, in the order of a PRISMA flow (labels.md paper field `decision`). */
export const DECISIONS: readonly { value: DecisionName; label: string }[] = [
  { value: 'include', label: 'Included' },
  { value: 'exclude', label: 'Excluded' },
  { value: 'maybe', label: 'Maybe' },
  { value: 'undecided', label: 'Undecided' },
];

export function cloneFilters(filters: TrendsFilters): TrendsFilters {
  return JSON.parse(JSON.stringify(filters)) as TrendsFilters;
}

function field(label: string, control: HTMLElement, extra: Record<string, string> = {}): HTMLLabelElement {
  return el('label', { class: 'field', ...extra }, el('span', { class: 'field-label' }, label), control);
}

/** The filters other than `except` that are active, in words (`date range`, `team sectors`…). */
export function otherActiveFilters(f: TrendsFilters, except: 'domains' | 'notability'): string[] {
  const active: string[] = [];
  if (f.since !== undefined || f.until !== undefined) active.push('dates');
  if (f.sectors.length > 0) active.push('team sectors');
  if ((f.decisions ?? []).length > 0) active.push('decisions');
  if (except !== 'domains' && f.domains.length > 0) active.push('domains');
  if (except !== 'notability' && f.notability.length > 0) active.push('notability');
  if (f.minComputeFlop !== undefined) active.push('minimum compute');
  if (f.text) active.push('name');
  return active;
}

/** What a multi-select's counts are: filter-aware, so say which filters they reflect. */
function countsNote(f: TrendsFilters, except: 'domains' | 'notability'): string {
  const others = otherActiveFilters(f, except);
  return others.length === 0 ? 'Models in the dataset' : `Models that match the other filters (${others.join(', ')})`;
}

/**
 * Which preset `f` is, or `custom`: the preset's since, notability (as a set, ignoring case) and
 * minimum compute equal the filters', and the filters a preset sets but this one does not are
 * unset (core's presetOf, on the presets the host sent).
 */
export function presetOfFilters(f: TrendsFilters, presets: readonly TrendsPreset[]): string {
  const have = new Set(f.notability.map((t) => t.toLowerCase()));
  for (const preset of presets) {
    const want = new Set((preset.filters.notability ?? []).map((t) => t.toLowerCase()));
    const same = want.size === have.size && [...want].every((t) => have.has(t));
    if (same && f.since === preset.filters.since && f.minComputeFlop === preset.filters.minComputeFlop) return preset.id;
  }
  return 'custom';
}

export class FilterBar {
  readonly element: HTMLElement;
  private filters: TrendsFilters;
  // Text, not <input type=date>: the native control shows the OS locale (mm/dd/yyyy) while the
  // field, the breaks and the data all write dates YYYY-MM-DD.
  private readonly since = el('input', { type: 'text', class: 'date', placeholder: 'YYYY-MM-DD', spellcheck: 'false', 'aria-label': 'Since (inclusive)' });
  private readonly until = el('input', { type: 'text', class: 'date', placeholder: 'YYYY-MM-DD', spellcheck: 'false', 'aria-label': 'Until (exclusive)' });
  private readonly minCompute = el('input', { type: 'text', class: 'flop', inputmode: 'decimal', placeholder: 'e.g. 1e23', spellcheck: 'false', 'aria-label': 'Minimum training compute (FLOP)' });
  private readonly text = el('input', { type: 'search', placeholder: 'Model name contains…', spellcheck: 'false', 'aria-label': 'Model name contains' });
  private readonly topK = el('input', { type: 'number', min: '1', max: '1000', step: '1', 'aria-label': 'k of the top-k share chart' });
  private readonly sectorBoxes = new Map<SectorName, HTMLInputElement>();
  private readonly decisionBoxes = new Map<DecisionName, HTMLInputElement>();
  private readonly domains: MultiSelect;
  private readonly notability: MultiSelect;
  private readonly breaksList = el('span', { class: 'breaks-list' });
  private readonly errors = el('p', { class: 'filter-error', role: 'alert' });
  private readonly preset = el('select', { class: 'preset', 'aria-label': 'Preset' }, el('option', { value: 'custom' }, 'Custom'));
  private readonly leaning = el('input', { type: 'checkbox', class: 'leaning' });
  private presets: TrendsPreset[] = [];
  private readonly invalid = new Map<string, string>();

  constructor(initial: TrendsFilters, private readonly onChange: (filters: TrendsFilters) => void) {
    this.filters = cloneFilters(initial);
    this.domains = new MultiSelect('Domains', (values) => this.commit({ domains: values }));
    this.notability = new MultiSelect('Notability', (values) => this.commit({ notability: values }));

    for (const input of [this.since, this.until]) {
      input.addEventListener('change', () => this.onDates(true));
      // While typing, apply a complete valid date without waiting for Enter; flag errors on change.
      input.addEventListener('input', debounce(() => this.onDates(false), 3 * TEXT_DEBOUNCE_MS));
    }
    this.minCompute.addEventListener('input', debounce(() => this.onMinCompute(), TEXT_DEBOUNCE_MS));
    this.minCompute.addEventListener('change', () => this.onMinCompute());
    this.text.addEventListener('input', debounce(() => this.commit({ text: this.text.value.trim() }), TEXT_DEBOUNCE_MS));
    this.topK.addEventListener('input', debounce(() => this.onTopK(), TEXT_DEBOUNCE_MS));

    const sectors = el('fieldset', { class: 'sectors' }, el('legend', {}, 'Team sectors'));
    for (const sector of SECTORS) {
      const box = el('input', { type: 'checkbox', value: sector });
      box.addEventListener('change', () => this.onSectors(box));
      this.sectorBoxes.set(sector, box);
      sectors.append(el('label', { class: 'sector-choice' }, box, el('span', { class: 'swatch', style: `background:${SECTOR_COLOURS[sector]}` }), sector));
    }

    const decisions = el('fieldset', { class: 'decisions', title: 'Screening decisions from the label log (Include / Exclude / Maybe)' }, el('legend', {}, 'Decisions'));
    for (const { value, label } of DECISIONS) {
      const box = el('input', { type: 'checkbox', value });
      box.addEventListener('change', () => this.onDecisions(box));
      this.decisionBoxes.set(value, box);
      decisions.append(el('label', { class: 'decision-choice' }, box, label));
    }

    this.preset.addEventListener('change', () => this.onPreset());
    this.leaning.addEventListener('change', () => this.commit({ byLeaning: this.leaning.checked || undefined }));
    const leaning = el(
      'label',
      { class: 'leaning-choice', title: 'Count academia-leaning collaborations as Academia and industry-leaning ones as Industry, in every chart and tab (balanced collaborations stay Collaboration)' },
      this.leaning,
      'Leaning collaborations count with their side',
    );

    const addBreak = button('+ Break', () => this.addBreak(), { class: 'small', title: 'Add a segment break (a date that starts a new fitted segment)' });
    const breaks = el('div', { class: 'field breaks' }, el('span', { class: 'field-label', title: 'Fits are computed separately on each side of these dates' }, 'Segment breaks'), this.breaksList, addBreak);
    const reset = button('Reset filters', () => this.reset(), { class: 'secondary', title: 'Back to every model and the default breaks (2010-01-01, 2015-09-01)' });

    this.element = el(
      'form',
      { class: 'filter-bar', 'aria-label': 'Filters' },
      el(
        'div',
        { class: 'filter-row' },
        field('Preset', this.preset, { title: 'As in the paper: notability SOTA improvement, Historical significance or Highly cited, published 2010 on. Epoch large-scale: training compute ≥ 1e23 FLOP. Custom: your own filters (editing a preset\'s filter makes it Custom).' }),
        field('Name', this.text, { class: 'field grow' }),
        field('Since', this.since),
        field('Until', this.until),
        field('Min. compute (FLOP)', this.minCompute, { title: 'Keep models with at least this training compute, e.g. 1e23' }),
      ),
      el('div', { class: 'filter-row' }, sectors, leaning, decisions, this.domains.element, this.notability.element),
      el(
        'div',
        { class: 'filter-row' },
        breaks,
        field('Top-k', this.topK, { title: 'k of the "share of each year\'s top-k models" chart' }),
        el('span', { class: 'spacer' }),
        reset,
      ),
      this.errors,
    );
    this.element.addEventListener('submit', (event) => event.preventDefault());
    // A click outside an open drop-down closes it, as a native select would.
    document.addEventListener('click', (event) => {
      for (const details of this.element.querySelectorAll('details[open]')) if (!details.contains(event.target as Node)) details.removeAttribute('open');
    });
    this.show(this.filters);
  }

  get value(): TrendsFilters {
    return cloneFilters(this.filters);
  }

  /** Show `filters` in the controls (restored state, or the host's filters on first data). */
  setFilters(filters: TrendsFilters): void {
    this.filters = cloneFilters(filters);
    this.invalid.clear();
    this.show(this.filters);
  }

  /**
   * The choices the data offers: domains and notability criteria with their filter-aware counts
   * (computed by the host under `applied`, the filters of the numbers on show), the date range.
   */
  setOptions(options: TrendsView['options'], applied: TrendsFilters): void {
    this.domains.setOptions(options.domains, countsNote(applied, 'domains'));
    this.notability.setOptions(options.notability, countsNote(applied, 'notability'));
    if (options.presets && JSON.stringify(options.presets) !== JSON.stringify(this.presets)) {
      this.presets = options.presets;
      this.preset.replaceChildren(el('option', { value: 'custom' }, 'Custom'), ...this.presets.map((p) => el('option', { value: p.id }, p.title)));
      this.preset.value = presetOfFilters(this.filters, this.presets);
    }
    const range = options.dateRange;
    const hint = range ? ` The data runs from ${range.min} to ${range.max}.` : '';
    this.since.title = `Publication date, inclusive (YYYY-MM-DD).${hint}`;
    this.until.title = `Publication date, exclusive (YYYY-MM-DD).${hint}`;
  }

  private show(f: TrendsFilters): void {
    this.since.value = f.since ?? '';
    this.until.value = f.until ?? '';
    this.minCompute.value = f.minComputeFlop === undefined ? '' : formatScientific(f.minComputeFlop);
    this.text.value = f.text;
    this.topK.value = String(f.topK);
    for (const [sector, box] of this.sectorBoxes) box.checked = f.sectors.length === 0 || f.sectors.includes(sector);
    const decided = f.decisions ?? [];
    for (const [decision, box] of this.decisionBoxes) box.checked = decided.length === 0 || decided.includes(decision);
    this.domains.setSelected(f.domains);
    this.notability.setSelected(f.notability);
    this.renderBreaks(f.breaks);
    this.leaning.checked = f.byLeaning === true;
    this.preset.value = presetOfFilters(f, this.presets);
    this.showErrors();
  }

  /** Change some filters from outside the bar (the shares chart's definition, the frontier choice). */
  change(change: Partial<TrendsFilters>): void {
    this.commit(change);
  }

  private commit(change: Partial<TrendsFilters>): void {
    const next = { ...this.filters, ...change };
    for (const key of Object.keys(next) as (keyof TrendsFilters)[]) if (next[key] === undefined) delete next[key];
    // Editing a preset's filter turns the choice into Custom (and choosing a preset shows it).
    this.preset.value = presetOfFilters(next, this.presets);
    if (JSON.stringify(next) === JSON.stringify(this.filters)) return;
    this.filters = next;
    this.onChange(this.value);
  }

  /** A preset sets its filters (clearing those of the other presets) and shows them; Custom changes nothing. */
  private onPreset(): void {
    const preset = this.presets.find((p) => p.id === this.preset.value);
    if (!preset) return;
    // Clear what either preset sets, then set this one's (a key left undefined is dropped by commit).
    const next: TrendsFilters = { ...this.filters, notability: [], since: undefined, minComputeFlop: undefined, ...(JSON.parse(JSON.stringify(preset.filters)) as TrendsPreset['filters']) };
    this.invalid.clear();
    this.show(next);
    this.commit(next);
  }

  private setInvalid(key: string, input: HTMLElement | undefined, message: string | undefined): boolean {
    if (message) this.invalid.set(key, message);
    else this.invalid.delete(key);
    if (input) input.toggleAttribute('aria-invalid', message !== undefined);
    this.showErrors();
    return message === undefined;
  }

  private showErrors(): void {
    this.errors.textContent = [...this.invalid.values()].join(' ');
    this.errors.hidden = this.invalid.size === 0;
  }

  /** `report`: mark and explain a wrong date (on change); while typing, wait quietly instead. */
  private onDates(report: boolean): void {
    const since = this.since.value.trim() || undefined;
    const until = this.until.value.trim() || undefined;
    const bad = [this.since, this.until].find((i) => i.value.trim() !== '' && parseIsoDate(i.value) === undefined);
    const disordered = !bad && since && until && since >= until;
    if (bad || disordered) {
      if (report) {
        for (const input of [this.since, this.until]) input.removeAttribute('aria-invalid');
        this.setInvalid('dates', bad ?? this.until, bad ? `“${bad.value.trim()}” is not a real date; write it YYYY-MM-DD.` : '“Until” must be after “Since”.');
      }
      return;
    }
    for (const input of [this.since, this.until]) input.removeAttribute('aria-invalid');
    this.setInvalid('dates', undefined, undefined);
    this.commit({ since, until });
  }

  private onMinCompute(): void {
    const parsed = parseFlop(this.minCompute.value);
    const message = parsed === undefined ? `“${this.minCompute.value.trim()}” is not a FLOP count; write it like 1e23.` : undefined;
    if (!this.setInvalid('minCompute', this.minCompute, message)) return;
    this.commit({ minComputeFlop: parsed ?? undefined });
  }

  private onTopK(): void {
    const k = Number(this.topK.value);
    const ok = Number.isInteger(k) && k >= 1 && k <= 1000;
    if (!this.setInvalid('topK', this.topK, ok ? undefined : 'Top-k must be a whole number from 1 to 1000.')) return;
    this.commit({ topK: k });
  }

  private onSectors(changed: HTMLInputElement): void {
    const checked = SECTORS.filter((s) => this.sectorBoxes.get(s)!.checked);
    // Unticking the last sector would show nothing (or, read as "no filter", everything): refuse.
    if (checked.length === 0) {
      changed.checked = true;
      return;
    }
    this.commit({ sectors: checked.length === SECTORS.length ? [] : checked });
  }

  private onDecisions(changed: HTMLInputElement): void {
    const checked = DECISIONS.map((d) => d.value).filter((d) => this.decisionBoxes.get(d)!.checked);
    // As with sectors: no decision ticked would show nothing; every one ticked is no filter.
    if (checked.length === 0) {
      changed.checked = true;
      return;
    }
    this.commit({ decisions: checked.length === DECISIONS.length ? undefined : checked });
  }

  private renderBreaks(breaks: readonly string[]): void {
    this.breaksList.replaceChildren(...breaks.map((b) => this.breakInput(b)));
  }

  private breakInput(value: string): HTMLElement {
    const input = el('input', { type: 'text', class: 'break', value, placeholder: 'YYYY-MM-DD', spellcheck: 'false', size: '10', 'aria-label': 'Segment break date' });
    input.addEventListener('change', () => this.onBreaks());
    const remove = button('×', () => {
      chip.remove();
      this.onBreaks();
    }, { class: 'icon', title: 'Remove this break', 'aria-label': `Remove break ${value}` });
    const chip = el('span', { class: 'break-chip' }, input, remove);
    return chip;
  }

  private addBreak(): void {
    const chip = this.breakInput('');
    this.breaksList.append(chip);
    chip.querySelector('input')?.focus();
  }

  private onBreaks(): void {
    const inputs = [...this.breaksList.querySelectorAll<HTMLInputElement>('input.break')];
    let message: string | undefined;
    for (const input of inputs) {
      const text = input.value.trim();
      const bad = text !== '' && parseIsoDate(text) === undefined;
      input.toggleAttribute('aria-invalid', bad);
      if (bad && !message) message = `“${text}” is not a real date; segment breaks are written YYYY-MM-DD.`;
    }
    if (!this.setInvalid('breaks', undefined, message)) return;
    const values = [...new Set(inputs.map((i) => i.value.trim()).filter((t) => t !== ''))].sort();
    this.commit({ breaks: values });
  }

  /** Back to DEFAULT_TRENDS_FILTERS, notifying when that changes anything. */
  reset(): void {
    const next = cloneFilters(DEFAULT_TRENDS_FILTERS);
    const changed = JSON.stringify(next) !== JSON.stringify(this.filters);
    this.setFilters(next);
    if (changed) this.onChange(this.value);
  }
}
