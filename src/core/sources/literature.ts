/**
 * The researcher's literature as one dataset (issue "bring your own literature", spec imports.md):
 * files of any format read into works (`readSourceFile`), then combined with the Epoch table
 * (`combineLiterature`): duplicates merged by identifier, Epoch rows joined to works by the DOI or
 * arXiv id of their `Link`/`Reference`, each remaining work made a `Paper` of the tree with its team
 * sector from affiliation evidence and its domains from the topic mapping. Pure: bytes in.
 */
import { loadDataset, MAX_DATASET_ROWS, NotEpochTableError } from '../dataset/loadDataset';
import { TEAM_SECTORS, type Dataset, type OrganizationCategory, type Paper } from '../dataset/model';
import { readExtras } from './exportExtras';
import { InstitutionIndex } from '../sector/institutionIndex';
import { readInstitutions, type InstitutionRecord } from '../sector/institutions';
import { workTeamSector, type WorkSector } from '../sector/workSector';
import { organizationKey } from '../labels/keys';
import { mergeDuplicates, type MergedWork, type PossibleDuplicate } from './duplicates';
import { epochRowWork } from './epochWork';
import { recogniseFile, RECOGNITION_HEAD_BYTES } from './formats';
import { linkForIdentifier } from './identifierLinks';
import { compileTopicMapping, DEFAULT_TOPIC_MAPPING, workTopics, type TopicMapping } from './topics';
import type { ImportDiagnostic, SourceFormat, Work } from './work';

/** One file read: what it was recognised as, what it held, what could not be read. */
export interface FileReading {
  /** The file name or path as the user named it. */
  file: string;
  kind: 'epoch-table' | 'literature' | 'institutions' | 'unknown';
  /** The literature format, or `epoch-csv`; undefined for institutions data and unknown files. */
  format?: SourceFormat;
  /** Works read (an Epoch table's rows are in `dataset`, not here). */
  works: Work[];
  /** Records read: works, rows of an Epoch table, or institutions. */
  records: number;
  diagnostics: ImportDiagnostic[];
  /** The Epoch table, for `epoch-table`. */
  dataset?: Dataset;
  /** Institutions data, for `institutions`. */
  institutions: InstitutionRecord[];
}

/**
 * The most works kept from one literature file: the same number as the rows of one Epoch table
 * (`MAX_DATASET_ROWS`, issue #9), since every work becomes a row of the same views and costs about
 * as much memory (a 200 MB file of near-empty records would otherwise make tens of millions).
 */
export const MAX_SOURCE_WORKS = MAX_DATASET_ROWS;

/**
 * Read one file of any format of imports.md: recognised from its first bytes (`recogniseFile`),
 * then read by its importer, the dataset loader (Epoch tables) or the institutions reader. Never
 * throws for bad content: a file of no known format is one `not-recognised` diagnostic that names
 * the formats read; a table the loader refuses is one diagnostic with the reason. A literature
 * file of more than `maxWorks` works keeps the first `maxWorks`, with one `too-large` diagnostic at
 * the line of the first work left out (line 1 where the format has no lines).
 *
 * @param bytes the file's bytes (decompressed already when it was gzip)
 * @param name the file name or path as the user named it
 * @param options `maxWorks`: the most works kept (default `MAX_SOURCE_WORKS`; tests make it small)
 */
export function readSourceFile(bytes: Uint8Array, name: string, options: { maxWorks?: number } = {}): FileReading {
  const recognised = recogniseFile(bytes.subarray(0, RECOGNITION_HEAD_BYTES), name, bytes.byteLength <= RECOGNITION_HEAD_BYTES);
  const base = { file: name, works: [] as Work[], records: 0, diagnostics: [] as ImportDiagnostic[], institutions: [] as InstitutionRecord[] };
  switch (recognised.kind) {
    case 'literature': {
      const maxWorks = options.maxWorks ?? MAX_SOURCE_WORKS;
      const result = recognised.importer.read(bytes, { name, maxWorks });
      if (result.works.length > maxWorks) {
        const line = result.works[maxWorks].provenance[0]?.line ?? 1;
        const n = maxWorks.toLocaleString('en-US');
        result.diagnostics.push({
          kind: 'too-large',
          line,
          message: `${name}:${line}: this file has more than ${n} works, the most Compute Divide reads from one file; the first ${n} works are kept; the rest were not read (split the file to read them).`,
        });
        result.works.length = maxWorks;
      }
      return { ...base, kind: 'literature', format: result.format, works: result.works, records: result.works.length, diagnostics: result.diagnostics };
    }
    case 'institutions': {
      const result = readInstitutions(bytes, name);
      return { ...base, kind: 'institutions', institutions: result.records, records: result.records.length, diagnostics: result.diagnostics };
    }
    case 'epoch-table': {
      try {
        const dataset = loadDataset(bytes, name);
        const diagnostics: ImportDiagnostic[] = [];
        return { ...base, kind: 'epoch-table', format: 'epoch-csv', dataset, records: dataset.papers.length, diagnostics };
      } catch (error) {
        if (!(error instanceof NotEpochTableError)) throw error;
        return { ...base, kind: 'unknown', diagnostics: [{ kind: 'not-recognised', line: 1, message: `${name} is not an Epoch AI model table: ${error.reason}.` }] };
      }
    }
    case 'unknown':
      return { ...base, kind: 'unknown', diagnostics: [{ kind: 'not-recognised', line: 1, message: recognised.message }] };
  }
}

/** What the sector and topic rules of the works need besides the works (kept on the combined dataset). */
export interface LiteratureContext {
  /** Institutions data of the workspace (ROR records, OpenAlex institutions), when any was read. */
  index?: InstitutionIndex;
  /** The topic mapping onto Epoch's domains, compiled. */
  topics: ReturnType<typeof compileTopicMapping>;
}

/** The literature combined with the Epoch table. */
export interface Literature {
  /**
   * The dataset the views show: the Epoch table's rows (unchanged, those joined to a library work
   * carrying it in `work`), then one paper per merged work that has no Epoch row. Without any
   * literature file this is the Epoch table itself.
   */
  dataset: Dataset;
  files: FileReading[];
  works: MergedWork[];
  possible: PossibleDuplicate[];
  context: LiteratureContext;
}

/**
 * The context the sector and topic rules of combined works need (`Dataset.literature`): an
 * institutions index of every institutions record the readings hold (undefined when none), and
 * the topic mapping compiled (default `DEFAULT_TOPIC_MAPPING`). `combineLiterature` builds it; a
 * host that received a combined dataset from another thread (where class instances do not
 * travel) builds it again from the same readings.
 */
export function literatureContext(readings: readonly Pick<FileReading, 'institutions'>[], topicMapping?: TopicMapping): LiteratureContext {
  const records = readings.flatMap((r) => r.institutions);
  return { index: records.length > 0 ? new InstitutionIndex(records) : undefined, topics: compileTopicMapping(topicMapping ?? DEFAULT_TOPIC_MAPPING) };
}

/**
 * Combine files read with `readSourceFile`, in the order given (the settings' order: the first
 * source is shown first where sources disagree). The first Epoch table is the base; a second one
 * gets a diagnostic and is not used. Works are merged by identifier (`mergeDuplicates`; Epoch rows
 * join by their `Link`/`Reference`); a merged work with an Epoch row is that row (the row's sector
 * and model fields stay what Epoch says; it gains the work's sources), every other one becomes a
 * paper through `workPaper`. Ids stay unique (a later clash gets ` #2`, as duplicate names do).
 *
 * @param readings the files read
 * @param options `topicMapping`: the mapping onto Epoch's domains (default `DEFAULT_TOPIC_MAPPING`)
 */
export function combineLiterature(readings: readonly FileReading[], options: { topicMapping?: TopicMapping } = {}): Literature {
  const tables = readings.filter((r) => r.dataset !== undefined);
  for (const extra of tables.slice(1)) {
    extra.diagnostics.push({ kind: 'not-recognised', line: 1, message: `${extra.file} is a second Epoch AI table: one table is used at a time (${tables[0].file}); its rows were not added.` });
  }
  const base: Dataset = tables[0]?.dataset ?? { source: readings[0]?.file ?? '', headers: [], delimiter: ',', encoding: 'utf-8', listStyle: true, papers: [], diagnostics: [] };
  const context = literatureContext(readings, options.topicMapping);
  const libraryWorks = readings.flatMap((r) => r.works);
  if (libraryWorks.length === 0) return { dataset: base, files: [...readings], works: [], possible: [], context };

  const rows = base.papers.map((paper, i) => epochRowWork(paper, base.source, i));
  const { works, possible } = mergeDuplicates([...rows, ...libraryWorks]);
  const possibleOf = new Map<string, string[]>();
  for (const p of possible) {
    for (const [a, b] of [p.ids, [p.ids[1], p.ids[0]]] as const) {
      const list = possibleOf.get(a);
      if (list) list.push(b);
      else possibleOf.set(a, [b]);
    }
  }
  const joined = new Map<Paper, MergedWork>();
  const papers: Paper[] = [];
  for (const work of works) {
    if (work.models.length > 0) {
      if (work.parts.length > work.models.length) for (const model of work.models) joined.set(model, work);
      continue;
    }
    papers.push(workPaper(work, context, possibleOf.get(work.id) ?? []));
  }
  const epochPapers = base.papers.map((paper) => {
    const work = joined.get(paper);
    return work ? { ...paper, work: { kind: 'joined' as const, work, possibleDuplicates: possibleOf.get(paper.id) ?? [] } } : paper;
  });
  const used = new Set(epochPapers.map((p) => p.id));
  for (const paper of papers) {
    if (!used.has(paper.id)) {
      used.add(paper.id);
      continue;
    }
    let k = 2;
    while (used.has(`${paper.id} #${k}`)) k++;
    paper.id = `${paper.id} #${k}`;
    used.add(paper.id);
  }
  const dataset: Dataset = { ...base, papers: [...epochPapers, ...papers], literature: context };
  return { dataset, files: [...readings], works, possible, context };
}

/** `YYYY-MM-DD` of a work's date; a missing month or day is the first (the precision is in `work.date`). */
function isoOf(work: Work): string | undefined {
  const d = work.date;
  if (!d) return undefined;
  const two = (n: number | undefined) => String(n ?? 1).padStart(2, '0');
  return `${String(d.year).padStart(4, '0')}-${two(d.month)}-${two(d.day)}`;
}

/**
 * The organizations of a work as the Organizations view, triage and labels see them: every
 * institution of the evidence (by name), then every raw affiliation string that found none (so it
 * can be labelled), once each by `organizationKey`, with the category each gave (undefined: none).
 */
export function organizationsOfSector(sector: WorkSector): { organizations: string[]; categories: (OrganizationCategory | undefined)[] } {
  const organizations: string[] = [];
  const categories: (OrganizationCategory | undefined)[] = [];
  const seen = new Set<string>();
  const add = (name: string, category: OrganizationCategory | undefined) => {
    const key = organizationKey(name);
    if (key === '' || seen.has(key)) return;
    seen.add(key);
    organizations.push(name);
    categories.push(category);
  };
  for (const participant of sector.organizations ?? sector.authors) {
    for (const inst of participant.institutions) add(inst.name, inst.evidence.source === 'none' ? undefined : inst.evidence.category);
    for (const u of participant.unresolved) add(u.affiliation, undefined);
  }
  return { organizations, categories };
}

/**
 * A sector the evidence cannot decide (Unknown, nothing known) taken from what an earlier export of
 * Compute Divide wrote into the work's keywords (`compute-divide:team-sector=…`, `…leaning=…`), so
 * that a re-imported export keeps its sectors (imports.md "Writing back"): basis `keywords`. Any
 * evidence (authors, labels) comes first; an unknown sector name in the keywords is ignored.
 */
export function withExportedSector(sector: WorkSector, work: Pick<Work, 'keywords'>): WorkSector {
  if (sector.teamSector !== 'Unknown' || sector.basis !== 'none') return sector;
  const extras = readExtras(work);
  const value = TEAM_SECTORS.find((s) => s.toLowerCase() === extras.teamSector?.toLowerCase());
  if (!value || value === 'Unknown') return sector;
  const leaning = value === 'Collaboration' && (extras.leaning === 'academia' || extras.leaning === 'industry' || extras.leaning === 'balanced') ? extras.leaning : undefined;
  return { ...sector, teamSector: value, ...(leaning ? { leaning } : {}), basis: 'keywords', needsAttention: false };
}

/**
 * A merged work as a paper of the tree: name the title, organizations and their categories from
 * the sector's evidence (`organizationsOfSector`), the team sector of the author-share rule
 * (`workTeamSector`, `teamSectorSource: 'affiliations'`), domains from the topic mapping, the
 * publication date (a missing month or day is the first), authors' names, the first link (or the
 * identifier's), the venue as the reference. Model fields (compute, parameters, base model) stay
 * empty: a work without an Epoch row has none.
 */
export function workPaper(work: MergedWork, context: LiteratureContext, possibleDuplicates: string[] = []): Paper {
  const sector = withExportedSector(workTeamSector(work, { index: context.index, suggestions: 3 }), work);
  const topics = workTopics(work, context.topics);
  const { organizations, categories } = organizationsOfSector(sector);
  const provenance = work.provenance[0];
  const link = work.links[0] ?? work.identifiers.map(linkForIdentifier).find((l) => l !== undefined) ?? '';
  const paper: Paper = {
    id: work.id,
    name: work.title.trim() || work.id,
    line: provenance?.line ?? 0,
    organizations,
    categories: categories.filter((c): c is OrganizationCategory => c !== undefined),
    organizationCategories: categories,
    lengthMismatch: false,
    teamSector: sector.teamSector,
    teamSectorSource: sector.basis === 'label' ? 'label' : 'affiliations',
    publicationDate: isoOf(work),
    domains: topics.domains,
    tasks: [],
    authors: work.authors.map((a) => a.name).join(', '),
    link,
    reference: work.venue ?? '',
    notabilityCriteria: [],
    modelAccessibility: '',
    baseModel: '',
    country: [...new Set(work.authors.flatMap((a) => a.institutions.map((i) => i.country).filter((c): c is string => !!c)))].join(', '),
    abstract: work.abstract ?? '',
    cells: {},
    work: { kind: 'literature', work, sector, topics, possibleDuplicates },
  };
  if (sector.leaning) paper.leaning = sector.leaning;
  return paper;
}

/**
 * A paper's publication date as precise as its source is: `2021` for a year, `2021-06` for a
 * month, `2021-06-24` for a day (a work of the literature keeps its precision in `work.date`;
 * `publicationDate` fills a missing month or day with 01 for sorting and filters). Epoch rows show
 * their date as it is; undefined without one.
 */
export function displayDate(paper: Pick<Paper, 'publicationDate' | 'work'>): string | undefined {
  const date = paper.work?.kind === 'literature' ? paper.work.work.date : undefined;
  if (!date) return paper.publicationDate;
  const two = (n: number) => String(n).padStart(2, '0');
  return date.month === undefined ? String(date.year) : date.day === undefined ? `${date.year}-${two(date.month)}` : `${date.year}-${two(date.month)}-${two(date.day)}`;
}
