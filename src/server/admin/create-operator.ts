import { ShopmateError } from '../../core/errors.ts';
import type { Store } from '../../store/store.ts';
import type { OperatorRecord, OperatorRole } from '../../store/types.ts';
import { OPERATOR_ROLES } from '../../store/types.ts';
import { hashPassword } from './password-hash.ts';
import { assertAcceptablePassword } from './password-policy.ts';

const USERNAME = /^[A-Za-z0-9_.@-]{3,64}$/;

/**
 * Validates and stores a new operator with a scrypt hash; `shopmate admin create-user` and the first-admin bootstrap.
 * The password policy (password-policy.ts) applies here, so every way of creating an operator enforces it.
 */
export async function createOperator(options: {
  store: Pick<Store, 'operators'>;
  username: string;
  password: string;
  role: OperatorRole;
  /** scrypt N; default the production cost (2^15). Tests that sign in hundreds of times pass a small one: each hash
   * keeps its own parameters, so verification follows whatever it was created with. */
  hashCost?: number;
}): Promise<OperatorRecord> {
  const { username, password, role } = options;
  if (!USERNAME.test(username)) throw new ShopmateError('BAD_REQUEST', 'username must be 3-64 letters, digits, ".", "_", "-" or "@"');
  assertAcceptablePassword(password, { username });
  if (!OPERATOR_ROLES.includes(role)) throw new ShopmateError('BAD_REQUEST', `role must be one of ${OPERATOR_ROLES.join(', ')}`);
  return options.store.operators.create({ username, passwordHash: await hashPassword(password, options.hashCost ? { N: options.hashCost } : {}), role });
}
