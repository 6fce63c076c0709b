/**
 * What the analytics store answers: counts aggregated in the database (GROUP BY over time buckets), never turns.
 * The dashboard (src/server/admin/compute-analytics.ts) turns these into rates, labels and charts.
 */

/**
 * Operator replies are logged as turns whose messageId starts with this (the dashboard writes them so); analytics
 * counts them apart, never as customer messages. SQLite's migration 5 spells the same prefix out.
 */
export const OPERATOR_MESSAGE_PREFIX = 'operator:';

/** The turns an aggregate covers: customer turns in [from, to), optionally of one model version. */
export interface AnalyticsWindow {
  /** Inclusive. */
  from: Date;
  /** Exclusive. */
  to: Date;
  /** Only turns answered by this intent model version (null = turns logged without one). */
  modelVersion?: string | null;
}

export interface AnalyticsQuery extends AnalyticsWindow {
  /** Bucket width: bucket i covers [from + i * bucketMs, from + (i + 1) * bucketMs). */
  bucketMs: number;
}

export interface TurnExtent {
  /** `at` of the oldest and newest customer turn in the window; null when there is none. */
  first: Date | null;
  last: Date | null;
}

export interface ModelAggregate {
  version: string | null;
  messages: number;
  /** Turns with an intent ranking, and the sum of their top scores (for the average confidence). */
  classified: number;
  topScoreSum: number;
  outOfScope: number;
  thumbsUp: number;
  thumbsDown: number;
}

export interface TurnAggregates {
  customerTurns: number;
  operatorTurns: number;
  conversations: number;
  outOfScope: number;
  /** Conversations in which a customer turn was answered with a handoff reply. */
  handoffConversations: number;
  /** Customer turns per (bucket, channel); only non-zero cells, ordered by bucket then channel. */
  byBucket: Array<{ bucket: number; channel: string; count: number }>;
  /**
   * Sentiment per bucket as sum and count of scores in -1..+1: positive minus negative probability, or the label
   * (+1 / 0 / -1) when the turn was logged without probabilities. Buckets without a scored turn are left out.
   */
  sentimentByBucket: Array<{ bucket: number; sum: number; count: number }>;
  /** The 10 most frequent top intents of in-scope turns, most frequent first (ties by name). */
  topIntents: Array<{ intent: string; count: number }>;
  /** Top-intent confidence in ten bins of 0.1 (a score of 1 falls in the last). */
  confidenceBins: number[];
  feedback: { thumbsUp: number; thumbsDown: number; ratings: number; ratingSum: number; ratingsAtLeast4: number };
}

export const DEMAND_SIGNALS = ['price_question', 'discount_request', 'too_expensive', 'out_of_stock', 'recommendation_click'] as const;
export type DemandSignal = (typeof DEMAND_SIGNALS)[number];

/**
 * The definitions of the turn-based signals, passed in by the caller so the store holds no shop vocabulary. Phrases
 * are matched as lower-case substrings of the (redacted) turn text; only ASCII letters are lower-cased, as SQLite's
 * lower() does. See README "Price-demand signals" for what each signal means.
 */
export interface DemandRules {
  pricePhrases: string[];
  priceIntents: string[];
  discountIntents: string[];
  tooExpensivePhrases: string[];
  stockIntents: string[];
}

export interface DemandQuery extends AnalyticsQuery {
  rules: DemandRules;
}

/** Distinct turns (or click events) per product, signal and bucket; only non-zero cells. */
export interface DemandCount {
  productId: string;
  signal: DemandSignal;
  bucket: number;
  count: number;
}
