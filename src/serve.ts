import { randomBytes } from 'node:crypto';
import { DiscordChannel } from './channels/discord/discord-channel.ts';
import type { Channel } from './channels/channel.ts';
import type { Config } from './config/config.ts';
import type { Logger } from './core/logger.ts';
import { buildApp, type App } from './main.ts';
import { createLearningLoop } from './learning/create-learning-loop.ts';
import { startRetentionPurge } from './feedback/retention-purge.ts';
import type { LearningLoop } from './learning/learning-loop.ts';
import { openStore } from './open-store.ts';
import { createServer, startServer, type RunningServer } from './server/index.ts';
import { createAdminRouter, ensureFirstAdmin, type AdminLearning } from './server/admin/index.ts';
import { WebOutbox } from './channels/webhook/web-outbox.ts';
import { chatUpdatesRouter } from './channels/webhook/chat-proxy-router.ts';
import { ShopmateError } from './core/errors.ts';
import type { Reply } from './core/message.ts';
import type { Store } from './store/store.ts';

export interface RunningBot {
  app: App;
  learning: LearningLoop;
  http: RunningServer;
  channels: Channel[];
  stop(): Promise<void>;
}

function webhookSecret(config: Config, logger: Logger): string {
  if (config.server.webhookSecret) return config.server.webhookSecret;
  // The demo page signs on the server side with this process-local secret; nobody else knows it, so the public
  // signed API (/v1/*) accepts nothing until the shop sets its own secret. Said loudly, never silently.
  logger.warn('SHOPMATE_WEBHOOK_SECRET is not set: /v1/messages and /v1/feedback reject every request until it is; the demo page at / still works');
  return randomBytes(32).toString('hex');
}

/** Operator replies travel back through the channel the conversation came from. */
function operatorDelivery(store: Store, outbox: WebOutbox, channels: Channel[]) {
  return async (conversationId: string, reply: Reply): Promise<void> => {
    const conversation = await store.conversations.get(conversationId);
    if (conversation?.channel === 'webhook') return outbox.deliver(conversationId, reply);
    const live = channels.find((c) => c.id === conversation?.channel);
    if (live) return live.send(conversationId, reply);
    throw new ShopmateError('CONFLICT', `no live channel for ${conversation ? `${conversation.channel} conversation ${conversationId}` : `unknown conversation ${conversationId}`}`);
  };
}

function adminLearning(learning: LearningLoop): AdminLearning {
  return {
    retrainNow: async () => {
      const report = await learning.runOnce({ reason: 'operator requested from the dashboard' });
      return { version: report.version, promoted: report.promoted, reason: report.gate.reason };
    },
    rollback: async (version) => void (await learning.rollback(version)),
  };
}

/** `shopmate serve` / `npm start`: store -> app (trains on first start) -> HTTP server -> Discord when configured. */
export async function serve(options: { config: Config; logger: Logger }): Promise<RunningBot> {
  const { config, logger } = options;
  const store = await openStore(config);
  const app = await buildApp({ config, logger, store });
  // Serving never trains: retraining runs in a worker thread and swaps the model in when the gate allows it.
  const learning = createLearningLoop({ config, logger, store, encoder: app.encoder, extra: { slot: app.intents, knowledge: app.knowledge, recommender: app.recommender } });
  learning.start();
  const retention = startRetentionPurge({ store, retentionDays: config.privacy.retentionDays, logger });
  await ensureFirstAdmin({ store, env: process.env, logger });
  const channels: Channel[] = [];
  const outbox = new WebOutbox({ ownerLookup: async (id) => (await store.conversations.get(id))?.userId ?? null });
  const featured = app.catalog.list().filter((p) => p.stock > 0).slice(0, 8);
  const server = createServer({
    bot: app.bot.handle,
    feedback: app.feedback,
    logger,
    trustProxy: config.server.trustProxy,
    webhook: {
      secret: webhookSecret(config, logger),
      toleranceSeconds: config.server.signatureToleranceSeconds,
      maxBodyBytes: config.server.maxBodyBytes,
      rateLimit: { perUserPerMinute: config.server.rateLimitPerMinute },
    },
    staticRoutes: {
      demoPage: {
        shopName: app.profile.name,
        perks: { freeShippingFrom: `${app.profile.freeShippingThreshold} ${app.profile.currency}`, returnDays: app.profile.returnWindowDays },
        featured: featured.map((p) => ({ productId: p.id, title: p.title, price: p.price, currency: p.currency })) },
      productImage: (id) => {
        const p = app.catalog.get(id);
        return p && { title: p.title, category: p.category };
      },
      productPage: { lookup: (id) => app.catalog.get(id), shopName: app.profile.name },
    },
  });
  server.mount('/', chatUpdatesRouter({ outbox }));
  server.mount(
    '/admin',
    createAdminRouter({
      store,
      knowledge: app.knowledge,
      intents: () => [...app.intents.current().intents],
      learning: adminLearning(learning),
      deliver: operatorDelivery(store, outbox, channels),
      logger,
      secureCookies: config.server.publicUrl?.startsWith('https:') ?? false,
    }),
  );
  const http = await startServer(server.app, config.server.port, config.server.host);
  logger.info('web chat ready', { url: http.url, demoPage: `http://localhost:${http.port}/` });

  if (config.discord.token) {
    const discord = new DiscordChannel({ token: config.discord.token, logger, feedback: app.feedback, publicBaseUrl: config.server.publicUrl ?? undefined });
    await discord.start(app.bot.handle);
    channels.push(discord);
    logger.info('discord channel started');
  } else {
    logger.info('DISCORD_TOKEN is not set: running without Discord');
  }
  const stop = async () => {
    learning.stop();
    retention.stop();
    for (const c of channels) await c.stop();
    await http.close();
    await store.close();
  };
  return { app, learning, http, channels, stop };
}
