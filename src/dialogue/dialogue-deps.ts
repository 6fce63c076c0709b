import type { ProductMatch } from '../catalog/product-index.ts';
import type { ProductQuery } from '../catalog/product-query.ts';
import type { SearchResult } from '../catalog/product-search.ts';
import type { Product, ShopProfile } from '../knowledge/types.ts';
import type { NluResult } from '../nlu/nlu-result.ts';
import type { IntentBehaviours } from './intent-behaviours.ts';
import type { OrderBook } from './order-book.ts';
import type { OrderIdFormat } from '../shop/shop-platform.ts';

export interface KnowledgeHitRef {
  id: string;
  kind: 'faq' | 'policy' | 'product';
  title: string;
  /** The answer (FAQ), passage text (policy) or description (product). */
  text: string;
  score: number;
  /** Cosine of the embeddings and BM25 share behind the fused score. */
  scores?: { semantic: number; lexical: number };
  source: { file: string; id: string };
  /** The entry itself (FAQ: its questions), for telling which intent it answers. */
  entry?: unknown;
  /** Policy: the sentence that matched the question best (absent when its heading did). */
  matched?: string;
}

/** The slice of the knowledge base the dialogue uses. */
export interface KnowledgeSearch {
  search(query: string, opts: { kinds?: Array<KnowledgeHitRef['kind']>; k?: number }): Promise<KnowledgeHitRef[]>;
}

export interface RecommendationRef {
  productId: string;
  score: number;
  reasons: string[];
}

export interface ProductRecommender {
  recommend(
    ctx: { userId?: string; seedProductIds: string[]; query?: string; exclude?: string[] },
    k: number,
  ): Promise<RecommendationRef[]>;
}

export interface ProductCatalog {
  get(id: string): Product | undefined;
  list(): Product[];
  /** Products the text names (by number, name or partial name), with every equally plausible one. */
  resolve(text: string): ProductMatch[];
  parseQuery(text: string): ProductQuery;
  search(query: ProductQuery): SearchResult;
  /** Products URL for a card: the catalog's own or the configured pattern. */
  url(p: Product): string;
  /** Products that complete this one (named in its description, same series), best first. */
  complements(p: Product): Product[];
}

/** Everything the dialogue policy and its handlers depend on, wired once in the composition root. */
export interface DialogueDeps {
  profile: ShopProfile;
  knowledge: KnowledgeSearch;
  recommender: ProductRecommender;
  catalog: ProductCatalog;
  orders: OrderBook;
  /** How the shop's order numbers look: prompts show its example; a bare number answers "what is your order number?". */
  orderIds: OrderIdFormat;
  /** What each intent does (intents/*.yaml `responses`). */
  behaviours: IntentBehaviours;
  /** NLU for part of a message (two questions in one message are understood one by one). */
  analyze(text: string): Promise<NluResult>;
  /** The intent a knowledge entry answers (its questions classified by the serving model), for picking the FAQ entry
   * that fits what the customer asked rather than the one that merely shares words. */
  topicOf(hit: KnowledgeHitRef): Promise<string | undefined>;
  /** The knowledge base's subjects (FAQ tags) a message mentions, for follow-ups that refer to them with "it". */
  subjectsOf(text: string): string[];
  /** Notes for the team (an order action the shop's system could not take); shown in the dashboard's inbox. */
  notes: { leave(note: { conversationId: string; orderId?: string; text: string }): Promise<void> };
  /** How many conversations already wait for an agent (tells the customer their place in the queue). */
  handoffs: { waitingCount(): Promise<number> };
  clock: () => Date;
  settings: DialogueSettings;
}

export interface DialogueSettings {
  /** Below this top-intent score (and not out of scope) the bot asks a clarifying question. */
  clarifyBelow: number;
  /** Consecutive misunderstood turns before the bot offers a human. */
  failuresBeforeHandoffOffer: number;
  /** Negative-sentiment probability that, with a complaint or anger, hands over to a human at once. */
  handoffNegativeScore: number;
  /** Minimum knowledge-base score for an FAQ/policy answer to be given. */
  minAnswerScore: number;
  /** Knowledge-base score that answers a message no intent understood (instead of a clarifying question). */
  fallbackAnswerScore: number;
}

export const DEFAULT_DIALOGUE_SETTINGS: DialogueSettings = {
  clarifyBelow: 0.45,
  failuresBeforeHandoffOffer: 2,
  handoffNegativeScore: 0.85,
  minAnswerScore: 0,
  fallbackAnswerScore: 0.62,
};
