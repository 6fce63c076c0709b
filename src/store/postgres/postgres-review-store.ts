import type { ReviewStore } from '../store.ts';
import { conflict, notFound, statusForDecision } from '../store-rules.ts';
import {
  decidedQuerySchema,
  idListSchema,
  idSchema,
  newReviewItemSchema,
  parseInput,
  reviewDecisionSchema,
  reviewQuerySchema,
} from '../store-schemas.ts';
import type { ReviewItem } from '../types.ts';
import type { PostgresContext, Query } from './postgres-context.ts';
import { ms, REVIEW_SELECT, toReviewItem } from './postgres-rows.ts';

// The intent filter and column come from the turn, so a relabel decision never has to rewrite queue rows.
const OPEN_FILTER = `r.status = 'open' AND ($1::text IS NULL OR r.reason = $1) AND ($2::text IS NULL OR t.top_intent = $2)
  AND ($3::bigint IS NULL OR r.created_at >= $3) AND ($4::bigint IS NULL OR r.created_at < $4)`;

/** All checks run before the first UPDATE, inside the caller's transaction: all or nothing. */
async function resolveAll(q: Query, ids: string[], decision: ReturnType<typeof reviewDecisionSchema.parse>, at: number): Promise<ReviewItem[]> {
  const unique = [...new Set(ids)];
  const { rows } = await q(`${REVIEW_SELECT} WHERE r.id = ANY($1::text[]) FOR UPDATE OF r`, [unique]);
  const byId = new Map(rows.map((row) => [row.id as string, row]));
  for (const id of unique) {
    const row = byId.get(id);
    if (!row) throw notFound('review item', id);
    if (row.status !== 'open') throw conflict(`review item "${id}" is already ${row.status}`, { id, status: row.status });
  }
  await q(
    `UPDATE review_items SET status = $2, decision = $3, decided_at = $4 WHERE id = ANY($1::text[])`,
    [unique, statusForDecision(decision.action), JSON.stringify(decision), at],
  );
  const { rows: updated } = await q(`${REVIEW_SELECT} WHERE r.id = ANY($1::text[])`, [unique]);
  const after = new Map(updated.map((row) => [row.id as string, toReviewItem(row)]));
  return unique.map((id) => after.get(id)!);
}

export function postgresReviewStore({ query, transaction, snapshot, now, newId }: PostgresContext): ReviewStore {
  return {
    async enqueue(input) {
      const r = parseInput(newReviewItemSchema, input, 'review item');
      const id = newId();
      const createdAt = ms(r.createdAt ?? now());
      return transaction(async (q) => {
        const { rows: [existing] } = await q(`${REVIEW_SELECT} WHERE r.turn_id = $1 AND r.reason = $2`, [r.turnId, r.reason]);
        if (existing) return toReviewItem(existing);
        const { rowCount } = await q('SELECT 1 FROM turns WHERE id = $1', [r.turnId]);
        if (rowCount === 0) throw notFound('turn', r.turnId);
        await q(
          `INSERT INTO review_items (id, turn_id, reason, priority, status, decision, decided_at, created_at)
           VALUES ($1, $2, $3, $4, 'open', NULL, NULL, $5)`,
          [id, r.turnId, r.reason, r.priority, createdAt],
        );
        const { rows: [row] } = await q(`${REVIEW_SELECT} WHERE r.id = $1`, [id]);
        return toReviewItem(row);
      });
    },
    async get(id) {
      const { rows: [row] } = await query(`${REVIEW_SELECT} WHERE r.id = $1`, [parseInput(idSchema, id, 'review item id')]);
      return row ? toReviewItem(row) : null;
    },
    async listOpen(input) {
      const o = parseInput(reviewQuerySchema, input, 'review query');
      const params = [o.reason ?? null, o.intent ?? null, o.from ? ms(o.from) : null, o.to ? ms(o.to) : null];
      // Count and page in one snapshot so `total` describes the same queue as `items`.
      return snapshot(async (q) => {
        const { rows } = await q(
          `${REVIEW_SELECT} WHERE ${OPEN_FILTER} ORDER BY r.priority DESC, r.created_at, r.seq LIMIT $5 OFFSET $6`,
          [...params, o.limit, o.offset],
        );
        const { rows: [{ n }] } = await q<{ n: number }>(`SELECT COUNT(*) AS n FROM review_items r JOIN turns t ON t.id = r.turn_id WHERE ${OPEN_FILTER}`, params);
        return { items: rows.map(toReviewItem), total: n };
      });
    },
    async resolve(id, decision) {
      const rid = parseInput(idSchema, id, 'review item id');
      const d = parseInput(reviewDecisionSchema, decision, 'review decision');
      const at = ms(now());
      return (await transaction((q) => resolveAll(q, [rid], d, at)))[0]!;
    },
    async bulkResolve(ids, decision) {
      const list = parseInput(idListSchema, ids, 'review item ids');
      const d = parseInput(reviewDecisionSchema, decision, 'review decision');
      const at = ms(now());
      return transaction((q) => resolveAll(q, list, d, at));
    },
    // decided_at is set exactly when an item leaves 'open' (review_items_decided, migration 2).
    async listDecided(options) {
      const after = parseInput(decidedQuerySchema, options, 'decided query').decidedAfter;
      const { rows } = await query(
        `SELECT r.*, t.top_intent AS intent, t.text AS turn_text FROM review_items r JOIN turns t ON t.id = r.turn_id
         WHERE r.decided_at IS NOT NULL AND r.decided_at > $1 ORDER BY r.decided_at, r.id COLLATE "C"`,
        [after ? ms(after) : -1],
      );
      return rows.map((row) => ({ item: toReviewItem(row), text: row.turn_text as string }));
    },
    async countDecided(options) {
      const after = parseInput(decidedQuerySchema, options, 'decided query').decidedAfter;
      const { rows: [{ n }] } = await query<{ n: number }>(
        'SELECT COUNT(*) AS n FROM review_items WHERE decided_at IS NOT NULL AND decided_at > $1', [after ? ms(after) : -1]);
      return n;
    },
  };
}
