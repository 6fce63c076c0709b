import type { OrderChangeStore } from '../store.ts';
import { newOrderChangeSchema, orderChangeQuerySchema, parseInput } from '../store-schemas.ts';
import type { OrderChangeRecord } from '../types.ts';
import type { SqliteContext } from './sqlite-context.ts';
import { date, ms } from './sqlite-rows.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a better-sqlite3 row
const toChange = (r: any): OrderChangeRecord => ({ seq: r.seq, platform: r.platform, orderId: r.order_id, kind: r.kind, payload: r.payload, at: date(r.at) });

export function sqliteOrderChangeStore({ db, now }: SqliteContext): OrderChangeStore {
  const insert = db.prepare('INSERT INTO order_changes (platform, order_id, kind, payload, at) VALUES (@platform, @orderId, @kind, @payload, @at)');
  const bySeq = db.prepare('SELECT * FROM order_changes WHERE seq = ?');
  const list = db.prepare('SELECT * FROM order_changes WHERE (@platform IS NULL OR platform = @platform) AND seq > @after ORDER BY seq');
  return {
    async append(input) {
      const c = parseInput(newOrderChangeSchema, input, 'order change');
      const { lastInsertRowid } = insert.run({ ...c, at: ms(c.at ?? now()) });
      return toChange(bySeq.get(lastInsertRowid));
    },
    async list(options) {
      const q = parseInput(orderChangeQuerySchema, options, 'order change query');
      return list.all({ platform: q.platform ?? null, after: q.afterSeq ?? 0 }).map(toChange);
    },
  };
}
