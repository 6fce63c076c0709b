import type { AdminSessionStore } from '../store.ts';
import { conflict, notFound } from '../store-rules.ts';
import { flashSchema, idSchema, newAdminSessionSchema, nullableDateSchema, parseInput, sessionExpirySchema } from '../store-schemas.ts';
import type { MemoryState } from './memory-state.ts';

export function memoryAdminSessionStore(s: MemoryState): AdminSessionStore {
  return {
    async create(input) {
      const n = parseInput(newAdminSessionSchema, input, 'admin session');
      if (s.adminSessions.has(n.id)) throw conflict('session id already in use');
      if (!s.operators.has(n.operatorId)) throw notFound('operator', n.operatorId);
      const at = n.at ?? s.now();
      const record = { id: n.id, operatorId: n.operatorId, username: n.username, role: n.role, csrfToken: n.csrfToken, createdAt: at, lastSeenAt: at, flash: null };
      s.adminSessions.set(n.id, record);
      return record;
    },
    async get(id) {
      return s.adminSessions.get(parseInput(idSchema, id, 'session id')) ?? null;
    },
    async touch(id, at) {
      const session = s.adminSessions.get(parseInput(idSchema, id, 'session id'));
      const when = parseInput(nullableDateSchema.unwrap(), at, 'time');
      if (session && when > session.lastSeenAt) session.lastSeenAt = when;
    },
    async setFlash(id, flash) {
      const session = s.adminSessions.get(parseInput(idSchema, id, 'session id'));
      const f = parseInput(flashSchema, flash, 'flash');
      if (session) session.flash = f === null ? null : { ...f };
    },
    async delete(id) {
      return s.adminSessions.delete(parseInput(idSchema, id, 'session id'));
    },
    async deleteForOperator(operatorId) {
      const oid = parseInput(idSchema, operatorId, 'operator id');
      let n = 0;
      for (const [id, session] of s.adminSessions) if (session.operatorId === oid && s.adminSessions.delete(id)) n++;
      return n;
    },
    async purgeExpired(options) {
      const { idleBefore, createdBefore } = parseInput(sessionExpirySchema, options, 'session expiry');
      let n = 0;
      for (const [id, session] of s.adminSessions) {
        if ((session.lastSeenAt < idleBefore || session.createdAt < createdBefore) && s.adminSessions.delete(id)) n++;
      }
      return n;
    },
  };
}
