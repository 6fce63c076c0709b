import type { LeaseStore } from '../store.ts';
import { leaseReleaseSchema, leaseSchema, parseInput } from '../store-schemas.ts';
import type { PostgresContext } from './postgres-context.ts';
import { ms } from './postgres-rows.ts';

export function postgresLeaseStore({ query, now }: PostgresContext): LeaseStore {
  return {
    // One statement: the row is taken over only when free, expired or already ours, so two instances cannot both win
    // (INSERT ... ON CONFLICT locks the row it finds).
    async tryAcquire(name, holder, ttlMs) {
      const l = parseInput(leaseSchema, { name, holder, ttlMs }, 'lease');
      const t = ms(now());
      const { rowCount } = await query(
        `INSERT INTO leases (name, holder, expires_at) VALUES ($1, $2, $3)
         ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
         WHERE leases.expires_at <= $4 OR leases.holder = EXCLUDED.holder`,
        [l.name, l.holder, t + l.ttlMs, t],
      );
      return rowCount === 1;
    },
    async release(name, holder) {
      const l = parseInput(leaseReleaseSchema, { name, holder }, 'lease');
      await query('DELETE FROM leases WHERE name = $1 AND holder = $2', [l.name, l.holder]);
    },
  };
}
