import type { MessageHandler } from '../../bot.ts';
import { ShopmateError } from '../../core/errors.ts';
import type { Logger } from '../../core/logger.ts';
import type { Reply } from '../../core/message.ts';
import { replyIdFor, type FeedbackSink } from '../feedback-sink.ts';
import { InFlight } from './in-flight.ts';
import { rateLimiter, type RateLimiter, type SharedRateLimits } from './rate-limiter.ts';
import { feedbackRequestSchema, messageRequestSchema, parseJsonBody, type MessageRequest } from './schemas.ts';
import { verifyWebhookSignature } from './signature.ts';

export interface WebhookOptions {
  /** HMAC secret shared with the caller (env SHOPMATE_WEBHOOK_SECRET). */
  secret: string;
  /** How far the signature timestamp may be from now, either way (replay window). Default 300. */
  toleranceSeconds?: number;
  /** Larger bodies get 413. Default 16 KiB. */
  maxBodyBytes?: number;
  /** Longest accepted message text. Default 4000. */
  maxTextChars?: number;
  rateLimit?: { perUserPerMinute?: number };
}

export type RenderedReply = Reply & { replyId: string };

export interface MessageResponse {
  messageId: string;
  conversationId: string;
  replies: RenderedReply[];
}

export interface WebhookServiceOptions {
  bot: MessageHandler;
  feedback: FeedbackSink;
  logger: Logger;
  webhook: WebhookOptions;
  /** Clock in milliseconds (tests move it to check the replay window and the rate limit). */
  now?: () => number;
  /** Buckets shared by every instance (the store); default this process's memory. */
  sharedLimits?: SharedRateLimits;
}

const ACCEPTED_MAX = 10_000;

export const WEBHOOK_DEFAULTS = { toleranceSeconds: 300, maxBodyBytes: 16 * 1024, maxTextChars: 4000, perUserPerMinute: 30 };

/**
 * The signed webhook API without HTTP: verify, validate, rate-limit, dedupe, call the bot, give every reply an id.
 * Kept apart from express so the same path serves the public v1 routes and the same-origin chat proxy.
 */
export class WebhookService {
  private readonly inFlight = new InFlight<MessageResponse>();
  private readonly accepted = new Map<string, string>();
  private readonly limiter: RateLimiter;
  private readonly messageSchema: ReturnType<typeof messageRequestSchema>;
  private readonly now: () => number;
  private readonly tolerance: number;

  constructor(private readonly options: WebhookServiceOptions) {
    if (!options.webhook.secret) throw new ShopmateError('CONFIG_INVALID', 'webhook secret must not be empty');
    this.now = options.now ?? Date.now;
    this.tolerance = options.webhook.toleranceSeconds ?? WEBHOOK_DEFAULTS.toleranceSeconds;
    const perMinute = options.webhook.rateLimit?.perUserPerMinute ?? WEBHOOK_DEFAULTS.perUserPerMinute;
    this.limiter = rateLimiter(perMinute, { shared: options.sharedLimits, scope: 'webhook', now: this.now });
    this.messageSchema = messageRequestSchema(options.webhook.maxTextChars ?? WEBHOOK_DEFAULTS.maxTextChars);
  }

  async handleMessage(rawBody: Buffer, signature: string | undefined): Promise<MessageResponse> {
    this.verify(rawBody, signature);
    const request = parseJsonBody(this.messageSchema, rawBody);
    const owner = `${request.userId}\u0000${request.conversationId}`;
    // A retry of a message already answered is not a new message: it gets the stored reply even over the limit.
    if (this.accepted.get(request.messageId) !== owner) await this.limit(`message:${request.userId}`);
    const response = await this.inFlight.run(request.messageId, owner, () => this.runBot(request), () => {
      throw new ShopmateError('CONFLICT', 'messageId is already in use by another conversation');
    });
    this.remember(request.messageId, owner);
    return response;
  }

  /** Recently answered message ids (bounded; after a restart a retry is simply counted again). */
  private remember(messageId: string, owner: string): void {
    this.accepted.delete(messageId);
    this.accepted.set(messageId, owner);
    if (this.accepted.size > ACCEPTED_MAX) this.accepted.delete(this.accepted.keys().next().value!);
  }

  async handleFeedback(rawBody: Buffer, signature: string | undefined): Promise<{ ok: true }> {
    this.verify(rawBody, signature);
    const request = parseJsonBody(feedbackRequestSchema, rawBody);
    await this.limit(`feedback:${request.userId}`);
    await this.options.feedback.record({ ...request, channel: 'webhook', at: new Date(this.now()) });
    return { ok: true };
  }

  private async runBot(request: MessageRequest): Promise<MessageResponse> {
    const replies = await this.options.bot({
      messageId: request.messageId,
      conversationId: request.conversationId,
      userId: request.userId,
      channel: 'webhook',
      text: request.text,
      metadata: request.metadata,
      receivedAt: new Date(this.now()),
    });
    return {
      messageId: request.messageId,
      conversationId: request.conversationId,
      replies: replies.map((reply, i) => ({ ...reply, replyId: replyIdFor('webhook', request.messageId, i) })),
    };
  }

  private verify(rawBody: Buffer, header: string | undefined): void {
    const nowSeconds = Math.floor(this.now() / 1000);
    verifyWebhookSignature({ secret: this.options.webhook.secret, header, rawBody, nowSeconds, toleranceSeconds: this.tolerance });
  }

  private async limit(key: string): Promise<void> {
    const decision = await this.limiter.take(key);
    if (!decision.allowed) {
      throw new ShopmateError('RATE_LIMITED', `too many requests; retry in ${decision.retryAfterSeconds} s`, {
        details: { retryAfterSeconds: decision.retryAfterSeconds },
      });
    }
  }
}
