import express, { type Router } from 'express';
import { requireRole } from './admin-auth.ts';
import { layout } from './admin-layout.ts';
import { field, formAction, sessionOf, type AdminContext } from './admin-options.ts';
import { decideReview, type DecisionRequest } from './review-decision.ts';
import { reviewPage } from './review-page.ts';
import { loadReviewPage, parseReviewFilters } from './review-queue.ts';

const asIds = (v: unknown): string[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string' && x.length > 0);

function decisionFrom(body: unknown): DecisionRequest {
  return { action: field(body, 'action'), label: field(body, 'label'), question: field(body, 'question'), answer: field(body, 'answer') };
}

/** The review queue page, its form actions and the JSON equivalents under /api/review. */
export function reviewRoutes(ctx: AdminContext): Router {
  const router = express.Router();
  const decider = { store: ctx.store, knowledge: ctx.knowledge, intents: ctx.intents };
  const summary = (n: number, action: string) => `${n} item${n === 1 ? '' : 's'} ${action === 'dismiss' ? 'dismissed' : 'resolved'} (${action.replace('_', ' ')})`;

  router.get('/review', async (req, res) => {
    const session = sessionOf(req);
    const filters = parseReviewFilters(req.query as Record<string, unknown>);
    const { entries, total } = await loadReviewPage(ctx.store, filters);
    // One insight per customer on the page (a page holds at most REVIEW_PAGE_SIZE items).
    const users = [...new Set(entries.flatMap((e) => (e.turn ? [e.turn.userId] : [])))];
    const churn = new Map(await Promise.all(users.map(async (u) => [u, (await ctx.insights.forUser(u)).churn] as const)));
    res.type('html').send(layout({ title: 'Review queue', active: 'review', session, body: reviewPage({ session, filters, entries, total, intents: [...ctx.intents()].sort(), churn }) }));
  });

  router.post('/review/bulk', requireRole('agent'), formAction('/admin/review', async (req, session) => {
    const decision = decisionFrom(req.body);
    const done = await decideReview(decider, asIds((req.body as Record<string, unknown>).ids), decision, session.username);
    return summary(done.length, decision.action);
  }));

  router.post('/review/:id/decide', requireRole('agent'), formAction('/admin/review', async (req, session) => {
    const decision = decisionFrom(req.body);
    await decideReview(decider, [String(req.params.id)], decision, session.username);
    return decision.action === 'new_faq' ? 'FAQ entry added: customers get this answer from now on' : summary(1, decision.action);
  }));

  router.get('/api/review', async (req, res) => {
    const filters = parseReviewFilters(req.query as Record<string, unknown>);
    const { entries, total } = await loadReviewPage(ctx.store, filters);
    res.json({ total, page: filters.page, items: entries.map((e) => ({ ...e.item, turn: e.turn, context: e.context })) });
  });

  router.post('/api/review/decisions', requireRole('agent'), async (req, res) => {
    const body = req.body as Record<string, unknown>;
    const items = await decideReview(decider, asIds(body.ids), decisionFrom(body), sessionOf(req).username);
    res.json({ items });
  });
  return router;
}
