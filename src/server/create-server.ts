import express, { type Express, type Router } from 'express';
import type { MessageHandler } from '../bot.ts';
import type { Logger } from '../core/logger.ts';
import type { FeedbackSink } from '../channels/feedback-sink.ts';
import { chatProxyRouter } from '../channels/webhook/chat-proxy-router.ts';
import { webhookRouter } from '../channels/webhook/webhook-router.ts';
import { WEBHOOK_DEFAULTS, WebhookService, type WebhookOptions } from '../channels/webhook/webhook-service.ts';
import { errorHandler, notFoundHandler } from './error-handler.ts';
import { staticRoutes, type StaticRoutesOptions } from './static-routes.ts';

export interface MountedRouter {
  /** e.g. '/admin' */
  path: string;
  router: Router;
}

export interface ServerOptions {
  bot: MessageHandler;
  feedback: FeedbackSink;
  logger: Logger;
  webhook: WebhookOptions;
  /** Demo page, /widget.js and product images; `false` serves the API only. */
  staticRoutes?: StaticRoutesOptions | false;
  /** Same-origin widget proxy (/chat/*); per-IP budget because browsers can invent user ids. */
  chat?: false | { perIpPerMinute?: number };
  /** Extra routers (the operator dashboard under /admin, metrics, ...). More can be added later with mount(). */
  routers?: MountedRouter[];
  /** Express "trust proxy" setting, so the per-IP limit sees client addresses behind a reverse proxy. Default false. */
  trustProxy?: boolean | number | string;
  /** Clock in milliseconds, for tests. */
  now?: () => number;
}

export interface ShopmateServer {
  app: Express;
  webhook: WebhookService;
  /** Adds a router before the 404 handler; works after createServer returned. */
  mount(path: string, router: Router): void;
}

/** Builds the HTTP app (does not listen: see startServer). */
export function createServer(options: ServerOptions): ShopmateServer {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy ?? false);
  app.use((_req, res, next) => {
    res.set({ 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'same-origin' });
    next();
  });
  const webhook = new WebhookService({ bot: options.bot, feedback: options.feedback, logger: options.logger, webhook: options.webhook, now: options.now });
  const maxBodyBytes = options.webhook.maxBodyBytes ?? WEBHOOK_DEFAULTS.maxBodyBytes;

  app.get('/healthz', (_req, res) => void res.json({ ok: true }));
  app.use(webhookRouter({ service: webhook, maxBodyBytes }));
  if (options.chat !== false) {
    app.use(chatProxyRouter({ service: webhook, secret: options.webhook.secret, maxBodyBytes, perIpPerMinute: options.chat?.perIpPerMinute, now: options.now }));
  }
  if (options.staticRoutes !== false) app.use(staticRoutes(options.staticRoutes ?? {}));

  // Routers added later still run before the 404 handler because they live inside this one.
  const extensions = express.Router();
  app.use(extensions);
  const mount = (path: string, router: Router) => void extensions.use(path, router);
  for (const r of options.routers ?? []) mount(r.path, r.router);

  app.use(notFoundHandler());
  app.use(errorHandler(options.logger));
  return { app, webhook, mount };
}
