import type { EventStore } from '../store.ts';
import { eventQuerySchema, newEventSchema, parseInput } from '../store-schemas.ts';
import type { ShopEvent } from '../types.ts';
import { byTime, inRange, page, type MemoryState } from './memory-state.ts';

export function memoryEventStore(s: MemoryState): EventStore {
  return {
    async record(input) {
      const e = parseInput(newEventSchema, input, 'event');
      const event: ShopEvent = { id: ++s.lastEventId, userId: e.userId, productId: e.productId, kind: e.kind, at: e.at ?? s.now() };
      s.events.push(event);
      return event;
    },
    async list(query) {
      const q = parseInput(eventQuerySchema, query, 'event query');
      const matches = s.events.filter(
        (e) =>
          (q.afterId === undefined || e.id > q.afterId) &&
          (q.userId === undefined || e.userId === q.userId) &&
          (q.productId === undefined || e.productId === q.productId) &&
          (q.kind === undefined || e.kind === q.kind) &&
          inRange(e.at, q.from, q.to),
      );
      return page(byTime(matches, (e) => e.at), 0, q.limit);
    },
  };
}
