/** The schemes a link from the data may be opened with: web pages only. */
const ALLOWED_PROTOCOLS = new Set(['http:', 'https:']);

/** The outcome of `checkExternalLink`: the normalized URL to open, or why it is refused. */
export type ExternalLinkCheck = { ok: true; url: string } | { ok: false; reason: string };

/**
 * Decide whether a link from the data (a paper's `Link` cell, a URL a webview sends) may be handed
 * to the operating system's opener. Only `http:` and `https:` URLs with a host are allowed; the
 * text is parsed with WHATWG `URL` (surrounding white space ignored), so `javascript:`, `file:`,
 * `command:`, `vscode:`, `data:`, relative paths and text that is no URL at all are refused, as
 * are scheme tricks that `URL` normalizes (` JAVASCRIPT:…`, `java\tscript:…`). Returns the
 * normalized URL (`URL.href`) to open, or a one-sentence reason for the refusal. Never throws.
 * Source: the security review of issue #9, item 7 (a webview must not make the host open any URL).
 */
export function checkExternalLink(text: string): ExternalLinkCheck {
  if (typeof text !== 'string' || text.trim() === '') return { ok: false, reason: 'the link is empty' };
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { ok: false, reason: 'it is not a complete URL (only http and https links are opened)' };
  }
  if (!ALLOWED_PROTOCOLS.has(url.protocol)) return { ok: false, reason: `only http and https links are opened, and this one is ${url.protocol.slice(0, 40)}` };
  if (url.hostname === '') return { ok: false, reason: 'the link names no host' };
  return { ok: true, url: url.href };
}
