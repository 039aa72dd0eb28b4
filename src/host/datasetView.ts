import { applyLabels, applyLabelsIncremental, applyLabelsSteps, labelMatchIndexSteps, type LabelledDataset } from '../core/labels/applyLabels';
import type { LabelChangeSet, LabelState } from '../core/labels/fold';
import type { Dataset, Paper } from '../core/dataset/model';
import { groupPapers, groupPapersSteps, newestFirstOrder, regroupPapers, type PaperGroups } from '../core/dataset/paperGroups';
import { duplicatedNames } from '../core/dataset/paperTitle';
import { PaperSearchIndex, type SearchDoc } from '../core/search/search';

/** Papers by id: a lookup into the labelled papers through the table's row of each id (shared by every labelling). */
export class PapersById {
  constructor(
    private readonly papers: readonly Paper[],
    private readonly rowOfId: ReadonlyMap<string, number>,
  ) {}

  get(id: string): Paper | undefined {
    const row = this.rowOfId.get(id);
    return row === undefined ? undefined : this.papers[row];
  }

  has(id: string): boolean {
    return this.rowOfId.has(id);
  }
}

/** What views of one loaded table share, whatever its labels: the newest-first order, rows by id, the search index. */
interface TableShared {
  order: Int32Array;
  rowOfId: Map<string, number>;
  search?: PaperSearchIndex;
  warming?: Promise<void>;
  duplicated?: Set<string>;
}

/** Rows between two yields when indexing ids. */
const STEP = 5000;

/**
 * A loaded dataset with the indexes the views read from: groups for the tree (built at load), rows
 * by id, and a search index (warmed in the background after a load: `warm`, or built on first use).
 * `dataset` has the labels applied (effective categories and sectors); `original` is the table as
 * read from disk; `labels` the fold they came from.
 */
export class DatasetView {
  readonly groups: PaperGroups;
  readonly byId: PapersById;
  /**
   * Set when this view came from another by an incremental label (`withLabels`): the other view's
   * labelled dataset and the rows re-derived (ascending); every other row is the very same object.
   * A copy of the table elsewhere (the analysis worker's) is brought up to date with these rows.
   */
  labelChange?: { from: Dataset; rows: readonly number[] };
  private readonly shared: TableShared;

  constructor(
    readonly dataset: Dataset,
    readonly original: Dataset = dataset,
    previous?: DatasetView,
    parts?: { groups: PaperGroups; shared?: TableShared },
    readonly labels?: LabelState,
  ) {
    // Names, organizations, authors, dates and ids do not change with labels: share what depends on them.
    this.shared = parts?.shared ?? (previous && previous.original === original ? previous.shared : sharedOf(original));
    this.groups = parts?.groups ?? groupPapers(dataset.papers, undefined, this.shared.order);
    this.byId = new PapersById(dataset.papers, this.shared.rowOfId);
  }

  /**
   * Build a view as a generator that yields every few milliseconds of work, so the host can run it
   * in slices: labels applied (when given), papers grouped in the table's newest-first `order`
   * (`newestFirstOrder(original.papers)`, computed by the load worker), rows indexed by id.
   */
  static *buildSteps(original: Dataset, order: Int32Array, labels: LabelState | undefined): Generator<void, DatasetView> {
    const dataset = labels ? yield* applyLabelsSteps(original, labels) : original;
    const groups = yield* groupPapersSteps(dataset.papers, undefined, order);
    const rowOfId = new Map<string, number>();
    for (let row = 0; row < original.papers.length; row++) {
      if (row % STEP === STEP - 1) yield;
      rowOfId.set(original.papers[row].id, row);
    }
    return new DatasetView(dataset, original, undefined, { groups, shared: { order, rowOfId } }, labels);
  }

  /**
   * This table with a new fold of the label log. When `change` says which keys the fold touched
   * since this view's labels, only the rows they match are re-derived and moved between groups
   * (`applyLabelsIncremental`, `regroupPapers`); otherwise (no change set, a full re-fold, too many
   * rows) labels are applied to the whole table. The result is the same either way.
   */
  withLabels(labels: LabelState, change?: LabelChangeSet): DatasetView {
    if (change && this.labels && change.from === this.labels && change.to === labels && this.dataset !== this.original) {
      const previous = this.dataset as LabelledDataset;
      const next = applyLabelsIncremental(previous, labels, change);
      if (next) {
        const changes = next.changed.map((row) => [previous.papers[row], next.dataset.papers[row]] as const);
        const view = new DatasetView(next.dataset, this.original, this, { groups: regroupPapers(this.groups, changes), shared: this.shared }, labels);
        view.labelChange = { from: previous, rows: next.changed };
        return view;
      }
    }
    return new DatasetView(applyLabels(this.original, labels), this.original, this, undefined, labels);
  }

  /** The table row of a paper id (labels never change ids or rows). */
  rowOf(id: string): number | undefined {
    return this.shared.rowOfId.get(id);
  }

  /** Names several rows share (built on first use; labels never change names). */
  get duplicatedNames(): ReadonlySet<string> {
    this.shared.duplicated ??= duplicatedNames(this.original.papers);
    return this.shared.duplicated;
  }

  get search(): PaperSearchIndex {
    this.shared.search ??= new PaperSearchIndex(searchDocsOf(this.original));
    return this.shared.search;
  }

  /** True once the search index exists (warmed or built). */
  get searchReady(): boolean {
    return this.shared.search !== undefined;
  }

  /**
   * Build the search index and the labels' match index in slices (`runSlices` runs the steps
   * between other work), so the first Find Paper and the first label after a load are quick.
   * Views of the same table share the result; calling again returns the same promise.
   */
  warm(runSlices: <T>(steps: Generator<void, T>) => Promise<T>): Promise<void> {
    const { shared, original } = this;
    shared.warming ??= (async () => {
      await runSlices(labelMatchIndexSteps(original));
      if (shared.search) return;
      const index = await runSlices(PaperSearchIndex.buildSteps(searchDocsOf(original)));
      shared.search ??= index;
    })();
    return shared.warming;
  }
}

function sharedOf(original: Dataset): TableShared {
  return { order: newestFirstOrder(original.papers), rowOfId: new Map(original.papers.map((p, row) => [p.id, row])) };
}

function searchDocsOf(dataset: Dataset): SearchDoc[] {
  return dataset.papers.map((p) => ({ id: p.id, name: p.name, organizations: p.organizations, authors: p.authors }));
}
