import express, { type Request, type Router } from 'express';
import { z } from 'zod';
import { ShopmateError } from '../../core/errors.ts';
import { layout } from './admin-layout.ts';
import { sessionOf, type AdminContext } from './admin-options.ts';
import { analyticsPage } from './analytics-page.ts';
import { computeAnalytics } from './compute-analytics.ts';
import { demandCsv } from './demand-csv.ts';

const querySchema = z.object({
  days: z.coerce.number().int().min(1).max(365).default(30),
  // An empty value is the form's "all versions".
  model: z.string().max(256).optional().transform((m) => (m ? m : null)),
});

/** ?days=1..365 (default 30) and ?model=<version>; anything else is a 400 naming the field. */
function analyticsQuery(req: Request) {
  const parsed = querySchema.safeParse({ days: req.query.days === '' ? undefined : req.query.days, model: req.query.model });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ShopmateError('BAD_REQUEST', `${issue.path.join('.')}: ${issue.message}`, { details: { field: issue.path.join('.') } });
  }
  return parsed.data;
}

export function analyticsRoutes(ctx: AdminContext): Router {
  const router = express.Router();
  const compute = (req: Request) => computeAnalytics(ctx.store, { now: ctx.clock(), ...analyticsQuery(req) });
  router.get('/analytics', async (req, res) => {
    const a = await compute(req);
    res.type('html').send(layout({ title: 'Analytics', active: 'analytics', session: sessionOf(req), body: analyticsPage(a), scripts: ['/admin/assets/chart.js', '/admin/assets/analytics.js'] }));
  });
  router.get('/api/analytics', async (req, res) => {
    res.json(await compute(req));
  });
  router.get('/analytics/demand.csv', async (req, res) => {
    const a = await compute(req);
    const name = `shopmate-price-demand-${a.range.from.slice(0, 10)}-${a.range.days}d${a.model === null ? '' : `-${a.model.replace(/[^A-Za-z0-9._-]/g, '_')}`}.csv`;
    res.set({ 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${name}"`, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
    res.send(demandCsv(a));
  });
  return router;
}
