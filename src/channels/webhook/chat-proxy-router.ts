import { createHash } from 'node:crypto';
import express, { type Router } from 'express';
import { z } from 'zod';
import { ShopmateError } from '../../core/errors.ts';
import { parseJsonBody } from './schemas.ts';
import { signWebhookBody } from './signature.ts';
import { TokenBucketRateLimiter } from './rate-limiter.ts';
import { bodyBuffer, rawBody } from './webhook-router.ts';
import type { WebhookService } from './webhook-service.ts';

// Browser-chosen ids are untrusted: only opaque tokens, so a page cannot address another channel's conversation.
const browserId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8-64 letters, digits, "-" or "_"');
const chatMessageSchema = z.object({ messageId: browserId, conversationId: browserId, userId: browserId, text: z.string() });
const chatFeedbackSchema = z.object({ replyId: z.string().max(200), conversationId: browserId, userId: browserId, kind: z.string(), value: z.unknown() });

export interface ChatProxyOptions {
  service: WebhookService;
  secret: string;
  maxBodyBytes: number;
  /** Browsers can invent user ids, so the proxy also limits per client address. Default 120. */
  perIpPerMinute?: number;
  now?: () => number;
}

/**
 * Same-origin endpoints for the widget: POST /chat/messages and /chat/feedback. They sign on the server (the secret
 * never reaches the browser) and go through the same verified path as the public v1 API. Ids are namespaced
 * ("web:") and the messageId is bound to the user, so one visitor can neither write into nor replay another's turn.
 */
export function chatProxyRouter(options: ChatProxyOptions): Router {
  const router = express.Router();
  const now = options.now ?? Date.now;
  const perIp = new TokenBucketRateLimiter({ perMinute: options.perIpPerMinute ?? 120, now });
  const sign = (body: unknown) => {
    const raw = Buffer.from(JSON.stringify(body));
    return { raw, signature: signWebhookBody(options.secret, raw, Math.floor(now() / 1000)) };
  };
  const limitIp = (ip: string | undefined) => {
    const d = perIp.take(ip ?? 'unknown');
    if (!d.allowed) throw new ShopmateError('RATE_LIMITED', 'too many requests', { details: { retryAfterSeconds: d.retryAfterSeconds } });
  };

  router.post('/chat/messages', rawBody(options.maxBodyBytes), async (req, res) => {
    limitIp(req.ip);
    const m = parseJsonBody(chatMessageSchema, bodyBuffer(req));
    const messageId = `web-${createHash('sha256').update(`${m.userId}:${m.messageId}`).digest('base64url').slice(0, 24)}`;
    const { raw, signature } = sign({ messageId, conversationId: `web:${m.conversationId}`, userId: `web:${m.userId}`, text: m.text, metadata: { source: 'widget' } });
    res.json(await options.service.handleMessage(raw, signature));
  });

  router.post('/chat/feedback', rawBody(options.maxBodyBytes), async (req, res) => {
    limitIp(req.ip);
    const f = parseJsonBody(chatFeedbackSchema, bodyBuffer(req));
    const { raw, signature } = sign({ ...f, conversationId: `web:${f.conversationId}`, userId: `web:${f.userId}` });
    res.status(202).json(await options.service.handleFeedback(raw, signature));
  });
  return router;
}
