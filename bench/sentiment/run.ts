// Sentiment benchmark: our model (trained only on intents/sentiment) against two lexicon baselines on SST-2 test and
// the UCI review sentences (Amazon, Yelp, IMDb). Usage: node bin/run-ts.mjs bench/sentiment/run.ts [--json] [--save <modelsDir>]
import { join } from 'node:path';
import { loadConfig } from '../../src/config/config.ts';
import { createLogger } from '../../src/core/logger.ts';
import { createEncoder } from '../../src/nlu/create-encoder.ts';
import { evaluateSentiment } from '../../src/nlu/sentiment/evaluate-sentiment.ts';
import { loadSentimentData } from '../../src/nlu/sentiment/load-sentiment-data.ts';
import { saveSentimentArtifact } from '../../src/nlu/sentiment/sentiment-artifact.ts';
import { trainSentimentModel } from '../../src/nlu/sentiment/train-sentiment-model.ts';
import { BENCH_DATASETS, missingFiles, readJsonl, SHARED_DATA_DIR } from './bench-datasets.ts';
import { naturalAfinn, nlpjsSentiment, type BinaryBaseline } from './lexicon-baselines.ts';

type Scores = Record<string, number>;

async function baselineAccuracy(baseline: BinaryBaseline, items: Array<{ text: string; label: string }>): Promise<number> {
  let correct = 0;
  for (const item of items) if ((await baseline.predict(item.text)) === item.label) correct += 1;
  return correct / items.length;
}

function withReviewMean(scores: Scores): Scores {
  const reviews = BENCH_DATASETS.filter((d) => d.review).map((d) => scores[d.name]);
  return { ...scores, 'review-mean': reviews.reduce((a, b) => a + b, 0) / reviews.length };
}

function table(rows: Record<string, Scores>): string {
  const columns = [...BENCH_DATASETS.map((d) => d.name), 'review-mean'];
  const head = `| system | ${columns.join(' | ')} |`;
  const rule = `|---|${columns.map(() => '---:').join('|')}|`;
  const body = Object.entries(rows).map(([name, s]) => `| ${name} | ${columns.map((c) => (s[c] * 100).toFixed(1)).join(' | ')} |`);
  return [head, rule, ...body].join('\n');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const saveIndex = args.indexOf('--save');
  const missing = missingFiles(BENCH_DATASETS.map((d) => d.path));
  if (missing.length > 0) {
    console.log(`sentiment benchmark skipped: shared datasets not found under ${SHARED_DATA_DIR} (missing: ${missing.join(', ')})`);
    return;
  }
  const config = loadConfig();
  const logger = createLogger({ level: json ? 'warn' : 'info' });
  const encoder = await createEncoder({ config, logger });
  const examples = loadSentimentData(join(process.cwd(), 'intents', 'sentiment'));
  const model = await trainSentimentModel({ examples, encoder, seed: config.intent.seed, logger });
  if (saveIndex >= 0) logger.info('sentiment artifact saved', saveSentimentArtifact(model, args[saveIndex + 1] ?? join(config.dataDir, 'models', 'sentiment')));

  const rows: Record<string, Scores> = { 'shopmate (USE lite + head)': {}, 'natural AFINN': {}, 'nlp.js sentiment': {} };
  const details: Record<string, unknown> = {};
  const nlpjs = nlpjsSentiment();
  for (const dataset of BENCH_DATASETS) {
    const items = readJsonl(dataset.path);
    const evaluation = await evaluateSentiment({ model, encoder, test: items });
    details[dataset.name] = evaluation;
    rows['shopmate (USE lite + head)'][dataset.name] = evaluation.accuracy;
    rows['natural AFINN'][dataset.name] = await baselineAccuracy(naturalAfinn, items);
    rows['nlp.js sentiment'][dataset.name] = await baselineAccuracy(nlpjs, items);
  }
  for (const name of Object.keys(rows)) rows[name] = withReviewMean(rows[name]);

  if (json) {
    console.log(JSON.stringify({ modelVersion: model.version, trainingCounts: model.info.counts, features: model.info.features,
      trainMetrics: model.info.metrics, accuracy: rows, details }));
    return;
  }
  console.log(`sentiment model ${model.version}: trained on ${examples.length} sentences from intents/sentiment`);
  console.log('binary test sets: the label is argmax(P(negative), P(positive)); neutral is never chosen\n');
  console.log(table(rows));
}

await main();
