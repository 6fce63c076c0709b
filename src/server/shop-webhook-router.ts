import express, { Router } from 'express';
import { ShopmateError } from '../core/errors.ts';
import type { Logger } from '../core/logger.ts';
import type { ShopPlatform } from '../shop/shop-platform.ts';

/** Platforms send whole products (every variant and image) in one webhook; far more than a chat message. */
const MAX_WEBHOOK_BYTES = 5 * 1024 * 1024;

/**
 * `POST /shop/webhooks/<platform>`: the shop platform's change notifications. The body is kept raw because the
 * signature covers its exact bytes; the platform's receiver verifies it and emits the change to the live catalog.
 * Answers 200 quickly (platforms retry slow or failed deliveries and eventually drop the subscription).
 */
export function shopWebhookRouter(options: { platform: ShopPlatform; logger: Logger }): Router {
  const { platform, logger } = options;
  const router = Router();
  router.post(`/${platform.name}`, express.raw({ type: () => true, limit: MAX_WEBHOOK_BYTES }), async (req, res, next) => {
    try {
      if (!platform.webhooks) throw new ShopmateError('NOT_FOUND', `the ${platform.name} platform does not receive webhooks`);
      const headers: Record<string, string | undefined> = {};
      for (const [name, value] of Object.entries(req.headers)) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
      const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const result = await platform.webhooks.receive({ headers, rawBody });
      logger.info('shop webhook received', { platform: platform.name, topic: result.topic, applied: result.applied });
      res.json({ ok: true, ...result });
    } catch (e) {
      if (e instanceof ShopmateError && e.code === 'UNAUTHORIZED') logger.warn('shop webhook with a bad signature refused', { platform: platform.name, ip: req.ip });
      next(e);
    }
  });
  return router;
}
