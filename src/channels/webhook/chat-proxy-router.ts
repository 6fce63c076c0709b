import { createHash } from 'node:crypto';
import express, { type Router } from 'express';
import { z } from 'zod';
import { ShopmateError } from '../../core/errors.ts';
import { parseJsonBody } from './schemas.ts';
import { signWebhookBody } from './signature.ts';
import { rateLimiter, type SharedRateLimits } from './rate-limiter.ts';
import { bodyBuffer, rawBody } from './webhook-router.ts';
import type { WebhookService } from './webhook-service.ts';
import type { WebOutbox } from './web-outbox.ts';

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
  /** When set, messages bind their conversation to the user and GET /chat/updates serves operator replies. */
  outbox?: WebOutbox;
  /** Buckets shared by every instance (the store); default this process's memory. */
  sharedLimits?: SharedRateLimits;
}

/**
 * Same-origin endpoints for the widget: POST /chat/messages and /chat/feedback. They sign on the server (the secret
 * never reaches the browser) and go through the same verified path as the public v1 API. Ids are namespaced
 * ("web:") and the messageId is bound to the user, so one visitor can neither write into nor replay another's turn.
 */
export function chatProxyRouter(options: ChatProxyOptions): Router {
  const router = express.Router();
  const now = options.now ?? Date.now;
  const perIp = rateLimiter(options.perIpPerMinute ?? 120, { shared: options.sharedLimits, scope: 'chat-ip', now });
  const sign = (body: unknown) => {
    const raw = Buffer.from(JSON.stringify(body));
    return { raw, signature: signWebhookBody(options.secret, raw, Math.floor(now() / 1000)) };
  };
  const limitIp = async (ip: string | undefined) => {
    const d = await perIp.take(ip ?? 'unknown');
    if (!d.allowed) throw new ShopmateError('RATE_LIMITED', 'too many requests', { details: { retryAfterSeconds: d.retryAfterSeconds } });
  };

  router.post('/chat/messages', rawBody(options.maxBodyBytes), async (req, res) => {
    await limitIp(req.ip);
    const m = parseJsonBody(chatMessageSchema, bodyBuffer(req));
    const messageId = `web-${createHash('sha256').update(`${m.userId}:${m.messageId}`).digest('base64url').slice(0, 24)}`;
    const { raw, signature } = sign({ messageId, conversationId: `web:${m.conversationId}`, userId: `web:${m.userId}`, text: m.text, metadata: { source: 'widget' } });
    const result = await options.service.handleMessage(raw, signature);
    // Bound only after the bot accepted the message, so a rejected request cannot claim a conversation.
    options.outbox?.bindOwner(`web:${m.conversationId}`, `web:${m.userId}`);
    res.json(result);
  });

  router.post('/chat/feedback', rawBody(options.maxBodyBytes), async (req, res) => {
    await limitIp(req.ip);
    const f = parseJsonBody(chatFeedbackSchema, bodyBuffer(req));
    const { raw, signature } = sign({ ...f, conversationId: `web:${f.conversationId}`, userId: `web:${f.userId}` });
    res.status(202).json(await options.service.handleFeedback(raw, signature));
  });
  if (options.outbox) router.use(chatUpdatesRouter({ outbox: options.outbox, now, sharedLimits: options.sharedLimits }));
  return router;
}

const updatesQuerySchema = z.object({ conversationId: browserId, userId: browserId, after: z.string().max(64).optional() });

/**
 * GET /chat/updates?conversationId&userId&after: operator replies for the widget to poll. Only the conversation's own
 * user gets them; anyone else gets the same empty 404 as for an unknown conversation, so ids cannot be probed.
 * Separate from chatProxyRouter so it can also be mounted on its own (createServer's `mount`).
 */
export function chatUpdatesRouter(options: { outbox: WebOutbox; perIpPerMinute?: number; now?: () => number; sharedLimits?: SharedRateLimits }): Router {
  const router = express.Router();
  // Polling every few seconds per open widget: its own budget, so polls never eat into the message budget. Shared by
  // every instance when the store's buckets are given, so a widget polling through a balancer has one budget.
  const perIp = rateLimiter(options.perIpPerMinute ?? 240, { shared: options.sharedLimits, scope: 'chat-poll-ip', now: options.now });
  router.get('/chat/updates', async (req, res) => {
    const d = await perIp.take(req.ip ?? 'unknown');
    if (!d.allowed) throw new ShopmateError('RATE_LIMITED', 'too many requests', { details: { retryAfterSeconds: d.retryAfterSeconds } });
    const parsed = updatesQuerySchema.safeParse(req.query);
    if (!parsed.success) throw new ShopmateError('BAD_REQUEST', 'conversationId and userId are required');
    const conversationId = `web:${parsed.data.conversationId}`;
    if ((await options.outbox.ownerOf(conversationId)) !== `web:${parsed.data.userId}`) throw new ShopmateError('NOT_FOUND', 'no such conversation');
    res.set('Cache-Control', 'no-store').json({ messages: await options.outbox.since(conversationId, parsed.data.after) });
  });
  return router;
}
