import type { DetailsState, DetailsToHost, DetailsToWebview, PaperDetails, WorkDetails } from '../../src/shared/protocol';
import { el } from '../shared/dom';
import { listen } from '../shared/messages';
import { webviewApi } from '../shared/vscodeApi';

const vscode = webviewApi<DetailsToHost, DetailsState>();
const root = document.getElementById('root')!;

function linkButton(label: string, onClick: () => void, title: string): HTMLElement {
  const a = el('a', { href: '#', title, role: 'button' }, label);
  a.addEventListener('click', (event) => {
    event.preventDefault();
    onClick();
  });
  return a;
}

const DECISION_WORDS: Record<string, string> = { include: 'Included', exclude: 'Excluded', maybe: 'Maybe' };

const COUNTS_WORDS: Record<string, string> = { academic: 'academic', industrial: 'industrial', both: 'academic and industrial', unknown: 'no known category' };

/** The literature side: the evidence behind the sector, authors with affiliations, identifiers, sources. */
function renderWork(paper: PaperDetails, work: WorkDetails): Node[] {
  const out: Node[] = [];
  if (work.kind === 'literature') {
    out.push(el('h2', {}, 'Team sector evidence'), el('p', { class: 'evidence' }, work.evidence));
    const list = el('ol', { class: 'authors' });
    for (const a of work.authors) {
      const item = el('li', {}, el('span', { class: 'author' }, a.name), el('span', { class: `counts counts-${a.counts}` }, COUNTS_WORDS[a.counts] ?? a.counts));
      if (a.institutions.length > 0) {
        const insts = el('ul', { class: 'institutions' });
        for (const i of a.institutions) insts.append(el('li', {}, el('span', { class: 'org' }, i.name), ' — ', el('strong', {}, i.category), el('span', { class: 'how muted' }, ` (${i.how}${i.ror ? `; ROR ${i.ror}` : ''})`)));
        item.append(insts);
      }
      for (const u of a.unresolved) item.append(el('p', { class: 'unresolved' }, `Affiliation not matched: “${u.affiliation}”`, u.suggestions.length ? el('span', { class: 'muted' }, ` — did you mean ${u.suggestions.join(', ')}?`) : ''));
      if (a.institutions.length === 0 && a.unresolved.length === 0 && a.affiliations.length === 0) item.append(el('span', { class: 'muted' }, ' · no affiliation in the source'));
      list.append(item);
    }
    out.push(el('h2', {}, `Authors (${work.authors.length + work.authorsOmitted})`), work.authors.length ? list : el('p', { class: 'muted' }, 'The source names no authors.'));
    if (work.authorsOmitted > 0) out.push(el('p', { class: 'muted' }, `… and ${work.authorsOmitted} more authors.`));
  } else {
    out.push(el('h2', {}, 'In your literature'), el('p', { class: 'evidence' }, work.evidence));
  }
  if (work.identifiers.length > 0) {
    const ids = el('ul', { class: 'identifiers' });
    for (const id of work.identifiers) ids.append(el('li', {}, id.url ? linkButton(id.id, () => vscode.post({ type: 'openLink', url: id.url! }), id.url) : id.id));
    out.push(el('h2', {}, 'Identifiers'), ids);
  }
  const sources = el('ul', { class: 'sources' });
  for (const src of work.sources) sources.append(el('li', {}, linkButton(src.label, () => vscode.post({ type: 'openSource', paperId: paper.id, part: src.part }), 'Show this record in its file'), src.relation ? el('span', { class: 'muted' }, ` · ${src.relation}`) : ''));
  out.push(el('h2', {}, `Read from (${work.sources.length})`), sources);
  if (work.topics.length > 0) out.push(el('p', { class: 'muted' }, `Topics: ${work.topics.join('; ')}`));
  if (work.possibleDuplicates.length > 0) out.push(el('p', { class: 'disputed' }, `⚠ Possibly the same work as: ${work.possibleDuplicates.join(', ')} (same title, years at most one apart, no shared identifier)`));
  if (work.venue) out.push(el('p', {}, el('strong', {}, 'Venue: '), work.venue));
  if (work.abstract) out.push(el('h2', {}, 'Abstract'), el('div', { class: 'long' }, work.abstract));
  return out;
}

function renderPaper(paper: PaperDetails): void {
  const header = el(
    'header',
    {},
    el('h1', {}, paper.name),
    el(
      'p',
      { class: 'badges' },
      el('span', { class: `sector sector-${paper.teamSector.toLowerCase()}`, title: paper.sectorNote }, paper.teamSector),
      paper.leaning ? el('span', { class: 'leaning' }, paper.leaning) : '',
      el('span', { class: 'date' }, paper.publicationDate),
      paper.decision ? el('span', { class: `decision decision-${paper.decision}`, title: 'Screening decision in the label log' }, DECISION_WORDS[paper.decision] ?? paper.decision) : '',
      ...(paper.disputes ?? []).map((d) =>
        el('span', { class: 'disputed', title: `Annotators disagree on the ${d.field} and no adjudicator has decided: ${d.values}. The latest value counts until then.` }, `⚠ ${d.field} disputed: ${d.values}`),
      ),
    ),
  );
  // A work of the literature has no model fields, and its sector's reason is under "Team sector evidence".
  const facts =
    paper.work?.kind === 'literature'
      ? ''
      : el('dl', { class: 'facts' }, el('dt', {}, 'Training compute'), el('dd', {}, paper.trainingCompute), el('dt', {}, 'Parameters'), el('dd', {}, paper.parameters), el('dt', {}, 'Team sector'), el('dd', {}, paper.sectorNote));
  const orgs = el('ul', { class: 'organizations' });
  for (const org of paper.organizations) {
    const category = el('span', { class: `category${org.source === 'label' ? ' labelled' : ''}`, title: org.source === 'label' ? 'Its own label in the label log' : org.source === 'table' ? 'Its category in the table' : '' }, org.category);
    const notes: (Node | string)[] = [];
    if (org.notApplied) notes.push(el('span', { class: 'not-applied', title: 'Rule 1 of the label log: a row uses its organizations’ labels once every organization is labelled' }, org.notApplied));
    if (org.disputed) notes.push(el('span', { class: 'disputed', title: `Annotators disagree and no adjudicator has decided: ${org.disputed}` }, `⚠ disputed: ${org.disputed}`));
    orgs.append(el('li', {}, el('span', { class: 'org' }, org.name), el('span', { class: 'org-label' }, category, ...notes)));
  }
  const actions = el('p', { class: 'actions' });
  if (paper.link) actions.append(linkButton('Open paper ↗', () => vscode.post({ type: 'openLink', url: paper.link }), paper.link));
  actions.append(linkButton(paper.line > 0 ? `${paper.sourceName}, line ${paper.line}` : paper.sourceName, () => vscode.post({ type: 'openSource', paperId: paper.id }), paper.work?.kind === 'literature' ? 'Show this record in its file' : 'Show this row in the CSV file'));
  actions.append(linkButton('Label affiliations…', () => vscode.post({ type: 'labelAffiliations', paperId: paper.id }), 'Label the categories of this paper’s organizations'));
  actions.append(linkButton('Find another paper…', () => vscode.post({ type: 'findPaper' }), 'Find Paper…'));

  const table = el('dl', { class: 'fields' });
  for (const field of paper.fields) {
    const value =
      field.kind === 'link'
        ? linkButton(field.value, () => vscode.post({ type: 'openLink', url: field.value }), field.value)
        : el(field.kind === 'long' ? 'div' : 'span', { class: field.kind }, field.value);
    table.append(el('dt', {}, field.label), el('dd', {}, value));
  }
  root.replaceChildren(
    header,
    actions,
    facts,
    el('h2', {}, `Organizations (${paper.organizations.length})`),
    ...(paper.teamLabel !== undefined ? [el('p', { class: 'team-label', title: 'The table (2022–23 schema) gives one category for the whole team, not one per organization' }, 'Team label (whole row): ', el('strong', {}, paper.teamLabel))] : []),
    paper.organizations.length ? orgs : el('p', { class: 'muted' }, 'No organization listed.'),
    ...(paper.work ? renderWork(paper, paper.work) : []),
    ...(paper.fields.length ? [el('h2', {}, 'All fields'), table] : []),
    ...(paper.attribution ? [el('p', { class: 'muted attribution' }, `Source: ${paper.attribution}.`)] : []),
  );
  vscode.setState({ paperId: paper.id });
}

listen<DetailsToWebview>((message) => {
  switch (message.type) {
    case 'paper':
      renderPaper(message.paper);
      break;
    case 'empty':
      root.replaceChildren(el('p', { class: 'empty' }, message.message));
      break;
    default: {
      const unexpected: never = message;
      console.warn('unexpected message', unexpected);
    }
  }
});

root.replaceChildren(el('p', { class: 'muted' }, 'Loading…'));
vscode.post({ type: 'ready' });
