import type { Channel, ConversationLookup } from './channels/channel.ts';
import { ChannelRegistry } from './channels/channel-registry.ts';
import { DiscordChannel } from './channels/discord/discord-channel.ts';
import type { FeedbackSink } from './channels/feedback-sink.ts';
import { WebhookChannel } from './channels/webhook/webhook-channel.ts';
import type { OutboxQueue } from './channels/webhook/web-outbox.ts';
import type { Config } from './config/config.ts';
import type { Logger } from './core/logger.ts';

/** Everything a channel may be built from. Channels get nothing else: no NLU, no dialogue, no store. */
export interface ChannelDeps {
  config: Config;
  logger: Logger;
  /** Thumbs and ratings given on the platform (buttons, widget clicks). */
  feedback: FeedbackSink;
  /** Which channel and customer a stored conversation belongs to. */
  conversations: ConversationLookup;
  /** Where web-chat replies wait for the widget (the store, so every instance hands them out); default memory. */
  outboxQueue?: OutboxQueue;
}

/** Builds one more channel from the same dependencies (a shop's own platform, a test channel). */
export type ChannelFactory = (deps: ChannelDeps) => Channel;

/**
 * The composition root's channel list, the one place a channel is registered: it brings its id, routes, send()
 * and start/stop, and the server, the dashboard's delivery and the store need nothing more. `extra` channels are
 * registered after the built-in ones.
 */
export function registerChannels(deps: ChannelDeps, extra: readonly ChannelFactory[] = []): ChannelRegistry {
  const { config, logger, feedback, conversations } = deps;
  const registry = new ChannelRegistry();
  registry.register(new WebhookChannel({
    webhook: {
      secret: config.server.webhookSecret,
      toleranceSeconds: config.server.signatureToleranceSeconds,
      maxBodyBytes: config.server.maxBodyBytes,
      rateLimit: { perUserPerMinute: config.server.rateLimitPerMinute },
    },
    feedback, logger, conversations, outboxQueue: deps.outboxQueue,
  }));
  if (config.discord.token) {
    registry.register(new DiscordChannel({ token: config.discord.token, logger, feedback, publicBaseUrl: config.server.publicUrl ?? undefined }));
  } else {
    logger.info('DISCORD_TOKEN is not set: running without Discord');
  }
  for (const create of extra) registry.register(create(deps));
  return registry;
}
