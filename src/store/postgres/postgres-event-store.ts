import type { EventStore } from '../store.ts';
import { eventQuerySchema, newEventSchema, parseInput } from '../store-schemas.ts';
import type { PostgresContext } from './postgres-context.ts';
import { ADVISORY_LOCK_NAMESPACE, ADVISORY_LOCKS } from './postgres-locks.ts';
import { ms, toEvent } from './postgres-rows.ts';

export function postgresEventStore({ query, transaction, now }: PostgresContext): EventStore {
  return {
    async record(input) {
      const e = parseInput(newEventSchema, input, 'event');
      const params = [e.userId, e.productId, e.kind, ms(e.at ?? now())];
      return transaction(async (q) => {
        // Ids commit in order, so a reader resuming "after id N" never skips an event (see the revision store).
        await q('SELECT pg_advisory_xact_lock($1, $2)', [ADVISORY_LOCK_NAMESPACE, ADVISORY_LOCKS.events]);
        const { rows: [row] } = await q('INSERT INTO events (user_id, product_id, kind, at) VALUES ($1, $2, $3, $4) RETURNING *', params);
        return toEvent(row);
      });
    },
    async list(input) {
      const q = parseInput(eventQuerySchema, input, 'event query');
      const { rows } = await query(
        `SELECT * FROM events
         WHERE ($1::text IS NULL OR user_id = $1) AND ($2::text IS NULL OR product_id = $2) AND ($3::text IS NULL OR kind = $3)
           AND ($4::bigint IS NULL OR at >= $4) AND ($5::bigint IS NULL OR at < $5) AND ($7::bigint IS NULL OR id > $7)
         ORDER BY at, id LIMIT $6`,
        [q.userId ?? null, q.productId ?? null, q.kind ?? null, q.from ? ms(q.from) : null, q.to ? ms(q.to) : null, q.limit ?? null, q.afterId ?? null],
      );
      return rows.map(toEvent);
    },
  };
}
