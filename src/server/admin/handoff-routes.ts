import express, { type Request, type Router } from 'express';
import { requireRole } from './admin-auth.ts';
import { layout } from './admin-layout.ts';
import { field, formAction, sessionOf, type AdminContext } from './admin-options.ts';
import { activityStream } from './activity-stream.ts';
import { HandoffInbox } from './handoff-inbox.ts';
import { html } from './html.ts';
import { notesView } from './notes-view.ts';
import { handoffConversationFragment, handoffConversationPage, handoffListFragment, handoffListPage } from './handoff-page.ts';

/** `?partial=1`: only the part the live script swaps in, without the page frame. */
const partial = (req: Request) => req.query.partial === '1';

/**
 * The handoff inbox pages (live through the activity stream), the reply / hand-back / close actions, GET
 * /api/handoffs and the Server-Sent Events stream GET /api/handoffs/events.
 */
export function handoffRoutes(ctx: AdminContext): Router {
  const router = express.Router();
  const inbox = new HandoffInbox({ store: ctx.store, insights: ctx.insights, activity: ctx.activity, deliver: ctx.deliver, logger: ctx.logger, clock: ctx.clock });
  const id = (p: unknown) => String(p);

  router.get('/handoffs', async (req, res) => {
    const entries = await inbox.list();
    if (partial(req)) return void res.type('html').send(handoffListFragment(entries, ctx.clock()).value);
    const session = sessionOf(req);
    const body = html`${handoffListPage(entries, ctx.clock())}${notesView(await ctx.store.notes.listOpen(), session)}`;
    res.type('html').send(layout({ title: 'Handoffs', active: 'handoffs', session, body, scripts: ['/admin/assets/handoffs.js'] }));
  });

  router.post('/notes/:id/resolve', requireRole('agent'), formAction('/admin/handoffs', async (req) => {
    await ctx.store.notes.resolve(id(req.params.id));
    return 'Note marked as done';
  }));
  router.get('/api/notes', async (_req, res) => {
    res.json({ items: await ctx.store.notes.listOpen() });
  });

  router.get('/handoffs/:id', async (req, res) => {
    const session = sessionOf(req);
    const { conversation, turns } = await inbox.open(id(req.params.id));
    const view = { details: await inbox.details(conversation, turns), turns, now: ctx.clock() };
    if (partial(req)) return void res.type('html').send(handoffConversationFragment(view).value);
    const body = handoffConversationPage({ session, ...view });
    res.type('html').send(layout({ title: `Conversation ${conversation.id}`, active: 'handoffs', session, body, scripts: ['/admin/assets/handoffs.js'] }));
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

  router.get('/api/handoffs/events', activityStream(ctx.activity, ctx.logger));
  router.get('/api/handoffs', async (_req, res) => {
    const now = ctx.clock().getTime();
    const seconds = (d: Date | null) => (d ? Math.round((now - d.getTime()) / 1000) : null);
    res.json({ items: (await inbox.list()).map((e) => ({
      conversation: e.conversation, position: e.position, waitingSince: e.waitingSince, waitingSeconds: seconds(e.waitingSince),
      awaitingReplySince: e.awaitingReplySince, awaitingReplySeconds: seconds(e.awaitingReplySince),
      reason: e.handoffReason, customer: { userId: e.conversation.userId, verifiedOrderIds: e.verifiedOrderIds, emails: e.emails },
      sentiment: e.sentiment, churn: e.churn, lastTurn: e.lastTurn,
    })) });
  });
  return router;
}
