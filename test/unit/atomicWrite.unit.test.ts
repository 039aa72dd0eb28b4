import { vscodeWorkspace } from '../support/vscodeStub';
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cleanStaleTempFiles, writeFileAtomic } from '../../src/node/atomicWrite';
import { cleanWorkspaceTempFiles } from '../../src/host/staleTempFiles';

describe('atomicWrite: modes, temporary names, stale temporary files (issue #9, item 7)', function () {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-atomic-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const modeOf = (file: string): number => fs.statSync(file).mode & 0o777;

  it('keeps the mode of an existing file (0600 stays 0600, 0640 stays 0640)', async function () {
    for (const mode of [0o600, 0o640]) {
      const file = path.join(dir, `secret-${mode.toString(8)}.jsonl`);
      fs.writeFileSync(file, 'old');
      fs.chmodSync(file, mode);
      await writeFileAtomic(file, Buffer.from('new'));
      assert.equal(fs.readFileSync(file, 'utf8'), 'new');
      assert.equal(modeOf(file).toString(8), mode.toString(8));
    }
  });

  it('gives a new file the default mode (0666 less the umask)', async function () {
    const file = path.join(dir, 'new.csv');
    await writeFileAtomic(file, Buffer.from('x'));
    const umask = process.umask();
    assert.equal(modeOf(file).toString(8), (0o666 & ~umask).toString(8));
  });

  it('leaves no temporary file and uses the .<name>.cd-tmp-<pid>-<hex> pattern while writing', async function () {
    const file = path.join(dir, 'out.csv');
    // A folder in the way makes the rename fail after the temporary file was written.
    fs.mkdirSync(file);
    await assert.rejects(writeFileAtomic(file, Buffer.from('x')));
    assert.deepEqual(fs.readdirSync(dir), ['out.csv']);
    // The name the writer uses is the one the cleaner recognises: a crash is simulated by a copy.
    const leftover = path.join(dir, `.out.csv.cd-tmp-${deadPid()}-0a1b2c3d`);
    fs.writeFileSync(leftover, 'half');
    assert.deepEqual(await cleanStaleTempFiles(dir), [leftover]);
  });

  it('removes temporary files of dead processes and old ones, keeps live ones and every other file', async function () {
    const dead = deadPid();
    const names = {
      deadNew: `.labels.jsonl.cd-tmp-${dead}-deadbeef`,
      deadLegacy: `.labels.jsonl.${dead}.0badf00d.tmp`,
      liveFresh: `.labels.jsonl.cd-tmp-${process.pid}-cafe0001`,
      liveOld: `.out.csv.cd-tmp-${process.pid}-cafe0002`,
      user1: '.labels.jsonl',
      user2: `labels.jsonl.cd-tmp-${dead}-deadbeef`,
      user3: 'notes.tmp',
    };
    for (const name of Object.values(names)) fs.writeFileSync(path.join(dir, name), 'x');
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    fs.utimesSync(path.join(dir, names.liveOld), twoHoursAgo, twoHoursAgo);
    fs.mkdirSync(path.join(dir, 'sub'));
    fs.writeFileSync(path.join(dir, 'sub', names.deadNew), 'x');

    const removed = (await cleanStaleTempFiles(dir)).map((f) => path.basename(f)).sort();
    assert.deepEqual(removed, [names.deadLegacy, names.deadNew, names.liveOld].sort());
    assert.deepEqual(fs.readdirSync(dir).sort(), [names.liveFresh, names.user1, names.user2, names.user3, 'sub'].sort());
    assert.ok(fs.existsSync(path.join(dir, 'sub', names.deadNew)), 'not recursive');
  });

  it('does nothing for a folder that does not exist', async function () {
    assert.deepEqual(await cleanStaleTempFiles(path.join(dir, 'missing')), []);
  });
});

/** The pid of a process that has exited (a finished child). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  const pid = Number(child.stdout);
  assert.ok(pid > 0);
  return pid;
}

describe('Activation cleans stale temporary files in the workspace folders (stand-in vscode)', function () {
  it('removes a dead writer\'s temporary file in the root, .compute-divide and the label log folder, not deeper', async function () {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-activate-'));
    try {
      const dead = deadPid();
      const stale = `.x.csv.cd-tmp-${dead}-00000001`;
      for (const sub of ['', '.compute-divide', 'labels', 'deep/er']) {
        fs.mkdirSync(path.join(root, sub), { recursive: true });
        fs.writeFileSync(path.join(root, sub, stale), 'half');
      }
      const file = (p: string) => ({ scheme: 'file', fsPath: p });
      vscodeWorkspace.workspaceFolders = [{ uri: file(root) }];
      const removed = await cleanWorkspaceTempFiles(file(path.join(root, 'labels', 'labels.jsonl')) as never);
      assert.deepEqual(removed.map((f) => path.relative(root, f)).sort(), [stale, path.join('.compute-divide', stale), path.join('labels', stale)].sort());
      assert.ok(fs.existsSync(path.join(root, 'deep/er', stale)));
    } finally {
      vscodeWorkspace.workspaceFolders = undefined;
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
