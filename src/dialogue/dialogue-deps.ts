import type { Product, ShopProfile } from '../knowledge/types.ts';
import type { OrderBook } from './order-book.ts';

export interface KnowledgeHitRef {
  id: string;
  kind: 'faq' | 'policy' | 'product';
  title: string;
  /** The answer (FAQ), passage text (policy) or description (product). */
  text: string;
  score: number;
  source: { file: string; id: string };
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
  /** Best catalog matches for free text (product names, categories), best first. */
  find(text: string, k: number): Promise<Product[]>;
}

/** Everything the dialogue policy and its handlers depend on, wired once in the composition root. */
export interface DialogueDeps {
  profile: ShopProfile;
  knowledge: KnowledgeSearch;
  recommender: ProductRecommender;
  catalog: ProductCatalog;
  orders: OrderBook;
  /** Public base URL for product links in cards ('' = relative links). */
  shopUrl: string;
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
}

export const DEFAULT_DIALOGUE_SETTINGS: DialogueSettings = {
  clarifyBelow: 0.45,
  failuresBeforeHandoffOffer: 2,
  handoffNegativeScore: 0.85,
  minAnswerScore: 0,
};
