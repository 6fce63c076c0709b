import type { RateLimitStore } from '../store.ts';
import { rateKey, refundTokens, takeToken, type BucketLimit } from '../store-rules.ts';
import { parseInput, RATE_BUCKET_IDLE_MS, rateRefundSchema, rateTakeSchema } from '../store-schemas.ts';
import type { SqliteContext } from './sqlite-context.ts';
import { ms } from './sqlite-rows.ts';

type Bucket = { tokens: number; updatedAt: number };

export function sqliteRateLimitStore({ db, now }: SqliteContext): RateLimitStore {
  const get = db.prepare('SELECT tokens, updated_at AS updatedAt FROM rate_buckets WHERE key = ?');
  const put = db.prepare('INSERT INTO rate_buckets (key, tokens, updated_at) VALUES (@key, @tokens, @updatedAt) ON CONFLICT (key) DO UPDATE SET tokens = excluded.tokens, updated_at = excluded.updated_at');
  // Buckets idle long enough to be full again carry no information (a new bucket starts full).
  const sweep = db.prepare('DELETE FROM rate_buckets WHERE updated_at < ?');
  let takes = 0;
  // IMMEDIATE: read and write under the write lock, so two processes cannot both spend the last token.
  const step = db.transaction((key: string, limit: BucketLimit, at: number) => {
    const { decision, bucket } = takeToken(get.get(key) as Bucket | undefined, limit, at);
    put.run({ key, ...bucket });
    if (++takes % 1000 === 0) sweep.run(at - RATE_BUCKET_IDLE_MS);
    return decision;
  });
  const refund = db.transaction((key: string, limit: BucketLimit, count: number, at: number) => {
    const bucket = get.get(key) as Bucket | undefined;
    // A bucket never seen is full: nothing to give back.
    if (bucket) put.run({ key, ...refundTokens(bucket, limit, count, at) });
  });
  return {
    async take(key, perMinute, options) {
      const q = parseInput(rateTakeSchema, { key, perMinute, ...options }, 'rate limit');
      return step.immediate(rateKey(q.key), q, ms(now()));
    },
    async refund(key, perMinute, options) {
      const q = parseInput(rateRefundSchema, { key, perMinute, ...options }, 'rate limit refund');
      refund.immediate(rateKey(q.key), q, q.tokens, ms(now()));
    },
  };
}
