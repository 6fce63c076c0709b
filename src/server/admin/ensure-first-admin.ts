import type { Logger } from '../../core/logger.ts';
import type { Store } from '../../store/store.ts';
import { createOperator } from './create-operator.ts';

/**
 * Creates the first admin from SHOPMATE_ADMIN_USER / SHOPMATE_ADMIN_PASSWORD when the store has no operators yet.
 * Later starts leave existing operators alone (the env password never silently resets a changed one).
 */
export async function ensureFirstAdmin(options: { store: Pick<Store, 'operators'>; env: Record<string, string | undefined>; logger: Logger }): Promise<'created' | 'exists' | 'not-configured'> {
  const { store, env, logger } = options;
  const existing = await store.operators.list();
  if (existing.length > 0) return 'exists';
  const username = env.SHOPMATE_ADMIN_USER?.trim();
  const password = env.SHOPMATE_ADMIN_PASSWORD;
  if (!username || !password) {
    logger.warn('no dashboard operators yet: set SHOPMATE_ADMIN_USER and SHOPMATE_ADMIN_PASSWORD or run `shopmate admin create-user`');
    return 'not-configured';
  }
  await createOperator({ store, username, password, role: 'admin' });
  logger.info('first dashboard admin created', { username });
  return 'created';
}
