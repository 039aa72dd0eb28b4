/**
 * What the panel says about its charts: the time-axis choice with what it leaves out, and the
 * captions of charts 2 and 3, computed from the numbers drawn (so they stay true under any filter
 * and any time axis).
 */
import type { TimeAxis, TrendsView } from '../../src/shared/trendsProtocol.js';
import { el } from './dom.js';
import { formatCount, formatScientific } from './format.js';
import { DEEP_LEARNING_ERA_START, describeHidden, describePartialYear, drawnPartialYears, sectorTotal, yearInWindow, type YearWindow } from './timeAxis.js';

/** `Hatched: 2026 through 2026-07-15 — a year the data covers only in part.`, or ''. */
function hatchedNote(view: TrendsView, window: YearWindow, years: readonly { year: number }[]): string {
  const partial = drawnPartialYears(view, window, years);
  if (partial.length === 0) return '';
  const which = partial.length === 1 ? 'a year the data covers only in part' : 'years the data covers only in part';
  return ` Hatched: ${partial.map(describePartialYear).join('; ')} — ${which}.`;
}

/** Chart 2's caption: what is ranked, what paler and hatched bars mean. */
export function sharesCaption(view: TrendsView, window: YearWindow): string {
  const k = view.shares.top;
  if (view.shares.definition === 'threshold')
    return `For each publication year, the models with a training compute of at least ${formatScientific(view.shares.thresholdFlop ?? 1e23)} FLOP, by the team sector that built them; years without such a model are left out.${hatchedNote(view, window, view.shares.years)}`;
  if (view.shares.definition === 'residual')
    return `For each publication year, the models whose log₁₀ training compute lies at least ${view.shares.z ?? 1} residual standard errors above the all-model trend line of their segment, by the team sector that built them; years without such a model are left out.${hatchedNote(view, window, view.shares.years)}`;
  return (
    `For each publication year, the ${k} models with the most training compute (a model without a known training compute cannot be ranked), by the team sector that built them. ` +
    `Paler bars: years with fewer than ${k} such models.${hatchedNote(view, window, view.shares.years)}`
  );
}

/**
 * Chart 3's caption: the rule (every dated row passing the filters, with or without training
 * compute) and the numbers of the bars drawn, split by whether their training compute is known.
 */
export function countsCaption(view: TrendsView, window: YearWindow): string {
  const drawn = view.counts.filter((row) => yearInWindow(row.year, window));
  const models = drawn.reduce((n, row) => n + sectorTotal(row), 0);
  const withCompute = drawn.reduce((n, row) => n + sectorTotal(row.withCompute), 0);
  const split =
    withCompute === models
      ? `all with a known training compute`
      : `${formatCount(withCompute)} with a known training compute (the dots of the first chart) and ${formatCount(models - withCompute)} without`;
  return (
    `Each bar counts the models published that year that pass the filters, whether or not their training compute is known. ` +
    `Drawn: ${formatCount(models)} ${models === 1 ? 'model' : 'models'}, ${split}.${hatchedNote(view, window, view.counts)}`
  );
}

/**
 * The time-axis choice above the charts (deep-learning era or all years, as toggle buttons) and
 * the sentence that states what the axis leaves out. The choice is disabled, with the reason in
 * its tooltip, when it cannot move the axis (a `since` date sets the start, or the data does not
 * reach 2010).
 */
export class TimeAxisBar {
  readonly element: HTMLElement;
  private readonly era = el('button', { type: 'button', class: 'toggle', 'aria-pressed': 'false' });
  private readonly all = el('button', { type: 'button', class: 'toggle', 'aria-pressed': 'false' });
  private readonly note = el('p', { class: 'axis-note', 'aria-live': 'polite' });

  constructor(
    private axis: TimeAxis,
    private readonly onChange: (axis: TimeAxis) => void,
  ) {
    this.era.textContent = `Deep-learning era (${DEEP_LEARNING_ERA_START} on)`;
    this.era.addEventListener('click', () => this.choose('deep-learning'));
    this.all.addEventListener('click', () => this.choose('all'));
    this.element = el(
      'div',
      { class: 'axis-bar' },
      el('div', { class: 'axis-choice', role: 'group', 'aria-label': 'Time axis' }, el('span', { class: 'field-label' }, 'Time axis'), el('span', { class: 'segmented' }, this.era, this.all)),
      this.note,
    );
    this.pressed();
  }

  /** Label the choices and state what `window` leaves out. */
  show(view: TrendsView, window: YearWindow): void {
    this.all.textContent = `All years (${window.firstYear} on)`;
    const reason = view.filters.since !== undefined ? 'The “Since” filter sets where the time axis starts.' : window.eraApplies ? '' : `The data shown does not reach both sides of ${DEEP_LEARNING_ERA_START}.`;
    for (const b of [this.era, this.all]) {
      b.disabled = reason !== '';
      b.title = reason;
    }
    this.era.title ||= `Start the time axis on ${DEEP_LEARNING_ERA_START}-01-01, the start of the deep-learning era (Sevilla et al. 2022); earlier models still count in the fits`;
    this.all.title ||= 'Show every year of the data';
    const hidden = describeHidden(window, formatCount);
    this.note.textContent = hidden || (window.start === 'since' ? `The time axis starts in ${window.domain[0]}, as the “Since” filter asks.` : `Showing ${window.domain[0]}–${window.domain[1] - 1}: every year of the filtered data.`);
    this.note.classList.toggle('hides', hidden !== '');
  }

  private choose(axis: TimeAxis): void {
    if (axis === this.axis) return;
    this.axis = axis;
    this.pressed();
    this.onChange(axis);
  }

  private pressed(): void {
    this.era.setAttribute('aria-pressed', String(this.axis === 'deep-learning'));
    this.all.setAttribute('aria-pressed', String(this.axis === 'all'));
  }
}
