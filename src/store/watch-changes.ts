import type { SignalStore } from './store.ts';
import type { Signal, SignalChannel } from './types.ts';

export interface WatchChangesOptions {
  signals: Pick<SignalStore, 'subscribe'>;
  channel: SignalChannel;
  /** Re-reads what changed; resolves false when nothing did. Its errors are its own to report (see `onError`). */
  run: () => Promise<unknown>;
  /** The safety net: also run this often, for changes whose signal was lost or never sent (another SQLite process). */
  pollMs: number;
  /** Which change signals concern this reader (default all). `listening` signals always run it. */
  concerns?: (payload: string) => boolean;
  onError: (error: Error) => void;
}

/**
 * Runs a reader at once when its channel signals a change (and when signals (re)start reaching it, since some may have
 * been missed), and every `pollMs` in any case. Never two runs at once: a wake during a run runs it once more
 * afterwards, so a change that landed during a read is not left for the next poll.
 */
export function watchChanges(o: WatchChangesOptions): { stop(): void } {
  let running = false;
  let again = false;
  let stopped = false;
  const wake = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    void o
      .run()
      .catch((e: unknown) => o.onError(e as Error))
      .finally(() => {
        running = false;
        if (again) {
          again = false;
          wake();
        }
      });
  };
  const unsubscribe = o.signals.subscribe(o.channel, (signal: Signal) => {
    if (signal.kind === 'listening' || (o.concerns?.(signal.payload) ?? true)) wake();
  });
  const timer = setInterval(wake, o.pollMs);
  timer.unref();
  return {
    stop() {
      stopped = true;
      clearInterval(timer);
      unsubscribe();
    },
  };
}
