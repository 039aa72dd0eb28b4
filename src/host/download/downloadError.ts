/**
 * Why a download failed, as one of a few kinds the command can act on (for example to name the
 * size-limit setting), with a message meant for the user: one clause that completes
 * "Download failed: …".
 */
export type DownloadFailureKind =
  | 'refused-url'
  | 'too-many-redirects'
  | 'http-status'
  | 'unsupported-encoding'
  | 'too-large'
  | 'idle-timeout'
  | 'overall-timeout'
  | 'truncated'
  | 'network'
  | 'cancelled';

/** A failed download; `kind` says why, `message` says it to the user, `cause` keeps the low-level error. */
export class DownloadError extends Error {
  constructor(
    readonly kind: DownloadFailureKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DownloadError';
  }
}

/** `12.3 MB` (10^6 bytes, as the size limit setting counts them); below 0.1 MB, `5000 bytes`. */
export function megabytes(bytes: number): string {
  if (bytes < 100_000) return bytes === 1 ? '1 byte' : `${bytes} bytes`;
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/** `30 s`, `10 min`, `250 ms`. */
export function duration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${+(ms / 1000).toFixed(1)} s`;
  return `${+(ms / 60_000).toFixed(1)} min`;
}

/** Node's and undici's error codes, said plainly. */
const REASONS: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused',
  ECONNRESET: 'the connection was reset',
  ENOTFOUND: 'the host name was not found',
  EAI_AGAIN: 'the host name could not be looked up (DNS temporarily unavailable)',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  EPIPE: 'the connection was closed by the server',
  UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
  UND_ERR_SOCKET: 'the server closed the connection',
  UND_ERR_HEADERS_TIMEOUT: 'the server did not answer in time',
  UND_ERR_BODY_TIMEOUT: 'the server stopped sending',
  CERT_HAS_EXPIRED: "the server's certificate has expired",
  CERT_NOT_YET_VALID: "the server's certificate is not valid yet",
  DEPTH_ZERO_SELF_SIGNED_CERT: "the server's certificate is self-signed",
  SELF_SIGNED_CERT_IN_CHAIN: "the server's certificate chain is self-signed",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "the server's certificate could not be verified",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "the server's certificate was issued by an unknown authority",
  ERR_TLS_CERT_ALTNAME_INVALID: "the server's certificate is for another host name",
  ERR_SSL_WRONG_VERSION_NUMBER: 'the server does not speak https on that port',
};

/**
 * Turn what fetch threw (a bare `TypeError: fetch failed` or `terminated` whose `cause` holds the
 * real error, possibly an AggregateError when several addresses were tried) into a DownloadError
 * naming the host and the real reason with its code, e.g. `could not connect to 127.0.0.1:8080:
 * the connection was refused (ECONNREFUSED)`. `received` > 0 means the body had started, and the
 * message then says how far it got.
 */
export function describeNetworkError(error: unknown, url: URL, received: number, total: number | undefined): DownloadError {
  const cause = innermost(error);
  const code = typeof (cause as { code?: unknown }).code === 'string' ? (cause as { code: string }).code : undefined;
  const text = code ? `${REASONS[code] ?? (cause as Error).message} (${code})` : String((cause as Error).message ?? cause);
  if (received > 0 || total !== undefined) {
    const where = total !== undefined ? `the connection closed after ${received} of ${total} bytes` : `the connection broke after ${megabytes(received)}`;
    return new DownloadError('truncated', `${where}: ${text}`, { cause: error });
  }
  return new DownloadError('network', `could not download from ${url.host}: ${text}`, { cause: error });
}

/** The error that says the most: fetch's own errors only wrap it in `cause`. */
function innermost(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 5; depth++) {
    if (current instanceof AggregateError && current.errors.length > 0) {
      current = current.errors[0];
      continue;
    }
    const next = (current as { cause?: unknown } | undefined)?.cause;
    if (next === undefined || next === null) break;
    current = next;
  }
  return current ?? error;
}
