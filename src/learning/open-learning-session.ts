import type { Config } from '../config/config.ts';
import type { Logger } from '../core/logger.ts';
import { createEncoder } from '../nlu/create-encoder.ts';
import { openSqliteStore, type SqliteStore } from '../store/index.ts';
import { createLearningLoop } from './create-learning-loop.ts';
import type { LearningLoop } from './learning-loop.ts';

/**
 * What the retrain / rollback / models commands share: the SQLite store at <dataDir>/shopmate.db (created empty on
 * a fresh data dir), the production encoder and the loop. `close()` releases the database.
 */
export async function openLearningSession(options: { config: Config; logger: Logger }): Promise<{ loop: LearningLoop; store: SqliteStore; close(): Promise<void> }> {
  const { config, logger } = options;
  const store = await openSqliteStore({ path: config.store.path });
  try {
    const encoder = await createEncoder({ config, logger });
    const loop = createLearningLoop({ config, logger, store, encoder });
    return { loop, store, close: () => store.close() };
  } catch (e) {
    await store.close();
    throw e;
  }
}
