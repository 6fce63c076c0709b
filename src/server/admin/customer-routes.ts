import express, { type Router } from 'express';
import { layout } from './admin-layout.ts';
import { sessionOf, type AdminContext } from './admin-options.ts';
import { customerPage } from './customer-page.ts';

/** GET /customers/:userId (the customer insight page) and GET /api/customers/:userId (the same as JSON). */
export function customerRoutes(ctx: AdminContext): Router {
  const router = express.Router();
  const load = async (userId: string) => {
    const insight = await ctx.insights.forUser(userId);
    return { insight, emails: await ctx.insights.emailsOf(insight.verifiedOrderIds) };
  };

  router.get('/customers/:userId', async (req, res) => {
    const { insight, emails } = await load(String(req.params.userId));
    const body = customerPage(insight, emails);
    res.type('html').send(layout({ title: `Customer ${insight.userId}`, active: 'handoffs', session: sessionOf(req), body }));
  });
  router.get('/api/customers/:userId', async (req, res) => {
    const { insight, emails } = await load(String(req.params.userId));
    res.json({ ...insight, emails });
  });
  return router;
}
