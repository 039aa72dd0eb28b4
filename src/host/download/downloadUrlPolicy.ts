import { DownloadError } from './downloadError';

/**
 * Check that a download may go to `url`: https anywhere, plain http only to this computer
 * (127.0.0.0/8, ::1, `localhost`, which tests and local mirrors use); every other scheme
 * (`data:`, `file:`, `ftp:`, …) is refused. Used on the configured URL and on every redirect, so
 * a server cannot send the download somewhere the setting could not.
 *
 * @param what how to name the URL in the message ("the download URL", "the redirect")
 * @returns the parsed URL
 * @throws DownloadError of kind `refused-url` naming the scheme or the host
 */
export function checkDownloadUrl(url: string | URL, what: string): URL {
  let parsed: URL;
  try {
    parsed = typeof url === 'string' ? new URL(url.trim()) : url;
  } catch {
    throw new DownloadError('refused-url', `${what} ${JSON.stringify(String(url))} is not a valid URL`);
  }
  // A user name or password in the URL would be repeated in messages and sent on redirects.
  if (parsed.username !== '' || parsed.password !== '') {
    throw new DownloadError('refused-url', `${what} ${parsed.protocol}//${parsed.host}${parsed.pathname} carries a user name or password, which is not allowed: give a URL without credentials`);
  }
  if (parsed.protocol === 'https:') return parsed;
  if (parsed.protocol === 'http:') {
    if (isLoopbackHost(parsed.hostname)) return parsed;
    throw new DownloadError('refused-url', `${what} ${parsed.href} uses plain http to another computer: use https (http is allowed only for 127.0.0.1, ::1 and localhost)`);
  }
  throw new DownloadError('refused-url', `${what} uses the scheme "${parsed.protocol}", which is not allowed: only https URLs are downloaded`);
}

/**
 * Whether a URL's hostname (as WHATWG URL normalises it: IPv4 in dotted decimal, IPv6 in
 * brackets, lower case) is this computer: 127.0.0.0/8, [::1] or localhost.
 */
export function isLoopbackHost(hostname: string): boolean {
  if (hostname === 'localhost' || hostname === '[::1]') return true;
  const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(hostname);
  return octets !== null && octets.slice(1).every((o) => Number(o) <= 255);
}
