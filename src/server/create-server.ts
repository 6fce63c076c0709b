import express, { type Express, type Router } from 'express';
import type { Channel } from '../channels/channel.ts';
import type { Logger } from '../core/logger.ts';
import { errorHandler, notFoundHandler } from './error-handler.ts';
import { staticRoutes, type StaticRoutesOptions } from './static-routes.ts';

export interface MountedRouter {
  /** e.g. '/admin' */
  path: string;
  router: Router;
}

export interface ServerOptions {
  logger: Logger;
  /** The registered channels (ChannelRegistry.list()); those with HTTP routes have them mounted at the root. */
  channels?: ReadonlyArray<Pick<Channel, 'routes'>>;
  /** Demo page, /widget.js and product images; `false` serves no browser pages. */
  staticRoutes?: StaticRoutesOptions | false;
  /** Extra routers (the operator dashboard under /admin, metrics, ...). More can be added later with mount(). */
  routers?: MountedRouter[];
  /** Express "trust proxy" setting, so per-IP limits see client addresses behind a reverse proxy. Default false. */
  trustProxy?: boolean | number | string;
}

export interface ShopmateServer {
  app: Express;
  /** Adds a router before the 404 handler; works after createServer returned. */
  mount(path: string, router: Router): void;
}

/** Builds the HTTP app (does not listen: see startServer). It knows no channel: each brings its own routes. */
export function createServer(options: ServerOptions): ShopmateServer {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy ?? false);
  app.use((_req, res, next) => {
    res.set({ 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'same-origin' });
    next();
  });
  app.get('/healthz', (_req, res) => void res.json({ ok: true }));
  for (const channel of options.channels ?? []) if (channel.routes) app.use(channel.routes);
  if (options.staticRoutes !== false) app.use(staticRoutes(options.staticRoutes ?? {}));

  // Routers added later still run before the 404 handler because they live inside this one.
  const extensions = express.Router();
  app.use(extensions);
  const mount = (path: string, router: Router) => void extensions.use(path, router);
  for (const r of options.routers ?? []) mount(r.path, r.router);

  app.use(notFoundHandler());
  app.use(errorHandler(options.logger));
  return { app, mount };
}
