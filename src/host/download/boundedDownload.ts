import { checkDownloadUrl } from './downloadUrlPolicy';
import { describeNetworkError, DownloadError, duration, megabytes } from './downloadError';

/**
 * Download limits and hooks. The command passes the user's size limit, the cancellation of its
 * progress notification (as `signal`) and a progress callback; tests inject short timeouts and a
 * fake `fetch`.
 */
export interface DownloadOptions {
  /** Largest body accepted, in bytes after decoding; checked from Content-Length and while streaming. */
  maxBytes: number;
  /** Aborting it stops the download at once with a DownloadError of kind `cancelled`. */
  signal?: AbortSignal;
  /** Called at most once per `progressIntervalMs` while bytes arrive, and once at the end. */
  onProgress?: (progress: DownloadProgress) => void;
  /** No byte (nor response, nor connection) for this long aborts. Default 30 s. */
  idleTimeoutMs?: number;
  /** The whole download may take this long. Default 10 min. */
  overallTimeoutMs?: number;
  /** Redirects followed before giving up. Default 5. */
  maxRedirects?: number;
  /** Default 200 ms, so at most 5 progress reports a second. */
  progressIntervalMs?: number;
  /** Default: Node's built-in fetch (undici). */
  fetch?: typeof fetch;
}

/** Bytes received so far; `totalBytes` only when the server said how long the decoded body is. */
export interface DownloadProgress {
  receivedBytes: number;
  totalBytes?: number;
}

/** The body and the URL it finally came from (after redirects). */
export interface DownloadResult {
  bytes: Uint8Array;
  url: URL;
}

/** The default of `computeDivide.downloadMaxMegabytes` (200 MB), in bytes. */
export const DEFAULT_MAX_BYTES = 200e6;
export const DEFAULT_IDLE_TIMEOUT_MS = 30_000;
export const DEFAULT_OVERALL_TIMEOUT_MS = 10 * 60_000;
export const DEFAULT_MAX_REDIRECTS = 5;
export const DEFAULT_PROGRESS_INTERVAL_MS = 200;

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** What Node's fetch decodes by itself; any other content-encoding would hand over compressed bytes. */
const DECODED = new Set(['gzip', 'x-gzip', 'deflate', 'br']);

/**
 * Download `url` into memory within limits, with Node's fetch. Only https (plain http to this
 * computer only) is fetched, and every redirect (followed by hand, at most `maxRedirects`) is
 * checked by the same rule before it is followed. Asks for `accept-encoding: identity`; a server
 * that compresses anyway is decoded by fetch, and its Content-Length (the compressed length) is then
 * only used for the size check, never compared with the decoded bytes. Stops when the body passes
 * `maxBytes`, when nothing arrives for `idleTimeoutMs` (this covers connecting and waiting for the
 * answer), after `overallTimeoutMs`, or when `signal` aborts.
 *
 * @returns the decoded body and the final URL
 * @throws DownloadError whose `kind` says why and whose message names the reason: the scheme, the
 *   limit, the timeout, the HTTP status, or the network's own error code (ECONNREFUSED, ENOTFOUND,
 *   certificate errors…) taken from fetch's `cause`
 */
export async function downloadBytes(url: string, options: DownloadOptions): Promise<DownloadResult> {
  let current = checkDownloadUrl(url, 'the download URL');
  const idleMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  const overallMs = options.overallTimeoutMs ?? DEFAULT_OVERALL_TIMEOUT_MS;
  const controller = new AbortController();
  let failure: DownloadError | undefined;
  let received = 0;
  const stop = (error: DownloadError): void => {
    failure ??= error;
    controller.abort(failure);
  };
  const cancel = (): void => stop(new DownloadError('cancelled', 'cancelled'));
  if (options.signal?.aborted) throw new DownloadError('cancelled', 'cancelled');
  options.signal?.addEventListener('abort', cancel, { once: true });
  const idle = setTimeout(() => {
    const after = received > 0 ? ` after ${megabytes(received)}` : ' (no answer)';
    stop(new DownloadError('idle-timeout', `the server sent nothing for ${duration(idleMs)}${after}`));
  }, idleMs);
  const overall = setTimeout(() => stop(new DownloadError('overall-timeout', `the download took longer than ${duration(overallMs)} and was stopped after ${megabytes(received)}`)), overallMs);
  let total: number | undefined;
  try {
    const response = await follow(options.fetch ?? fetch, current, options.maxRedirects ?? DEFAULT_MAX_REDIRECTS, controller.signal, idle, (next) => (current = next));
    total = checkHeaders(response, options.maxBytes);
    const chunks: Uint8Array[] = [];
    const interval = options.progressIntervalMs ?? DEFAULT_PROGRESS_INTERVAL_MS;
    let lastReport = performance.now();
    if (response.body) {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        idle.refresh();
        if (received + chunk.length > options.maxBytes) {
          const tooLarge = new DownloadError('too-large', `the file is larger than the limit of ${options.maxBytes / 1e6} MB; stopped after ${megabytes(received)}`);
          stop(tooLarge);
          throw tooLarge;
        }
        chunks.push(chunk);
        received += chunk.length;
        const now = performance.now();
        if (now - lastReport >= interval) {
          lastReport = now;
          options.onProgress?.({ receivedBytes: received, totalBytes: total });
        }
      }
    }
    if (failure) throw failure;
    if (total !== undefined && received !== total) throw new DownloadError('truncated', `the connection closed after ${received} of ${total} bytes`);
    options.onProgress?.({ receivedBytes: received, totalBytes: total });
    return { bytes: Buffer.concat(chunks, received), url: current };
  } catch (error) {
    if (failure) throw failure;
    if (error instanceof DownloadError) throw error;
    throw describeNetworkError(error, current, received, total);
  } finally {
    clearTimeout(idle);
    clearTimeout(overall);
    options.signal?.removeEventListener('abort', cancel);
    // Whatever stopped us, the connection goes too (a no-op after a complete body).
    if (!controller.signal.aborted) controller.abort();
  }
}

/** Fetch `start`, following redirects by hand, each checked before it is followed. */
async function follow(
  fetchImpl: typeof fetch,
  start: URL,
  maxRedirects: number,
  signal: AbortSignal,
  idle: NodeJS.Timeout,
  moved: (url: URL) => void,
): Promise<Response> {
  let url = start;
  for (let hop = 0; ; hop++) {
    const response = await fetchImpl(url, { signal, redirect: 'manual', headers: { 'accept-encoding': 'identity' } });
    idle.refresh();
    if (!REDIRECTS.has(response.status)) {
      if (!response.ok) {
        await response.body?.cancel().catch(() => undefined);
        throw new DownloadError('http-status', `the server answered ${response.status} ${response.statusText}`.trim());
      }
      // Belt and braces for an injected fetch that follows redirects itself.
      if (response.url) checkDownloadUrl(response.url, 'the final URL');
      return response;
    }
    await response.body?.cancel().catch(() => undefined);
    const location = response.headers.get('location');
    if (!location) throw new DownloadError('http-status', `the server answered ${response.status} (a redirect) without saying where to`);
    if (hop >= maxRedirects) throw new DownloadError('too-many-redirects', `the server redirected more than ${maxRedirects} times (last from ${url.href})`);
    let next: URL;
    try {
      next = new URL(location, url);
    } catch {
      throw new DownloadError('refused-url', `the server redirected to ${JSON.stringify(location.slice(0, 100))}, which is not a valid URL`);
    }
    url = checkDownloadUrl(next, `the server's redirect from ${url.href}`);
    moved(url);
  }
}

/**
 * The decoded length when the server states it (no content-encoding), else undefined. Refuses
 * before reading when Content-Length (compressed or not) is over the limit, and refuses encodings
 * fetch would not decode.
 */
function checkHeaders(response: Response, maxBytes: number): number | undefined {
  const encodings = (response.headers.get('content-encoding') ?? '')
    .split(',')
    .map((e) => e.trim().toLowerCase())
    .filter((e) => e !== '' && e !== 'identity');
  const unknown = encodings.find((e) => !DECODED.has(e));
  if (unknown) throw new DownloadError('unsupported-encoding', `the server sent the file compressed as "${unknown}", which cannot be decoded`);
  const header = response.headers.get('content-length');
  const length = header !== null && /^\d+$/.test(header.trim()) ? Number(header) : undefined;
  if (length !== undefined && length > maxBytes)
    throw new DownloadError('too-large', `the server announces ${megabytes(length)}${encodings.length ? ' (compressed)' : ''}, more than the limit of ${maxBytes / 1e6} MB; nothing was read`);
  return encodings.length ? undefined : length;
}
