/**
 * The ready watchdog (issue #10: with the details and trends panels both open, one came back blank
 * after most window reloads): a visible webview that does not post `ready` within the timeout is
 * re-created (the panel hosts open a new panel in its column), at most five times, waiting twice as long each time; hidden panels, focus changes and live webviews are left
 * alone. Driven by a fake clock and the stand-in vscode module's fake panel, both directly and
 * through the real PaperDetailsPanel and TrendsPanel hosts.
 */
import { FakeWebviewPanel, vscodeCalls } from '../support/vscodeStub';
import { strict as assert } from 'node:assert';
import type * as vscode from 'vscode';
import type { DatasetService } from '../../src/host/datasetService';
import { PaperDetailsPanel } from '../../src/host/paperDetailsPanel';
import { ReadyWatchdog, type WatchdogClock } from '../../src/host/readyWatchdog';
import { TrendsPanel } from '../../src/host/trendsPanel';

/** A clock that only moves when told. */
class FakeClock implements WatchdogClock {
  now = 0;
  private timers: { at: number; callback: () => void; id: number }[] = [];
  private nextId = 1;
  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.push({ at: this.now + ms, callback, id });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }
  get pending(): number {
    return this.timers.length;
  }
  tick(ms: number): void {
    const end = this.now + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.now = due.at;
      due.callback();
    }
    this.now = end;
  }
}

describe('ready watchdog', function () {
  let clock: FakeClock;
  beforeEach(function () {
    clock = new FakeClock();
    vscodeCalls.reset();
  });

  it('re-creates the content of a visible webview that never reports ready, five times at most, waiting twice as long each time', function () {
    const panel = new FakeWebviewPanel('t', 'T');
    let reloads = 0;
    const log: string[] = [];
    const at: number[] = [];
    const watchdog = new ReadyWatchdog(panel, () => (reloads++, at.push(clock.now)), 'Test panel', { clock, timeoutMs: 4000, log: (m) => log.push(m) });
    clock.tick(3999);
    assert.equal(reloads, 0, 'not before the timeout');
    clock.tick(1);
    assert.equal(reloads, 1);
    clock.tick(7999);
    assert.equal(reloads, 1, 'the second wait is 8 s');
    clock.tick(1);
    assert.equal(reloads, 2);
    clock.tick(600_000);
    assert.equal(reloads, 5, 'gives up after five');
    // 4, 8, 16, 32 s, then at most 60 s.
    assert.deepEqual(at, [4000, 12_000, 28_000, 60_000, 120_000]);
    assert.equal(clock.pending, 0);
    assert.equal(log.length, 6);
    assert.match(log[1], /within 8000 ms; re-creating it \(2 of 5\)/);
    assert.match(log[5], /Test panel: the webview did not report ready after 5 re-creations; giving up/);
    watchdog.dispose();
  });

  it('a webview merely slow to start (6 s) is re-created once, then left to answer', function () {
    const panel = new FakeWebviewPanel('t', 'T');
    let reloads = 0;
    let watchdog = new ReadyWatchdog(panel, () => reloads++, 'Test panel', { clock });
    clock.tick(4000);
    assert.equal(reloads, 1);
    // The panel host re-creates the panel, and with it the watchdog, counting the re-creation.
    watchdog.dispose();
    watchdog = new ReadyWatchdog(panel, () => reloads++, 'Test panel', { clock, reloadsSoFar: 1 });
    assert.equal(watchdog.currentTimeoutMs, 8000);
    clock.tick(6000);
    watchdog.ready();
    clock.tick(600_000);
    assert.equal(reloads, 1);
    assert.equal(watchdog.currentTimeoutMs, 4000, 'after a ready the first wait is 4 s again');
    watchdog.dispose();
  });

  it('leaves a webview that reports ready alone, and forgets past re-creations once it does', function () {
    const panel = new FakeWebviewPanel('t', 'T');
    let reloads = 0;
    const watchdog = new ReadyWatchdog(panel, () => reloads++, 'Test panel', { clock });
    clock.tick(4000);
    assert.equal(reloads, 1);
    watchdog.ready();
    assert.equal(watchdog.reloadCount, 0);
    clock.tick(60_000);
    assert.equal(reloads, 1, 'alive: nothing more');
    // Hidden, then shown again: the webview runs its script again and must answer again.
    panel.setVisible(false);
    clock.tick(60_000);
    assert.equal(reloads, 1, 'a hidden panel is not watched');
    panel.setVisible(true);
    clock.tick(4000);
    assert.equal(reloads, 2);
    watchdog.ready();
    // A change of focus (visible all along) does not re-run the script: no alarm.
    panel.active = false;
    panel.setVisible(true);
    clock.tick(60_000);
    assert.equal(reloads, 2);
    watchdog.dispose();
  });

  it('does not watch a panel restored hidden until it is shown', function () {
    const panel = new FakeWebviewPanel('t', 'T');
    panel.visible = false;
    let reloads = 0;
    const watchdog = new ReadyWatchdog(panel, () => reloads++, 'Test panel', { clock });
    clock.tick(60_000);
    assert.equal(reloads, 0);
    panel.setVisible(true);
    clock.tick(4000);
    assert.equal(reloads, 1);
    watchdog.dispose();
    clock.tick(60_000);
    assert.equal(reloads, 1, 'disposed: no timer left');
  });

  const service = { view: undefined, state: { kind: 'none' }, onDidChange: () => ({ dispose: () => undefined }) } as unknown as DatasetService;
  const uri = { toString: () => 'ext' } as unknown as vscode.Uri;

  it('PaperDetailsPanel and TrendsPanel re-create the panel (a new webview, in its column) when the restored webview stays blank', function () {
    const details = new PaperDetailsPanel(uri, service, { clock });
    const trends = new TrendsPanel(uri, service, () => Promise.resolve(), { clock });
    const detailsPanel = new FakeWebviewPanel('computeDivide.paperDetails', 'Paper');
    const trendsPanel = new FakeWebviewPanel('computeDivide.trends', 'Compute Trends');
    trendsPanel.viewColumn = 2;
    void details.deserializeWebviewPanel(detailsPanel as unknown as vscode.WebviewPanel, { paperId: 'x' });
    void trends.deserializeWebviewPanel(trendsPanel as unknown as vscode.WebviewPanel, undefined);
    assert.equal(detailsPanel.htmlHistory.length, 1);
    assert.equal(trendsPanel.htmlHistory.length, 1);
    // The trends webview comes up; the details one stays blank.
    trendsPanel.receive!({ type: 'ready' });
    assert.equal(trendsPanel.posted.length, 1, 'the trends panel got its data message');
    clock.tick(4000);
    assert.equal(detailsPanel.disposed, true, 'the blank details panel is closed');
    assert.equal(detailsPanel.htmlHistory.length, 1, 'its HTML is not set again: that cannot wake a frame stuck on the service worker');
    assert.equal(vscodeCalls.panels.length, 1, 'a new details panel');
    const fresh = vscodeCalls.panels[0];
    assert.deepEqual({ viewType: fresh.viewType, showOptions: fresh.showOptions }, { viewType: 'computeDivide.paperDetails', showOptions: { viewColumn: 1, preserveFocus: false } });
    assert.equal(fresh.htmlHistory.length, 1);
    assert.equal(trendsPanel.disposed, false, 'trends left alone');
    assert.equal(trendsPanel.htmlHistory.length, 1);
    // The new webview answers: it gets the message for the paper the restored one kept, and the watchdog stops.
    fresh.receive!({ type: 'ready' });
    assert.deepEqual(fresh.posted, [{ type: 'empty', message: 'No dataset is loaded. Select a paper in the Papers tree, or use Find Paper.' }]);
    clock.tick(60_000);
    assert.equal(vscodeCalls.panels.length, 1);
    assert.equal(clock.pending, 0);
    details.dispose();
    trends.dispose();
  });
});
