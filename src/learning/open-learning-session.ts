import type { Config } from '../config/config.ts';
import type { Logger } from '../core/logger.ts';
import { createEncoder } from '../nlu/create-encoder.ts';
import { openSqliteStore, type SqliteStore } from '../store/index.ts';
import { join } from 'node:path';
import { modelsDir } from '../nlu/model-paths.ts';
import { loadSentimentData } from '../nlu/sentiment/load-sentiment-data.ts';
import { createLearningLoop } from './create-learning-loop.ts';
import { StoreReviewedDataSource } from './reviewed-data-source.ts';
import { SentimentLearning } from './sentiment-learning.ts';
import type { LearningLoop } from './learning-loop.ts';

/**
 * What the retrain / rollback / models commands share: the SQLite store at <dataDir>/shopmate.db (created empty on
 * a fresh data dir), the production encoder, the intent loop and the sentiment head's loop (operator corrections). `close()` releases the database.
 */
export async function openLearningSession(options: { config: Config; logger: Logger }): Promise<{ loop: LearningLoop; sentiment: SentimentLearning; store: SqliteStore; close(): Promise<void> }> {
  const { config, logger } = options;
  const store = await openSqliteStore({ path: config.store.path });
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
