/** Public surface of the operator dashboard (wired in src/serve.ts and the CLI). */
export { createAdminRouter } from './create-admin-router.ts';
export type { AdminRouterOptions } from './admin-options.ts';
export type { AdminLearning } from './admin-learning.ts';
export { createOperator, MIN_PASSWORD_LENGTH } from './create-operator.ts';
export { ensureFirstAdmin } from './ensure-first-admin.ts';
export { hashPassword, verifyPassword } from './password-hash.ts';
