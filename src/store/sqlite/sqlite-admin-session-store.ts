import type { AdminSessionStore } from '../store.ts';
import { conflict } from '../store-rules.ts';
import { flashSchema, idSchema, newAdminSessionSchema, nullableDateSchema, parseInput, sessionExpirySchema } from '../store-schemas.ts';
import type { AdminSessionRecord } from '../types.ts';
import type { SqliteContext } from './sqlite-context.ts';
import { date, ms, parseColumn } from './sqlite-rows.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a better-sqlite3 row
const toSession = (r: any): AdminSessionRecord => ({
  id: r.id, operatorId: r.operator_id, username: r.username, role: r.role, csrfToken: r.csrf_token, createdAt: date(r.created_at),
  lastSeenAt: date(r.last_seen_at), flash: r.flash === null ? null : parseColumn('admin_sessions', 'flash', r.flash),
});

export function sqliteAdminSessionStore({ db, now }: SqliteContext): AdminSessionStore {
  const byId = db.prepare('SELECT * FROM admin_sessions WHERE id = ?');
  const insert = db.prepare(
    `INSERT INTO admin_sessions (id, operator_id, username, role, csrf_token, created_at, last_seen_at, flash)
     VALUES (@id, @operatorId, @username, @role, @csrfToken, @at, @at, NULL)`,
  );
  const touch = db.prepare('UPDATE admin_sessions SET last_seen_at = MAX(last_seen_at, @at) WHERE id = @id');
  const setFlash = db.prepare('UPDATE admin_sessions SET flash = @flash WHERE id = @id');
  const del = db.prepare('DELETE FROM admin_sessions WHERE id = ?');
  const delForOperator = db.prepare('DELETE FROM admin_sessions WHERE operator_id = ?');
  const purge = db.prepare('DELETE FROM admin_sessions WHERE last_seen_at < @idle OR created_at < @created');

  // An unknown operator fails the foreign key, which mapSqliteError turns into NOT_FOUND.
  const create = db.transaction((n: ReturnType<typeof newAdminSessionSchema.parse>) => {
    if (byId.get(n.id)) throw conflict('session id already in use');
    insert.run({ ...n, at: ms(n.at ?? now()) });
    return toSession(byId.get(n.id));
  });

  return {
    async create(input) {
      return create.immediate(parseInput(newAdminSessionSchema, input, 'admin session'));
    },
    async get(id) {
      const row = byId.get(parseInput(idSchema, id, 'session id'));
      return row ? toSession(row) : null;
    },
    async touch(id, at) {
      touch.run({ id: parseInput(idSchema, id, 'session id'), at: ms(parseInput(nullableDateSchema.unwrap(), at, 'time')) });
    },
    async setFlash(id, flash) {
      const f = parseInput(flashSchema, flash, 'flash');
      setFlash.run({ id: parseInput(idSchema, id, 'session id'), flash: f === null ? null : JSON.stringify(f) });
    },
    async delete(id) {
      return del.run(parseInput(idSchema, id, 'session id')).changes > 0;
    },
    async deleteForOperator(operatorId) {
      return delForOperator.run(parseInput(idSchema, operatorId, 'operator id')).changes;
    },
    async purgeExpired(options) {
      const { idleBefore, createdBefore } = parseInput(sessionExpirySchema, options, 'session expiry');
      return purge.run({ idle: ms(idleBefore), created: ms(createdBefore) }).changes;
    },
  };
}
