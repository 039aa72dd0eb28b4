import type { AgreementSectionView, AgreementState, AgreementToHost, AgreementToWebview, AgreementView, DisagreementView } from '../../src/shared/agreementProtocol';
import { el } from '../shared/dom';
import { countNoun as count } from '../shared/format';
import { listen } from '../shared/messages';
import { webviewApi } from '../shared/vscodeApi';

const vscode = webviewApi<AgreementToHost, AgreementState>();
const root = document.getElementById('root')!;
let state: AgreementState = vscode.getState() ?? {};
/** After an adjudication, where keyboard focus goes once the view is redrawn (the next open item). */
let focusAfter: number | undefined;

const stat = (x: number | null): string => (x === null ? 'n/a' : x.toFixed(3));

function table(caption: string, heads: string[], rows: (string | Node)[][], numeric: boolean[]): HTMLTableElement {
  return el(
    'table',
    {},
    el('caption', {}, caption),
    el('thead', {}, el('tr', {}, ...heads.map((h, i) => el('th', { scope: 'col', class: numeric[i] ? 'num' : '' }, h)))),
    el('tbody', {}, ...rows.map((cells) => el('tr', {}, ...cells.map((c, i) => (i === 0 ? el('th', { scope: 'row' }, c) : el('td', { class: numeric[i] ? 'num' : '' }, c)))))),
  );
}

function section(s: AgreementSectionView): HTMLElement {
  const out = el('section', { class: 'agreement' }, el('h2', {}, s.title));
  if (s.note) out.append(el('p', { class: 'muted note' }, s.note));
  if (s.unavailable) {
    out.append(el('p', { class: 'muted' }, s.unavailable));
    return out;
  }
  out.append(
    el(
      'p',
      { class: 'alpha' },
      "Krippendorff's alpha (nominal): ",
      el('strong', { class: 'stat', 'data-stat': 'alpha' }, stat(s.alpha)),
      ` over ${count(s.alphaUnits, 'item')} rated at least twice (${count(s.alphaValues, 'pairable value')}); ${count(s.items, 'item')} rated by ${count(s.annotators.length, 'annotator')}.`,
    ),
  );
  out.append(
    s.pairs.length
      ? table(
          `Cohen's kappa per pair of annotators: ${s.title.toLowerCase()}`,
          ['Annotators', 'Items both rated', 'Observed agreement', "Cohen's kappa"],
          s.pairs.map((p) => [`${p.a} – ${p.b}`, String(p.n), stat(p.observed), el('span', { class: 'stat', 'data-stat': 'kappa' }, stat(p.kappa))]),
          [false, true, true, true],
        )
      : el('p', { class: 'muted' }, "Cohen's kappa needs two annotators."),
  );
  return out;
}

function blind(view: AgreementView): HTMLElement {
  const out = el('section', { class: 'blind' }, el('h2', {}, 'Blind coding'), el('p', { class: 'verdict' }, view.blindVerdict));
  if (view.blind.length)
    out.append(
      table(
        'Share of each annotator’s label events made blind',
        ['Annotator', 'Label events', 'Made blind'],
        view.blind.map((b) => [b.annotator, String(b.events), `${b.blind} (${b.events ? Math.round((100 * b.blind) / b.events) : 0}%)`]),
        [false, true, true],
      ),
    );
  return out;
}

const FIELD_NAMES: Record<string, string> = { category: 'organization category', teamSector: 'team sector', decision: 'decision', topic: 'topic', note: 'note' };

function disagreement(d: DisagreementView, index: number, open: boolean): HTMLElement {
  const field = FIELD_NAMES[d.field] ?? d.field;
  const item = el(
    'li',
    { class: 'disagreement', 'data-key': d.key, 'data-field': d.field },
    el('h3', {}, el('span', { class: 'name' }, d.display), ' ', el('span', { class: 'field' }, d.kind === 'organization' ? field : `${d.kind} · ${field}`)),
  );
  const values = el('ul', { class: 'values', 'aria-label': 'Each annotator’s current value' });
  for (const v of d.values) values.append(el('li', {}, el('span', { class: 'annotator' }, v.annotator), ': ', el('span', { class: 'value' }, v.value)));
  item.append(values);
  item.append(el('p', { class: 'in-force' }, open ? `In force until decided: ${d.effective.value} (the latest, by ${d.effective.annotator})` : `Decided: ${d.effective.value} (by ${d.effective.annotator})`));
  if (open) {
    const buttons = el('div', { class: 'choices', role: 'group', 'aria-label': `Adjudicate ${d.display}` });
    for (const value of d.choices) {
      const button = el('button', { type: 'button', 'data-value': value, 'aria-label': `Adjudicate ${d.display}, ${field}: ${value}` }, value);
      button.addEventListener('click', () => {
        for (const b of buttons.querySelectorAll('button')) b.disabled = true;
        item.setAttribute('aria-busy', 'true');
        focusAfter = index;
        vscode.post({ type: 'adjudicate', kind: d.kind, key: d.key, field: d.field, value });
      });
      buttons.append(button);
    }
    item.append(buttons);
  }
  return item;
}

function render(view: AgreementView): void {
  const exportButton = el('button', { type: 'button', class: 'secondary export' }, 'Export Agreement Report…');
  exportButton.addEventListener('click', () => vscode.post({ type: 'export' }));
  const who = view.annotators.length ? `${view.annotators.length} annotator${view.annotators.length === 1 ? '' : 's'}: ${view.annotators.join(', ')}` : 'No annotators yet';
  const adjudicators = view.adjudicators.length ? ` · adjudicator${view.adjudicators.length === 1 ? '' : 's'}: ${view.adjudicators.join(', ')}` : '';
  const me = view.me ? ` · you label as ${view.me.name}${view.me.adjudicator ? ' (adjudicator)' : ''}` : '';
  const header = el(
    'header',
    {},
    el('h1', {}, 'Label agreement'),
    el('p', { class: 'meta' }, who + adjudicators + me),
    el('p', { class: 'muted note' }, 'Adjudications are decisions, not ratings: they are left out of alpha and kappa.'),
    el('p', { class: 'actions' }, exportButton),
  );
  const parts: HTMLElement[] = [header];
  if (view.missing) parts.push(el('p', { class: 'missing' }, view.missing));
  for (const s of view.sections) parts.push(section(s));
  parts.push(blind(view));

  const open = el('section', { class: 'open' }, el('h2', { id: 'open-heading', tabindex: '-1' }, `Open disagreements (${view.open.length})`));
  if (view.open.length) {
    open.append(el('p', { class: 'muted' }, view.me?.adjudicator ? 'Pick the value that holds: your label as adjudicator wins.' : 'Pick the value that holds. Your first decision asks to make you an adjudicator, whose labels win over the other annotators’.'));
    open.append(el('ul', { class: 'disagreements' }, ...view.open.map((d, i) => disagreement(d, i, true))));
  } else open.append(el('p', { class: 'muted none' }, view.annotators.length > 1 ? 'None: the annotators agree, or an adjudicator has decided.' : 'None.'));
  parts.push(open);

  const decided = el('details', { class: 'adjudicated' }, el('summary', {}, `Adjudicated (${view.adjudicated.length})`));
  if (state.showAdjudicated) decided.open = true;
  decided.append(view.adjudicated.length ? el('ul', { class: 'disagreements' }, ...view.adjudicated.map((d, i) => disagreement(d, i, false))) : el('p', { class: 'muted' }, 'None.'));
  decided.addEventListener('toggle', () => {
    state = { ...state, showAdjudicated: decided.open };
    vscode.setState(state);
  });
  parts.push(decided);
  root.replaceChildren(...parts);

  if (focusAfter !== undefined) {
    const items = root.querySelectorAll<HTMLElement>('.open .disagreements > li');
    const next = items[Math.min(focusAfter, items.length - 1)]?.querySelector('button') ?? root.querySelector<HTMLElement>('#open-heading');
    next?.focus();
    focusAfter = undefined;
  }
}

listen<AgreementToWebview>((message) => {
  switch (message.type) {
    case 'view':
      render(message.view);
      break;
    default: {
      const unexpected: never = message.type;
      console.warn('unexpected message', unexpected);
    }
  }
});

root.replaceChildren(el('p', { class: 'muted' }, 'Loading…'));
vscode.post({ type: 'ready' });
