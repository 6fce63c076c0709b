import { z } from 'zod';
import type { RevisionStore } from '../store.ts';
import { newRevisionSchema, parseInput, revisionListSchema } from '../store-schemas.ts';
import type { PostgresContext } from './postgres-context.ts';
import { notifyInTransaction } from './postgres-signals.ts';
import { ADVISORY_LOCK_NAMESPACE, ADVISORY_LOCKS } from './postgres-locks.ts';
import { ms, toRevision } from './postgres-rows.ts';

export function postgresRevisionStore({ query, transaction, now }: PostgresContext): RevisionStore {
  return {
    async append(input) {
      const r = parseInput(newRevisionSchema, input, 'knowledge revision');
      const params = [ms(r.at ?? now()), r.kind, r.entryId, r.action, JSON.stringify(r.before), JSON.stringify(r.after), r.author, r.revertOf ?? null];
      return transaction(async (q) => {
        // Identity values are handed out before commit, so two concurrent appends could commit as 8 then 7 and a
        // reader polling "after id 7" would never see 7. Appends take turns until commit, so ids commit in order.
        await q('SELECT pg_advisory_xact_lock($1, $2)', [ADVISORY_LOCK_NAMESPACE, ADVISORY_LOCKS.revisions]);
        const { rows: [row] } = await q(
          `INSERT INTO knowledge_revisions (at, kind, entry_id, action, before, after, author, revert_of)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
          params,
        );
        const revision = toRevision(row);
        await notifyInTransaction(q, 'revisions', String(revision.id));
        return revision;
      });
    },
    async get(id) {
      const { rows: [row] } = await query('SELECT * FROM knowledge_revisions WHERE id = $1', [parseInput(z.number().int(), id, 'revision id')]);
      return row ? toRevision(row) : null;
    },
    async list(options) {
      const o = parseInput(revisionListSchema, options, 'revision list options');
      const { rows } = await query(
        `SELECT * FROM knowledge_revisions
         WHERE ($1::text IS NULL OR kind = $1) AND ($2::text IS NULL OR entry_id = $2) AND ($3::bigint IS NULL OR id > $3)
         ORDER BY id LIMIT $4`,
        [o.kind ?? null, o.entryId ?? null, o.afterId ?? null, o.limit ?? null],
      );
      return rows.map(toRevision);
    },
  };
}
