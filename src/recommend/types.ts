import type { Product } from '../knowledge/types.ts';

export type RecommendReason = 'similar' | 'bought-together' | 'popular' | 'new';

export interface RecommendContext {
  userId?: string;
  /** Products the customer is viewing or has bought; they anchor similarity and co-purchase and are never returned. */
  seedProductIds: string[];
  query?: string;
  exclude?: string[];
}

export interface Recommendation {
  productId: string;
  score: number;
  reasons: RecommendReason[];
}

export interface Recommender {
  recommend(ctx: RecommendContext, k: number): Promise<Recommendation[]>;
}

export type InteractionKind = 'purchase' | 'click' | 'view';

export interface InteractionEvent {
  userId?: string;
  productId: string;
  kind: InteractionKind;
  at: Date;
}

/** Products bought together in one order (or one grocery basket in the benchmark). */
export interface Basket {
  userId?: string;
  productIds: string[];
  at: Date;
}

/** Anything that learns online from what customers do. */
export interface EventSink {
  recordEvent(event: InteractionEvent): void;
  recordBasket(basket: Basket): void;
}

/** Read at recommend time, so stock changes and newly listed products apply at once. */
export type CatalogSource = () => readonly Product[];
export type Clock = () => Date;
