import type { Logger } from '../../core/logger.ts';
import type { Store } from '../../store/store.ts';
import type { OperatorRecord } from '../../store/types.ts';
import { dummyPasswordHash, verifyPassword } from './password-hash.ts';

/** Every this many consecutive failures on one account (from all addresses together) the log warns. */
const WARN_EVERY_FAILURES = 10;

export type LoginResult = { ok: true; operator: OperatorRecord } | { ok: false };

/**
 * Checks a password. Unknown user and wrong password both return the same `{ ok: false }` (and cost one scrypt), so
 * the response never tells an attacker which usernames exist. It never locks the account: a lock anyone can trigger
 * locks the owner out, so repeated failures are throttled per address and (address, account) pair before this is
 * called (LoginThrottle). The store still counts consecutive failures, so the log shows an account under attack
 * from many addresses.
 */
export async function authenticateOperator(options: { store: Pick<Store, 'operators'>; username: string; password: string; logger: Logger }): Promise<LoginResult> {
  const { store, username, password, logger } = options;
  const operator = username ? await store.operators.getByUsername(username) : null;
  if (!operator) {
    await verifyPassword(password, await dummyPasswordHash());
    logger.info('admin login failed', { reason: 'unknown-user' });
    return { ok: false };
  }
  if (await verifyPassword(password, operator.passwordHash)) {
    return { ok: true, operator: await store.operators.recordLoginSuccess(operator.id) };
  }
  const failed = await store.operators.recordLoginFailure(operator.id);
  const fields = { reason: 'wrong-password', operator: operator.username, consecutiveFailures: failed.failedLogins };
  if (failed.failedLogins % WARN_EVERY_FAILURES === 0) logger.warn('admin login failed repeatedly', fields);
  else logger.info('admin login failed', fields);
  return { ok: false };
}
