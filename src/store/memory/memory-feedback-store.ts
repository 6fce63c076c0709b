import type { FeedbackStore } from '../store.ts';
import { notFound } from '../store-rules.ts';
import { idSchema, newFeedbackSchema, parseInput } from '../store-schemas.ts';
import type { FeedbackRecord } from '../types.ts';
import { byTime, type MemoryState } from './memory-state.ts';

export function memoryFeedbackStore(s: MemoryState): FeedbackStore {
  const where = (pred: (f: FeedbackRecord) => boolean) => byTime([...s.feedback.values()].filter(pred), (f) => f.at);
  return {
    async add(input) {
      const f = parseInput(newFeedbackSchema, input, 'feedback');
      const turn = s.turns.get(f.turnId);
      if (!turn) throw notFound('turn', f.turnId);
      const record = {
        ...f,
        id: s.newId(),
        conversationId: turn.conversationId,
        at: f.at ?? s.now(),
      } as FeedbackRecord;
      s.feedback.set(record.id, record);
      return record;
    },
    async get(id) {
      return s.feedback.get(parseInput(idSchema, id, 'feedback id')) ?? null;
    },
    async listByTurn(turnId) {
      const tid = parseInput(idSchema, turnId, 'turn id');
      return where((f) => f.turnId === tid);
    },
    async listByConversation(conversationId) {
      const cid = parseInput(idSchema, conversationId, 'conversation id');
      return where((f) => f.conversationId === cid);
    },
  };
}
