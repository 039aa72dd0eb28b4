import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { COMMAND_IDS, CONTEXT_KEYS, PANEL_TYPES, VIEW_IDS } from '../../src/host/commandIds';

interface Manifest {
  activationEvents: string[];
  contributes: {
    commands: { command: string; title: string; category: string }[];
    views: Record<string, { id: string }[]>;
    menus: Record<string, { command?: string; when?: string }[]>;
    viewsWelcome: { view: string; when: string }[];
    configuration: { properties: Record<string, { default: unknown; markdownDescription?: string; description?: string }> };
  };
}

const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '..', '..', 'package.json'), 'utf8')) as Manifest;

describe('package.json agrees with the code', function () {
  it('declares exactly the command ids that the code registers', function () {
    const declared = manifest.contributes.commands.map((c) => c.command).sort();
    assert.deepEqual(declared, Object.values(COMMAND_IDS).sort());
  });

  it('names every command computeDivide.verbNoun with a title in the Compute Divide category', function () {
    for (const c of manifest.contributes.commands) {
      assert.match(c.command, /^computeDivide\.[a-z]+[A-Z][A-Za-z]*$/);
      assert.equal(c.category, 'Compute Divide');
      assert.ok(c.title.length > 3);
    }
  });

  it('only refers to declared commands in menus', function () {
    const declared = new Set(Object.values(COMMAND_IDS));
    for (const [menu, entries] of Object.entries(manifest.contributes.menus))
      for (const entry of entries) if (entry.command) assert.ok(declared.has(entry.command as never), `${menu} refers to ${entry.command}`);
  });

  it('declares the views and the panel restore event the code uses', function () {
    const views = Object.values(manifest.contributes.views).flat().map((v) => v.id);
    assert.deepEqual(views, Object.values(VIEW_IDS));
    assert.ok(manifest.activationEvents.includes(`onWebviewPanel:${PANEL_TYPES.paperDetails}`));
    for (const welcome of manifest.contributes.viewsWelcome) assert.ok(welcome.when.includes(CONTEXT_KEYS.datasetState));
  });

  it('gives every setting a default and a description', function () {
    for (const [key, setting] of Object.entries(manifest.contributes.configuration.properties)) {
      assert.ok(key.startsWith('computeDivide.'));
      assert.notEqual(setting.default, undefined, key);
      assert.ok((setting.markdownDescription ?? setting.description ?? '').length > 20, key);
    }
  });
});
