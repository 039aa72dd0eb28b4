import type * as vscode from 'vscode';

/** The timer functions the watchdog uses (the global ones, or a test's fake clock). */
export interface WatchdogClock {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const GLOBAL_CLOCK: WatchdogClock = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** The part of a webview panel the watchdog watches. */
export interface WatchedPanel {
  readonly visible: boolean;
  onDidChangeViewState(listener: () => void): vscode.Disposable;
}

export interface ReadyWatchdogOptions {
  /**
   * How long a visible webview may take to post `ready` after its content was set (ms), the first
   * time; doubled after each re-creation (at most `MAX_TIMEOUT_MS`), so that a webview that is only
   * slow to start (a first load on a busy machine) is not re-created over and over.
   */
  timeoutMs?: number;
  /** How many times the content is re-created before giving up. */
  maxReloads?: number;
  clock?: WatchdogClock;
  /**
   * Re-creations already spent on this panel before this watchdog (the panel host re-creates the
   * whole panel, and with it the watchdog; the count goes on until a `ready` arrives).
   */
  reloadsSoFar?: number;
  /** Told when the watchdog re-creates the content or gives up (a log line). */
  log?: (message: string) => void;
}

/** The longest wait for `ready` after re-creations (ms). */
export const MAX_TIMEOUT_MS = 60_000;

/**
 * Re-creates a webview when it never reports `ready`. In code-server, when two panels are restored
 * at once after a window reload, the webview service worker can race and one panel stays blank for
 * good (issue #10: 7 of 8 reloads with the details and trends panels open). The panel host arms
 * the watchdog whenever its content is (re)created or the panel becomes visible (a webview without
 * `retainContextWhenHidden` runs its script again then), and calls `ready()` on the webview's
 * `ready` message; if that does not come within `timeoutMs` while the panel is visible, `reload`
 * runs (the host re-creates the panel: see WebviewPanelBase), at most `maxReloads` times in all
 * (`reloadsSoFar` included) until a `ready` arrives, each time waiting twice as long as before
 * (4, 8, 16, 32 s, then 60 s: a webview that is merely slow gets there; a stuck one is re-created
 * at 4 s as before).
 */
export class ReadyWatchdog {
  private timer: unknown;
  private disposed = false;
  private reloads = 0;
  private readonly timeoutMs: number;
  private readonly maxReloads: number;
  private readonly clock: WatchdogClock;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly panel: WatchedPanel,
    private readonly reload: () => void,
    private readonly name: string,
    private readonly options: ReadyWatchdogOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 4000;
    this.maxReloads = options.maxReloads ?? 5;
    this.clock = options.clock ?? GLOBAL_CLOCK;
    this.reloads = options.reloadsSoFar ?? 0;
    // Only a hidden → visible change re-runs the webview's script: a change of focus or of the
    // active editor does not, and must not be taken for a webview that never answers.
    let wasVisible = panel.visible;
    this.subscription = panel.onDidChangeViewState(() => {
      if (panel.visible && !wasVisible) this.arm();
      else if (!panel.visible) this.disarm();
      wasVisible = panel.visible;
    });
    this.arm();
  }

  /** The wait for `ready` now: `timeoutMs` doubled for each re-creation since the last `ready`, at most `MAX_TIMEOUT_MS`. */
  get currentTimeoutMs(): number {
    return Math.min(this.timeoutMs * 2 ** this.reloads, Math.max(this.timeoutMs, MAX_TIMEOUT_MS));
  }

  /** How many times the content was re-created since the last `ready` (tests read it). */
  get reloadCount(): number {
    return this.reloads;
  }

  /** The webview reported `ready`: it is alive. */
  ready(): void {
    this.disarm();
    this.reloads = 0;
  }

  /** Expect a `ready` within the timeout (no-op while the panel is hidden). */
  arm(): void {
    this.disarm();
    if (this.disposed || !this.panel.visible) return;
    this.timer = this.clock.setTimeout(() => this.expired(), this.currentTimeoutMs);
  }

  dispose(): void {
    this.disposed = true;
    this.disarm();
    this.subscription.dispose();
  }

  private disarm(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private expired(): void {
    this.timer = undefined;
    if (!this.panel.visible) return;
    if (this.reloads >= this.maxReloads) {
      this.options.log?.(`${this.name}: the webview did not report ready after ${this.reloads} re-creations; giving up`);
      return;
    }
    const waited = this.currentTimeoutMs;
    this.reloads++;
    this.options.log?.(`${this.name}: the webview did not report ready within ${waited} ms; re-creating it (${this.reloads} of ${this.maxReloads})`);
    this.reload();
    // The reload may have replaced the panel, and disposed this watchdog with it.
    this.arm();
  }
}
