import type { Config } from '../config/config.ts';
import type { Logger } from '../core/logger.ts';
import { createEncoder } from '../nlu/create-encoder.ts';
import { openDurableStore } from '../open-store.ts';
import type { Store } from '../store/index.ts';
import { join } from 'node:path';
import { modelsDir } from '../nlu/model-paths.ts';
import { loadSentimentData } from '../nlu/sentiment/load-sentiment-data.ts';
import { createLearningLoop } from './create-learning-loop.ts';
import { StoreReviewedDataSource } from './reviewed-data-source.ts';
import { SentimentLearning } from './sentiment-learning.ts';
import type { LearningLoop } from './learning-loop.ts';

/**
 * What the retrain / rollback / models commands share: the durable store (PostgreSQL when configured, else SQLite at
 * <dataDir>/shopmate.db, created empty on a fresh data dir), the production encoder, the intent loop and the sentiment head's loop (operator corrections). `close()` releases the database.
 */
export async function openLearningSession(options: { config: Config; logger: Logger }): Promise<{ loop: LearningLoop; sentiment: SentimentLearning; store: Store; close(): Promise<void> }> {
  const { config, logger } = options;
  const store = await openDurableStore(config);
  try {
    const encoder = await createEncoder({ config, logger });
    const loop = createLearningLoop({ config, logger, store, encoder });
    const sentiment = new SentimentLearning({
      registry: store.models,
      reviewed: new StoreReviewedDataSource(store),
      baseExamples: () => loadSentimentData(join(config.intentsDir, 'sentiment')),
      encoder,
      modelsDir: modelsDir(config, 'sentiment'),
      seed: config.intent.seed,
      logger,
    });
    return { loop, sentiment, store, close: () => store.close() };
  } catch (e) {
    await store.close();
    throw e;
  }
}
