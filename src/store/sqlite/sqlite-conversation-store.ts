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
import type { SqliteContext } from './sqlite-context.ts';
import { ms, toConversation } from './sqlite-rows.ts';

export function sqliteConversationStore({ db, now }: SqliteContext): ConversationStore {
  const byId = db.prepare('SELECT * FROM conversations WHERE id = ?');
  const insert = db.prepare(
    `INSERT INTO conversations (id, channel, user_id, ownership, state, version, created_at, updated_at, last_message_at, ownership_changed_at)
     VALUES (@id, @channel, @userId, @ownership, @state, 1, @now, @now, NULL, @now)`,
  );
  const update = db.prepare(
    `UPDATE conversations SET state = @state, ownership = @ownership, version = version + 1, updated_at = @now,
       ownership_changed_at = CASE WHEN ownership = @ownership THEN ownership_changed_at ELSE @now END
     WHERE id = @id AND version = @version`,
  );
  // rowid = creation order, the tie-breaker the memory store gets from Map insertion order.
  const queue = db.prepare(
    `SELECT * FROM conversations WHERE ownership = 'agent' ORDER BY ownership_changed_at, rowid LIMIT ? OFFSET ?`,
  );
  const position = db.prepare(
    `SELECT COUNT(*) AS n FROM conversations q, conversations c
     WHERE c.id = ? AND c.ownership = 'agent' AND q.ownership = 'agent'
       AND (q.ownership_changed_at < c.ownership_changed_at OR (q.ownership_changed_at = c.ownership_changed_at AND q.rowid <= c.rowid))`,
  );
  const countQueue = db.prepare(`SELECT COUNT(*) AS n FROM conversations WHERE ownership = 'agent'`);
  const byUser = db.prepare('SELECT * FROM conversations WHERE user_id = ? ORDER BY created_at, rowid');

  const getOrCreate = db.transaction((c: ReturnType<typeof newConversationSchema.parse>) => {
    const existing = byId.get(c.id);
    if (existing) {
      const rec = toConversation(existing);
      if (rec.channel !== c.channel || rec.userId !== c.userId) {
        throw conflict(`conversation "${c.id}" belongs to another channel or user`, { id: c.id });
      }
      return rec;
    }
    insert.run({ ...c, state: JSON.stringify(c.state === undefined ? {} : c.state), now: ms(now()) });
    return toConversation(byId.get(c.id));
  });

  const updateTx = db.transaction((id: string, p: ReturnType<typeof conversationPatchSchema.parse>, expected?: number) => {
    const row = byId.get(id);
    if (!row) throw notFound('conversation', id);
    const current = toConversation(row);
    if (expected !== undefined && expected !== current.version) {
      throw conflict(`conversation "${id}" changed (version ${current.version}, expected ${expected})`, {
        id,
        version: current.version,
        expectedVersion: expected,
      });
    }
    update.run({
      id,
      version: current.version,
      state: p.state === undefined ? JSON.stringify(current.state) : JSON.stringify(p.state),
      ownership: p.ownership ?? current.ownership,
      now: ms(now()),
    });
    return toConversation(byId.get(id));
  });

  return {
    async getOrCreate(input) {
      return getOrCreate.immediate(parseInput(newConversationSchema, input, 'conversation'));
    },
    async get(id) {
      const row = byId.get(parseInput(idSchema, id, 'conversation id'));
      return row ? toConversation(row) : null;
    },
    async update(id, patch, options) {
      const cid = parseInput(idSchema, id, 'conversation id');
      const p = parseInput(conversationPatchSchema, patch, 'conversation patch');
      const { expectedVersion } = parseInput(updateOptionsSchema, options, 'update options');
      return updateTx.immediate(cid, p, expectedVersion);
    },
    async listByUser(userId) {
      return byUser.all(parseInput(idSchema, userId, 'user id')).map(toConversation);
    },
    async listHandoffs(options) {
      const { limit, offset } = parseInput(pagingSchema, options, 'paging');
      return queue.all(limit, offset).map((row, i) => {
        const conversation = toConversation(row);
        return { conversation, waitingSince: conversation.ownershipChangedAt, position: offset + i + 1 };
      });
    },
    async countHandoffs() {
      return (countQueue.get() as { n: number }).n;
    },

    async handoffPosition(conversationId) {
      const { n } = position.get(parseInput(idSchema, conversationId, 'conversation id')) as { n: number };
      return n === 0 ? null : n;
    },
  };
}
