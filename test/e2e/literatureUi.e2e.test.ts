import { strict as assert } from 'node:assert';
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { existsSync } from 'node:fs';
import { loadHarness, type Workbench } from './harness';
import { REPO, TEST_DATA, workspaceWithNotable } from './paths';
import { openContainer, runCommand, screenshot, treeRow, webviewFrame } from './workbench';

/**
 * The researcher's literature beside Epoch's table, as a user sees it (issue #11): a BibTeX file
 * and an OpenAlex work listed in `computeDivide.sources`; the Papers tree with mixed sources (a
 * work's source icon and description), Find Paper with a pasted DOI, and the details view with the
 * evidence behind the work's sector. Light and dark screenshots. Needs the test corpus.
 */
const haveCorpus = existsSync(path.join(TEST_DATA, 'bibtex', 'graph_embedding_review_refs.bib'));

for (const [theme, colorTheme] of [
  ['light', 'Default Light Modern'],
  ['dark', 'Default Dark Modern'],
] as const) {
  (haveCorpus ? describe : describe.skip)(`Literature in the tree and the details (${theme} theme)`, function () {
    this.timeout(180_000);
    let workbench: Workbench;
    let workspace: string;

    before(async function () {
      workspace = await workspaceWithNotable();
      await mkdir(path.join(workspace, 'refs'));
      await copyFile(path.join(TEST_DATA, 'bibtex', 'graph_embedding_review_refs.bib'), path.join(workspace, 'refs', 'review.bib'));
      await copyFile(path.join(TEST_DATA, 'openalex', 'openalex_work_W2741809807.json'), path.join(workspace, 'refs', 'W2741809807.json'));
      await mkdir(path.join(workspace, '.vscode'));
      await writeFile(path.join(workspace, '.vscode', 'settings.json'), JSON.stringify({ 'computeDivide.sources': ['refs/*.bib', 'refs/W2741809807.json'], 'computeDivide.annotator': 'ui-test' }));
      workbench = await (await loadHarness()).openWorkbench({
        workspace,
        extensionDevelopmentPath: REPO,
        settings: { 'workbench.colorTheme': colorTheme },
        viewport: { width: 1400, height: 900 },
      });
    });

    after(async function () {
      await workbench?.close();
      if (workspace) await rm(workspace, { recursive: true, force: true });
    });

    it('Find Paper takes a pasted DOI; the details show the authors, their institutions and the evidence', async function () {
      const { page } = workbench;
      await openContainer(page);
      // The table and the literature loaded: 1,036 models and 76 works in the status bar.
      await page.locator('.statusbar-item', { hasText: '1,036 models · 51% with compute · 76 works' }).first().waitFor({ state: 'visible', timeout: 60_000 });
      await runCommand(page, 'Compute Divide: Find Paper…');
      const input = page.locator('.quick-input-widget input');
      await input.fill('https://doi.org/10.7717/peerj.4375');
      const first = page.locator('.quick-input-list .monaco-list-row').first();
      await first.waitFor({ state: 'visible', timeout: 20_000 });
      assert.match((await first.getAttribute('aria-label')) ?? '', /^The state of OA/);
      await page.keyboard.press('Enter');
      const frame = webviewFrame(page);
      await frame.locator('h2', { hasText: 'Team sector evidence' }).waitFor({ state: 'visible', timeout: 30_000 });
      assert.match((await frame.locator('.evidence').first().textContent()) ?? '', /^Author share: 7 academic authors and 2 industrial authors of 9 authors/);
      assert.equal(await frame.locator('.authors > li').count(), 9);
      await frame.locator('.institutions li', { hasText: 'Université de Montréal' }).first().waitFor({ state: 'visible' });
      await screenshot(page, `literature-details-${theme}`);
    });

    it('the tree shows the work, revealed, with its source icon, and the BibTeX works beside the models', async function () {
      const { page } = workbench;
      // Find Paper revealed the OpenAlex work: (no domain) → Collaboration → the work, selected.
      const work = treeRow(page, 'The state of OA: a large-scale analysis of the prevalence and impact of Open Access articles');
      await work.waitFor({ state: 'visible', timeout: 30_000 });
      assert.match((await work.locator('.label-description').textContent()) ?? '', /^OpenAlex · 2018/);
      assert.equal(await work.locator('.codicon-globe').count(), 1, 'the OpenAlex globe icon');
      // The works of the BibTeX file name no affiliations: Unknown, under (no domain). Reveal one with a pasted DOI.
      await runCommand(page, 'Compute Divide: Find Paper…');
      await page.locator('.quick-input-widget input').fill('10.1371/journal.pcbi.1008844');
      await page.locator('.quick-input-list .monaco-list-row[aria-label^="PPIDomainMiner"]').first().waitFor({ state: 'visible', timeout: 20_000 });
      await page.keyboard.press('Enter');
      const bib = treeRow(page, 'PPIDomainMiner: Inferring domain-domain interactions from multiple sources of protein-protein interactions');
      await bib.waitFor({ state: 'visible', timeout: 30_000 });
      assert.match((await bib.locator('.label-description').textContent()) ?? '', /^BibTeX · 2021/);
      assert.equal(await bib.locator('.codicon-book').count(), 1, 'the book icon of a bibliography file');
      await screenshot(page, `literature-tree-${theme}`);
    });
  });
}
