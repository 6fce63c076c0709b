import express, { type Router } from 'express';
import { requireRole } from './admin-auth.ts';
import { layout } from './admin-layout.ts';
import { field, formAction, sessionOf, type AdminContext } from './admin-options.ts';
import { decideReview, type DecisionRequest } from './review-decision.ts';
import { reviewPage } from './review-page.ts';
import { loadReviewClusters, loadReviewPage, parseReviewFilters } from './review-queue.ts';

const asIds = (v: unknown): string[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string' && x.length > 0);

function decisionFrom(body: unknown): DecisionRequest {
  const angry = (body as Record<string, unknown> | undefined)?.angry;
  return {
    action: field(body, 'action'),
    label: field(body, 'label'),
    question: field(body, 'question'),
    answer: field(body, 'answer'),
    sentiment: field(body, 'sentiment'),
    angry: typeof angry === 'boolean' ? String(angry) : field(body, 'angry'),
  };
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
    const clusters = await loadReviewClusters(ctx.store, filters, ctx.embed);
    // One insight per customer on the page (a page holds at most REVIEW_PAGE_SIZE items).
    const users = [...new Set(entries.flatMap((e) => (e.turn ? [e.turn.userId] : [])))];
    const churn = new Map(await Promise.all(users.map(async (u) => [u, (await ctx.insights.forUser(u)).churn] as const)));
    res.type('html').send(layout({ title: 'Review queue', active: 'review', session, body: reviewPage({ session, filters, entries, clusters, total, intents: [...ctx.intents()].sort(), churn }) }));
  });

  router.post('/review/bulk', requireRole('agent'), formAction('/admin/review', async (req, session) => {
    const decision = decisionFrom(req.body);
    const done = await decideReview(decider, asIds((req.body as Record<string, unknown>).ids), decision, session.username);
    return summary(done.length, decision.action);
  }));

  router.post('/review/cluster', requireRole('agent'), formAction('/admin/review', async (req, session) => {
    const decision = decisionFrom(req.body);
    // Cluster members are named "members" so the page's "select all" (for "ids") leaves them alone.
    const done = await decideReview(decider, asIds((req.body as Record<string, unknown>).members), decision, session.username);
    return `Cluster: ${summary(done.length, decision.action)}`;
  }));

  router.post('/review/:id/decide', requireRole('agent'), formAction('/admin/review', async (req, session) => {
    const decision = decisionFrom(req.body);
    await decideReview(decider, [String(req.params.id)], decision, session.username);
    if (decision.action === 'new_faq') return 'FAQ entry added: customers get this answer from now on';
    return decision.action === 'sentiment' ? 'Sentiment corrected: it trains the next sentiment model' : summary(1, decision.action);
  }));

  router.get('/api/review', async (req, res) => {
    const filters = parseReviewFilters(req.query as Record<string, unknown>);
    const { entries, total } = await loadReviewPage(ctx.store, filters);
    res.json({ total, page: filters.page, items: entries.map((e) => ({ ...e.item, turn: e.turn, context: e.context })) });
  });

  router.get('/api/review/clusters', async (req, res) => {
    const clusters = await loadReviewClusters(ctx.store, parseReviewFilters(req.query as Record<string, unknown>), ctx.embed);
    res.json({ clusters: clusters.map((c) => ({ count: c.items.length, intent: c.intent, examples: c.items.slice(0, 3).map((i) => i.text), itemIds: c.items.map((i) => i.id) })) });
  });

  router.post('/api/review/decisions', requireRole('agent'), async (req, res) => {
    const body = req.body as Record<string, unknown>;
    const items = await decideReview(decider, asIds(body.ids), decisionFrom(body), sessionOf(req).username);
    res.json({ items });
  });
  return router;
}
