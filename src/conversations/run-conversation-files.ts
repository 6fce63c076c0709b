import type { Config } from '../config/config.ts';
import type { Logger } from '../core/logger.ts';
import { buildApp } from '../main.ts';
import { openSqliteStore } from '../store/index.ts';
import type { ConversationSpec } from './conversation-spec.ts';
import { conversationTarget } from './conversation-target.ts';
import { ManualClock, runConversations, type ConversationReport } from './run-conversations.ts';

/**
 * Builds the real bot (serving models from the config's data dir, the configured shop) on a fresh database at
 * `databasePath`, runs the conversations through it and closes it again.
 */
export async function runConversationFiles(options: { config: Config; logger: Logger; specs: ConversationSpec[]; databasePath: string }): Promise<ConversationReport> {
  const store = await openSqliteStore({ path: options.databasePath });
  try {
    const clock = new ManualClock();
    const loadedAt = clock.now();
    const app = await buildApp({ config: options.config, logger: options.logger, store, clock: clock.now });
    try {
      return await runConversations(options.specs, conversationTarget(app, loadedAt, clock.now), clock);
    } finally {
      await app.close();
    }
  } finally {
    await store.close();
  }
}
