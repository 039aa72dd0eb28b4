import * as path from 'node:path';
import { formatFlop, formatParameters } from '../core/text/format';
import { paperDecision } from '../core/labels/decisions';
import { formatDisputeValues, paperDisputes } from '../core/labels/disputed';
import type { LabelState } from '../core/labels/fold';
import { NOT_APPLIED_REASON, paperOrganizationsView } from '../core/labels/paperOrganizations';
import type { Dataset, Paper } from '../core/dataset/model';
import { distinctPaperName } from '../core/dataset/paperTitle';
import { displayText } from '../core/text/visibleText';
import type { PaperDetails, PaperField } from '../shared/protocol';

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
  for (const header of dataset.headers) {
    const value = paper.cells[header];
    if (!value) continue;
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
    publicationDate: paper.publicationDate ?? 'no publication date',
    trainingCompute: formatFlop(paper.trainingComputeFlop),
    parameters: formatParameters(paper.parameters),
    ...organizationsOf(paper, dataset, labels),
    link: /^https?:\/\//i.test(paper.link) ? paper.link : '',
    sourceName: path.basename(dataset.source),
    line: paper.line,
    fields,
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
  if (paper.teamSectorSource === 'label') return 'Set by a team-sector label in the label log (it overrides the organizations\' categories).';
  if (paper.teamSectorSource === 'team-sector-column') return 'Set by the row\'s "Team sector" column (an override written by an export).';
  if (paper.categories.length === 0) return 'The row has no organization categorization.';
  const from = `From the organization categorization "${paper.categories.join(', ')}".`;
  if (paper.teamSector === 'Collaboration' && !paper.categories.some((c) => /collaboration/i.test(c)))
    return `${from} Epoch defines a collaboration by the share of authors; the table gives one category per organization, so the leaning here is the share of academic organizations (over 70% academia-leaning, under 30% industry-leaning).`;
  return from;
}
