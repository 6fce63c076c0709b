import { randomBytes } from 'node:crypto';
import express, { type Router } from 'express';
import type { MessageHandler } from '../../bot.ts';
import { ShopmateError } from '../../core/errors.ts';
import type { Logger } from '../../core/logger.ts';
import type { Reply } from '../../core/message.ts';
import type { Channel, ConversationLookup } from '../channel.ts';
import type { FeedbackSink } from '../feedback-sink.ts';
import { chatProxyRouter } from './chat-proxy-router.ts';
import { WebOutbox, type OutboxQueue } from './web-outbox.ts';
import { webhookRouter } from './webhook-router.ts';
import { widgetRouter } from './widget-bundle.ts';
import { WEBHOOK_DEFAULTS, WebhookService, type WebhookOptions } from './webhook-service.ts';

export interface WebhookChannelOptions {
  /** The signed API's settings; without a secret the API accepts nothing (see resolveSecret). */
  webhook: Omit<WebhookOptions, 'secret'> & { secret?: string | null };
  feedback: FeedbackSink;
  logger: Logger;
  /** The chat widget: /widget.js and its same-origin proxy (/chat/*); `false` serves the signed API only. */
  chat?: false | { perIpPerMinute?: number };
  /** Stored conversations, so operator replies reach web-chat customers this process has not seen (restarts). */
  conversations?: ConversationLookup;
  /** Where operator replies wait for the widget's poll (default: this process's memory). */
  outboxQueue?: OutboxQueue;
  /** Clock in milliseconds (tests move it to check the replay window and the rate limit). */
  now?: () => number;
}

/**
 * The web channel: the signed API (POST /v1/messages, /v1/feedback) for a shop's backend, the same-origin proxy the
 * chat widget talks to, and GET /chat/updates, where the widget picks up what send() queued (operator replies).
 */
export class WebhookChannel implements Channel {
  readonly id = 'webhook';
  readonly routes: Router;
  readonly outbox: WebOutbox;
  readonly service: WebhookService;
  private handle?: MessageHandler;

  constructor(options: WebhookChannelOptions) {
    const lookup = options.conversations;
    this.outbox = new WebOutbox({
      queue: options.outboxQueue,
      ownerLookup: async (id) => {
        const conversation = await lookup?.(id);
        return conversation?.channel === this.id ? conversation.userId : null;
      },
    });
    const secret = resolveSecret(options.webhook.secret, options.logger);
    const webhook = { ...options.webhook, secret };
    this.service = new WebhookService({ bot: (m, s) => this.requireHandle()(m, s), feedback: options.feedback, logger: options.logger, webhook, now: options.now });
    const maxBodyBytes = webhook.maxBodyBytes ?? WEBHOOK_DEFAULTS.maxBodyBytes;
    this.routes = express.Router();
    this.routes.use(webhookRouter({ service: this.service, maxBodyBytes }));
    if (options.chat !== false) {
      this.routes.use(widgetRouter());
      this.routes.use(chatProxyRouter({ service: this.service, secret, maxBodyBytes, perIpPerMinute: options.chat?.perIpPerMinute, now: options.now, outbox: this.outbox }));
    }
  }

  async start(handle: MessageHandler): Promise<void> {
    this.handle = handle;
  }

  /** Queues the reply for the widget's next poll; only for conversations that came in through this channel. */
  async send(conversationId: string, reply: Reply): Promise<void> {
    if ((await this.outbox.ownerOf(conversationId)) === null) throw new ShopmateError('NOT_FOUND', `no web chat conversation ${conversationId}`);
    await this.outbox.push(conversationId, reply);
  }

  async stop(): Promise<void> {
    this.handle = undefined;
  }

  private requireHandle(): MessageHandler {
    // Requests before start() or after stop() (shutdown in progress): the caller may retry later.
    if (!this.handle) throw new ShopmateError('UNAVAILABLE', 'the web channel is not running');
    return this.handle;
  }
}

function resolveSecret(secret: string | null | undefined, logger: Logger): string {
  if (secret) return secret;
  // The demo page signs on the server side with this process-local secret; nobody else knows it, so the public
  // signed API (/v1/*) accepts nothing until the shop sets its own secret. Said loudly, never silently.
  logger.warn('SHOPMATE_WEBHOOK_SECRET is not set: /v1/messages and /v1/feedback reject every request until it is; the demo page at / still works');
  return randomBytes(32).toString('hex');
}
