import { randomBytes } from 'node:crypto';
import type { OperatorRole } from '../../store/types.ts';

export interface AdminSession {
  id: string;
  operatorId: string;
  username: string;
  role: OperatorRole;
  /** Synchronizer token: every non-GET request must echo it (form field `_csrf` or header `X-CSRF-Token`). */
  csrfToken: string;
  createdAt: number;
  lastSeenAt: number;
  /** One-shot message shown on the next page (after a redirect). */
  flash?: { kind: 'ok' | 'warning' | 'error'; text: string };
}

export interface SessionStoreOptions {
  now: () => number;
  /** Idle timeout. Default 2 h. */
  idleMs?: number;
  /** Absolute lifetime. Default 12 h. */
  maxAgeMs?: number;
}

export const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url');

/**
 * Sessions live in process memory: nothing to migrate and nothing to leak from the database, at the price that a
 * restart (or a second instance) logs every operator out. Expired sessions are dropped lazily and on create.
 */
export class SessionStore {
  private readonly sessions = new Map<string, AdminSession>();
  readonly idleMs: number;
  readonly maxAgeMs: number;

  constructor(private readonly options: SessionStoreOptions) {
    this.idleMs = options.idleMs ?? 2 * 60 * 60 * 1000;
    this.maxAgeMs = options.maxAgeMs ?? 12 * 60 * 60 * 1000;
  }

  create(operator: { id: string; username: string; role: OperatorRole }): AdminSession {
    this.sweep();
    const now = this.options.now();
    const session: AdminSession = { id: randomToken(), operatorId: operator.id, username: operator.username, role: operator.role, csrfToken: randomToken(), createdAt: now, lastSeenAt: now };
    this.sessions.set(session.id, session);
    return session;
  }

  /** Returns the live session and refreshes its idle timer. */
  get(id: string | undefined): AdminSession | undefined {
    if (!id) return undefined;
    const session = this.sessions.get(id);
    if (!session) return undefined;
    if (this.expired(session, this.options.now())) {
      this.sessions.delete(id);
      return undefined;
    }
    session.lastSeenAt = this.options.now();
    return session;
  }

  destroy(id: string): void {
    this.sessions.delete(id);
  }

  /** Ends every session of one operator (e.g. after deleting the operator). */
  destroyForOperator(operatorId: string): void {
    for (const [id, s] of this.sessions) if (s.operatorId === operatorId) this.sessions.delete(id);
  }

  private expired(s: AdminSession, now: number): boolean {
    return now - s.lastSeenAt > this.idleMs || now - s.createdAt > this.maxAgeMs;
  }

  private sweep(): void {
    const now = this.options.now();
    for (const [id, s] of this.sessions) if (this.expired(s, now)) this.sessions.delete(id);
  }
}
