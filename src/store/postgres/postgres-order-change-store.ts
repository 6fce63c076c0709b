import type { OrderChangeStore } from '../store.ts';
import { newOrderChangeSchema, orderChangeQuerySchema, parseInput } from '../store-schemas.ts';
import type { OrderChangeRecord } from '../types.ts';
import type { PostgresContext } from './postgres-context.ts';
import { ADVISORY_LOCK_NAMESPACE, ADVISORY_LOCKS } from './postgres-locks.ts';
import { ms } from './postgres-rows.ts';

const toChange = (r: Record<string, unknown>): OrderChangeRecord => ({
  seq: r.seq as number, platform: r.platform as string, orderId: r.order_id as string, kind: r.kind as OrderChangeRecord['kind'],
  payload: r.payload as string, at: new Date(r.at as number),
});

export function postgresOrderChangeStore({ query, transaction, now }: PostgresContext): OrderChangeStore {
  return {
    async append(input) {
      const c = parseInput(newOrderChangeSchema, input, 'order change');
      const params = [c.platform, c.orderId, c.kind, c.payload, ms(c.at ?? now())];
      return transaction(async (q) => {
        // Sequence numbers commit in order, so a reader replaying "after seq N" never skips a change (see revisions).
        await q('SELECT pg_advisory_xact_lock($1, $2)', [ADVISORY_LOCK_NAMESPACE, ADVISORY_LOCKS.orderChanges]);
        const { rows: [row] } = await q('INSERT INTO order_changes (platform, order_id, kind, payload, at) VALUES ($1, $2, $3, $4, $5) RETURNING *', params);
        return toChange(row!);
      });
    },
    async list(options) {
      const o = parseInput(orderChangeQuerySchema, options, 'order change query');
      const { rows } = await query('SELECT * FROM order_changes WHERE ($1::text IS NULL OR platform = $1) AND seq > $2 ORDER BY seq', [o.platform ?? null, o.afterSeq ?? 0]);
      return rows.map(toChange);
    },
  };
}
