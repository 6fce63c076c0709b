import { ShopmateError } from '../../core/errors.ts';
import type { Encoder } from '../encoder.ts';
import { cleanText } from '../text-hygiene.ts';
import { OOS_LABEL, type IntentClassifier, type IntentResult, type LabeledText } from './intent-classifier.ts';

export interface IntentMetrics {
  n: number;
  /** In-scope accuracy: right intent and not flagged out of scope, over in-scope examples. */
  accuracy: number;
  /** Argmax intent ignoring the out-of-scope flag, over in-scope examples. */
  forcedAccuracy: number;
  /** Macro-F1 over the model's intents plus 'oos' when the test set has out-of-scope examples. */
  macroF1: number;
  /** Share of out-of-scope examples flagged; null when the test set has none. */
  oosRecall: number | null;
  /** Share of flagged messages that really were out of scope; null when nothing was flagged or no oos examples. */
  oosPrecision: number | null;
  perIntent: Record<string, { precision: number; recall: number; f1: number; support: number }>;
  /** Most frequent (expected, predicted) mistakes, 'oos' included. */
  confusions: Array<{ expected: string; predicted: string; count: number }>;
}

export interface EvaluateOptions {
  classifier: IntentClassifier;
  encoder: Encoder;
  test: LabeledText[];
  maxInputChars?: number;
  topConfusions?: number;
}

/** The predicted label as a user sees it: the top intent, or 'oos' when flagged. */
function predictedLabel(r: IntentResult): string {
  return r.outOfScope ? OOS_LABEL : r.ranking[0].intent;
}

export async function evaluateIntents(options: EvaluateOptions): Promise<IntentMetrics> {
  const { classifier, encoder, test } = options;
  const known = new Set(classifier.intents);
  const unknown = [...new Set(test.map((e) => e.label).filter((l) => l !== OOS_LABEL && !known.has(l)))];
  if (unknown.length > 0) {
    throw new ShopmateError('EVAL_INPUT_INVALID', `test labels unknown to the model: ${unknown.slice(0, 20).join(', ')}`, {
      details: { unknown },
    });
  }
  if (test.length === 0) throw new ShopmateError('EVAL_INPUT_INVALID', 'the test set is empty');
  const texts = test.map((e, i) => {
    const t = cleanText(e.text, options.maxInputChars ?? 1000);
    if (t === '') throw new ShopmateError('EVAL_INPUT_INVALID', `test example ${i} has an empty text`, { details: { index: i } });
    return t;
  });
  const vectors = await encoder.embed(texts);
  const results = vectors.map((v, i) => classifier.classify(v, texts[i]));
  return scoreResults(test.map((e) => e.label), results, [...classifier.intents], options.topConfusions ?? 10);
}

/** Pure metric computation, separate from embedding so it can be checked against hand-computed numbers. */
export function scoreResults(expected: string[], results: IntentResult[], intents: string[], topConfusions = 10): IntentMetrics {
  const predicted = results.map(predictedLabel);
  const inScope = expected.flatMap((l, i) => (l === OOS_LABEL ? [] : [i]));
  const oosIdx = expected.flatMap((l, i) => (l === OOS_LABEL ? [i] : []));
  const flagged = predicted.filter((p) => p === OOS_LABEL).length;
  const flaggedRight = oosIdx.filter((i) => predicted[i] === OOS_LABEL).length;
  const labels = oosIdx.length > 0 ? [...intents, OOS_LABEL] : intents;
  const perIntent: IntentMetrics['perIntent'] = {};
  for (const label of labels) {
    const tp = expected.filter((e, i) => e === label && predicted[i] === label).length;
    const support = expected.filter((e) => e === label).length;
    const predictedCount = predicted.filter((p) => p === label).length;
    const precision = predictedCount === 0 ? 0 : tp / predictedCount;
    const recall = support === 0 ? 0 : tp / support;
    perIntent[label] = { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall), support };
  }
  // Macro-F1 over labels that occur in the test set, so intents absent from it do not count as zero.
  const present = labels.filter((l) => perIntent[l].support > 0);
  const pairs = new Map<string, { expected: string; predicted: string; count: number }>();
  expected.forEach((e, i) => {
    if (e === predicted[i]) return;
    const key = `${e}\u0000${predicted[i]}`;
    const pair = pairs.get(key) ?? { expected: e, predicted: predicted[i], count: 0 };
    pair.count++;
    pairs.set(key, pair);
  });
  return {
    n: expected.length,
    accuracy: ratio(inScope.filter((i) => predicted[i] === expected[i]).length, inScope.length),
    forcedAccuracy: ratio(inScope.filter((i) => results[i].ranking[0].intent === expected[i]).length, inScope.length),
    macroF1: present.reduce((s, l) => s + perIntent[l].f1, 0) / Math.max(1, present.length),
    oosRecall: oosIdx.length === 0 ? null : flaggedRight / oosIdx.length,
    oosPrecision: oosIdx.length === 0 || flagged === 0 ? null : flaggedRight / flagged,
    perIntent,
    confusions: [...pairs.values()]
      .sort((a, b) => b.count - a.count || a.expected.localeCompare(b.expected) || a.predicted.localeCompare(b.predicted))
      .slice(0, topConfusions),
  };
}

function ratio(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}
