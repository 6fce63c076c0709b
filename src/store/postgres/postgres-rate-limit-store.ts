import type { RateLimitStore } from '../store.ts';
import { rateKey, retryAfterSeconds, WHOLE_TOKEN } from '../store-rules.ts';
import { parseInput, RATE_BUCKET_IDLE_MS, rateRefundSchema, rateTakeSchema } from '../store-schemas.ts';
import type { PostgresContext } from './postgres-context.ts';
import { ms } from './postgres-rows.ts';

/**
 * One statement per step: the upsert locks the bucket's row, refills it and takes a token only when one is there (the
 * arithmetic of takeToken in store-rules.ts), so instances never both spend the last token. Every SET expression
 * reads the row as it was, so `allowed` records whether this step took a token. $2 rate per minute, $4 capacity.
 */
const REFILLED = 'LEAST($4::float8, b.tokens + GREATEST(0, $3::bigint - b.updated_at) * $2::float8 / 60000.0)';
const TAKE = `
  INSERT INTO rate_buckets AS b (key, tokens, updated_at, allowed) VALUES ($1, $4::float8 - 1, $3, TRUE)
  ON CONFLICT (key) DO UPDATE SET
    allowed = ${REFILLED} >= ${WHOLE_TOKEN},
    tokens = CASE WHEN ${REFILLED} >= ${WHOLE_TOKEN} THEN GREATEST(0, ${REFILLED} - 1) ELSE ${REFILLED} END,
    updated_at = $3
  RETURNING allowed, tokens`;
/** refundTokens: a bucket never seen is full, so only an existing row gets tokens back ($5). */
const REFUND = `UPDATE rate_buckets AS b SET tokens = LEAST($4::float8, ${REFILLED} + $5::float8), updated_at = $3 WHERE key = $1`;

export function postgresRateLimitStore({ query, now }: PostgresContext): RateLimitStore {
  let takes = 0;
  return {
    async take(key, perMinute, options) {
      const q = parseInput(rateTakeSchema, { key, perMinute, ...options }, 'rate limit');
      const at = ms(now());
      const { rows } = await query<{ allowed: boolean; tokens: number }>(TAKE, [rateKey(q.key), q.perMinute, at, q.capacity]);
      // Buckets idle long enough to be full again carry no information (a new bucket starts full).
      if (++takes % 1000 === 0) await query('DELETE FROM rate_buckets WHERE updated_at < $1', [at - RATE_BUCKET_IDLE_MS]);
      const { allowed, tokens } = rows[0]!;
      if (allowed) return { allowed: true };
      return { allowed: false, retryAfterSeconds: retryAfterSeconds(Number(tokens), q.perMinute) };
    },
    async refund(key, perMinute, options) {
      const q = parseInput(rateRefundSchema, { key, perMinute, ...options }, 'rate limit refund');
      await query(REFUND, [rateKey(q.key), q.perMinute, ms(now()), q.capacity, q.tokens]);
    },
  };
}
