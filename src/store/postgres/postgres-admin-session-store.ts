import type { AdminSessionStore } from '../store.ts';
import { conflict } from '../store-rules.ts';
import { flashSchema, idSchema, newAdminSessionSchema, nullableDateSchema, parseInput, sessionExpirySchema } from '../store-schemas.ts';
import type { AdminSessionRecord } from '../types.ts';
import type { PostgresContext } from './postgres-context.ts';
import { ms } from './postgres-rows.ts';

const toSession = (r: Record<string, unknown>): AdminSessionRecord => ({
  id: r.id as string, operatorId: r.operator_id as string, username: r.username as string, role: r.role as AdminSessionRecord['role'],
  csrfToken: r.csrf_token as string, createdAt: new Date(r.created_at as number), lastSeenAt: new Date(r.last_seen_at as number),
  flash: r.flash as AdminSessionRecord['flash'],
});

export function postgresAdminSessionStore({ query, transaction, now }: PostgresContext): AdminSessionStore {
  const count = async (sql: string, params: unknown[]) => (await query(sql, params)).rowCount ?? 0;
  return {
    async create(input) {
      const n = parseInput(newAdminSessionSchema, input, 'admin session');
      const at = ms(n.at ?? now());
      return transaction(async (q) => {
        if ((await q('SELECT 1 FROM admin_sessions WHERE id = $1', [n.id])).rowCount !== 0) throw conflict('session id already in use');
        // An unknown operator fails the foreign key, which mapPostgresError turns into NOT_FOUND.
        const { rows: [row] } = await q(
          `INSERT INTO admin_sessions (id, operator_id, username, role, csrf_token, created_at, last_seen_at, flash)
           VALUES ($1, $2, $3, $4, $5, $6, $6, NULL) RETURNING *`,
          [n.id, n.operatorId, n.username, n.role, n.csrfToken, at],
        );
        return toSession(row!);
      });
    },
    async get(id) {
      const { rows: [row] } = await query('SELECT * FROM admin_sessions WHERE id = $1', [parseInput(idSchema, id, 'session id')]);
      return row ? toSession(row) : null;
    },
    async touch(id, at) {
      const params = [parseInput(idSchema, id, 'session id'), ms(parseInput(nullableDateSchema.unwrap(), at, 'time'))];
      await query('UPDATE admin_sessions SET last_seen_at = GREATEST(last_seen_at, $2) WHERE id = $1', params);
    },
    async setFlash(id, flash) {
      const f = parseInput(flashSchema, flash, 'flash');
      await query('UPDATE admin_sessions SET flash = $2 WHERE id = $1', [parseInput(idSchema, id, 'session id'), f === null ? null : JSON.stringify(f)]);
    },
    async delete(id) {
      return (await count('DELETE FROM admin_sessions WHERE id = $1', [parseInput(idSchema, id, 'session id')])) > 0;
    },
    async deleteForOperator(operatorId) {
      return count('DELETE FROM admin_sessions WHERE operator_id = $1', [parseInput(idSchema, operatorId, 'operator id')]);
    },
    async purgeExpired(options) {
      const { idleBefore, createdBefore } = parseInput(sessionExpirySchema, options, 'session expiry');
      return count('DELETE FROM admin_sessions WHERE last_seen_at < $1 OR created_at < $2', [ms(idleBefore), ms(createdBefore)]);
    },
  };
}
