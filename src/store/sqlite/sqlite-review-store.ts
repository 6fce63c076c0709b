import type { ReviewStore } from '../store.ts';
import { conflict, notFound, statusForDecision } from '../store-rules.ts';
import {
  idListSchema,
  idSchema,
  newReviewItemSchema,
  parseInput,
  reviewDecisionSchema,
  reviewQuerySchema,
  decidedQuerySchema,
} from '../store-schemas.ts';
import type { ReviewItem } from '../types.ts';
import type { SqliteContext } from './sqlite-context.ts';
import { ms, toReviewItem } from './sqlite-rows.ts';

// The intent filter and column come from the turn, so a relabel decision never has to rewrite queue rows.
const SELECT = 'SELECT r.*, t.top_intent AS intent FROM review_items r JOIN turns t ON t.id = r.turn_id';
const OPEN_FILTER = `r.status = 'open' AND (@reason IS NULL OR r.reason = @reason) AND (@intent IS NULL OR t.top_intent = @intent)
  AND (@from IS NULL OR r.created_at >= @from) AND (@to IS NULL OR r.created_at < @to)`;

export function sqliteReviewStore({ db, now, newId }: SqliteContext): ReviewStore {
  const byId = db.prepare(`${SELECT} WHERE r.id = ?`);
  const byTurnReason = db.prepare(`${SELECT} WHERE r.turn_id = ? AND r.reason = ?`);
  const turnExists = db.prepare('SELECT 1 FROM turns WHERE id = ?');
  const insert = db.prepare(
    `INSERT INTO review_items (id, turn_id, reason, priority, status, decision, decided_at, created_at)
     VALUES (@id, @turnId, @reason, @priority, 'open', NULL, NULL, @createdAt)`,
  );
  const listOpen = db.prepare(`${SELECT} WHERE ${OPEN_FILTER} ORDER BY r.priority DESC, r.created_at, r.seq LIMIT @limit OFFSET @offset`);
  const countOpen = db.prepare(`SELECT COUNT(*) AS n FROM review_items r JOIN turns t ON t.id = r.turn_id WHERE ${OPEN_FILTER}`);
  // decided_at is set exactly when an item leaves 'open' (review_items_decided, migration 7).
  const decided = db.prepare(`SELECT r.*, t.top_intent AS intent, t.text AS turn_text FROM review_items r JOIN turns t ON t.id = r.turn_id
    WHERE r.decided_at IS NOT NULL AND r.decided_at > @after ORDER BY r.decided_at, r.id`);
  const countDecided = db.prepare('SELECT COUNT(*) AS n FROM review_items WHERE decided_at IS NOT NULL AND decided_at > @after');
  const decide = db.prepare(
    `UPDATE review_items SET status = @status, decision = @decision, decided_at = @at WHERE id = @id AND status = 'open'`,
  );

  const enqueue = db.transaction((r: ReturnType<typeof newReviewItemSchema.parse>) => {
    const existing = byTurnReason.get(r.turnId, r.reason);
    if (existing) return toReviewItem(existing);
    if (!turnExists.get(r.turnId)) throw notFound('turn', r.turnId);
    const id = newId();
    insert.run({ id, turnId: r.turnId, reason: r.reason, priority: r.priority, createdAt: ms(r.createdAt ?? now()) });
    return toReviewItem(byId.get(id));
  });

  // All checks run before the first UPDATE, and the whole loop is one transaction: all or nothing.
  const resolveAll = db.transaction((ids: string[], d: ReturnType<typeof reviewDecisionSchema.parse>): ReviewItem[] => {
    const unique = [...new Set(ids)];
    for (const id of unique) {
      const row = byId.get(id) as { status: string } | undefined;
      if (!row) throw notFound('review item', id);
      if (row.status !== 'open') throw conflict(`review item "${id}" is already ${row.status}`, { id, status: row.status });
    }
    const params = { status: statusForDecision(d.action), decision: JSON.stringify(d), at: ms(now()) };
    for (const id of unique) decide.run({ ...params, id });
    return unique.map((id) => toReviewItem(byId.get(id)));
  });

  return {
    async enqueue(input) {
      return enqueue.immediate(parseInput(newReviewItemSchema, input, 'review item'));
    },
    async get(id) {
      const row = byId.get(parseInput(idSchema, id, 'review item id'));
      return row ? toReviewItem(row) : null;
    },
    async listOpen(query) {
      const q = parseInput(reviewQuerySchema, query, 'review query');
      const params = {
        reason: q.reason ?? null,
        intent: q.intent ?? null,
        from: q.from ? ms(q.from) : null,
        to: q.to ? ms(q.to) : null,
      };
      // Count and page in one read transaction so `total` describes the same snapshot as `items`.
      return db.transaction(() => ({
        items: listOpen.all({ ...params, limit: q.limit, offset: q.offset }).map(toReviewItem),
        total: (countOpen.get(params) as { n: number }).n,
      }))();
    },
    async resolve(id, decision) {
      const rid = parseInput(idSchema, id, 'review item id');
      return resolveAll.immediate([rid], parseInput(reviewDecisionSchema, decision, 'review decision'))[0];
    },
    async bulkResolve(ids, decision) {
      const list = parseInput(idListSchema, ids, 'review item ids');
      return resolveAll.immediate(list, parseInput(reviewDecisionSchema, decision, 'review decision'));
    },
    async listDecided(options) {
      const after = parseInput(decidedQuerySchema, options, 'decided query').decidedAfter;
      return decided.all({ after: after ? ms(after) : -1 }).map((row) => ({ item: toReviewItem(row), text: (row as { turn_text: string }).turn_text }));
    },
    async countDecided(options) {
      const after = parseInput(decidedQuerySchema, options, 'decided query').decidedAfter;
      return (countDecided.get({ after: after ? ms(after) : -1 }) as { n: number }).n;
    },
  };
}
