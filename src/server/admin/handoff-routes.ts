import express, { type Router } from 'express';
import { requireRole } from './admin-auth.ts';
import { layout } from './admin-layout.ts';
import { field, formAction, sessionOf, type AdminContext } from './admin-options.ts';
import { HandoffInbox } from './handoff-inbox.ts';
import { handoffConversationPage, handoffListPage } from './handoff-page.ts';

/** The handoff inbox pages, the reply / hand-back / close actions, and GET /api/handoffs. */
export function handoffRoutes(ctx: AdminContext): Router {
  const router = express.Router();
  const inbox = new HandoffInbox({ store: ctx.store, deliver: ctx.deliver, logger: ctx.logger, clock: ctx.clock });
  const id = (p: unknown) => String(p);

  router.get('/handoffs', async (req, res) => {
    const body = handoffListPage(await inbox.list(), ctx.clock());
    res.type('html').send(layout({ title: 'Handoffs', active: 'handoffs', session: sessionOf(req), body }));
  });

  router.get('/handoffs/:id', async (req, res) => {
    const session = sessionOf(req);
    const { conversation, turns } = await inbox.open(id(req.params.id));
    const body = handoffConversationPage({ session, conversation, turns, now: ctx.clock() });
    res.type('html').send(layout({ title: `Conversation ${conversation.id}`, active: 'handoffs', session, body }));
  });

  router.post('/handoffs/:id/reply', requireRole('agent'), formAction('/admin/handoffs', async (req, session) => {
    await inbox.reply(id(req.params.id), field(req.body, 'text'), session.username);
    return 'Reply sent to the customer';
  }));
  router.post('/handoffs/:id/hand-back', requireRole('agent'), formAction('/admin/handoffs', async (req, session) => {
    await inbox.setOwnership(id(req.params.id), 'bot', session.username);
    return 'Conversation handed back to the bot';
  }));
  router.post('/handoffs/:id/close', requireRole('agent'), formAction('/admin/handoffs', async (req, session) => {
    await inbox.setOwnership(id(req.params.id), 'closed', session.username);
    return 'Conversation closed';
  }));

  router.get('/api/handoffs', async (_req, res) => {
    const now = ctx.clock().getTime();
    res.json({ items: (await inbox.list()).map((e) => ({ conversation: e.conversation, position: e.position, waitingSince: e.waitingSince, waitingSeconds: Math.round((now - e.waitingSince.getTime()) / 1000), lastTurn: e.lastTurn })) });
  });
  return router;
}
