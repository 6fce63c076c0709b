import type { RateLimitStore } from '../store.ts';
import { rateKey } from '../store-rules.ts';
import { parseInput, rateTakeSchema } from '../store-schemas.ts';
import type { PostgresContext } from './postgres-context.ts';
import { ms } from './postgres-rows.ts';

/**
 * One statement per step: the upsert locks the bucket's row, refills it and takes a token only when one is there (the
 * arithmetic of takeToken in store-rules.ts), so instances never both spend the last token. Every SET expression
 * reads the row as it was, so `allowed` records whether this step took a token.
 */
const REFILLED = 'LEAST($2, b.tokens + GREATEST(0, $3 - b.updated_at) * $2 / 60000.0)';
const TAKE = `
  INSERT INTO rate_buckets AS b (key, tokens, updated_at, allowed) VALUES ($1, $2 - 1, $3, TRUE)
  ON CONFLICT (key) DO UPDATE SET
    allowed = ${REFILLED} >= 1,
    tokens = ${REFILLED} - CASE WHEN ${REFILLED} >= 1 THEN 1 ELSE 0 END,
    updated_at = $3
  RETURNING allowed, tokens`;

export function postgresRateLimitStore({ query, now }: PostgresContext): RateLimitStore {
  let takes = 0;
  return {
    async take(key, perMinute) {
      const q = parseInput(rateTakeSchema, { key, perMinute }, 'rate limit');
      const at = ms(now());
      const { rows } = await query<{ allowed: boolean; tokens: number }>(TAKE, [rateKey(q.key), q.perMinute, at]);
      // Buckets idle long enough to be full again carry no information (a new bucket starts full).
      if (++takes % 1000 === 0) await query('DELETE FROM rate_buckets WHERE updated_at < $1', [at - 3_600_000]);
      const { allowed, tokens } = rows[0]!;
      if (allowed) return { allowed: true };
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - Number(tokens)) / (q.perMinute / 60_000) / 1000)) };
    },
  };
}
