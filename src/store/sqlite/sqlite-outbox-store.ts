import type { OutboxStore } from '../store.ts';
import { idSchema, outboxPushSchema, outboxQuerySchema, parseInput } from '../store-schemas.ts';
import type { OutboxRecord } from '../types.ts';
import type { SqliteContext } from './sqlite-context.ts';
import { date, ms } from './sqlite-rows.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a better-sqlite3 row
const toRecord = (r: any): OutboxRecord => ({ seq: r.seq, conversationId: r.conversation_id, payload: r.payload, at: date(r.at) });

export function sqliteOutboxStore({ db, now }: SqliteContext): OutboxStore {
  const insert = db.prepare('INSERT INTO outbox (conversation_id, payload, at) VALUES (@conversationId, @payload, @at)');
  const bySeq = db.prepare('SELECT * FROM outbox WHERE seq = ?');
  // The newest `limit` after the cursor, returned oldest first.
  const after = db.prepare('SELECT * FROM (SELECT * FROM outbox WHERE conversation_id = @id AND seq > @after ORDER BY seq DESC LIMIT @limit) ORDER BY seq');
  return {
    async push(input) {
      const m = parseInput(outboxPushSchema, input, 'outbox message');
      // An unknown conversation fails the foreign key: NOT_FOUND (mapSqliteError).
      const { lastInsertRowid } = insert.run({ conversationId: m.conversationId, payload: m.payload, at: ms(m.at ?? now()) });
      return toRecord(bySeq.get(lastInsertRowid));
    },
    async listAfter(conversationId, options) {
      const id = parseInput(idSchema, conversationId, 'conversation id');
      const q = parseInput(outboxQuerySchema, options, 'outbox query');
      return after.all({ id, after: q.afterSeq ?? 0, limit: q.limit }).map(toRecord);
    },
  };
}
