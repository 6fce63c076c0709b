import type { Logger } from '../core/logger.ts';
import type { SignalStore } from '../store/store.ts';
import { watchChanges } from '../store/watch-changes.ts';

/**
 * Picks up knowledge edits made by other processes sharing the store (`shopmate faq add`, another instance's
 * dashboard) when their revision signals, and every `pollMs` for a signal that never came (a CLI writing the SQLite
 * file of a running server), with one indexed read of the revision log, so every instance answers them without a
 * restart.
 */
export function startKnowledgeSync(options: {
  knowledge: { syncRevisions(): Promise<number> };
  signals: Pick<SignalStore, 'subscribe'>;
  logger: Logger;
  pollMs: number;
}): { stop(): void } {
  return watchChanges({
    signals: options.signals,
    channel: 'revisions',
    // A slow embed never stacks syncs: watchChanges runs one at a time and once more if signalled meanwhile.
    run: () => options.knowledge.syncRevisions(),
    pollMs: options.pollMs,
    onError: (e) => options.logger.error('knowledge sync failed', { error: e.message }),
  });
}
