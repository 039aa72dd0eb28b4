import { strict as assert } from 'node:assert';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { agreementOf, organizationRatings } from '../../src/core/labels/agreement';
import { organizationKey } from '../../src/core/labels/keys';
import { COMMAND_IDS } from '../../src/host/commandIds';
import type { ComputeDivideApi } from '../../src/extension';
import { activateExtension, eventually, waitForState, workspaceFolder } from './helpers';

const DATASET = 'notable_ai_models_2026-07.csv';
const config = () => vscode.workspace.getConfiguration('computeDivide');

async function logEvents(): Promise<{ annotator: string; target: { name?: string; id?: string }; field: string; value: unknown; blind?: boolean }[]> {
  const text = await readFile(path.join(workspaceFolder().fsPath, '.compute-divide', 'labels.jsonl'), 'utf8');
  // Earlier suites leave invalid lines in the log on purpose (skipped, never removed).
  return text.split('\n').flatMap((l) => {
    try {
      return [JSON.parse(l) as { annotator: string; target: { name?: string }; field: string; value: unknown }];
    } catch {
      return [];
    }
  });
}

/**
 * Triage in a real VS Code (issue #10): the queue is live, undo returns to what it undid and
 * names it, a paper without organizations gets them, and two annotators code blind, the second
 * seeing no trace of the first, and then get their kappa.
 */
export function registerTriageSuite(): void {
  describe('Affiliation triage flow', function () {
    this.timeout(120_000);
    let api: ComputeDivideApi;

    before(async function () {
      api = await activateExtension();
      await config().update('annotator', 'triage-test', vscode.ConfigurationTarget.Global);
      await config().update('triageOrder', 'resolves-most', vscode.ConfigurationTarget.Workspace);
      await waitForState(api, (s) => s.kind === 'loaded' && s.uri.fsPath.endsWith(DATASET));
      await vscode.commands.executeCommand(COMMAND_IDS.startTriage);
      await eventually(() => (api.triage.active ? true : undefined), 20_000, 'triage to start');
    });

    after(async function () {
      await config().update('blindCoding', undefined, vscode.ConfigurationTarget.Workspace);
      await config().update('triageOrder', undefined, vscode.ConfigurationTarget.Workspace);
      await config().update('annotator', undefined, vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });

    /** Put the paper on screen and focus its organization named `name`. */
    function show(paperId: string, name?: string): Promise<void> {
      const paper = api.dataset.view!.byId.get(paperId)!;
      const index = name === undefined ? 0 : paper.organizations.findIndex((o) => organizationKey(o) === organizationKey(name));
      return api.triage.goTo(paperId, Math.max(0, index));
    }

    it('labelling an organization removes every paper it resolves from the queue while triage is open', async function () {
      const items = api.triage.active!.queue;
      // A paper whose every organization is one open organization leaves the queue once it is
      // labelled (rule 1 then gives its categories and sector): the organization of most such papers.
      const single = items.filter((i) => {
        const all = new Set(api.dataset.view!.byId.get(i.paperId)!.organizations.map(organizationKey));
        return all.size === 1 && i.organizations.length > 0 && all.has(organizationKey(i.organizations[0]));
      });
      const counts = new Map<string, number>();
      for (const i of single) counts.set(organizationKey(i.organizations[0]), (counts.get(organizationKey(i.organizations[0])) ?? 0) + 1);
      const target = [...counts].sort((a, b) => b[1] - a[1])[0][0];
      const resolved = single.filter((i) => organizationKey(i.organizations[0]) === target);
      const staying = items.filter((i) => i.organizations.some((o) => organizationKey(o) !== target));
      const first = resolved[0];
      await show(first.paperId, first.organizations[0]);
      await vscode.commands.executeCommand(COMMAND_IDS.triageLabel, 'Government');
      assert.ok(resolved.length >= 1, 'a paper that one label resolves');
      const queue = new Set(api.triage.queue);
      for (const i of resolved) assert.ok(!queue.has(i.paperId), `${i.paperId} left the queue`);
      for (const i of staying) assert.ok(queue.has(i.paperId), `${i.paperId} still needs attention`);
      assert.equal(api.triage.queue.length, items.length - resolved.length);
    });

    it('U after three labels returns to the third paper and organization and names the change', async function () {
      const done: { paperId: string; organization: string }[] = [];
      for (let k = 0; k < 3; k++) {
        const item = api.triage.active!.queue[0];
        const organization = item.organizations[0];
        await show(item.paperId, organization);
        await vscode.commands.executeCommand(COMMAND_IDS.triageLabel, 'Industry');
        done.push({ paperId: item.paperId, organization });
      }
      // Move elsewhere, then undo.
      await vscode.commands.executeCommand(COMMAND_IDS.triageNext);
      const text = await api.triage.undo();
      const third = done[2];
      assert.equal(text, `Undid ${third.organization}: Industry → no label`);
      assert.equal(api.triage.active!.currentPaperId, third.paperId);
      const paper = api.dataset.view!.byId.get(third.paperId)!;
      assert.equal(paper.organizations[api.triage.active!.focusIndex], third.organization);
      const shown = api.triage.lastPosted!;
      assert.equal(shown.type, 'item');
      assert.equal(shown.flash?.text, text);
      assert.ok(api.triage.queue.includes(third.paperId), 'the paper needs attention again');
    });

    it('a paper with no organizations gets organizations added and labelled', async function () {
      const item = api.triage.active!.queue.find((i) => api.dataset.view!.byId.get(i.paperId)!.organizations.length === 0)!;
      assert.ok(item, 'the table has queued papers without organizations');
      await show(item.paperId);
      assert.equal(api.dataset.view!.byId.get(item.paperId)!.teamSector, 'Unknown');
      await vscode.commands.executeCommand(COMMAND_IDS.triageAddOrganizations, ['Triage Test Laboratory']);
      const paper = api.dataset.view!.byId.get(item.paperId)!;
      assert.deepEqual(paper.organizations, ['Triage Test Laboratory']);
      const last = (await logEvents()).at(-1)!;
      assert.deepEqual([last.field, last.value, last.target.id], ['organizations', ['Triage Test Laboratory'], item.paperId]);
      await vscode.commands.executeCommand(COMMAND_IDS.triageLabel, 'Academia');
      assert.equal(api.dataset.view!.byId.get(item.paperId)!.teamSector, 'Academia');
      assert.ok(!api.triage.queue.includes(item.paperId));
    });

    it('two annotators code the same 20 organizations blind; the second sees no trace of the first; then their kappa', async function () {
      await config().update('blindCoding', true, vscode.ConfigurationTarget.Workspace);
      // 20 papers of the table, each with an organization no other of them names first.
      const chosen: { paperId: string; organization: string }[] = [];
      const keys = new Set<string>();
      for (const p of api.dataset.view!.original.papers) {
        const o = p.organizations[0];
        if (!o || keys.has(organizationKey(o)) || chosen.length === 20) continue;
        keys.add(organizationKey(o));
        chosen.push({ paperId: p.id, organization: o });
      }
      assert.equal(chosen.length, 20);
      const code = async (annotator: string, category: (k: number) => string): Promise<string[]> => {
        await config().update('annotator', annotator, vscode.ConfigurationTarget.Global);
        await vscode.commands.executeCommand(COMMAND_IDS.startTriage);
        await eventually(() => (api.triage.active ? true : undefined), 20_000, 'triage');
        const seen: string[] = [];
        for (const [k, c] of chosen.entries()) {
          await show(c.paperId, c.organization);
          seen.push(JSON.stringify(api.triage.lastPosted));
          await vscode.commands.executeCommand(COMMAND_IDS.triageLabel, category(k));
        }
        return seen;
      };
      await code('coder-a', (k) => (k % 2 === 0 ? 'Academia' : 'Industry'));
      const seenByB = await code('coder-b', (k) => (k === 3 || k === 7 ? 'Academia' : k % 2 === 0 ? 'Academia' : 'Industry'));
      for (const [k, message] of seenByB.entries()) {
        assert.ok(!message.includes('coder-a'), `paper ${k}: no name of the first annotator`);
        assert.ok(!message.includes('labelled it'), `paper ${k}: no suggestion from a label`);
        assert.ok(message.includes('"blind":true'), 'the panel says blind coding is on');
      }
      const events = (await logEvents()).filter((e) => e.annotator === 'coder-a' || e.annotator === 'coder-b');
      assert.equal(events.length, 40);
      assert.ok(events.every((e) => e.blind === true), 'every label made blind records "blind": true');
      // κ by hand: agreement 18/20 = 0.9; coder-a 10 Academia / 10 Industry, coder-b 12 / 8:
      // p_e = 0.5·0.6 + 0.5·0.4 = 0.5, κ = (0.9 − 0.5) / (1 − 0.5) = 0.8.
      const report = agreementOf(organizationRatings(api.labels.state), ['coder-a', 'coder-b']);
      assert.equal(report.pairwise[0].kappa.n, 20);
      assert.ok(Math.abs(report.pairwise[0].kappa.kappa! - 0.8) < 1e-12, String(report.pairwise[0].kappa.kappa));
    });
  });
}
