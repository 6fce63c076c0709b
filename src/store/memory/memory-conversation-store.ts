import { cloneJson } from '../json-value.ts';
import type { ConversationStore } from '../store.ts';
import { conflict, notFound } from '../store-rules.ts';
import {
  conversationPatchSchema,
  idSchema,
  newConversationSchema,
  pagingSchema,
  parseInput,
  updateOptionsSchema,
} from '../store-schemas.ts';
import type { ConversationRecord, HandoffEntry } from '../types.ts';
import { byTime, page, type MemoryState } from './memory-state.ts';

export function memoryConversationStore(s: MemoryState): ConversationStore {
  const queue = (): ConversationRecord[] =>
    byTime(
      [...s.conversations.values()].filter((c) => c.ownership === 'agent'),
      (c) => c.ownershipChangedAt,
    );

  return {
    async getOrCreate(input) {
      const c = parseInput(newConversationSchema, input, 'conversation');
      const existing = s.conversations.get(c.id);
      if (existing) {
        if (existing.channel !== c.channel || existing.userId !== c.userId) {
          throw conflict(`conversation "${c.id}" belongs to another channel or user`, { id: c.id });
        }
        return existing;
      }
      const now = s.now();
      const record: ConversationRecord = {
        id: c.id,
        channel: c.channel,
        userId: c.userId,
        ownership: c.ownership,
        state: cloneJson(c.state === undefined ? {} : c.state),
        version: 1,
        createdAt: now,
        updatedAt: now,
        lastMessageAt: null,
        ownershipChangedAt: now,
      };
      s.conversations.set(record.id, record);
      return record;
    },

    async get(id) {
      return s.conversations.get(parseInput(idSchema, id, 'conversation id')) ?? null;
    },

    async update(id, patch, options) {
      const cid = parseInput(idSchema, id, 'conversation id');
      const p = parseInput(conversationPatchSchema, patch, 'conversation patch');
      const { expectedVersion } = parseInput(updateOptionsSchema, options, 'update options');
      const current = s.conversations.get(cid);
      if (!current) throw notFound('conversation', cid);
      if (expectedVersion !== undefined && expectedVersion !== current.version) {
        throw conflict(`conversation "${cid}" changed (version ${current.version}, expected ${expectedVersion})`, {
          id: cid,
          version: current.version,
          expectedVersion,
        });
      }
      const now = s.now();
      const ownershipChanged = p.ownership !== undefined && p.ownership !== current.ownership;
      const next: ConversationRecord = {
        ...current,
        state: p.state === undefined ? current.state : cloneJson(p.state),
        ownership: p.ownership ?? current.ownership,
        version: current.version + 1,
        updatedAt: now,
        ownershipChangedAt: ownershipChanged ? now : current.ownershipChangedAt,
      };
      s.conversations.set(cid, next);
      return next;
    },

    async listByUser(userId) {
      const uid = parseInput(idSchema, userId, 'user id');
      return byTime(
        [...s.conversations.values()].filter((c) => c.userId === uid),
        (c) => c.createdAt,
      );
    },

    async listHandoffs(options) {
      const { limit, offset } = parseInput(pagingSchema, options, 'paging');
      return page(queue(), offset, limit).map(
        (conversation, i): HandoffEntry => ({ conversation, waitingSince: conversation.ownershipChangedAt, position: offset + i + 1 }),
      );
    },

    async countHandoffs() {
      return queue().length;
    },

    async handoffPosition(conversationId) {
      const cid = parseInput(idSchema, conversationId, 'conversation id');
      const i = queue().findIndex((c) => c.id === cid);
      return i < 0 ? null : i + 1;
    },
  };
}
