import type { PrivacyStore } from '../store.ts';
import { messageKey } from '../store-rules.ts';
import { cutoffSchema, idSchema, parseInput } from '../store-schemas.ts';
import type { ReviewItem, TurnRecord } from '../types.ts';
import { byTime, type MemoryState } from './memory-state.ts';

export function memoryPrivacyStore(s: MemoryState): PrivacyStore {
  /** The customer's turns: their own, plus every turn in a conversation they own (e.g. an agent's replies). */
  const customerTurns = (userId: string): TurnRecord[] => {
    const convs = new Set([...s.conversations.values()].filter((c) => c.userId === userId).map((c) => c.id));
    return [...s.turns.values()].filter((t) => t.userId === userId || convs.has(t.conversationId));
  };

  /** Turn deletion with its dependents, like the SQLite ON DELETE CASCADE. */
  const deleteTurns = (turnIds: Set<string>): { feedback: number; reviewItems: number } => {
    let feedback = 0;
    let reviewItems = 0;
    for (const [id, f] of s.feedback) if (turnIds.has(f.turnId) && s.feedback.delete(id)) feedback++;
    for (const [id, r] of s.reviews) if (turnIds.has(r.turnId) && s.reviews.delete(id)) reviewItems++;
    for (const id of turnIds) {
      const t = s.turns.get(id)!;
      s.turnsByMessage.delete(messageKey(t.channel, t.messageId));
      s.turns.delete(id);
    }
    return { feedback, reviewItems };
  };

  /** Notes go with their conversation, like the SQLite ON DELETE CASCADE. */
  const dropOrphanNotes = () => {
    for (const [id, n] of s.notes) if (n.conversationId !== null && !s.conversations.has(n.conversationId)) s.notes.delete(id);
    s.outbox = s.outbox.filter((m) => s.conversations.has(m.conversationId));
  };

  return {
    async exportCustomer(userId) {
      const uid = parseInput(idSchema, userId, 'user id');
      const turns = byTime(customerTurns(uid), (t) => t.at);
      const turnIds = new Set(turns.map((t) => t.id));
      const reviewItems: ReviewItem[] = byTime(
        [...s.reviews.values()].filter((r) => turnIds.has(r.turnId)),
        (r) => r.createdAt,
      ).map((r) => ({ ...r, intent: s.turns.get(r.turnId)?.intents[0]?.intent ?? null }));
      return {
        userId: uid,
        exportedAt: s.now(),
        conversations: byTime(
          [...s.conversations.values()].filter((c) => c.userId === uid),
          (c) => c.createdAt,
        ),
        turns,
        feedback: byTime(
          [...s.feedback.values()].filter((f) => turnIds.has(f.turnId)),
          (f) => f.at,
        ),
        reviewItems,
        events: byTime(
          s.events.filter((e) => e.userId === uid),
          (e) => e.at,
        ),
      };
    },

    async deleteCustomer(userId) {
      const uid = parseInput(idSchema, userId, 'user id');
      const turnIds = new Set(customerTurns(uid).map((t) => t.id));
      const { feedback, reviewItems } = deleteTurns(turnIds);
      let conversations = 0;
      for (const [id, c] of s.conversations) if (c.userId === uid && s.conversations.delete(id)) conversations++;
      dropOrphanNotes();
      const before = s.events.length;
      s.events = s.events.filter((e) => e.userId !== uid);
      return { conversations, turns: turnIds.size, feedback, reviewItems, events: before - s.events.length };
    },

    async purgeOlderThan(cutoff) {
      const c = parseInput(cutoffSchema, cutoff, 'cutoff').getTime();
      const old = new Set([...s.turns.values()].filter((t) => t.at.getTime() < c).map((t) => t.id));
      deleteTurns(old);
      const active = new Set([...s.turns.values()].map((t) => t.conversationId));
      for (const f of s.feedback.values()) active.add(f.conversationId);
      let conversations = 0;
      for (const [id, conv] of s.conversations) {
        const last = Math.max(conv.updatedAt.getTime(), conv.lastMessageAt?.getTime() ?? 0);
        if (last < c && !active.has(id) && s.conversations.delete(id)) conversations++;
      }
      dropOrphanNotes();
      for (const [id, n] of s.notes) if (n.createdAt.getTime() < c) s.notes.delete(id);
      s.outbox = s.outbox.filter((m) => m.at.getTime() >= c);
      const before = s.events.length;
      s.events = s.events.filter((e) => e.at.getTime() >= c);
      return { turns: old.size, conversations, events: before - s.events.length };
    },
  };
}
