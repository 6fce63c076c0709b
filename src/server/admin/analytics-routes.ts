import express, { type Router } from 'express';
import { layout } from './admin-layout.ts';
import { sessionOf, type AdminContext } from './admin-options.ts';
import { analyticsPage } from './analytics-page.ts';
import { computeAnalytics } from './compute-analytics.ts';

const daysFrom = (v: unknown) => {
  const n = Math.floor(Number(v));
  return Number.isFinite(n) && n >= 1 && n <= 365 ? n : 30;
};

export function analyticsRoutes(ctx: AdminContext): Router {
  const router = express.Router();
  router.get('/analytics', async (req, res) => {
    const a = await computeAnalytics(ctx.store, { now: ctx.clock(), days: daysFrom(req.query.days) });
    res.type('html').send(layout({ title: 'Analytics', active: 'analytics', session: sessionOf(req), body: analyticsPage(a), scripts: ['/admin/assets/chart.js', '/admin/assets/analytics.js'] }));
  });
  router.get('/api/analytics', async (req, res) => {
    res.json(await computeAnalytics(ctx.store, { now: ctx.clock(), days: daysFrom(req.query.days) }));
  });
  return router;
}
