import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Logger } from '../core/logger.ts';
import type { SignalStore } from '../store/store.ts';
import type { Signal } from '../store/types.ts';
import { InProcessActivityBus, type ActivityBus, type ActivityEvent } from './activity-bus.ts';

const id = z.string().min(1).max(256);
const at = z.string().max(40);
/** What another instance relays; checked, since anything connected to the database can NOTIFY. */
const relayedSchema = z.object({
  origin: z.string().max(64),
  event: z.discriminatedUnion('type', [
    z.object({ type: z.literal('turn'), conversationId: id, userId: id, at }),
    z.object({ type: z.literal('handoff'), conversationId: id, userId: id, at }),
    z.object({ type: z.literal('operator_reply'), conversationId: id, operator: id, at }),
    z.object({ type: z.literal('released'), conversationId: id, ownership: z.enum(['bot', 'closed']), at }),
  ]),
});

/**
 * The activity bus of instances sharing one store: subscribers hear this process's events at once, as with
 * InProcessActivityBus, and every other instance's through the store's 'activity' signal (PostgreSQL NOTIFY; events
 * are ids and times, well within its payload limit). When the signals (re)start listening, events of other
 * instances may have been missed, so subscribers get a `resync` event and re-read. Publishing never waits for the
 * relay: it sits on the customer's reply path; a relay that fails is logged, and the inbox pages re-read on their
 * own every 30 seconds.
 */
export class SignalActivityBus implements ActivityBus {
  private readonly local: InProcessActivityBus;
  private readonly origin = randomUUID();
  private readonly unsubscribe: () => void;

  constructor(private readonly o: { signals: Pick<SignalStore, 'notify' | 'subscribe'>; logger: Logger; clock?: () => Date }) {
    this.local = new InProcessActivityBus(o.logger);
    this.unsubscribe = o.signals.subscribe('activity', (signal) => this.relayed(signal));
  }

  publish(event: ActivityEvent): void {
    this.local.publish(event);
    if (event.type === 'resync') return; // about this instance's relay only
    this.o.signals.notify('activity', JSON.stringify({ origin: this.origin, event })).catch((e: unknown) => {
      this.o.logger.warn('activity relay to other instances failed', { type: event.type, error: (e as Error).message });
    });
  }

  subscribe(listener: (event: ActivityEvent) => void): () => void {
    return this.local.subscribe(listener);
  }

  /** Live subscribers (for tests and metrics). */
  get size(): number {
    return this.local.size;
  }

  /** Stops hearing other instances (the app is closing). */
  close(): void {
    this.unsubscribe();
  }

  private relayed(signal: Signal): void {
    if (signal.kind === 'listening') {
      this.local.publish({ type: 'resync', at: (this.o.clock?.() ?? new Date()).toISOString() });
      return;
    }
    let parsed: z.infer<typeof relayedSchema>;
    try {
      parsed = relayedSchema.parse(JSON.parse(signal.payload));
    } catch (e) {
      this.o.logger.warn('ignored a malformed activity signal', { error: (e as Error).message });
      return;
    }
    if (parsed.origin !== this.origin) this.local.publish(parsed.event);
  }
}
