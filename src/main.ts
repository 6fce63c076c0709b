import { subjectsIn } from './knowledge/subjects-in.ts';
import { InProcessActivityBus, type ActivityBus } from './activity/activity-bus.ts';
import { SignalActivityBus } from './activity/signal-activity-bus.ts';
import type { Config } from './config/config.ts';
import type { Logger } from './core/logger.ts';
import { errorReplyMiddleware, typingMiddleware } from './core/error-reply-middleware.ts';
import { createBot, type Bot } from './bot.ts';
import type { ConversationStateStore } from './dialogue/conversation-state-store.ts';
import { StoreConversationStateStore } from './dialogue/store-conversation-state-store.ts';
import { conversationLockMiddleware } from './dialogue/conversation-lock-middleware.ts';
import { DEFAULT_DIALOGUE_SETTINGS, type DialogueDeps } from './dialogue/dialogue-deps.ts';
import { StoreFeedbackSink } from './feedback/store-feedback-sink.ts';
import { StoreTurnLog } from './feedback/store-turn-log.ts';
import { storeNoteSink } from './feedback/store-note-sink.ts';
import type { Store } from './store/store.ts';
import { dialogueMiddleware } from './dialogue/dialogue-middleware.ts';
import type { TurnLog } from './feedback/turn-log.ts';
import { turnLogMiddleware } from './feedback/turn-log-middleware.ts';
import { HybridKnowledgeBase } from './knowledge/hybrid-knowledge-base.ts';
import { shopEntries } from './knowledge/kb-document.ts';
import { loadShop } from './knowledge/load-shop.ts';
import { applyRevisions, StoreRevisionLog } from './knowledge/store-revision-log.ts';
import type { CachedEncoder } from './nlu/cached-encoder.ts';
import { createEncoder } from './nlu/create-encoder.ts';
import { extractEntities } from './nlu/entities/index.ts';
import { createLanguageDetector } from './nlu/language/detect-language.ts';
import { loadIntentFiles } from './nlu/intent/intent-data.ts';
import { BEHAVIOUR_NAMES } from './dialogue/behaviour-registry.ts';
import { intentBehaviours } from './dialogue/intent-behaviours.ts';
import { EntryTopics } from './knowledge/entry-topics.ts';
import { loadServingModels, type SwappableIntentModel } from './nlu/load-serving-models.ts';
import { trainServingModels } from './learning/train-serving-models.ts';
import { nluMiddleware } from './nlu/nlu-middleware.ts';
import { NluService } from './nlu/nlu-service.ts';
import { HybridRecommender, recordOrders, threadedEaseFitter } from './recommend/index.ts';
import { ShopCatalog } from './shop-catalog.ts';
import type { ShopProfile } from './knowledge/types.ts';
import { join } from 'node:path';
import { DataVault } from './privacy/data-vault.ts';
import { createShopPlatform } from './shop/create-shop-platform.ts';
import { LiveCatalog } from './shop/live-catalog.ts';
import type { ShopOrders, ShopPlatform } from './shop/shop-platform.ts';
import { loadDataKey } from './privacy/load-data-key.ts';

export interface App {
  bot: Bot;
  /** The serving intent model; the learning loop swaps it on promotion and rollback. */
  intents: SwappableIntentModel;
  profile: ShopProfile;
  encoder: CachedEncoder;
  knowledge: HybridKnowledgeBase;
  catalog: ShopCatalog;
  recommender: HybridRecommender;
  /** The shop the bot reads and acts on (SHOPMATE_SHOP_PLATFORM); `orders` is its order side. */
  shop: ShopPlatform;
  orders: ShopOrders;
  /** Keeps catalog, entity, knowledge and recommender indexes in step with the shop. */
  liveCatalog: LiveCatalog;
  /** Seals the personal data the store must keep (task slots, the demo shop's order changes, the web outbox). */
  vault: DataVault;
  /** Stops the shop platform's polling and subscriptions, then the encoder's worker threads. */
  close(): Promise<void>;
  store: Store;
  states: ConversationStateStore;
  turnLog: TurnLog;
  feedback: StoreFeedbackSink;
  nlu: NluService;
  /** Conversation activity (turns, handoffs, operator replies) for the live handoff inbox. */
  activity: ActivityBus;
  modelVersions: { intent: string; sentiment: string };
}

/**
 * The composition root: config -> encoder -> models -> shop content -> services -> pipeline. Every dependency is
 * passed explicitly here; nothing below looks anything up by name.
 */
export async function buildApp(options: { config: Config; logger: Logger; store: Store; clock?: () => Date }): Promise<App> {
  const { config, logger, store } = options;
  const clock = options.clock ?? (() => new Date());
  const encoder = await createEncoder({ config, logger, serving: true });
  const models = await loadServingModels({
    config, logger, encoder,
    train: () => trainServingModels({ config, logger, encoder, store, reason: 'first start' }),
  });

  const shop = await loadShop(config.knowledgeDir, { now: clock() });
  const vault = new DataVault(
    loadDataKey({ configured: config.privacy.dataKey, keyFile: join(config.dataDir, 'data.key'), persistent: store.kind !== 'memory', logger }),
  );
  const platform = createShopPlatform({ config, logger, shop, store, sealer: vault });
  await platform.start();
  // The shop's rules for cancelling and changing orders are the platform's (Shopify: until fulfilled).
  const profile: ShopProfile = { ...shop.profile, ...platform.rules };
  const products = await platform.catalog.list();
  const revisionLog = new StoreRevisionLog(store);
  const revisions = await revisionLog.list();
  const entries = applyRevisions(shopEntries({ faqs: shop.faqs, passages: shop.passages, products }), revisions);
  const knowledge = await HybridKnowledgeBase.create({
    encoder, revisionLog, logger, now: clock, entries, maxInputChars: config.nlu.maxInputChars, revisionsUpTo: revisions.at(-1)?.id ?? 0,
  });
  const catalogProducts = entries.flatMap((e) => (e.kind === 'product' ? [e.entry] : []));
  const catalog = new ShopCatalog(catalogProducts, (p) => platform.productUrl(p));
  // What each intent does is data (intents/*.yaml); an unknown behaviour name stops start-up here.
  const behaviours = intentBehaviours(loadIntentFiles(config.intentsDir), BEHAVIOUR_NAMES);
  const recommender = new HybridRecommender({
    catalog: () => catalog.list(), clock, encoder, options: config.recommend, easeFitter: threadedEaseFitter, logger,
  });
  recordOrders(recommender, await platform.orders.all());
  // The catalog is embedded now, in the background, not by the first customer who asks for a suggestion (163
  // products: about a second, during which that customer and everyone embedding behind it would wait).
  recommender.content?.sync().catch((e: unknown) => logger.warn('could not embed the catalog for recommendations yet; the first request retries', { error: String(e) }));
  const liveCatalog = new LiveCatalog({ platform, catalog, knowledge, recommender, pollSeconds: config.shop.pollSeconds, logger }, catalogProducts);
  liveCatalog.start();
  const orders = platform.orders;
  const states = new StoreConversationStateStore({ store, vault, logger });
  // Instances sharing a PostgreSQL store relay their activity to each other's live inbox; alone, the process's bus.
  const relay = store.signals.reach === 'database' ? new SignalActivityBus({ signals: store.signals, logger, clock }) : undefined;
  const activity: ActivityBus = relay ?? new InProcessActivityBus(logger);
  const turnLog = new StoreTurnLog({ store, logger, lowConfidenceBelow: config.dialogue.clarifyBelow, activity });
  const feedback = new StoreFeedbackSink(store, { orderIds: config.privacy.redactOrderIds });

  // The shop's series names are product words ("lune armchair?" is not French); the detector loads its data now.
  const language = createLanguageDetector({ productNames: catalog.seriesNames() });
  language('warm up the language data');
  const nlu = new NluService({
    encoder,
    intents: models.intents,
    sentiment: models.sentiment,
    entities: (text) => extractEntities(text, { catalog, orderIds: platform.orderIds, now: clock() }),
    language,
    maxInputChars: config.nlu.maxInputChars,
  });
  const topics = new EntryTopics({ encoder, intents: models.intents });
  await topics.warm(knowledge.listAnswers());
  const deps: DialogueDeps = {
    profile,
    orderIds: platform.orderIds,
    knowledge,
    recommender,
    catalog,
    orders,
    behaviours,
    analyze: (text) => nlu.analyze(text),
    topicOf: (hit) => topics.topicOf(hit),
    subjectsOf: (text) => subjectsIn(text, knowledge.listAnswers()),
    notes: storeNoteSink(store.notes, logger),
    handoffs: { waitingCount: () => store.conversations.countHandoffs() },
    clock,
    settings: { ...DEFAULT_DIALOGUE_SETTINGS, ...config.dialogue },
  };
  const bot = createBot([
    conversationLockMiddleware((id, work) => store.withConversationLock(id, work)),
    turnLogMiddleware({ log: turnLog, redaction: { orderIds: config.privacy.redactOrderIds } }),
    errorReplyMiddleware(logger),
    typingMiddleware(),
    dialogueMiddleware({ states, deps }),
    nluMiddleware(nlu),
  ]);
  return {
    bot, vault, intents: models.intents, profile, encoder, knowledge, catalog, recommender, shop: platform, orders, liveCatalog, store, states, turnLog, feedback, nlu, activity,
    close: async () => {
      relay?.close();
      liveCatalog.stop();
      await platform.stop();
      // The encoder's worker threads end last: whatever was still being answered gets its vectors first.
      await encoder.close();
    },
    modelVersions: { intent: models.intents.current().version, sentiment: models.sentiment.version },
  };
}
