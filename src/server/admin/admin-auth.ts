import { timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { OperatorRole } from '../../store/types.ts';
import type { AdminSession, SessionStore } from './session-store.ts';

export const SESSION_COOKIE = 'shopmate_admin';
export const LOGIN_CSRF_COOKIE = 'shopmate_admin_login';
export const COOKIE_PATH = '/admin';

declare module 'express-serve-static-core' {
  interface Request {
    adminSession?: AdminSession;
  }
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i <= 0) continue;
    const name = part.slice(0, i).trim();
    try {
      out[name] ??= decodeURIComponent(part.slice(i + 1).trim());
    } catch {
      // A malformed cookie from another app on the same host: ignore it rather than fail the request.
    }
  }
  return out;
}

export function cookieHeader(name: string, value: string, options: { secure: boolean; maxAgeSeconds?: number }): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, `Path=${COOKIE_PATH}`, 'HttpOnly', 'SameSite=Strict'];
  if (options.maxAgeSeconds !== undefined) parts.push(`Max-Age=${options.maxAgeSeconds}`);
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
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
  return (req, res, next) => {
    const session = sessions.get(parseCookies(req.headers.cookie)[SESSION_COOKIE]);
    if (session) {
      req.adminSession = session;
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
