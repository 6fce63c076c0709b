import type { Logger } from '../core/logger.ts';

/**
 * What happened in a conversation, for live views (the operator's handoff inbox). Events carry ids and times only,
 * never text: a subscriber re-reads what it shows from the store, so an event is a hint that is safe to lose, to
 * repeat, or to relay between instances.
 */
export type ActivityEvent =
  /** A customer message was logged (with the bot's replies, if any). */
  | { type: 'turn'; conversationId: string; userId: string; at: string }
  /** The conversation was handed to a person. */
  | { type: 'handoff'; conversationId: string; userId: string; at: string }
  /** An operator's reply was delivered and logged. */
  | { type: 'operator_reply'; conversationId: string; operator: string; at: string }
  /** An operator handed the conversation back to the bot or closed it. */
  | { type: 'released'; conversationId: string; ownership: 'bot' | 'closed'; at: string }
  /** Events from other instances may have been lost (their relay reconnected): live views re-read everything. */
  | { type: 'resync'; at: string };

export type ActivityType = ActivityEvent['type'];
export const ACTIVITY_TYPES: readonly ActivityType[] = ['turn', 'handoff', 'operator_reply', 'released', 'resync'];

/**
 * Publish/subscribe for conversation activity. In one process this is InProcessActivityBus; instances sharing a store
 * relay through its change signals (SignalActivityBus: LISTEN/NOTIFY on PostgreSQL) behind the same two methods.
 */
export interface ActivityBus {
  /** Never throws and never waits for subscribers: publishing sits on the customer's reply path. */
  publish(event: ActivityEvent): void;
  /** Returns the function that unsubscribes. */
  subscribe(listener: (event: ActivityEvent) => void): () => void;
}

export class InProcessActivityBus implements ActivityBus {
  private readonly listeners = new Set<(event: ActivityEvent) => void>();

  constructor(private readonly logger?: Logger) {}

  publish(event: ActivityEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (e) {
        // One broken live view must not fail the turn that published, nor starve the other subscribers.
        this.logger?.warn('activity subscriber failed', { type: event.type, error: (e as Error).message });
      }
    }
  }

  subscribe(listener: (event: ActivityEvent) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** Live subscribers (for tests and metrics). */
  get size(): number {
    return this.listeners.size;
  }
}
