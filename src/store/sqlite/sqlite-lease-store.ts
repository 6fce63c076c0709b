import type { LeaseStore } from '../store.ts';
import { leaseReleaseSchema, leaseSchema, parseInput } from '../store-schemas.ts';
import type { SqliteContext } from './sqlite-context.ts';
import { ms } from './sqlite-rows.ts';

export function sqliteLeaseStore({ db, now }: SqliteContext): LeaseStore {
  // One statement: the row is taken over only when free, expired or already ours, so two processes cannot both win.
  const take = db.prepare(
    `INSERT INTO leases (name, holder, expires_at) VALUES (@name, @holder, @until)
     ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
     WHERE leases.expires_at <= @now OR leases.holder = excluded.holder`,
  );
  const release = db.prepare('DELETE FROM leases WHERE name = @name AND holder = @holder');
  return {
    async tryAcquire(name, holder, ttlMs) {
      const l = parseInput(leaseSchema, { name, holder, ttlMs }, 'lease');
      const t = ms(now());
      return take.run({ name: l.name, holder: l.holder, until: t + l.ttlMs, now: t }).changes === 1;
    },
    async release(name, holder) {
      release.run(parseInput(leaseReleaseSchema, { name, holder }, 'lease'));
    },
  };
}
