import express, { type Router } from 'express';
import { ShopmateError } from '../../core/errors.ts';
import { requireRole } from './admin-auth.ts';
import { layout } from './admin-layout.ts';
import { field, formAction, sessionOf, type AdminContext } from './admin-options.ts';
import { privacyCustomerPage, privacySearchPage } from './privacy-page.ts';

const MAX_USER_ID = 256;

function userIdFrom(value: unknown): string {
  const id = typeof value === 'string' ? value.trim() : '';
  if (!id || id.length > MAX_USER_ID) throw new ShopmateError('BAD_REQUEST', 'enter a customer user id');
  return id;
}

/** Privacy requests: admins only, every access logged with the operator (the log holds the user id, not the data). */
export function privacyRoutes(ctx: AdminContext): Router {
  const router = express.Router();
  router.use('/privacy', requireRole('admin'));

  router.get('/privacy', (req, res) => {
    res.type('html').send(layout({ title: 'Privacy', active: 'privacy', session: sessionOf(req), body: privacySearchPage() }));
  });

  router.get('/privacy/customer', async (req, res) => {
    const session = sessionOf(req);
    const data = await ctx.store.privacy.exportCustomer(userIdFrom(req.query.userId));
    res.type('html').send(layout({ title: 'Privacy', active: 'privacy', session, body: privacyCustomerPage(data, session) }));
  });

  router.post('/privacy/export', async (req, res) => {
    const userId = userIdFrom(field(req.body, 'userId'));
    const data = await ctx.store.privacy.exportCustomer(userId);
    ctx.logger.info('customer data exported', { operator: sessionOf(req).username, userId });
    const name = `shopmate-export-${userId.replace(/[^A-Za-z0-9_-]/g, '_')}.json`;
    res.set({ 'Content-Disposition': `attachment; filename="${name}"`, 'Cache-Control': 'no-store' });
    res.type('application/json').send(JSON.stringify(data, null, 2));
  });

  router.post('/privacy/delete', formAction('/admin/privacy', async (req, session) => {
    const userId = userIdFrom(field(req.body, 'userId'));
    if (field(req.body, 'confirm') !== userId) throw new ShopmateError('BAD_REQUEST', 'the confirmation did not match the user id; nothing was deleted');
    const d = await ctx.store.privacy.deleteCustomer(userId);
    ctx.logger.info('customer data deleted', { operator: session.username, userId, ...d });
    return `Deleted ${userId}: ${d.conversations} conversations, ${d.turns} messages, ${d.feedback} feedback, ${d.reviewItems} review items, ${d.events} events`;
  }));
  return router;
}
