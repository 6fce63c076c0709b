import { z } from 'zod';
import type { OperatorStore } from '../store.ts';
import { conflict, notFound } from '../store-rules.ts';
import {
  idSchema,
  newOperatorSchema,
  nullableDateSchema,
  parseInput,
  passwordHashSchema,
  roleSchema,
} from '../store-schemas.ts';
import type { OperatorRecord } from '../types.ts';
import type { SqliteContext } from './sqlite-context.ts';
import { ms, toOperator } from './sqlite-rows.ts';

export function sqliteOperatorStore({ db, now, newId }: SqliteContext): OperatorStore {
  const byId = db.prepare('SELECT * FROM operators WHERE id = ?');
  // NOCASE is declared on the column, so this comparison (and the UNIQUE index) ignore ASCII case.
  const byName = db.prepare('SELECT * FROM operators WHERE username = ?');
  const insert = db.prepare(
    `INSERT INTO operators (id, username, password_hash, role, failed_logins, locked_until, created_at)
     VALUES (@id, @username, @passwordHash, @role, 0, NULL, @createdAt)`,
  );
  const all = db.prepare('SELECT * FROM operators ORDER BY rowid');
  const del = db.prepare('DELETE FROM operators WHERE id = ?');

  const create = db.transaction((o: ReturnType<typeof newOperatorSchema.parse>) => {
    if (byName.get(o.username)) throw conflict(`username "${o.username}" is taken`, { username: o.username });
    const id = newId();
    insert.run({ id, ...o, createdAt: ms(now()) });
    return toOperator(byId.get(id));
  });

  /** One UPDATE per mutation, so e.g. the failed-login increment is atomic across processes. */
  const mutate = (sql: string) => {
    const stmt = db.prepare(`UPDATE operators SET ${sql} WHERE id = @id`);
    return (id: unknown, params: Record<string, unknown> = {}): OperatorRecord => {
      const oid = parseInput(idSchema, id, 'operator id');
      if (stmt.run({ ...params, id: oid }).changes === 0) throw notFound('operator', oid);
      return toOperator(byId.get(oid));
    };
  };
  const fail = mutate('failed_logins = failed_logins + 1');
  const succeed = mutate('failed_logins = 0, locked_until = NULL');
  const lock = mutate('locked_until = @until');
  const setHash = mutate('password_hash = @hash');
  const setRole = mutate('role = @role');

  return {
    async create(input) {
      return create.immediate(parseInput(newOperatorSchema, input, 'operator'));
    },
    async get(id) {
      const row = byId.get(parseInput(idSchema, id, 'operator id'));
      return row ? toOperator(row) : null;
    },
    async getByUsername(username) {
      const row = byName.get(parseInput(z.string().min(1), username, 'username').trim());
      return row ? toOperator(row) : null;
    },
    async list() {
      return all.all().map(toOperator);
    },
    async recordLoginFailure(id) {
      return fail(id);
    },
    async recordLoginSuccess(id) {
      return succeed(id);
    },
    async lockUntil(id, until) {
      const d = parseInput(nullableDateSchema, until, 'lock date');
      return lock(id, { until: d === null ? null : ms(d) });
    },
    async setPasswordHash(id, passwordHash) {
      return setHash(id, { hash: parseInput(passwordHashSchema, passwordHash, 'password hash') });
    },
    async setRole(id, role) {
      return setRole(id, { role: parseInput(roleSchema, role, 'role') });
    },
    async delete(id) {
      return del.run(parseInput(idSchema, id, 'operator id')).changes > 0;
    },
  };
}
