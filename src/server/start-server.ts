import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Express } from 'express';

export interface RunningServer {
  port: number;
  url: string;
  server: Server;
  /** Stops accepting, drops idle keep-alive sockets, ends event streams and waits for in-flight requests. */
  close(): Promise<void>;
}

/** Listens on `port` (0 = ephemeral); `host` defaults to all interfaces, tests pass 127.0.0.1. */
export function startServer(app: Express, port: number, host?: string): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    // Without a host Node picks dual-stack or IPv4 itself, which also works where IPv6 is disabled.
    const server = host ? app.listen(port, host) : app.listen(port);
    server.once('error', reject);
    // Longer than any client's or proxy's keep-alive (undici 4 s, nginx 60 s by default): the client always closes an
    // idle connection first, so it never sends a request into a socket the server is closing (ECONNRESET). Node's 5 s
    // default raced with clients under load.
    server.keepAliveTimeout = 65_000;
    server.headersTimeout = 66_000;
    // Server-Sent Events streams never finish on their own; closing must end them or it would wait forever.
    const streams = new Set<ServerResponse>();
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      if (!req.headers.accept?.includes('text/event-stream')) return;
      streams.add(res);
      res.once('close', () => streams.delete(res));
    });
    let closing: Promise<void> | undefined;
    server.once('listening', () => {
      const address = server.address();
      const actual = typeof address === 'object' && address ? address.port : port;
      const urlHost = !host || host === '::' || host === '0.0.0.0' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
      resolve({
        port: actual,
        url: `http://${urlHost}:${actual}`,
        server,
        // Idempotent: a second stop (SIGTERM twice, a test's cleanup after a failed start) waits for the first.
        close: () =>
          (closing ??= new Promise<void>((done, fail) => {
            server.close((e) => (e ? fail(e) : done()));
            server.closeIdleConnections();
            // Its socket goes too: left idle in keep-alive it would hold the close until the keep-alive timeout.
            for (const res of streams) {
              const socket = res.socket; // detached from the response once it has finished
              res.end(() => socket?.destroy());
            }
          })),
      });
    });
  });
}
