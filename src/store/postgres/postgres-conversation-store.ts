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
import type { PostgresContext } from './postgres-context.ts';
import { ms, toConversation } from './postgres-rows.ts';

export function postgresConversationStore({ query, transaction, now }: PostgresContext): ConversationStore {
  return {
    async getOrCreate(input) {
      const c = parseInput(newConversationSchema, input, 'conversation');
      return transaction(async (q) => {
        const { rows: [existing] } = await q('SELECT * FROM conversations WHERE id = $1', [c.id]);
        if (existing) {
          const rec = toConversation(existing);
          if (rec.channel !== c.channel || rec.userId !== c.userId) {
            throw conflict(`conversation "${c.id}" belongs to another channel or user`, { id: c.id });
          }
          return rec;
        }
        const { rows: [row] } = await q(
          `INSERT INTO conversations (id, channel, user_id, ownership, state, version, created_at, updated_at, last_message_at, ownership_changed_at)
           VALUES ($1, $2, $3, $4, $5, 1, $6, $6, NULL, $6) RETURNING *`,
          [c.id, c.channel, c.userId, c.ownership, JSON.stringify(c.state === undefined ? {} : c.state), ms(now())],
        );
        return toConversation(row);
      });
    },
    async get(id) {
      const { rows: [row] } = await query('SELECT * FROM conversations WHERE id = $1', [parseInput(idSchema, id, 'conversation id')]);
      return row ? toConversation(row) : null;
    },
    async update(id, patch, options) {
      const cid = parseInput(idSchema, id, 'conversation id');
      const p = parseInput(conversationPatchSchema, patch, 'conversation patch');
      const { expectedVersion } = parseInput(updateOptionsSchema, options, 'update options');
      return transaction(async (q) => {
        const { rows: [row] } = await q('SELECT * FROM conversations WHERE id = $1 FOR UPDATE', [cid]);
        if (!row) throw notFound('conversation', cid);
        const current = toConversation(row);
        if (expectedVersion !== undefined && expectedVersion !== current.version) {
          throw conflict(`conversation "${cid}" changed (version ${current.version}, expected ${expectedVersion})`, {
            id: cid,
            version: current.version,
            expectedVersion,
          });
        }
        const ownership = p.ownership ?? current.ownership;
        const { rows: [updated] } = await q(
          `UPDATE conversations SET state = $2, ownership = $3, version = version + 1, updated_at = $4,
             ownership_changed_at = CASE WHEN ownership = $3 THEN ownership_changed_at ELSE $4 END
           WHERE id = $1 RETURNING *`,
          [cid, JSON.stringify(p.state === undefined ? current.state : p.state), ownership, ms(now())],
        );
        return toConversation(updated);
      });
    },
    async listByUser(userId) {
      const { rows } = await query('SELECT * FROM conversations WHERE user_id = $1 ORDER BY created_at, seq', [parseInput(idSchema, userId, 'user id')]);
      return rows.map(toConversation);
    },
    async listHandoffs(options) {
      const { limit, offset } = parseInput(pagingSchema, options, 'paging');
      // seq = creation order, the tie-breaker the memory store gets from Map insertion order.
      const { rows } = await query(
        `SELECT * FROM conversations WHERE ownership = 'agent' ORDER BY ownership_changed_at, seq LIMIT $1 OFFSET $2`,
        [limit, offset],
      );
      return rows.map((row, i) => {
        const conversation = toConversation(row);
        return { conversation, waitingSince: conversation.ownershipChangedAt, position: offset + i + 1 };
      });
    },
    async countHandoffs() {
      const { rows: [{ n }] } = await query<{ n: number }>(`SELECT COUNT(*) AS n FROM conversations WHERE ownership = 'agent'`);
      return n;
    },
    async handoffPosition(conversationId) {
      const { rows: [{ n }] } = await query<{ n: number }>(
        `SELECT COUNT(*) AS n FROM conversations q, conversations c
         WHERE c.id = $1 AND c.ownership = 'agent' AND q.ownership = 'agent'
           AND (q.ownership_changed_at, q.seq) <= (c.ownership_changed_at, c.seq)`,
        [parseInput(idSchema, conversationId, 'conversation id')],
      );
      return n === 0 ? null : n;
    },
  };
}
