import type { Config } from '../config/config.ts';
import type { Logger } from '../core/logger.ts';
import type { Encoder } from '../nlu/encoder.ts';
import { loadIntentFiles, toLabeledTexts } from '../nlu/intent/intent-data.ts';
import { modelsDir } from '../nlu/model-paths.ts';
import type { Store } from '../store/store.ts';
import { regressionSetFor } from './regression-set-for.ts';
import { LearningLoop, type LearningLoopOptions } from './learning-loop.ts';
import { StoreReviewedDataSource } from './reviewed-data-source.ts';
import { WorkerThreadTrainer } from './worker-thread-trainer.ts';

/**
 * The production wiring of the loop from the configuration: intents/ + the store's reviewed items, the frozen
 * regression set in <dataDir>/learning, a worker-thread trainer on the same data dir (cached embeddings).
 * `extra` adds the running server's parts (model slot, knowledge base, recommender) when there is one.
 */
export function createLearningLoop(options: {
  config: Config;
  logger: Logger;
  store: Pick<Store, 'turns' | 'privacy' | 'models' | 'events' | 'reviews' | 'leases'>;
  encoder: Encoder;
  extra?: Partial<LearningLoopOptions>;
}): LearningLoop {
  const { config, logger, store, encoder } = options;
  const dir = modelsDir(config, 'intent');
  const threshold = config.intent.oosThreshold;
  return new LearningLoop({
    registry: store.models,
    reviewed: new StoreReviewedDataSource(store),
    baseExamples: () => toLabeledTexts(loadIntentFiles(config.intentsDir)),
    regression: regressionSetFor(config),
    trainer: new WorkerThreadTrainer({ encoder: { kind: 'production', config }, modelsDir: dir, maxInputChars: config.nlu.maxInputChars }),
    encoder,
    modelsDir: dir,
    events: store.events,
    leases: store.leases,
    prepareModel: threshold === null ? undefined : (m) => m.withThreshold(threshold),
    seed: config.intent.seed,
    logger,
    gate: { maxOverallDrop: config.learning.maxOverallDrop, maxIntentDrop: config.learning.maxIntentDrop, minIntentSupport: config.learning.minIntentSupport },
    schedule: {
      intervalMs: config.learning.intervalMinutes > 0 ? config.learning.intervalMinutes * 60_000 : undefined,
      minNewReviewed: config.learning.minNewReviewed > 0 ? config.learning.minNewReviewed : undefined,
    },
    ...options.extra,
  });
}
