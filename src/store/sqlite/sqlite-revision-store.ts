import { z } from 'zod';
import type { RevisionStore } from '../store.ts';
import { newRevisionSchema, parseInput, revisionListSchema } from '../store-schemas.ts';
import type { SqliteContext } from './sqlite-context.ts';
import { ms, toRevision } from './sqlite-rows.ts';

export function sqliteRevisionStore({ db, now }: SqliteContext): RevisionStore {
  const insert = db.prepare(
    `INSERT INTO knowledge_revisions (at, kind, entry_id, action, before, after, author, revert_of)
     VALUES (@at, @kind, @entryId, @action, @before, @after, @author, @revertOf)`,
  );
  const byId = db.prepare('SELECT * FROM knowledge_revisions WHERE id = ?');
  const list = db.prepare(
    `SELECT * FROM knowledge_revisions
     WHERE (@kind IS NULL OR kind = @kind) AND (@entryId IS NULL OR entry_id = @entryId) AND (@afterId IS NULL OR id > @afterId)
     ORDER BY id LIMIT @limit`,
  );
  return {
    async append(input) {
      const r = parseInput(newRevisionSchema, input, 'knowledge revision');
      const { lastInsertRowid } = insert.run({
        ...r,
        at: ms(r.at ?? now()),
        before: JSON.stringify(r.before),
        after: JSON.stringify(r.after),
        revertOf: r.revertOf ?? null,
      });
      return toRevision(byId.get(lastInsertRowid));
    },
    async get(id) {
      const row = byId.get(parseInput(z.number().int(), id, 'revision id'));
      return row ? toRevision(row) : null;
    },
    async list(options) {
      const o = parseInput(revisionListSchema, options, 'revision list options');
      return list
        .all({ kind: o.kind ?? null, entryId: o.entryId ?? null, afterId: o.afterId ?? null, limit: o.limit ?? -1 })
        .map(toRevision);
    },
  };
}
