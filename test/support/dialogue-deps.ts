import { join, resolve } from 'node:path';
import { BEHAVIOUR_NAMES } from '../../src/dialogue/behaviour-registry.ts';
import { DEFAULT_DIALOGUE_SETTINGS, type DialogueDeps, type KnowledgeHitRef } from '../../src/dialogue/dialogue-deps.ts';
import { intentBehaviours } from '../../src/dialogue/intent-behaviours.ts';
import { prefixedOrderIds } from '../../src/shop/order-id-format.ts';
import { MemoryOrderBook } from '../../src/shop/demo/memory-order-book.ts';
import { loadShop } from '../../src/knowledge/load-shop.ts';
import { subjectsIn } from '../../src/knowledge/subjects-in.ts';
import type { NluResult } from '../../src/nlu/nlu-result.ts';
import { loadIntentFiles } from '../../src/nlu/intent/intent-data.ts';
import { extractEntities } from '../../src/nlu/entities/index.ts';
import { ShopCatalog } from '../../src/shop-catalog.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');

/** An NLU result as a trained model would give it, with entities from the real extractors. */
export function nluFor(text: string, ranking: Array<[string, number]>, extra: Partial<NluResult> = {}, catalog?: ShopCatalog): NluResult {
  return {
    text,
    intent: { ranking: ranking.map(([intent, score]) => ({ intent, score })), outOfScope: false, inScopeScore: 0.9 },
    sentiment: { label: 'neutral', scores: { negative: 0.1, neutral: 0.8, positive: 0.1 }, angry: false, angerScore: 0 },
    entities: extractEntities(text, { catalog, now: new Date('2026-11-20T12:00:00Z') }),
    language: { code: 'en', confidence: 0.9, reliable: false },
    modelVersions: { intent: 't', sentiment: 't' },
    ...extra,
  };
}

/**
 * Dialogue dependencies over the demo shop (catalog, orders, profile, intents' behaviours) with a knowledge base that
 * returns `faq` hits, a fixed clock and no encoder: for unit tests of the policy without trained models.
 */
export async function demoDialogueDeps(options: { now?: Date; faq?: KnowledgeHitRef[]; waiting?: number } = {}): Promise<{ deps: DialogueDeps; catalog: ShopCatalog; orders: MemoryOrderBook; notes: Array<{ conversationId: string; orderId?: string; text: string }>; setNow: (at: Date) => void }> {
  const now = options.now ?? new Date('2026-11-18T10:00:00Z'); // a Wednesday, 11:00 in Amsterdam
  const shop = await loadShop(join(ROOT, 'knowledge'), { now });
  const catalog = new ShopCatalog(shop.products, '/products/{id}');
  const orderBook = new MemoryOrderBook({ orders: shop.orders, cancellableStatuses: shop.profile.cancellableStatuses, changeableStatuses: shop.profile.changeableStatuses });
  let clock = now;
  const notes: Array<{ conversationId: string; orderId?: string; text: string }> = [];
  const deps: DialogueDeps = {
    profile: shop.profile,
    knowledge: { search: async () => options.faq ?? [] },
    recommender: { recommend: async () => [] },
    catalog,
    orders: orderBook,
    orderIds: prefixedOrderIds('SM', 6),
    behaviours: intentBehaviours(loadIntentFiles(join(ROOT, 'intents')), BEHAVIOUR_NAMES),
    analyze: async (text) => nluFor(text, [['oos', 1]], {}, catalog),
    topicOf: async () => undefined,
    subjectsOf: (text) => subjectsIn(text, shop.faqs.map((entry) => ({ kind: 'faq', entry }))),
    notes: { leave: async (note) => void notes.push(note) },
    handoffs: { waitingCount: async () => options.waiting ?? 2 },
    clock: () => clock,
    settings: DEFAULT_DIALOGUE_SETTINGS,
  };
  return { deps, catalog, orders: orderBook, notes, setNow: (at) => void (clock = at) };
}
