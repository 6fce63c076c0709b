/** Public surface of the operator dashboard (wired in src/serve.ts and the CLI). */
export { createAdminRouter } from './create-admin-router.ts';
export type { AdminRouterOptions } from './admin-options.ts';
export type { AdminLearning } from './admin-learning.ts';
export { createOperator } from './create-operator.ts';
export { assertAcceptablePassword, MIN_PASSWORD_LENGTH, passwordProblem } from './password-policy.ts';
export { ensureFirstAdmin } from './ensure-first-admin.ts';
export { LOGIN_LIMIT_DEFAULTS, StoreLoginThrottle, type LoginDecision, type LoginLimits, type LoginThrottle } from './login-throttle.ts';
export { hashPassword, verifyPassword } from './password-hash.ts';
