import type { ChannelRegistry } from './channels/channel-registry.ts';
import type { Config } from './config/config.ts';
import { ShopmateError } from './core/errors.ts';
import type { Logger } from './core/logger.ts';
import type { Reply } from './core/message.ts';
import { buildApp, type App } from './main.ts';
import { createLearningLoop } from './learning/create-learning-loop.ts';
import { startRetentionPurge } from './feedback/retention-purge.ts';
import { startKnowledgeSync } from './knowledge/start-knowledge-sync.ts';
import type { LearningLoop } from './learning/learning-loop.ts';
import { openStore } from './open-store.ts';
import { registerChannels, type ChannelFactory } from './register-channels.ts';
import { createServer, startServer, type RunningServer } from './server/index.ts';
import { createAdminRouter, ensureFirstAdmin, type AdminLearning } from './server/admin/index.ts';
import type { Store } from './store/store.ts';
import { cleanText } from './nlu/text-hygiene.ts';
import { shopWebhookRouter } from './server/shop-webhook-router.ts';
import { StoreOutboxQueue } from './server/store-outbox-queue.ts';
import { ServingModelSync } from './learning/serving-model-sync.ts';
import { loadIntentArtifact } from './nlu/intent/intent-artifact.ts';

export interface RunningBot {
  app: App;
  learning: LearningLoop;
  http: RunningServer;
  channels: ChannelRegistry;
  stop(): Promise<void>;
}

export interface ServeOptions {
  config: Config;
  logger: Logger;
  /** Channels registered after the built-in ones (see registerChannels). */
  channels?: readonly ChannelFactory[];
}

/** Operator replies travel back through the channel the conversation came from, whichever that is. */
function operatorDelivery(store: Store, channels: ChannelRegistry) {
  return async (conversationId: string, reply: Reply): Promise<void> => {
    const conversation = await store.conversations.get(conversationId);
    if (!conversation) throw new ShopmateError('CONFLICT', `no live channel for unknown conversation ${conversationId}`);
    await channels.send(conversation.channel, conversationId, reply);
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

/**
 * How often copies of the store (the served model, the knowledge index) are re-read besides their signals. PostgreSQL
 * signals reach every instance, so the poll only covers a lost connection (which also re-reads on reconnect). SQLite
 * signals stay in the process, and `shopmate faq add` or `rollback` in another process writes the same file: a second.
 */
export function safetyPollMs(store: Pick<Store, 'signals'>): number {
  return store.signals.reach === 'database' ? 10_000 : 1000;
}

/** `shopmate serve` / `npm start`: store -> app (trains on first start) -> channels -> HTTP server. */
export async function serve(options: ServeOptions): Promise<RunningBot> {
  const { config, logger } = options;
  const store = await openStore(config, logger);
  const app = await buildApp({ config, logger, store });
  // Serving never trains: retraining runs in a worker thread and swaps the model in when the gate allows it.
  const learning = createLearningLoop({ config, logger, store, encoder: app.encoder, extra: { slot: app.intents, knowledge: app.knowledge, recommender: app.recommender } });
  learning.start();
  const retention = startRetentionPurge({ store, retentionDays: config.privacy.retentionDays, logger });
  // Changes made by another instance (or the CLI) on the same store arrive as signals; the poll is the safety net.
  const pollMs = safetyPollMs(store);
  const knowledgeSync = startKnowledgeSync({ knowledge: app.knowledge, signals: store.signals, logger, pollMs });
  const threshold = config.intent.oosThreshold;
  const modelSync = new ServingModelSync({
    registry: store.models, slot: app.intents, logger, signals: store.signals, pollMs,
    load: async (record) => {
      const m = await loadIntentArtifact(record.artifactDir, { expectedEncoderId: app.encoder.modelId });
      return threshold === null ? m : m.withThreshold(threshold);
    },
  });
  modelSync.start();
  await ensureFirstAdmin({ store, env: process.env, logger });
  const conversations = async (id: string) => await store.conversations.get(id);
  const outboxQueue = new StoreOutboxQueue({ store: store.outbox, sealer: app.vault, logger });
  const channels = registerChannels({ config, logger, feedback: app.feedback, conversations, outboxQueue, sharedLimits: store.rateLimits }, options.channels);
  const featured = app.catalog.list().filter((p) => p.stock > 0).slice(0, 8);
  const server = createServer({
    logger,
    channels: channels.list(),
    trustProxy: config.server.trustProxy,
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
  server.mount('/shop/webhooks', shopWebhookRouter({ platform: app.shop, logger }));
  server.mount(
    '/admin',
    createAdminRouter({
      store,
      knowledge: app.knowledge,
      intents: () => [...app.intents.current().intents],
      // The review queue clusters by the same encoder the NLU uses (cached vectors: most texts were embedded already).
      embed: (texts) => app.encoder.embed(texts.map((t) => cleanText(t, config.nlu.maxInputChars))),
      learning: adminLearning(learning),
      deliver: operatorDelivery(store, channels),
      activity: app.activity,
      orders: app.orders,
      logger,
      secureCookies: config.server.publicUrl?.startsWith('https:') ?? false,
    }),
  );
  const shutdown = async (http?: RunningServer) => {
    learning.stop();
    retention.stop();
    knowledgeSync.stop();
    modelSync.stop();
    await channels.stop();
    await http?.close();
    await app.close();
    await store.close();
  };
  let http: RunningServer;
  try {
    // Channels start before the server listens, so no request reaches a channel that has no handler yet.
    await channels.start(app.bot.handle);
    logger.info('channels started', { channels: channels.ids() });
    http = await startServer(server.app, config.server.port, config.server.host);
  } catch (e) {
    // A channel that cannot connect (or a busy port) stops start-up without leaving timers or connections behind.
    await shutdown().catch(() => undefined);
    throw e;
  }
  logger.info('web chat ready', { url: http.url, demoPage: `http://localhost:${http.port}/` });
  return { app, learning, http, channels, stop: () => shutdown(http) };
}
