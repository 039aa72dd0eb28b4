import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** An HTTP server on 127.0.0.1 for one test: its base URL, the request paths it saw, and `close`. */
export interface LocalServer {
  base: string;
  port: number;
  requests: { url: string; headers: IncomingMessage['headers'] }[];
  close(): Promise<void>;
}

/**
 * Start `handler` on 127.0.0.1 (a free port). The server stops by itself after `lifetimeMs` (every
 * connection destroyed) even if the test forgets to call `close`, so an endless response ends.
 */
export async function startLocalServer(handler: (req: IncomingMessage, res: ServerResponse) => void, lifetimeMs = 15_000): Promise<LocalServer> {
  const sockets = new Set<Socket>();
  const requests: LocalServer['requests'] = [];
  const server = createServer((req, res) => {
    requests.push({ url: req.url ?? '', headers: req.headers });
    handler(req, res);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  let closed: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closed ??= new Promise<void>((resolve) => {
      clearTimeout(deadline);
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    }));
  const deadline = setTimeout(() => void close(), lifetimeMs);
  deadline.unref();
  return { base: `http://127.0.0.1:${port}`, port, requests, close };
}

/** A port on 127.0.0.1 that nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/**
 * Write `chunk` every `everyMs` until the client goes away or `forMs` has passed (then end), so a
 * slow or endless body always stops by itself.
 */
export function drip(res: ServerResponse, chunk: Uint8Array | string, everyMs: number, forMs: number): void {
  const started = Date.now();
  const timer = setInterval(() => {
    if (res.destroyed) return clearInterval(timer);
    if (Date.now() - started >= forMs) {
      clearInterval(timer);
      res.end();
      return;
    }
    res.write(chunk);
  }, everyMs);
  res.on('close', () => clearInterval(timer));
}

/**
 * Write as fast as the client reads until it goes away, `forMs` has passed or `maxBytes` are sent
 * (endless for any client limit under it, yet bounded should a client have no limit).
 */
export function flood(res: ServerResponse, forMs: number, maxBytes = 50e6): void {
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  const started = Date.now();
  let sent = 0;
  const pump = (): void => {
    while (!res.destroyed && Date.now() - started < forMs && sent < maxBytes) {
      sent += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    if (!res.destroyed) res.end();
  };
  pump();
}
