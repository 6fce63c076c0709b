import { cloneJson } from '../json-value.ts';
import type { TurnStore } from '../store.ts';
import { badRequest, conflict, messageKey, notFound } from '../store-rules.ts';
import { channelIdSchema, idSchema, newTurnSchema, parseInput, recentLimitSchema, turnListSchema } from '../store-schemas.ts';
import type { TurnRecord } from '../types.ts';
import { byTime, inRange, page, type MemoryState } from './memory-state.ts';

export function memoryTurnStore(s: MemoryState): TurnStore {
  return {
    async append(input) {
      const t = parseInput(newTurnSchema, input, 'turn');
      const existingId = s.turnsByMessage.get(messageKey(t.channel, t.messageId));
      if (existingId) {
        const existing = s.turns.get(existingId)!;
        // A redelivery carries the same conversation; a different one means two messages share an id.
        if (existing.conversationId !== t.conversationId) {
          throw conflict(`message "${t.messageId}" on ${t.channel} is already stored for another conversation`, {
            messageId: t.messageId,
          });
        }
        return { turn: existing, created: false };
      }
      const conversation = s.conversations.get(t.conversationId);
      if (!conversation) throw notFound('conversation', t.conversationId);
      if (conversation.channel !== t.channel) {
        throw badRequest(`conversation "${t.conversationId}" is on ${conversation.channel}, not ${t.channel}`);
      }
      const { at, ...rest } = t;
      const turn: TurnRecord = { id: s.newId(), ...cloneJson(rest), at: at ?? s.now() };
      s.turns.set(turn.id, turn);
      s.turnsByMessage.set(messageKey(turn.channel, turn.messageId), turn.id);
      if (!conversation.lastMessageAt || conversation.lastMessageAt < turn.at) {
        s.conversations.set(conversation.id, { ...conversation, lastMessageAt: turn.at });
      }
      return { turn, created: true };
    },

    async get(id) {
      return s.turns.get(parseInput(idSchema, id, 'turn id')) ?? null;
    },

    async getByMessage(channel, messageId) {
      const ch = parseInput(channelIdSchema, channel, 'channel');
      const id = s.turnsByMessage.get(messageKey(ch, parseInput(idSchema, messageId, 'message id')));
      return id ? s.turns.get(id)! : null;
    },

    async listByConversation(conversationId, options) {
      const cid = parseInput(idSchema, conversationId, 'conversation id');
      const o = parseInput(turnListSchema, options, 'turn list options');
      const matches = [...s.turns.values()].filter((t) => t.conversationId === cid && inRange(t.at, o.from, o.to));
      return page(byTime(matches, (t) => t.at), o.offset, o.limit);
    },

    async recentByConversation(conversationId, limit) {
      const cid = parseInput(idSchema, conversationId, 'conversation id');
      const n = parseInput(recentLimitSchema, limit, 'limit');
      return byTime([...s.turns.values()].filter((t) => t.conversationId === cid), (t) => t.at).slice(-n);
    },

    async recentByUser(userId, limit) {
      const uid = parseInput(idSchema, userId, 'user id');
      const n = parseInput(recentLimitSchema, limit, 'limit');
      return byTime([...s.turns.values()].filter((t) => t.userId === uid), (t) => t.at).slice(-n);
    },

    async list(options) {
      const o = parseInput(turnListSchema, options, 'turn list options');
      const matches = [...s.turns.values()].filter((t) => inRange(t.at, o.from, o.to));
      return page(byTime(matches, (t) => t.at), o.offset, o.limit);
    },
  };
}
