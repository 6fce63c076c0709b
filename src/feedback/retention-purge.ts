import type { Logger } from '../core/logger.ts';
import type { Store } from '../store/store.ts';
import type { RetentionPurge } from '../store/types.ts';

const DAY = 86_400_000;

/** Purges turns, idle conversations and events older than the retention period now and then once a day, for as long as the server runs. */
export function startRetentionPurge(options: { store: Store; retentionDays: number; logger: Logger; now?: () => number }): { stop(): void; runOnce(): Promise<RetentionPurge> } {
  const now = options.now ?? Date.now;
  const runOnce = async () => {
    const cutoff = new Date(now() - options.retentionDays * DAY);
    const purged = await options.store.privacy.purgeOlderThan(cutoff);
    if (purged.turns + purged.conversations + purged.events > 0) options.logger.info('retention purge', { ...purged, cutoff: cutoff.toISOString() });
    return purged;
  };
  const safeRun = () => void runOnce().catch((e) => options.logger.error('retention purge failed', { error: String(e) }));
  safeRun();
  const timer = setInterval(safeRun, DAY);
  timer.unref(); // never keeps the process alive on its own
  return { stop: () => clearInterval(timer), runOnce };
}
