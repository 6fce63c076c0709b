import { randomBytes } from 'node:crypto';
import type { ActivityBus } from '../../src/activity/activity-bus.ts';
import { createBot, type Bot } from '../../src/bot.ts';
import type { Logger } from '../../src/core/logger.ts';
import type { Middleware } from '../../src/core/pipeline.ts';
import type { Turn } from '../../src/core/turn.ts';
import { dialogueMiddleware } from '../../src/dialogue/dialogue-middleware.ts';
import type { MemoryOrderBook } from '../../src/shop/demo/memory-order-book.ts';
import { StoreConversationStateStore } from '../../src/dialogue/store-conversation-state-store.ts';
import { StoreTurnLog } from '../../src/feedback/store-turn-log.ts';
import { turnLogMiddleware } from '../../src/feedback/turn-log-middleware.ts';
import { DataVault } from '../../src/privacy/data-vault.ts';
import type { Store } from '../../src/store/index.ts';
import { demoDialogueDeps, nluFor } from '../support/dialogue-deps.ts';

const ANGRY = /\b(furious|angry|unacceptable|ridiculous)\b/i;

/** Keyword NLU standing in for the trained models: enough for the dialogue to hand off and for sentiment to show. */
const keywordNlu: Middleware<Turn> = async (turn, next) => {
  const text = turn.message.text;
  const angry = ANGRY.test(text);
  turn.nlu = nluFor(text, /person|human|agent/i.test(text) ? [['talk_to_human', 0.92]] : [['complaint', 0.7]], {
    sentiment: angry
      ? { label: 'negative', scores: { negative: 0.85, neutral: 0.1, positive: 0.05 }, angry: true, angerScore: 0.9 }
      : { label: 'neutral', scores: { negative: 0.2, neutral: 0.7, positive: 0.1 }, angry: false, angerScore: 0.05 },
  });
  await next();
};

/**
 * The real turn log, dialogue and conversation state store over the harness store, with keyword NLU and the demo
 * shop: a customer in the widget hands off for real and every turn reaches the activity bus, as in `serve`.
 */
export async function harnessDialogueBot(options: { store: Store; activity: ActivityBus; logger: Logger; clock: () => Date }): Promise<{ bot: Bot; orders: MemoryOrderBook }> {
  const { store, activity, logger, clock } = options;
  const { deps, orders } = await demoDialogueDeps({ now: clock() });
  deps.clock = clock;
  deps.handoffs = { waitingCount: async () => (await store.conversations.listHandoffs({ limit: 1000 })).length };
  const states = new StoreConversationStateStore({ store, vault: new DataVault(randomBytes(32)), logger });
  const log = new StoreTurnLog({ store, logger, lowConfidenceBelow: 0.3, activity });
  const bot = createBot([turnLogMiddleware({ log, redaction: { orderIds: false } }), dialogueMiddleware({ states, deps }), keywordNlu]);
  return { bot, orders };
}
