import type { Server } from 'node:http';
import type { Express } from 'express';

export interface RunningServer {
  port: number;
  url: string;
  server: Server;
  /** Stops accepting, drops idle keep-alive sockets and waits for in-flight requests. */
  close(): Promise<void>;
}

/** Listens on `port` (0 = ephemeral); `host` defaults to all interfaces, tests pass 127.0.0.1. */
export function startServer(app: Express, port: number, host?: string): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    // Without a host Node picks dual-stack or IPv4 itself, which also works where IPv6 is disabled.
    const server = host ? app.listen(port, host) : app.listen(port);
    server.once('error', reject);
    server.once('listening', () => {
      const address = server.address();
      const actual = typeof address === 'object' && address ? address.port : port;
      const urlHost = !host || host === '::' || host === '0.0.0.0' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
      resolve({
        port: actual,
        url: `http://${urlHost}:${actual}`,
        server,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((e) => (e ? fail(e) : done()));
            server.closeIdleConnections();
          }),
      });
    });
  });
}
