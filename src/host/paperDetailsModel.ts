import { displayDate } from '../core/sources/literature';
import * as path from 'node:path';
import { formatFlop, formatParameters } from '../core/text/format';
import { paperDecision } from '../core/labels/decisions';
import { formatDisputeValues, paperDisputes } from '../core/labels/disputed';
import type { LabelState } from '../core/labels/fold';
import { NOT_APPLIED_REASON, paperOrganizationsView } from '../core/labels/paperOrganizations';
import type { Dataset, Paper } from '../core/dataset/model';
import { distinctPaperName } from '../core/dataset/paperTitle';
import { cellsLayout } from '../core/dataset/rowCells';
import { displayText } from '../core/text/visibleText';
import type { PaperDetails, PaperField, WorkDetails } from '../shared/protocol';
import type { InstitutionEvidence, WorkSector } from '../core/sector/workSector';
import { linkForIdentifier } from '../core/sources/identifierLinks';
import { SOURCE_FORMAT_NAMES } from '../core/sources/work';

// Fields already shown in the header of the details view, by meaning; everything else is listed.
const LONG_FIELDS = /abstract|notes|description/i;

/**
 * Everything the details view shows for a paper: the header (name, sector with the reason, date,
 * training compute, parameters, decision, link), the organizations each with its own category
 * (`paperOrganizationsView`: its label, marked when the row cannot use it yet; a 2022–23 team label
 * as the team's), what is disputed, and then every non-empty cell of the row in the file's own
 * column order, so nothing the table holds is hidden. `duplicated`: the names several rows share
 * (`DatasetView.duplicatedNames`).
 *
 * @param labels the fold whose labels `dataset` carries (none: the table's categories only)
 */
export function paperDetails(paper: Paper, dataset: Dataset, labels?: LabelState, duplicated: ReadonlySet<string> = new Set()): PaperDetails {
  const fields: PaperField[] = [];
  // The cells' own keys in column order (`Notes (2)` for a repeated name, `(column 9)` for an
  // unnamed column): a header such as `constructor` or `__proto__` must not read Object.prototype.
  const cells = paper.cells;
  for (const header of cellsLayout(dataset.headers).keys) {
    const value = Object.prototype.hasOwnProperty.call(cells, header) ? cells[header] : undefined;
    if (typeof value !== 'string' || value === '') continue;
    const kind: PaperField['kind'] = /^https?:\/\/\S+$/i.test(value) ? 'link' : LONG_FIELDS.test(header) || value.length > 160 ? 'long' : 'text';
    // Links stay as they are (the webview sends them back to be opened); short text is a display label.
    fields.push({ label: displayText(header), value: kind === 'text' ? displayText(value) : value, kind });
  }
  return {
    id: paper.id,
    // A name several rows share shows the id (` #2`), line and date (br-21).
    name: displayText(distinctPaperName(paper, duplicated)),
    teamSector: paper.teamSector,
    leaning: paper.leaning ? `${paper.leaning === 'balanced' ? 'balanced' : `${paper.leaning}-leaning`} collaboration` : '',
    sectorNote: sectorNote(paper),
    publicationDate: displayDate(paper) ?? 'no publication date',
    trainingCompute: formatFlop(paper.trainingComputeFlop),
    parameters: formatParameters(paper.parameters),
    ...organizationsOf(paper, dataset, labels),
    link: /^https?:\/\//i.test(paper.link) ? paper.link : '',
    sourceName: paper.work?.kind === 'literature' ? path.basename(paper.work.work.provenance[0]?.source ?? dataset.source) : path.basename(dataset.source),
    line: paper.work?.kind === 'literature' ? (paper.work.work.provenance[0]?.line ?? 0) : paper.line,
    fields,
    ...(paper.work ? { work: workDetails(paper) } : {}),
  };
}

function organizationsOf(paper: Paper, dataset: Dataset, labels: LabelState | undefined): Pick<PaperDetails, 'organizations' | 'teamLabel' | 'decision' | 'disputes'> {
  const view = paperOrganizationsView(paper, dataset.listStyle, labels);
  const organizations = view.organizations.map((o): PaperDetails['organizations'][number] => ({
    name: displayText(o.name),
    category: o.category !== undefined ? displayText(o.category) : view.teamLabel !== undefined ? 'no own category (see team label)' : paper.lengthMismatch ? 'alignment unknown' : 'no category',
    source: o.source,
    ...(o.source === 'label' && o.applied === false ? { notApplied: NOT_APPLIED_REASON } : {}),
    ...(o.dispute ? { disputed: displayText(formatDisputeValues(o.dispute)) } : {}),
  }));
  const out: ReturnType<typeof organizationsOf> = { organizations };
  if (view.teamLabel !== undefined) out.teamLabel = displayText(view.teamLabel);
  const decision = paperDecision(paper);
  if (decision) out.decision = decision;
  const disputes = labels ? paperDisputes(paper, labels).filter((d) => d.field !== 'category') : [];
  if (disputes.length > 0) out.disputes = disputes.map((d) => ({ field: d.field, values: displayText(formatDisputeValues(d.dispute)) }));
  return out;
}

function sectorNote(paper: Paper): string {
  if (paper.teamSectorSource === 'affiliations') return sectorEvidenceSentence(paper.work?.sector);
  if (paper.teamSectorSource === 'label') return 'Set by a team-sector label in the label log (it overrides the organizations\' categories).';
  if (paper.teamSectorSource === 'team-sector-column') return 'Set by the row\'s "Team sector" column (an override written by an export).';
  if (paper.categories.length === 0) return 'The row has no organization categorization.';
  const from = `From the organization categorization "${paper.categories.join(', ')}".`;
  if (paper.teamSector === 'Collaboration' && !paper.categories.some((c) => /collaboration/i.test(c)))
    return `${from} Epoch defines a collaboration by the share of authors; the table gives one category per organization, so the leaning here is the share of academic organizations (over 70% academia-leaning, under 30% industry-leaning).`;
  return from;
}

/** Authors listed in the details view at most (a large consortium paper has thousands). */
export const DETAILS_MAX_AUTHORS = 100;

function evidenceHow(inst: InstitutionEvidence): { category: string; how: string } {
  const found = inst.found;
  const where =
    found.by === 'source'
      ? 'named by the source'
      : found.by === 'affiliation'
        ? `matched from "${found.affiliation}" by ${found.matchedBy}`
        : found.by === 'label'
          ? `"${found.text}" is a labelled organization`
          : 'from the paper\'s organizations label';
  const e = inst.evidence;
  switch (e.source) {
    case 'label':
      return { category: e.category, how: `${where}; labelled ${e.category} by ${e.label.annotator}${e.label.matchedBy === 'ror' ? ' (by ROR id)' : ''}` };
    case 'type':
      return { category: e.category, how: `${where}; institution type "${e.type}"` };
    case 'epoch':
      return { category: e.category, how: `${where}; Epoch's category of ${e.organization}` };
    case 'none':
      return { category: 'no category', how: `${where}; ${e.types.length ? `type${e.types.length > 1 ? 's' : ''} ${e.types.join(', ')} give${e.types.length > 1 ? '' : 's'} no category` : 'no type known'}: label it` };
  }
}

/** The sentence that says how a work's team sector was decided. */
export function sectorEvidenceSentence(sector: WorkSector | undefined): string {
  if (!sector) return '';
  const c = sector.counts;
  const n = (k: number, w: string) => `${k} ${w}${k === 1 ? '' : 's'}`;
  let text: string;
  switch (sector.basis) {
    case 'authors':
      text = `Author share: ${n(c.academic, 'academic author')} and ${n(c.industrial, 'industrial author')} of ${n(c.participants, 'author')} (an author counts for each side any of their institutions is on).`;
      break;
    case 'organizations-label':
      text = `From the organizations an annotator listed for the paper: ${n(c.academic, 'academic organization')} and ${n(c.industrial, 'industrial organization')} of ${c.participants}.`;
      break;
    case 'epoch':
      text = 'From the Epoch row\'s organizations (no author with a known category).';
      break;
    case 'keywords':
      text = 'From an earlier Compute Divide export: the work\'s keywords say so (compute-divide:team-sector=…); no author with a known category overrides it.';
      break;
    case 'label':
      text = `Set by a team-sector label by ${sector.label?.annotator ?? 'an annotator'}${sector.derived ? ` (the evidence alone gives ${sector.derived.teamSector})` : ''}.`;
      break;
    case 'none':
      text = c.participants === 0 ? 'The source names no authors with affiliations: add the paper\'s organizations in triage.' : 'No author\'s institution has a known category: label them (or add the paper\'s organizations) in triage.';
      break;
  }
  if (sector.partial) text += ` Partial evidence: ${n(c.participants - c.withCategory, 'author')} without a known category.`;
  return text;
}

/**
 * The literature side of a paper for the details view: authors with their raw affiliations and the
 * institutions (with category and how it was found: source, name match, label, type), identifiers
 * as links, every source it was read from, the sentence that says how the sector was decided, topics
 * and possible duplicates. Undefined for a plain Epoch row. All text passes `displayText`.
 */
export function workDetails(paper: Paper): WorkDetails | undefined {
  const pw = paper.work;
  if (!pw) return undefined;
  const work = pw.work;
  const sector = pw.sector;
  const participants = sector?.organizations ?? sector?.authors ?? [];
  const authors = participants.slice(0, DETAILS_MAX_AUTHORS).map((a) => ({
    name: displayText(a.name),
    counts: a.academic && a.industrial ? ('both' as const) : a.academic ? ('academic' as const) : a.industrial ? ('industrial' as const) : ('unknown' as const),
    affiliations: a.affiliations.map((x) => displayText(x)),
    institutions: a.institutions.map((inst) => {
      const { category, how } = evidenceHow(inst);
      return { name: displayText(inst.name), category, how: displayText(how), ...(inst.ror ? { ror: inst.ror } : {}) };
    }),
    unresolved: a.unresolved.map((u) => ({ affiliation: displayText(u.affiliation), suggestions: u.suggestions.map((s) => `${displayText(s.name)} (${Math.round(s.score * 100)}%)`) })),
  }));
  return {
    kind: pw.kind,
    evidence: pw.kind === 'literature' ? sectorEvidenceSentence(sector) : 'The team sector is the Epoch row\'s (its organizations\' categories); the library files below hold the same paper.',
    authors: pw.kind === 'literature' ? authors : [],
    authorsOmitted: pw.kind === 'literature' ? Math.max(0, participants.length - DETAILS_MAX_AUTHORS) : 0,
    identifiers: work.identifiers.map((id) => ({ id: displayText(id), ...(linkForIdentifier(id) ? { url: linkForIdentifier(id)! } : {}) })),
    sources: work.provenance.map((p, part) => ({
      label: displayText(`${p.source}${p.line ? `, line ${p.line}` : `, record ${p.index + 1}`}${p.key ? ` (${p.key})` : ''} · ${SOURCE_FORMAT_NAMES[p.format]}`),
      part,
      ...(p.relation ? { relation: displayText(`${p.relation.kind === 'cites' ? 'cites' : 'cited by'} ${p.relation.of}`) } : {}),
    })),
    ...(work.venue ? { venue: displayText(work.venue) } : {}),
    ...(work.abstract && pw.kind === 'literature' ? { abstract: work.abstract } : {}),
    topics: (pw.topics?.evidence ?? []).map((t) => displayText(`${t.term} → ${t.domain}`)),
    possibleDuplicates: pw.possibleDuplicates.map((id) => displayText(id)),
  };
}
