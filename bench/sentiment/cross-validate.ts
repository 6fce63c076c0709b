// k-fold cross-validation on our own training data (intents/sentiment): the only labelled source for the neutral
// class and the anger flag, which the binary review benchmarks cannot measure. Held-out folds are disjoint.
// Usage: node bin/run-ts.mjs bench/sentiment/cross-validate.ts [--json] [--folds 5]
import { join } from 'node:path';
import { loadConfig } from '../../src/config/config.ts';
import { createLogger, silentLogger } from '../../src/core/logger.ts';
import { createEncoder } from '../../src/nlu/create-encoder.ts';
import { evaluateSentiment } from '../../src/nlu/sentiment/evaluate-sentiment.ts';
import { loadSentimentData } from '../../src/nlu/sentiment/load-sentiment-data.ts';
import { permutation, seededRandom } from '../../src/core/seeded-random.ts';
import type { SentimentExample } from '../../src/nlu/sentiment/sentiment-types.ts';
import { trainSentimentModel } from '../../src/nlu/sentiment/train-sentiment-model.ts';
import { cleanText } from '../../src/nlu/text-hygiene.ts';

/** Fold index per example, stratified by label and anger so each fold sees every kind. */
function assignFolds(examples: SentimentExample[], folds: number, seed: number): number[] {
  const fold = new Array<number>(examples.length);
  const random = seededRandom(seed);
  const groups = new Map<string, number[]>();
  examples.forEach((e, i) => groups.set(`${e.label}/${e.angry}`, [...(groups.get(`${e.label}/${e.angry}`) ?? []), i]));
  for (const members of groups.values()) permutation(members.length, random).forEach((p, k) => (fold[members[p]] = k % folds));
  return fold;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const folds = Number(args[args.indexOf('--folds') + 1]) || 5;
  const config = loadConfig();
  const encoder = await createEncoder({ config, logger: createLogger({ level: 'warn' }) });
  const examples = loadSentimentData(join(process.cwd(), 'intents', 'sentiment'));
  const fold = assignFolds(examples, folds, config.intent.seed);
  const confusion: Record<string, Record<string, number>> = {};
  // Anger is scored at several thresholds so the default (DEFAULT_SENTIMENT_TRAINING.angerThreshold) can be chosen
  // on held-out folds of our own data instead of on any benchmark.
  const thresholds = [0.5, 0.6, 0.7, 0.8, 0.9];
  const anger = thresholds.map((threshold) => ({ threshold, tp: 0, fp: 0, fn: 0 }));
  let correct = 0;
  for (let k = 0; k < folds; k++) {
    const train = examples.filter((_, i) => fold[i] !== k);
    const held = examples.filter((_, i) => fold[i] === k);
    const model = await trainSentimentModel({ examples: train, encoder, seed: config.intent.seed, logger: silentLogger });
    const evaluation = await evaluateSentiment({ model, encoder, test: held });
    correct += evaluation.accuracy * held.length;
    for (const [gold, row] of Object.entries(evaluation.confusion))
      for (const [pred, n] of Object.entries(row)) ((confusion[gold] ??= {})[pred] = (confusion[gold][pred] ?? 0) + n);
    const texts = held.map((e) => cleanText(e.text, 1000));
    model.predict(await encoder.embed(texts), texts).forEach((r, i) => {
      for (const a of anger) {
        const flagged = r.label === 'negative' && r.angerScore >= a.threshold;
        if (flagged && held[i].angry) a.tp += 1;
        else if (flagged) a.fp += 1;
        else if (held[i].angry) a.fn += 1;
      }
    });
    model.dispose();
  }
  const result = {
    folds,
    n: examples.length,
    accuracy: correct / examples.length,
    confusion,
    anger: anger.map((a) => {
      const precision = a.tp / (a.tp + a.fp || 1);
      const recall = a.tp / (a.tp + a.fn || 1);
      return { ...a, precision, recall, f1: (2 * precision * recall) / (precision + recall || 1) };
    }),
  };
  if (args.includes('--json')) console.log(JSON.stringify(result));
  else {
    console.log(`${folds}-fold cross-validation on ${examples.length} sentences of intents/sentiment (3-way, neutral included)`);
    const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
    console.log(`accuracy ${pct(result.accuracy)}`);
    for (const a of result.anger) console.log(`anger threshold ${a.threshold}: precision ${pct(a.precision)}  recall ${pct(a.recall)}  F1 ${pct(a.f1)}`);
    console.log('confusion (gold -> predicted):', JSON.stringify(confusion));
  }
}

await main();
