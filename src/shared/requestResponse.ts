/**
 * One typed request/response over `postMessage`, for both sides of a webview (after
 * vscode-hexeditor's `MessageHandler`): a request is a protocol message carrying a `requestId`,
 * and its answer is a protocol message echoing that id, with either the result or an `error`.
 * Requests of the same kind in flight at once (two exports of the same chart) each get their own
 * answer, because answers are matched by id, never by kind. Imported by the host
 * (`src/host/trendsPanel.ts`) and by the webviews (`media/shared/`), so it uses nothing but
 * timers, which both have.
 */

/** What every request carries. */
export interface Request {
  type: string;
  requestId: number;
}

/** What every answer carries: the request's id, and `error` when the other side failed. */
export interface Response {
  type: string;
  requestId: number;
  error?: string;
}

/** The timer functions the client uses (the global ones, or a test's fake clock). */
export interface RequestClock {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const GLOBAL_CLOCK: RequestClock = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface RequestClientOptions<Req extends Request> {
  /** How long an answer may take (ms, default 15 s). */
  timeoutMs?: number;
  clock?: RequestClock;
  /** The request in words, for the timeout's message (`the chart's SVG export`). */
  describe?: (request: Req) => string;
}

interface Pending {
  resolve(response: Response): void;
  reject(error: Error): void;
  timer: unknown;
}

/** `Omit` that keeps a union a union (each member loses `K` on its own). */
export type WithoutRequestId<T> = T extends unknown ? Omit<T, 'requestId'> : never;

/**
 * The asking side. `request` gives the message a fresh `requestId`, posts it and resolves with
 * the answer that echoes the id (rejects with the answer's `error`, or after the timeout with a
 * message naming the request). `receive` takes every incoming answer: it returns false, doing
 * nothing, for an id it does not wait for (a late answer after a timeout, or another client's).
 * `dispose` rejects whatever is still waiting.
 */
export class RequestClient<Req extends Request, Res extends Response> {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly timeoutMs: number;
  private readonly clock: RequestClock;

  constructor(
    private readonly post: (message: Req) => unknown,
    private readonly options: RequestClientOptions<Req> = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.clock = options.clock ?? GLOBAL_CLOCK;
  }

  /** How many requests wait for an answer. */
  get waiting(): number {
    return this.pending.size;
  }

  request<R extends Res = Res>(message: WithoutRequestId<Req>): Promise<R> {
    const requestId = this.nextId++;
    const request = { ...message, requestId } as unknown as Req;
    return new Promise<R>((resolve, reject) => {
      const timer = this.clock.setTimeout(() => {
        this.pending.delete(requestId);
        const what = this.options.describe?.(request) ?? `the ${request.type} request`;
        reject(new Error(`${what} got no answer within ${formatSeconds(this.timeoutMs)}`));
      }, this.timeoutMs);
      this.pending.set(requestId, { resolve: resolve as (response: Response) => void, reject, timer });
      try {
        this.post(request);
      } catch (error) {
        this.settle(requestId);
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  /** Take an answer; false (and nothing happens) when no request waits for its id. */
  receive(response: Res): boolean {
    const pending = this.settle(response.requestId);
    if (!pending) return false;
    if (typeof response.error === 'string') pending.reject(new Error(response.error));
    else pending.resolve(response);
    return true;
  }

  dispose(): void {
    for (const id of [...this.pending.keys()]) this.settle(id)?.reject(new Error('the panel was closed before it answered'));
  }

  private settle(requestId: number): Pending | undefined {
    const pending = this.pending.get(requestId);
    if (!pending) return undefined;
    this.pending.delete(requestId);
    this.clock.clearTimeout(pending.timer);
    return pending;
  }
}

/**
 * The answering side: run `work` for `request` and post one answer echoing its `requestId`, built
 * by `answer` from the result, or `failure` with the error's message when `work` throws. Never
 * rejects (the asking side learns of the failure from the answer).
 */
export async function respond<Req extends Request, Res extends Response, T>(request: Req, work: () => Promise<T> | T, answer: (result: T, requestId: number) => Res, failure: (error: string, requestId: number) => Res, post: (message: Res) => unknown): Promise<void> {
  let message: Res;
  try {
    message = answer(await work(), request.requestId);
  } catch (error) {
    message = failure(error instanceof Error ? error.message : String(error), request.requestId);
  }
  post(message);
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
