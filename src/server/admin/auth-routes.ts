import express, { type Response, type Router } from 'express';
import { httpStatusFor, ShopmateError } from '../../core/errors.ts';
import { clientKey } from '../client-address.ts';
import { authenticateOperator } from './authenticate-operator.ts';
import { COOKIE_PATH, cookieHeader, LOGIN_CSRF_COOKIE, parseCookies, SESSION_COOKIE, tokensEqual } from './admin-auth.ts';
import { loginPage, ADMIN_CSP } from './admin-layout.ts';
import { field, safeBack, type AdminContext } from './admin-options.ts';
import { LOGIN_LIMIT_DEFAULTS, type LoginDecision, type LoginLimits } from './login-throttle.ts';
import { randomToken } from './session-store.ts';

/** One message for unknown user and wrong password: the page must not reveal which it was. */
export function loginFailedMessage(limits: LoginLimits['perAccount'] = LOGIN_LIMIT_DEFAULTS.perAccount): string {
  return `Sign-in failed. Check your username and password. After ${limits.failures} failed attempts, this account cannot be signed in to from your address for ${Math.round(limits.lockMs / 60_000)} minutes.`;
}

function throttled(decision: Extract<LoginDecision, { allowed: false }>): ShopmateError {
  const wait = decision.retryAfterSeconds < 120 ? `${decision.retryAfterSeconds} seconds` : `${Math.ceil(decision.retryAfterSeconds / 60)} minutes`;
  const what = decision.scope === 'address' ? 'Too many sign-in attempts from your address' : 'Too many failed sign-ins to this account from your address';
  return new ShopmateError('RATE_LIMITED', `${what}. Try again in ${wait}.`, { details: { retryAfterSeconds: decision.retryAfterSeconds, scope: decision.scope } });
}

/** The sign-in form again with the error; status and Retry-After come from the error's code like everywhere else. */
function refuse(res: Response, error: ShopmateError, page: { csrf: string; next: string }): void {
  const retryAfter = error.details?.retryAfterSeconds;
  if (typeof retryAfter === 'number') res.set('Retry-After', String(retryAfter));
  res.status(httpStatusFor(error.code)).type('html').send(loginPage({ ...page, error: error.message }));
}

/**
 * Login and logout. The login form is protected against login CSRF with a double-submit token (cookie + field)
 * because there is no session yet to hold a synchronizer token; a successful login always starts a fresh session
 * id (no fixation). Before any password is checked the throttle decides whether this address may try (429 if not).
 */
/** The password as typed (never trimmed, unlike other fields); a repeated or nested field is no password at all. */
function passwordField(body: unknown): string {
  const v = (body as Record<string, unknown> | undefined)?.password;
  return typeof v === 'string' ? v : '';
}

export function authRoutes(ctx: AdminContext): Router {
  const router = express.Router();
  const secure = ctx.secureCookies;
  const loginFailed = loginFailedMessage(ctx.loginLimits?.perAccount);

  router.get('/login', async (req, res) => {
    if (await ctx.sessions.get(parseCookies(req.headers.cookie)[SESSION_COOKIE])) return void res.redirect(303, '/admin/review');
    const csrf = randomToken();
    res.set({ 'Content-Security-Policy': ADMIN_CSP, 'Cache-Control': 'no-store' });
    res.append('Set-Cookie', cookieHeader(LOGIN_CSRF_COOKIE, csrf, { secure, maxAgeSeconds: 3600 }));
    res.type('html').send(loginPage({ csrf, next: typeof req.query.next === 'string' ? req.query.next : '' }));
  });

  router.post('/login', async (req, res) => {
    const cookies = parseCookies(req.headers.cookie);
    const expected = cookies[LOGIN_CSRF_COOKIE];
    if (!expected || !tokensEqual(field(req.body, '_csrf'), expected)) {
      return void res.status(403).type('text/plain').send('Forbidden: the sign-in form expired, reload it and try again');
    }
    res.set({ 'Content-Security-Policy': ADMIN_CSP, 'Cache-Control': 'no-store' });
    const page = { csrf: expected, next: field(req.body, 'next') };
    const username = field(req.body, 'username');
    const address = clientKey(req);
    const decision = await ctx.loginThrottle.begin(address, username);
    if (!decision.allowed) {
      ctx.logger.warn('admin login throttled', { address, scope: decision.scope, retryAfterSeconds: decision.retryAfterSeconds });
      return refuse(res, throttled(decision), page);
    }
    const result = await authenticateOperator({ store: ctx.store, username, password: passwordField(req.body), logger: ctx.logger });
    // A failure stays counted: begin() counted the attempt against the address and the pair.
    if (!result.ok) return refuse(res, new ShopmateError('UNAUTHORIZED', loginFailed), page);
    await ctx.loginThrottle.succeed(address, username);
    const old = cookies[SESSION_COOKIE];
    if (old) await ctx.sessions.destroy(old);
    const session = await ctx.sessions.create(result.operator);
    ctx.logger.info('admin login', { operator: session.username });
    res.append('Set-Cookie', cookieHeader(SESSION_COOKIE, session.id, { secure, maxAgeSeconds: Math.floor(ctx.sessions.maxAgeMs / 1000) }));
    res.append('Set-Cookie', cookieHeader(LOGIN_CSRF_COOKIE, '', { secure, maxAgeSeconds: 0 }));
    res.redirect(303, safeBack(field(req.body, 'next'), '/admin/review'));
  });
  return router;
}

/** Needs a session and the CSRF token (mounted after those checks). */
export function logoutRoute(ctx: AdminContext): Router {
  const router = express.Router();
  router.post('/logout', async (req, res) => {
    const id = parseCookies(req.headers.cookie)[SESSION_COOKIE];
    if (id) await ctx.sessions.destroy(id);
    res.append('Set-Cookie', cookieHeader(SESSION_COOKIE, '', { secure: ctx.secureCookies, maxAgeSeconds: 0 }));
    res.redirect(303, `${COOKIE_PATH}/login`);
  });
  return router;
}
