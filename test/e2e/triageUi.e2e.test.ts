import { strict as assert } from 'node:assert';
import { readFile, rm } from 'node:fs/promises';
import * as path from 'node:path';
import { loadHarness, type Workbench } from './harness';
import { REPO, workspaceWithNotable } from './paths';
import { openContainer, runCommand, screenshot, treeRow, webviewFrame } from './workbench';

async function logLines(workspace: string): Promise<{ value: unknown; target: { name?: string } }[]> {
  const text = await readFile(path.join(workspace, '.compute-divide', 'labels.jsonl'), 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { value: unknown; target: { name?: string } });
}

async function until<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Triage mode in the real workbench, driven by the keyboard: the number keys label the
 * organization in focus (VS Code keybindings, active only in the triage panel), J moves on, U
 * undoes; every label lands in the workspace's label log. Screenshots in a light and a dark theme
 * under test-results/.
 */
for (const [theme, colorTheme] of [
  ['light', 'Default Light Modern'],
  ['dark', 'Default Dark Modern'],
] as const)
describe(`Affiliation triage with the keyboard (${theme} theme)`, function () {
  this.timeout(240_000);
  let workbench: Workbench;
  let workspace: string;

  before(async function () {
    workspace = await workspaceWithNotable();
    workbench = await (await loadHarness()).openWorkbench({
      workspace,
      extensionDevelopmentPath: REPO,
      settings: { 'workbench.colorTheme': colorTheme, 'computeDivide.annotator': 'ui-test' },
      viewport: { width: 1500, height: 950 },
    });
  });

  after(async function () {
    await workbench?.close();
    if (workspace) await rm(workspace, { recursive: true, force: true });
  });

  it('labels three papers with the number keys, moves with J and undoes with U', async function () {
    const { page } = workbench;
    await openContainer(page);
    await treeRow(page, 'Language').waitFor({ state: 'visible', timeout: 30_000 });
    await runCommand(page, 'Compute Divide: Start Affiliation Triage');
    const frame = webviewFrame(page);
    const title = frame.locator('h1');
    await title.waitFor({ state: 'visible', timeout: 30_000 });
    const seen: string[] = [];
    for (let i = 0; i < 3; i++) {
      const name = (await title.textContent()) ?? '';
      seen.push(name);
      const before = (await logLines(workspace)).length;
      await frame.locator('.organizations li.focus').click();
      await page.keyboard.press('2');
      await until(async () => ((await logLines(workspace)).length > before ? true : undefined), 'the label to be saved');
      const last = (await logLines(workspace)).at(-1)!;
      assert.equal(last.value, 'Industry');
      if (((await title.textContent()) ?? '') === name) await page.keyboard.press('j');
      await until(async () => (((await title.textContent()) ?? '') !== name ? true : undefined), 'the next paper');
    }
    assert.equal(new Set(seen).size, 3, `three different papers: ${seen.join(' | ')}`);
    const beforeUndo = await logLines(workspace);
    await frame.locator('h1').click();
    await page.keyboard.press('u');
    const afterUndo = await until(async () => {
      const lines = await logLines(workspace);
      return lines.length === beforeUndo.length + 1 ? lines : undefined;
    }, 'the undo event');
    // Undo appends: the earlier lines are untouched.
    assert.deepEqual(afterUndo.slice(0, beforeUndo.length), beforeUndo);
    assert.equal(afterUndo.at(-1)!.target.name, beforeUndo.at(-1)!.target.name);
    assert.notEqual(afterUndo.at(-1)!.value, 'Industry');
    await page.mouse.move(5, 5);
    await screenshot(page, `triage-${theme}`);
    const status = await page.locator('.statusbar-item', { hasText: 'Triage' }).first().textContent();
    assert.match(status ?? '', /Triage \d+\/\d+ done/);
  });
});
