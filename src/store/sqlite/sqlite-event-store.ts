import type { EventStore } from '../store.ts';
import { eventQuerySchema, newEventSchema, parseInput } from '../store-schemas.ts';
import type { SqliteContext } from './sqlite-context.ts';
import { ms, toEvent } from './sqlite-rows.ts';

export function sqliteEventStore({ db, now }: SqliteContext): EventStore {
  const insert = db.prepare('INSERT INTO events (user_id, product_id, kind, at) VALUES (@userId, @productId, @kind, @at)');
  const byId = db.prepare('SELECT * FROM events WHERE id = ?');
  const list = db.prepare(
    `SELECT * FROM events
     WHERE (@afterId IS NULL OR id > @afterId) AND (@userId IS NULL OR user_id = @userId) AND (@productId IS NULL OR product_id = @productId)
       AND (@kind IS NULL OR kind = @kind) AND (@from IS NULL OR at >= @from) AND (@to IS NULL OR at < @to)
     ORDER BY at, id LIMIT @limit`,
  );
  return {
    async record(input) {
      const e = parseInput(newEventSchema, input, 'event');
      const { lastInsertRowid } = insert.run({ ...e, at: ms(e.at ?? now()) });
      return toEvent(byId.get(lastInsertRowid));
    },
    async list(query) {
      const q = parseInput(eventQuerySchema, query, 'event query');
      return list
        .all({
          afterId: q.afterId ?? null,
          userId: q.userId ?? null,
          productId: q.productId ?? null,
          kind: q.kind ?? null,
          from: q.from ? ms(q.from) : null,
          to: q.to ? ms(q.to) : null,
          limit: q.limit ?? -1,
        })
        .map(toEvent);
    },
  };
}
