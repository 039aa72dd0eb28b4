import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { loadHarness, type Workbench } from './harness';
import { REPO } from './paths';
import { openContainer, papersPane, screenshot, treeRow } from './workbench';

const run = promisify(execFile);

/**
 * The packaged build: `npm run package` makes a VSIX holding only what runs, code-server installs
 * it with `--install-extension`, and that installed build (no development path) activates in an
 * empty folder and, from the welcome view, shows the bundled snapshot it carries (no test corpus
 * needed: this is what a new user installs).
 */
describe('Packaged VSIX', function () {
  this.timeout(300_000);
  const vsix = path.join(REPO, 'dist', 'compute-divide.vsix');
  let extensionsDir: string;
  let workspace: string;
  let workbench: Workbench | undefined;

  before(async function () {
    await run('npm', ['run', 'package'], { cwd: REPO, maxBuffer: 16 * 1024 * 1024 });
    extensionsDir = await mkdtemp(path.join(tmpdir(), 'cd-extensions-'));
    workspace = await mkdtemp(path.join(tmpdir(), 'cd-empty-workspace-'));
  });

  after(async function () {
    await workbench?.close();
    if (extensionsDir) await rm(extensionsDir, { recursive: true, force: true });
    if (workspace) await rm(workspace, { recursive: true, force: true });
    // Leave a development build behind, as `npm run build` would.
    await run('node', ['esbuild.mjs'], { cwd: REPO });
  });

  it('holds only what runs: bundles, styles, icon, manifest and docs (with the README screenshot)', async function () {
    const { stdout } = await run('python3', ['-m', 'zipfile', '-l', vsix]);
    const files = stdout
      .split('\n')
      .slice(1)
      .map((line) => line.split(/\s+\d{4}-\d\d-\d\d/)[0].trim())
      .filter((f) => f.startsWith('extension/'))
      .sort();
    assert.ok(files.includes('extension/dist/extension.js'));
    assert.ok(files.includes('extension/dist/cli.js'));
    assert.ok(files.includes('extension/dist/details.js'));
    // The worker threads the extension starts (table load, Findings numbers, literature) and every webview script.
    for (const bundle of ['loadWorker', 'analysisWorker', 'literatureWorker', 'trends', 'triage', 'agreement']) assert.ok(files.includes(`extension/dist/${bundle}.js`), bundle);
    assert.ok(files.includes('extension/package.json'));
    const unexpected = files.filter((f) => !/^extension\/(dist\/([\w.-]+\.(js|txt)|THIRD_PARTY_NOTICES\.md)|media\/.+\.(css|svg|png)|docs\/[\w.-]+\.png|data\/(epoch-notable-ai-models\.(csv\.gz|json)|README\.md)|package\.json|readme\.md|changelog\.md|LICENSE\.txt)$/.test(f));
    assert.deepEqual(unexpected, [], 'sources, tests, maps or dependencies in the VSIX');
    // The bundled snapshot is inside, with its attribution, and holds no prose column.
    assert.ok(files.includes('extension/dist/THIRD_PARTY_NOTICES.md'), 'third-party licence notices');
    for (const file of ['extension/data/epoch-notable-ai-models.csv.gz', 'extension/data/epoch-notable-ai-models.json', 'extension/data/README.md']) assert.ok(files.includes(file), file);
    const { stdout: header } = await run('python3', ['-c', 'import sys, zipfile, gzip; sys.stdout.write(gzip.decompress(zipfile.ZipFile(sys.argv[1]).read("extension/data/epoch-notable-ai-models.csv.gz")).decode().split("\\n")[0])', vsix]);
    assert.match(header, /^Model,Organization,Organization categorization,Publication date,/);
    assert.doesNotMatch(header, /Abstract|notes/i);
    // The README the Extensions view shows is for users: how to use it, not how to build or test it,
    // and no links to the project's specs, which are not in the VSIX.
    const { stdout: readme } = await run('python3', ['-c', 'import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read("extension/readme.md").decode())', vsix]);
    assert.match(readme, /^# Compute Divide/);
    for (const section of ['## Using it', '### Your own literature', '### Findings panel', '### Labelling affiliations', '### Commands', '### Settings', '## Where the data comes from', '## Command line'])
      assert.ok(readme.includes(`\n${section}\n`), section);
    for (const developerOnly of ['## Two commands', '## Performance', '## Layout', 'npm test', '../shared']) assert.ok(!readme.includes(developerOnly), developerOnly);
  });

  it('installs into code-server, activates and shows the Papers tree', async function () {
    const output = String(await (await loadHarness()).installVsix(vsix, extensionsDir));
    assert.match(output, /compute-divide/i);
    workbench = await (await loadHarness()).openWorkbench({ workspace, extensionsDir });
    await openContainer(workbench.page);
    const explore = papersPane(workbench.page).locator('.welcome-view-content .monaco-button', { hasText: "Explore Epoch's notable models" });
    await explore.waitFor({ state: 'visible', timeout: 60_000 });
    await explore.click();
    const language = treeRow(workbench.page, 'Language');
    await language.waitFor({ state: 'visible', timeout: 60_000 });
    // The full 2026-07 table's count (python3 test/tools/expected_topic_counts.py).
    assert.equal(await language.locator('.label-description').textContent(), '532');
    await screenshot(workbench.page, 'vsix-installed-tree');
  });
});
