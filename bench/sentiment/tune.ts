// Hyper-parameter and feature selection for the sentiment head on the SST-2 *validation* split (a dev set: never
// trained on, and the test splits are never looked at here). Usage: node bin/run-ts.mjs bench/sentiment/tune.ts [--json]
import { join } from 'node:path';
import { loadConfig } from '../../src/config/config.ts';
import { createLogger, silentLogger } from '../../src/core/logger.ts';
import { createEncoder } from '../../src/nlu/create-encoder.ts';
import { evaluateSentiment } from '../../src/nlu/sentiment/evaluate-sentiment.ts';
import { loadSentimentData } from '../../src/nlu/sentiment/load-sentiment-data.ts';
import { DEFAULT_SENTIMENT_TRAINING, trainSentimentModel, type SentimentTrainingOptions } from '../../src/nlu/sentiment/train-sentiment-model.ts';
import { missingFiles, readJsonl, SST2_DEV_PATH } from './bench-datasets.ts';

function grid(): Array<Partial<SentimentTrainingOptions>> {
  // A first sweep (hidden 0/64, l2 0/1e-4/1e-3, with and without lexical features) showed the linear head and the
  // strongest L2 ahead, so this sweep explores around them.
  const out: Array<Partial<SentimentTrainingOptions>> = [];
  for (const lexical of [true, false])
    for (const l2 of [1e-3, 3e-3, 1e-2]) out.push({ features: { lexical, hidden: 0, l2 } });
  out.push({ features: { lexical: true, hidden: 64, l2: 1e-2 } });
  for (const epochs of [30, 120]) out.push({ features: { lexical: true, hidden: 0, l2: 3e-3 }, epochs });
  return out;
}

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  if (missingFiles([SST2_DEV_PATH]).length > 0) {
    console.log(`sentiment tuning skipped: ${SST2_DEV_PATH} not found`);
    return;
  }
  const config = loadConfig();
  const encoder = await createEncoder({ config, logger: createLogger({ level: 'warn' }) });
  const examples = loadSentimentData(join(process.cwd(), 'intents', 'sentiment'));
  const dev = readJsonl(SST2_DEV_PATH);
  const rows = [];
  for (const override of grid()) {
    const options = { ...DEFAULT_SENTIMENT_TRAINING, ...override };
    const model = await trainSentimentModel({ examples, encoder, seed: config.intent.seed, logger: silentLogger, options });
    const { accuracy } = await evaluateSentiment({ model, encoder, test: dev });
    const row = { ...options.features, epochs: options.epochs, learningRate: options.learningRate, devAccuracy: accuracy,
      trainAccuracy: model.info.metrics.trainAccuracy };
    rows.push(row);
    if (!json) console.log(JSON.stringify(row));
    model.dispose();
  }
  if (json) console.log(JSON.stringify({ dev: 'sst2/val.jsonl', rows }));
}

await main();
