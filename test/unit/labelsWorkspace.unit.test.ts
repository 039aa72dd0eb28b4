/**
 * The annotator's name and the union-merge line for git (../shared/spec/labels.md, last section),
 * and a git merge of two people's appends with that line: no conflict markers, both sides' events.
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { appendEvents } from '../../src/node/labels/labelLog';
import { parseLabelLog } from '../../src/core/labels/parseLog';
import { GENERIC_USER_NAMES, hasUnionMerge, resolveAnnotator, unionMergeLine, withUnionMerge } from '../../src/node/labels/workspaceSetup';
import { ev, makeTemp, org, removeTemp } from './fixtures/labels/helpers';

describe('labels: annotator name', function () {
  it('takes the setting, else the OS user name, and asks for generic or missing names', function () {
    assert.deepEqual(resolveAnnotator('  Ada   Lovelace ', 'root'), { name: 'Ada Lovelace', ask: false });
    assert.deepEqual(resolveAnnotator('', 'grace'), { name: 'grace', ask: false });
    assert.deepEqual(resolveAnnotator(undefined, 'grace'), { name: 'grace', ask: false });
    for (const generic of [...GENERIC_USER_NAMES, 'ROOT']) assert.deepEqual(resolveAnnotator(undefined, generic), { ask: true });
    assert.deepEqual(resolveAnnotator(' ', undefined), { ask: true });
  });
});

describe('labels: .gitattributes union merge', function () {
  it('offers "labels.jsonl merge=union" once', function () {
    const log = path.join('.compute-divide', 'labels.jsonl');
    assert.equal(unionMergeLine(log), 'labels.jsonl merge=union');
    assert.equal(withUnionMerge('', log), 'labels.jsonl merge=union\n');
    assert.equal(withUnionMerge('*.csv text', log), '*.csv text\nlabels.jsonl merge=union\n');
    assert.equal(hasUnionMerge('.compute-divide/labels.jsonl  merge=union\n', log), true);
    assert.equal(hasUnionMerge('labels.jsonl text\n', log), false);
    const once = withUnionMerge('*.csv text\n', log);
    assert.equal(withUnionMerge(once, log), once);
  });

  it('lets git merge two people\'s appends without conflict markers, keeping both', async function () {
    this.timeout(20_000);
    try {
      execFileSync('git', ['--version']);
    } catch {
      this.skip();
    }
    const dir = makeTemp();
    try {
      const git = (...args: string[]): string => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', '-c', 'init.defaultBranch=main', ...args], { cwd: dir, encoding: 'utf8' });
      const log = path.join(dir, '.compute-divide', 'labels.jsonl');
      git('init', '-q');
      fs.writeFileSync(path.join(dir, '.gitattributes'), withUnionMerge('', log));
      await appendEvents(log, [ev('ada', org('MIT', 'Academia'), 1)]);
      git('add', '-A');
      git('commit', '-qm', 'base');
      git('checkout', '-qb', 'bob');
      await appendEvents(log, [ev('bob', org('Google', 'Industry'), 2)]);
      git('commit', '-qam', 'bob');
      git('checkout', '-q', 'main');
      await appendEvents(log, [ev('ada', org('Meta', 'Industry'), 3)]);
      git('commit', '-qam', 'ada');
      git('merge', '-q', '--no-edit', 'bob');
      const parsed = parseLabelLog(fs.readFileSync(log, 'utf8'), log);
      assert.deepEqual(parsed.diagnostics, []);
      assert.deepEqual(parsed.events.map((e) => (e.event.target.kind === 'organization' ? e.event.target.name : '')).sort(), ['Google', 'MIT', 'Meta']);
    } finally {
      removeTemp(dir);
    }
  });
});
