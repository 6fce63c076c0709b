import { ShopmateError } from '../../core/errors.ts';
import type { OutboxStore } from '../store.ts';
import { idSchema, outboxPushSchema, outboxQuerySchema, parseInput } from '../store-schemas.ts';
import type { MemoryState } from './memory-state.ts';

export function memoryOutboxStore(s: MemoryState): OutboxStore {
  return {
    async push(input) {
      const m = parseInput(outboxPushSchema, input, 'outbox message');
      if (!s.conversations.has(m.conversationId)) throw new ShopmateError('NOT_FOUND', `conversation ${m.conversationId} not found`);
      const record = { seq: (s.outbox.at(-1)?.seq ?? 0) + 1, conversationId: m.conversationId, payload: m.payload, at: m.at ?? s.now() };
      s.outbox.push(record);
      return record;
    },
    async listAfter(conversationId, options) {
      const id = parseInput(idSchema, conversationId, 'conversation id');
      const q = parseInput(outboxQuerySchema, options, 'outbox query');
      return s.outbox.filter((m) => m.conversationId === id && m.seq > (q.afterSeq ?? 0)).slice(-q.limit);
    },
  };
}
