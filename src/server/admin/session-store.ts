import { createHash, randomBytes } from 'node:crypto';
import type { AdminSessionStore } from '../../store/store.ts';
import type { AdminFlash, AdminSessionRecord, OperatorRole } from '../../store/types.ts';

export interface AdminSession {
  /** The cookie's token. The store keeps only its hash. */
  id: string;
  operatorId: string;
  username: string;
  role: OperatorRole;
  /** Synchronizer token: every non-GET request must echo it (form field `_csrf` or header `X-CSRF-Token`). */
  csrfToken: string;
  createdAt: number;
  lastSeenAt: number;
  /** One-shot message shown on the next page (after a redirect). */
  flash?: AdminFlash;
}

export interface SessionStoreOptions {
  /** Where sessions live (the Store's adminSessions): they survive a restart and every instance sees them. */
  store: AdminSessionStore;
  now: () => number;
  /** Idle timeout. Default 2 h. */
  idleMs?: number;
  /** Absolute lifetime. Default 12 h. */
  maxAgeMs?: number;
}

export const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url');

/** The store's key for a cookie token: a leaked sessions table (a backup, a replica) opens no session. */
const keyOf = (token: string) => createHash('sha256').update(token).digest('base64url');

/** lastSeenAt is written at most this often: a write per request would cost more than a minute's precision is worth. */
const TOUCH_EVERY_MS = 60_000;

/**
 * Operator sessions, kept in the store (so a restart or a second instance keeps operators signed in) with the policy
 * here: idle and absolute timeouts, token hashing. Expired sessions are refused when read and purged on create.
 */
export class SessionStore {
  readonly idleMs: number;
  readonly maxAgeMs: number;

  constructor(private readonly options: SessionStoreOptions) {
    this.idleMs = options.idleMs ?? 2 * 60 * 60 * 1000;
    this.maxAgeMs = options.maxAgeMs ?? 12 * 60 * 60 * 1000;
  }

  async create(operator: { id: string; username: string; role: OperatorRole }): Promise<AdminSession> {
    const now = this.options.now();
    await this.options.store.purgeExpired({ idleBefore: new Date(now - this.idleMs), createdBefore: new Date(now - this.maxAgeMs) });
    const token = randomToken();
    const record = await this.options.store.create({
      id: keyOf(token), operatorId: operator.id, username: operator.username, role: operator.role, csrfToken: randomToken(), at: new Date(now),
    });
    return toSession(token, record);
  }

  /** Returns the live session and refreshes its idle timer. */
  async get(token: string | undefined): Promise<AdminSession | undefined> {
    if (!token) return undefined;
    const record = await this.options.store.get(keyOf(token));
    if (!record) return undefined;
    const now = this.options.now();
    if (now - record.lastSeenAt.getTime() > this.idleMs || now - record.createdAt.getTime() > this.maxAgeMs) {
      await this.options.store.delete(record.id);
      return undefined;
    }
    if (now - record.lastSeenAt.getTime() >= TOUCH_EVERY_MS) await this.options.store.touch(record.id, new Date(now));
    return { ...toSession(token, record), lastSeenAt: now };
  }

  /** Sets (or clears) the message the next page shows; on this request's session object too. */
  async setFlash(session: AdminSession, flash: AdminFlash | undefined): Promise<void> {
    session.flash = flash;
    await this.options.store.setFlash(keyOf(session.id), flash ?? null);
  }

  /** The page about to render shows the flash: the stored copy goes, this request's object keeps it. */
  async consumeFlash(session: AdminSession): Promise<void> {
    if (session.flash) await this.options.store.setFlash(keyOf(session.id), null);
  }

  async destroy(token: string): Promise<void> {
    await this.options.store.delete(keyOf(token));
  }

  /** Ends every session of one operator (e.g. after deleting the operator). */
  async destroyForOperator(operatorId: string): Promise<void> {
    await this.options.store.deleteForOperator(operatorId);
  }
}

function toSession(token: string, r: AdminSessionRecord): AdminSession {
  return {
    id: token, operatorId: r.operatorId, username: r.username, role: r.role, csrfToken: r.csrfToken,
    createdAt: r.createdAt.getTime(), lastSeenAt: r.lastSeenAt.getTime(), ...(r.flash ? { flash: r.flash } : {}),
  };
}
