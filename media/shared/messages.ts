/**
 * Messages from the host, for every webview: `listen` hands each message of the panel's
 * `ToWebview` union to `handle`, ignoring (with a console warning) anything that is not an object
 * with a string `type`; `answer` is the webview's side of the typed request/response of
 * `src/shared/requestResponse.ts`: it runs the work and posts exactly one answer echoing the
 * request's `requestId`, with the result or the error's message.
 */
import { respond, type Request, type Response } from '../../src/shared/requestResponse.js';

export { RequestClient } from '../../src/shared/requestResponse.js';

export function listen<ToWebview extends { type: string }>(handle: (message: ToWebview) => void): void {
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const message = event.data;
    if (typeof message !== 'object' || message === null || typeof (message as { type?: unknown }).type !== 'string') {
      console.warn('ignored a message without a type', message);
      return;
    }
    handle(message as ToWebview);
  });
}

/**
 * Answer `request`: `work` gives the result, `reply` shapes the answer from the result (or, on
 * failure, from `{ error }`); the answer carries the request's `requestId`. Never rejects.
 */
export function answer<Req extends Request, Res extends Response, T>(request: Req, work: () => Promise<T> | T, reply: (outcome: { result: T } | { error: string }, requestId: number) => Res, post: (message: Res) => void): Promise<void> {
  return respond(
    request,
    work,
    (result, requestId) => reply({ result }, requestId),
    (error, requestId) => reply({ error }, requestId),
    post,
  );
}
