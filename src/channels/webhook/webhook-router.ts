import express, { type Request, type Router } from 'express';
import { SIGNATURE_HEADER } from './signature.ts';
import type { WebhookService } from './webhook-service.ts';

/** Reads the body as raw bytes: the HMAC is over the exact bytes sent, so it must be checked before JSON parsing. */
export function rawBody(maxBodyBytes: number) {
  return express.raw({ type: () => true, limit: maxBodyBytes });
}

export function bodyBuffer(req: Request): Buffer {
  return Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
}

/** The public, signed API: POST /v1/messages and POST /v1/feedback. Errors go to the app's error handler. */
export function webhookRouter(options: { service: WebhookService; maxBodyBytes: number }): Router {
  const router = express.Router();
  const { service } = options;
  router.post('/v1/messages', rawBody(options.maxBodyBytes), async (req, res) => {
    res.json(await service.handleMessage(bodyBuffer(req), req.get(SIGNATURE_HEADER)));
  });
  router.post('/v1/feedback', rawBody(options.maxBodyBytes), async (req, res) => {
    res.status(202).json(await service.handleFeedback(bodyBuffer(req), req.get(SIGNATURE_HEADER)));
  });
  return router;
}
