import type { Logger } from '../../core/logger.ts';
import type { Store } from '../../store/store.ts';
import type { OperatorRecord } from '../../store/types.ts';
import { dummyPasswordHash, verifyPassword } from './password-hash.ts';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 15 * 60 * 1000;

export type LoginResult = { ok: true; operator: OperatorRecord } | { ok: false };

/**
 * Checks a login. Unknown user, wrong password and locked account all return the same `{ ok: false }` (and cost one
 * scrypt), so the response never tells an attacker which usernames exist. The 5th consecutive failure locks the
 * account for 15 minutes; while locked, attempts are refused without being counted, so the lock does not extend.
 * Once a lock has expired, every further failure locks again until a successful login resets the counter.
 */
export async function authenticateOperator(options: { store: Pick<Store, 'operators'>; username: string; password: string; now: Date; logger: Logger }): Promise<LoginResult> {
  const { store, username, password, now, logger } = options;
  const operator = username ? await store.operators.getByUsername(username) : null;
  if (!operator) {
    await verifyPassword(password, await dummyPasswordHash());
    logger.info('admin login failed', { reason: 'unknown-user' });
    return { ok: false };
  }
  if (operator.lockedUntil && operator.lockedUntil > now) {
    await verifyPassword(password, await dummyPasswordHash());
    logger.warn('admin login refused: account locked', { operator: operator.username, lockedUntil: operator.lockedUntil.toISOString() });
    return { ok: false };
  }
  if (await verifyPassword(password, operator.passwordHash)) {
    return { ok: true, operator: await store.operators.recordLoginSuccess(operator.id) };
  }
  const failed = await store.operators.recordLoginFailure(operator.id);
  if (failed.failedLogins >= MAX_FAILED_LOGINS) {
    await store.operators.lockUntil(operator.id, new Date(now.getTime() + LOCKOUT_MS));
    logger.warn('admin account locked after failed logins', { operator: operator.username, failedLogins: failed.failedLogins });
  } else {
    logger.info('admin login failed', { reason: 'wrong-password', operator: operator.username });
  }
  return { ok: false };
}
