import { DIAGNOSTIC_KINDS, TEAM_SECTORS, type Dataset, type DiagnosticKind, type TeamSector } from './model';

/** The `summary` JSON of `../shared/spec/cli.md`. Counts of rows; sectors in the spec's order. */
export interface DatasetSummary {
  rows: number;
  withDate: number;
  withCompute: number;
  teamSector: Record<TeamSector, number>;
  diagnostics: Partial<Record<DiagnosticKind, number>>;
  listStyle: boolean;
  encoding: string;
}

/**
 * Count a dataset's rows, rows with a publication date, rows with training compute, rows per team
 * sector (all five, zero included, in the spec's order) and diagnostics per kind (only kinds that
 * occur). Source: `../shared/spec/cli.md`, `summary`.
 */
export function summarize(dataset: Dataset): DatasetSummary {
  const teamSector = Object.fromEntries(TEAM_SECTORS.map((s) => [s, 0])) as Record<TeamSector, number>;
  let withDate = 0;
  let withCompute = 0;
  for (const paper of dataset.papers) {
    teamSector[paper.teamSector]++;
    if (paper.publicationDate !== undefined) withDate++;
    if (paper.trainingComputeFlop !== undefined) withCompute++;
  }
  const counts = new Map<DiagnosticKind, number>();
  for (const d of dataset.diagnostics) counts.set(d.kind, (counts.get(d.kind) ?? 0) + 1);
  const diagnostics: Partial<Record<DiagnosticKind, number>> = {};
  for (const kind of DIAGNOSTIC_KINDS) if (counts.has(kind)) diagnostics[kind] = counts.get(kind);
  return { rows: dataset.papers.length, withDate, withCompute, teamSector, diagnostics, listStyle: dataset.listStyle, encoding: dataset.encoding };
}
