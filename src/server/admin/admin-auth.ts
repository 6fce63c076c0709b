import { timingSafeEqual } from 'node:crypto';
import { parseCookie, stringifySetCookie } from 'cookie';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { OperatorRole } from '../../store/types.ts';
import type { AdminSession, SessionStore } from './session-store.ts';

export const SESSION_COOKIE = 'shopmate_admin';
export const LOGIN_CSRF_COOKIE = 'shopmate_admin_login';
export const COOKIE_PATH = '/admin';

declare module 'express-serve-static-core' {
  interface Request {
    adminSession?: AdminSession;
    /** Where the session lives, for handlers that change it (a form's flash message). */
    adminSessions?: SessionStore;
  }
}

/**
 * A cookie value as we issue it. Quotes around a value are allowed by RFC 6265 and added by some clients and proxies,
 * so they are dropped; a value that is not valid percent-encoding is skipped (the `cookie` package then keeps looking
 * for a later cookie of the same name) rather than failing the request: it may belong to another app on the host.
 */
function decodeCookieValue(raw: string): string | undefined {
  const value = raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw;
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

/** Cookies of a request; the first of several with the same name wins (browsers send the most specific path first). */
export function parseCookies(header: string | undefined): Record<string, string | undefined> {
  return parseCookie(header ?? '', { decode: decodeCookieValue });
}

export function cookieHeader(name: string, value: string, options: { secure: boolean; maxAgeSeconds?: number }): string {
  return stringifySetCookie({ name, value, path: COOKIE_PATH, httpOnly: true, sameSite: 'strict', secure: options.secure, maxAge: options.maxAgeSeconds });
}

export function tokensEqual(a: unknown, b: string): boolean {
  if (typeof a !== 'string' || a.length === 0) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const isApi = (req: Request) => req.path === '/api' || req.path.startsWith('/api/');

/** Everything after login needs a session: pages redirect to the login form, the JSON API answers 401. */
export function requireSession(sessions: SessionStore): RequestHandler {
  return async (req, res, next) => {
    let session: AdminSession | undefined;
    try {
      session = await sessions.get(parseCookies(req.headers.cookie)[SESSION_COOKIE]);
      // A page shows the flash a form left (layout renders it); JSON calls, scripts and the live fragments
      // (`?partial=1`, re-fetched on activity events, perhaps while the form's redirect is on its way) leave it for the page.
      const page = req.method === 'GET' && !isApi(req) && !req.path.startsWith('/assets/') && req.query.partial !== '1';
      if (session?.flash && page) await sessions.consumeFlash(session);
    } catch (e) {
      return next(e);
    }
    if (session) {
      req.adminSession = session;
      req.adminSessions = sessions;
      return next();
    }
    if (isApi(req)) return void res.status(401).json({ error: { code: 'UNAUTHORIZED', message: 'sign in first' } });
    const target = req.method === 'GET' ? `?next=${encodeURIComponent(req.originalUrl)}` : '';
    res.redirect(303, `${req.baseUrl}/login${target}`);
  };
}

/** Synchronizer-token check on every state-changing request: form field `_csrf` or header `X-CSRF-Token`. */
export function requireCsrf(): RequestHandler {
  return (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') return next();
    const body = req.body as Record<string, unknown> | undefined;
    const sent = req.get('x-csrf-token') ?? body?._csrf;
    if (req.adminSession && tokensEqual(sent, req.adminSession.csrfToken)) return next();
    denied(req, res, 'missing or invalid CSRF token');
  };
}

const RANK: Record<OperatorRole, number> = { viewer: 0, agent: 1, admin: 2 };

/** Viewers only read; agents work the queues and the inbox; admins also manage models and customer data. */
export function requireRole(role: OperatorRole): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.adminSession && RANK[req.adminSession.role] >= RANK[role]) return next();
    denied(req, res, `this needs the ${role} role`);
  };
}

function denied(req: Request, res: Response, message: string): void {
  if (isApi(req) || req.is('application/json')) return void res.status(403).json({ error: { code: 'FORBIDDEN', message } });
  res.status(403).type('text/plain').send(`Forbidden: ${message}`);
}
