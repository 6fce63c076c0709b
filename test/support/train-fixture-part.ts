// Builds one part of the fixture models (see trained-models.ts) in its own process:
// `node bin/run-ts.mjs test/support/train-fixture-part.ts <intent|sentiment|knowledge> <dataDir>`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/config.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { HybridKnowledgeBase } from '../../src/knowledge/hybrid-knowledge-base.ts';
import { shopEntries } from '../../src/knowledge/kb-document.ts';
import { loadShop } from '../../src/knowledge/load-shop.ts';
import { MemoryRevisionLog } from '../../src/knowledge/memory-revision-log.ts';
import { createEncoder } from '../../src/nlu/create-encoder.ts';
import { trainIntentModel, trainSentimentModels } from '../../src/nlu/train-nlu-models.ts';
import { FIXTURE_ROOT, knowledgeMarker, knowledgeFingerprint } from './trained-models.ts';

const [part, dataDir] = process.argv.slice(2);
if (!['intent', 'sentiment', 'knowledge'].includes(part) || !dataDir) {
  console.error('usage: train-fixture-part.ts <intent|sentiment|knowledge> <dataDir>');
  process.exit(2);
}
// No encoder pool: the parts already run as parallel processes, one per core.
const config = loadConfig({ env: { SHOPMATE_LOG_LEVEL: 'silent' }, cwd: join(import.meta.dirname, '..', '..'), overrides: { dataDir, nlu: { encoderWorkers: 0 } } });
const logger = silentLogger;

if (part === 'knowledge') {
  // Every app the model tests build embeds the demo shop's knowledge (a thousand long texts, half a minute of CPU).
  // Done once here into the data dir's embedding cache, it is not done by several test workers at the same time.
  const encoder = await createEncoder({ config, logger });
  const shop = await loadShop(config.knowledgeDir, { now: new Date() });
  await HybridKnowledgeBase.create({ encoder, revisionLog: new MemoryRevisionLog(), logger, entries: shopEntries(shop), maxInputChars: config.nlu.maxInputChars });
  writeFileSync(knowledgeMarker(dataDir), knowledgeFingerprint());
} else {
  // The training sentences' embeddings are shared across fingerprints (retraining after a code change does not
  // re-embed), one file per part so two processes never append to the same file.
  const encoder = await createEncoder({ config, logger, cachePath: join(FIXTURE_ROOT, `embeddings-${part}.bin`) });
  await (part === 'intent' ? trainIntentModel : trainSentimentModels)({ config, logger, encoder });
}
