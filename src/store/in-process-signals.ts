import type { SignalStore } from './store.ts';
import { closedStore } from './store-rules.ts';
import { parseInput, signalSchema } from './store-schemas.ts';
import { SignalListeners } from './signal-listeners.ts';
import type { Signal, SignalChannel } from './types.ts';

/**
 * Signals within one process: the memory store (one process by definition) and SQLite (one file, one serving
 * process; a CLI command writing the same file is not heard, which the readers' poll covers). Delivery is on a
 * later tick, as with PostgreSQL, so a writer never runs its readers' code inside its own call.
 */
export class InProcessSignals implements SignalStore {
  readonly reach = 'process' as const;
  private readonly listeners = new SignalListeners();

  constructor(private readonly isClosed: () => boolean) {}

  async notify(channel: SignalChannel, payload = ''): Promise<void> {
    if (this.isClosed()) throw closedStore();
    const s = parseInput(signalSchema, { channel, payload }, 'signal');
    setImmediate(() => this.listeners.deliver({ channel: s.channel, kind: 'change', payload: s.payload }));
  }

  subscribe(channel: SignalChannel, listener: (signal: Signal) => void): () => void {
    if (this.isClosed()) throw closedStore();
    const c = parseInput(signalSchema.shape.channel, channel, 'signal channel');
    const unsubscribe = this.listeners.add(c, listener);
    // Every signal from now on reaches it: it is listening as soon as it subscribed.
    setImmediate(() => {
      if (this.listeners.has(c, listener)) this.listeners.call(listener, { channel: c, kind: 'listening' });
    });
    return unsubscribe;
  }
}
