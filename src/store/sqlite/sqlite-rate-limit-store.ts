import type { RateLimitStore } from '../store.ts';
import { rateKey, takeToken } from '../store-rules.ts';
import { parseInput, rateTakeSchema } from '../store-schemas.ts';
import type { SqliteContext } from './sqlite-context.ts';
import { ms } from './sqlite-rows.ts';

export function sqliteRateLimitStore({ db, now }: SqliteContext): RateLimitStore {
  const get = db.prepare('SELECT tokens, updated_at AS updatedAt FROM rate_buckets WHERE key = ?');
  const put = db.prepare('INSERT INTO rate_buckets (key, tokens, updated_at) VALUES (@key, @tokens, @updatedAt) ON CONFLICT (key) DO UPDATE SET tokens = excluded.tokens, updated_at = excluded.updated_at');
  // Buckets idle long enough to be full again carry no information (a new bucket starts full).
  const sweep = db.prepare('DELETE FROM rate_buckets WHERE updated_at < ?');
  let takes = 0;
  // IMMEDIATE: read and write under the write lock, so two processes cannot both spend the last token.
  const step = db.transaction((key: string, perMinute: number, at: number) => {
    const { decision, bucket } = takeToken(get.get(key) as { tokens: number; updatedAt: number } | undefined, perMinute, at);
    put.run({ key, ...bucket });
    if (++takes % 1000 === 0) sweep.run(at - 3_600_000);
    return decision;
  });
  return {
    async take(key, perMinute) {
      const q = parseInput(rateTakeSchema, { key, perMinute }, 'rate limit');
      return step.immediate(rateKey(q.key), q.perMinute, ms(now()));
    },
  };
}
