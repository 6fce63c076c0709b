/**
 * Every tunable of the recommenders in one object, so the config schema can expose them as a unit.
 * Weights are relative: component scores are normalised to [0, 1] before they are mixed.
 */
export interface RecommenderOptions {
  content: number;
  coPurchase: number;
  popularity: number;
  /** Added (after normalisation) to products listed within newProductDays. */
  newBoost: number;
  /** Half-life of an event's weight; Infinity disables decay. */
  halfLifeDays: number;
  newProductDays: number;
  /** Purchases within this many days are "just bought" and not recommended back to the same customer. */
  recentPurchaseDays: number;
  /** A logged purchase counts as bought together with the same customer's purchases this close in time. */
  basketWindowHours: number;
  /** Pseudo-count that damps co-purchase pairs seen only a few times (score * c / (c + shrinkage)). */
  coPurchaseShrinkage: number;
  /** 0 = P(candidate | seed), 0.5 = cosine; higher values favour rarer partners. */
  coPurchaseRarity: number;
  /** EASE ridge penalty, in (decayed) purchase counts: larger means closer to plain co-occurrence. */
  easeLambda: number;
  /** EASE covers at most this many of the most purchased products (a fit is O(n^3)); 0 disables EASE. */
  easeMaxProducts: number;
  /** Least time between two EASE refits; purchases in between only mark the model dirty. */
  easeRefitSeconds: number;
  /** How much one event of each kind adds to popularity; purchases are the strongest signal. */
  eventWeights: { purchase: number; click: number; view: number };
  /** Share of the content profile given to the query when there are also seed products. */
  queryWeight: number;
}

/**
 * coPurchase : popularity and easeLambda come from bench/recommend's validation tuning over four seeds (README,
 * "Recommender benchmark"); the content weight cannot be measured there (no queries) and is kept.
 */
export const DEFAULT_RECOMMENDER_OPTIONS: RecommenderOptions = {
  content: 0.25,
  coPurchase: 0.5,
  popularity: 0.25,
  newBoost: 0.15,
  halfLifeDays: 30,
  newProductDays: 30,
  recentPurchaseDays: 14,
  basketWindowHours: 24,
  coPurchaseShrinkage: 5,
  coPurchaseRarity: 0.2,
  easeLambda: 100,
  easeMaxProducts: 2000,
  easeRefitSeconds: 300,
  eventWeights: { purchase: 1, click: 0.2, view: 0 },
  queryWeight: 0.5,
};

export type RecommenderOptionsInput = Partial<Omit<RecommenderOptions, 'eventWeights'>> & {
  eventWeights?: Partial<RecommenderOptions['eventWeights']>;
};

export function resolveRecommenderOptions(input: RecommenderOptionsInput = {}): RecommenderOptions {
  const d = DEFAULT_RECOMMENDER_OPTIONS;
  return { ...d, ...input, eventWeights: { ...d.eventWeights, ...input.eventWeights } };
}

export const DAY_MS = 86_400_000;
