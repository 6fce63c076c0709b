export type { Basket, CatalogSource, Clock, EventSink, InteractionEvent, InteractionKind, RecommendContext, Recommendation, RecommendReason, Recommender } from './types.ts';
export { DEFAULT_RECOMMENDER_OPTIONS, resolveRecommenderOptions, type RecommenderOptions, type RecommenderOptionsInput } from './recommender-options.ts';
export type { RecommenderDeps } from './recommender-deps.ts';
export { PurchaseHistory } from './purchase-history.ts';
export { PopularityRecommender } from './popularity-recommender.ts';
export { CoPurchaseRecommender } from './co-purchase-recommender.ts';
export { ContentRecommender } from './content-recommender.ts';
export { HybridRecommender } from './hybrid-recommender.ts';
export { basketFromOrder, recordOrders } from './basket-from-order.ts';
