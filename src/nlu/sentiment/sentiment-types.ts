/** The three sentiment classes, in the order of the model's softmax output. */
export const SENTIMENT_LABELS = ['negative', 'neutral', 'positive'] as const;
export type SentimentLabel = (typeof SENTIMENT_LABELS)[number];

/** One training sentence. `angry` implies label 'negative' (enforced by the loader). */
export interface SentimentExample {
  text: string;
  label: SentimentLabel;
  angry: boolean;
}

export interface SentimentResult {
  label: SentimentLabel;
  /** Probabilities summing to 1. */
  scores: Record<SentimentLabel, number>;
  /** True when the message is negative and the anger head is above its threshold. */
  angry: boolean;
  /** Anger head probability in [0, 1], reported even when `angry` is false so callers can pick their own cut. */
  angerScore: number;
}

/** A gold-labelled evaluation sentence (benchmarks use SST-2 and the UCI review sentences). */
export interface SentimentTestItem {
  text: string;
  label: string;
  /** Gold anger flag (customer-service sets); when present, anger recall and false-anger rates are reported. */
  angry?: boolean;
}
