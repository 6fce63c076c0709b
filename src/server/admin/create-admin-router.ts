import express, { type Router } from 'express';
import { requireCsrf, requireSession } from './admin-auth.ts';
import { ADMIN_CSP } from './admin-layout.ts';
import { sessionOf, type AdminContext, type AdminRouterOptions } from './admin-options.ts';
import { analyticsRoutes } from './analytics-routes.ts';
import { assetRoutes } from './asset-routes.ts';
import { authRoutes, logoutRoute } from './auth-routes.ts';
import { customerRoutes } from './customer-routes.ts';
import { CustomerInsights } from './customer-insights.ts';
import { handoffRoutes } from './handoff-routes.ts';
import { modelRoutes } from './model-routes.ts';
import { privacyRoutes } from './privacy-routes.ts';
import { reviewRoutes } from './review-routes.ts';
import { StoreLoginThrottle } from './login-throttle.ts';
import { SessionStore } from './session-store.ts';

/**
 * The operator dashboard, to be mounted at `/admin`: server-rendered pages plus a small JSON API under /admin/api.
 * Order matters: only the login form is reachable without a session; after that every request needs a session and
 * every non-GET request the session's CSRF token. Sessions are in the store: a restart or another instance keeps
 * operators signed in.
 */
export function createAdminRouter(options: AdminRouterOptions): Router {
  const clock = options.now ?? (() => new Date());
  const sessions = new SessionStore({ store: options.store.adminSessions, now: () => clock().getTime(), ...options.session });
  const loginThrottle = options.loginThrottle ?? new StoreLoginThrottle(options.store.rateLimits, options.loginLimits);
  const insights = new CustomerInsights({ store: options.store, orders: options.orders, clock });
  const ctx: AdminContext = { ...options, sessions, loginThrottle, clock, insights };
  const router = express.Router();

  router.use((_req, res, next) => {
    res.set({ 'Content-Security-Policy': ADMIN_CSP, 'X-Frame-Options': 'DENY', 'Cache-Control': 'no-store' });
    next();
  });
  router.use(express.urlencoded({ extended: false, limit: '64kb' }), express.json({ limit: '64kb' }));
  router.use(authRoutes(ctx));
  router.use(requireSession(sessions), requireCsrf());
  router.use(logoutRoute(ctx));
  router.use(assetRoutes());
  router.get('/', (_req, res) => void res.redirect(303, '/admin/review'));
  router.get('/api/session', (req, res) => {
    const s = sessionOf(req);
    res.json({ username: s.username, role: s.role, csrfToken: s.csrfToken });
  });
  router.use(reviewRoutes(ctx), handoffRoutes(ctx), customerRoutes(ctx), modelRoutes(ctx), analyticsRoutes(ctx), privacyRoutes(ctx));
  return router;
}
