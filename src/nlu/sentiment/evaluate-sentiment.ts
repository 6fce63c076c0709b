import { ShopmateError } from '../../core/errors.ts';
import type { Encoder } from '../encoder.ts';
import { cleanText } from '../text-hygiene.ts';
import type { SentimentModel } from './sentiment-model.ts';
import { SENTIMENT_LABELS, type SentimentLabel, type SentimentResult, type SentimentTestItem } from './sentiment-types.ts';

export interface SentimentEvaluation {
  n: number;
  /** True when the test set has only positive/negative gold labels; see evaluateSentiment. */
  binary: boolean;
  accuracy: number;
  perClass: Record<string, { precision: number; recall: number; support: number }>;
  /** confusion[gold][predicted] = count. */
  confusion: Record<string, Record<string, number>>;
  /** When the test items carry `angry`: how many angry messages are caught, and how many others are called angry. */
  anger?: {
    recall: number;
    precision: number;
    /** Share of calm messages (gold neutral or positive) called angry: each would be handed to a person by mistake. */
    falseAngerCalm: number;
    /** Share of negative but not angry messages (mild frustration) called angry. */
    falseAngerMild: number;
    support: { angry: number; calm: number; mild: number };
  };
}

/**
 * The label a binary benchmark scores: the larger of P(positive) and P(negative). Review benchmarks (SST-2, UCI)
 * have no neutral gold label, so letting the model answer "neutral" would count every hedge as an error that the
 * two-class baselines cannot make; comparing the two polar probabilities is the standard reduction.
 */
export function binaryLabel(result: SentimentResult): SentimentLabel {
  return result.scores.positive > result.scores.negative ? 'positive' : 'negative';
}

function validate(test: SentimentTestItem[]): void {
  if (test.length === 0) throw new ShopmateError('EVAL_INPUT_INVALID', 'sentiment test set is empty');
  test.forEach((t, i) => {
    if (typeof t.text !== 'string' || cleanText(t.text, 1000) === '') {
      throw new ShopmateError('EVAL_INPUT_INVALID', `sentiment test item ${i} has no text`, { details: { index: i } });
    }
    if (!(SENTIMENT_LABELS as readonly string[]).includes(t.label)) {
      throw new ShopmateError('EVAL_INPUT_INVALID', `sentiment test item ${i} has label "${t.label}", expected one of ${SENTIMENT_LABELS.join(', ')}`, { details: { index: i } });
    }
  });
}

/** Accuracy, per-class precision/recall and the confusion matrix of `model` on `test`. */
export async function evaluateSentiment(params: { model: SentimentModel; encoder: Encoder; test: SentimentTestItem[] }): Promise<SentimentEvaluation> {
  const { model, encoder, test } = params;
  validate(test);
  const binary = test.every((t) => t.label === 'positive' || t.label === 'negative');
  const texts = test.map((t) => cleanText(t.text, 1000));
  const results = model.predict(await encoder.embed(texts), texts);
  const predicted = results.map((r) => (binary ? binaryLabel(r) : r.label));
  const labels: readonly string[] = binary ? ['negative', 'positive'] : SENTIMENT_LABELS;
  const confusion = Object.fromEntries(labels.map((g) => [g, Object.fromEntries(labels.map((p) => [p, 0]))]));
  test.forEach((t, i) => (confusion[t.label][predicted[i]] += 1));
  const perClass = Object.fromEntries(
    labels.map((l) => {
      const tp = confusion[l][l];
      const predictedAs = labels.reduce((n, g) => n + confusion[g][l], 0);
      const support = labels.reduce((n, p) => n + confusion[l][p], 0);
      return [l, { precision: predictedAs ? tp / predictedAs : 0, recall: support ? tp / support : 0, support }];
    }),
  );
  const correct = labels.reduce((n, l) => n + confusion[l][l], 0);
  const anger = test.some((t) => typeof t.angry === 'boolean') ? angerMetrics(test, results) : undefined;
  return { n: test.length, binary, accuracy: correct / test.length, perClass, confusion, ...(anger ? { anger } : {}) };
}

function angerMetrics(test: SentimentTestItem[], results: SentimentResult[]): NonNullable<SentimentEvaluation['anger']> {
  const rate = (rows: number[]) => (rows.length === 0 ? 0 : rows.filter((i) => results[i].angry).length / rows.length);
  const idx = test.map((_, i) => i);
  const angry = idx.filter((i) => test[i].angry === true);
  const calm = idx.filter((i) => test[i].angry !== true && test[i].label !== 'negative');
  const mild = idx.filter((i) => test[i].angry !== true && test[i].label === 'negative');
  const flagged = idx.filter((i) => results[i].angry);
  return {
    recall: rate(angry),
    precision: flagged.length === 0 ? 0 : flagged.filter((i) => test[i].angry === true).length / flagged.length,
    falseAngerCalm: rate(calm),
    falseAngerMild: rate(mild),
    support: { angry: angry.length, calm: calm.length, mild: mild.length },
  };
}
