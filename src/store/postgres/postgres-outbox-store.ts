import type { OutboxStore } from '../store.ts';
import { idSchema, outboxPushSchema, outboxQuerySchema, parseInput } from '../store-schemas.ts';
import type { OutboxRecord } from '../types.ts';
import type { PostgresContext } from './postgres-context.ts';
import { notifyInTransaction } from './postgres-signals.ts';
import { ADVISORY_LOCK_NAMESPACE, ADVISORY_LOCKS } from './postgres-locks.ts';
import { ms } from './postgres-rows.ts';

const toRecord = (r: Record<string, unknown>): OutboxRecord => ({
  seq: r.seq as number, conversationId: r.conversation_id as string, payload: r.payload as string, at: new Date(r.at as number),
});

export function postgresOutboxStore({ query, transaction, now }: PostgresContext): OutboxStore {
  return {
    async push(input) {
      const m = parseInput(outboxPushSchema, input, 'outbox message');
      const params = [m.conversationId, m.payload, ms(m.at ?? now())];
      return transaction(async (q) => {
        // Sequence numbers commit in order, so a widget polling "after seq N" never skips a reply (see revisions).
        await q('SELECT pg_advisory_xact_lock($1, $2)', [ADVISORY_LOCK_NAMESPACE, ADVISORY_LOCKS.outbox]);
        // An unknown conversation fails the foreign key: NOT_FOUND (mapPostgresError).
        const { rows: [row] } = await q('INSERT INTO outbox (conversation_id, payload, at) VALUES ($1, $2, $3) RETURNING *', params);
        await notifyInTransaction(q, 'outbox', m.conversationId);
        return toRecord(row!);
      });
    },
    async listAfter(conversationId, options) {
      const id = parseInput(idSchema, conversationId, 'conversation id');
      const o = parseInput(outboxQuerySchema, options, 'outbox query');
      // The newest `limit` after the cursor, returned oldest first.
      const { rows } = await query(
        'SELECT * FROM (SELECT * FROM outbox WHERE conversation_id = $1 AND seq > $2 ORDER BY seq DESC LIMIT $3) newest ORDER BY seq',
        [id, o.afterSeq ?? 0, o.limit],
      );
      return rows.map(toRecord);
    },
  };
}
