import type { TriageControls, TriageFlash, TriageItem, TriageProgress, TriageToHost, TriageToWebview, TriageWebviewState } from '../../src/shared/triageProtocol';
import { el } from '../shared/dom';
import { listen } from '../shared/messages';
import { webviewApi } from '../shared/vscodeApi';

const vscode = webviewApi<TriageToHost, TriageWebviewState>();
const root = document.getElementById('root')!;
const CATEGORIES = ['Academia', 'Industry', 'Government', 'Research collective', 'Non-profit'];

function button(label: string, message: TriageToHost, title: string): HTMLButtonElement {
  const b = el('button', { type: 'button', title }, label);
  b.addEventListener('click', () => vscode.post(message));
  return b;
}

function progressLine(progress: TriageProgress): HTMLElement {
  const pace = progress.perHour ? ` · ${progress.perHour} papers/hour` : '';
  return el('p', { class: 'progress' }, `Paper ${progress.position} of ${progress.total} needing attention · ${progress.done} done${pace}`);
}

const ORDERS: [TriageControls['order'], string][] = [
  ['resolves-most', 'What resolves most'],
  ['table', 'Table order'],
  ['newest', 'Newest first'],
];

/** The toolbar: the queue's order (switchable, with why) and blind coding (switchable). */
function toolbar(controls: TriageControls | undefined): HTMLElement {
  if (!controls) return el('div', { class: 'toolbar' });
  const select = el('select', { id: 'order', 'aria-label': 'Order of the queue' });
  for (const [value, label] of ORDERS) {
    const option = el('option', { value }, label);
    if (value === controls.order) option.selected = true;
    select.append(option);
  }
  select.addEventListener('change', () => vscode.post({ type: 'order', order: select.value }));
  const blind = el('button', { type: 'button', class: `blind ${controls.blind ? 'on' : 'off'}`, 'aria-pressed': String(controls.blind), title: 'Blind coding: hide other annotators’ labels and the suggestions drawn from them; your labels record "blind": true' }, `Blind coding: ${controls.blind ? 'on' : 'off'}`);
  blind.addEventListener('click', () => vscode.post({ type: 'toggleBlind' }));
  return el(
    'div',
    { class: 'toolbar' },
    el('label', { for: 'order' }, 'Order '),
    select,
    blind,
    el('p', { class: 'order-text' }, `Ordered by ${controls.orderText}.${controls.blind ? ' Blind: you see only your own labels.' : ''}`),
  );
}

function flashLine(flash: TriageFlash | undefined): HTMLElement | string {
  return flash ? el('p', { class: `flash ${flash.kind}`, role: 'status' }, flash.text) : '';
}

function render(item: TriageItem, progress: TriageProgress, keys: string, controls: TriageControls | undefined, flash: TriageFlash | undefined): void {
  const organizations = el('ol', { class: 'organizations' });
  // Column heads (hidden in a narrow editor, where each row stacks and labels its own cells).
  const head = el('div', { class: 'org-head', 'aria-hidden': 'true' }, el('span', {}, 'Organization'), el('span', {}, 'Category'), el('span', {}, 'From'), el('span', {}, 'Suggestion'));
  item.organizations.forEach((org, i) => {
    const row = el(
      'li',
      { class: `${i === item.focus ? 'focus' : ''}${org.open === false ? ' settled' : ''}`, 'aria-current': i === item.focus ? 'true' : 'false' },
      el('span', { class: 'org-name' }, org.name),
      el('span', { class: `category ${org.category ? '' : 'missing'}` }, org.category || 'no category'),
      el('span', { class: 'source' }, org.source),
      org.suggestion ? el('span', { class: 'suggestion', title: org.suggestion.reason }, `suggested: ${org.suggestion.category} (${Math.round(org.suggestion.confidence * 100)}%) — ${org.suggestion.reason}`) : el('span', { class: 'suggestion none' }, 'no evidence'),
    );
    row.addEventListener('click', () => vscode.post({ type: 'focus', index: i }));
    organizations.append(row);
  });
  const categoryButtons = el('div', { class: 'categories', role: 'group', 'aria-label': 'Category of the organization in focus' });
  CATEGORIES.forEach((category, i) => categoryButtons.append(button(`${i + 1} ${category}`, { type: 'label', category }, `Label the organization in focus as ${category}`)));
  const nav = el(
    'div',
    { class: 'nav' },
    button('K Previous', { type: 'previous' }, 'Previous paper'),
    button('J Next', { type: 'next' }, 'Next paper'),
    button('S Skip', { type: 'skip' }, 'Skip this paper'),
    button('U Undo', { type: 'undo' }, 'Undo the last label (appends a retraction)'),
  );
  const addOrganizations = button('A Add organizations…', { type: 'addOrganizations' }, 'Add the organizations named in the paper (a label: the paper field organizations)');
  const noOrganizations =
    item.organizations.length === 0
      ? el('div', { class: 'no-organizations' }, el('p', {}, 'The table names no organization for this paper. Add the ones the paper names, then label them with 1–5.'), addOrganizations)
      : '';
  const link = item.link ? el('a', { href: '#', class: 'link' }, 'Open paper ↗') : '';
  if (link) link.addEventListener('click', (e) => (e.preventDefault(), vscode.post({ type: 'openLink', url: item.link })));
  const status = item.resolvedNote ? `resolved` : `needs attention: ${item.reasons.join('; ')}`;
  root.replaceChildren(
    toolbar(controls),
    progressLine(progress),
    flashLine(flash),
    item.resolvedNote ? el('p', { class: 'resolved', role: 'status' }, item.resolvedNote) : '',
    el('h1', {}, item.name),
    el('p', { class: 'meta' }, `${item.date} · team sector ${item.teamSector} · ${status} `, link),
    el('h2', {}, `Organizations (${item.organizations.length})`),
    noOrganizations || head,
    organizations,
    // The keys' buttons stay in view at the bottom, however long the list of organizations.
    el('div', { class: 'controls' }, categoryButtons, nav, el('p', { class: 'keys' }, keys)),
    el('h2', {}, 'Authors'),
    el('p', { class: 'authors' }, item.authors || '—'),
    el('h2', {}, 'Abstract'),
    el('p', { class: 'abstract' }, item.abstract || '—'),
  );
}

listen<TriageToWebview>((message) => {
  switch (message.type) {
    case 'item':
      vscode.setState({ paperId: message.item.paperId });
      render(message.item, message.progress, message.keys, message.controls, message.flash);
      // The organization in focus is the one the number keys label: keep it on screen.
      root.querySelector('.organizations li.focus')?.scrollIntoView({ block: 'nearest' });
      break;
    case 'finished':
      root.replaceChildren(toolbar(message.controls), progressLine(message.progress), flashLine(message.flash), el('p', { class: 'finished' }, message.message));
      break;
    default: {
      const unexpected: never = message;
      console.warn('unexpected message', unexpected);
    }
  }
});

root.replaceChildren(el('p', { class: 'progress' }, 'Loading…'));
vscode.post({ type: 'ready' });
