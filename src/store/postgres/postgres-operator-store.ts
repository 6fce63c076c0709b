import { z } from 'zod';
import type { OperatorStore } from '../store.ts';
import { conflict, notFound } from '../store-rules.ts';
import { idSchema, newOperatorSchema, nullableDateSchema, parseInput, passwordHashSchema, roleSchema } from '../store-schemas.ts';
import type { OperatorRecord } from '../types.ts';
import type { PostgresContext } from './postgres-context.ts';
import { ms, toOperator } from './postgres-rows.ts';

/** The same ASCII-only folding as the generated username_key column (and SQLite's NOCASE). */
const USERNAME_KEY = `translate($1, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')`;

export function postgresOperatorStore({ query, transaction, now, newId }: PostgresContext): OperatorStore {
  /** One UPDATE per mutation, so e.g. the failed-login increment is atomic across connections and instances. */
  const mutate = (set: string) => async (id: unknown, ...params: unknown[]): Promise<OperatorRecord> => {
    const oid = parseInput(idSchema, id, 'operator id');
    const { rows: [row] } = await query(`UPDATE operators SET ${set} WHERE id = $1 RETURNING *`, [oid, ...params]);
    if (!row) throw notFound('operator', oid);
    return toOperator(row);
  };
  const fail = mutate('failed_logins = failed_logins + 1');
  const succeed = mutate('failed_logins = 0, locked_until = NULL');
  const lock = mutate('locked_until = $2');
  const setHash = mutate('password_hash = $2');
  const setRole = mutate('role = $2');

  return {
    async create(input) {
      const o = parseInput(newOperatorSchema, input, 'operator');
      const id = newId();
      const createdAt = ms(now());
      return transaction(async (q) => {
        const { rowCount } = await q(`SELECT 1 FROM operators WHERE username_key = ${USERNAME_KEY}`, [o.username]);
        if (rowCount !== 0) throw conflict(`username "${o.username}" is taken`, { username: o.username });
        const { rows: [row] } = await q(
          `INSERT INTO operators (id, username, password_hash, role, failed_logins, locked_until, created_at)
           VALUES ($1, $2, $3, $4, 0, NULL, $5) RETURNING *`,
          [id, o.username, o.passwordHash, o.role, createdAt],
        );
        return toOperator(row);
      });
    },
    async get(id) {
      const { rows: [row] } = await query('SELECT * FROM operators WHERE id = $1', [parseInput(idSchema, id, 'operator id')]);
      return row ? toOperator(row) : null;
    },
    async getByUsername(username) {
      const name = parseInput(z.string().min(1), username, 'username').trim();
      const { rows: [row] } = await query(`SELECT * FROM operators WHERE username_key = ${USERNAME_KEY}`, [name]);
      return row ? toOperator(row) : null;
    },
    async list() {
      return (await query('SELECT * FROM operators ORDER BY seq')).rows.map(toOperator);
    },
    async recordLoginFailure(id) {
      return fail(id);
    },
    async recordLoginSuccess(id) {
      return succeed(id);
    },
    async lockUntil(id, until) {
      const d = parseInput(nullableDateSchema, until, 'lock date');
      return lock(id, d === null ? null : ms(d));
    },
    async setPasswordHash(id, passwordHash) {
      return setHash(id, parseInput(passwordHashSchema, passwordHash, 'password hash'));
    },
    async setRole(id, role) {
      return setRole(id, parseInput(roleSchema, role, 'role'));
    },
    async delete(id) {
      const { rowCount } = await query('DELETE FROM operators WHERE id = $1', [parseInput(idSchema, id, 'operator id')]);
      return (rowCount ?? 0) > 0;
    },
  };
}
