/**
 * Whether a read that found the label log missing should drop its labels now (issue #9): an
 * external tool that saves by delete-and-recreate, or a `git checkout`, leaves the file absent for
 * a moment, and dropping the labels then would make every view flicker. A log that vanishes is
 * re-checked after `delayMs`; only a log still absent then drops its labels. vscode-free, so that
 * the timing is unit-tested with fake timers.
 */
export interface GraceTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The delay before a vanished log's labels are dropped. */
export const MISSING_LOG_GRACE_MS = 500;

export class MissingLogGrace {
  private timer: unknown;
  private expired = false;

  constructor(
    private readonly recheck: () => void,
    private readonly delayMs = MISSING_LOG_GRACE_MS,
    private readonly timers: GraceTimers = { setTimeout: (f, ms) => setTimeout(f, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) },
  ) {}

  /**
   * Judge one read: true to apply it (the log exists, or nothing would be dropped, or the delay
   * has passed and it is still missing), false to keep the current labels for now (a re-check is
   * then scheduled; `recheck` is called once the delay has passed).
   */
  shouldApply(exists: boolean, hasLabels: boolean): boolean {
    if (exists || !hasLabels) {
      this.cancel();
      return true;
    }
    if (this.expired) {
      this.expired = false;
      return true;
    }
    if (this.timer === undefined)
      this.timer = this.timers.setTimeout(() => {
        this.timer = undefined;
        this.expired = true;
        this.recheck();
      }, this.delayMs);
    return false;
  }

  /** Forget a pending re-check (a new log path, dispose). */
  cancel(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    this.expired = false;
  }

  dispose(): void {
    this.cancel();
  }
}
