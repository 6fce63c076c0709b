import type { Logger } from '../core/logger.ts';

/**
 * Picks up knowledge edits made by other processes sharing the store (`shopmate faq add`, another instance's
 * dashboard) every second (one indexed read of the revision log), so every instance answers them without a restart.
 */
export function startKnowledgeSync(options: { knowledge: { syncRevisions(): Promise<number> }; logger: Logger; intervalMs?: number }): { stop(): void } {
  let running = false;
  const tick = async () => {
    if (running) return; // a slow embed must not stack syncs
    running = true;
    try {
      await options.knowledge.syncRevisions();
    } catch (e) {
      options.logger.error('knowledge sync failed', { error: (e as Error).message });
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), options.intervalMs ?? 1000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
