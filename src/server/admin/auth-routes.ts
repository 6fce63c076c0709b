import express, { type Router } from 'express';
import { authenticateOperator } from './authenticate-operator.ts';
import { COOKIE_PATH, cookieHeader, LOGIN_CSRF_COOKIE, parseCookies, SESSION_COOKIE, tokensEqual } from './admin-auth.ts';
import { loginPage, ADMIN_CSP } from './admin-layout.ts';
import { field, safeBack, type AdminContext } from './admin-options.ts';
import { randomToken } from './session-store.ts';

/** One message for unknown user, wrong password and locked account: the page must not reveal which it was. */
export const LOGIN_FAILED = 'Sign-in failed. Check your username and password. After 5 failed attempts an account is locked for 15 minutes.';

/**
 * Login and logout. The login form is protected against login CSRF with a double-submit token (cookie + field)
 * because there is no session yet to hold a synchronizer token; a successful login always starts a fresh session
 * id (no fixation).
 */
export function authRoutes(ctx: AdminContext): Router {
  const router = express.Router();
  const secure = ctx.secureCookies;

  router.get('/login', (req, res) => {
    if (ctx.sessions.get(parseCookies(req.headers.cookie)[SESSION_COOKIE])) return void res.redirect(303, '/admin/review');
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
    const result = await authenticateOperator({ store: ctx.store, username: field(req.body, 'username'), password: String((req.body as Record<string, unknown>)?.password ?? ''), now: ctx.clock(), logger: ctx.logger });
    res.set({ 'Content-Security-Policy': ADMIN_CSP, 'Cache-Control': 'no-store' });
    if (!result.ok) return void res.status(401).type('html').send(loginPage({ csrf: expected, error: LOGIN_FAILED, next: field(req.body, 'next') }));
    const old = cookies[SESSION_COOKIE];
    if (old) ctx.sessions.destroy(old);
    const session = ctx.sessions.create(result.operator);
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
  router.post('/logout', (req, res) => {
    const id = parseCookies(req.headers.cookie)[SESSION_COOKIE];
    if (id) ctx.sessions.destroy(id);
    res.append('Set-Cookie', cookieHeader(SESSION_COOKIE, '', { secure: ctx.secureCookies, maxAgeSeconds: 0 }));
    res.redirect(303, `${COOKIE_PATH}/login`);
  });
  return router;
}
