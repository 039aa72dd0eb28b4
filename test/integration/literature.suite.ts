import { strict as assert } from 'node:assert';
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { COMMAND_IDS } from '../../src/host/commandIds';
import { paperDetails } from '../../src/host/paperDetailsModel';
import { readExtras } from '../../src/core/sources/exportExtras';
import { paperDecision } from '../../src/core/labels/decisions';
import { readSourceFile } from '../../src/core/sources/literature';
import type { ComputeDivideApi } from '../../src/extension';
import { activateExtension, eventually, waitForState, workspaceFolder } from './helpers';

/**
 * Bring your own literature in a real VS Code (issue #11): a BibTeX file and an OpenAlex work
 * imported into a workspace with the Epoch table, the works in the Papers tree with their source,
 * the evidence behind a sector in the details, a work without affiliations triaged to a sector
 * (organizations added, then labelled), and the works exported to RIS and read back. Restores the
 * sources setting and waits for the table alone again.
 */
export function registerLiteratureSuite(): void {
  describe('Literature beside the Epoch table', function () {
    let api: ComputeDivideApi;
    let refs: string;
    let out: string;
    let previous: string[] | undefined;
    const openalexId = 'doi:10.7717/peerj.4375';

    before(async function () {
      api = await activateExtension();
      previous = vscode.workspace.getConfiguration('computeDivide').inspect<string[]>('sources')?.workspaceValue;
      const data = process.env.COMPUTE_DIVIDE_TEST_DATA ?? path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'data');
      refs = path.join(workspaceFolder().fsPath, 'refs');
      await mkdir(refs, { recursive: true });
      await copyFile(path.join(data, 'bibtex', 'graph_embedding_review_refs.bib'), path.join(refs, 'review.bib'));
      await copyFile(path.join(data, 'openalex', 'openalex_work_W2741809807.json'), path.join(refs, 'W2741809807.json'));
      out = await mkdtemp(path.join(tmpdir(), 'cd-works-'));
      await vscode.workspace.getConfiguration('computeDivide').update('annotator', 'literature-test', vscode.ConfigurationTarget.Global);
    });

    after(async function () {
      this.timeout(60_000);
      await vscode.workspace.getConfiguration('computeDivide').update('sources', previous, vscode.ConfigurationTarget.Workspace);
      await vscode.workspace.getConfiguration('computeDivide').update('annotator', undefined, vscode.ConfigurationTarget.Global);
      await eventually(() => (api.dataset.view && !api.dataset.view.dataset.papers.some((p) => p.work) ? true : undefined), 30_000, 'the table alone again');
      await rm(refs, { recursive: true, force: true });
      await rm(out, { recursive: true, force: true });
      await waitForState(api, (s) => s.kind === 'loaded' && s.uri.scheme === 'file', 30_000);
    });

    it('Import Literature… adds the files to the sources; their works join the tree beside the table', async function () {
      this.timeout(60_000);
      const rows = api.dataset.view!.original.papers.length;
      const added = await vscode.commands.executeCommand<string[]>(COMMAND_IDS.importLiterature, [vscode.Uri.file(path.join(refs, 'review.bib')), vscode.Uri.file(path.join(refs, 'W2741809807.json'))]);
      assert.deepEqual(added, ['refs/review.bib', 'refs/W2741809807.json']);
      assert.deepEqual(vscode.workspace.getConfiguration('computeDivide').get('sources'), ['refs/review.bib', 'refs/W2741809807.json']);
      const view = await eventually(() => (api.dataset.view?.byId.get(openalexId) ? api.dataset.view : undefined), 30_000, 'the OpenAlex work in the view');
      // The BibTeX file alone holds 76 entries of which 75 works (two share a DOI); the OpenAlex file one work.
      const bib = readSourceFile(await readFile(path.join(refs, 'review.bib')), 'review.bib');
      assert.equal(bib.records, 76);
      const works = view.dataset.papers.filter((p) => p.work?.kind === 'literature');
      assert.equal(works.length, 76, '75 works of the BibTeX file and the OpenAlex work (none of them is an Epoch row)');
      assert.equal(view.dataset.papers.length, rows + 76);
      const paper = view.byId.get(openalexId)!;
      assert.equal(paper.teamSector, 'Collaboration');
      const item = api.papersTree.getTreeItem({ kind: 'paper', paperId: openalexId } as never);
      assert.equal((item.iconPath as vscode.ThemeIcon).id, 'globe');
      assert.match(String(item.description), /^OpenAlex · 2018/);
      assert.equal(api.dataset.literature.length, 2);
    });

    it('the details show the evidence: 7 academic and 2 industrial authors, institutions with their types', function () {
      const view = api.dataset.view!;
      const details = paperDetails(view.byId.get(openalexId)!, view.dataset, view.labels, view.duplicatedNames);
      assert.ok(details.work);
      assert.match(details.work.evidence, /^Author share: 7 academic authors and 2 industrial authors of 9 authors/);
      const uqam = details.work.authors.flatMap((a) => a.institutions).find((i) => i.name === 'Université de Montréal');
      assert.ok(uqam);
      assert.equal(uqam.category, 'Academia');
      assert.match(uqam.how, /institution type "education"/);
      assert.deepEqual(details.work.identifiers.find((i) => i.id === openalexId), { id: openalexId, url: 'https://doi.org/10.7717/peerj.4375' });
      api.details.show(openalexId);
    });

    it('a work without affiliations is triaged to a sector: organizations added, then labelled with the number keys', async function () {
      this.timeout(60_000);
      const view = api.dataset.view!;
      const work = view.dataset.papers.find((p) => p.work?.kind === 'literature' && p.work.work.provenance[0]?.format === 'bibtex')!;
      assert.equal(work.teamSector, 'Unknown');
      await api.triage.start();
      await eventually(() => (api.triage.queue.includes(work.id) ? true : undefined), 20_000, 'the work in the triage queue');
      await api.triage.goTo(work.id);
      await api.triage.addOrganizations(['Tsinghua University', 'Baidu']);
      await eventually(() => (api.dataset.view?.byId.get(work.id)?.organizations.length === 2 ? true : undefined), 20_000, 'the organizations added');
      await api.triage.goTo(work.id, 0);
      await api.triage.label('Academia');
      await api.triage.goTo(work.id, 1);
      await api.triage.label('Industry');
      const labelled = await eventually(() => (api.dataset.view?.byId.get(work.id)?.teamSector === 'Collaboration' ? api.dataset.view.byId.get(work.id) : undefined), 20_000, 'the work a collaboration');
      assert.equal(labelled.leaning, 'balanced');
      assert.equal(labelled.work?.sector?.basis, 'organizations-label');
      await eventually(() => (!api.triage.queue.includes(work.id) ? true : undefined), 20_000, 'the work out of the queue');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    });

    it('Export Works… writes RIS with decisions and sectors; the file reads back with the same works', async function () {
      this.timeout(60_000);
      const view = api.dataset.view!;
      const work = view.dataset.papers.find((p) => p.work?.kind === 'literature' && p.teamSector === 'Collaboration' && p.work.work.provenance[0]?.format === 'bibtex')!;
      await vscode.commands.executeCommand(COMMAND_IDS.markPaperInclude, work.id);
      await eventually(() => (paperDecision(api.dataset.view!.byId.get(work.id)!) === 'include' ? true : undefined), 20_000, 'the decision applied');
      const target = vscode.Uri.file(path.join(out, 'works.ris'));
      const written = await vscode.commands.executeCommand<vscode.Uri>(COMMAND_IDS.exportWorks, target);
      assert.equal(written?.fsPath, target.fsPath);
      const back = readSourceFile(await readFile(target.fsPath), 'works.ris');
      assert.equal(back.format, 'ris');
      assert.equal(back.records, 76);
      const again = back.works.find((w) => w.title === work.name)!;
      assert.deepEqual(readExtras(again), { decision: 'include', teamSector: 'Collaboration', leaning: 'balanced' });
      const openalex = back.works.find((w) => w.identifiers.includes(openalexId))!;
      assert.deepEqual(readExtras(openalex), { teamSector: 'Collaboration', leaning: 'academia' });
      // Refused: replacing one of the files the works were read from.
      const refused = await vscode.commands.executeCommand<vscode.Uri | undefined>(COMMAND_IDS.exportWorks, vscode.Uri.file(path.join(refs, 'review.bib')));
      assert.equal(refused, undefined);
      assert.equal((await readFile(path.join(refs, 'review.bib'))).subarray(0, 3).toString('hex'), 'efbbbf', 'the BibTeX file is untouched (its BOM is still there)');
    });
  });
}
