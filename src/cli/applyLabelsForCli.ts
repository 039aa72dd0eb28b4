import { applyLabels } from '../core/labels/applyLabels';
import { foldLabels } from '../core/labels/fold';
import { readLabelLog } from '../node/labels/labelLog';
import { logPlaceForCli } from './logPlaceForCli';
import type { Dataset } from '../core/dataset/model';
import type { LabelState } from '../core/labels/fold';
import { displayText, escapeControls } from '../core/text/displaySafe';
import { CliError } from './cliError';
import { reportDiagnostics } from './loadForCli';
import type { CliIo } from './main';

/**
 * Check that `--labels FILE` exists before anything is read, so a typo fails fast with exit 2.
 * @throws CliError when the file does not exist or cannot be read
 */
export async function checkLabelLog(labels: string | undefined): Promise<void> {
  if (labels === undefined) return;
  const log = await readLabelLog(labels, logPlaceForCli(labels)).catch((error: Error) => {
    throw new CliError(`cannot read label log ${escapeControls(labels)}: ${escapeControls(error.message)}`);
  });
  if (!log.exists) throw new CliError(`no such label log: ${escapeControls(labels)} (expected a JSON Lines file of label events)`);
}

/** What `--labels` applied: valid events, their annotators (sorted), and the targets with an effective label. */
export interface LabelsApplied {
  events: number;
  annotators: string[];
  organizations: number;
  papers: number;
  models: number;
}

/**
 * Apply `--labels FILE` to a loaded dataset (spec labels.md, "Folding the log into labels"): the
 * log is read, its invalid lines reported on stderr as `file:line:column: kind: message` and
 * skipped, the valid events folded, and the effective categories and sectors returned; stderr
 * also says how many events were applied and which labels name nothing in the table. Without
 * `--labels` the dataset is returned as it is. `onApplied` receives what was applied (the report
 * states it); `onState` the fold itself (the export marks disputed labels with it).
 */
export async function applyLabelsForCli(
  dataset: Dataset,
  labels: string | undefined,
  io: CliIo,
  onApplied?: (applied: LabelsApplied) => void,
  onState?: (state: LabelState) => void,
  readFrom: readonly string[] = [dataset.source],
): Promise<Dataset> {
  if (labels === undefined) return dataset;
  const log = await readLabelLog(labels, logPlaceForCli(labels)).catch((error: Error) => {
    throw new CliError(`cannot read label log ${escapeControls(labels)}: ${escapeControls(error.message)}`);
  });
  if (!log.exists) throw new CliError(`no such label log: ${escapeControls(labels)} (expected a JSON Lines file of label events)`);
  // At most 20 lines per kind, control characters escaped (issue #9: `--labels /bin/ls` printed raw NULs).
  reportDiagnostics(labels, log.diagnostics, io, log.omitted);
  const shownLabels = escapeControls(labels);
  const state = foldLabels(log.events);
  onState?.(state);
  const labelled = applyLabels(dataset, state);
  onApplied?.({ events: log.events.length, annotators: state.annotators, organizations: state.organizations.size, papers: state.papers.size, models: state.models.size });
  if (log.events.length > 0) io.stderr(`${shownLabels}: ${plural(log.events.length, 'label event')} applied (${plural(state.organizations.size, 'organization')}, ${plural(state.papers.size, 'paper')}${state.models.size > 0 ? `, ${plural(state.models.size, 'base model')}` : ''} labelled)\n`);
  // A label that finds no row is most often a typo in a name or an id: say which.
  const unmatched = [...labelled.unmatchedOrganizations.map((o) => `organization "${displayText(o.name)}"`), ...labelled.unmatchedPapers.map((p) => `paper "${displayText(p.id)}"`)];
  if (unmatched.length > 0)
    io.stderr(`${shownLabels}: ${plural(unmatched.length, 'label')} name${unmatched.length === 1 ? 's' : ''} nothing in ${filesText(readFrom)}: ${unmatched.slice(0, 5).join(', ')}${unmatched.length > 5 ? `, and ${unmatched.length - 5} more` : ''}\n`);
  return labelled;
}

/** The files read, as the message names them: `a.bib`, `a.bib and b.ris`, `a.bib, b.ris and c.json`. */
function filesText(files: readonly string[]): string {
  const shown = files.map((f) => escapeControls(f));
  return shown.length <= 1 ? (shown[0] ?? '') : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

const plural = (n: number, noun: string): string => `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
