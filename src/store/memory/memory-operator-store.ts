import type { OperatorStore } from '../store.ts';
import { conflict, notFound, usernameKey } from '../store-rules.ts';
import {
  idSchema,
  newOperatorSchema,
  nullableDateSchema,
  parseInput,
  passwordHashSchema,
  roleSchema,
} from '../store-schemas.ts';
import type { OperatorRecord } from '../types.ts';
import { z } from 'zod';
import type { MemoryState } from './memory-state.ts';

export function memoryOperatorStore(s: MemoryState): OperatorStore {
  const must = (id: unknown): OperatorRecord => {
    const oid = parseInput(idSchema, id, 'operator id');
    const op = s.operators.get(oid);
    if (!op) throw notFound('operator', oid);
    return op;
  };
  const save = (op: OperatorRecord) => (s.operators.set(op.id, op), op);
  const findByName = (name: string) => [...s.operators.values()].find((o) => usernameKey(o.username) === usernameKey(name));

  return {
    async create(input) {
      const o = parseInput(newOperatorSchema, input, 'operator');
      if (findByName(o.username)) throw conflict(`username "${o.username}" is taken`, { username: o.username });
      return save({ id: s.newId(), ...o, failedLogins: 0, lockedUntil: null, createdAt: s.now() });
    },
    async get(id) {
      return s.operators.get(parseInput(idSchema, id, 'operator id')) ?? null;
    },
    async getByUsername(username) {
      return findByName(parseInput(z.string().min(1), username, 'username')) ?? null;
    },
    async list() {
      return [...s.operators.values()];
    },
    async recordLoginFailure(id) {
      const op = must(id);
      return save({ ...op, failedLogins: op.failedLogins + 1 });
    },
    async recordLoginSuccess(id) {
      return save({ ...must(id), failedLogins: 0, lockedUntil: null });
    },
    async lockUntil(id, until) {
      const op = must(id);
      return save({ ...op, lockedUntil: parseInput(nullableDateSchema, until, 'lock date') });
    },
    async setPasswordHash(id, passwordHash) {
      const op = must(id);
      return save({ ...op, passwordHash: parseInput(passwordHashSchema, passwordHash, 'password hash') });
    },
    async setRole(id, role) {
      const op = must(id);
      return save({ ...op, role: parseInput(roleSchema, role, 'role') });
    },
    async delete(id) {
      const oid = parseInput(idSchema, id, 'operator id');
      // The operator's sessions go with it, as SQL's ON DELETE CASCADE does.
      for (const [sid, session] of s.adminSessions) if (session.operatorId === oid) s.adminSessions.delete(sid);
      return s.operators.delete(oid);
    },
  };
}
