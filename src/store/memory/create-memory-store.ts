/**
 * The in-memory Store: the reference implementation the contract suite pins, and the store for tests and the
 * `memory` channel. Records are cloned on the way out (and JSON payloads on the way in), so a caller mutating a
 * returned object cannot change stored data, exactly like with SQLite.
 */
import { randomUUID } from 'node:crypto';
import type { Store, StoreOptions } from '../store.ts';
import { InProcessSignals } from '../in-process-signals.ts';
import { KeyedQueue } from '../keyed-queue.ts';
import { signalOnWrite } from '../signal-on-write.ts';
import { closedStore, guardMethods } from '../store-rules.ts';
import { idSchema, parseInput } from '../store-schemas.ts';
import { memoryAdminSessionStore } from './memory-admin-session-store.ts';
import { memoryAnalyticsStore } from './memory-analytics-store.ts';
import { memoryConversationStore } from './memory-conversation-store.ts';
import { memoryEventStore } from './memory-event-store.ts';
import { memoryFeedbackStore } from './memory-feedback-store.ts';
import { memoryModelRegistryStore } from './memory-model-registry-store.ts';
import { memoryOperatorStore } from './memory-operator-store.ts';
import { memoryPrivacyStore } from './memory-privacy-store.ts';
import { memoryReviewStore } from './memory-review-store.ts';
import { memoryRevisionStore } from './memory-revision-store.ts';
import { createMemoryState } from './memory-state.ts';
import { memoryOrderChangeStore } from './memory-order-change-store.ts';
import { memoryNoteStore } from './memory-note-store.ts';
import { memoryLeaseStore } from './memory-lease-store.ts';
import { memoryRateLimitStore } from './memory-rate-limit-store.ts';
import { memoryOutboxStore } from './memory-outbox-store.ts';
import { memoryTurnStore } from './memory-turn-store.ts';

export function createMemoryStore(options: StoreOptions = {}): Store {
  const state = createMemoryState(options.now ?? (() => new Date()), options.newId ?? randomUUID);
  let closed = false;
  const hooks = { isClosed: () => closed, mapResult: (v: unknown) => structuredClone(v) };
  const locks = new KeyedQueue();
  const signals = new InProcessSignals(() => closed);
  const signalled = signalOnWrite(
    { models: guardMethods(memoryModelRegistryStore(state), hooks), revisions: guardMethods(memoryRevisionStore(state), hooks), outbox: guardMethods(memoryOutboxStore(state), hooks) },
    signals,
  );
  return {
    kind: 'memory',
    conversations: guardMethods(memoryConversationStore(state), hooks),
    turns: guardMethods(memoryTurnStore(state), hooks),
    feedback: guardMethods(memoryFeedbackStore(state), hooks),
    reviews: guardMethods(memoryReviewStore(state), hooks),
    revisions: signalled.revisions,
    models: signalled.models,
    operators: guardMethods(memoryOperatorStore(state), hooks),
    events: guardMethods(memoryEventStore(state), hooks),
    privacy: guardMethods(memoryPrivacyStore(state), hooks),
    analytics: guardMethods(memoryAnalyticsStore(state), hooks),
    orderChanges: guardMethods(memoryOrderChangeStore(state), hooks),
    notes: guardMethods(memoryNoteStore(state), hooks),
    adminSessions: guardMethods(memoryAdminSessionStore(state), hooks),
    async withConversationLock(conversationId, work) {
      if (closed) throw closedStore();
      return locks.run(parseInput(idSchema, conversationId, 'conversation id'), work);
    },
    leases: guardMethods(memoryLeaseStore(state), hooks),
    rateLimits: guardMethods(memoryRateLimitStore(state), hooks),
    outbox: signalled.outbox,
    signals,
    async close() {
      closed = true;
    },
  };
}
