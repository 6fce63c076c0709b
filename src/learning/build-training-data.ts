import type { LabeledText } from '../nlu/intent/intent-classifier.ts';
import { exampleKey, type RegressionSplit } from './frozen-regression-set.ts';
import type { ReviewedExample } from './review-examples.ts';

export interface TrainingData {
  examples: LabeledText[];
  seed: number;
  summary: TrainingDataSummary;
}

export interface TrainingDataSummary {
  baseExamples: number;
  reviewedExamples: number;
  /** Reviewed examples decided after `since` (the previous run's cut-off). */
  newReviewedExamples: number;
  heldOutForRegression: number;
  intents: number;
}

const sameText = (text: string) => text.trim().toLowerCase().replace(/\s+/g, ' ');

/**
 * Replay: every run trains on all of intents/ plus every reviewed example ever made (not only the new ones), so
 * nothing learned earlier is forgotten. Regression examples are left out so the gate measures unseen data, and so is
 * any other example with the same text (a customer sending one question twice must not leak it into training).
 */
export function buildTrainingData(options: {
  base: readonly LabeledText[];
  reviewed: readonly ReviewedExample[];
  split: RegressionSplit;
  since: Date | null;
  seed: number;
}): TrainingData {
  const { base, reviewed, split, since } = options;
  const heldTexts = new Set(split.examples.map((e) => sameText(e.text)));
  const baseKept = base.filter((e) => !split.heldOutBase.has(exampleKey(e)) && !heldTexts.has(sameText(e.text)));
  const reviewedKept = reviewed.filter((e) => !split.goldenItemIds.has(e.itemId) && !heldTexts.has(sameText(e.text)));
  const examples = [...baseKept, ...reviewedKept.map(({ text, label }) => ({ text, label }))];
  return {
    examples,
    seed: options.seed,
    summary: {
      baseExamples: baseKept.length,
      reviewedExamples: reviewedKept.length,
      newReviewedExamples: reviewed.filter((e) => since === null || e.decidedAt > since).length,
      heldOutForRegression: base.length - baseKept.length + (reviewed.length - reviewedKept.length),
      intents: new Set(examples.map((e) => e.label)).size,
    },
  };
}
